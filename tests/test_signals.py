"""The domain events: each service sends its event once, with the documented arguments,
inside its unit of work; what the receivers write rolls back with it."""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from forum import register_receivers, signals
from forum.complaints import services as complaints
from forum.complaints.models import Answer, Complaint
from forum.demo import loader as demo_loader
from forum.extensions import db
from forum.moderation import services as moderation
from forum.notifications import services as notifications
from forum.notifications.models import Follow
from forum.privacy import services as privacy
from forum.resolution import services as resolution
from forum.resolution.models import ReviewRevision
from forum.search import outbox
from forum.search.models import SearchOutbox
from forum.uow import write_transaction
from tests.conftest import PASSWORD, fresh


@contextmanager
def sent(signal):
    """Every send of ``signal`` while the block runs: (sender, keyword arguments)."""
    calls = []

    def receive(sender, **kwargs):
        assert kwargs["session"].in_transaction()  # sent inside the unit of work
        calls.append((sender, kwargs))

    with signal.connected_to(receive):
        yield calls


def _arguments(calls):
    return [sorted(kwargs) for _sender, kwargs in calls]


def _edit(user, complaint, **changes):
    values = {
        "title": complaint.title,
        "body": complaint.body_source,
        "category_id": complaint.category_id,
        "desired_outcome": complaint.desired_outcome,
        "rating": complaint.rating,
        "review": complaint.review,
        "private_details": None,
    }
    values.update(changes)
    return complaints.edit_complaint(user, complaint, **values)


def _post(author, category, **extra):
    text = {"title": "The boiler stopped heating", "desired_outcome": "repair"}
    body = "Since Monday the boiler does not heat the water at all."
    return complaints.create_complaint(
        fresh(author), body=body, category_id=category.id, **text, **extra
    )


def _revisions(complaint):
    return db.session.scalars(
        sa.select(ReviewRevision.rating)
        .where(ReviewRevision.complaint_id == complaint.id)
        .order_by(ReviewRevision.id)
    ).all()


def test_posting_a_complaint_sends_complaint_created_once_with_its_author(
    app, make_user, make_category
):
    author = make_user()
    category = make_category()
    with app.app_context():
        with sent(signals.complaint_created) as calls:
            complaint = _post(author, category)
        assert _arguments(calls) == [["author", "session"]]
        sender, kwargs = calls[0]
        assert sender is complaint
        assert kwargs["author"].id == author.id


def test_editing_a_complaint_sends_complaint_edited_saying_whether_the_rating_changed(
    app, make_complaint
):
    complaint = make_complaint(rating=2, review="Slow.")
    with app.app_context():
        author = fresh(complaint).author
        with sent(signals.complaint_edited) as calls:
            _edit(author, fresh(complaint), title="The fridge stopped cooling after two weeks")
            _edit(author, fresh(complaint), rating=4, review="They called back.")
        assert [kwargs["rating_changed"] for _sender, kwargs in calls] == [False, True]
        assert _arguments(calls) == [["editor", "rating_changed", "session"]] * 2
        assert all(sender.id == complaint.id for sender, _kwargs in calls)
        assert {kwargs["editor"].id for _sender, kwargs in calls} == {author.id}
        assert _revisions(complaint) == [2, 4]


def test_a_receiver_answering_rating_locked_keeps_the_rating_out_of_the_edit(app, make_complaint):
    complaint = make_complaint(rating=2, review="Slow.")
    asked = []

    def lock(sender, **kwargs):
        asked.append((sender.id, sorted(kwargs)))
        return True

    with app.app_context():
        author = fresh(complaint).author
        with signals.rating_locked.connected_to(lock), sent(signals.complaint_edited) as calls:
            _edit(author, fresh(complaint), title="Still not cooling", rating=5, review="Great.")
        edited = fresh(complaint)
        assert (edited.title, edited.rating, edited.review) == ("Still not cooling", 2, "Slow.")
        assert asked == [(complaint.id, ["session"])]
        assert calls[0][1]["rating_changed"] is False
        assert _revisions(complaint) == [2]


