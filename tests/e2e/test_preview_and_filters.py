"""In Chromium: the Write/Preview tabs (mouse and keyboard, hostile Markdown), the Preview
button's page, and the language filter, each without axe violations (and through the Nu
Html Checker at the end of the session)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import sign_in
from tests.e2e.test_accessibility import AUTHOR, HELPER, STAFF, Checked, axe_source, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e

HOSTILE = (
    "**Bold** words\n\n<img src=x onerror=window.__pwned=1>\n\n[x](javascript:window.__pwned=2)"
)


def test_write_and_preview_tabs(live_server, browser, world, axe_source):  # noqa: F811
    found = {}
    member = Checked(browser, live_server, axe_source, found)
    page = member.page
    sign_in(page, live_server, AUTHOR)
    page.goto(live_server + "/complaints/new")
    box = page.locator("#complaint-form [data-preview]")
    write = box.get_by_role("tab", name="Write")
    preview = box.get_by_role("tab", name="Preview")
    expect(write).to_have_attribute("aria-selected", "true")
    expect(preview).to_have_attribute("aria-selected", "false")
    expect(preview).to_have_attribute("tabindex", "-1")
    # With the tabs, the form's own Preview button is not needed.
    expect(page.locator("#complaint-form [data-preview-button]")).to_be_hidden()
    page.get_by_label("What happened?").fill(HOSTILE)
    member.check("new complaint, write tab")

    preview.click()
    panel = box.get_by_role("tabpanel")
    expect(preview).to_have_attribute("aria-selected", "true")
    expect(panel.locator("strong")).to_have_text("Bold")
    expect(page.get_by_label("What happened?")).to_be_hidden()
    assert panel.locator("img").count() == 0
    assert panel.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None
    member.check("new complaint, preview tab")

    # Keyboard: arrows move between the tabs and select them, Home and End too.
    preview.focus()
    page.keyboard.press("ArrowLeft")
    expect(write).to_be_focused()
    expect(write).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("What happened?")).to_be_visible()
    page.keyboard.press("End")
    expect(preview).to_be_focused()
    expect(panel.locator("strong")).to_have_text("Bold")
    page.keyboard.press("Home")
    expect(write).to_be_focused()
    # What was typed is still there, and is what gets posted.
    expect(page.get_by_label("What happened?")).to_have_value(HOSTILE)

    # The answer form on a thread has its own tabs.
    page.goto(live_server + world["thread"])
    answer = page.locator("section.answer-form [data-preview]")
    answer.get_by_label("Your answer").fill("Try *setting 4*.")
    answer.get_by_role("tab", name="Preview").click()
    expect(answer.get_by_role("tabpanel").locator("em")).to_have_text("setting 4")
    member.check("thread, answer preview tab")
    assert page.evaluate("window.__pwned") is None
    member.close()
    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}


def test_the_preview_button_page(live_server, browser, world, axe_source):  # noqa: F811
    """The page the Preview button brings back (what a browser without JavaScript gets),
    as a member on the new-complaint, edit and answer forms."""
    found = {}
    member = Checked(browser, live_server, axe_source, found)
    page = member.page
    sign_in(page, live_server, AUTHOR)

    def press_preview(form):
        with page.expect_navigation() as navigation:
            # The button the tabs hide, pressed as a browser without JavaScript would.
            page.locator(f"{form} [data-preview-button]").evaluate(
                "button => button.form.requestSubmit(button)"
            )
        assert navigation.value.status == 200

    page.goto(live_server + "/complaints/new")
    page.get_by_label("Title").fill("Fridge makes a loud clicking noise")
    page.get_by_label("What happened?").fill(HOSTILE)
    press_preview("#complaint-form")
    shown = page.locator("[data-preview-panel]")
    expect(shown.locator("strong")).to_have_text("Bold")
    assert shown.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    expect(page.get_by_label("Title")).to_have_value("Fridge makes a loud clicking noise")
    expect(page.get_by_label("What happened?")).to_have_value(HOSTILE)
    member.check("new complaint, previewed")

    page.goto(live_server + f"/complaints/{world['thread_id']}/edit")
    press_preview("#complaint-form")
    expect(page.locator("[data-preview-panel] .post-body")).to_contain_text("white film")
    member.check("edit complaint, previewed")

    page.goto(live_server + world["thread"])
    page.locator("section.answer-form").get_by_label("Your answer").fill("Use **rinse aid**.")
    press_preview("section.answer-form form")
    expect(page.locator("#answer-preview strong")).to_have_text("rinse aid")
    member.check("answer, previewed")
    member.close()

    helper = Checked(browser, live_server, axe_source, found)
    sign_in(helper.page, live_server, HELPER)
    helper.page.goto(live_server + f"/answers/{world['answer_id']}/edit")
    page = helper.page
    press_preview("main form")
    expect(page.locator("[data-preview-panel] .post-body")).to_contain_text("rinse aid")
    helper.check("edit answer, previewed")
    helper.close()
    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}


def test_a_language_filtered_listing(live_server, browser, world, axe_source):  # noqa: F811
    found = {}
    for who in (None, AUTHOR, STAFF):
        person = Checked(browser, live_server, axe_source, found)
        if who:
            sign_in(person.page, live_server, who)
        person.visit(f"listing as {who or 'visitor'}", "/complaints")
        language = person.page.get_by_label("Language", exact=True)
        language.select_option("en")
        with person.page.expect_navigation():
            person.page.get_by_role("button", name="Filter").click()
        assert person.page.url.endswith("lang=en")
        expect(person.page.locator(".rows .row").first).to_be_visible()
        expect(person.page.get_by_label("Language", exact=True)).to_have_value("en")
        person.check(f"listing in English as {who or 'visitor'}")
        person.visit(f"search in English as {who or 'visitor'}", "/search?q=dishwasher&lang=en")
        person.close()
    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}
