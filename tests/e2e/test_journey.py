"""One journey through the real UI: register, post, answer, vote, with CSRF and CSP on."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.test_accounts import confirmation_link

pytestmark = pytest.mark.e2e

TITLE = "Toaster burns one side of every slice"
BODY = "Bought the toaster on 2 May. From the first week the left slot burns the bread."
PRIVATE = "Order TST-2026-55120, phone +46 70 555 01 23"
ANSWER = "Mine did the same; the shop replaced the heating element under warranty."
PASSWORD = "correct horse battery"


def watch(page, problems):
    """Record console errors and uncaught page errors (CSP violations log as errors)."""

    def on_console(msg):
        if msg.type == "error":
            problems.append(f"console error on {page.url}: {msg.text} {msg.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error on {page.url}: {error}"))
    return page


def open_page(browser, problems):
    """A page in a new browser context: a separate person with their own cookies."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    return watch(context.new_page(), problems)


def register(page, base_url, username, app):
    """Register through the form, then open the link the e-mail carries (read from the
    outbox in the shared database) and create the account with its button."""
    page.goto(f"{base_url}/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(f"{username}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Check your e-mail")).to_be_visible()
    page.goto(base_url + confirmation_link(app, f"{username}@example.org"))
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to the forum, {username}.")).to_be_visible()
    expect(page.locator(".nav-user")).to_have_text(username)


def vote_in_place(page, button, path):
    """Click a vote button once site.js is running; the vote must go through fetch as JSON."""
    page.wait_for_load_state("load")
    url_before = page.url
    with page.expect_response(
        lambda r: urlsplit(r.url).path == path and r.request.method == "POST"
    ) as info:
        button.click()
    response = info.value
    assert response.status == 200, response.status
    assert response.headers["content-type"].startswith("application/json")
    assert page.url == url_before
    return response.json()


def test_register_post_answer_and_vote(app, live_server, browser, tmp_path):
    problems = []

    # 1. Alice registers and posts a complaint with private details.
    alice = open_page(browser, problems)
    register(alice, live_server, "alice_e2e", app)
    nav = alice.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Post a complaint").click()
    expect(alice).to_have_url(re.compile(r"/complaints/new$"))
    alice.get_by_label("Title").fill(TITLE)
    alice.get_by_label("What happened?").fill(BODY)
    alice.get_by_label("Product or department").select_option(label="Kitchen appliances")
    alice.get_by_label("What outcome do you want?").select_option(label="Repair")
    alice.get_by_label("Rate your experience").select_option(value="2")
    alice.get_by_label("Private details").fill(PRIVATE)
    alice.get_by_role("button", name="Publish complaint").click()

    expect(alice).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
    thread_url = alice.url
    complaint_id = re.search(r"/complaints/(\d+)/", thread_url).group(1)
    expect(alice.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(alice.locator('[data-status="open"]')).to_be_visible()
    expect(alice.get_by_text("Wants: Repair")).to_be_visible()
    expect(alice.get_by_label("Private details")).to_contain_text(PRIVATE)
    expect(alice.locator(f"#complaint-{complaint_id} .review[data-rating='2']")).to_be_visible()

    # 2. Bob, another person, cannot see the private details; he answers.
    bob = open_page(browser, problems)
    register(bob, live_server, "bob_e2e", app)
    bob.goto(thread_url)
    expect(bob.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert PRIVATE not in bob.content()
    assert "TST-2026-55120" not in bob.content()
    bob.get_by_role("textbox", name="Your answer").fill(ANSWER)
    bob.get_by_role("button", name="Post answer").click()
    answer = bob.locator('article[id^="answer-"]').filter(has_text=ANSWER)
    expect(answer).to_have_count(1)
    expect(answer.locator(".author")).to_have_text("bob_e2e")
    answer_id = (answer.get_attribute("id") or "").removeprefix("answer-")
    assert answer_id.isdigit()

    # 3. Bob marks the complaint as affecting him too: updated in place, and it sticks.
    bob_complaint = bob.locator(f"#complaint-{complaint_id}")
    count = bob_complaint.locator("[data-vote-count]")
    expect(count).to_have_text("0")
    data = vote_in_place(
        bob,
        bob_complaint.get_by_role("button", name="Affects me too"),
        f"/complaints/{complaint_id}/vote",
    )
    assert data == {"count": 1, "voted": True}
    expect(count).to_have_text("1")
    bob.reload()
    expect(count).to_have_text("1")
    expect(bob_complaint.get_by_role("button", name="Affects me too")).to_have_attribute(
        "aria-pressed", "true"
    )

    # 4. Alice finds the answer helpful; the score survives a reload.
    alice.reload()
    alice_answer = alice.locator(f"#answer-{answer_id}")
    expect(alice_answer).to_contain_text(ANSWER)
    expect(alice.locator(f"#complaint-{complaint_id} .vote-count")).to_have_text("1")
    score = alice_answer.locator("[data-vote-count]")
    expect(score).to_have_text("0")
    data = vote_in_place(
        alice,
        alice_answer.get_by_role("button", name="Helpful", exact=True),
        f"/answers/{answer_id}/vote",
    )
    assert data == {"score": 1, "value": 1}
    expect(score).to_have_text("1")
    alice.reload()
    expect(score).to_have_text("1")
    expect(alice_answer.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    screenshot = tmp_path / "thread.png"
    alice.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0

    # 5. No page logged a console error or threw (a CSP violation would show here).
    assert problems == []
