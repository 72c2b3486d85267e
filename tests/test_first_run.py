"""First run: `flask setup`, the "not set up yet" page, the setup check of /healthz."""

import logging

import pytest
import sqlalchemy as sa

from forum import settings
from forum.accounts.models import User
from forum.complaints import first_run
from forum.complaints.models import Category
from forum.extensions import db

GOOD_PASSWORD = "a long enough passphrase"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def gated(app):
    """The app with the "not set up yet" page on, and a clock the test moves."""
    app.config["FIRST_RUN_PAGE"] = True
    clock = FakeClock()
    with app.app_context():
        first_run._state(app).clock = clock
    return clock


def setup_args(*extra):
    return [
        "setup",
        "--no-input",
        "--site-name",
        "Acme Complaints",
        "--admin-username",
        "owner",
        "--admin-email",
        "owner@example.org",
        "--admin-password",
        GOOD_PASSWORD,
        "--category",
        "Billing",
        "--category",
        "Deliveries",
        *extra,
    ]


def counts(app):
    with app.app_context():
        admins = db.session.scalar(
            sa.select(sa.func.count()).select_from(User).where(User.role == "admin")
        )
        categories = list(db.session.scalars(sa.select(Category.name).order_by(Category.name)))
        return admins, categories


# --- flask setup ---------------------------------------------------------------------


def test_setup_with_options_names_the_site_creates_the_admin_and_categories(app, runner):
    result = runner.invoke(args=setup_args())
    assert result.exit_code == 0, result.output
    assert counts(app) == (1, ["Billing", "Deliveries"])
    with app.app_context():
        assert settings.get("site_name") == "Acme Complaints"
        admin = db.session.scalar(sa.select(User).where(User.username == "owner"))
        assert admin.role == "admin" and admin.check_password(GOOD_PASSWORD)
    assert "Done: Created admin owner <owner@example.org>." in result.output
    assert "Done: Created category Billing (/c/billing)." in result.output
    assert "The forum is set up." in result.output
    # SITE_URL is environment-only: reported, not stored.
    assert "To do: SITE_URL" in result.output
    assert GOOD_PASSWORD not in result.output


def test_running_setup_again_keeps_and_reports_what_is_there(app, runner):
    assert runner.invoke(args=setup_args()).exit_code == 0
    again = runner.invoke(args=setup_args("--category", "Returns"))
    assert again.exit_code == 0, again.output
    assert counts(app) == (1, ["Billing", "Deliveries", "Returns"])
    assert "Already there: Admin already there: owner." in again.output
    assert "Already there: Category already there: Billing." in again.output
    assert "Done: Created category Returns" in again.output
    assert "Done: Created admin" not in again.output
    bare = runner.invoke(args=["setup", "--no-input"])
    assert bare.exit_code == 0, bare.output
    assert counts(app) == (1, ["Billing", "Deliveries", "Returns"])
    assert "The forum is set up." in bare.output


def test_setup_prompts_for_what_is_not_given(app, runner):
    typed = "\n".join(
        [
            "Prompted Forum",  # site name
            "",  # SITE_URL: keep the configured one
            "owner",
            "owner@example.org",
            GOOD_PASSWORD,
            GOOD_PASSWORD,  # confirmation
            "Billing, Returns",
        ]
    )
    result = runner.invoke(args=["setup"], input=typed + "\n")
    assert result.exit_code == 0, result.output
    assert counts(app) == (1, ["Billing", "Returns"])
    with app.app_context():
        assert settings.get("site_name") == "Prompted Forum"
    # The password prompt hides what is typed.
    assert GOOD_PASSWORD not in result.output


def test_setup_reads_the_password_from_a_file_or_the_environment(app, runner, tmp_path):
    secret = tmp_path / "password"
    secret.write_text(GOOD_PASSWORD + "\n")
    args = [a for a in setup_args() if a not in ("--admin-password", GOOD_PASSWORD)]
    result = runner.invoke(args=[*args, "--admin-password-file", str(secret)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.role == "admin")).check_password(
            GOOD_PASSWORD
        )


def test_setup_takes_the_password_from_the_environment(app, runner):
    args = [a for a in setup_args() if a not in ("--admin-password", GOOD_PASSWORD)]
    result = runner.invoke(args=args, env={"REDRESS_ADMIN_PASSWORD": GOOD_PASSWORD})
    assert result.exit_code == 0, result.output
    assert counts(app)[0] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--admin-password": "short"}, "First admin:"),
        ({"--admin-username": "x"}, "First admin:"),
        ({"--admin-email": "not-an-address"}, "First admin:"),
        ({"--site-url": "ftp://nowhere"}, "--site-url:"),
        ({"--site-name": ""}, "--site-name:"),
    ],
)
def test_invalid_input_fails_clearly_and_writes_nothing(app, runner, change, message):
    args = setup_args()
    for option, value in change.items():
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert message in result.output
    assert counts(app) == (0, [])
    with app.app_context():
        assert settings.get("site_name") != "Acme Complaints"


