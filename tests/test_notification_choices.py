"""Opening notifications, the inbox grouped per thread, e-mail choices, one-click
unsubscribe per stream, daily digests and the notice to the author of a post members'
reports hid. E-mail goes through the real SMTP server of tests/smtp.py."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum import mail
from forum.accounts.models import User
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.notifications import digest
from forum.notifications import services as notifications
from forum.notifications.models import Notification
from forum.resolution import services as resolution
from tests.conftest import fresh
from tests.smtp import SMTPServer


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        yield server


@pytest.fixture
def people(app, make_user):
    people = {
        "author": make_user("author", email="author@example.org"),
        "staff": make_user("nina", role="staff", email="nina@example.org"),
        "fan": make_user("fan", email="fan@example.org"),
        "helper": make_user("helper", email="helper@example.org"),
        "other": make_user("other", email="other@example.org"),
    }
    return people


def choose(app, user, choice):
    with app.app_context():
        notifications.set_email_choice(user.id, choice)


def unread_of(app, user):
    with app.app_context():
        return db.session.get(User, user.id).unread_notifications


def thread_ids_of(app, user, unread_only=False):
    with app.app_context():
        query = sa.select(Notification.complaint_id).where(Notification.user_id == user.id)
        if unread_only:
            query = query.where(Notification.read_at.is_(None))
        return sorted(db.session.scalars(query))


def path_of(url):
    return url.split("127.0.0.1:5000", 1)[1]


# --- Opening a notification marks it (and its thread's) read ---------------------------


def test_opening_a_notification_marks_its_thread_read_and_lands_on_the_post(
    app, client, auth, people, make_complaint, make_answer
):
    washer = make_complaint(author=people["author"], title="Washer drum squeaks")
    fridge = make_complaint(author=people["author"], title="Fridge door sags")
    make_answer(washer, author=people["helper"], body="Grease the bearing.")
    latest = make_answer(washer, author=people["fan"], body="Mine too.")
    make_answer(fridge, author=people["helper"], body="Tighten the hinge.")
    auth.login("author")
    assert '<span class="bell-count">3' in client.get("/").text
    inbox = client.get("/notifications").text
    with app.app_context():
        newest = db.session.scalar(
            sa.select(Notification)
            .where(Notification.complaint_id == washer.id)
            .order_by(Notification.id.desc())
        )
    link = f"/notifications/{newest.id}/open"
    assert f'href="{link}"' in inbox  # the inbox links through the route that marks read
    response = client.get(link)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/complaints/{washer.id}/{washer.slug}#answer-{latest.id}"
    )
    # Both notifications of the washer thread are read; the fridge's is not.
    assert thread_ids_of(app, people["author"], unread_only=True) == [fridge.id]
    assert unread_of(app, people["author"]) == 1
    assert '<span class="bell-count">1' in client.get("/").text
    # Opening it again changes nothing and still lands on the post.
    again = client.get(link)
    assert again.status_code == 303 and unread_of(app, people["author"]) == 1


def test_a_notification_opens_only_for_its_own_reader(
    app, client, auth, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"], title="Toaster burns one side")
    make_answer(complaint, author=people["helper"], body="Clean the element.")
    with app.app_context():
        notification_id = db.session.scalar(sa.select(Notification.id))
    path = f"/notifications/{notification_id}/open"
    assert client.get(path).status_code == 302  # sign in first
    auth.login("fan")
    assert client.get(path).status_code == 404
    assert unread_of(app, people["author"]) == 1
    auth.logout()
    # A thread removed since: read, and back to the inbox with a message, not the thread.
    with app.app_context():
        db.session.execute(
            sa.update(Complaint)
            .where(Complaint.id == complaint.id)
            .values(visibility="deleted", moderated_at=utcnow())
        )
        db.session.commit()
    auth.login("author")
    response = client.get(path, follow_redirects=True)
    assert response.request.path == "/notifications"
    assert "no longer available" in response.text
    assert unread_of(app, people["author"]) == 0


# --- The inbox, one row per thread -----------------------------------------------------


def test_the_inbox_groups_per_thread_newest_first_and_pages(
    app, people, make_complaint, make_answer
):
    threads = [
        make_complaint(author=people["author"], title=f"Kettle model {n} leaks") for n in range(3)
    ]
    for thread in threads:
        make_answer(thread, author=people["helper"], body="Same here.")
    make_answer(threads[0], author=people["fan"], body="And here.")  # thread 0 is newest now
    with app.app_context():
        resolution.change_status(fresh(people["staff"]), fresh(threads[0]), "acknowledged")
        author = fresh(people["author"])
        notifications.mark_read(
            author,
            db.session.scalar(
                sa.select(Notification.id).where(Notification.complaint_id == threads[1].id)
            ),
        )
        first, more = notifications.inbox(author, page=1, per_page=2)
        second, no_more = notifications.inbox(author, page=2, per_page=2)
    assert more and not no_more
    assert [row.latest.complaint_id for row in first + second] == [
        threads[0].id,
        threads[2].id,
        threads[1].id,
    ]
    top = first[0]
    assert top.latest.kind == "status" and top.total == 3 and top.unread == 3
    assert top.more == 2
    assert sorted(top.others) == ["2 answers"]
    assert top.actors == ["fan", "helper"]
    assert first[1].more == 0 and first[1].others == []
    assert second[0].unread == 0


def test_the_inbox_costs_the_same_statements_for_2_and_for_20_notifications_a_thread(
    client, auth, people, make_complaint, make_answer, app, count_queries
):
    def statements_for(count):
        for _ in range(2):
            complaint = make_complaint(author=people["author"], title="Oven fan rattles")
            for number in range(count):
                helper = people["helper"] if number % 2 else people["fan"]
                make_answer(complaint, author=helper, body=f"Answer {number}")
        auth.login("author")
        with count_queries() as statements:
            page = client.get("/notifications")
        assert page.status_code == 200 and "more: " in page.text
        auth.logout()
        return len(statements)

    assert statements_for(2) == statements_for(20)


# --- E-mail choices ----------------------------------------------------------------------


def test_settings_offer_four_choices_and_refuse_anything_else(app, client, auth, people):
    auth.login("author")
    page = client.get("/settings/notifications").text
    for value in ("each", "digest", "own", "off"):
        assert f'value="{value}"' in page
    each = 'checked id="email_choice-0" name="email_choice" required type="radio" value="each"'
    assert each in page
    assert "A daily digest" in page and "Only my own complaints" in page
    refused = client.post("/settings/notifications", data={"email_choice": "weekly"})
    assert refused.status_code == 422
    assert 'class="error"' in refused.text
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "each"
    saved = client.post("/settings/notifications", data={"email_choice": "digest"})
    assert saved.status_code == 303
    assert 'checked id="email_choice-1"' in client.get("/settings/notifications").text
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "digest"


def test_each_own_digest_and_off_decide_who_is_e_mailed_at_once(
    app, client, auth, people, make_complaint, smtp
):
    complaint = make_complaint(author=people["author"], title="Dryer stops after ten minutes")
    for name in ("fan", "helper", "other"):
        auth.login(name)
        client.post(f"/complaints/{complaint.id}/follow", data={"value": "1"})
        auth.logout()
    choose(app, people["author"], "own")  # their own complaint: e-mailed
    choose(app, people["fan"], "own")  # only follows it: not e-mailed
    choose(app, people["helper"], "digest")
    choose(app, people["other"], "off")
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    assert [m["To"] for m in smtp.messages] == ["author@example.org"]
    # Everybody still has the notification in the app.
    for name in ("author", "fan", "helper", "other"):
        assert thread_ids_of(app, people[name]) == [complaint.id]


# --- One-click unsubscribe per stream --------------------------------------------------


def test_notification_e_mail_unsubscribes_in_one_post_without_session_or_csrf(
    app, client, auth, people, make_complaint, smtp
):
    complaint = make_complaint(author=people["author"], title="Hob ring will not heat")
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "acknowledged"})
    (message,) = smtp.recorder.to("author@example.org")
    url = str(message["List-Unsubscribe"]).strip("<>")
    assert url.startswith("http://127.0.0.1:5000/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.get_content()  # the footer link too
    app.config["WTF_CSRF_ENABLED"] = True
    stranger = app.test_client()  # no session, no CSRF token
    confirm = stranger.get(path_of(url))
    assert confirm.status_code == 200 and "<form" in confirm.text
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "each"
    done = stranger.post(path_of(url), data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "off"
    assert stranger.post(path_of(url)[:-3] + "xyz").status_code == 404


def test_digest_unsubscribe_stops_only_the_digest_stream(app, people):
    with app.app_context():
        digest_token = mail.unsubscribe_token(people["author"].id, "digest")
        notifications_token = mail.unsubscribe_token(people["author"].id, "notifications")
        bogus_stream = mail.unsubscribe_token(people["author"].id, "weekly")
        old_style = mail.outbox._serializer().dumps(people["author"].id)
    client = app.test_client()
    choose(app, people["author"], "each")
    assert "Stop the daily digest" in client.get(f"/unsubscribe/{digest_token}").text
    client.post(f"/unsubscribe/{digest_token}")
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "each"
    choose(app, people["author"], "digest")
    client.post(f"/unsubscribe/{notifications_token}")
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "digest"
    client.post(f"/unsubscribe/{digest_token}")
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "off"
    assert client.get(f"/unsubscribe/{bogus_stream}").status_code == 404
    # A link from before streams existed stops notification e-mail, as it always did.
    choose(app, people["author"], "own")
    assert client.post(f"/unsubscribe/{old_style}").status_code == 200
    with app.app_context():
        assert db.session.get(User, people["author"].id).email_choice == "off"


# --- Daily digests ---------------------------------------------------------------------


def test_send_due_sends_one_digest_per_member_grouped_per_thread_once_a_day(
    app, runner, people, make_complaint, make_answer, smtp
):
    choose(app, people["author"], "digest")
    choose(app, people["fan"], "digest")  # nothing happens to the fan: no digest
    washer = make_complaint(author=people["author"], title="Washer door will not open")
    secret = make_complaint(author=people["author"], title="Blender recall nobody announced")
    make_answer(washer, author=people["helper"], body="Pull the emergency cord.")
    make_answer(washer, author=people["other"], body="Same model here.")
    make_answer(secret, author=people["helper"], body="Mine too.")
    with app.app_context():
        resolution.change_status(fresh(people["staff"]), fresh(washer), "acknowledged")
        db.session.execute(
            sa.update(Complaint)
            .where(Complaint.id == secret.id)
            .values(visibility="deleted", moderated_at=utcnow())
        )
        db.session.commit()
    assert smtp.messages == []  # digest readers get nothing at once
    result = runner.invoke(args=["notify", "send-due"])
    assert result.exit_code == 0, result.output
    assert "Digests queued 1" in result.output
    (message,) = smtp.messages
    assert message["To"] == "author@example.org"
    assert message["Subject"] == "Your daily digest from Redress: 3 updates on 1 thread"
    body = message.get_content()
    assert "“Washer door will not open” — 1 status change, 2 answers" in body
    assert f"/complaints/{washer.id}/{washer.slug}" in body
    assert "Blender recall" not in body  # a thread they may no longer see
    url = str(message["List-Unsubscribe"]).strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in body
    with app.app_context():
        assert mail.unsubscribe_target(url.rsplit("/", 1)[1]) == (people["author"].id, "digest")
    # A second run the same day sends nothing, even with news.
    make_answer(washer, author=people["helper"], body="Update: it opened.")
    again = runner.invoke(args=["notify", "send-due"])
    assert "Digests queued 0" in again.output and len(smtp.messages) == 1


def days_pass(app, days):
    """Move the digest's record and what was notified ``days`` into the past."""
    with app.app_context():
        earlier = timedelta(days=days)
        for user in db.session.scalars(sa.select(User).where(User.digest_sent_at.is_not(None))):
            user.digest_sent_at -= earlier
        for item in db.session.scalars(sa.select(Notification)):
            item.created_at -= earlier
        db.session.commit()


