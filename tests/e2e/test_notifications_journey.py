"""Notifications in the browser: the inbox groups a thread's events into one row, opening
it lands on the post and the bell drops; the e-mail choice is saved; both at 390 px."""

import re

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import browsing
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

AUTHOR, HELPER, OTHER = "paula_bell", "tomas_bell", "ines_bell"


@pytest.fixture
def threads(live_server, _schema, tmp_path):
    """Two complaints of the author: one with two answers, one with one."""
    from forum.accounts import services as accounts
    from forum.complaints import queries
    from forum.complaints import services as complaints
    from forum.complaints.links import thread_path

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "SECRET_KEY": LIVE_SECRET_KEY}
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            author = accounts.register(AUTHOR, f"{AUTHOR}@example.org", PASSWORD)
            helper = accounts.register(HELPER, f"{HELPER}@example.org", PASSWORD)
            other = accounts.register(OTHER, f"{OTHER}@example.org", PASSWORD)
            category_id = queries.categories()[0].id

            def post(title):
                return complaints.create_complaint(
                    author,
                    title=title,
                    body="It stopped working after a week and support does not answer.",
                    category_id=category_id,
                    desired_outcome="repair",
                )

            washer = post("Washing machine stops mid cycle")
            radio = post("Kitchen radio loses its stations")
            complaints.post_answer(helper, washer, "Check the door lock sensor.")
            latest = complaints.post_answer(other, washer, "Mine did the same, it was the pump.")
            complaints.post_answer(helper, radio, "Hold the reset button for ten seconds.")
            return {"washer": thread_path(washer), "latest_answer": latest.id}
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize("width", [1280, 390])
def test_opening_a_grouped_notification_lands_on_the_post_and_the_bell_drops(
    live_server, browser, threads, width
):
    with browsing(browser, live_server, AUTHOR, width=width) as page:
        bell = page.locator(".bell-count")
        expect(bell).to_contain_text("3")
        page.goto(f"{live_server}/notifications")
        rows = page.locator("ol.notifications > li")
        expect(rows).to_have_count(2)  # three notifications, two threads
        washer_row = rows.filter(has_text="Washing machine stops mid cycle")
        expect(washer_row).to_contain_text(f"{OTHER} answered")
        expect(washer_row).to_contain_text(f"and 1 more: 1 answer — from {HELPER}")
        expect(washer_row).to_contain_text("2 new")
        washer_row.get_by_role("link").click()
        expect(page).to_have_url(
            re.compile(re.escape(threads["washer"]) + f"#answer-{threads['latest_answer']}$")
        )
        expect(page.locator(f"#answer-{threads['latest_answer']}")).to_be_visible()
        expect(page.locator(".bell-count")).to_contain_text("1")
        page.goto(f"{live_server}/notifications")
        expect(page.locator("ol.notifications > li.is-unread")).to_have_count(1)
        expect(rows.filter(has_text="Washing machine")).not_to_have_class(re.compile("is-unread"))


def test_the_e_mail_choice_is_saved_from_the_settings_page(live_server, browser, threads):
    with browsing(browser, live_server, AUTHOR, width=390) as page:
        page.goto(f"{live_server}/settings/notifications")
        expect(page.get_by_label(re.compile("^Each event"))).to_be_checked()
        page.get_by_label(re.compile("^A daily digest")).check()
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".flash")).to_contain_text("Saved: A daily digest.")
        expect(page.get_by_label(re.compile("^A daily digest"))).to_be_checked()
        # The radio and its label fit the phone's width: nothing scrolls sideways.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert overflow is False
