"""The first run: ``flask setup``, the "not set up yet" page, and ``/healthz``'s report.

The suite turns the page off for every app it builds (tests/conftest.py); the tests here
turn it on for theirs (``FIRST_RUN_PAGE``), with every look at the database a fresh one
(``FIRST_RUN_RECHECK_SECONDS`` 0) unless a test checks the memory.
"""

import json
import logging

import pytest
import sqlalchemy as sa

from forum import create_app, settings
from forum.accounts.models import User
from forum.admin import site_settings
from forum.audit.models import AuditEntry
from forum.complaints import categories as category_services
from forum.complaints import setup_state
from forum.complaints.models import Category
from forum.extensions import db
from tests.conftest import PASSWORD

ADMIN_OPTIONS = [
    "--admin-username", "boss", "--admin-email", "boss@example.com",
    "--admin-password", "a long enough password",
]  # fmt: skip


@pytest.fixture
def gated(app):
    """The suite's app with the "not set up yet" page on."""
    app.config.update(FIRST_RUN_PAGE=True, FIRST_RUN_RECHECK_SECONDS=0)
    return app


def _categories(app):
    with app.app_context():
        return [c.name for c in db.session.scalars(sa.select(Category).order_by(Category.id))]


def _admins(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(User.username).where(User.role == "admin")))


# --- flask setup ---------------------------------------------------------------------------


def test_setup_without_input_names_the_site_and_creates_the_admin_and_categories(app, runner):
    result = runner.invoke(
        args=[
            "setup",
            "--no-input",
            "--site-name",
            "Brightwell Support",
            "--site-url",
            "https://complaints.example.com/",
            *ADMIN_OPTIONS,
            "--category",
            "Kitchen appliances",
            "--category",
            "Delivery",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    assert "Created admin boss <boss@example.com>." in result.output
    assert "Created category Kitchen appliances at /c/kitchen-appliances." in result.output
    assert "The forum is set up." in result.output
    assert _admins(app) == ["boss"]
    assert _categories(app) == ["Kitchen appliances", "Delivery"]
    with app.app_context():
        assert settings.get("site_name") == "Brightwell Support"
        # Through the settings' use case: audited as an admin's change would be.
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == site_settings.AUDIT_ACTION)
        )
        assert entry is not None
        boss = db.session.scalar(sa.select(User).where(User.username == "boss"))
        assert boss.check_password("a long enough password")
    with open(f"{app.instance_path}/redress.json") as handle:
        assert json.load(handle) == {"SITE_URL": "https://complaints.example.com"}


