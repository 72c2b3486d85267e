"""The site settings in the browser: /admin/settings empty and refused, and the operator's
pages for visitors, members and staff, with no axe-core violations (the Nu Html Checker
reads every page served at the end of the session); a name saved in the form shows on
every page at once."""

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.checkers import read_axe
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_accessibility import Checked
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

ADMIN, STAFF, MEMBER = "root_settings", "nina_settings", "maria_settings"
TEXT_PAGES = ("/guidelines", "/about", "/privacy")


@pytest.fixture(scope="module")
def axe_source():
    return read_axe()


@pytest.fixture
def accounts(live_server, _schema, tmp_path):
    from forum.accounts import services

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "SECRET_KEY": LIVE_SECRET_KEY}
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            for name, role in ((ADMIN, "admin"), (STAFF, "staff"), (MEMBER, "member")):
                services.register(name, f"{name}@example.org", PASSWORD, role=role)
        finally:
            db.session.remove()
            db.engine.dispose()


def test_the_settings_form_and_the_operators_pages_have_no_axe_violations(
    live_server, browser, accounts, axe_source
):
    found = {}
    for who in (None, MEMBER, STAFF):
        person = Checked(browser, live_server, axe_source, found)
        if who:
            sign_in(person.page, live_server, who)
        for path in TEXT_PAGES:
            person.visit(f"{path} as {who or 'visitor'}", path)
        person.close()

    admin = Checked(browser, live_server, axe_source, found)
    sign_in(admin.page, live_server, ADMIN)
    admin.visit("settings", "/admin/settings")
    admin.submit(
        "settings refused",
        "form#settings-form",
        422,
        [("Site name", ""), ("Reports that hide a post", "lots")],
    )
    expect(admin.page.get_by_label("Reports that hide a post", exact=True)).to_have_value("lots")
    admin.submit("test e-mail refused", 'form[action$="/test-email"]', 422,
                 [("Send a test e-mail to", "nobody")])  # fmt: skip
    admin.close()
    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}


def test_a_site_name_saved_in_the_form_shows_on_every_page(live_server, browser, accounts):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, ADMIN)
    page.goto(live_server + "/admin/settings")
    page.get_by_label("Site name", exact=True).fill("Brightwell Help")
    page.get_by_label("Company name", exact=True).fill("Brightwell Appliances")
    with page.expect_navigation():
        page.locator("form#settings-form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_contain_text("Settings saved")
    visitor = browser.new_context().new_page()
    for path in ("/", "/complaints", *TEXT_PAGES, "/login", "/register"):
        visitor.goto(live_server + path)
        expect(visitor.get_by_role("link", name="Brightwell Help", exact=True)).to_be_visible()
        assert visitor.title().endswith("Brightwell Help"), path
        assert "Redress" not in visitor.content(), path
    visitor.context.close()
    context.close()
