"""The solved thread in Chromium, as a visitor from a search engine sees it on a phone: the
fix's box within the first screen, a jump to the full answer, the long complaint cut short
until asked for (no script needed), and the staff's one actions menu per post. Screenshots
of each viewer at 390 and 1280 px are taken and checked, and axe runs on every view."""

import struct

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.checkers import axe_violations, read_axe
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

STAFF, AUTHOR, HELPER = "nina_fix", "priya_fix", "tom_fix"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
COMPLAINT = [
    "I returned a BW Tab 10 to the Birmingham store on the 3rd because the charging port "
    "was loose. The assistant processed the return and gave me a receipt that says "
    "refund issued, and told me it would be back on my card in three to five working days.",
    "It has now been three weeks. My bank says nothing is pending. I have e-mailed customer "
    "service twice and got the same copy-paste reply both times telling me to allow up to "
    "ten working days, which has long passed.",
    "The amount is not small for me. I would like to know where the money actually is.",
]
FIX = (
    "Hi Priya, I looked at the return receipt in your private details. The refund was "
    "created in the store but failed to send to the bank because of a terminal fault that "
    "day. It was re-issued by hand this morning and you should see it within three working "
    "days. I will check back with you on Friday to make sure it has landed."
)
NOTE = "Refund re-issued by hand after a terminal fault; it reaches the card in 3 days."


@pytest.fixture(scope="module")
def axe_source():
    return read_axe()


@pytest.fixture
def threads(live_server, _schema, tmp_path):
    """A solved thread (long complaint, member answers, then the staff answer that is
    official and accepted, a resolution note) and an unsolved one, in the live database."""
    from forum.accounts import services as accounts
    from forum.complaints import queries
    from forum.complaints import services as complaints
    from forum.complaints.links import thread_path
    from forum.moderation import services as moderation
    from forum.resolution import services as resolution

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "SECRET_KEY": LIVE_SECRET_KEY}
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            staff = accounts.register(STAFF, f"{STAFF}@example.org", PASSWORD, role="staff")
            author = accounts.register(AUTHOR, f"{AUTHOR}@example.org", PASSWORD)
            helper = accounts.register(HELPER, f"{HELPER}@example.org", PASSWORD)
            category_id = queries.categories()[0].id
            solved = complaints.create_complaint(
                author,
                title="Refund for returned BW Tab 10 still not arrived after 3 weeks",
                body="\n\n".join(COMPLAINT),
                category_id=category_id,
                desired_outcome="refund",
                rating=2,
                review="Slow to sort out, but honest in the end.",
            )
            tip = complaints.post_answer(
                helper,
                solved,
                "Same happened to me with a phone last year: ask the store for the "
                "terminal's transaction reference, the bank can trace it with that.",
            )
            complaints.post_answer(
                helper, solved, "Three weeks is far too long. Keep the receipt safe."
            )
            fix = complaints.post_answer(staff, solved, FIX)
            resolution.mark_official(staff, fix)
            resolution.accept_answer(author, fix)
            resolution.change_status(staff, solved, "resolved", note=NOTE)
            complaints.post_answer(author, solved, "Money arrived on Thursday, thanks.")
            moderation.flag(author, "answer", tip.id, "off_topic")
            unsolved = complaints.create_complaint(
                author,
                title="Smart plug keeps dropping off wifi every evening",
                body="\n\n".join(COMPLAINT[1:]),
                category_id=category_id,
                desired_outcome="repair",
            )
            complaints.post_answer(helper, unsolved, "Split the 2.4 and 5 GHz bands.")
            return {
                "solved": thread_path(solved),
                "solved_id": solved.id,
                "fix_id": fix.id,
                "reported_id": tip.id,
                "unsolved": thread_path(unsolved),
                "unsolved_id": unsolved.id,
            }
        finally:
            db.session.remove()
            db.engine.dispose()


