"""Flags, the moderation queue and its actions, transparency rules and the audit log."""

import pytest
import sqlalchemy as sa

from forum.complaints.models import Answer, Category, Complaint, ComplaintVote
from forum.extensions import db
from forum.moderation.models import AuditEntry, AuditLogIsAppendOnly, Flag, PostRevision


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "staff2": make_user("oskar", role="staff"),
        "admin": make_user("root", role="admin"),
        "m1": make_user("member1"),
        "m2": make_user("member2"),
        "m3": make_user("member3"),
    }


def thread_url(complaint):
    return f"/complaints/{complaint.id}/{complaint.slug}"


def row(app, model, ident):
    with app.app_context():
        value = db.session.get(model, ident)
        db.session.expunge(value)
        return value


def audit_actions(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def flag_as(client, auth, username, path, **data):
    auth.login(username)
    response = client.post(path, data={"reason": "abusive", **data})
    auth.logout()
    return response


def test_members_flag_once_and_three_flags_hide_a_post_pending_review(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], title="Rude staff in the Malmö store")
    path = f"/complaints/{complaint.id}/flag"
    assert flag_as(client, auth, "member1", path).status_code == 303
    again = flag_as(client, auth, "member1", path)
    assert again.status_code == 409 and "already reported" in again.get_data(as_text=True)
    flag_as(client, auth, "member2", path, reason="spam")
    assert row(app, Complaint, complaint.id).visibility == "visible"
    flag_as(client, auth, "member3", path)
    assert row(app, Complaint, complaint.id).visibility == "hidden"
    response = client.get(thread_url(complaint))
    assert response.status_code == 404
    assert "hidden pending review" in response.get_data(as_text=True)
    assert "Rude staff" not in client.get("/complaints").get_data(as_text=True)
    assert row(app, Category, complaint.category_id).complaint_count == 0
    assert audit_actions(app) == ["auto_hide"]


