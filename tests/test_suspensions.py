"""Suspensions, bans and role changes: the account side (moderation wraps them with audit)."""

from datetime import timedelta

import pytest

from forum import permissions
from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.db import utcnow
from forum.extensions import db
from forum.uow import write_transaction
from tests.conftest import PASSWORD, fresh

REASON = "Posting the same advert in many threads"


def change(app, user, action, *args):
    """Run an account-state service the way moderation does: in one write transaction."""
    with app.app_context():
        with write_transaction() as session:
            getattr(accounts, action)(session, session.get(User, user.id), *args)
        return fresh(user)


def signed_in_as(client, username):
    return f'class="nav-user">{username}' in client.get("/complaints").get_data(as_text=True)


def until_text(until):
    return f"{until:%-d %b %Y, %H:%M} UTC"


@pytest.fixture
def setting(make_user, make_complaint, make_answer):
    member = make_user("mallory")
    other = make_user("olivia")
    complaint = make_complaint(author=other, title="The heater makes a burning smell")
    answer = make_answer(complaint, author=other, body="It stopped after a week for me.")
    return {"member": member, "complaint": complaint, "answer": answer}


def thread_path(complaint):
    return f"/complaints/{complaint.id}/{complaint.slug}"


def test_a_suspended_member_can_read_but_not_post_vote_or_flag(app, client, auth, setting):
    member, complaint, answer = setting["member"], setting["complaint"], setting["answer"]
    until = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    change(app, member, "suspend", until, REASON)
    auth.login("mallory")

    page = client.get(thread_path(complaint))
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    # The member sees why and until when, under the header.
    assert "account-notice" in body
    assert REASON in body and until_text(until) in body

    refusals = [
        client.post(f"/complaints/{complaint.id}/answers", data={"body": "Buy cheap heaters!"}),
        client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"}),
        client.post(f"/answers/{answer.id}/vote", data={"value": "1"}),
        client.post(
            "/complaints/new",
            data={
                "title": "Cheap heaters for sale today",
                "body": "Buy cheap heaters from my shop, best prices anywhere.",
                "category": str(complaint.category_id),
                "desired_outcome": "other",
            },
        ),
    ]
    for response in refusals:
        assert response.status_code == 403
        text = response.get_data(as_text=True)
        assert "suspended until" in text and until_text(until) in text and REASON in text
    flagged = client.post(f"/complaints/{complaint.id}/flag", data={"reason": "spam"})
    assert flagged.status_code == 403
    assert REASON in flagged.get_data(as_text=True)
    with app.app_context():
        user = fresh(member)
        assert permissions.is_suspended(user)
        assert not permissions.can_post(user)
        assert not permissions.can_vote(user, fresh(complaint))
        assert not permissions.can_flag(user)
    # Nothing was posted.
    assert "Buy cheap heaters" not in client.get(thread_path(complaint)).get_data(as_text=True)


def test_the_notice_is_only_for_the_suspended_member(app, client, auth, setting):
    change(app, setting["member"], "suspend", utcnow() + timedelta(days=1), REASON)
    assert REASON not in client.get("/").get_data(as_text=True)
    auth.login("olivia")
    assert REASON not in client.get("/").get_data(as_text=True)


def test_suspension_signs_out_every_session_and_remember_cookie_at_once(app, auth, setting):
    browsers = [app.test_client() for _ in range(2)]
    for browser in browsers:
        browser.post("/login", data={"login": "mallory", "password": PASSWORD, "remember": "y"})
    remembered = app.test_client()
    remembered.set_cookie("remember_token", browsers[0].get_cookie("remember_token").value)
    everyone = [*browsers, remembered]
    assert all(signed_in_as(browser, "mallory") for browser in everyone)

    change(app, setting["member"], "suspend", utcnow() + timedelta(days=1), REASON)
    assert not any(signed_in_as(browser, "mallory") for browser in everyone)
    # Signing in again works: a suspended member may still read.
    browser = browsers[0]
    assert (
        browser.post("/login", data={"login": "mallory", "password": PASSWORD}).status_code == 303
    )
    assert REASON in browser.get("/").get_data(as_text=True)


