"""The unit of work: side effects run once, after the outermost commit, never after a rollback."""

import logging

import pytest
import sqlalchemy as sa

from forum import mail, page_cache
from forum.complaints.models import Complaint
from forum.extensions import cache, db
from forum.mail import MailMessage
from forum.moderation import services as moderation
from forum.search import outbox
from forum.uow import after_commit, write_transaction
from tests import test_mail_delivery
from tests.conftest import fresh

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


def _queue_mail(session, user, subject):
    mail.queue(session, user, subject=subject, body="Body.\n", kind="account", dedupe_key=subject)


def _mail_rows():
    return db.session.scalars(sa.select(MailMessage).order_by(MailMessage.id)).all()


def test_a_rolled_back_unit_sends_no_mail_applies_no_outbox_and_keeps_cached_pages(
    app, make_user, make_complaint, applied, deliveries
):
    app.config["PAGE_CACHE_ENABLED"] = True
    user = make_user(email="someone@example.org")
    complaint = make_complaint()
    applied.clear()
    with app.app_context():
        generation = page_cache._generation()
        pending = outbox.pending_count()
        with pytest.raises(RuntimeError), write_transaction() as session:
            session.execute(
                sa.update(Complaint).where(Complaint.id == complaint.id).values(title="Gone")
            )
            outbox.enqueue(session, complaint.id)
            _queue_mail(session, fresh(user), "Never sent")
            raise RuntimeError("the unit of work fails")
        assert cache.get(page_cache.GENERATION_KEY) == generation
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


def test_a_committed_unit_applies_its_outbox_once_and_forgets_cached_pages(
    app, make_complaint, applied
):
    app.config["PAGE_CACHE_ENABLED"] = True
    complaint = make_complaint()
    applied.clear()
    with app.app_context():
        generation = page_cache._generation()
        pending = outbox.pending_count()
        with write_transaction() as session:
            outbox.enqueue(session, complaint.id)
            outbox.enqueue(session, complaint.id)
            assert applied == []
        assert cache.get(page_cache.GENERATION_KEY) != generation
    assert applied == [pending + 2]  # one apply, after the commit, seeing both rows


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
        assert len(rows) == announced
        assert all(row.sent_at is not None for row in rows)
        assert db.session.get(Complaint, complaint.id).answer_count == 1
    assert deliveries == ["author@example.org"] * announced
