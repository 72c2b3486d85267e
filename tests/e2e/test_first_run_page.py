"""The "not set up yet" page in the browser: a forum with a category but no admin shows it
(503) to visitors, members and staff, with no axe-core violations (the Nu Html Checker
reads every page served at the end of the session)."""

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.checkers import read_axe
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_accessibility import Checked
from tests.e2e.test_journey import PASSWORD
from tests.e2e.test_resolution_journey import sign_in

pytestmark = pytest.mark.e2e

STAFF, MEMBER = "nina_first_run", "maria_first_run"


@pytest.fixture
def live_config():
    return {"FIRST_RUN_PAGE": True}


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
            for name, role in ((STAFF, "staff"), (MEMBER, "member")):
                services.register(name, f"{name}@example.org", PASSWORD, role=role)
        finally:
            db.session.remove()
            db.engine.dispose()


def test_the_not_set_up_page_has_no_axe_violations(live_server, browser, accounts, axe_source):
    found = {}
    for who in (None, MEMBER, STAFF):
        person = Checked(browser, live_server, axe_source, found)
        if who:
            sign_in(person.page, live_server, who)
        response = person.page.goto(live_server + "/")
        assert response.status == 503
        assert response.headers["retry-after"] == "300"
        expect(person.page.get_by_role("heading", level=1)).to_contain_text("not set up yet")
        expect(person.page.locator("main")).to_contain_text("the first admin account")
        person.check(f"not set up as {who or 'visitor'}")
        person.close()
    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}
