"""Follows, in-app notifications and e-mail through a real SMTP server."""

import multiprocessing
from datetime import timedelta

import flask_babel
import pytest
import sqlalchemy as sa
from babel import support as babel_support

from forum import i18n, mail
from forum.accounts.models import User
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.mail import MailMessage
from forum.notifications import digest
from forum.notifications import services as notification_services
from forum.notifications.models import Follow, Notification
from forum.resolution import services as resolution
from tests.conftest import fresh
from tests.servers import refusing_port
from tests.smtp import SMTPServer


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        yield server


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("author", email="author@example.org"),
        "staff": make_user("nina", role="staff", email="nina@example.org"),
        "fan": make_user("fan", email="fan@example.org"),
        "helper": make_user("helper", email="helper@example.org"),
    }


def notifications_of(app, username):
    with app.app_context():
        return list(
            db.session.execute(
                sa.select(Notification.kind, Notification.message, Notification.read_at)
                .join(User, User.id == Notification.user_id)
                .where(User.username == username)
                .order_by(Notification.id)
            ).all()
        )


def test_author_follows_own_complaint_and_hears_of_every_answer(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        assert db.session.get(Follow, (people["author"].id, complaint.id)) is not None
    auth.login("helper")
    client.post(f"/complaints/{complaint.id}/answers", data={"body": "Try a reset."})
    kinds = [n.kind for n in notifications_of(app, "author")]
    assert kinds == ["answer"]
    # Nobody is told about their own action.
    assert notifications_of(app, "helper") == []


def test_followers_hear_of_status_changes_official_answers_and_solutions(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("fan")
    assert client.post(f"/complaints/{complaint.id}/follow", data={"value": "1"}).status_code == 303
    auth.logout()
    answer = make_answer(complaint, author=people["staff"], body="We will send a new part.")
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    client.post(f"/answers/{answer.id}/official")
    client.post(f"/answers/{answer.id}/accept")
    kinds = [n.kind for n in notifications_of(app, "fan")]
    assert kinds == ["status", "official", "accepted"]
    assert [n.kind for n in notifications_of(app, "nina")] == []
    auth.logout()
    auth.login("fan")
    client.post(f"/complaints/{complaint.id}/follow", data={"value": "0"})
    auth.logout()
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "in_progress"})
    assert len(notifications_of(app, "fan")) == 3


def test_bell_counts_unread_and_notifications_can_be_marked_read(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"], title="Dishwasher error E24 again")
    other = make_complaint(author=people["author"], title="Fridge light flickers")
    make_answer(complaint, author=people["helper"], body="First")
    make_answer(complaint, author=people["fan"], body="Second")
    make_answer(other, author=people["helper"], body="Third")
    auth.login("author")
    html = client.get("/").get_data(as_text=True)
    assert '<span class="bell-count">3' in html
    page = client.get("/notifications").get_data(as_text=True)
    # One row per thread, newest thread first, with the thread's latest event on top.
    assert page.count('class="row is-unread"') == 2
    assert page.index("Fridge light flickers") < page.index("fan answered")
    assert "helper answered your complaint “Dishwasher" not in page
    assert "and 1 more: 1 answer — from helper" in page
    assert "2 new" in page
    with app.app_context():
        newest = db.session.scalar(
            sa.select(Notification.id)
            .where(Notification.complaint_id == complaint.id)
            .order_by(Notification.id.desc())
        )
    # "Mark read" on a row marks the thread's notifications read.
    client.post(f"/notifications/{newest}/read")
    assert '<span class="bell-count">1' in client.get("/").get_data(as_text=True)
    client.post("/notifications/read-all")
    assert "bell-count" not in client.get("/").get_data(as_text=True)
    assert all(n.read_at for n in notifications_of(app, "author"))


def test_notifications_need_sign_in(client):
    assert client.get("/notifications").status_code == 302


def test_followers_get_e_mail_with_a_one_click_unsubscribe(
    client, auth, people, make_complaint, app, smtp
):
    complaint = make_complaint(author=people["author"], title="Washing machine leaks water")
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    received = smtp.recorder.to("author@example.org")
    assert len(received) == 1
    message = received[0]
    assert "Washing machine leaks water" in message["Subject"]
    body = message.get_content()
    assert f"/complaints/{complaint.id}/" in body
    unsubscribe = str(message["List-Unsubscribe"]).strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = unsubscribe.split("127.0.0.1:5000", 1)[1]
    auth.logout()
    assert client.get(path).status_code == 200  # a page with a button: GET changes nothing
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "each"
    assert client.post(path).status_code == 200
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "off"
    assert client.post(path[:-3] + "xyz").status_code == 404
    # In-app notifications continue; e-mail stops.
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "in_progress"})
    assert len(smtp.recorder.to("author@example.org")) == 1
    assert len(notifications_of(app, "author")) == 2