def test_setup_run_again_keeps_what_exists_and_says_so(app, runner):
    first = ["setup", "--no-input", *ADMIN_OPTIONS, "--category", "Delivery"]
    assert runner.invoke(args=first).exit_code == 0
    result = runner.invoke(
        args=[
            "setup",
            "--no-input",
            *ADMIN_OPTIONS,
            "--category",
            "  delivery ",
            "--category",
            "Returns",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    assert "Admin boss exists already (kept)." in result.output
    assert "Category Delivery exists already (kept)." in result.output
    assert "Created category Returns at /c/returns." in result.output
    assert _admins(app) == ["boss"]
    assert _categories(app) == ["Delivery", "Returns"]
    again = runner.invoke(args=["setup", "--no-input"])
    assert again.exit_code == 0
    assert "An admin account exists already (kept)." in again.output


def test_setup_says_which_step_is_still_missing(app, runner):
    result = runner.invoke(args=["setup", "--no-input", "--category", "Delivery"])
    assert result.exit_code == 0
    assert "Still missing: admin." in result.output
    assert _categories(app) == ["Delivery"]


def test_setup_asks_for_what_no_option_gave(app, runner):
    answers = "\n".join(
        [
            "Brightwell",
            "https://forum.example.com",
            "boss",
            "boss@example.com",
            "a long enough password",
            "a long enough password",
            "Kitchen",
            "Delivery",
            "",
        ]  # fmt: skip
    )
    result = runner.invoke(args=["setup"], input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert _admins(app) == ["boss"]
    assert _categories(app) == ["Kitchen", "Delivery"]
    with app.app_context():
        assert settings.get("site_name") == "Brightwell"


def test_setup_reads_the_password_from_a_file_or_the_environment(app, runner, tmp_path):
    secret = tmp_path / "password"
    secret.write_text("a password from a file\n")
    result = runner.invoke(
        args=[
            "setup",
            "--no-input",
            "--admin-username",
            "boss",
            "--admin-email",
            "boss@example.com",
            "--admin-password-file",
            str(secret),
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=[
            "setup",
            "--no-input",
            "--admin-username",
            "second",
            "--admin-email",
            "second@example.com",
        ],  # fmt: skip
        env={"REDRESS_ADMIN_PASSWORD": "a password from the environment"},
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        users = {u.username: u for u in db.session.scalars(sa.select(User))}
        assert users["boss"].check_password("a password from a file")
        assert users["second"].check_password("a password from the environment")


def test_setup_refuses_a_taken_username_that_is_no_admin(app, runner, make_user):
    make_user("boss")
    result = runner.invoke(args=["setup", "--no-input", *ADMIN_OPTIONS])
    assert result.exit_code == 1
    assert "boss exists and is not an admin" in result.output
    assert _admins(app) == []


@pytest.mark.parametrize(
    "options, message",
    [
        (["--site-url", "complaints.example.com"], "Give the address visitors use"),
        (["--site-name", ""], "site_name"),
        (["--admin-username", "boss", "--admin-email", "boss@example.com"], "a password"),
        (
            ["--admin-username", "x", "--admin-email", "x@example.com", "--admin-password", "p"],
            "Usernames are",
        ),  # fmt: skip
        (["--category", "x"], "at least 2 characters"),
    ],
)
def test_setup_refuses_bad_values_with_the_rule(app, runner, options, message):
    result = runner.invoke(args=["setup", "--no-input", *options])
    assert result.exit_code != 0
    assert message in result.output
    assert _admins(app) == []
    assert _categories(app) == []


def test_site_url_from_setup_is_read_by_the_next_process_and_the_environment_wins(
    app, runner, monkeypatch
):
    runner.invoke(args=["setup", "--no-input", "--site-url", "https://forum.example.com"])
    monkeypatch.setenv("REDRESS_INSTANCE_PATH", app.instance_path)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("FLASK_SITE_URL", raising=False)
    assert create_app().config["SITE_URL"] == "https://forum.example.com"
    monkeypatch.setenv("SITE_URL", "https://other.example.com")
    assert create_app().config["SITE_URL"] == "https://other.example.com"


# --- the "not set up yet" page -------------------------------------------------------------


def test_a_forum_without_admin_or_category_shows_visitors_the_not_set_up_page(gated, client):
    for path in ("/", "/complaints", "/complaints/new", "/register", "/no-such-page"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"].isdigit()
        page = response.get_data(as_text=True)
        assert "This forum is not set up yet" in page
        assert "an admin account" in page
        assert "a first category" in page
        assert "flask setup" in page


def test_the_page_names_only_the_missing_step(gated, client, make_user, make_category):
    make_user("boss", role="admin")
    page = client.get("/").get_data(as_text=True)
    assert "a first category" in page
    assert "an admin account" not in page
    make_category()
    assert client.get("/").status_code == 200


def test_the_site_name_shows_on_the_page(gated, client):
    with gated.app_context():
        site_settings.change(None, {"site_name": "Brightwell"})
    page = client.get("/").get_data(as_text=True)
    assert "<title>Not set up yet — Brightwell</title>" in page


def test_health_static_files_and_sign_in_work_while_not_set_up(gated, client):
    assert client.get("/healthz").status_code == 200
    with client.get("/static/css/site.css") as static_file:
        assert static_file.status_code == 200
    assert client.get("/login").status_code == 200
    assert client.get("/reset-password").status_code == 200


def test_an_admin_signs_in_and_sees_the_site_to_set_it_up(gated, client, auth, make_user):
    make_user("boss", role="admin")
    response = auth.login("boss", PASSWORD)
    assert response.status_code in (302, 303)
    assert client.get("/admin/categories").status_code == 200
    created = client.post("/admin/categories", data={"name": "Delivery"})
    assert created.status_code == 303
    auth.logout()
    assert client.get("/").status_code == 200


def test_a_member_who_signs_in_still_sees_the_not_set_up_page(gated, client, auth, make_user):
    make_user("boss", role="admin")
    make_user("alice")
    auth.login("alice", PASSWORD)
    assert client.get("/").status_code == 503


def test_healthz_names_the_missing_steps(gated, client, make_user, make_category):
    body = client.get("/healthz").get_json()
    assert body["checks"]["setup"] == "missing: admin, category"
    assert body["status"] == "degraded"
    make_user("boss", role="admin")
    assert client.get("/healthz").get_json()["checks"]["setup"] == "missing: category"
    make_category()
    body = client.get("/healthz").get_json()
    assert body["checks"]["setup"] == "ok"


def test_the_log_tells_the_operator_once_per_state(gated, client, make_user, caplog):
    caplog.set_level(logging.WARNING, logger="forum.health")

    def warnings():
        return [r.getMessage() for r in caplog.records if r.name == "forum.health"]

    for _ in range(3):
        client.get("/")
        client.get("/healthz")
    assert len(warnings()) == 1
    assert "missing admin, category" in warnings()[0]
    assert "flask setup" in warnings()[0]
    make_user("boss", role="admin")
    client.get("/")
    client.get("/")
    assert len(warnings()) == 2
    assert "missing category" in warnings()[1]


def test_once_set_up_no_request_asks_again(gated, client, make_user, count_queries):
    make_user("boss", role="admin")
    with gated.app_context():
        category_services.create_category(None, name="Delivery")
    client.get("/healthz")
    with count_queries() as counted:
        client.get("/healthz")
    assert len(counted) == 1  # the health check's own SELECT 1


def test_while_not_set_up_the_database_is_asked_at_most_every_few_seconds(gated, client):
    gated.config["FIRST_RUN_RECHECK_SECONDS"] = 3600
    client.get("/healthz")
    with gated.app_context():
        db.session.add(User(username="boss", email="b@x.org", role="admin", password_hash="x"))
        db.session.add(Category(name="Delivery", slug="delivery", position=1))
        db.session.commit()
    # Written behind the app's back (as by another process): still the kept answer ...
    assert client.get("/").status_code == 503
    with gated.app_context():
        setup_state.forget()
    assert client.get("/").status_code == 200


def test_a_category_change_is_seen_at_once_through_its_event(gated, client, make_user):
    gated.config["FIRST_RUN_RECHECK_SECONDS"] = 3600
    make_user("boss", role="admin")
    assert client.get("/").status_code == 503
    with gated.app_context():
        category_id = category_services.create_category(None, name="Delivery").id
    assert client.get("/").status_code == 200
    with gated.app_context():
        category_services.delete_category(None, category_id)
    assert client.get("/").status_code == 503


def test_archived_categories_count_the_forum_stays_open(gated, client, make_user):
    make_user("boss", role="admin")
    with gated.app_context():
        category = category_services.create_category(None, name="Delivery")
        category_services.archive_category(None, category.id)
    assert client.get("/").status_code == 200


def test_with_the_page_off_nothing_changes(app, client):
    assert app.config["FIRST_RUN_PAGE"] is False
    assert client.get("/").status_code == 200
    assert "setup" not in client.get("/healthz").get_json()["checks"]
