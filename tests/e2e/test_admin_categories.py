"""``/admin/categories`` in Chromium: an admin creates, renames, archives and merges a
category; every page and form (empty and refused) has no axe violations, and the Nu Html
Checker reads them all at the end of the session (tests/e2e/conftest.py)."""

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_accessibility import Checked, axe_source  # noqa: F401 - the fixture
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

ADMIN, STAFF, MEMBER = "root_admin", "nina_cats", "maria_cats"


@pytest.fixture
def world(live_server, _schema, tmp_path):
    """An admin, a staff member and a member; a complaint in the live server's category."""
    from forum.accounts import services as accounts
    from forum.complaints import queries
    from forum.complaints import services as complaints

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "SECRET_KEY": LIVE_SECRET_KEY}
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            accounts.register(ADMIN, f"{ADMIN}@example.org", PASSWORD, role="admin")
            accounts.register(STAFF, f"{STAFF}@example.org", PASSWORD, role="staff")
            member = accounts.register(MEMBER, f"{MEMBER}@example.org", PASSWORD)
            kitchen = queries.categories()[0]
            complaints.create_complaint(
                member,
                title="Dishwasher leaves a white film on glasses",
                body="Since the update in May every glass comes out with a white film.",
                category_id=kitchen.id,
                desired_outcome="repair",
            )
            return {"kitchen": kitchen.id}
        finally:
            db.session.remove()
            db.engine.dispose()


def test_an_admin_manages_categories_and_every_page_passes_axe(
    live_server,
    browser,
    world,
    axe_source,  # noqa: F811
):
    found = {}
    admin = Checked(browser, live_server, axe_source, found)
    page = admin.page
    sign_in(page, live_server, ADMIN)
    admin.visit("categories", "/admin/categories")
    admin.visit("new category", "/admin/categories/new")
    admin.submit("new category refused", "main form.stack", 422, [("Name", "K")])
    expect(page.get_by_label("Name", exact=True)).to_have_value("K")

    page.get_by_label("Name", exact=True).fill("Garden tools")
    page.get_by_label("Description").fill("Mowers, hoses and *shears*.")
    page.get_by_label("Response promise (hours)").fill("24")
    page.get_by_label("Default assignee").select_option(label=STAFF)
    page.get_by_role("button", name="Create category").click()
    expect(page.locator(".flash")).to_contain_text("/c/garden-tools")
    row = page.locator("tr[data-slug='garden-tools']")
    expect(row).to_contain_text(STAFF)
    admin.check("categories with a new one")

    row.get_by_role("link", name="Edit").click()
    admin.check("edit category")
    admin.submit("edit category refused", "main form.stack", 422, [("Slug", "new")])
    expect(page.locator(".form-alert")).to_contain_text("reserved")
    page.get_by_label("Slug").fill("garden")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("tr[data-slug='garden']")).to_be_visible()
    response = page.goto(f"{live_server}/c/garden-tools")
    assert response.url.endswith("/c/garden")  # the old slug answered 301
    expect(page.locator(".category-description em")).to_have_text("shears")

    page.goto(f"{live_server}/admin/categories")
    page.locator("tr[data-slug='garden']").get_by_role("link", name="Edit").click()
    page.get_by_role("button", name="Archive").click()
    expect(page.locator("tr[data-slug='garden'] [data-archived]")).to_be_visible()
    page.locator("tr[data-slug='garden']").get_by_role("link", name="Edit").click()
    admin.check("edit archived category")

    admin.visit("merge", f"/admin/categories/{world['kitchen']}/merge")
    admin.submit("merge refused", "main form.stack", 422)
    admin.visit("delete", f"/admin/categories/{world['kitchen']}/delete")
    admin.submit("delete refused", "main form", 422)
    admin.visit("archived category page as admin", "/c/garden")
    admin.close()

    member = Checked(browser, live_server, axe_source, found)
    sign_in(member.page, live_server, MEMBER)
    member.visit("archived category page as member", "/c/garden")
    expect(member.page.locator("[data-archived]")).to_be_visible()
    member.visit("new complaint without the archived category", "/complaints/new")
    expect(member.page.locator("#category option", has_text="Garden tools")).to_have_count(0)
    member.close()

    staff = Checked(browser, live_server, axe_source, found)
    sign_in(staff.page, live_server, STAFF)
    staff.visit("staff queue with promises", "/staff")
    assert staff.page.goto(f"{live_server}/admin/categories").status == 403
    staff.close()

    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}
