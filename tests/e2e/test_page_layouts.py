"""The review form, the account page and member profiles laid out at 1280 and 390 px: no
part overflows its box or the screen, the review form's legends sit inside their boxes and
its choices wrap, empty and after a refused submit. Screenshots of each are kept in the
test's folder (and can be looked at with ``--basetemp``)."""

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import browsing
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

AUTHOR, HELPER, STAFF = "ola_layout", "kim_layout", "eva_layout"
WIDTHS = (1280, 390)


@pytest.fixture
def world(live_server, _schema, tmp_path):
    """A resolved complaint with a rating and a review, answered by a member whose answer
    was accepted, in the live database."""
    from forum.accounts import services as accounts
    from forum.complaints import queries
    from forum.complaints import services as complaints
    from forum.resolution import services as resolution

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "SECRET_KEY": LIVE_SECRET_KEY}
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            author = accounts.register(AUTHOR, f"{AUTHOR}@example.org", PASSWORD)
            helper = accounts.register(HELPER, f"{HELPER}@example.org", PASSWORD)
            staff = accounts.register(STAFF, f"{STAFF}@example.org", PASSWORD, role="staff")
            complaint = complaints.create_complaint(
                author,
                title="Washing machine stops mid-cycle with a door error",
                body="Since last week the machine stops halfway with the door lock error.",
                category_id=queries.categories()[0].id,
                desired_outcome="repair",
                rating=2,
                review="Nobody called me back for a week, and the shop sent me to the website.",
            )
            answer = complaints.post_answer(helper, complaint, "Clean the door lock contacts.")
            resolution.accept_answer(author, answer)
            resolution.change_status(staff, complaint, "resolved", note="Fixed on site.")
            return {"review": f"/complaints/{complaint.id}/review"}
        finally:
            db.session.remove()
            db.engine.dispose()


def overflows(page):
    """Elements wider than the screen or sticking out of it, by their markup's start."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways');
            for (const el of document.querySelectorAll('main *')) {
                const box = el.getBoundingClientRect();
                if (box.width && (box.left < -1 || box.right > width + 1)) {
                    out.push(el.outerHTML.slice(0, 80));
                }
            }
            return out;
        }"""
    )


def outside_their_fieldset(page):
    """Legends and choices that are not inside their fieldset's box."""
    return page.evaluate(
        """() => {
            const out = [];
            for (const set of document.querySelectorAll('fieldset.choice-fieldset')) {
                const box = set.getBoundingClientRect();
                for (const el of set.querySelectorAll('legend, .choice-box, .error, .hint')) {
                    const r = el.getBoundingClientRect();
                    if (r.top < box.top + 1 || r.bottom > box.bottom - 1 ||
                        r.left < box.left + 1 || r.right > box.right - 1) {
                        out.push(el.outerHTML.slice(0, 80));
                    }
                }
            }
            return out;
        }"""
    )


def choice_rows(page):
    """How many rows the rating's choices take."""
    return page.evaluate(
        """() => new Set([...document.querySelectorAll('#rating .choice-box')]
                  .map(el => Math.round(el.getBoundingClientRect().top))).size"""
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_review_form_keeps_its_choices_in_their_boxes_empty_and_refused(
    live_server, browser, world, tmp_path, width
):
    with browsing(browser, live_server, AUTHOR, width=width) as page:
        page.goto(live_server + world["review"])
        # Prefilled: the rating and the text as they stand.
        expect(page.get_by_label("2 stars")).to_be_checked()
        expect(page.get_by_label("A few words (optional)")).to_have_value(
            "Nobody called me back for a week, and the shop sent me to the website."
        )
        page.screenshot(path=str(tmp_path / f"review-{width}.png"), full_page=True)
        assert outside_their_fieldset(page) == []
        assert overflows(page) == []
        # Five choices in one row on a wide screen; they wrap on a phone.
        assert (choice_rows(page) == 1) if width == 1280 else (choice_rows(page) > 1)

        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Save my revised review").click()
        assert navigation.value.status == 422  # "would you do business again?" unanswered
        expect(page.locator("#would_return-error")).to_have_text("Answer yes or no.")
        page.screenshot(path=str(tmp_path / f"review-errors-{width}.png"), full_page=True)
        assert outside_their_fieldset(page) == []
        assert overflows(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_account_page_and_a_member_profile_fit_the_screen(
    live_server, browser, world, tmp_path, width
):
    with browsing(browser, live_server, AUTHOR, width=width) as page:
        page.goto(live_server + "/account")
        headings = page.locator(".account-card h2")
        expect(headings).to_have_text(
            [
                "Profile",
                "E-mail",
                "Password",
                "Language",
                "Notifications",
                "Your data",
                "Delete your account",
            ]
        )
        page.screenshot(path=str(tmp_path / f"account-{width}.png"), full_page=True)
        assert overflows(page) == []

        page.goto(f"{live_server}/members/{HELPER}")
        expect(page.locator(".member-figures")).to_contain_text("Accepted solutions")
        solution = page.locator("#solutions-heading + .member-answers a").first
        expect(solution).to_have_text("Washing machine stops mid-cycle with a door error")
        page.screenshot(path=str(tmp_path / f"member-{width}.png"), full_page=True)
        assert overflows(page) == []
        solution.click()
        expect(page.locator(".post-answer.post-accepted")).to_be_visible()
