"""The unit of work: side effects run once, after the outermost commit, never after a rollback."""

import logging

import pytest
import sqlalchemy as sa

from forum import mail, page_cache
from forum.complaints import services as complaints
from forum.complaints.models import Complaint
from forum.extensions import db
from forum.mail import MailMessage
from forum.moderation import services as moderation
from forum.notifications import services as notifications
from forum.notifications.models import Notification
from forum.search import outbox
from forum.uow import after_commit, write_transaction
from tests import test_mail_delivery
from tests.background import drain_background_work
from tests.conftest import fresh
from tests.test_page_cache_tags import kept
from tests.test_seo_pages import thread_path

deliveries = test_mail_delivery.deliveries  # every e-mail handed to the SMTP connection


@pytest.fixture
def applied(monkeypatch):
    """Every after-commit apply of the search outbox (the real apply still runs)."""
    calls = []
    apply = outbox.apply_soon

    def recording():
        calls.append(outbox.pending_count())
        return apply()

    monkeypatch.setattr(outbox, "apply_soon", recording)
    return calls


@pytest.fixture
def bumped(app, monkeypatch):
    """Every tag the page cache gives a new version, with the page cache on (the real
    bump still runs)."""
    app.config["PAGE_CACHE_ENABLED"] = True
    tags = []
    bump = page_cache._bump

    def recording(found):
        tags.extend(found)
        return bump(found)

    monkeypatch.setattr(page_cache, "_bump", recording)
    return tags


def _queue_mail(session, user, subject):
    mail.queue(session, user, subject=subject, body="Body.\n", kind="account", dedupe_key=subject)


def _mail_rows():
    return db.session.scalars(sa.select(MailMessage).order_by(MailMessage.id)).all()


def test_a_rolled_back_unit_sends_no_mail_applies_no_outbox_and_keeps_cached_pages(
    app, make_user, make_complaint, applied, deliveries, bumped
):
    user = make_user(email="someone@example.org")
    complaint = make_complaint()
    applied.clear()
    bumped.clear()
    with app.app_context():
        pending = outbox.pending_count()
        with pytest.raises(RuntimeError), write_transaction() as session:
            session.execute(
                sa.update(Complaint).where(Complaint.id == complaint.id).values(title="Gone")
            )
            outbox.enqueue(session, complaint.id)
            _queue_mail(session, fresh(user), "Never sent")
            page_cache.invalidate(page_cache.thread_tag(complaint.id))
            raise RuntimeError("the unit of work fails")
        assert bumped == []
        assert _mail_rows() == []
        assert outbox.pending_count() == pending
        assert fresh(complaint).title != "Gone"
    assert applied == []
    assert deliveries == []


def test_mail_queued_in_a_unit_is_sent_once_it_committed_without_being_asked(
    app, make_user, deliveries
):
    user = make_user(email="someone@example.org")
    with app.app_context():
        with write_transaction() as session:
            _queue_mail(session, fresh(user), "First")
            _queue_mail(session, fresh(user), "Second")
            assert deliveries == []  # nothing leaves before the commit
        assert [message.sent_at is not None for message in _mail_rows()] == [True, True]
    assert deliveries == ["someone@example.org", "someone@example.org"]


def test_a_committed_unit_applies_its_outbox_once_and_keeps_the_cached_pages(
    app, client, make_complaint, applied, bumped, count_queries
):
    complaint = make_complaint()
    paths = ("/", thread_path(complaint))
    for path in paths:
        client.get(path)
    drain_background_work()
    applied.clear()
    bumped.clear()
    with app.app_context():
        pending = outbox.pending_count()
        with write_transaction() as session:
            outbox.enqueue(session, complaint.id)
            outbox.enqueue(session, complaint.id)
            assert applied == []
    assert applied == [pending + 2]  # one apply, after the commit, seeing both rows
    drain_background_work()
    # The index apply changes search results only: no other page is dropped.
    assert set(bumped) <= {page_cache.SEARCH}
    assert all(kept(client, count_queries, path) for path in paths)


def test_a_committed_write_bumps_exactly_the_tags_of_what_it_changed(
    app, make_user, make_complaint, bumped
):
    author = make_user("pia_w")
    complaint = make_complaint()
    drain_background_work()
    bumped.clear()
    with app.app_context():
        complaints.post_answer(fresh(author), fresh(complaint), "Descale it first.")
    drain_background_work()
    changed = {
        page_cache.thread_tag(complaint.id),
        page_cache.category_tag(complaint.category.slug),
        page_cache.LISTINGS,
        page_cache.member_tag("pia_w"),
    }
    # Besides them, only the search index's own apply, which bumps ``search``.
    assert set(bumped) - {page_cache.SEARCH} == changed


