"""Rate limits and new-account trust rules, and the switch that turns them all off."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.accounts import trust
from forum.accounts.models import User
from forum.complaints import services as complaint_services
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow
from forum.errors import Invalid, RateLimited
from forum.extensions import db
from forum.notifications.models import Notification
from tests.conftest import PASSWORD, _empty_tables, fresh
from tests.search_fixtures import backend  # noqa: F401 - the search index fixture
from tests.search_fixtures import ids as search_ids


def _make_app(database_url, tmp_path, limits=True):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "localhost",
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


def test_sign_in_attempts_are_limited_per_account(client, make_user):
    make_user("bob")
    make_user("carol")
    # Five wrong passwords for one account, from five different addresses.
    for number in range(5):
        assert attempt(client, "bob", address=f"198.51.100.{number}").status_code == 401
    # The sixth is refused whatever the address, the case, or the password.
    refused = attempt(client, "BOB", PASSWORD, address="203.0.113.9")
    assert refused.status_code == 429
    body = refused.get_data(as_text=True)
    assert "Slow down" in body and "<footer" in body  # the styled page, not a bare error
    assert "Wait" in body and "then try again" in body
    assert "Retry-After" in refused.headers
    # Other accounts are not affected.
    assert attempt(client, "carol", PASSWORD, address="203.0.113.9").status_code == 303


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
    assert app.config["TRUST_HOLD_FIRST_POST"] is False
    complaint = make_complaint(author=make_user("newbie"))
    assert complaint.visibility == "visible"
    assert make_answer(complaint, author=make_user("other")).visibility == "visible"


@pytest.mark.usefixtures("backend")
def test_a_new_members_first_complaint_waits_for_approval(
    app, client, auth, make_user, make_category
):
    app.config["TRUST_HOLD_FIRST_POST"] = True
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
    assert title in held and f"/mod/complaint/{complaint.id}/approve" in held
    assert client.post(f"/mod/complaint/{complaint.id}/approve").status_code == 303
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
    app.config["TRUST_HOLD_FIRST_POST"] = True
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
    assert f"/mod/answer/{answer.id}/approve" in client.get("/mod/queue").get_data(as_text=True)
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
    app.config["TRUST_HOLD_FIRST_POST"] = True
    staff = make_user("nina", role="staff")
    staff_complaint = make_complaint(author=staff)
    assert staff_complaint.visibility == "visible"
    assert make_answer(staff_complaint, author=staff).visibility == "visible"
    assert make_complaint(author=veteran).visibility == "visible"
    assert make_answer(staff_complaint, author=veteran).visibility == "visible"


def test_holding_is_its_own_switch_not_a_rate_limit(app, make_user, make_complaint):
    app.config["RATELIMIT_ENABLED"] = False
    app.config["TRUST_HOLD_FIRST_POST"] = True
    assert make_complaint(author=make_user("newbie")).visibility == "pending"
