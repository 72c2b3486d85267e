"""Resolution loop rules: who hears what of a resolution, the fix-feedback predicate,
review history on edits, and staff actions in the audit log."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum import permissions
from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.complaints import services as complaint_services
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.notifications.models import Notification
from forum.resolution import services
from forum.resolution.models import ReviewRevision
from tests.conftest import fresh


@pytest.fixture
def people(make_user):
    return {
        name: make_user(name, role="staff" if name == "nina" else "member")
        for name in ("author", "nina", "fan", "both", "affected", "barred")
    }


def notices(app, username):
    with app.app_context():
        return list(
            db.session.execute(
                sa.select(Notification.kind, Notification.message)
                .join(User, User.id == Notification.user_id)
                .where(User.username == username)
                .order_by(Notification.id)
            ).all()
        )


def as_member(client, auth, username, *posts):
    auth.login(username)
    for path, data in posts:
        assert client.post(path, data=data).status_code == 303, path
    auth.logout()


@pytest.fixture
def thread(client, auth, people, make_complaint, app):
    """A complaint followed by ``fan``; ``both`` is affected and follows; ``affected`` is
    affected only; ``barred`` is affected, follows, and is then suspended."""
    complaint = make_complaint(author=people["author"], title="Router drops the line")
    follow = (f"/complaints/{complaint.id}/follow", {"value": "1"})
    vote = (f"/complaints/{complaint.id}/vote", {"value": "1"})
    as_member(client, auth, "fan", follow)
    as_member(client, auth, "both", vote, follow)
    as_member(client, auth, "affected", vote)
    as_member(client, auth, "barred", vote, follow)
    with app.app_context():
        fresh(people["barred"]).suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()
    return complaint


def test_staff_resolution_tells_each_person_once_in_the_words_for_them(client, auth, app, thread):
    auth.login("nina")
    response = client.post(f"/complaints/{thread.id}/status", data={"status": "resolved"})
    assert response.status_code == 303
    author = notices(app, "author")
    assert [kind for kind, _ in author] == ["review", "status"]
    assert "Confirm or dispute it" in author[1].message
    # Followers who cannot confirm are not asked to.
    assert notices(app, "fan") == [("status", "“Router drops the line” is now Resolved")]
    assert notices(app, "barred") == [("status", "“Router drops the line” is now Resolved")]
    # Affected members are asked whether it worked, following or not, and only that.
    for name in ("both", "affected"):
        [(kind, message)] = notices(app, name)
        assert kind == "affected" and "Did the fix work for you?" in message
    assert notices(app, "nina") == []


def test_author_resolution_tells_affected_and_followers_but_not_the_author(
    client, auth, app, thread
):
    auth.login("author")
    assert (
        client.post(f"/complaints/{thread.id}/status", data={"status": "resolved"}).status_code
        == 303
    )
    assert [kind for kind, _ in notices(app, "author")] == ["review"]  # the neutral prompt
    assert [kind for kind, _ in notices(app, "both")] == ["affected"]
    assert [kind for kind, _ in notices(app, "fan")] == ["status"]
    assert not any("Confirm" in message for _, message in notices(app, "fan"))


def test_suspended_affected_members_cannot_say_whether_the_fix_worked(client, auth, app, thread):
    auth.login("nina")
    client.post(f"/complaints/{thread.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("barred")
    response = client.post(f"/complaints/{thread.id}/fixed", data={"value": "yes"})
    assert response.status_code == 403
    assert "suspended" in response.get_data(as_text=True)
    auth.logout()
    auth.login("both")
    assert client.post(f"/complaints/{thread.id}/fixed", data={"value": "yes"}).status_code == 303


def member(**state):
    values = {"id": 7, "suspended_until": None, "banned": False, "deleted_at": None}
    return SimpleNamespace(is_authenticated=True, **{**values, **state})


def test_can_report_fix_is_for_affected_members_in_good_standing_once_resolved():
    resolved = SimpleNamespace(author_id=1, status="resolved", resolved_at=utcnow())
    assert permissions.can_report_fix(member(), resolved, affected=True)
    assert not permissions.can_report_fix(member(), resolved, affected=False)
    assert not permissions.can_report_fix(member(banned=True), resolved, affected=True)
    assert not permissions.can_report_fix(None, resolved, affected=True)
    suspended = member(suspended_until=utcnow() + timedelta(hours=1))
    assert not permissions.can_report_fix(suspended, resolved, affected=True)
    still_open = SimpleNamespace(author_id=1, status="open", resolved_at=utcnow())
    assert not permissions.can_report_fix(member(), still_open, affected=True)
    assert "can_report_fix" in permissions.PREDICATES


# --- Review history -------------------------------------------------------------------


def revisions(complaint_id):
    return [
        (row.rating, row.review, row.after_resolution)
        for row in db.session.scalars(
            sa.select(ReviewRevision)
            .where(ReviewRevision.complaint_id == complaint_id)
            .order_by(ReviewRevision.created_at, ReviewRevision.id)
        )
    ]


def edit_rating(author, complaint, rating, review):
    row = db.session.get(Complaint, complaint.id)
    complaint_services.edit_complaint(
        fresh(author),
        row,
        title=row.title,
        body=row.body_source,
        category_id=row.category_id,
        desired_outcome=row.desired_outcome,
        rating=rating,
        review=review,
        private_details=row.private_details,
    )


def test_editing_the_rating_before_resolution_keeps_the_first_one(
    people, make_complaint, app, client
):
    complaint = make_complaint(author=people["author"], rating=1, review="Awful.")
    with app.app_context():
        first_at = db.session.scalar(sa.select(ReviewRevision.created_at))
        edit_rating(people["author"], complaint, 2, "Awful, but they called back.")
        edit_rating(people["author"], complaint, 2, "They called back.")
        assert revisions(complaint.id) == [
            (1, "Awful.", False),
            (2, "Awful, but they called back.", False),
            (2, "They called back.", False),
        ]
        first = db.session.scalars(sa.select(ReviewRevision).order_by(ReviewRevision.id)).first()
        assert first.created_at == first_at
        services.change_status(fresh(people["nina"]), complaint, "resolved")
        services.revise_review(
            fresh(people["author"]), db.session.get(Complaint, complaint.id), 4, "Fixed."
        )
        assert [r[0] for r in revisions(complaint.id)] == [1, 2, 2, 4]
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    assert "★1" in html and "★4" in html


def test_a_rating_given_first_in_an_edit_starts_the_history(people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        assert revisions(complaint.id) == []
        edit_rating(people["author"], complaint, 3, None)
        assert revisions(complaint.id) == [(3, None, False)]


# --- The audit log --------------------------------------------------------------------


def audit_rows(app):
    with app.app_context():
        return [
            (
                row.actor.username if row.actor else None,
                row.action,
                row.target_type,
                row.target_id,
                row.reason,
                row.before,
                row.after,
            )  # fmt: skip
            for row in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_a_staff_status_change_appears_in_the_audit_log(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(
        f"/complaints/{complaint.id}/status",
        data={"status": "acknowledged", "note": "Looking into it"},
    )
    assert audit_rows(app) == [
        ("nina", "status", "complaint", complaint.id, "Looking into it",
         {"status": "open"}, {"status": "acknowledged"}),
    ]  # fmt: skip
    html = client.get("/mod/log").get_data(as_text=True)
    row = html.split('<li class="log-entry"')[1].split("</li>")[0]
    assert 'data-action="status"' in row
    assert f'href="/mod/users/{people["nina"].id}">nina</a> changed the status of ' in row
    assert f'<a href="/complaints/{complaint.id}/{complaint.slug}">“{complaint.title}”</a>' in row
    assert "from Open to Acknowledged" in row and "Looking into it" in row
    assert '<option value="status">Status and promised dates</option>' in html  # kind filter


def test_staff_answers_solutions_and_promises_are_audited_but_authors_are_not(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["nina"], body="We are sending a part.")
    other = make_answer(complaint, author=people["fan"], body="Mine came in a week.")
    url = f"/complaints/{complaint.id}/status"
    soon = (utcnow() + timedelta(days=3)).date()
    later = soon + timedelta(days=4)
    auth.login("nina")
    client.post(f"/answers/{answer.id}/official")
    client.post(f"/answers/{answer.id}/official")
    client.post(f"/answers/{other.id}/accept")
    client.post(url, data={"status": "in_progress", "promised_date": soon.isoformat()})
    client.post(url, data={"status": "in_progress", "promised_date": later.isoformat(),
                           "note": "Parts delayed"})  # fmt: skip
    auth.logout()
    auth.login("author")
    client.post(f"/answers/{other.id}/accept")  # unaccepting, by the author: not staff
    client.post(url, data={"status": "resolved"})
    assert [(r[1], r[4], r[5], r[6]) for r in audit_rows(app)] == [
        ("official", None, {"official_answer": None}, {"official_answer": answer.id}),
        ("unofficial", None, {"official_answer": answer.id}, {"official_answer": None}),
        ("accept", None, {"accepted_answer": None}, {"accepted_answer": other.id}),
        ("promise", None, {"promised_date": None}, {"promised_date": soon.isoformat()}),
        ("status", None, {"status": "open"}, {"status": "in_progress"}),
        ("promise", "Parts delayed", {"promised_date": soon.isoformat()},
         {"promised_date": later.isoformat()}),
    ]  # fmt: skip
    assert {r[0] for r in audit_rows(app)} == {"nina"}


def test_the_audit_entry_is_rolled_back_with_the_action(people, make_complaint, app, monkeypatch):
    complaint = make_complaint(author=people["author"])

    def explode(*args, **kwargs):
        raise RuntimeError("crash after the audit entry was written")

    monkeypatch.setattr(services, "_tell_followers", explode)
    with app.app_context():
        with pytest.raises(RuntimeError):
            services.change_status(fresh(people["nina"]), complaint, "acknowledged")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0
        assert db.session.get(Complaint, complaint.id).status == "open"
