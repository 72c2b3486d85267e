"""'Remember me': without it the session ends with the browser; with it a cookie lasts."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from tests.test_accounts import confirmation_link


def set_cookies(response, name):
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}=")]


def signed_in(client):
    return client.get("/account").status_code == 200


def test_without_remember_me_the_session_cookie_ends_with_the_browser(client, auth, make_user):
    make_user("bob_2")
    response = auth.login("bob_2")
    assert response.status_code == 303
    [session] = set_cookies(response, "session")
    assert "Expires=" not in session and "Max-Age=" not in session
    assert set_cookies(response, "remember_token") == []
    assert signed_in(client)


def test_registering_starts_a_browser_session_cookie(app, client):
    client.post(
        "/register",
        data={"username": "alice_1", "email": "alice@example.org", "password": "a long password"},
    )
    response = client.post(confirmation_link(app, "alice@example.org"))
    assert response.status_code == 303
    assert signed_in(client)
    [session] = set_cookies(response, "session")
    assert "Expires=" not in session and "Max-Age=" not in session
    assert set_cookies(response, "remember_token") == []


def test_with_remember_me_a_remember_cookie_signs_the_browser_back_in(app, client, auth, make_user):
    make_user("bob_2")
    response = auth.login("bob_2", remember="y")
    [session] = set_cookies(response, "session")
    assert "Expires=" not in session  # the session itself still ends with the browser
    [remember] = set_cookies(response, "remember_token")
    expires = parsedate_to_datetime(remember.split("Expires=")[1].split(";")[0])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)
    # The browser was closed: only the remember cookie is left, and it signs in again.
    reopened = app.test_client()
    reopened.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert signed_in(reopened)


def test_signing_out_ends_the_session_and_its_remember_cookie(app, client, auth, make_user):
    make_user("bob_2")
    auth.login("bob_2", remember="y")
    old_session = client.get_cookie("session").value
    old_remember = client.get_cookie("remember_token").value
    response = auth.logout()
    assert response.status_code == 303
    [deleted] = set_cookies(response, "remember_token")
    assert "Expires=Thu, 01 Jan 1970" in deleted or "Max-Age=0" in deleted
    assert not signed_in(client)
    # Neither cookie of that sign-in works when replayed.
    replay_session = app.test_client()
    replay_session.set_cookie("session", old_session)
    assert not signed_in(replay_session)
    replay_remember = app.test_client()
    replay_remember.set_cookie("remember_token", old_remember)
    assert not signed_in(replay_remember)


def test_signing_out_when_signed_out_is_harmless(client):
    response = client.post("/logout")
    assert response.status_code == 303