def test_a_failing_smtp_server_loses_nothing(client, auth, people, make_complaint, app, runner):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    with refusing_port() as port:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
        status = {"status": "acknowledged"}
        response = client.post(f"/complaints/{complaint.id}/status", data=status)
    assert response.status_code == 303
    with app.app_context():
        message = db.session.scalar(sa.select(MailMessage))
        assert message.sent_at is None and message.last_error
    with SMTPServer() as server:
        app.config["MAIL_PORT"] = server.port
        result = runner.invoke(args=["notify", "send-due"])
        assert "Sent 1" in result.output, result.output
        assert len(server.recorder.to("author@example.org")) == 1
        runner.invoke(args=["notify", "send-due"])
        assert len(server.messages) == 1


def test_without_mail_server_messages_are_logged(client, auth, people, make_complaint, app, caplog):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    with caplog.at_level("INFO", logger="forum.mail"):
        client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    assert "To: author@example.org" in caplog.text
    with app.app_context():
        assert db.session.scalar(sa.select(MailMessage.sent_at)) is not None


def test_review_prompt_email_is_sent_once_after_the_delay(people, make_complaint, app, smtp):
    complaint = make_complaint(author=people["author"], rating=2)
    with app.app_context():
        staff = fresh(people["staff"])
        resolution.change_status(staff, complaint, "resolved")
        prompts = lambda: [  # noqa: E731
            m for m in smtp.recorder.to("author@example.org") if "revise" in m["Subject"]
        ]
        mail.send_due()
        assert prompts() == []  # not before REVIEW_PROMPT_DELAY_HOURS
        later = utcnow() + timedelta(hours=25)
        mail.send_due(now=later)
        mail.send_due(now=later)
        assert len(prompts()) == 1


def test_no_review_prompt_email_once_the_author_answered(people, make_complaint, app, smtp):
    complaint = make_complaint(author=people["author"], rating=2)
    with app.app_context():
        staff = fresh(people["staff"])
        author = fresh(people["author"])
        resolution.change_status(staff, complaint, "resolved")
        resolution.decline_review_prompt(author, complaint)
        mail.send_due(now=utcnow() + timedelta(hours=25))
    assert not [m for m in smtp.messages if "revise" in m["Subject"]]


def test_a_failed_event_notifies_nobody(people, make_complaint, app, monkeypatch):
    complaint = make_complaint(author=people["author"])

    def explode(*args, **kwargs):
        raise RuntimeError("crash after the notifications were written")

    monkeypatch.setattr(resolution, "_tell_affected", explode)
    with app.app_context():
        staff = fresh(people["staff"])
        with pytest.raises(RuntimeError):
            resolution.change_status(staff, complaint, "resolved")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MailMessage)) == 0


def _send_in_another_process(url, port, barrier):
    from forum import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}
    )
    with app.app_context():
        barrier.wait()
        sent = mail.send_due()[0]
        db.engine.dispose()
    return sent


def test_two_senders_at_once_never_send_a_message_twice(people, make_complaint, app, _schema, smtp):
    app.config["MAIL_SEND_AFTER_COMMIT"] = False
    complaints = [make_complaint(author=people["author"]) for _ in range(12)]
    with app.app_context():
        staff = fresh(people["staff"])
        for complaint in complaints:
            resolution.change_status(staff, complaint, "acknowledged")
        queued = db.session.scalar(sa.select(sa.func.count()).select_from(MailMessage))
    assert queued == 12
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(3)
        with context.Pool(3) as pool:
            sent = pool.starmap_async(
                _send_in_another_process, [(_schema, smtp.port, barrier)] * 3
            ).get(timeout=120)  # a worker that dies loses its task: never wait for ever
    assert sum(sent) == 12
    assert len(smtp.messages) == 12


def set_visibility(app, complaint, visibility, by_staff=True):
    """Hidden or deleted by staff (``moderated_at`` set) unless ``by_staff`` is False:
    then "hidden" is hidden by members' reports, which its author still sees."""
    moderated = utcnow() if by_staff and visibility in ("hidden", "deleted") else None
    with app.app_context():
        db.session.execute(
            sa.update(Complaint)
            .where(Complaint.id == complaint.id)
            .values(visibility=visibility, moderated_at=moderated)
        )
        db.session.commit()