def test_no_input_names_what_is_missing(app, runner):
    result = runner.invoke(args=["setup", "--no-input", "--category", "Billing"])
    assert result.exit_code != 0
    assert "There is no admin yet: give --admin-username, --admin-email" in result.output
    assert counts(app) == (0, [])
    only_admin = [a for a in setup_args() if a not in ("--category", "Billing", "Deliveries")]
    result = runner.invoke(args=only_admin)
    assert result.exit_code != 0
    assert "There is no category yet: give --category NAME" in result.output


def test_a_mismatched_site_url_is_reported_not_stored(app, runner):
    result = runner.invoke(args=setup_args("--site-url", "https://complaints.example.com"))
    assert result.exit_code == 0, result.output
    assert "set SITE_URL=https://complaints.example.com in the environment" in result.output


def test_setup_without_tables_says_to_run_db_upgrade(app, runner):
    with app.app_context():
        db.drop_all()
    try:
        result = runner.invoke(args=setup_args())
        assert result.exit_code != 0
        assert "run `flask db upgrade` first" in result.output
    finally:
        with app.app_context():
            db.create_all()


# --- the "not set up yet" page and /healthz ---------------------------------------------


def test_a_forum_without_admin_or_category_shows_the_not_set_up_page(
    app, client, gated, make_category, make_user
):
    for path in ("/", "/complaints"):
        response = client.get(path)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "300"
        assert "is not set up yet" in response.text
        assert "the first admin account, a first category" in response.text
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded"
    assert health.get_json()["checks"]["setup"] == "missing: admin, category"
    # Sign-in stays reachable for the operator.
    assert client.get("/login").status_code == 200

    make_category()
    gated.now += 1  # re-asked at most once a second
    assert client.get("/healthz").get_json()["checks"]["setup"] == "missing: admin"
    assert client.get("/").status_code == 503
    make_user(role="admin")
    assert client.get("/").status_code == 503  # within the second: the cached answer
    gated.now += 1
    assert client.get("/").status_code == 200
    health = client.get("/healthz").get_json()
    assert health["checks"]["setup"] == "ok"
    # Only the search index (not built in this test) may still degrade it.
    assert health["status"] == ("ok" if health["checks"]["search"] == "ok" else "degraded")


def test_the_missing_steps_are_logged_once_per_process(app, client, gated, caplog):
    with caplog.at_level(logging.WARNING, logger="forum.complaints.first_run"):
        client.get("/")
        gated.now += 5
        client.get("/complaints")
    (warning,) = [r for r in caplog.records if r.name == "forum.complaints.first_run"]
    assert "create the first admin account" in warning.getMessage()
    assert "create a category" in warning.getMessage()


def test_a_signed_in_admin_reaches_admin_and_the_site_before_setup(
    app, client, auth, gated, make_user
):
    admin = make_user(role="admin")
    # A category is still missing: visitors get the page, the admin does not.
    assert client.get("/").status_code == 503
    auth.login(admin.username)
    assert client.get("/admin").status_code == 200
    assert client.get("/admin/categories").status_code == 200
    assert client.get("/").status_code == 200
    auth.logout()
    assert client.get("/").status_code == 503


def test_a_member_still_sees_the_not_set_up_page(app, client, auth, gated, make_user):
    member = make_user()
    auth.login(member.username)
    assert client.get("/").status_code == 503


def test_a_set_up_forum_sends_no_extra_statement(
    app, client, gated, make_category, make_user, count_queries
):
    make_category()
    make_user(role="admin")
    client.get("/")  # the answer is cached: set up for good
    with count_queries() as gated_queries:
        assert client.get("/").status_code == 200
    app.config["FIRST_RUN_PAGE"] = False
    with count_queries() as plain_queries:
        assert client.get("/").status_code == 200
    assert len(gated_queries.statements) == len(plain_queries.statements)
    # And it never asks again, even seconds later.
    app.config["FIRST_RUN_PAGE"] = True
    gated.now += 60
    with count_queries() as later:
        client.get("/")
    assert len(later.statements) == len(plain_queries.statements)
