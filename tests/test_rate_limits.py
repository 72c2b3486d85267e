"""Rate limits and new-account trust rules, and the switch that turns them all off."""

import os
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from limits.storage import storage_from_string

from forum import create_app, rate_limits, settings
from forum.accounts.models import User
from forum.complaints import services as complaint_services
from forum.complaints import trust
from forum.complaints.models import Answer, Category, Complaint
from forum.config import Defaults
from forum.db import utcnow
from forum.errors import Invalid, RateLimited
from forum.extensions import db, limiter
from forum.mail import MailMessage
from forum.notifications.models import Notification
from forum.rate_limit_store import SQLiteStorage
from forum.search.models import AvoidedComplaint
from tests.conftest import PASSWORD, TEST_CONFIG, _empty_tables, fresh, set_settings
from tests.search_fixtures import backend  # noqa: F401 - the search index fixture
from tests.search_fixtures import ids as search_ids


def _make_app(database_url, tmp_path, limits=True):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "localhost",
        "REGISTRATION_BY_EMAIL": True,
    }
    if limits is not None:
        config["RATELIMIT_ENABLED"] = limits
    app = create_app(config)
    app.instance_path = str(tmp_path)
    with app.app_context():
        _empty_tables()
    return app


@pytest.fixture
def app(_schema, tmp_path):
    """This module's app has every limit switched on, whatever the suite's default."""
    app = _make_app(_schema, tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def attempt(client, login, password="wrong password!", address="192.0.2.1"):
    return client.post(
        "/login",
        data={"login": login, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


# --- Sign-in --------------------------------------------------------------------------


def test_sign_in_attempts_are_limited_per_address_and_account(client, make_user):
    make_user("bob", email="bob@example.org")
    make_user("carol")
    guesser = "198.51.100.7"
    # Five wrong passwords for one account from one address, by username and by e-mail:
    # one bucket, the account's, whichever identifier was typed.
    for login in ("bob", "Bob", "bob@example.org", "BOB@example.org", "bob"):
        assert attempt(client, login, address=guesser).status_code == 401
    # The sixth from that address is refused whatever the identifier or the password.
    for login in ("bob", "bob@example.org"):
        refused = attempt(client, login, PASSWORD, address=guesser)
        assert refused.status_code == 429
        body = refused.get_data(as_text=True)
        assert "Too many attempts" in body and "then try again" in body
        assert "Retry-After" in refused.headers
        # The sign-in form comes back with the login as typed (never the password).
        assert 'id="login"' in body and f'value="{login}"' in body
        assert PASSWORD not in body
        assert "choose a new password by e-mail" in body  # the owner's way round


def test_a_guesser_cannot_lock_the_owner_out(client, make_user):
    make_user("bob", email="bob@example.org")
    make_user("carol")
    for _ in range(5):
        assert attempt(client, "bob", address="198.51.100.7").status_code == 401
    assert attempt(client, "bob", PASSWORD, address="198.51.100.7").status_code == 429
    # The owner, from their own address, signs in by username and by e-mail.
    assert attempt(client, "bob", PASSWORD, address="203.0.113.9").status_code == 303
    client.post("/logout")
    assert attempt(client, "bob@example.org", PASSWORD, address="203.0.113.9").status_code == 303
    client.post("/logout")
    # And other accounts are not affected, even from the guesser's address.
    assert attempt(client, "carol", PASSWORD, address="198.51.100.7").status_code == 303


def test_sign_in_attempts_are_limited_per_address(client, make_user):
    make_user("bob")
    for number in range(10):
        assert attempt(client, f"guess{number}").status_code == 401
    refused = attempt(client, "bob", PASSWORD)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    # Another address may still sign in to the same account.
    assert attempt(client, "bob", PASSWORD, address="192.0.2.200").status_code == 303


def test_successful_sign_ins_do_not_count(client, make_user):
    make_user("bob")
    for _ in range(12):
        assert attempt(client, "bob", PASSWORD).status_code == 303
        client.post("/logout")


def test_rate_limit_answers_json_clients_in_json(client, make_user):
    make_user("bob")
    for _ in range(5):
        attempt(client, "bob")
    response = client.post(
        "/login",
        data={"login": "bob", "password": "x"},
        headers={"Accept": "application/json"},
        environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )
    assert response.status_code == 429
    assert response.get_json()["status"] == 429


def test_reset_requests_are_limited(client, make_user):
    make_user("bob", email="bob@example.org")
    for _ in range(3):
        assert client.post("/reset-password", data={"email": "bob@example.org"}).status_code == 303
    assert client.post("/reset-password", data={"email": "bob@example.org"}).status_code == 429


def register(app, username, address="192.0.2.1", password="a long enough password"):
    return app.test_client().post(
        "/register",
        data={"username": username, "email": f"{username}@example.org", "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_registrations_are_limited_per_address(app):
    assert app.config["REGISTER_LIMIT_PER_ADDRESS"] == "3 per hour; 10 per day"
    # Refused registrations (a password too short) do not count.
    assert register(app, "typo_first", password="short").status_code == 422
    for number in range(3):
        assert register(app, f"fresh{number}").status_code == 303
    refused = register(app, "fresh_fourth")
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    body = refused.get_data(as_text=True)
    assert "Too many attempts" in body and "then try again" in body
    # The form comes back with what was typed, except the password.
    assert 'value="fresh_fourth"' in body and 'value="fresh_fourth@example.org"' in body
    assert "a long enough password" not in body
    with app.app_context():
        sent = (
            sa.select(sa.func.count()).select_from(MailMessage).where(MailMessage.kind == "account")
        )
        assert db.session.scalar(sent) == 3
    # Another address may still register.
    assert register(app, "fresh_fourth", address="203.0.113.9").status_code == 303


def test_the_switch_turns_every_limit_off(_schema, tmp_path, monkeypatch, make_category):
    monkeypatch.setenv("FLASK_RATELIMIT_ENABLED", "false")
    app = _make_app(_schema, tmp_path, limits=None)  # from the environment only
    try:
        assert app.config["RATELIMIT_ENABLED"] is False
        client = app.test_client()
        for _ in range(15):
            assert attempt(client, "bob").status_code == 401
        # The new-account trust rules follow the same switch.
        with app.app_context():
            user = User(username="newbie", email="newbie@example.org", role="member")
            user.set_password(PASSWORD)
            db.session.add(user)
            db.session.commit()
            category = make_category()
            for number in range(7):
                complaint_services.create_complaint(
                    db.session.get(User, user.id),
                    title=f"Complaint number {number} about links",
                    body=LINKS_5,
                    category_id=category.id,
                    desired_outcome="refund",
                )
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# --- New-account trust rules -----------------------------------------------------------

LINKS_3 = (
    "See [the shop](https://shop.example/item) and <https://forum.example/t/1>, "
    "also https://third.example/page for details."
)
LINKS_5 = LINKS_3 + " And [four](http://four.example) and example.com too."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No links here at all, just words.", 0),
        (LINKS_3, 3),
        (LINKS_5, 5),
        ("Inside code `https://code.example` and\n\n    https://indented.example\n", 0),
        ("A [relative link](/complaints/1) and mailto:help@shop.example", 0),
        ("Sneaky [link](//evil.example/path) without a scheme", 1),
        ("Mixed case HTTPS://LOUD.EXAMPLE/path and hTtP://loud.example.com", 2),
        ("A bare domain: shop.example.com/deals", 1),
    ],
)
def test_links_are_counted_as_readers_will_see_them(app, text, expected):
    with app.app_context():
        assert trust.count_links(text) == expected


def complaint_form(category, body, title="The courier left my parcel in the rain"):
    return {
        "title": title,
        "body": body,
        "category": str(category.id),
        "desired_outcome": "refund",
        "rating": "",
        "review": "",
        "private_details": "",
    }


def test_new_accounts_may_not_post_more_than_two_links(client, auth, make_user, make_category):
    make_user("newbie")
    category = make_category()
    auth.login("newbie")
    response = client.post("/complaints/new", data=complaint_form(category, LINKS_3))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "New accounts can include at most 2 links in a post; this one has 3" in body
    # What was typed is still in the form.
    assert "The courier left my parcel in the rain" in body
    assert "https://third.example/page" in body
    two = LINKS_3.replace("https://third.example/page", "the third page")
    assert client.post("/complaints/new", data=complaint_form(category, two)).status_code == 303


def test_the_sixth_post_in_an_hour_from_a_new_account_is_refused(
    app, client, auth, make_user, make_complaint
):
    newbie = make_user("newbie")
    thread = make_complaint(title="The oven door glass shattered by itself")
    for number in range(3):
        make_complaint(author=newbie, title=f"My complaint number {number} about the oven")
    with app.app_context():
        complaint_services.post_answer(fresh(newbie), fresh(thread), "Mine did exactly that too.")
        complaint_services.post_answer(fresh(newbie), fresh(thread), "And it happened again.")
    auth.login("newbie")
    response = client.post(f"/complaints/{thread.id}/answers", data={"body": "A sixth post."})
    assert response.status_code == 429
    body = response.get_data(as_text=True)
    assert "New accounts can post 5 times an hour" in body
    assert "You can post again in about" in body
    assert "A sixth post." in body  # the answer form keeps the text
    with app.app_context():
        with pytest.raises(RateLimited):
            complaint_services.create_complaint(
                fresh(newbie),
                title="Yet another complaint here",
                body="The body of yet another complaint.",
                category_id=thread.category_id,
                desired_outcome="refund",
            )


def test_posts_older_than_an_hour_do_not_count(app, make_user, make_complaint):
    newbie = make_user("newbie")
    for number in range(5):
        make_complaint(
            author=newbie,
            title=f"An older complaint number {number}",
            created_at=utcnow() - timedelta(minutes=61),
        )
    make_complaint(author=newbie, title="A complaint posted right now")


def _age(app, user, **delta):
    with app.app_context():
        db.session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(created_at=utcnow() - timedelta(**delta))
        )
        db.session.commit()


def test_an_old_account_with_approved_posts_is_not_limited(
    app, client, auth, make_user, make_complaint
):
    """Not by the trust rules: the limit every member has is tested below."""
    app.config["POST_LIMIT_PER_MEMBER"] = "20 per minute"  # 7 answers in the minute
    veteran = make_user("veteran")
    _age(app, veteran, days=30)
    for number in range(3):
        make_complaint(
            author=veteran,
            title=f"An early complaint number {number}",
            created_at=utcnow() - timedelta(days=number + 2),
        )
    thread = make_complaint(title="The washing machine floods the kitchen")
    auth.login("veteran")
    for number in range(7):
        response = client.post(
            f"/complaints/{thread.id}/answers", data={"body": f"Answer {number}: {LINKS_5}"}
        )
        assert response.status_code == 303, response.get_data(as_text=True)


def test_an_old_account_without_approved_posts_is_still_new(app, make_user, make_complaint):
    quiet = make_user("quiet")
    _age(app, quiet, days=30)
    thread = make_complaint()
    with app.app_context(), pytest.raises(Invalid):
        complaint_services.post_answer(fresh(quiet), fresh(thread), LINKS_3)


def test_a_young_account_with_many_posts_is_still_new(app, make_user, make_complaint):
    eager = make_user("eager")
    for number in range(4):
        make_complaint(
            author=eager,
            title=f"An early complaint number {number}",
            created_at=utcnow() - timedelta(hours=2),
        )
    thread = make_complaint()
    with app.app_context(), pytest.raises(Invalid):
        complaint_services.post_answer(fresh(eager), fresh(thread), LINKS_3)


def test_staff_are_trusted(app, make_user, make_complaint):
    staff = make_user("nina", role="staff")
    thread = make_complaint()
    with app.app_context():
        for _ in range(7):
            complaint_services.post_answer(fresh(staff), fresh(thread), LINKS_5)


def _category_of(complaint):
    return SimpleNamespace(id=complaint.category_id)


def test_edits_by_new_accounts_may_not_add_more_than_two_links(
    app, client, auth, make_user, make_complaint, make_answer
):
    newbie = make_user("newbie")
    complaint = make_complaint(author=newbie, title="The courier left my parcel in the rain")
    answer = make_answer(make_complaint(), author=newbie, body="Mine came wet as well.")
    auth.login("newbie")
    edit_url = f"/complaints/{complaint.id}/edit"

    edited = client.post(edit_url, data=complaint_form(_category_of(complaint), LINKS_3))
    assert edited.status_code == 422
    page = edited.get_data(as_text=True)
    assert "New accounts can include at most 2 links in a post; this one has 3" in page
    assert "https://third.example/page" in page  # what was typed is still in the form

    # Links in the public review count too.
    data = {**complaint_form(_category_of(complaint), "No links in this text."), "review": LINKS_3}
    in_review = client.post(edit_url, data=data)
    assert in_review.status_code == 422
    assert "https://third.example/page" in in_review.get_data(as_text=True)

    answer_edit = client.post(f"/answers/{answer.id}/edit", data={"body": LINKS_3})
    assert answer_edit.status_code == 422
    page = answer_edit.get_data(as_text=True)
    assert "this one has 3" in page and "https://third.example/page" in page
    with app.app_context():
        assert "third.example" not in fresh(complaint).body_source
        assert fresh(complaint).review is None
        assert "third.example" not in fresh(answer).body_source

    # Two links are fine, and an edit is not a new post: the hourly limit does not apply.
    for number in range(3):
        make_complaint(author=newbie, title=f"Another complaint number {number}")
    two = LINKS_3.replace("https://third.example/page", "the third page")
    for number in range(3):
        response = client.post(f"/answers/{answer.id}/edit", data={"body": f"{number}: {two}"})
        assert response.status_code == 303, response.get_data(as_text=True)


def test_edits_by_trusted_accounts_are_not_limited(client, auth, app, make_user, make_complaint):
    veteran = make_user("veteran")
    _age(app, veteran, days=30)
    for number in range(3):
        make_complaint(author=veteran, title=f"An early complaint number {number}")
    complaint = make_complaint(author=veteran, title="The washing machine floods the kitchen")
    auth.login("veteran")
    data = complaint_form(_category_of(complaint), LINKS_5, title=complaint.title)
    response = client.post(f"/complaints/{complaint.id}/edit", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)


# --- Holding a new member's first post for approval ------------------------------------

HELD = "is waiting for approval"


def _visibility(app, model, ident):
    with app.app_context():
        return db.session.get(model, ident).visibility


def test_holding_first_posts_is_off_by_default(app, make_user, make_complaint, make_answer):
    with app.app_context():
        assert settings.get("hold_first_posts") is False
    complaint = make_complaint(author=make_user("newbie"))
    assert complaint.visibility == "visible"
    assert make_answer(complaint, author=make_user("other")).visibility == "visible"


@pytest.mark.usefixtures("backend")
def test_a_new_members_first_complaint_waits_for_approval(
    app, client, auth, make_user, make_category
):
    set_settings(app, hold_first_posts=True)
    make_user("newbie")
    make_user("nina", role="staff")
    category = make_category()
    title = "The courier left my parcel in the rain"
    auth.login("newbie")

    posted = client.post(
        "/complaints/new", data=complaint_form(category, "The parcel was soaked through.")
    )
    assert posted.status_code == 303
    thread = posted.headers["Location"]
    own_view = client.get(thread)
    assert own_view.status_code == 200  # the author sees their held complaint, and why
    assert f"Your complaint {HELD}" in own_view.get_data(as_text=True)
    assert "Staff view" not in own_view.get_data(as_text=True)
    with app.app_context():
        complaint = db.session.scalar(sa.select(Complaint))
        assert complaint.visibility == "pending"
        assert db.session.get(Category, category.id).complaint_count == 0
    # A second post before staff approved the first is held too.
    second = client.post(
        "/complaints/new",
        data=complaint_form(
            category,
            "Soaked through again, same courier.",
            title="The courier left it outside again",
        ),
    )
    assert second.status_code == 303
    assert _visibility(app, Complaint, complaint.id + 1) == "pending"
    auth.logout()

    # Nobody else finds it: not on its page, in listings or in search.
    assert client.get(thread).status_code == 404
    for url in ("/complaints?sort=new", f"/c/{category.slug}", "/"):
        assert title not in client.get(url).get_data(as_text=True), url
    assert search_ids(client, "courier") == []

    # Staff find it in the queue and approve it with the queue's own action.
    auth.login("nina")
    held = client.get("/mod/queue").get_data(as_text=True).split('id="held-heading"', 1)[1]
    assert title in held and f"/mod/queue/complaint/{complaint.id}/approve" in held
    approved = client.post(f"/mod/queue/complaint/{complaint.id}/approve")
    assert approved.status_code == 303 and approved.headers["Location"] == "/mod/queue"
    auth.logout()

    assert client.get(thread).status_code == 200
    assert title in client.get("/complaints?sort=new").get_data(as_text=True)
    assert search_ids(client, "courier") == [complaint.id]
    with app.app_context():
        assert db.session.get(Category, category.id).complaint_count == 1

    # Once one of their posts is approved, the member's next posts are published at once.
    auth.login("newbie")
    third = client.post(
        "/complaints/new",
        data=complaint_form(
            category, "A third time, the same courier.", title="The courier threw it over the fence"
        ),
    )
    assert third.status_code == 303
    assert HELD not in client.get(third.headers["Location"]).get_data(as_text=True)
    assert _visibility(app, Complaint, complaint.id + 2) == "visible"


def test_a_new_members_first_answer_waits_for_approval(
    app, client, auth, make_user, make_complaint
):
    make_user("nina", role="staff")
    complaint = make_complaint(title="The oven door glass shattered by itself")
    set_settings(app, hold_first_posts=True)
    make_user("newbie")
    auth.login("newbie")
    posted = client.post(f"/complaints/{complaint.id}/answers", data={"body": "Mine did too."})
    assert posted.status_code == 303
    assert f"Your answer {HELD}" in client.get(posted.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer))
        assert answer.visibility == "pending"
        held_in = db.session.get(Complaint, complaint.id)
        assert held_in.answer_count == 0
        before_hot, before_activity = held_in.hot_score, held_in.last_activity_at
        # The complaint's author hears of it only once it is public.
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
    auth.logout()

    public = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "Mine did too." not in public and "An answer is waiting for approval." in public

    auth.login("nina")
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert f"/mod/queue/answer/{answer.id}/approve" in queue
    assert client.post(f"/mod/answer/{answer.id}/approve").status_code == 303
    auth.logout()
    assert "Mine did too." in client.get(posted.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        approved = db.session.get(Complaint, complaint.id)
        assert approved.answer_count == 1
        assert approved.hot_score > before_hot and approved.last_activity_at > before_activity
        # Approved, it is announced as a posted answer is: the author hears of it now.
        notified = db.session.scalars(sa.select(Notification.user_id)).all()
        assert notified == [complaint.author_id]


def test_staff_and_trusted_members_are_never_held(app, make_user, make_complaint, make_answer):
    veteran = make_user("veteran")
    _age(app, veteran, days=30)
    for number in range(3):
        make_complaint(author=veteran, title=f"An early complaint number {number}")
    set_settings(app, hold_first_posts=True)
    staff = make_user("nina", role="staff")
    staff_complaint = make_complaint(author=staff)
    assert staff_complaint.visibility == "visible"
    assert make_answer(staff_complaint, author=staff).visibility == "visible"
    assert make_complaint(author=veteran).visibility == "visible"
    assert make_answer(staff_complaint, author=veteran).visibility == "visible"


def test_holding_is_its_own_switch_not_a_rate_limit(app, make_user, make_complaint):
    app.config["RATELIMIT_ENABLED"] = False
    set_settings(app, hold_first_posts=True)
    assert make_complaint(author=make_user("newbie")).visibility == "pending"


# --- Limits on what every member does ---------------------------------------------------


def _veteran(app, make_user, make_complaint, username="veteran"):
    """An established member: a month old, with three approved posts (made outside a
    request, so they count for no rate limit)."""
    veteran = make_user(username)
    _age(app, veteran, days=30)
    for number in range(3):
        make_complaint(author=veteran, title=f"An early complaint number {number}")
    return veteran


def test_established_members_may_post_six_times_a_minute(
    app, client, auth, make_user, make_complaint, make_category
):
    assert app.config["POST_LIMIT_PER_MEMBER"] == "6 per minute; 60 per hour"
    _veteran(app, make_user, make_complaint)
    category = make_category()
    thread = make_complaint(title="The washing machine floods the kitchen")
    auth.login("veteran")
    for number in range(3):
        data = complaint_form(
            category,
            f"Parcel number {number} was soaked through completely.",
            title=f"The courier left parcel number {number} in the rain",
        )
        assert client.post("/complaints/new", data=data).status_code == 303
    for number in range(3):
        answer = {"body": f"Answer number {number}."}
        assert client.post(f"/complaints/{thread.id}/answers", data=answer).status_code == 303
    # The seventh post in the minute, a complaint or an answer, comes back with its text.
    refused = client.post(
        "/complaints/new",
        data=complaint_form(
            category, "The seventh text, kept as typed.", title="A seventh parcel left in the rain"
        ),
    )
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    page = refused.get_data(as_text=True)
    assert "You can post at most 6 times a minute" in page and "then try again" in page
    assert "A seventh parcel left in the rain" in page
    assert "The seventh text, kept as typed." in page
    refused = client.post(
        f"/complaints/{thread.id}/answers", data={"body": "The seventh answer, kept."}
    )
    assert refused.status_code == 429
    assert "The seventh answer, kept." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 3 + 1 + 3
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 3


def test_staff_posts_are_not_limited(client, auth, make_user, make_complaint):
    make_user("nina", role="staff")
    thread = make_complaint()
    auth.login("nina")
    for number in range(8):
        answer = {"body": f"Official answer number {number}."}
        assert client.post(f"/complaints/{thread.id}/answers", data=answer).status_code == 303


def test_commands_through_the_services_are_not_limited(app, make_user, make_complaint):
    """The demo loader and other commands post as members, outside any request."""
    app.config["VOTE_LIMIT_PER_MEMBER"] = "2 per minute"
    member = make_user("loader")
    thread = make_complaint()
    with app.app_context():
        for number in range(8):
            complaint_services.vote_on_complaint(fresh(member), fresh(thread), number % 2)


def test_vote_changes_are_limited(app, client, auth, make_user, make_complaint, make_answer):
    assert app.config["VOTE_LIMIT_PER_MEMBER"] == "30 per minute; 300 per hour"
    app.config["VOTE_LIMIT_PER_MEMBER"] = "4 per minute"
    make_user("voter")
    thread = make_complaint()
    answer = make_answer(thread)
    auth.login("voter")
    votes = [
        (f"/complaints/{thread.id}/vote", "1"),
        (f"/complaints/{thread.id}/vote", "0"),
        (f"/answers/{answer.id}/vote", "1"),
        (f"/answers/{answer.id}/vote", "-1"),
    ]
    for url, value in votes:
        assert client.post(url, data={"value": value}).status_code == 303
    refused = client.post(f"/complaints/{thread.id}/vote", data={"value": "1"})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    page = refused.get_data(as_text=True)
    assert "Slow down" in page and "You can vote at most 4 times a minute" in page
    as_json = client.post(
        f"/answers/{answer.id}/vote", data={"value": "0"}, headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 429 and as_json.get_json()["status"] == 429
    with app.app_context():
        assert fresh(thread).vote_count == 0 and fresh(answer).score == -1


def _avoided(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(AvoidedComplaint))


def test_this_solved_it_counts_once_per_member_and_thread(
    app, client, auth, make_user, make_complaint
):
    make_user("reader")
    make_user("other")
    thread = make_complaint()
    auth.login("reader")
    for _ in range(3):
        assert client.post(f"/search/solved-it/{thread.id}").status_code == 303
    assert _avoided(app) == 1
    auth.logout()
    auth.login("other")
    assert client.post(f"/search/solved-it/{thread.id}").status_code == 303
    assert _avoided(app) == 2


def test_this_solved_it_is_limited(app, client, auth, make_user, make_complaint):
    assert app.config["SOLVED_IT_LIMIT_PER_MEMBER"] == "5 per hour; 20 per day"
    make_user("reader")
    threads = [make_complaint(title=f"The kettle broke, case number {n}") for n in range(6)]
    auth.login("reader")
    for thread in threads[:5]:
        assert client.post(f"/search/solved-it/{thread.id}").status_code == 303
    refused = client.post(f"/search/solved-it/{threads[5].id}")
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "at most 5 times an hour" in refused.get_data(as_text=True)
    assert _avoided(app) == 5


# --- Where the counters live ------------------------------------------------------------


def test_the_counters_are_in_a_file_in_the_instance_folder_by_default(app, make_user):
    assert Defaults.RATELIMIT_STORAGE_URI is None
    assert isinstance(limiter.storage, SQLiteStorage)
    path = os.path.join(app.instance_path, rate_limits.FILE)
    assert limiter.storage.path == path and not os.path.exists(path)  # created on first use
    make_user("bob")
    client = app.test_client()
    for _ in range(5):
        assert attempt(client, "bob").status_code == 401
    assert os.path.exists(path)
    # Another app on the same instance folder (another worker) sees the same counts.
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    other = create_app(
        {**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database, "RATELIMIT_ENABLED": True}
    )
    other.instance_path = app.instance_path
    try:
        assert attempt(other.test_client(), "bob", PASSWORD).status_code == 429
    finally:
        with other.app_context():
            db.engine.dispose()


def test_the_file_storage_counts_atomically_in_fixed_windows(tmp_path):
    path = tmp_path / "counters.sqlite3"
    first = storage_from_string(f"sqlite:///{path}")
    second = storage_from_string(f"sqlite:///{path}")  # another process's connection
    assert isinstance(first, SQLiteStorage) and first.check()
    assert [first.incr("k", 60), second.incr("k", 60), first.incr("k", 60, amount=2)] == [1, 2, 4]
    assert second.get("k") == 4 and first.get("other") == 0
    assert time.time() < second.get_expiry("k") <= time.time() + 60
    # A window that has ended starts again at the amount counted.
    assert first.incr("short", 0) == 1 and first.incr("short", 60) == 1
    assert first.get("short") == 1
    second.clear("k")
    assert first.get("k") == 0
    assert first.reset() == 1 and second.get("short") == 0


def test_per_process_counters_are_warned_about_outside_testing(_schema, caplog):
    config = {"SQLALCHEMY_DATABASE_URI": _schema, "RATELIMIT_STORAGE_URI": "memory://"}
    with caplog.at_level("WARNING"):
        create_app({**config, "TESTING": True})
        assert "counts in each process" not in caplog.text
        create_app({**config, "RATELIMIT_ENABLED": True})
    assert "RATELIMIT_STORAGE_URI=memory:// counts in each process" in caplog.text
