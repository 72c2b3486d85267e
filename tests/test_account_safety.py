"""Account safety: password reset by e-mail, password and e-mail changes, export, deletion."""

import json
import re
import time

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.complaints.models import Complaint
from forum.extensions import db
from forum.mail import MailMessage
from forum.notifications.models import Follow, Notification
from tests.conftest import PASSWORD, fresh
from tests.smtp import SMTPServer

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        yield server


def reset_path(message):
    """The path of the reset link in an e-mail."""
    body = message.get_content()
    url = re.search(r"https?://\S+/reset-password/\S+", body).group(0)
    return "/" + url.split("/", 3)[3]


def signed_in(client):
    """Whether ``client`` is signed in: /account answers only to a signed-in member."""
    return client.get("/account").status_code == 200


# --- Password reset --------------------------------------------------------------------


def test_reset_link_is_emailed_and_works_exactly_once(client, auth, make_user, smtp):
    make_user("alice", email="alice@example.org")
    response = client.post("/reset-password", data={"email": "ALICE@example.org"})
    assert response.status_code == 303
    [message] = smtp.recorder.to("alice@example.org")
    assert "Reset your" in message["Subject"]
    # An account e-mail, not a notification: nothing to unsubscribe from.
    assert message["List-Unsubscribe"] is None
    path = reset_path(message)

    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert client.post(path, data=data).status_code == 303
    assert signed_in(client)
    auth.logout()
    assert auth.login("alice", PASSWORD).status_code == 401
    assert auth.login("alice", NEW_PASSWORD).status_code == 303
    auth.logout()

    # Used once, the link is dead: neither the page nor the form works again.
    assert client.get(path).status_code == 410
    again = client.post(path, data={"password": "yet another password", "confirm": "x"})
    assert again.status_code == 410
    assert "no longer works" in again.get_data(as_text=True)
    assert auth.login("alice", NEW_PASSWORD).status_code == 303


def test_reset_link_expires_after_an_hour(client, make_user, app, monkeypatch):
    user = make_user("alice")
    # A link made an hour and a second ago.
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 3601)
        old_token = accounts.password_reset_token(fresh(user))
    with app.app_context():
        new_token = accounts.password_reset_token(fresh(user))
    assert client.get(f"/reset-password/{old_token}").status_code == 410
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert client.post(f"/reset-password/{old_token}", data=data).status_code == 410
    assert client.get(f"/reset-password/{new_token}").status_code == 200


def test_forged_or_mangled_reset_links_are_refused(client, make_user, app):
    user = make_user("alice")
    with app.app_context():
        token = accounts.password_reset_token(fresh(user))
    forged = URLSafeTimedSerializer("not-the-secret", salt="password-reset").dumps([user.id, "x"])
    for bad in (forged, token[:-3], "nonsense"):
        assert client.get(f"/reset-password/{bad}").status_code == 410


def test_reset_request_never_reveals_whether_an_account_exists(client, make_user, smtp):
    make_user("alice", email="alice@example.org")
    answers = []
    for email in ("alice@example.org", "nobody@example.org"):
        response = client.post("/reset-password", data={"email": email})
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        flash = re.search(r'<p class="flash[^"]*">([^<]*)</p>', page).group(1)
        answers.append((response.status_code, response.headers["Location"], flash))
    assert answers[0] == answers[1]
    assert answers[0][0] == 303
    assert "If an account uses that address" in answers[0][2]
    assert len(smtp.messages) == 1
    assert smtp.recorder.to("nobody@example.org") == []


def test_a_reset_link_dies_when_the_accounts_email_changes(client, auth, make_user, smtp):
    make_user("alice", email="alice@example.org")
    client.post("/reset-password", data={"email": "alice@example.org"})
    [message] = smtp.recorder.to("alice@example.org")
    path = reset_path(message)
    assert client.get(path).status_code == 200
    # The account moves to another address (its owner, or someone who took it over).
    auth.login("alice")
    moved = client.post(
        "/account/email", data={"email": "alice@elsewhere.example", "current_password": PASSWORD}
    )
    assert moved.status_code == 303
    auth.logout()
    assert client.get(path).status_code == 410
    used = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert used.status_code == 410
    assert auth.login("alice", NEW_PASSWORD).status_code == 401
    assert auth.login("alice", PASSWORD).status_code == 303