def test_reading_notifications_and_sending_mail_keep_every_cached_page(
    app, client, make_user, make_complaint, make_answer, bumped, deliveries, count_queries
):
    author = make_user(email="author@example.org")
    complaint = make_complaint(author=author)
    make_answer(complaint)  # the author is told, in the app and by e-mail
    paths = ("/", thread_path(complaint), f"/members/{author.username}")
    for path in paths:
        client.get(path)
    drain_background_work()
    bumped.clear()
    with app.app_context():
        note = db.session.scalar(sa.select(Notification).filter_by(user_id=author.id))
        notifications.mark_read(fresh(author), note.id)
        notifications.mark_all_read(fresh(author))
        with write_transaction() as session:
            _queue_mail(session, fresh(author), "Your account")  # sent after the commit
        assert all(row.sent_at is not None for row in _mail_rows())
    assert "author@example.org" in deliveries
    assert bumped == []
    assert all(kept(client, count_queries, path) for path in paths)


def test_nested_units_run_their_callbacks_once_after_the_outer_commit_in_order(app, make_complaint):
    complaint = make_complaint()
    seen = []

    def committed_title():
        # Read on a connection of its own: only committed data is visible there.
        with db.engine.connect() as connection:
            return connection.scalar(sa.select(Complaint.title).where(Complaint.id == complaint.id))

    with app.app_context():
        with write_transaction() as session:
            session.execute(
                sa.update(Complaint).where(Complaint.id == complaint.id).values(title="Renamed")
            )
            after_commit(lambda: seen.append(("outer", committed_title())))
            with write_transaction():
                after_commit(lambda: seen.append(("inner", committed_title())), key="k")
                after_commit(lambda: seen.append(("inner again", None)), key="k")
            assert seen == []  # the inner unit's end is not a commit
            after_commit(lambda: seen.append(("last", None)))
            assert seen == []
    assert seen == [("outer", "Renamed"), ("inner", "Renamed"), ("last", None)]


def test_after_commit_outside_a_unit_of_work_raises(app):
    with app.app_context():
        with pytest.raises(RuntimeError, match="unit of work"):
            after_commit(lambda: None)
        with write_transaction():
            pass
        with pytest.raises(RuntimeError, match="unit of work"):
            after_commit(lambda: None)  # the unit is over


def test_a_failing_callback_keeps_the_write_and_the_callbacks_after_it(app, caplog):
    seen = []

    def broken():
        db.session.execute(sa.text("SELECT * FROM no_such_table"))

    with app.app_context():
        with write_transaction() as session:
            session.execute(sa.update(Complaint).values(title="Kept"))
            after_commit(broken)
            after_commit(lambda: seen.append(db.session().in_transaction()))
        assert seen == [False]  # the failed callback's transaction was ended
    assert "Work after the commit failed" in caplog.text
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def test_dismissing_reports_restores_a_hidden_answer_and_mails_after_commit_only(
    app, make_user, make_complaint, make_answer, deliveries
):
    """Reports hide only a public answer, so dismissing them brings back one that was
    announced when it was posted: its followers are not e-mailed about it again, and
    nothing dismissal queued waits for cron."""
    app.config["FLAG_THRESHOLD"] = 1
    author = make_user("author", email="author@example.org")
    staff = make_user("nina", role="staff")
    reporter = make_user("oskar", role="staff")  # whose reports always count
    complaint = make_complaint(author=author)
    answer = make_answer(complaint, body="Have you tried descaling it?")
    with app.app_context():
        announced = len(_mail_rows())
        assert moderation.flag(fresh(reporter), "answer", answer.id, "spam") is True
        assert fresh(answer).visibility == "hidden"
        moderation.dismiss_flags(fresh(staff), "answer", answer.id)
        assert fresh(answer).visibility == "visible"
        rows = _mail_rows()
        # The answer's author was told it was hidden; nobody hears of it again.
        assert len(rows) == announced + 1 and rows[-1].kind == "post_hidden"
        assert all(row.sent_at is not None for row in rows)
        assert db.session.get(Complaint, complaint.id).answer_count == 1
        answerer = fresh(answer).author.email
    assert deliveries == ["author@example.org"] * announced + [answerer]
