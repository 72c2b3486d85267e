"""The e-mail outbox under failure: backoff, giving up, claims taken over, after-commit."""

import http.client
import os
import re
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum import mail
from forum.accounts import services as accounts
from forum.complaints.models import Answer
from forum.db import utcnow
from forum.extensions import db
from forum.mail import MailMessage, outbox
from forum.notifications import services as notifications
from forum.resolution import services as resolution
from forum.uow import write_transaction
from tests.conftest import fresh, set_settings
from tests.servers import ROOT, Client, refusing_port, stop, tail
from tests.smtp import SMTPServer

MINUTE = timedelta(minutes=1)


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("author", email="author@example.org"),
        "staff": make_user("nina", role="staff", email="nina@example.org"),
        "fan": make_user("fan", email="fan@example.org"),
    }


@pytest.fixture
def dead_server(app):
    """Nothing listens on the port: every connection is refused at once."""
    with refusing_port() as port:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
        yield


@pytest.fixture
def hanging_server(app):
    """Connections are taken (by the kernel) but the server never says a word."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        app.config.update(
            MAIL_SERVER="127.0.0.1", MAIL_PORT=sock.getsockname()[1], MAIL_TIMEOUT=0.5
        )
        yield sock


@pytest.fixture
def deliveries(monkeypatch):
    """Every delivery attempt, in order (the real delivery still runs)."""
    attempts = []
    send = outbox.Outgoing.send

    def counting(outgoing, email):
        attempts.append(email["To"])
        return send(outgoing, email)

    monkeypatch.setattr(outbox.Outgoing, "send", counting)
    return attempts


def queue_status_mail(app, people, complaint, status="acknowledged"):
    """Staff change the status with the after-commit attempt off: the mail waits for cron."""
    app.config["MAIL_SEND_AFTER_COMMIT"] = False
    with app.app_context():
        resolution.change_status(fresh(people["staff"]), complaint, status)
    app.config["MAIL_SEND_AFTER_COMMIT"] = True


def the_message():
    return db.session.scalar(sa.select(MailMessage))


def test_an_outage_longer_than_eight_cron_runs_loses_nothing(
    app, people, make_complaint, dead_server
):
    complaint = make_complaint(author=people["author"])
    queue_status_mail(app, people, complaint)
    with app.app_context():
        start = utcnow()
        for minute in range(30):  # cron every minute; the server is down for half an hour
            mail.send_due(now=start + minute * MINUTE)
        message = the_message()
        assert message.sent_at is None and message.cancelled_at is None
        # Tried at minutes 0, 1, 3, 7 and 15, backing off; next at minute 31.
        assert message.attempts == 5
        assert message.send_after == start + 31 * MINUTE
        assert "refused" in message.last_error.lower()
    with SMTPServer() as server:
        app.config["MAIL_PORT"] = server.port
        with app.app_context():
            for minute in range(30, 40):
                mail.send_due(now=start + minute * MINUTE)
            assert the_message().sent_at is not None
        assert len(server.recorder.to("author@example.org")) == 1


def test_a_message_is_given_up_only_after_three_days_of_backed_off_attempts(
    app, people, make_complaint, dead_server
):
    complaint = make_complaint(author=people["author"])
    queue_status_mail(app, people, complaint)
    with app.app_context():
        now = utcnow()
        tried = []
        while len(tried) < 100:
            assert mail.send_due(now=now - MINUTE) == (0, 0, 0)  # not due before its time
            assert mail.send_due(now=now) == (0, 1, 0)
            tried.append(now)
            message = the_message()
            if message.cancelled_at is not None:
                break
            now = message.send_after
        gaps = [later - earlier for earlier, later in zip(tried, tried[1:], strict=False)]
        assert gaps[:5] == [MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE]
        assert max(gaps) == timedelta(hours=6)
        assert timedelta(hours=72) <= tried[-1] - tried[0] < timedelta(hours=78)
        assert message.attempts == len(tried)
        assert message.last_error
        # Given up: no later run tries it again.
        assert mail.send_due(now=now + timedelta(days=30)) == (0, 0, 0)


def test_a_run_whose_claims_were_taken_over_sends_none_of_them(
    app, people, make_complaint, smtp_server, monkeypatch
):
    for _ in range(3):
        queue_status_mail(app, people, make_complaint(author=people["author"]))
    claim = outbox._claim
    with app.app_context():
        start = utcnow()

        def stalling_claim(now, limit, *args):
            claimed = claim(now, limit, *args)
            if now == start:
                # This run stalls after claiming; 16 minutes later its claims are stale
                # and another run takes the messages over and sends them.
                assert mail.send_due(now=start + 16 * MINUTE) == (3, 0, 0)
            return claimed

        monkeypatch.setattr(outbox, "_claim", stalling_claim)
        assert mail.send_due(now=start) == (0, 0, 0)
        rows = list(db.session.scalars(sa.select(MailMessage)))
        assert all(row.sent_at is not None and row.attempts == 1 for row in rows)
    assert len(smtp_server.messages) == 3


@pytest.fixture
def smtp_server(app):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        yield server


def test_the_check_a_feature_registers_for_its_kind_decides_whether_a_message_still_goes(
    app, people, smtp_server, monkeypatch
):
    monkeypatch.setattr(outbox, "_checks", dict(outbox._checks))  # this test's kind only
    asked = []

    def still_wanted(message):
        asked.append(message.subject)
        return message.subject != "Stale digest"

    mail.register_check("digest", still_wanted)
    app.config["MAIL_SEND_AFTER_COMMIT"] = False
    with app.app_context():
        with write_transaction() as session:
            for subject, kind in [
                ("Fresh digest", "digest"),
                ("Stale digest", "digest"),
                ("Account notice", "account"),
            ]:
                mail.queue(
                    session,
                    fresh(people["fan"]),
                    subject=subject,
                    body="Body.\n",
                    kind=kind,
                    dedupe_key=subject,
                )
        assert mail.send_due() == (2, 0, 1)
        rows = {row.subject: row for row in db.session.scalars(sa.select(MailMessage))}
        assert rows["Stale digest"].cancelled_at is not None
        assert rows["Stale digest"].sent_at is None
        assert rows["Fresh digest"].sent_at is not None
        assert rows["Account notice"].sent_at is not None
    assert sorted(asked) == ["Fresh digest", "Stale digest"]  # other kinds are not asked
    received = sorted(str(message["Subject"]) for message in smtp_server.messages)
    assert received == ["Account notice", "Fresh digest"]


def test_a_hanging_smtp_server_costs_a_request_one_attempt_and_loses_nothing(
    client, auth, app, people, make_user, make_complaint, hanging_server, deliveries
):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        for n in range(4):
            notifications.set_following(fresh(make_user(f"follower{n}")), complaint, 1)
    queue_status_mail(app, people, make_complaint(author=people["fan"]))  # a backlog
    auth.login("nina")
    response = client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    assert response.status_code == 303
    assert len(deliveries) == 1  # the first timeout ends the after-commit attempt
    with app.app_context():
        rows = list(db.session.scalars(sa.select(MailMessage)))
        assert len(rows) == 6
        assert all(row.sent_at is None and row.cancelled_at is None for row in rows)
        # Nothing is left claimed or pushed back: the next cron run sends it all.
        assert all(row.claim_token is None and row.attempts == 0 for row in rows)
        assert sum(1 for row in rows if row.last_error) == 1
        assert all(row.send_after <= utcnow() for row in rows)
    with SMTPServer() as server:
        # A working server now, with the default timeout: the hanging one's 0.5 s is too
        # short for a test server on a loaded machine (one send timed out in CI).
        app.config.update(MAIL_PORT=server.port, MAIL_TIMEOUT=10)
        with app.app_context():
            assert mail.send_due() == (6, 0, 0)
        assert len(server.messages) == 6


def test_after_commit_sends_only_what_the_request_queued_up_to_the_limit(
    client, auth, app, people, make_user, make_complaint, smtp_server
):
    app.config["MAIL_SEND_AFTER_COMMIT_LIMIT"] = 3
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        for n in range(4):
            notifications.set_following(fresh(make_user(f"follower{n}")), complaint, 1)
    queue_status_mail(app, people, make_complaint(author=people["fan"]))  # a backlog
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    received = [str(message["To"]) for message in smtp_server.messages]
    assert len(received) == 3
    assert "fan@example.org" not in received  # the backlog is cron's work
    with app.app_context():
        assert mail.send_due() == (3, 0, 0)
    assert len(smtp_server.messages) == 6


@pytest.mark.parametrize("action", ["approve", "restore"])
def test_a_held_answer_made_public_by_staff_is_e_mailed_to_the_author_at_once(
    client, auth, app, people, make_user, make_complaint, smtp_server, action
):
    complaint = make_complaint(author=people["author"])
    set_settings(app, hold_first_posts=True)
    make_user("newbie")
    auth.login("newbie")
    client.post(f"/complaints/{complaint.id}/answers", data={"body": "Mine did that too."})
    auth.logout()
    with app.app_context():
        assert db.session.scalar(sa.select(MailMessage)) is None  # held: nobody told yet
        answer_id = db.session.scalar(sa.select(Answer.id))
    auth.login("nina")
    assert client.post(f"/mod/answer/{answer_id}/{action}").status_code == 303
    # Sent right after the commit, as every other e-mail is, not left for the next cron.
    assert len(smtp_server.recorder.to("author@example.org")) == 1


SERVED_APP = """\
from forum import create_app
from tests.conftest import set_settings
from tests.conftest import set_settings