def test_a_lifted_suspension_lets_the_member_post_again(app, client, auth, setting):
    member, complaint = setting["member"], setting["complaint"]
    change(app, member, "suspend", utcnow() + timedelta(days=7), REASON)
    user = change(app, member, "lift_suspension")
    assert user.suspended_until is None and user.suspension_reason is None
    auth.login("mallory")
    assert REASON not in client.get("/").get_data(as_text=True)
    response = client.post(
        f"/complaints/{complaint.id}/answers", data={"body": "Mine smelled too, then stopped."}
    )
    assert response.status_code == 303
    assert client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"}).status_code == 303


def test_a_suspension_ends_by_itself(app, client, auth, setting):
    member, complaint = setting["member"], setting["complaint"]
    change(app, member, "suspend", utcnow() - timedelta(minutes=1), REASON)
    auth.login("mallory")
    assert REASON not in client.get("/").get_data(as_text=True)
    assert client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"}).status_code == 303


def test_a_banned_member_reads_but_cannot_post(app, client, auth, setting):
    member, complaint = setting["member"], setting["complaint"]
    change(app, member, "ban", "Threats against other members")
    auth.login("mallory")
    page = client.get(thread_path(complaint))
    assert page.status_code == 200
    assert "banned" in page.get_data(as_text=True)
    response = client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    assert response.status_code == 403
    assert "Threats against other members" in response.get_data(as_text=True)
    change(app, member, "lift_suspension")
    auth.login("mallory")
    assert client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"}).status_code == 303


def test_a_role_change_takes_effect_on_the_next_request(app, make_user):
    staff = make_user("nina", role="staff")
    member = make_user("max")
    nina, maxi = app.test_client(), app.test_client()
    nina.post("/login", data={"login": "nina", "password": PASSWORD})
    maxi.post("/login", data={"login": "max", "password": PASSWORD})
    assert nina.get("/staff").status_code == 200
    assert maxi.get("/staff").status_code == 403

    change(app, staff, "change_role", "member")
    change(app, member, "change_role", "staff")
    # The old sessions are gone: the next request is anonymous and must sign in again.
    assert nina.get("/staff").status_code == 302
    assert maxi.get("/staff").status_code == 302
    nina.post("/login", data={"login": "nina", "password": PASSWORD})
    maxi.post("/login", data={"login": "max", "password": PASSWORD})
    assert nina.get("/staff").status_code == 403
    assert maxi.get("/staff").status_code == 200


def test_unknown_roles_are_refused(app, make_user):
    from forum.errors import Invalid

    member = make_user("max")
    with pytest.raises(Invalid):
        change(app, member, "change_role", "overlord")
    with app.app_context():
        assert fresh(member).role == "member"


def test_account_state_services_do_not_commit_on_their_own(app, make_user):
    member = make_user("max")
    with app.app_context():
        with pytest.raises(RuntimeError):
            with write_transaction() as session:
                user = session.get(User, member.id)
                accounts.suspend(session, user, utcnow() + timedelta(days=1), REASON)
                raise RuntimeError("the caller's unit of work fails")
        db.session.remove()
        user = fresh(member)
        assert user.suspended_until is None
        assert user.session_token == member.session_token


def test_staff_suspend_through_the_moderation_page(app, client, auth, setting, make_user):
    make_user("nina", role="staff")
    member_browser = app.test_client()
    member_browser.post("/login", data={"login": "mallory", "password": PASSWORD})
    auth.login("nina")
    response = client.post(
        f"/mod/users/{setting['member'].id}/suspend", data={"days": "3", "reason": REASON}
    )
    assert response.status_code == 303
    assert not signed_in_as(member_browser, "mallory")
    member_browser.post("/login", data={"login": "mallory", "password": PASSWORD})
    assert REASON in member_browser.get("/").get_data(as_text=True)