def test_answer_published_is_sent_once_when_posted_visible_and_when_approved_from_the_queue(
    app, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    author = make_user()
    staff = make_user(role="staff")
    with app.app_context():
        with sent(signals.answer_published) as calls:
            answer = complaints.post_answer(fresh(author), fresh(complaint), "Ask for a refund.")
        assert _arguments(calls) == [["author", "complaint", "session"]]
        sender, kwargs = calls[0]
        assert sender is answer
        assert (kwargs["complaint"].id, kwargs["author"].id) == (complaint.id, author.id)

    held = make_answer(complaint, author=author, body="Write to the manufacturer.")
    with app.app_context():
        db.session.execute(
            sa.update(Answer).where(Answer.id == held.id).values(visibility="pending")
        )
        db.session.commit()
        with sent(signals.answer_published) as calls:
            moderation.approve(fresh(staff), "answer", held.id)
        assert [sender.id for sender, _kwargs in calls] == [held.id]
        assert calls[0][1]["author"].id == author.id


def test_editing_an_answer_sends_answer_edited_with_the_editor(app, make_complaint, make_answer):
    answer = make_answer(make_complaint())
    with app.app_context():
        editor = fresh(answer).author
        with sent(signals.answer_edited) as calls:
            complaints.edit_answer(editor, fresh(answer), "Have you tried unplugging it?")
        assert _arguments(calls) == [["editor", "session"]]
        assert (calls[0][0].id, calls[0][1]["editor"].id) == (answer.id, editor.id)


def test_votes_send_vote_changed_only_when_a_vote_really_changed(
    app, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    answer = make_answer(complaint)
    voter = make_user()
    with app.app_context(), sent(signals.vote_changed) as calls:
        complaints.vote_on_complaint(fresh(voter), fresh(complaint), 1)
        complaints.vote_on_complaint(fresh(voter), fresh(complaint), 1)  # a double click
        complaints.vote_on_answer(fresh(voter), fresh(answer), -1)
        complaints.vote_on_answer(fresh(voter), fresh(answer), -1)
        complaints.vote_on_complaint(fresh(voter), fresh(complaint), 0)
        seen = [
            (type(sender).__name__, sender.id, kwargs["complaint"].id, kwargs["value"])
            for sender, kwargs in calls
        ]
    assert seen == [
        ("Complaint", complaint.id, complaint.id, 1),
        ("Answer", answer.id, complaint.id, -1),
        ("Complaint", complaint.id, complaint.id, 0),
    ]
    assert _arguments(calls) == [["complaint", "session", "value"]] * 3


def test_nothing_the_receivers_wrote_survives_a_rolled_back_unit(app, make_user, make_category):
    author = make_user()
    category = make_category()
    with app.app_context():
        pending = outbox.pending_count()
        with pytest.raises(RuntimeError), write_transaction():
            _post(author, category, rating=1, review="Cold showers.")
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Follow)) == 1
            raise RuntimeError("the unit of work fails")
        for model in (Complaint, Follow, ReviewRevision):
            assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0
        assert outbox.pending_count() == pending
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == pending


def test_the_receivers_are_connected_once_however_many_apps_are_built(app):
    before = {name: len(signal.receivers) for name, signal in vars(signals).items() if _is(signal)}
    register_receivers(app)  # as each app the tests build does
    after = {name: len(signal.receivers) for name, signal in vars(signals).items() if _is(signal)}
    assert after == before
    assert before["complaint_created"] >= 3  # notifications, resolution and search listen


def _is(value):
    return isinstance(value, type(signals.complaint_created))


# -- resolution, moderation and accounts ----------------------------------------------------


@pytest.fixture
def enqueued(monkeypatch):
    """The threads the search receivers queue for reindexing (the real queueing runs)."""
    calls = []
    enqueue = outbox.enqueue

    def recording(session, complaint_id, only_votes=False):
        calls.append(complaint_id)
        return enqueue(session, complaint_id, only_votes=only_votes)

    monkeypatch.setattr(outbox, "enqueue", recording)
    return calls


