"""Accounts: registration, sign-in, sign-out, sessions and the redirect guard."""

import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.accounts import registration
from forum.accounts.models import User
from forum.extensions import db
from forum.mail import MailMessage
from forum.security import safe_next
from tests.conftest import PASSWORD


def register(client, username="alice_1", email="alice@example.org", password="a long password"):
    return client.post(
        "/register", data={"username": username, "email": email, "password": password}
    )


def account_mails(app, address):
    with app.app_context():
        return db.session.scalars(
            sa.select(MailMessage)
            .where(MailMessage.kind == "account", MailMessage.to_address == address)
            .order_by(MailMessage.id)
        ).all()


def confirmation_link(app, address):
    """The path of the link the last registration e-mail to ``address`` carries."""
    body = account_mails(app, address)[-1].body
    return urlsplit(re.search(r"https?://\S+/register/confirm/\S+", body).group()).path


def user_named(app, username):
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.username == username))


def test_registering_mails_a_link_that_creates_the_member_and_signs_in(client, app):
    response = register(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/login")
    # Nothing exists until the owner of the address opens the link.
    assert user_named(app, "alice_1") is None
    [mail] = account_mails(app, "alice@example.org")
    assert "Confirm your" in mail.subject and "alice_1" in mail.body
    link = confirmation_link(app, "alice@example.org")
    # The hash travels encrypted: nothing in the mail reads as one.
    assert "scrypt" not in mail.body and "scrypt" not in link
    # Opening the link (as a mail scanner would) creates nothing; its button does.
    page = client.get(link)
    assert page.status_code == 200 and "alice_1" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert user_named(app, "alice_1") is None
    created = client.post(link)
    assert created.status_code == 303
    user = user_named(app, "alice_1")
    assert (user.role, user.email) == ("member", "alice@example.org")
    # The site's own strength (the test accounts' hash is made 32 times cheaper).
    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert user.check_password("a long password")
    home = client.get("/").get_data(as_text=True)
    assert "Welcome to the forum, alice_1." in home and "nav-user" in home
    # The link works once.
    again = app.test_client().post(link)
    assert again.status_code == 409
    assert "already been used" in again.get_data(as_text=True)


@pytest.mark.parametrize(("setting", "server", "by_mail"), [
    (None, None, False), (None, "smtp.example.org", True), (False, "smtp.example.org", False),
])  # fmt: skip
def test_registration_goes_through_the_mailbox_when_mail_can_reach_it(
    app, setting, server, by_mail
):
    app.config.update(REGISTRATION_BY_EMAIL=setting, MAIL_SERVER=server)
    with app.test_request_context():
        assert registration.by_email() is by_mail


def test_without_a_mail_server_registering_signs_in_at_once(client, app, make_user):
    """Nobody could open a link (nor be told their address is taken): the account is
    made at once, as on a first install before mail is set up."""
    app.config.update(REGISTRATION_BY_EMAIL=None, MAIL_SERVER=None)
    response = register(client)
    assert response.status_code == 303 and not response.headers["Location"].endswith("/login")
    assert user_named(app, "alice_1") is not None
    assert "Welcome to the forum, alice_1." in client.get("/").get_data(as_text=True)
    assert account_mails(app, "alice@example.org") == []
    make_user(username="bob_1", email="bob@example.org")
    taken = app.test_client().post(
        "/register", data={"username": "bob_2", "email": "bob@example.org", "password": "x" * 12}
    )
    assert taken.status_code == 422
    assert "already exists" in taken.get_data(as_text=True)
    assert "x" * 12 not in taken.get_data(as_text=True)  # the password is never shown again
    assert 'value="bob_2"' in taken.get_data(as_text=True)


def test_a_damaged_or_expired_registration_link_creates_nothing(client, app):
    register(client)
    link = confirmation_link(app, "alice@example.org")
    assert client.get(link[:-4] + "AAAA").status_code == 410
    assert client.post(link[:-4] + "AAAA").status_code == 410
    app.config["REGISTRATION_LINK_MAX_AGE"] = -1
    expired = client.post(link)
    assert expired.status_code == 410
    assert "This link no longer works" in expired.get_data(as_text=True)
    assert user_named(app, "alice_1") is None


def test_a_taken_address_gets_the_answer_a_free_one_gets_and_its_owner_an_email(
    app, make_user, count_queries, monkeypatch
):
    make_user("someone", email="alice@example.org")
    hashed = []
    real_hash = registration.generate_password_hash

    def hashing(*args, **kwargs):
        hashed.append(args[0])
        return real_hash(*args, **kwargs)

    monkeypatch.setattr(registration, "generate_password_hash", hashing)

    def attempt(email):
        client = app.test_client()
        with count_queries() as statements:
            response = register(client, username=f"new_{len(hashed)}", email=email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        # Each session has its own CSRF token; the rest of the page is the same.
        page = re.sub(r'name="csrf_token" value="[^"]*"', "", page)
        return response, page, len(statements)

    # Each process loads the site settings on its first request: not part of either answer.
    app.test_client().get("/register")
    taken, taken_page, taken_statements = attempt("ALICE@example.org")
    free, free_page, free_statements = attempt("fresh@example.org")
    # The same status, redirect, page, work (a hash and the same statements) and mail count.
    assert taken.status_code == free.status_code == 303
    assert taken.headers["Location"] == free.headers["Location"]
    assert taken_page == free_page and "Check your e-mail" in free_page
    assert "already exists" not in taken_page
    assert hashed == ["a long password", "a long password"]
    assert taken_statements == free_statements
    # Nothing is created for the taken address; its owner is told how to get in.
    assert user_named(app, "new_0") is None
    [told] = account_mails(app, "alice@example.org")
    assert "Someone tried to register" in told.subject and "someone" in told.body
    assert "http://127.0.0.1:5000/login" in told.body
    assert "http://127.0.0.1:5000/reset-password" in told.body
    assert "/register/confirm/" not in told.body
    [welcome] = account_mails(app, "fresh@example.org")
    assert "/register/confirm/" in welcome.body


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


def test_a_link_for_an_address_registered_meanwhile_creates_nothing(client, app, make_user):
    register(client)
    link = confirmation_link(app, "alice@example.org")
    make_user("quicker", email="ALICE@example.org")
    refused = client.post(link)
    assert refused.status_code == 409
    assert user_named(app, "alice_1") is None


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


def test_forms_without_csrf_token_are_refused(_schema, make_user, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, "SECRET_KEY": "x", "TESTING": True})
    app.instance_path = str(tmp_path)  # its rate-limit counters, not the checkout's
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
