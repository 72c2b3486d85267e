"""Mail to the SMTP server: TLS that checks whom it talks to, and one connection a batch.

The servers are aiosmtpd on 127.0.0.1 with certificates from a certificate authority
made for the test (trustme): no system authority trusts it, so it stands for a man in
the middle until ``MAIL_CA_FILE`` names it.
"""

import ssl
from datetime import timedelta

import pytest
import sqlalchemy as sa
import trustme
from aiosmtpd.smtp import AuthResult
from flask import Flask

from forum import config, mail
from forum.db import utcnow
from forum.extensions import db
from forum.mail import MailMessage
from forum.notifications import services as notifications
from forum.uow import write_transaction
from tests.conftest import fresh
from tests.smtp import Recorder, SMTPServer


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


@pytest.fixture
def ca_file(authority, tmp_path):
    path = tmp_path / "private-ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return str(path)


def server_context(authority, *names):
    """The server side of TLS with a certificate for ``names``, signed by ``authority``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*names).configure_cert(context)
    return context


class Logins:
    """Accepts any sign-in and remembers what it was told."""

    def __init__(self):
        self.seen = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.seen.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


@pytest.fixture
def logins():
    return Logins()


def starttls_server(app, context, logins):
    """A submission server that offers STARTTLS and takes a password only after it."""
    server = SMTPServer(tls_context=context, require_starttls=True, authenticator=logins)
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=server.port,
        MAIL_USE_TLS=True,
        MAIL_USERNAME="redress",
        MAIL_PASSWORD="s3cret-password",
    )
    return server


def queue_mail(app, make_user, count=1):
    """``count`` messages in the outbox, due now (nothing sends them yet)."""
    user = make_user("reader", email="reader@example.org")
    app.config["MAIL_SEND_AFTER_COMMIT"] = False  # left for ``send_due``, as for cron
    with app.app_context(), write_transaction() as session:
        for n in range(count):
            mail.queue(
                session,
                user,
                subject=f"Message {n}",
                body=f"Body {n}\n",
                kind="test",
                dedupe_key=f"test:{n}",
            )
    app.config["MAIL_SEND_AFTER_COMMIT"] = True


def outcome():
    message = db.session.scalar(sa.select(MailMessage).order_by(MailMessage.id))
    return message.sent_at is not None, message.last_error or ""


def test_starttls_refuses_a_server_whose_certificate_no_trusted_authority_signed(
    app, make_user, authority, logins
):
    queue_mail(app, make_user)
    with starttls_server(app, server_context(authority, "127.0.0.1"), logins) as server:
        with app.app_context():
            assert mail.send_due() == (0, 1, 0)
            sent, error = outcome()
    assert not sent
    assert "certificate verify failed" in error
    assert server.messages == [] and logins.seen == []  # the password never left


def test_starttls_delivers_and_signs_in_with_the_private_authority_configured(
    app, make_user, authority, ca_file, logins
):
    app.config["MAIL_CA_FILE"] = ca_file
    queue_mail(app, make_user)
    with starttls_server(app, server_context(authority, "127.0.0.1"), logins) as server:
        with app.app_context():
            assert mail.send_due() == (1, 0, 0)
    assert [str(message["To"]) for message in server.messages] == ["reader@example.org"]
    assert server.recorder.sessions[0].ssl  # the message came over TLS
    assert logins.seen == [("redress", "s3cret-password")]


def test_starttls_refuses_a_certificate_made_out_to_another_host(
    app, make_user, authority, ca_file, logins
):
    app.config["MAIL_CA_FILE"] = ca_file
    queue_mail(app, make_user)
    context = server_context(authority, "mail.example.org")  # trusted, but not 127.0.0.1
    with starttls_server(app, context, logins) as server:
        with app.app_context():
            assert mail.send_due() == (0, 1, 0)
            sent, error = outcome()
    assert not sent
    assert "mismatch" in error
    assert server.messages == [] and logins.seen == []


def test_implicit_tls_checks_the_certificate_and_delivers_with_the_authority(
    app, make_user, authority, ca_file
):
    queue_mail(app, make_user)
    with SMTPServer(ssl_context=server_context(authority, "127.0.0.1")) as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_SSL=True)
        with app.app_context():
            assert mail.send_due() == (0, 1, 0)
            assert "certificate verify failed" in outcome()[1]
            assert server.messages == []
            app.config["MAIL_CA_FILE"] = ca_file
            # The next cron run after the retry delay; the server speaks only TLS.
            assert mail.send_due(now=utcnow() + timedelta(minutes=2)) == (1, 0, 0)
    assert [str(message["To"]) for message in server.messages] == ["reader@example.org"]


def test_a_batch_of_mail_goes_over_one_connection(app, make_user, authority, ca_file, logins):
    app.config["MAIL_CA_FILE"] = ca_file
    queue_mail(app, make_user, count=7)
    with starttls_server(app, server_context(authority, "127.0.0.1"), logins) as server:
        with app.app_context():
            assert mail.send_due() == (7, 0, 0)
    assert len(server.messages) == 7
    assert server.recorder.connections == 1
    assert len(logins.seen) == 1  # signed in once


def test_the_mail_a_request_sends_after_commit_goes_over_one_connection(
    client, auth, app, make_user, make_complaint
):
    author = make_user("author", email="author@example.org")
    make_user("nina", role="staff")
    complaint = make_complaint(author=author)
    with app.app_context():
        for n in range(4):
            notifications.set_following(fresh(make_user(f"follower{n}")), complaint, 1)
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        auth.login("nina")
        client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    assert len(server.messages) == 5  # the author and the four followers
    assert server.recorder.connections == 1


class ClosesAfterThree(Recorder):
    """A server that takes three messages a connection, then answers "421" (Exchange does)."""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            taken = sum(1 for seen in self.sessions if seen is session)
        if taken >= 3:
            return "421 4.7.0 Too many messages on this connection, reconnect"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"


def test_a_server_that_ends_the_connection_mid_batch_gets_the_rest_on_a_new_one(app, make_user):
    queue_mail(app, make_user, count=7)
    with SMTPServer(ClosesAfterThree()) as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        with app.app_context():
            assert mail.send_due() == (7, 0, 0)
            assert db.session.scalar(sa.select(sa.func.max(MailMessage.attempts))) == 1
    assert sorted(str(message["Subject"]) for message in server.messages) == [
        f"Message {n}" for n in range(7)
    ]
    assert server.recorder.connections == 3


def test_starttls_asked_for_and_not_offered_sends_nothing_in_the_clear(app, make_user):
    queue_mail(app, make_user)
    with SMTPServer() as server:  # offers no STARTTLS
        app.config.update(
            MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=True, MAIL_USERNAME="x"
        )
        with app.app_context():
            assert mail.send_due() == (0, 1, 0)
            assert "STARTTLS" in outcome()[1]
    assert server.messages == []


def test_the_tls_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAIL_USE_SSL", "true")
    monkeypatch.setenv("MAIL_PORT", "465")
    monkeypatch.setenv("MAIL_CA_FILE", "/etc/redress/mail-ca.pem")
    bare = Flask("settings", instance_path=str(tmp_path))
    config.load(bare)
    assert bare.config["MAIL_USE_SSL"] is True and bare.config["MAIL_PORT"] == 465
    assert bare.config["MAIL_CA_FILE"] == "/etc/redress/mail-ca.pem"
    assert bare.config["MAIL_USE_TLS"] is False