@pytest.mark.parametrize("visibility", ["hidden", "pending", "deleted", "merged"])
def test_followers_and_voters_of_a_thread_removed_since_hear_nothing_of_it(
    client, auth, people, make_complaint, app, visibility
):
    complaint = make_complaint(author=people["author"], title="Washer floods the kitchen")
    auth.login("fan")
    client.post(f"/complaints/{complaint.id}/follow", data={"value": "1"})
    client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    auth.logout()
    set_visibility(app, complaint, visibility)
    with app.app_context():
        staff = fresh(people["staff"])
        resolution.change_status(staff, fresh(complaint), "resolved", note="Fixed in 2.1")
        told = db.session.scalars(sa.select(MailMessage.to_address)).all()
    # Neither the follower nor the voter (the same member) is told, in the app or by mail.
    assert notifications_of(app, "fan") == []
    assert "fan@example.org" not in told
    # The author still hears of it while they may see their own held complaint.
    author_told = [n.kind for n in notifications_of(app, "author")]
    assert ("status" in author_told) == (visibility == "pending")


@pytest.mark.parametrize("visibility", ["hidden", "deleted", "merged"])
def test_the_notification_list_shows_no_title_of_a_thread_the_reader_cannot_see_now(
    client, auth, people, make_user, make_complaint, make_answer, app, visibility
):
    gone = make_complaint(author=people["author"], title="Secret recall of the blender")
    kept = make_complaint(author=people["author"], title="Kettle lid will not close")
    make_answer(gone, author=people["helper"], body="Same here.")
    make_answer(kept, author=people["helper"], body="Mine too.")
    auth.login("nina")
    client.post(f"/complaints/{gone.id}/follow", data={"value": "1"})
    auth.logout()
    with app.app_context():
        resolution.change_status(fresh(make_user(role="staff")), fresh(gone), "acknowledged")
    set_visibility(app, gone, visibility)
    with app.app_context():
        opens = {
            (user_id, complaint_id): f"/notifications/{notification_id}/open"
            for notification_id, user_id, complaint_id in db.session.execute(
                sa.select(
                    Notification.id, Notification.user_id, Notification.complaint_id
                ).order_by(Notification.id)  # the newest of a thread last: its row's link
            )
        }
    author, nina = people["author"].id, people["staff"].id
    auth.login("author")
    page = client.get("/notifications").get_data(as_text=True)
    assert "Kettle lid will not close" in page and opens[author, kept.id] in page
    assert "Secret recall" not in page and opens[author, gone.id] not in page
    assert f"/complaints/{gone.id}/" not in page
    assert page.count("no longer available") == 1  # its two notifications: one row
    auth.logout()
    # Staff may see removed threads: their list keeps the title and the link.
    auth.login("nina")
    page = client.get("/notifications").get_data(as_text=True)
    assert "Secret recall" in page and opens[nina, gone.id] in page
    assert "no longer available" not in page


def test_the_notification_list_costs_the_same_statements_for_5_and_for_25_threads(
    client, auth, people, make_complaint, make_answer, app, count_queries
):
    def statements_for(count):
        for number in range(count):
            complaint = make_complaint(
                author=people["author"], title=f"Broken part number {number}"
            )
            make_answer(complaint, author=people["helper"], body="Same here.")
            if number % 2:
                set_visibility(app, complaint, "hidden")
        auth.login("author")
        with count_queries() as statements:
            assert client.get("/notifications").status_code == 200
        auth.logout()
        return len(statements)

    assert statements_for(5) == statements_for(25)


def test_no_review_prompt_email_once_the_complaint_was_removed(people, make_complaint, app, smtp):
    complaint = make_complaint(author=people["author"], rating=2, title="Oven door shattered")
    with app.app_context():
        resolution.change_status(fresh(people["staff"]), complaint, "resolved")
    set_visibility(app, complaint, "hidden")
    with app.app_context():
        mail.send_due(now=utcnow() + timedelta(hours=25))
    assert not [m for m in smtp.messages if "revise" in m["Subject"]]


# --- Notifications in the reader's language ---------------------------------------------

