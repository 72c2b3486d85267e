"""Staff: /admin/staff, role changes (reasons, the last admin) and staff invitations (signed,
expiring, single-use, revocable), with their audit entries (forum.admin.staff_accounts)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from forum.accounts import registration
from forum.accounts.models import User
from forum.admin import staff_accounts
from forum.admin.models import StaffInvitation
from forum.audit.models import AuditEntry
from forum.errors import Invalid
from forum.extensions import db
from forum.mail import MailMessage
from tests.conftest import PASSWORD, fresh


def _entries(app, action):
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


def _role(app, user):
    with app.app_context():
        return fresh(user).role


def _invite(client, email="new.hire@example.org", role="staff"):
    return client.post("/admin/staff/invite", data={"email": email, "role": role})


def _invitation_link(app, email="new.hire@example.org"):
    """The path of the link in the last invitation e-mailed to ``email``."""
    with app.app_context():
        message = db.session.scalars(
            sa.select(MailMessage)
            .where(sa.func.lower(MailMessage.to_address) == email.lower())
            .order_by(MailMessage.id.desc())
        ).first()
    assert message is not None, "no invitation was queued"
    return urlsplit(re.search(r"https?://\S+/staff-invitations/\S+", message.body).group()).path


# --- Who may see and use the page ---------------------------------------------------------


def test_visitors_are_sent_to_sign_in_and_staff_get_403(client, auth, make_user, admin):
    response = client.get("/admin/staff")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    member = make_user()
    auth.login(make_user(role="staff").username)
    assert client.get("/admin/staff").status_code == 403
    response = client.post(
        f"/admin/staff/{member.id}/role", data={"role": "admin", "reason": "Because"}
    )
    assert response.status_code == 403
    assert _invite(client).status_code == 403


def test_the_list_shows_staff_and_admins_with_their_answers(
    app, as_admin, admin, make_user, make_complaint, make_answer, count_queries
):
    staff = make_user("nina", role="staff")
    member = make_user("plain")
    complaint = make_complaint()
    make_answer(complaint, author=staff)
    page = as_admin.get("/admin/staff").text
    assert f'href="/members/{staff.username}"' in page
    assert f'id="staff-{staff.id}" data-role="staff"' in page
    assert f'id="staff-{admin.id}" data-role="admin"' in page
    assert f'id="staff-{member.id}"' not in page
    row = page.split(f'id="staff-{staff.id}"')[1].split("</tr>")[0]
    assert 'data-answers="1"' in row and 'data-official="0"' in row
    assert "/admin/staff" in as_admin.get("/admin").text  # listed in the index

    with count_queries() as few:
        as_admin.get("/admin/staff")
    for number in range(6):
        make_user(f"helper{number}", role="staff")
    with count_queries() as many:
        page = as_admin.get("/admin/staff").text
    assert page.count('data-role="staff"') == 7
    assert len(many) == len(few)


# --- Roles --------------------------------------------------------------------------------


def test_an_admin_changes_a_role_with_a_reason_and_the_audit_log_keeps_both(
    app, as_admin, admin, make_user
):
    staff = make_user("nina", role="staff")
    response = as_admin.post(
        f"/admin/staff/{staff.id}/role", data={"role": "admin", "reason": "Runs the team now"}
    )
    assert response.status_code == 303
    assert _role(app, staff) == "admin"
    (entry,) = _entries(app, "change_role")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (admin.id, "user", staff.id)
    assert entry.before == {"role": "staff"} and entry.after == {"role": "admin"}
    assert entry.reason == "Runs the team now"


def test_a_role_change_needs_a_reason_and_keeps_what_was_typed(app, as_admin, make_user):
    staff = make_user("nina", role="staff")
    response = as_admin.post(
        f"/admin/staff/{staff.id}/role", data={"role": "member", "reason": "   "}
    )
    assert response.status_code == 422
    assert "Give a reason" in response.text
    form = response.text.split(f'id="staff-{staff.id}"')[1].split("</tr>")[0]
    assert "<details open>" in form
    assert re.search(r'<option selected value="member">', form)
    assert _role(app, staff) == "staff" and not _entries(app, "change_role")


def test_an_unknown_role_or_account_is_refused(app, as_admin, make_user):
    staff = make_user("nina", role="staff")
    response = as_admin.post(
        f"/admin/staff/{staff.id}/role", data={"role": "owner", "reason": "Why not"}
    )
    assert response.status_code == 422 and _role(app, staff) == "staff"
    assert (
        as_admin.post("/admin/staff/9999/role", data={"role": "staff", "reason": "x"}).status_code
        == 404
    )


def test_the_last_admin_can_neither_step_down_nor_be_demoted(app, as_admin, admin, make_user):
    response = as_admin.post(
        f"/admin/staff/{admin.id}/role", data={"role": "staff", "reason": "Stepping down"}
    )
    assert response.status_code == 422
    assert "You are the last admin" in response.text
    assert _role(app, admin) == "admin" and not _entries(app, "change_role")
    with app.app_context(), pytest.raises(Invalid, match="last admin"):
        staff_accounts.change_role(fresh(admin), admin.id, "member", "Leaving")


def test_with_another_admin_an_admin_may_step_down(app, client, auth, admin, make_user):
    make_user("second", role="admin")
    auth.login(admin.username)
    response = client.post(
        f"/admin/staff/{admin.id}/role", data={"role": "staff", "reason": "Handing over"}
    )
    assert response.status_code == 303
    assert _role(app, admin) == "staff"
    # Still signed in, now without the admin pages.
    assert client.get("/admin/staff").status_code == 403
    assert client.get("/staff").status_code == 200


def test_an_admin_promotes_any_member_by_username(app, as_admin, make_user):
    member = make_user("Helpful")
    response = as_admin.post(
        "/admin/staff", data={"username": "helpful", "role": "staff", "reason": "Answers well"}
    )
    assert response.status_code == 303 and _role(app, member) == "staff"
    unknown = as_admin.post(
        "/admin/staff", data={"username": "nobody-here", "role": "staff", "reason": "Hm"}
    )
    assert unknown.status_code == 422
    assert "No member is called that." in unknown.text
    assert 'value="nobody-here"' in unknown.text and 'value="Hm"' in unknown.text


# --- Invitations --------------------------------------------------------------------------


def test_an_invitation_is_mailed_listed_and_audited(app, as_admin, admin):
    assert _invite(as_admin, role="admin").status_code == 303
    with app.app_context():
        message = db.session.scalar(sa.select(MailMessage))
        invitation = db.session.scalar(sa.select(StaffInvitation))
    assert message.to_address == "new.hire@example.org" and "admin" in message.body
    assert "/staff-invitations/" in message.body
    page = as_admin.get("/admin/staff").text
    assert f'id="invitation-{invitation.id}"' in page and "new.hire@example.org" in page
    (entry,) = _entries(app, "staff_invite")
    assert entry.actor_id == admin.id and entry.target_id == invitation.id
    assert entry.after == {"email": "new.hire@example.org", "role": "admin"}


def test_an_invitation_needs_an_address_and_a_staff_role(app, as_admin, make_user):
    bad = _invite(as_admin, email="not an address")
    assert bad.status_code == 422 and 'value="not an address"' in bad.text
    assert _invite(as_admin, role="member").status_code == 422
    make_user("nina", role="staff", email="nina@example.org")
    assert _invite(as_admin, email="nina@example.org").status_code == 422
    assert _invite(as_admin).status_code == 303
    again = _invite(as_admin)
    assert again.status_code == 422 and "pending invitation" in again.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(StaffInvitation.id))) == 1


def test_a_new_person_registers_from_the_link_and_gets_the_role(app, as_admin, client, auth):
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    page = client.get(path)
    assert page.status_code == 200 and "new.hire@example.org" in page.text
    response = client.post(path, data={"username": "newhire", "password": PASSWORD})
    assert response.status_code == 303
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "newhire"))
        assert (user.role, user.email) == ("staff", "new.hire@example.org")
    assert client.get("/staff").status_code == 200  # signed in, as staff
    (entry,) = _entries(app, "staff_invite_accept")
    assert entry.actor_id == user.id and entry.target_id == user.id
    assert entry.before == {"role": "member"} and entry.after["role"] == "staff"
    with app.app_context():
        assert staff_accounts.pending_invitations() == []


def test_a_refused_registration_keeps_the_username(app, as_admin, client, auth, make_user):
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    make_user("taken")
    response = client.post(path, data={"username": "taken", "password": PASSWORD})
    assert response.status_code == 422 and 'value="taken"' in response.text
    short = client.post(path, data={"username": "fresh", "password": "short"})
    assert short.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(StaffInvitation)).accepted_at is None


def test_an_existing_member_signs_in_and_accepts(app, as_admin, client, auth, make_user):
    member = make_user("kim", email="kim@example.org")
    _invite(as_admin, email="KIM@example.org")
    path = _invitation_link(app, "kim@example.org")
    auth.logout()
    page = client.get(path).text
    assert "Sign in to accept" in page
    response = client.post(path, data={"username": "x", "password": PASSWORD})
    assert response.status_code == 303 and "/login" in response.headers["Location"]
    assert _role(app, member) == "member"
    auth.login("kim")
    assert client.post(path).status_code == 303
    assert _role(app, member) == "staff"


def test_a_banned_member_cannot_accept(app, as_admin, client, auth, make_user):
    member = make_user("kim", email="kim@example.org")
    _invite(as_admin, email="kim@example.org")
    path = _invitation_link(app, "kim@example.org")
    auth.logout()
    auth.login("kim")
    with app.app_context():
        fresh(member).banned = True
        db.session.commit()
    response = client.post(path)
    assert response.status_code == 403 and _role(app, member) == "member"


def test_someone_else_signed_in_cannot_accept(app, as_admin, client, auth, make_user):
    other = make_user("other")
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    auth.login(other.username)
    response = client.post(path)
    assert response.status_code == 403 and "new.hire@example.org" in response.text
    assert _role(app, other) == "member"


def test_a_used_link_says_so(app, as_admin, client, auth):
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    client.post(path, data={"username": "newhire", "password": PASSWORD})
    auth.logout()
    again = client.get(path)
    assert again.status_code == 410 and 'data-invitation-state="used"' in again.text
    second = client.post(path, data={"username": "another", "password": PASSWORD})
    assert second.status_code == 410
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.username == "another")) is None


def test_a_revoked_link_says_so_and_the_revoke_is_audited(app, as_admin, client, auth, admin):
    _invite(as_admin)
    path = _invitation_link(app)
    with app.app_context():
        invitation = db.session.scalar(sa.select(StaffInvitation))
    assert as_admin.post(f"/admin/staff/invitations/{invitation.id}/revoke").status_code == 303
    assert f'id="invitation-{invitation.id}"' not in as_admin.get("/admin/staff").text
    (entry,) = _entries(app, "staff_invite_revoke")
    assert entry.actor_id == admin.id and entry.target_id == invitation.id
    assert entry.before["state"] == "pending" and entry.after == {"state": "revoked"}
    auth.logout()
    response = client.get(path)
    assert response.status_code == 410 and 'data-invitation-state="revoked"' in response.text
    assert client.post(path, data={"username": "newhire", "password": PASSWORD}).status_code == 410


def test_an_expired_link_says_so(app, as_admin, client, auth):
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    # Dated by the signature: a link older than the configured age no longer works.
    app.config["STAFF_INVITATION_MAX_AGE"] = -1
    response = client.get(path)
    assert response.status_code == 410 and 'data-invitation-state="expired"' in response.text
    assert client.post(path, data={"username": "late", "password": PASSWORD}).status_code == 410
    assert "new.hire@example.org" not in as_admin.get("/admin/staff").text


def test_a_forged_or_tampered_link_is_refused(app, as_admin, client, auth):
    _invite(as_admin)
    path = _invitation_link(app)
    auth.logout()
    assert client.get("/staff-invitations/not-a-valid-token").status_code == 404
    with app.app_context():
        invitation = db.session.scalar(sa.select(StaffInvitation))
        # Rightly signed, but not the nonce the row was made with.
        guessed = staff_accounts.invitation_token(invitation.id, "guessed-nonce")
    response = client.get(f"/staff-invitations/{guessed}")
    assert response.status_code == 404 and 'data-invitation-state="forged"' in response.text
    assert client.get(path).status_code == 200


def test_a_member_invitation_link_is_no_staff_invitation(app, client):
    with app.test_request_context():
        token = registration.invitation_token("new.hire@example.org")
    assert client.get(f"/staff-invitations/{token}").status_code == 404


# --- CSRF ---------------------------------------------------------------------------------


def test_the_forms_need_their_csrf_token(app, as_admin, make_user):
    staff = make_user("nina", role="staff")
    _invite(as_admin)
    with app.app_context():
        invitation = db.session.scalar(sa.select(StaffInvitation))
    path = _invitation_link(app)
    app.config["WTF_CSRF_ENABLED"] = True
    for url, data in (
        (f"/admin/staff/{staff.id}/role", {"role": "admin", "reason": "Forged"}),
        ("/admin/staff", {"username": "nina", "role": "admin", "reason": "Forged"}),
        ("/admin/staff/invite", {"email": "forged@example.org", "role": "admin"}),
        (f"/admin/staff/invitations/{invitation.id}/revoke", {}),
        (path, {"username": "forger", "password": PASSWORD}),
    ):
        assert as_admin.post(url, data=data).status_code == 400, url
    assert _role(app, staff) == "staff"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(StaffInvitation.id))) == 1
        assert fresh(invitation).revoked_at is None and fresh(invitation).accepted_at is None


def test_pending_invitations_expire_from_the_list(app, admin):
    with app.test_request_context():
        staff_accounts.invite(fresh(admin), "a@example.org", "staff", lambda token: token)
        assert [i.email for i in staff_accounts.pending_invitations()] == ["a@example.org"]
        invitation = db.session.scalar(sa.select(StaffInvitation))
        invitation.created_at = invitation.created_at - timedelta(days=8)
        db.session.commit()
        assert staff_accounts.pending_invitations() == []


def test_the_audit_log_reads_the_invitation_entries(app, client, auth, admin):
    auth.login(admin.username)
    _invite(client, email="hire@example.org")
    with app.app_context():
        invitation = db.session.scalar(sa.select(StaffInvitation))
    client.post(f"/admin/staff/invitations/{invitation.id}/revoke")
    page = client.get("/mod/log").text
    assert "invited hire@example.org to join as staff" in page
    assert "withdrew the staff invitation to hire@example.org" in page