def test_flag_rules(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("author")
    own = client.post(f"/complaints/{complaint.id}/flag", data={"reason": "spam"})
    assert own.status_code == 403
    auth.logout()
    auth.login("member1")
    other = client.post(f"/complaints/{complaint.id}/flag", data={"reason": "other"})
    assert other.status_code == 422 and "Say what is wrong" in other.get_data(as_text=True)
    dup = client.post(
        f"/complaints/{complaint.id}/flag", data={"reason": "duplicate", "details": "kept text"}
    )
    assert dup.status_code == 422
    assert "original complaint" in dup.get_data(as_text=True)
    assert "kept text" in dup.get_data(as_text=True)
    original = make_complaint(author=people["m2"])
    ok = client.post(
        f"/complaints/{complaint.id}/flag",
        data={"reason": "duplicate", "duplicate_of": f"http://x/complaints/{original.id}/slug"},
    )
    assert ok.status_code == 303
    with app.app_context():
        assert db.session.scalar(sa.select(Flag.duplicate_of_id)) == original.id
    assert client.get(f"/complaints/{complaint.id}/flag").status_code == 200


def test_queue_is_for_staff_and_lists_most_flagged_first(
    client, auth, people, make_complaint, make_answer, app
):
    once = make_complaint(author=people["author"], title="Flagged by one member only")
    twice = make_complaint(author=people["author"], title="Flagged by two members here")
    flag_as(client, auth, "member1", f"/complaints/{once.id}/flag")
    flag_as(client, auth, "member1", f"/complaints/{twice.id}/flag")
    flag_as(client, auth, "member2", f"/complaints/{twice.id}/flag", details="insulting words")
    assert client.get("/mod/queue").status_code == 302
    auth.login("member1")
    assert client.get("/mod/queue").status_code == 403
    assert client.get("/mod/log").status_code == 403
    auth.logout()
    auth.login("nina")
    html = client.get("/mod/queue").get_data(as_text=True)
    assert html.index(twice.title) < html.index(once.title)
    assert "insulting words" in html


def test_staff_restore_a_hidden_post_and_the_log_shows_it(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    for name in ("member1", "member2", "member3"):
        flag_as(client, auth, name, f"/complaints/{complaint.id}/flag")
    auth.login("nina")
    assert (
        client.post(
            f"/mod/complaint/{complaint.id}/restore", data={"note": "Fair criticism"}
        ).status_code
        == 303
    )
    assert row(app, Complaint, complaint.id).visibility == "visible"
    assert client.get(thread_url(complaint)).status_code == 200
    log = client.get("/mod/log").get_data(as_text=True)
    assert "restore" in log and "Fair criticism" in log and "auto_hide" in log
    assert row(app, Category, complaint.category_id).complaint_count == 1


def test_one_staff_member_cannot_remove_a_critical_complaint_alone(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    response = client.post(f"/mod/complaint/{complaint.id}/hide", data={"reason": "abusive"})
    assert response.status_code == 303
    assert row(app, Complaint, complaint.id).visibility == "visible"
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert "asks to hide it" in queue
    with app.app_context():
        from forum.moderation.models import RemovalRequest

        request_id = db.session.scalar(sa.select(RemovalRequest.id))
    own = client.post(f"/mod/requests/{request_id}", data={"decision": "approve"})
    assert own.status_code == 403
    auth.logout()
    auth.login("oskar")
    assert (
        client.post(f"/mod/requests/{request_id}", data={"decision": "approve"}).status_code == 303
    )
    assert row(app, Complaint, complaint.id).visibility == "hidden"
    assert "request_hide" in audit_actions(app) and "hide" in audit_actions(app)


@pytest.mark.parametrize(
    ("who", "reason"), [("nina", "spam"), ("nina", "personal_data"), ("root", "abusive")]
)
def test_spam_personal_data_or_an_admin_remove_at_once(
    client, auth, people, make_complaint, app, who, reason
):
    complaint = make_complaint(author=people["author"])
    auth.login(who)
    client.post(f"/mod/complaint/{complaint.id}/delete", data={"reason": reason})
    assert row(app, Complaint, complaint.id).visibility == "deleted"
    auth.logout()
    response = client.get(thread_url(complaint))
    assert response.status_code == 410
    assert "removed by staff" in response.get_data(as_text=True)


def test_answers_removed_by_one_staff_member_leave_a_placeholder(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["m1"], body="Buy from the competitor instead!")
    auth.login("nina")
    client.post(f"/mod/answer/{answer.id}/hide", data={"reason": "off_topic"})
    auth.logout()
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert "competitor" not in html
    assert "An answer was removed by staff: off-topic." in html
    assert row(app, Complaint, complaint.id).answer_count == 0
    auth.login("nina")
    assert "competitor" in client.get(thread_url(complaint)).get_data(as_text=True)


def test_locked_threads_take_no_answers_or_votes(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(f"/mod/complaints/{complaint.id}/lock", data={"note": "Heated"})
    auth.logout()
    auth.login("member1")
    answer = client.post(f"/complaints/{complaint.id}/answers", data={"body": "Me too!"})
    assert answer.status_code == 403
    vote = client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    assert vote.status_code == 403
    assert "locked" in client.get(thread_url(complaint)).get_data(as_text=True)
    auth.logout()
    auth.login("nina")
    client.post(f"/mod/complaints/{complaint.id}/unlock")
    auth.logout()
    auth.login("member1")
    assert client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"}).status_code == 303
    assert audit_actions(app) == ["lock", "unlock"]


def test_move_keeps_category_counts(client, auth, people, make_category, make_complaint, app):
    old, new = make_category("Phones", "phones"), make_category("Billing", "billing")
    complaint = make_complaint(author=people["author"], category=old)
    auth.login("nina")
    client.post(f"/mod/complaints/{complaint.id}/move", data={"category": str(new.id)})
    assert row(app, Complaint, complaint.id).category_id == new.id
    assert row(app, Category, old.id).complaint_count == 0
    assert row(app, Category, new.id).complaint_count == 1


def test_merge_moves_answers_and_merges_votes_without_counting_anyone_twice(
    client, auth, people, make_complaint, make_answer, app
):
    target = make_complaint(author=people["author"], title="Original complaint about refunds")
    duplicate = make_complaint(author=people["m3"], title="Duplicate complaint about refunds")
    make_answer(duplicate, author=people["m2"], body="Answer on the duplicate.")
    with app.app_context():
        for user, complaint in (
            (people["m1"], target),
            (people["m1"], duplicate),
            (people["m2"], duplicate),
            (people["author"], duplicate),
        ):
            db.session.add(ComplaintVote(user_id=user.id, complaint_id=complaint.id))
        db.session.commit()
    auth.login("nina")
    response = client.post(
        f"/mod/complaints/{duplicate.id}/merge", data={"target": f"/complaints/{target.id}/x"}
    )
    assert response.status_code == 303
    merged = row(app, Complaint, target.id)
    # member1 voted on both (counted once), member2 joins; the target's author is not
    # counted as affected by their own complaint.
    assert merged.vote_count == 2
    assert merged.answer_count == 1
    with app.app_context():
        voters = set(
            db.session.scalars(
                sa.select(ComplaintVote.user_id).where(ComplaintVote.complaint_id == target.id)
            )
        )
        assert voters == {people["m1"].id, people["m2"].id}
        assert db.session.scalar(sa.select(Answer.complaint_id)) == target.id
    auth.logout()
    old = client.get(thread_url(duplicate))
    assert old.status_code == 301
    assert old.headers["Location"] == thread_url(target)
    assert client.get(f"/complaints/{duplicate.id}").headers["Location"] == thread_url(target)
    assert "Answer on the duplicate." in client.get(thread_url(target)).get_data(as_text=True)


def test_staff_edits_keep_versions_and_the_public_sees_edited(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], body="My phone is 0701234567, call me!")
    auth.login("member1")
    assert client.get(f"/mod/complaint/{complaint.id}/edit").status_code == 403
    auth.logout()
    auth.login("nina")
    response = client.post(
        f"/mod/complaint/{complaint.id}/edit",
        data={"body": "My phone number was removed by staff.", "reason": "personal data"},
    )
    assert response.status_code == 303
    versions = client.get(f"/mod/complaint/{complaint.id}/edit").get_data(as_text=True)
    assert "0701234567" in versions
    auth.logout()
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert "0701234567" not in html and "edited" in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PostRevision)) == 1


def test_author_edits_keep_the_previous_version(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("author")
    client.post(
        f"/complaints/{complaint.id}/edit",
        data={
            "title": complaint.title,
            "body": "A completely rewritten description.",
            "category": str(complaint.category_id),
            "desired_outcome": "refund",
        },
    )
    with app.app_context():
        kept = db.session.scalar(sa.select(PostRevision.body_source))
    assert kept == complaint.body_source


def test_assignment_and_internal_notes_are_for_staff_only(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(
        f"/mod/complaints/{complaint.id}/assign", data={"assignee": str(people["staff2"].id)}
    )
    client.post(
        f"/mod/complaints/{complaint.id}/notes", data={"body": "Customer is a VIP, escalate"}
    )
    staff_view = client.get(thread_url(complaint)).get_data(as_text=True)
    assert "Customer is a VIP" in staff_view
    assert row(app, Complaint, complaint.id).assignee_id == people["staff2"].id
    auth.logout()
    assert "Customer is a VIP" not in client.get(thread_url(complaint)).get_data(as_text=True)
    auth.login("author")
    assert "Customer is a VIP" not in client.get(thread_url(complaint)).get_data(as_text=True)
    assert (
        client.post(f"/mod/complaints/{complaint.id}/notes", data={"body": "x"}).status_code == 403
    )


def test_audit_log_filters_and_is_append_only(client, auth, people, make_complaint, app):
    first = make_complaint(author=people["author"])
    second = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(f"/mod/complaints/{first.id}/pin")
    auth.logout()
    auth.login("oskar")
    client.post(f"/mod/complaints/{second.id}/lock")
    html = client.get("/mod/log?actor=nina").get_data(as_text=True)
    assert "<code>pin</code>" in html and "<code>lock</code>" not in html
    html = client.get("/mod/log?action=lock").get_data(as_text=True)
    assert "<code>lock</code>" in html and "<code>pin</code>" not in html
    html = client.get(f"/mod/log?target=complaint:{first.id}").get_data(as_text=True)
    assert "<code>pin</code>" in html and "<code>lock</code>" not in html
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry))
        entry.reason = "rewritten history"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.scalar(sa.select(AuditEntry)))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()


def test_pinned_complaints_lead_the_hot_listing(client, auth, people, make_complaint, app):
    old = make_complaint(author=people["author"], title="Old announcement pinned by staff")
    for n in range(3):
        make_complaint(author=people["author"], title=f"Newer complaint number {n}")
    html = client.get("/complaints").get_data(as_text=True)
    assert html.index("Newer complaint number 2") < html.index(old.title)
    auth.login("nina")
    client.post(f"/mod/complaints/{old.id}/pin")
    html = client.get("/complaints").get_data(as_text=True)
    assert html.index(old.title) < html.index("Newer complaint number 2")
    assert html.count(old.title) == 1 and "📌 Pinned" in html