# A few German messages, standing in for the catalog a translator fills in.
GERMAN = {
    "“%(title)s” is now %(status)s": "„%(title)s“ ist jetzt %(status)s",
    "%(name)s answered your complaint “%(title)s”": (
        "%(name)s hat auf Ihre Beschwerde „%(title)s“ geantwortet"
    ),
    "Your daily digest from %(site)s: %(updates)s on %(threads)s": (
        "Ihre tägliche Übersicht von %(site)s: %(updates)s in %(threads)s"
    ),
    "Latest: %(message)s": "Zuletzt: %(message)s",
}


class FakeGerman(babel_support.NullTranslations):
    def ugettext(self, message):
        return GERMAN.get(message, message)

    gettext = ugettext


@pytest.fixture
def german(monkeypatch):
    """Requests and members whose language is ``de`` read the German messages above;
    ``readers`` names the members whose language is German."""
    readers = set()
    original = flask_babel.Domain.get_translations

    def translations(self):
        if str(flask_babel.get_locale()) == "de":
            return FakeGerman()
        return original(self)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", translations)
    monkeypatch.setattr(
        i18n, "language_of", lambda user: "de" if user.username in readers else "en"
    )
    return readers


def test_a_notification_is_stored_as_its_sentence_and_shown_in_the_readers_language(
    client, auth, people, make_complaint, app, german
):
    complaint = make_complaint(author=people["author"], title="Oven door cracked")
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    auth.logout()
    with app.app_context():
        row = db.session.scalar(sa.select(Notification))
        assert row.params == {
            "sentence": "status",
            "title": "Oven door cracked",
            "status": "acknowledged",
        }
        assert row.message == "“Oven door cracked” is now Acknowledged"  # English, for the export
    auth.login("author")
    english = client.get("/notifications").get_data(as_text=True)
    assert "“Oven door cracked” is now Acknowledged" in english
    german_page = client.get("/notifications", headers={"Accept-Language": "de"}).get_data(
        as_text=True
    )
    # Rendered when shown, from the parameters: not the stored English text.
    assert "„Oven door cracked“ ist jetzt Acknowledged" in german_page
    assert "is now Acknowledged" not in german_page


def test_a_notification_stored_as_text_before_sentences_shows_its_text(
    client, auth, people, make_complaint, app, german
):
    complaint = make_complaint(author=people["author"], title="Grill knob melted")
    with app.app_context():
        db.session.add(
            Notification(
                user_id=people["author"].id,
                complaint_id=complaint.id,
                kind="status",
                message="“Grill knob melted” is now Closed",
                url=f"/complaints/{complaint.id}/",
            )
        )
        db.session.commit()
    auth.login("author")
    page = client.get("/notifications", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "“Grill knob melted” is now Closed" in page


def test_notification_e_mail_is_written_in_the_recipients_language(
    client, auth, people, make_complaint, app, smtp, german
):
    german.add("author")
    complaint = make_complaint(author=people["author"], title="Toaster smokes")
    auth.login("fan")
    client.post(f"/complaints/{complaint.id}/follow", data={"value": "1"})
    auth.logout()
    auth.login("helper")
    # The helper's request is in English; each recipient's e-mail is in their language.
    client.post(f"/complaints/{complaint.id}/answers", data={"body": "Clean the crumb tray."})
    (to_author,) = smtp.recorder.to("author@example.org")
    assert to_author["Subject"] == "helper hat auf Ihre Beschwerde „Toaster smokes“ geantwortet"
    with app.app_context():
        stored = db.session.scalar(
            sa.select(Notification.message).where(Notification.user_id == people["author"].id)
        )
    assert stored == "helper answered your complaint “Toaster smokes”"


def test_the_digest_is_written_in_the_recipients_language(
    client, auth, people, make_complaint, make_answer, app, german
):
    german.add("author")
    with app.app_context():
        notification_services.set_email_choice(people["author"].id, "digest")
    complaint = make_complaint(author=people["author"], title="Fan hums loudly")
    make_answer(complaint, author=people["helper"], body="Oil the bearing.")
    with app.app_context():
        assert digest.queue_due(now=utcnow().replace(hour=23)) == 1
        subject = db.session.scalar(
            sa.select(MailMessage.subject).where(MailMessage.kind == "digest")
        )
        text = db.session.scalar(sa.select(MailMessage.body).where(MailMessage.kind == "digest"))
    assert subject == "Ihre tägliche Übersicht von Redress: 1 update in 1 thread"
    assert "Zuletzt: helper hat auf Ihre Beschwerde „Fan hums loudly“ geantwortet" in text