def test_status_moves_send_status_changed_once_with_the_old_and_new_status(
    app, make_user, make_complaint, enqueued
):
    complaint = make_complaint()
    staff = make_user(role="staff")
    enqueued.clear()
    with app.app_context():
        with sent(signals.status_changed) as calls:
            resolution.change_status(fresh(staff), fresh(complaint), "acknowledged")
            resolution.change_status(
                fresh(staff), fresh(complaint), "in_progress", promised_date="2030-01-31"
            )
            resolution.change_status(
                fresh(staff),
                fresh(complaint),
                "in_progress",
                promised_date="2030-02-28",
                note="Parts",
            )
            resolution.change_status(fresh(staff), fresh(complaint), "resolved")
            resolution.respond_to_resolution(
                fresh(complaint).author, fresh(complaint), False, reason="Still broken."
            )
        moves = [(kwargs["old"], kwargs["new"]) for _sender, kwargs in calls]
        assert moves == [
            ("open", "acknowledged"),
            ("acknowledged", "in_progress"),
            ("in_progress", "in_progress"),  # only the promised date moved
            ("in_progress", "resolved"),
            ("resolved", "open"),  # the author disputed the resolution
        ]
        assert _arguments(calls) == [["actor", "new", "old", "session"]] * 5
        assert {sender.id for sender, _kwargs in calls} == {complaint.id}
        assert [kwargs["actor"].id for _sender, kwargs in calls][:4] == [staff.id] * 4
    assert enqueued == [complaint.id] * 5


def test_marking_answers_sends_answer_marked_only_when_the_mark_changes(
    app, make_user, make_complaint, make_answer, enqueued
):
    complaint = make_complaint()
    staff = make_user(role="staff")
    answer = make_answer(complaint, author=staff, body="We will replace it this week.")
    enqueued.clear()
    with app.app_context():
        with sent(signals.answer_marked) as calls:
            resolution.mark_official(fresh(staff), fresh(answer), mark=True)
            resolution.mark_official(fresh(staff), fresh(answer), mark=True)  # a double click
            resolution.accept_answer(fresh(complaint).author, fresh(answer), accept=True)
            resolution.mark_official(fresh(staff), fresh(answer), mark=False)
        marks = [(sender.id, kwargs["kind"], kwargs["on"]) for sender, kwargs in calls]
        assert marks == [
            (answer.id, "official", True),
            (answer.id, "accepted", True),
            (answer.id, "official", False),
        ]
        assert {kwargs["complaint"].id for _sender, kwargs in calls} == {complaint.id}
        assert _arguments(calls) == [["complaint", "kind", "on", "session"]] * 3
    assert enqueued == [complaint.id] * 3


def test_moderating_posts_sends_post_changed_with_the_thread_and_who_did_it(
    app, make_user, make_complaint, make_answer, enqueued
):
    complaint = make_complaint()
    answer = make_answer(complaint)
    staff = make_user(role="staff")
    enqueued.clear()
    with app.app_context():
        with sent(signals.post_changed) as calls:
            moderation.remove(fresh(staff), "answer", answer.id, "hide", "abusive")
            moderation.restore(fresh(staff), "answer", answer.id)
            moderation.edit_post(fresh(staff), "answer", answer.id, "Have you tried a reset?")
            moderation.redact(
                fresh(staff), "complaint", complaint.id, "Bought a fridge [redacted]."
            )
        seen = [
            (type(sender).__name__, sender.id, kwargs["complaint"].id) for sender, kwargs in calls
        ]
        assert seen == [("Answer", answer.id, complaint.id)] * 3 + [
            ("Complaint", complaint.id, complaint.id)
        ]
        assert {kwargs["actor"].id for _sender, kwargs in calls} == {staff.id}
        assert _arguments(calls) == [["actor", "complaint", "session"]] * 4
    assert enqueued == [complaint.id] * 4