app = create_app({config!r})
app.instance_path = {instance!r}
"""


def test_without_a_mail_server_gunicorn_prints_the_mail_to_its_error_log(
    app, database_url, make_user, tmp_path
):
    """The operator's only copy of a reset link, as the production server runs the site."""
    make_user("forgetful", email="forgetful@example.org")
    # The test's secret key, so that the test can check the printed link.
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": app.config["SECRET_KEY"]}
    (tmp_path / "instance").mkdir()
    (tmp_path / "served.py").write_text(
        SERVED_APP.format(config=config, instance=str(tmp_path / "instance"))
    )
    env = {**os.environ, "GUNICORN_WORKERS": "1", "GUNICORN_ACCESS_LOG": ""}
    env.pop("MAIL_SERVER", None)
    env.pop("FLASK_MAIL_SERVER", None)
    # Gunicorn serves a socket bound here: requests wait in its backlog until it is up.
    # No control socket: it would be one path in $HOME shared with other runs' servers.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
               "--bind", f"fd://{listener.fileno()}", "--pythonpath", str(tmp_path),
               "--no-control-socket", "served:app"]  # fmt: skip
    log = tmp_path / "gunicorn.log"
    with listener, open(log, "wb") as output:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            pass_fds=[listener.fileno()],
            start_new_session=True,
        )
    try:
        started = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started.request("GET", "/healthz")
        assert started.getresponse().status == 200, tail(log)
        started.close()
        status, _headers, _page = Client(port).post(
            "/reset-password", {"email": "forgetful@example.org"}, token_from="/reset-password"
        )
        assert status == 303
    finally:
        stop(server)  # its output is all written once it has exited
    printed = log.read_text()
    assert "To: forgetful@example.org\nSubject: Reset your Redress password" in printed
    link = re.search(r"^http://\S+/reset-password/(\S+)$", printed, re.MULTILINE)
    assert link, printed[-3000:]
    with app.app_context():  # the whole link, on one line, that works
        assert accounts.user_for_reset_token(link.group(1)).username == "forgetful"