def test_reset_form_keeps_the_rules_for_new_passwords(client, make_user, app):
    user = make_user("alice")
    with app.app_context():
        token = accounts.password_reset_token(fresh(user))
    short = client.post(f"/reset-password/{token}", data={"password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert "at least 10 characters" in short.get_data(as_text=True)
    # A refused attempt does not use the link up.
    assert client.get(f"/reset-password/{token}").status_code == 200


# --- Changing password and e-mail ------------------------------------------------------


def test_changing_the_password_asks_for_the_current_one(client, auth, make_user):
    make_user("alice")
    auth.login("alice")
    wrong = client.post(
        "/account/password",
        data={"current_password": "not my password", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422
    assert "current password is not right" in wrong.get_data(as_text=True)
    right = client.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert right.status_code == 303
    auth.logout()
    assert auth.login("alice", PASSWORD).status_code == 401
    assert auth.login("alice", NEW_PASSWORD).status_code == 303


def test_password_change_signs_out_every_other_session_and_remember_cookie(
    app, client, auth, make_user
):
    make_user("alice")
    other = app.test_client()
    other.post("/login", data={"login": "alice", "password": PASSWORD, "remember": "y"})
    # A third browser holds only the remember-me cookie (its session cookie expired).
    remembered = app.test_client()
    remembered.set_cookie("remember_token", other.get_cookie("remember_token").value)
    assert signed_in(other) and signed_in(remembered)

    auth.login("alice")
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 303
    assert not signed_in(other)
    assert not signed_in(remembered)
    # The browser that changed it stays signed in, under the new session token.
    assert signed_in(client)


def test_changing_the_email_asks_for_the_current_password(client, auth, make_user, app, smtp):
    make_user("alice", email="alice@example.org")
    auth.login("alice")
    wrong = client.post(
        "/account/email", data={"email": "new@example.org", "current_password": "nope nope"}
    )
    assert wrong.status_code == 422
    body = wrong.get_data(as_text=True)
    assert "current password is not right" in body
    assert 'value="new@example.org"' in body  # what was typed is kept
    with app.app_context():
        assert db.session.scalar(sa.select(User.email).where(User.username == "alice")) == (
            "alice@example.org"
        )
    right = client.post(
        "/account/email", data={"email": "new@example.org", "current_password": PASSWORD}
    )
    assert right.status_code == 303
    with app.app_context():
        assert db.session.scalar(sa.select(User.email).where(User.username == "alice")) == (
            "new@example.org"
        )
    # The old address hears of it, so a hijacked account does not change quietly.
    [notice] = smtp.recorder.to("alice@example.org")
    assert "e-mail address was changed" in notice["Subject"]


def test_an_email_already_in_use_is_refused(client, auth, make_user):
    make_user("alice", email="alice@example.org")
    make_user("bob", email="bob@example.org")
    auth.login("alice")
    response = client.post(
        "/account/email", data={"email": "BOB@example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)


# --- Export and deletion ---------------------------------------------------------------


@pytest.fixture
def alice_and_bob(make_user, make_complaint, make_answer, app):
    alice = make_user("alice", email="alice@example.org")
    bob = make_user("bob", email="bob@example.org")
    mine = make_complaint(
        author=alice,
        title="My blender arrived broken in the box",
        private_details="Alice's order reference ALICE-SECRET",
    )
    theirs = make_complaint(
        author=bob,
        title="The kettle leaks from the bottom seam",
        private_details="Bob's order reference BOB-SECRET",
    )
    make_answer(mine, author=bob, body="Same here, mine was cracked too.")
    answer = make_answer(theirs, author=alice, body="Mine leaked as well; they replaced it.")
    return {"alice": alice, "bob": bob, "mine": mine, "theirs": theirs, "answer": answer}


def test_export_holds_the_members_data_and_nobody_elses_private_details(
    client, auth, alice_and_bob
):
    data = alice_and_bob
    auth.login("alice")
    client.post(f"/complaints/{data['theirs'].id}/vote", data={"value": "1"})
    client.post("/settings/notifications", data={"email_choice": "digest"})
    response = client.get("/account/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data(as_text=True)
    export = json.loads(raw)
    assert export["profile"]["username"] == "alice"
    assert export["profile"]["email"] == "alice@example.org"
    assert export["profile"]["email_choice"] == "digest"
    assert export["profile"]["digest_sent_at"] is None
    [complaint] = export["complaints"]
    assert complaint["private_details"] == "Alice's order reference ALICE-SECRET"
    assert [a["body"] for a in export["answers"]] == ["Mine leaked as well; they replaced it."]
    assert export["votes"]["complaints_affecting_me"][0]["complaint_id"] == data["theirs"].id
    assert any("answered" in n["message"] for n in export["notifications"])
    assert {f["complaint_id"] for f in export["following"]} >= {data["mine"].id}
    assert "BOB-SECRET" not in raw
    assert "bob@example.org" not in raw


def test_export_is_for_signed_in_members_only(client):
    response = client.get("/account/export")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_deleting_an_account_keeps_posts_as_deleted_user_and_erases_personal_data(
    client, auth, alice_and_bob, app
):
    data = alice_and_bob
    alice = data["alice"]
    auth.login("alice")
    refused = client.post("/account/delete", data={"password": "not my password"})
    assert refused.status_code == 422
    with app.app_context():
        assert fresh(alice).deleted_at is None

    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 303
    assert not signed_in(client)

    with app.app_context():
        user = fresh(alice)
        assert user.deleted_at is not None
        assert user.username == f"deleted-{alice.id}"
        assert user.email == f"deleted-{alice.id}@invalid.invalid"
        assert user.email_choice == "off"
        assert not user.check_password(PASSWORD)
        assert db.session.get(Complaint, data["mine"].id).private_details is None
        # Someone else's private details are unchanged.
        assert db.session.get(Complaint, data["theirs"].id).private_details
        for model in (Notification, Follow, MailMessage):
            rows = db.session.scalars(sa.select(model).where(model.user_id == alice.id)).all()
            assert rows == [], model
    # The posts stay, attributed to "deleted user".
    for complaint in (data["mine"], data["theirs"]):
        page = client.get(f"/complaints/{complaint.id}/{complaint.slug}")
        assert page.status_code == 200
        body = page.get_data(as_text=True)
        assert "deleted user" in body
        assert ">alice<" not in body
        assert "ALICE-SECRET" not in body
    assert "My blender arrived broken" in client.get(
        f"/complaints/{data['mine'].id}/{data['mine'].slug}"
    ).get_data(as_text=True)
    # Nobody signs in to it again, by the old name or the new one.
    assert auth.login("alice", PASSWORD).status_code == 401
    assert auth.login(f"deleted-{alice.id}", PASSWORD).status_code == 401
    # The name and address are free for someone new.
    fresh_start = client.post(
        "/register",
        data={"username": "alice", "email": "alice@example.org", "password": "a long password"},
    )
    assert fresh_start.status_code == 303


def test_deleted_account_names_are_reserved_and_never_collide(client, auth, make_user, app):
    alice = make_user("alice")
    taken = client.post(
        "/register",
        data={
            "username": f"Deleted-{alice.id}",
            "email": "mallory@example.org",
            "password": "a long password",
        },
    )
    assert taken.status_code == 422
    body = taken.get_data(as_text=True)
    assert "deleted accounts" in body and 'value="mallory@example.org"' in body
    # A name of that form from before the rule (made here without the form's checks).
    make_user(f"deleted-{alice.id}", email=f"deleted-{alice.id}@invalid.invalid")
    auth.login("alice")
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 303
    with app.app_context():
        gone = db.session.get(User, alice.id)
        assert gone.is_deleted
        assert gone.username.startswith(f"deleted-{alice.id}-")
        assert gone.email == f"{gone.username}@invalid.invalid"


def test_account_page_links_every_safety_tool(client, auth, make_user):
    make_user("alice")
    auth.login("alice")
    home = client.get("/").get_data(as_text=True)
    assert 'href="/account"' in home
    body = client.get("/account").get_data(as_text=True)
    for path in ("/account/email", "/account/password", "/account/export", "/account/delete"):
        assert f'href="{path}"' in body


def test_account_page_has_a_section_with_a_heading_for_each_part(client, auth, make_user):
    make_user("alice")
    auth.login("alice")
    body = client.get("/account").get_data(as_text=True)
    section = r'<section class="account-card[^"]*" id="(\w+)" aria-labelledby="\1-heading">'
    headings = re.findall(section + r'\s*<h2 id="\1-heading">([^<]+)</h2>', body)
    assert [name for name, _ in headings] == [
        "profile", "email", "password", "language", "notifications", "export", "delete"
    ]  # fmt: skip
    assert 'href="/members/alice"' in body and 'href="/settings/notifications"' in body
    assert "alice@example.org" in body
