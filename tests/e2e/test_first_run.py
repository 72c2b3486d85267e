"""The first run, as an operator does it on a fresh clone (docs/admin.md, "First run"):
``flask db upgrade`` and ``flask setup --no-input …`` in a new instance folder, then
``gunicorn app:app``; in Chromium the admin creates the first category and names the site,
a member registers and posts in it, the admin renames and archives it, and every page
visited carries the site's name in its header and ``<title>``."""

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journey import PASSWORD
from tests.servers import ROOT, Gunicorn

pytestmark = pytest.mark.e2e

ADMIN, MEMBER = "first_admin", "first_member"
SITE_URL = "https://complaints.example.com"


@pytest.fixture
def first_run_env(tmp_path):
    """A production environment of its own: a new instance folder (SQLite, search index,
    page cache, rate limits), no mail server, the "not set up yet" page on."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "MAIL_", "DATABASE_URL", "SITE_URL", "REDRESS_"))
    }
    env.update(
        REDRESS_INSTANCE_PATH=str(tmp_path / "instance"),
        SECRET_KEY="first-run-secret-key",
        FLASK_RATELIMIT_ENABLED="false",
        FLASK_FIRST_RUN_PAGE="true",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
    )
    return env


def flask(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture
def first_run_server(first_run_env, tmp_path):
    flask(first_run_env, "db", "upgrade")
    output = flask(
        first_run_env, "setup", "--no-input", "--site-name", "Brightwell",
        "--site-url", SITE_URL, "--admin-username", ADMIN,
        "--admin-email", f"{ADMIN}@example.org", "--admin-password", PASSWORD,
    )  # fmt: skip
    assert f"Created admin {ADMIN}" in output
    assert "Still missing: category." in output
    server = Gunicorn(["app:app"], tmp_path / "gunicorn.log", first_run_env)
    try:
        server.workers_ready(1)
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()


class Visits:
    """Each page opened is checked for the site's name, header and title."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url

    def check(self, site_name):
        brand = self.page.locator(".site-header .brand")
        expect(brand).to_have_text(re.compile(rf"{re.escape(site_name)}\s*$"))
        expect(self.page).to_have_title(re.compile(rf"{re.escape(site_name)}$"))
        assert "Redress" not in self.page.content(), self.page.url

    def go(self, path, site_name, status=200):
        response = self.page.goto(self.base_url + path)
        assert response.status == status, (path, response.status)
        self.check(site_name)
        return response


def test_first_run_from_setup_to_an_archived_category(first_run_server, browser):
    base = first_run_server
    visitor = Visits(browser.new_context().new_page(), base)
    response = visitor.go("/", "Brightwell", status=503)
    assert response.headers["retry-after"].isdigit()
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        "This forum is not set up yet"
    )
    expect(visitor.page.locator(".setup-missing")).to_have_text(re.compile("first category"))

    # The admin signs in while the forum is closed to visitors and creates the category.
    admin = Visits(browser.new_context().new_page(), base)
    admin.go("/login", "Brightwell")
    admin.page.get_by_label("Username or e-mail").fill(ADMIN)
    admin.page.get_by_label("Password", exact=True).fill(PASSWORD)
    admin.page.get_by_role("button", name="Sign in").click()
    expect(admin.page.locator(".nav-user")).to_contain_text(ADMIN)
    admin.check("Brightwell")
    admin.go("/admin/categories/new", "Brightwell")
    admin.page.get_by_label("Name", exact=True).fill("Kitchen appliances")
    admin.page.get_by_role("button", name="Create category").click()
    expect(admin.page.locator(".flash")).to_contain_text("/c/kitchen-appliances")
    admin.check("Brightwell")

    # ... and names the site in /admin/settings.
    admin.go("/admin/settings", "Brightwell")
    admin.page.get_by_label("Site name", exact=True).fill("Brightwell Help")
    with admin.page.expect_navigation():
        admin.page.locator("form#settings-form button[type=submit]").click()
    expect(admin.page.locator(".flash-success")).to_contain_text("Settings saved")
    name = "Brightwell Help"
    admin.check(name)

    # The forum is open: a member registers (no mail server: signed in at once) and posts.
    visitor.go("/", name)
    canonical = visitor.page.locator('link[rel="canonical"]')
    expect(canonical).to_have_attribute("href", re.compile(rf"^{re.escape(SITE_URL)}/"))
    member = Visits(browser.new_context().new_page(), base)
    member.go("/register", name)
    member.page.get_by_label("Username").fill(MEMBER)
    member.page.get_by_label("E-mail").fill(f"{MEMBER}@example.org")
    member.page.get_by_label("Password").fill(PASSWORD)
    member.page.get_by_role("button", name="Create account").click()
    expect(member.page.get_by_text(f"Welcome to the forum, {MEMBER}.")).to_be_visible()
    member.check(name)
    member.go("/complaints/new", name)
    member.page.get_by_label("Title").fill("The oven door glass cracked on its own")
    member.page.get_by_label("What happened?").fill(
        "Two weeks after delivery the inner glass of the oven door cracked while cooling."
    )
    member.page.get_by_label("Product or department").select_option(label="Kitchen appliances")
    member.page.get_by_label("What outcome do you want?").select_option(label="Replacement")
    member.page.get_by_role("button", name="Publish complaint").click()
    expect(member.page).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
    expect(member.page.get_by_role("heading", level=1)).to_have_text(
        "The oven door glass cracked on its own"
    )
    member.check(name)
    thread = member.page.url

    # The admin renames the category, then archives it.
    admin.go("/admin/categories", name)
    row = admin.page.locator("tr[data-slug='kitchen-appliances']")
    row.get_by_role("link", name="Edit").click()
    admin.check(name)
    admin.page.get_by_label("Name", exact=True).fill("Home appliances")
    admin.page.get_by_label("Slug").fill("home-appliances")
    admin.page.get_by_role("button", name="Save changes").click()
    expect(admin.page.locator("tr[data-slug='home-appliances']")).to_contain_text("Home appliances")
    admin.check(name)
    admin.page.locator("tr[data-slug='home-appliances']").get_by_role("link", name="Edit").click()
    admin.page.get_by_role("button", name="Archive").click()
    expect(admin.page.locator("tr[data-slug='home-appliances'] [data-archived]")).to_be_visible()
    admin.check(name)

    # The old slug answers with the new one; the thread stays; no new complaint goes there.
    response = visitor.go("/c/kitchen-appliances", name)
    assert response.url.endswith("/c/home-appliances")
    expect(visitor.page.locator("[data-archived]")).to_be_visible()
    visitor.page.goto(thread)
    visitor.check(name)
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        "The oven door glass cracked on its own"
    )
    member.go("/complaints/new", name)
    expect(member.page.locator("#category option", has_text="Home appliances")).to_have_count(0)
    for page in (visitor, member, admin):
        page.page.context.close()