def test_moving_a_complaint_sends_complaint_moved_with_its_old_category(
    app, make_user, make_category, make_complaint, enqueued
):
    complaint = make_complaint()
    elsewhere = make_category()
    staff = make_user(role="staff")
    enqueued.clear()
    with app.app_context():
        with sent(signals.complaint_moved) as calls:
            moderation.move(fresh(staff), complaint.id, elsewhere.id, reason="Wrong shelf")
        assert [(sender.id, kwargs["old_category_id"]) for sender, kwargs in calls] == [
            (complaint.id, complaint.category_id)
        ]
        assert calls[0][1]["actor"].id == staff.id
        assert fresh(complaint).category_id == elsewhere.id
    assert enqueued == [complaint.id]


def test_a_merge_sends_complaints_merged_and_the_duplicates_followers_follow_the_target(
    app, make_user, make_complaint, enqueued
):
    follower, both = make_user(), make_user()
    admin = make_user(role="admin")
    source = make_complaint()
    target = make_complaint(title="The freezer stopped freezing after a month")
    with app.app_context():
        for user, complaint in ((follower, source), (both, source), (both, target)):
            notifications.set_following(fresh(user), fresh(complaint), 1)
    enqueued.clear()
    with app.app_context():
        with sent(signals.complaints_merged) as calls:
            assert moderation.merge(fresh(admin), source.id, target.id) == "done"
        assert [(sender.id, kwargs["target"].id) for sender, kwargs in calls] == [
            (source.id, target.id)
        ]
        assert calls[0][1]["actor"].id == admin.id
        followers = db.session.scalars(
            sa.select(Follow.user_id).where(Follow.complaint_id == target.id)
        ).all()
        assert sorted(followers) == sorted(
            [target.author_id, source.author_id, follower.id, both.id]
        )
    assert sorted(enqueued) == sorted([source.id, target.id])


def test_account_changes_others_see_send_member_changed(app, make_user):
    member = make_user()
    admin = make_user(role="admin")
    with app.app_context():
        with sent(signals.member_changed) as calls:
            moderation.suspend_for(fresh(admin), member.id, 7, "Insults")
            moderation.lift_suspension(fresh(admin), member.id)
            moderation.ban(fresh(admin), member.id, "Spam")
            moderation.change_role(fresh(admin), member.id, "staff", reason="Hired")
            privacy.delete_account(fresh(member), PASSWORD)
        assert [sender.id for sender, _kwargs in calls] == [member.id] * 5
        assert _arguments(calls) == [["session"]] * 5


def test_new_categories_send_site_changed_once_and_a_second_load_sends_nothing(app):
    with app.app_context():
        with sent(signals.site_changed) as calls:
            demo_loader._ensure_categories()
            demo_loader._ensure_categories()
        assert [(sender, sorted(kwargs)) for sender, kwargs in calls] == [(None, ["session"])]


def test_a_rolled_back_merge_moves_no_follower_and_queues_nothing(
    app, make_user, make_complaint, enqueued
):
    follower = make_user()
    admin = make_user(role="admin")
    source = make_complaint()
    target = make_complaint(title="The freezer stopped freezing after a month")
    with app.app_context():
        notifications.set_following(fresh(follower), fresh(source), 1)
        pending = outbox.pending_count()
    enqueued.clear()
    with app.app_context():
        with pytest.raises(RuntimeError), write_transaction():
            moderation.merge(fresh(admin), source.id, target.id)
            raise RuntimeError("the unit of work fails")
        followers = db.session.scalars(
            sa.select(Follow.user_id).where(Follow.complaint_id == target.id)
        ).all()
        assert followers == [target.author_id]
        assert fresh(source).visibility == "visible"
        assert outbox.pending_count() == pending
    assert sorted(enqueued) == sorted([source.id, target.id])  # queued, then rolled back
