"""The resolution loop through the real UI: official answer, solution, status, review."""

import re

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.test_journey import PASSWORD, open_page, register

pytestmark = pytest.mark.e2e

STAFF = "nina_staff"
AUTHOR = "carla_e2e"
TITLE = "Kettle lid will not stay closed"
BODY = "Bought the kettle on 3 March. The lid springs open while boiling and steam escapes."
REVIEW = "Disappointing: the kettle was faulty from day one."
ANSWER = "Sorry about this. We are sending you a replacement kettle with the improved lid."
NOTE = "Replacement shipped today."
REVISED = "The replacement works well and support was quick."


@pytest.fixture
def staff_account(live_server, _schema, tmp_path):
    """A staff account in the live server's database (members register through the UI)."""
    from forum.accounts import services

    app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True})
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            services.register(STAFF, "nina@example.org", PASSWORD, role="staff")
        finally:
            db.session.remove()
            db.engine.dispose()
    return STAFF


def is_before(page, first, second):
    """True if the element ``first`` comes before ``second`` in document order."""
    return page.evaluate(
        "([a, b]) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [first.element_handle(), second.element_handle()],
    )


def test_staff_answer_official_accept_resolve_and_revise_review(
    app, live_server, browser, staff_account
):
    problems = []

    # 1. Carla registers and posts a complaint rated one star, with a review.
    carla = open_page(browser, problems)
    register(carla, live_server, AUTHOR, app)
    carla.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Post a complaint"
    ).click()
    expect(carla).to_have_url(re.compile(r"/complaints/new$"))
    carla.get_by_label("Title").fill(TITLE)
    carla.get_by_label("What happened?").fill(BODY)
    carla.get_by_label("Product or department").select_option(label="Kitchen appliances")
    carla.get_by_label("What outcome do you want?").select_option(label="Replacement")
    carla.get_by_label("Rate your experience (optional)").select_option(value="1")
    carla.get_by_label("Review (optional)").fill(REVIEW)
    carla.get_by_role("button", name="Publish complaint").click()

    expect(carla).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
    thread_url = carla.url
    complaint_id = re.search(r"/complaints/(\d+)/", thread_url).group(1)
    expect(carla.get_by_role("heading", level=1)).to_have_text(TITLE)
    review_box = carla.locator(f"#complaint-{complaint_id} .review")
    expect(review_box).to_have_attribute("data-rating", "1")
    expect(review_box).to_contain_text(REVIEW)

    # 2. Nina (staff) signs in, answers, and marks her answer official.
    nina = open_page(browser, problems)
    sign_in(nina, live_server, staff_account)
    nina.goto(thread_url)
    expect(nina.get_by_role("heading", level=1)).to_have_text(TITLE)
    nina.get_by_role("textbox", name="Your answer").fill(ANSWER)
    nina.get_by_role("button", name="Post answer").click()
    staff_answer = nina.locator('article[id^="answer-"]').filter(has_text=ANSWER)
    expect(staff_answer).to_have_count(1)
    expect(staff_answer).to_have_class(re.compile(r"\bpost-staff\b"))
    answer_id = (staff_answer.get_attribute("id") or "").removeprefix("answer-")
    assert answer_id.isdigit()

    staff_answer.get_by_role("button", name="Mark official").click()
    expect(nina.get_by_text("Marked as the official answer.")).to_be_visible()
    official = nina.locator("[data-official-answer]")
    expect(official).to_have_attribute("id", f"answer-{answer_id}")
    expect(official).to_contain_text(ANSWER)
    box = nina.locator("[data-solution]")
    expect(box).to_be_visible()
    expect(box).to_contain_text(ANSWER)
    expect(box).to_contain_text(f"from {STAFF}")
    answer = nina.locator(f"#answer-{answer_id}")
    expect(answer.locator(".badge-official")).to_have_text("Official answer · Redress")
    expect(answer.get_by_role("button", name="Unmark official")).to_be_visible()
    your_answer = nina.locator("section.answer-form")
    expect(your_answer.get_by_role("heading", name="Your answer")).to_be_visible()
    assert is_before(nina, box, your_answer), "the official answer must be named first"

    # 3. Carla hears about it and accepts the staff answer as the solution.
    carla.reload()
    bell = carla.locator(".bell-count")
    expect(bell).to_be_visible()
    unread = re.match(r"\s*(\d+)", bell.inner_text())
    assert unread and int(unread.group(1)) > 0, bell.inner_text()
    expect(carla.locator("[data-official-answer]")).to_contain_text(ANSWER)
    carla_answer = carla.locator(f"#answer-{answer_id}")
    carla_answer.get_by_role("button", name="Accept as solution").click()
    expect(carla.get_by_text("Marked as the accepted solution.")).to_be_visible()
    accepted = carla.locator("[data-accepted-answer]")
    expect(accepted).to_be_visible()
    expect(accepted).to_contain_text(ANSWER)
    expect(carla.locator("[data-solution] .badge-solved")).to_have_text("✓ Accepted solution")
    expect(carla.locator(".thread-meta .badge-solved")).to_have_text("✓ Solved")
    expect(carla_answer.get_by_role("button", name="Unmark solution")).to_be_visible()
    expect(carla).to_have_title(re.compile(r"^\[Solved\] "))

    # 4. Nina marks the complaint resolved with a note.
    nina.reload()
    status_form = nina.locator("form.status-form")
    expect(nina.get_by_role("heading", name="Update status")).to_be_visible()
    status_form.get_by_label("Status", exact=True).select_option(label="Resolved")
    status_form.get_by_label("Note (optional, shown on the timeline)").fill(NOTE)
    status_form.get_by_role("button", name="Update", exact=True).click()
    expect(nina.get_by_text("The complaint is updated.")).to_be_visible()
    expect(nina.locator('.thread-meta [data-status="resolved"]')).to_be_visible()
    expect(nina.locator(".resolution-line")).to_contain_text(
        "Resolved by staff — not yet confirmed"
    )
    expect(nina.locator(".event-status .event-note")).to_have_text(NOTE)

    # 5. Carla confirms the resolution, then revises her review.
    carla.reload()
    expect(carla.locator('.thread-meta [data-status="resolved"]')).to_be_visible()
    prompt = carla.locator(".callout-review")
    expect(prompt).to_contain_text("revise the review you left")
    carla.get_by_label("Yes, it is resolved").check()
    carla.get_by_role("button", name="Send", exact=True).click()
    expect(carla.get_by_text("Thank you. Your answer is on the timeline.")).to_be_visible()
    expect(carla.locator(".resolution-line")).to_contain_text("Resolution confirmed by the author")
    expect(carla.get_by_label("Yes, it is resolved")).to_have_count(0)

    carla.get_by_role("link", name="Revise my review").click()
    expect(carla).to_have_url(re.compile(rf"/complaints/{complaint_id}/review$"))
    expect(carla.get_by_role("heading", level=1)).to_have_text("Revise your review")
    expect(carla.locator('input[name="rating"][value="1"]')).to_be_checked()
    carla.locator('input[name="rating"][value="4"]').check()
    carla.get_by_label("A few words (optional)").fill(REVISED)
    carla.get_by_role("group", name="Would you do business with us again?").get_by_label(
        "Yes", exact=True
    ).check()
    carla.get_by_role("button", name="Save my revised review").click()

    expect(carla).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
    assert carla.url.split("#")[0] == thread_url
    expect(carla.get_by_text("Your revised review is saved.")).to_be_visible()
    review_box = carla.locator(f"#complaint-{complaint_id} .review")
    expect(review_box).to_have_attribute("data-rating", "4")
    expect(carla.locator('[data-rating="4"]')).to_be_visible()
    expect(review_box).to_contain_text(REVISED)
    expect(review_box).to_contain_text("Would do business with us again: yes")
    history = review_box.locator(".rating-history")
    shown = re.compile(r"^Rating history:.*★1\b.*★4\b.*after resolution", re.S)
    expect(history).to_have_text(shown)
    steps = history.locator(".rating-step")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).not_to_contain_text("after resolution")
    expect(steps.nth(1)).to_contain_text("after resolution")
    expect(carla.locator(".callout-review")).to_have_count(0)

    # 6. No page logged a console error or threw (a CSP violation would show here).
    assert problems == []