def test_the_next_days_digest_holds_only_what_is_new(app, people, make_complaint, make_answer):
    choose(app, people["author"], "digest")
    complaint = make_complaint(author=people["author"], title="Freezer ices up")
    make_answer(complaint, author=people["helper"], body="Defrost it.")
    with app.app_context():
        assert digest.queue_due() == 1
        assert digest.queue_due() == 0  # the same day
    days_pass(app, 1)
    with app.app_context():
        # Nothing new the next day: nothing sent, but the day counts as done.
        assert digest.queue_due() == 0
        assert digest.due_members(utcnow(), 10) == []
    days_pass(app, 1)
    make_answer(complaint, author=people["other"], body="Check the seal.")
    with app.app_context():
        assert digest.queue_due() == 1
        bodies = list(
            db.session.scalars(
                sa.select(mail.MailMessage.body)
                .where(mail.MailMessage.kind == "digest")
                .order_by(mail.MailMessage.id)
            )
        )
    assert len(bodies) == 2 and "1 update on 1 thread" in bodies[1]
    assert "other answered" in bodies[1] and "helper answered" not in bodies[1]


def test_a_long_digest_lists_the_newest_threads_and_counts_the_rest(
    app, people, make_complaint, make_answer, monkeypatch
):
    monkeypatch.setattr(digest, "LISTED_THREADS", 2)
    choose(app, people["author"], "digest")
    for title in ("Grill one heats unevenly", "Grill two smokes", "Grill three sparks"):
        make_answer(make_complaint(author=people["author"], title=title), author=people["fan"])
    with app.app_context():
        assert digest.queue_due() == 1
        body = db.session.scalar(sa.select(mail.MailMessage.body))
    assert "3 updates on 3 threads" in body
    assert "Grill three sparks" in body and "Grill two smokes" in body
    assert "Grill one" not in body and "… and 1 more thread." in body


