"""Accounts: registration, sign-in, sign-out, sessions and the redirect guard."""

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.accounts.models import User
from forum.extensions import db
from forum.security import safe_next
from tests.conftest import PASSWORD


def register(client, username="alice_1", email="alice@example.org", password="a long password"):
    return client.post(
        "/register", data={"username": username, "email": email, "password": password}
    )


def test_register_creates_member_and_signs_in(client, app):
    response = register(client)
    assert response.status_code == 303
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "alice_1"))
        assert user.role == "member"
        # The site's own strength (the test accounts' hash is made 32 times cheaper).
        assert user.password_hash.startswith("scrypt:32768:8:1$")
        assert user.check_password("a long password")
    page = client.get("/")
    assert "alice_1" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("username", "email", "password", "message"),
    [
        ("ab", "x@example.org", "a long password", "3 to 30 characters"),
        ("a" * 31, "x@example.org", "a long password", "3 to 30 characters"),
        ("bad name!", "x@example.org", "a long password", "letters, digits"),
        ("goodname", "not-an-email", "a long password", "not valid"),
        ("goodname", "x@example.org", "short", "at least 10 characters"),
    ],
)
def test_invalid_registration_keeps_typed_text_and_answers_4xx(
    client, username, email, password, message
):
    response = register(client, username, email, password)
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500
    assert message in body
    assert f'value="{email}"' in body
    assert username.replace("!", "") in body


def test_usernames_are_unique_ignoring_case(client, make_user):
    make_user("Alice_1")
    response = register(client, username="alice_1", email="other@example.org")
    assert response.status_code == 422
    assert "username is taken" in response.get_data(as_text=True)


def test_emails_are_unique_ignoring_case(client, make_user):
    make_user("someone", email="alice@example.org")
    response = register(client, email="ALICE@example.org")
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)


@pytest.mark.parametrize("login", ["bob_2", "BOB_2", "bob@example.org"])
def test_sign_in_with_username_or_email(client, auth, make_user, login):
    make_user("bob_2", email="bob@example.org")
    response = auth.login(login)
    assert response.status_code == 303
    assert "bob_2" in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_with_a_neutral_message(client, auth, make_user):
    make_user("bob_2")
    response = auth.login("bob_2", "wrong password!")
    assert response.status_code == 401
    assert "Wrong username, e-mail or password" in response.get_data(as_text=True)
    assert auth.login("nobody", "wrong password!").status_code == 401


def test_sign_in_starts_a_fresh_session(client, auth, make_user):
    make_user("bob_2")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login("bob_2")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_remember_me_lasts_thirty_days_and_cookies_are_httponly_lax(client, auth, make_user):
    make_user("bob_2")
    response = auth.login("bob_2", remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    session = next(c for c in cookies if c.startswith("session="))
    for cookie in (remember, session):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    expires = parsedate_to_datetime(remember.split("Expires=")[1].split(";")[0])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)


def test_cookies_are_secure_when_https_is_preferred(_schema):
    app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, "PREFER_HTTPS": True})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_sign_out_is_a_post(client, auth, make_user):
    make_user("bob_2")
    auth.login("bob_2")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 303
    assert "bob_2" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/complaints/1/x", "/complaints/1/x"),
        ("/complaints?sort=new", "/complaints?sort=new"),
        ("//evil.example", None),
        ("/\\evil.example", None),
        ("https://evil.example/", None),
        ("https:evil.example", None),
        ("javascript:alert(1)", None),
        ("/ok\r\nSet-Cookie: x", None),
        ("/\tevil", None),
        ("", None),
        ("relative/path", None),
    ],
)
def test_next_is_honoured_only_for_a_local_path(target, expected):
    assert safe_next(target) == expected


def test_login_redirects_to_a_safe_next_only(client, make_user):
    make_user("bob_2")
    data = {"login": "bob_2", "password": PASSWORD}
    response = client.post("/login?next=/complaints?sort=new", data=data)
    assert response.headers["Location"] == "/complaints?sort=new"
    client.post("/logout")
    response = client.post("/login?next=//evil.example/", data=data)
    assert response.headers["Location"] == "/"


def test_forms_without_csrf_token_are_refused(_schema, make_user):
    app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, "SECRET_KEY": "x", "TESTING": True})
    client = app.test_client()
    make_user("bob_2")
    response = client.post("/login", data={"login": "bob_2", "password": PASSWORD})
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


def test_cli_creates_staff_account(runner, app):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "carol_s",
            "carol@example.org",
            "--role",
            "staff",
            "--password",
            "a long password",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "carol_s"))
        assert user.role == "staff" and user.is_staff


def test_cli_refuses_a_short_password(runner):
    result = runner.invoke(args=["users", "create", "carol_s", "c@example.org", "--password", "x"])
    assert result.exit_code != 0
    assert "at least 10" in result.output
