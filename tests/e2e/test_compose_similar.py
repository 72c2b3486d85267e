"""The new-complaint form asks once: suggestions while typing, or the step on submit."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.test_journey import open_page
from tests.search_fixtures import change

pytestmark = pytest.mark.e2e

SOLVED = "Geschirrspüler CleanLine 60 zeigt ständig Fehler E24"
OTHER = "Left BW Buds Pro earbud won't charge after 2 months"
TITLE = "Dishwasher shows E24 and won't drain"
BODY = "The dishwasher stops mid-cycle with error E24 and the water stays in the bottom."


@pytest.fixture
def threads(app, make_user, make_category, make_complaint, make_answer):
    """A solved dishwasher E24 thread and an earbud one, written before the live server
    starts (it builds its search index from them)."""
    kitchen, phones = make_category(), make_category()
    solved = make_complaint(category=kitchen, title=SOLVED, body="Wasser bleibt stehen.")
    answer = make_answer(solved, author=make_user(role="staff"), body="Den Filter reinigen.")
    change(app, solved.id, solved_at=utcnow(), official_answer_id=answer.id, status="resolved")
    make_complaint(category=phones, title=OTHER, body="The left earbud won't charge in the case.")
    return {"solved": solved, "kitchen": kitchen, "author": make_user()}


def _fill(page, kitchen):
    page.get_by_label("What happened?").fill(BODY)
    page.get_by_label("Product or department").select_option(label=kitchen.name)
    page.get_by_label("What outcome do you want?").select_option(label="Repair")


def _count(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Complaint))


def test_suggestions_seen_while_typing_are_not_asked_again(app, threads, live_server, browser):
    problems = []
    page = open_page(browser, problems)
    sign_in(page, live_server, threads["author"].username)
    page.goto(f"{live_server}/complaints/new")
    page.get_by_label("Title").press_sequentially(TITLE, delay=5)
    suggestions = page.locator("[data-similar] .similar-item")
    expect(suggestions).to_have_count(1)  # the dishwasher E24 thread, not the earbud
    expect(suggestions.first.get_by_role("link")).to_have_text(SOLVED)
    expect(page.locator("input[name=similar_seen]")).to_have_value("1")
    _fill(page, threads["kitchen"])
    before = _count(app)
    page.get_by_role("button", name="Publish complaint").click()
    expect(page).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))  # posted at once
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert _count(app) == before + 1
    assert problems == []


def test_without_javascript_the_server_asks_once(app, threads, live_server, browser):
    problems = []
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, threads["author"].username)
    page.goto(f"{live_server}/complaints/new")
    page.get_by_label("Title").fill(TITLE)
    _fill(page, threads["kitchen"])
    before = _count(app)
    page.get_by_role("button", name="Publish complaint").click()
    step = page.locator("[data-similar-step]")
    expect(step.get_by_role("heading")).to_have_text(re.compile("^Before you post"))
    expect(step.get_by_role("link", name=SOLVED)).to_be_visible()
    expect(step.get_by_text(OTHER)).to_have_count(0)
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    assert _count(app) == before
    step.get_by_role("button", name="Not my problem, continue").click()
    expect(page).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
    assert _count(app) == before + 1
    context.close()
    assert problems == []