def test_digests_wait_for_the_configured_hour(app, people, make_complaint, make_answer):
    app.config["DIGEST_HOUR"] = 7
    choose(app, people["author"], "digest")
    complaint = make_complaint(author=people["author"], title="Cooker hood hums")
    make_answer(complaint, author=people["helper"], body="Clean the filter.")
    now = utcnow()
    morning = now.replace(hour=6, minute=59)
    with app.app_context():
        assert digest.queue_due(now=morning) == 0
        assert db.session.get(User, people["author"].id).digest_sent_at is None
        assert digest.queue_due(now=max(now, now.replace(hour=7, minute=0))) == 1


# --- A post hidden by members' reports: its author is told, and may see it ------------


def flag(client, auth, username, path):
    auth.login(username)
    response = client.post(path, data={"reason": "abusive"})
    auth.logout()
    return response


@pytest.fixture
def reporters(app, make_user):
    names = [make_user(f"reporter{n}") for n in range(3)]
    with app.app_context():
        db.session.execute(
            sa.update(User)
            .where(User.id.in_([user.id for user in names]))
            .values(created_at=utcnow() - timedelta(days=60))
        )
        db.session.commit()
    app.config["FLAG_WEIGHT_VISIBLE_POSTS"] = 0
    return [user.username for user in names]