def png_size(data):
    """(width, height) of a PNG from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def viewer(browser, live_server, login, size, javascript=True):
    context = browser.new_context(viewport=size, bypass_csp=True, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    if login:
        sign_in(page, live_server, login)
    return context, page


def check_axe(page, axe_source, name, found):
    page.wait_for_load_state("load")
    found[name] = axe_violations(page, axe_source)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no script"])
def test_on_a_phone_the_fix_is_on_the_first_screen_and_the_jump_reaches_it(
    live_server, browser, threads, tmp_path, javascript
):
    context, page = viewer(browser, live_server, None, PHONE, javascript)
    try:
        page.goto(live_server + threads["solved"])
        box = page.locator("[data-solution]")
        heading = box.get_by_role("heading", name="Solution")
        badges = [box.locator(".badge-official"), box.locator(".badge-solved")]
        expect(heading).to_be_visible()
        expect(badges[0]).to_have_text("Official answer · Redress")
        expect(badges[1]).to_have_text("✓ Accepted solution")
        expect(box).to_contain_text(f"from {STAFF}")
        expect(box.locator(".solution-summary")).to_have_text(f"What fixed it: {NOTE}")
        assert page.evaluate("window.scrollY") == 0
        for part in [heading, *badges]:
            found = part.bounding_box()
            assert found and found["y"] >= 0 and found["y"] + found["height"] <= 844, found
        placed = box.bounding_box()
        assert placed["y"] + placed["height"] <= 844, placed

        # The screenshot of the first screen shows the box: its clip differs from the same
        # clip with the box made invisible.
        page.screenshot(path=str(tmp_path / "solved-visitor-390.png"))
        clip = {key: placed[key] for key in ("x", "y", "width", "height")}
        shown = page.screenshot(clip=clip)
        assert png_size(shown) == (round(placed["width"]), round(placed["height"]))
        box.evaluate("element => { element.style.visibility = 'hidden' }")
        assert page.screenshot(clip=clip) != shown
        box.evaluate("element => { element.style.visibility = '' }")

        # The complaint is cut short under the fix, and shown whole when asked for.
        text = page.locator(f"#complaint-{threads['solved_id']}-text")
        clipped = "element => element.scrollHeight > element.clientHeight + 1"
        assert text.evaluate(clipped)
        whole = page.get_by_role("link", name="Read the whole complaint")
        expect(whole).to_be_visible()
        whole.click()
        expect(whole).to_be_hidden()
        assert not text.evaluate(clipped)
        expect(text).to_contain_text(COMPLAINT[-1])

        # The jump link scrolls to the full answer, shown once on the page.
        page.evaluate("window.scrollTo(0, 0)")
        box.get_by_role("link", name="Jump to the solution").click()
        answer = page.locator(f"#answer-{threads['fix_id']}")
        expect(page).to_have_url(f"{live_server}{threads['solved']}#answer-{threads['fix_id']}")
        expect(answer).to_be_in_viewport()
        expect(answer).to_have_attribute("data-accepted-answer", "")
        expect(answer).to_contain_text(FIX)
        expect(page.locator(".prose", has_text=FIX)).to_have_count(1)
        assert page.evaluate("window.scrollY") > 844
    finally:
        context.close()


def test_at_1280_the_fix_leads_and_the_complaint_is_whole(live_server, browser, threads):
    context, page = viewer(browser, live_server, None, DESKTOP)
    try:
        page.goto(live_server + threads["solved"])
        box = page.locator("[data-solution]")
        placed = box.bounding_box()
        assert placed["y"] + placed["height"] <= 900, placed
        text = page.locator(f"#complaint-{threads['solved_id']}-text")
        assert not text.evaluate("element => element.scrollHeight > element.clientHeight + 1")
        expect(page.get_by_role("link", name="Read the whole complaint")).to_be_hidden()
        box.get_by_role("link", name="Jump to the solution").click()
        expect(page.locator(f"#answer-{threads['fix_id']}")).to_be_in_viewport()
    finally:
        context.close()


def test_staff_have_one_menu_per_post_that_the_keyboard_opens(
    live_server, browser, threads, tmp_path
):
    context, page = viewer(browser, live_server, STAFF, PHONE)
    try:
        page.goto(live_server + threads["solved"])
        menus = page.locator("details.post-menu")
        expect(menus).to_have_count(5)  # the complaint and its four answers
        # Closed until asked for: the forms are in the page, out of sight.
        hide = page.get_by_role("button", name="Hide", exact=True, include_hidden=True)
        expect(hide).to_have_count(5)
        expect(hide.first).to_be_hidden()
        dismiss_any = page.get_by_role("button", name="Dismiss", include_hidden=True)
        expect(dismiss_any).to_have_count(1)  # only the reported answer has reports

        reported = page.locator(f'[data-post-menu="answer-{threads["reported_id"]}"]')
        summary = reported.locator("summary")
        expect(summary).to_contain_text("1 report")
        summary.focus()
        page.keyboard.press("Enter")
        expect(reported).to_have_attribute("open", "")
        dismiss = reported.get_by_role("button", name="Dismiss 1 report (keep visible)")
        expect(dismiss).to_be_visible()
        expect(reported.get_by_role("button", name="Restore (show again)")).to_have_count(0)
        page.keyboard.press("Tab")
        expect(dismiss).to_be_focused()
        page.screenshot(path=str(tmp_path / "staff-menu-390.png"))
        dismiss.click()
        expect(page.get_by_text("Reports dismissed.")).to_be_visible()
        reported = page.locator(f'[data-post-menu="answer-{threads["reported_id"]}"]')
        expect(reported.locator("summary")).not_to_contain_text("report")
        expect(reported.get_by_role("button", name="Dismiss", include_hidden=True)).to_have_count(0)
    finally:
        context.close()


VIEWS = [
    (who, thread, size)
    for who in ("visitor", "author", "staff")
    for thread in ("solved", "unsolved")
    for size in ("390", "1280")
]


def test_every_viewer_at_both_widths_has_no_axe_violations(
    live_server, browser, threads, axe_source, tmp_path
):
    """Visitor, author and staff, on the solved and the unsolved thread, at 390 and 1280
    px (staff with every menu open): a screenshot each, and no axe violations."""
    found = {}
    logins = {"visitor": None, "author": AUTHOR, "staff": STAFF}
    for who in logins:
        for size in (PHONE, DESKTOP):
            context, page = viewer(browser, live_server, logins[who], size)
            try:
                for thread in ("solved", "unsolved"):
                    page.goto(live_server + threads[thread])
                    box = page.locator("[data-solution]")
                    expect(box).to_have_count(1 if thread == "solved" else 0)
                    menus = page.locator("details.post-menu")
                    if who == "staff":
                        expect(menus.first).to_be_visible()
                        page.evaluate(
                            "document.querySelectorAll('details.post-menu')"
                            ".forEach(menu => { menu.open = true })"
                        )
                    else:
                        expect(menus).to_have_count(0)
                    if who == "author":
                        accept = page.get_by_role("button", name="Accept as solution")
                        expect(accept.first).to_be_visible()
                    name = f"{thread}-{who}-{size['width']}"
                    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
                    check_axe(page, axe_source, name, found)
            finally:
                context.close()
    assert len(found) == len(VIEWS)
    assert {name: v for name, v in found.items() if v} == {}
