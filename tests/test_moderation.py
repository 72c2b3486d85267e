"""Flags, the moderation queue and its actions, transparency rules and the audit log."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry, AuditLogIsAppendOnly
from forum.complaints.models import Answer, Category, Complaint, ComplaintVote, PostRevision
from forum.db import utcnow
from forum.extensions import db
from forum.moderation.models import Flag, RemovalRequest
from tests.conftest import set_settings


def age_accounts(app, *users, days=30):
    """Make accounts ``days`` old, as members who have been around for a while."""
    with app.app_context():
        db.session.execute(
            sa.update(User)
            .where(User.id.in_([user.id for user in users]))
            .values(created_at=utcnow() - timedelta(days=days))
        )
        db.session.commit()


@pytest.fixture
def people(app, make_user):
    """Established members (a month old) and staff. Their reports count towards hiding a
    post without the posts part of the standing rule, which the tests of that rule set."""
    people = {
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "staff2": make_user("oskar", role="staff"),
        "admin": make_user("root", role="admin"),
        "m1": make_user("member1"),
        "m2": make_user("member2"),
        "m3": make_user("member3"),
    }
    age_accounts(app, *people.values())
    app.config["FLAG_WEIGHT_VISIBLE_POSTS"] = 0
    return people


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


def test_a_post_can_be_reported_for_an_inappropriate_photo(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], title="Photo of someone's face")
    auth.login("member1")
    form = client.get(f"/complaints/{complaint.id}/flag").get_data(as_text=True)
    assert 'value="inappropriate_photo"' in form and "Inappropriate photo" in form
    auth.logout()
    path = f"/complaints/{complaint.id}/flag"
    assert flag_as(client, auth, "member1", path, reason="inappropriate_photo").status_code == 303
    with app.app_context():
        assert db.session.scalars(sa.select(Flag.reason)).all() == ["inappropriate_photo"]
    auth.login("nina")
    assert "Inappropriate photo" in client.get("/mod/queue").get_data(as_text=True)


def test_reports_from_accounts_without_standing_reach_the_queue_but_hide_nothing(
    client, auth, people, make_user, make_complaint, make_answer, app
):
    app.config["FLAG_WEIGHT_VISIBLE_POSTS"] = 1  # the default
    complaint = make_complaint(author=people["author"], title="Refund refused at checkout")
    path = f"/complaints/{complaint.id}/flag"
    # Accounts made a moment ago, and month-old ones that never posted anything public.
    for name in ("brigade1", "brigade2", "brigade3"):
        make_user(name)
        assert flag_as(client, auth, name, path).status_code == 303
    assert row(app, Complaint, complaint.id).visibility == "visible"
    for name in ("m1", "m2", "m3"):
        flag_as(client, auth, people[name].username, path, reason="spam")
    assert row(app, Complaint, complaint.id).visibility == "visible"
    assert audit_actions(app) == []
    auth.login("nina")
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert "Refund refused at checkout" in queue and "brigade1" in queue
    auth.logout()
    # Once they have a public post each, their reports count.
    other = make_complaint(author=people["author"])
    for name in ("m1", "m2", "m3"):
        make_answer(other, author=people[name], body=f"Same here, says {name}.")
    flagged = make_complaint(author=people["author"])
    for name in ("member1", "member2", "member3"):
        flag_as(client, auth, name, f"/complaints/{flagged.id}/flag")
    assert row(app, Complaint, flagged.id).visibility == "hidden"
    assert row(app, Complaint, complaint.id).visibility == "visible"


def test_reading_the_reporters_standing_costs_the_same_statements_however_many_reported(
    app, people, make_user, make_complaint, make_answer, count_queries
):
    from forum.moderation.services import flags
    from tests.conftest import fresh

    app.config["FLAG_WEIGHT_VISIBLE_POSTS"] = 1
    set_settings(app, flag_threshold=100)  # nothing is hidden: only the standing is read
    elsewhere = make_complaint(author=people["author"])

    def statements_of_one_more_report(reporters):
        """Reporters with standing (aged, each with a public post) and without it (just
        made) report a post; the statements of one more report are counted."""
        reported = make_complaint(author=people["author"])
        with_standing = [make_user() for _ in range(reporters)]
        age_accounts(app, *with_standing)
        for user in with_standing:
            make_answer(elsewhere, author=user, body=f"Same here, {user.username}.")
        for user in with_standing + [make_user() for _ in range(reporters)]:
            with app.app_context():
                flags.flag(fresh(user), "complaint", reported.id, "spam")
        last = make_user()
        age_accounts(app, last)
        with app.app_context():
            reporter = fresh(last)
            with count_queries() as statements:
                flags.flag(reporter, "complaint", reported.id, "spam")
            weighty = flags._weighty_reporters(db.session, "complaint", reported.id)
        # The aged posters count; the young accounts and the last (aged, no post) do not.
        assert sorted(weighty) == sorted(user.id for user in with_standing)
        return len(statements)

    assert statements_of_one_more_report(2) == statements_of_one_more_report(8)


def test_staff_posts_and_official_answers_are_never_hidden_by_reports(
    client, auth, people, make_complaint, make_answer, app
):
    from forum.resolution import services as resolution
    from tests.conftest import fresh

    complaint = make_complaint(author=people["author"])
    staff_answer = make_answer(complaint, author=people["staff"], body="We are on it, sorry.")
    official = make_answer(complaint, author=people["staff2"], body="The official fix is here.")
    with app.app_context():
        resolution.mark_official(fresh(people["staff2"]), fresh(official))
        # The official answer's author has left the staff since.
        db.session.get(User, people["staff2"].id).role = "member"
        db.session.commit()
    staff_complaint = make_complaint(author=people["admin"], title="Known issue: late parcels")
    for name in ("member1", "member2", "member3"):
        for path in (
            f"/answers/{staff_answer.id}/flag",
            f"/answers/{official.id}/flag",
            f"/complaints/{staff_complaint.id}/flag",
        ):
            assert flag_as(client, auth, name, path).status_code == 303
    assert row(app, Answer, staff_answer.id).visibility == "visible"
    assert row(app, Answer, official.id).visibility == "visible"
    assert row(app, Complaint, staff_complaint.id).visibility == "visible"
    assert "auto_hide" not in audit_actions(app)
    auth.login("nina")
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert "We are on it, sorry." in queue and "The official fix is here." in queue
    assert "Known issue: late parcels" in queue


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
    assert f'nina</a> restored <a href="{thread_url(complaint)}">“{complaint.title}”</a>' in log
    assert "Fair criticism" in log
    assert f'Members’ reports hid <a href="{thread_url(complaint)}">' in log
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
    auth.login("root")  # an admin merges at once; other staff need a second opinion
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
    to_merged_post = f"{thread_url(target)}#complaint-{duplicate.id}"
    assert old.headers["Location"] == to_merged_post
    assert client.get(f"/complaints/{duplicate.id}").headers["Location"] == to_merged_post
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


@pytest.mark.parametrize(
    ("target", "data"),
    [
        ("complaint", {"title": "   ", "body": "&nbsp;" * 10}),
        ("complaint", {"title": "Rude staff", "body": "."}),
        ("complaint", {"body": "---\n\n***\n\n___\n\n---\n\n***\n\n___"}),
        ("complaint", {"title": "x", "body": "A long enough text that stays readable."}),
        ("answer", {"body": "[](https://example.org)"}),
        ("answer", {"body": "&nbsp;&nbsp;&nbsp;"}),
    ],
)
def test_a_staff_edit_cannot_empty_a_post(
    client, auth, people, make_complaint, make_answer, app, target, data
):
    complaint = make_complaint(author=people["author"], title="The staff were rude to me")
    answer = make_answer(complaint, author=people["m1"], body="I saw it happen too.")
    post_id = complaint.id if target == "complaint" else answer.id
    auth.login("nina")  # staff, not an admin: removing this complaint needs a second opinion
    response = client.post(f"/mod/{target}/{post_id}/edit", data=data)
    assert response.status_code == 422
    kept_complaint = row(app, Complaint, complaint.id)
    assert kept_complaint.title == "The staff were rude to me"
    assert kept_complaint.body_source.startswith("Bought a fridge")
    assert row(app, Answer, answer.id).body_source == "I saw it happen too."
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PostRevision)) == 0


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
    assert 'data-action="pin"' in html and 'data-action="lock"' not in html
    html = client.get("/mod/log?action=lock").get_data(as_text=True)
    assert 'data-action="lock"' in html and 'data-action="pin"' not in html
    html = client.get(f"/mod/log?target=complaint:{first.id}").get_data(as_text=True)
    assert 'data-action="pin"' in html and 'data-action="lock"' not in html
    html = client.get("/mod/log?kind=threads&actor=oskar").get_data(as_text=True)
    assert 'data-action="lock"' in html and 'data-action="pin"' not in html
    assert "oskar</a> locked <a" in html
    html = client.get("/mod/log?kind=accounts").get_data(as_text=True)
    assert "No entries match." in html
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


def audit_entries(app, action):
    with app.app_context():
        entries = list(
            db.session.scalars(
                sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )
        for entry in entries:
            db.session.expunge(entry)
        return entries


# --- Merging follows the two-person rule ------------------------------------------------


def test_a_staff_merge_waits_for_a_second_opinion_and_the_duplicate_stays_visible(
    client, auth, people, make_complaint, make_answer, app
):
    target = make_complaint(author=people["author"], title="Original complaint about refunds")
    duplicate = make_complaint(author=people["m3"], title="Critical complaint about refunds")
    make_answer(duplicate, author=people["m2"], body="Answer on the duplicate.")
    auth.login("nina")
    response = client.post(
        f"/mod/complaints/{duplicate.id}/merge",
        data={"target": str(target.id), "reason": "Same refund problem"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == thread_url(duplicate)
    assert row(app, Complaint, duplicate.id).visibility == "visible"
    assert row(app, Complaint, target.id).answer_count == 0
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert "asks to merge it into" in queue and target.title in queue
    assert "Same refund problem" in queue and "Approve merge" in queue
    # One request at a time: no second merge or removal while it waits.
    again = client.post(f"/mod/complaint/{duplicate.id}/hide", data={"reason": "abusive"})
    assert again.status_code == 409
    with app.app_context():
        request_id = db.session.scalar(sa.select(RemovalRequest.id))
    assert (
        client.post(f"/mod/requests/{request_id}", data={"decision": "approve"}).status_code == 403
    )
    auth.logout()
    assert client.get(thread_url(duplicate)).status_code == 200
    auth.login("oskar")
    assert (
        client.post(f"/mod/requests/{request_id}", data={"decision": "approve"}).status_code == 303
    )
    assert row(app, Complaint, duplicate.id).visibility == "merged"
    assert row(app, Complaint, target.id).answer_count == 1
    auth.logout()
    location = client.get(thread_url(duplicate)).headers["Location"]
    assert location == f"{thread_url(target)}#complaint-{duplicate.id}"
    assert audit_actions(app) == ["request_merge", "merge"]
    (entry,) = audit_entries(app, "merge")
    assert entry.after["into"] == target.id and entry.reason == "Same refund problem"


def test_a_rejected_merge_leaves_the_complaint_where_it_was(
    client, auth, people, make_complaint, app
):
    target = make_complaint(author=people["author"])
    duplicate = make_complaint(author=people["m3"])
    auth.login("nina")
    client.post(f"/mod/complaints/{duplicate.id}/merge", data={"target": str(target.id)})
    auth.logout()
    auth.login("root")
    with app.app_context():
        request_id = db.session.scalar(sa.select(RemovalRequest.id))
    client.post(f"/mod/requests/{request_id}", data={"decision": "reject"})
    assert row(app, Complaint, duplicate.id).visibility == "visible"
    assert row(app, Complaint, duplicate.id).merged_into_id is None
    assert audit_actions(app) == ["request_merge", "reject_merge"]
    assert "No removal or merge is waiting" in client.get("/mod/queue").get_data(as_text=True)


def test_merging_into_a_missing_complaint_is_a_clear_404(client, auth, people, make_complaint):
    duplicate = make_complaint(author=people["m3"])
    auth.login("root")
    response = client.post(f"/mod/complaints/{duplicate.id}/merge", data={"target": "99999"})
    assert response.status_code == 404
    assert "no complaint with that number" in response.get_data(as_text=True)


# --- Redaction of exposed personal data -------------------------------------------------


def test_staff_redact_personal_data_keeping_the_original_for_staff_only(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(
        author=people["author"], body="Call my mobile 070-123 45 67 about the broken fridge."
    )
    path = f"/complaints/{complaint.id}/flag"
    flag_as(client, auth, "member1", path, reason="personal_data")
    flag_as(client, auth, "member2", path, reason="spam")
    auth.login("member1")
    assert client.get(f"/mod/complaint/{complaint.id}/redact").status_code == 403
    assert (
        client.post(f"/mod/complaint/{complaint.id}/redact", data={"body": "x" * 20}).status_code
        == 403
    )
    auth.logout()
    auth.login("nina")
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert f"/mod/complaint/{complaint.id}/redact" in queue
    form = client.get(f"/mod/complaint/{complaint.id}/redact").get_data(as_text=True)
    assert "Call my mobile [redacted] about the broken fridge." in form  # suggested
    response = client.post(
        f"/mod/complaint/{complaint.id}/redact",
        data={"body": "Call my mobile [redacted] about the broken fridge."},
    )
    assert response.status_code == 303
    versions = client.get(f"/mod/complaint/{complaint.id}/edit").get_data(as_text=True)
    assert "070-123 45 67" in versions
    log = client.get("/mod/log").get_data(as_text=True)
    assert "nina</a> redacted personal data in <a" in log and "070-123 45 67" not in log
    auth.logout()
    public = client.get(thread_url(complaint)).get_data(as_text=True)
    assert "070-123 45 67" not in public and "[redacted]" in public and "edited" in public
    (entry,) = audit_entries(app, "redact")
    assert entry.target_type == "complaint" and entry.target_id == complaint.id
    assert entry.reason == "body redacted"
    with app.app_context():
        revision = db.session.scalar(sa.select(PostRevision))
        assert revision.body_source == complaint.body_source
        flags = dict(db.session.execute(sa.select(Flag.reason, Flag.resolution)).all())
    assert entry.before == {"revision": revision.id, "body_length": len(complaint.body_source)}
    assert "070" not in repr(entry.before) + repr(entry.after)
    assert flags == {"personal_data": "upheld", "spam": None}


def test_staff_redact_an_answer_and_an_unchanged_text_is_refused(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["m1"], body="Mail me at jan@example.com, ok?")
    auth.login("nina")
    same = client.post(f"/mod/answer/{answer.id}/redact", data={"body": answer.body_source})
    assert same.status_code == 422 and "Nothing changed" in same.get_data(as_text=True)
    response = client.post(
        f"/mod/answer/{answer.id}/redact",
        data={"body": "Mail me at [redacted], ok?", "reason": "e-mail address"},
    )
    assert response.headers["Location"].endswith(f"#answer-{answer.id}")
    auth.logout()
    assert "jan@example.com" not in client.get(thread_url(complaint)).get_data(as_text=True)
    (entry,) = audit_entries(app, "redact")
    assert entry.reason == "e-mail address" and "jan@" not in repr(entry.before)


# --- Placeholders say who removed a post ------------------------------------------------


def test_placeholders_tell_member_reports_from_staff_removals(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    reported = make_answer(complaint, author=people["m1"], body="A reported answer here.")
    removed = make_answer(complaint, author=people["m2"], body="An answer staff deleted.")
    for name in ("member2", "member3", "author"):
        flag_as(client, auth, name, f"/answers/{reported.id}/flag")
    auth.login("nina")
    client.post(f"/mod/answer/{removed.id}/delete", data={"reason": "spam"})
    auth.logout()
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert "An answer is hidden pending review after reports from members." in html
    assert "An answer was removed by staff: spam." in html

    flagged = make_complaint(author=people["author"])
    for name in ("member1", "member2", "member3"):
        flag_as(client, auth, name, f"/complaints/{flagged.id}/flag")
    page = client.get(thread_url(flagged)).get_data(as_text=True)
    assert "hidden pending review after reports from members" in page
    assert "removed by staff" not in page.split("<h1>")[1].split("</h1>")[0]

    hidden = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(f"/mod/complaint/{hidden.id}/hide", data={"reason": "personal_data"})
    auth.logout()
    response = client.get(thread_url(hidden))
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "This complaint was removed by staff" in page and "Reason: personal data." in page
    assert "after reports from members" not in page


def test_staff_remove_only_for_a_public_reason_category(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["m1"])
    auth.login("root")
    for path in (f"/mod/complaint/{complaint.id}/delete", f"/mod/answer/{answer.id}/hide"):
        assert client.post(path, data={"reason": "other"}).status_code == 400
    assert row(app, Complaint, complaint.id).visibility == "visible"
    assert row(app, Answer, answer.id).visibility == "visible"
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert 'value="other"' not in html
    for key in ("spam", "abusive", "personal_data", "duplicate", "off_topic"):
        assert f'<option value="{key}">' in html


# --- Staff moderate each answer from the thread page ------------------------------------


def test_staff_hide_delete_and_restore_answers_from_the_thread_page(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["m1"], body="Buy from the competitor!")
    auth.login("member2")
    assert f"/mod/answer/{answer.id}/" not in client.get(thread_url(complaint)).get_data(
        as_text=True
    )
    auth.logout()
    auth.login("nina")
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    for action in ("hide", "delete", "redact"):
        assert f"/mod/answer/{answer.id}/{action}" in html
    back = f"{thread_url(complaint)}#answer-{answer.id}"
    response = client.post(
        f"/mod/answer/{answer.id}/delete", data={"reason": "off_topic", "next_url": back}
    )
    assert response.status_code == 303 and response.headers["Location"] == back
    assert row(app, Answer, answer.id).visibility == "deleted"
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert f'action="/mod/answer/{answer.id}/restore"' in html
    assert (
        client.post(f"/mod/answer/{answer.id}/restore", data={"next_url": back}).status_code == 303
    )
    assert row(app, Answer, answer.id).visibility == "visible"
    assert row(app, Complaint, complaint.id).answer_count == 1
    assert audit_actions(app) == ["delete", "restore"]


# --- Reasons for moves, assignments and role changes ------------------------------------


def test_move_assign_and_role_change_keep_their_reason_in_the_audit_log(
    client, auth, people, make_category, make_complaint, app
):
    new = make_category("Billing", "billing")
    complaint = make_complaint(author=people["author"])
    auth.login("root")
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    assert 'id="move-reason"' in html and 'id="assign-reason"' in html
    assert 'id="role-reason"' in client.get(f"/mod/users/{people['m1'].id}").get_data(as_text=True)
    client.post(
        f"/mod/complaints/{complaint.id}/move",
        data={"category": str(new.id), "reason": "It is about an invoice"},
    )
    client.post(
        f"/mod/complaints/{complaint.id}/assign",
        data={"assignee": str(people["staff2"].id), "reason": "Oskar handles billing"},
    )
    client.post(f"/mod/users/{people['m1'].id}/role", data={"role": "staff", "reason": "New hire"})
    reasons = {
        action: audit_entries(app, action)[0].reason for action in ("move", "assign", "change_role")
    }
    assert reasons == {
        "move": "It is about an invoice",
        "assign": "Oskar handles billing",
        "change_role": "New hire",
    }


# --- Deleted accounts read "deleted user" -----------------------------------------------


def test_deleted_accounts_read_deleted_user_in_feeds_and_the_accepted_solution(
    client, auth, people, make_complaint, make_answer, app
):
    from forum.privacy import services as privacy
    from forum.resolution import services as resolution
    from tests.conftest import PASSWORD, fresh

    complaint = make_complaint(author=people["m3"], title="Blender arrived broken in the box")
    answer = make_answer(complaint, author=people["m2"], body="Ask for a replacement in store.")
    with app.app_context():
        resolution.accept_answer(fresh(people["m3"]), db.session.get(Answer, answer.id))
        privacy.delete_account(fresh(people["m3"]), PASSWORD)
        privacy.delete_account(fresh(people["m2"]), PASSWORD)
    feed = client.get("/feeds/new.atom").get_data(as_text=True)
    assert "<name>deleted user</name>" in feed and "deleted-" not in feed
    html = client.get(thread_url(complaint)).get_data(as_text=True)
    accepted = html.split("data-solution", 1)[1].split("</section>", 1)[0]
    assert "deleted user" in accepted and "deleted-" not in accepted
    assert "deleted-" not in html  # the timeline's events too


def test_dismissing_reports_brings_back_only_what_the_reports_hid(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    reported = make_answer(complaint, author=people["m1"], body="Hidden by member reports.")
    by_staff = make_answer(complaint, author=people["m2"], body="Hidden by a staff member.")
    for name in ("member2", "member3", "author"):
        flag_as(client, auth, name, f"/answers/{reported.id}/flag")
    flag_as(client, auth, "member3", f"/answers/{by_staff.id}/flag")
    auth.login("nina")
    client.post(f"/mod/answer/{by_staff.id}/hide", data={"reason": "abusive"})
    for answer in (reported, by_staff):
        client.post(f"/mod/answer/{answer.id}/dismiss")
    assert row(app, Answer, reported.id).visibility == "visible"
    assert row(app, Answer, by_staff.id).visibility == "hidden"


def test_the_queue_issues_the_same_statements_for_2_and_8_reported_answers(
    client, auth, people, make_complaint, make_answer, count_queries
):
    counts = []
    for total in (2, 8):
        while len(counts) < total:
            # Answers on different complaints, so each shows its own complaint's title.
            complaint = make_complaint(author=people["author"])
            answer = make_answer(complaint, author=people["m1"], body="Buy from my shop.")
            auth.login("member2")
            assert (
                client.post(f"/answers/{answer.id}/flag", data={"reason": "spam"}).status_code
                == 303
            )
            auth.logout()
            counts.append(None)
        auth.login("nina")
        with count_queries() as queries:
            page = client.get("/mod/queue")
        auth.logout()
        assert page.status_code == 200 and page.text.count("Answer on “") == total
        counts[total - 1] = len(queries)
    assert counts[1] == counts[7]


# --- A refused staff tool shows its page again, with the message and the typed text -----


def staff_tool(client, complaint, tool, **data):
    """Post one of the thread's staff tools; the response's status and text."""
    response = client.post(f"/mod/complaints/{complaint.id}/{tool}", data=data)
    return response.status_code, response.get_data(as_text=True)


def test_a_refused_merge_shows_the_thread_again_with_the_message_and_the_note(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    status, html = staff_tool(
        client, complaint, "merge", target=str(complaint.id), reason="Same fridge twice"
    )
    assert status == 422
    assert "A complaint cannot be merged into itself." in html
    assert 'value="Same fridge twice"' in html and f'value="{complaint.id}"' in html
    assert f'id="complaint-{complaint.id}"' in html  # the thread page, not an error page
    status, html = staff_tool(client, complaint, "merge", target="", reason="Same fridge twice")
    assert status == 422
    assert "Give the original complaint." in html and 'value="Same fridge twice"' in html
    assert row(app, Complaint, complaint.id).visibility == "visible"


def test_a_refused_internal_note_keeps_what_was_typed(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    status, html = staff_tool(client, complaint, "notes", body="   ")
    assert status == 422 and "Write the note." in html
    too_long = "Customer called again about the refund. " * 130
    status, html = staff_tool(client, complaint, "notes", body=too_long)
    assert status == 422
    assert "Keep notes under 5,000 characters." in html
    assert too_long.strip() in html
    assert audit_actions(app) == []


def test_a_refused_assignment_or_move_keeps_the_reason(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    status, html = staff_tool(
        client, complaint, "assign", assignee=str(people["m1"].id), reason="Billing question"
    )
    assert status == 422
    assert "Assign the complaint to a member of staff." in html
    assert 'value="Billing question"' in html
    status, html = staff_tool(
        client, complaint, "move", category=str(complaint.category_id), reason="Wrong shelf"
    )
    assert status == 422
    assert "The complaint is already in that category." in html
    assert 'value="Wrong shelf"' in html
    assert row(app, Complaint, complaint.id).assignee_id is None
    assert audit_actions(app) == []


def test_a_refused_suspension_or_ban_shows_the_member_page_with_the_reason(
    client, auth, people, app
):
    member = people["m1"]
    auth.login("nina")
    page = f"/mod/users/{member.id}"
    response = client.post(f"{page}/suspend", data={"days": "0", "reason": "Spam in three threads"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Number must be between 1 and 3650." in html
    assert "Spam in three threads" in html
    response = client.post(f"{page}/ban", data={"reason": ""})
    assert response.status_code == 422
    assert "Give a reason." in response.get_data(as_text=True)
    # Refused by the rules rather than the form: staff cannot act on a colleague's account.
    response = client.post(
        f"/mod/users/{people['staff2'].id}/ban", data={"reason": "Argued with me"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Only admins can act on staff accounts." in html and "Argued with me" in html
    assert row(app, User, member.id).suspended_until is None
    assert row(app, User, people["staff2"].id).banned is False
    assert audit_actions(app) == []