def test_the_author_of_a_complaint_hidden_by_reports_is_told_and_can_open_it(
    app, client, auth, people, make_complaint, reporters, smtp
):
    complaint = make_complaint(author=people["author"], title="Rude driver on route 4")
    for name in reporters:
        assert flag(client, auth, name, f"/complaints/{complaint.id}/flag").status_code == 303
    with app.app_context():
        assert db.session.get(Complaint, complaint.id).visibility == "hidden"
        told = db.session.scalars(
            sa.select(Notification).where(Notification.user_id == people["author"].id)
        ).all()
    (notice,) = [n for n in told if n.kind == "post_hidden"]
    assert "Members reported your complaint “Rude driver on route 4”" in notice.message
    assert "hidden until staff review it" in notice.message
    assert "restore it if it breaks no rule" in notice.message
    (message,) = smtp.recorder.to("author@example.org")
    body = message.get_content()
    assert "only you and staff can see it" in body and "spam, abuse" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The link in it works for the author, with a notice; others still get a 404.
    auth.login("author")
    opened = client.get(f"/notifications/{notice.id}/open", follow_redirects=True)
    assert opened.status_code == 200
    assert "data-hidden-by-reports" in opened.text and "Rude driver on route 4" in opened.text
    assert "Staff will restore it if it breaks no rule" in opened.text
    auth.logout()
    auth.login("fan")
    assert client.get(f"/complaints/{complaint.id}/{complaint.slug}").status_code == 404
    auth.logout()
    assert client.get(f"/complaints/{complaint.id}/{complaint.slug}").status_code == 404


def test_the_author_of_an_answer_hidden_by_reports_sees_it_with_a_notice(
    app, client, auth, people, make_complaint, make_answer, reporters
):
    complaint = make_complaint(author=people["author"], title="Bike chain snaps")
    answer = make_answer(complaint, author=people["helper"], body="Buy a better chain, idiot.")
    for name in reporters:
        flag(client, auth, name, f"/answers/{answer.id}/flag")
    with app.app_context():
        assert db.session.get(Answer, answer.id).visibility == "hidden"
        kinds = db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == people["helper"].id)
        ).all()
    assert kinds == ["post_hidden"]
    path = f"/complaints/{complaint.id}/{complaint.slug}"
    auth.login("helper")
    page = client.get(path).text
    assert "Buy a better chain" in page and "Members reported your answer" in page
    auth.logout()
    auth.login("author")
    page = client.get(path).text
    assert "Buy a better chain" not in page and "data-hidden-by-reports" not in page
