"""axe-core in Debian's Chromium on the pages people fill in and work from, not only on
public pages: every form empty and after a failed submit, a thread as its author, as
another member and as staff (with the staff tools), and the staff pages. Each page must
have 0 violations. (Every page served here also goes through the Nu Html Checker at the
end of the session: tests/e2e/conftest.py.)"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.checkers import axe_violations, read_axe
from tests.e2e.conftest import LIVE_SECRET_KEY
from tests.e2e.test_journey import PASSWORD

pytestmark = pytest.mark.e2e

STAFF, AUTHOR, HELPER, ADMIN = "nina_a11y", "maria_a11y", "hugo_a11y", "root_a11y"


@pytest.fixture(scope="module")
def axe_source():
    return read_axe()


@pytest.fixture
def world(live_server, _schema, tmp_path):
    """Accounts, an open thread with a staff (official) and a member answer, a resolved
    complaint awaiting its author's answer, and a reported post, in the live database."""
    from forum import mail
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

            def post(by, title, body, outcome, **extra):
                return complaints.create_complaint(
                    by, title=title, body=body, category_id=category_id,
                    desired_outcome=outcome, **extra,
                )  # fmt: skip

            thread = post(
                author,
                "Dishwasher leaves a white film on glasses",
                "Since the update in May every glass comes out with a white film.",
                "repair",
                rating=2,
                review="Slow answers so far.",
                private_details="Order DW-2026-7781",
            )
            answer = complaints.post_answer(helper, thread, "Try the rinse aid setting 4.")
            official = complaints.post_answer(staff, thread, "A technician will call you.")
            resolution.mark_official(staff, official)
            resolved = post(
                author,
                "Oven door hinge snapped after a month",
                "The left hinge of the oven door snapped when I opened it on Sunday.",
                "replacement",
                rating=1,
            )
            resolution.change_status(staff, resolved, "resolved", note="New hinge sent.")
            reported = post(
                helper,
                "Buy cheap watches at my shop today",
                "Visit my shop for the cheapest watches you will ever find online.",
                "other",
            )
            moderation.flag(author, "complaint", reported.id, "spam")
            # A duplicate merged into the thread (an admin merges at once): its merged post
            # and the timeline's event are checked on the thread too.
            admin = accounts.register(ADMIN, f"{ADMIN}@example.org", PASSWORD, role="admin")
            duplicate = post(
                helper,
                "White film on every glass after the dishwasher update",
                "Same here since May: a white film on all the glasses, even with new salt.",
                "repair",
            )
            moderation.merge(admin, duplicate.id, thread.id, "Same fault as the original.")
            hidden = post(
                author,
                "Courier threw the parcel over the fence",
                "The courier threw my parcel over a two metre fence and drove off.",
                "apology",
            )
            # Hidden by members' reports (no staff decision): its author still sees it.
            hidden.visibility = "hidden"
            db.session.commit()
            return {
                "thread": thread_path(thread),
                "thread_id": thread.id,
                "answer_id": answer.id,
                "resolved": thread_path(resolved),
                "resolved_id": resolved.id,
                "reported_id": reported.id,
                "author_id": author.id,
                "reset": f"/reset-password/{accounts.password_reset_token(helper)}",
                "unsubscribe": f"/unsubscribe/{mail.unsubscribe_token(helper.id)}",
                "unsubscribe_digest": (
                    f"/unsubscribe/{mail.unsubscribe_token(helper.id, 'digest')}"
                ),
                "hidden": thread_path(hidden),
            }
        finally:
            db.session.remove()
            db.engine.dispose()


class Checked:
    """One person's browser; ``check`` runs axe on the page as it is and keeps what it found."""

    def __init__(self, browser, base_url, axe_source, found):
        self.context = browser.new_context(bypass_csp=True)  # axe is injected past the CSP
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.axe_source = axe_source
        self.found = found

    def check(self, name):
        self.page.wait_for_load_state("load")
        self.found[name] = axe_violations(self.page, self.axe_source)

    def visit(self, name, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, (path, response)
        self.check(name)

    def submit(self, name, form, status, fill=()):
        """Send ``form`` (a CSS selector) as filled by ``fill`` (label, value); it must be
        refused with ``status`` and say why on the page it comes back to."""
        form = self.page.locator(form)
        for label, value in fill:
            form.get_by_label(label, exact=True).fill(value)
        with self.page.expect_navigation() as navigation:
            form.locator('button[type="submit"]').first.click()
        assert navigation.value.status == status, (name, navigation.value.status)
        expect(self.page.locator(".error, .form-alert, .error-page").first).to_be_visible()
        self.check(name)

    def close(self):
        self.context.close()


def test_forms_empty_and_refused_have_no_axe_violations(live_server, browser, world, axe_source):
    found = {}

    visitor = Checked(browser, live_server, axe_source, found)
    visitor.visit("sign in", "/login")
    visitor.submit("sign in refused", "main form", 422, [("Username or e-mail", "nobody")])
    visitor.visit("register", "/register")
    visitor.submit("register refused", "main form", 422, [("Username", "a")])
    visitor.visit("reset request", "/reset-password")
    visitor.submit("reset request refused", "main form", 422, [("E-mail", "not-an-address")])
    visitor.visit("new password", world["reset"])
    visitor.submit("new password refused", "main form", 422, [("New password", "short")])
    visitor.visit("unsubscribe", world["unsubscribe"])
    visitor.visit("unsubscribe from the digest", world["unsubscribe_digest"])
    visitor.close()

    member = Checked(browser, live_server, axe_source, found)
    sign_in(member.page, live_server, AUTHOR)
    member.visit("new complaint", "/complaints/new")
    member.submit("new complaint refused", "main form#complaint-form", 422)
    member.visit("edit complaint", f"/complaints/{world['thread_id']}/edit")
    member.submit("edit complaint refused", "main form#complaint-form", 422, [("Title", "")])
    member.visit("thread as its author", world["thread"])
    member.submit("answer refused", "section.answer-form form", 422)
    member.visit("resolved thread as its author", world["resolved"])
    member.submit("resolution answer refused", 'form[action$="/resolution"]', 422)
    member.visit("review", f"/complaints/{world['resolved_id']}/review")
    member.submit("review refused", "main form.review-form", 422)
    member.visit("report", f"/complaints/{world['reported_id']}/flag")
    member.submit("report refused", "main form", 422)
    member.visit("account", "/account")
    member.visit("member profile", f"/members/{HELPER}")
    expect(member.page.locator(".member-answer").first).to_be_visible()
    member.visit("change password", "/account/password")
    member.submit("change password refused", "main form", 422)
    member.visit("change e-mail", "/account/email")
    member.submit("change e-mail refused", "main form", 422)
    member.visit("delete account", "/account/delete")
    member.submit("delete account refused", "main form", 422)
    member.visit("e-mail settings", "/settings/notifications")
    member.page.evaluate(
        "document.querySelectorAll('input[name=email_choice]').forEach(i => i.checked = false)"
    )
    member.submit("e-mail settings refused", "main form.stack", 422)
    member.visit("notifications", "/notifications")
    expect(member.page.locator(".notification-more").first).to_be_visible()
    member.visit("complaint hidden by reports, as its author", world["hidden"])
    expect(member.page.locator("[data-hidden-by-reports]")).to_be_visible()
    member.close()

    helper = Checked(browser, live_server, axe_source, found)
    sign_in(helper.page, live_server, HELPER)
    helper.visit("thread as another member", world["thread"])
    expect(helper.page.locator(".post-merged")).to_be_visible()
    helper.visit("notifications of a merged duplicate's author", "/notifications")
    expect(helper.page.get_by_text("was merged into")).to_be_visible()
    helper.visit("edit answer", f"/answers/{world['answer_id']}/edit")
    helper.submit("edit answer refused", "main form", 422, [("Your answer", "")])
    helper.close()

    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}


def test_staff_pages_and_forms_have_no_axe_violations(live_server, browser, world, axe_source):
    found = {}
    staff = Checked(browser, live_server, axe_source, found)
    sign_in(staff.page, live_server, STAFF)
    staff.visit("thread as staff", world["thread"])
    expect(staff.page.locator("#staff-tools")).to_be_visible()
    expect(staff.page.locator(".post-merged [data-author-account]")).to_be_visible()
    # The status it already has, and no date: nothing changes, and the form says so.
    staff.submit("status change refused", "form.status-form", 422)
    # A promised date in the past: the message on the date field, the typed note kept.
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    staff.submit(
        "past promised date refused",
        "form.status-form",
        422,
        [
            ("Promised resolution date", yesterday),
            ("Note (optional, shown on the timeline)", "Parts"),
        ],
    )
    expect(staff.page.locator("#promised_date-error")).to_contain_text("is in the past")
    expect(staff.page.get_by_label("Note (optional, shown on the timeline)")).to_have_value("Parts")
    staff.visit("member profile as staff", f"/members/{HELPER}")
    staff.visit("staff queue", "/staff")
    staff.visit("notifications as staff", "/notifications")
    staff.visit("e-mail settings as staff", "/settings/notifications")
    staff.visit("moderation queue", "/mod/queue")
    expect(staff.page.locator(f"#queue-complaint-{world['reported_id']}")).to_be_visible()
    staff.visit("audit log", "/mod/log")
    expect(staff.page.locator(".log-entry").first).to_be_visible()
    staff.visit("audit log, filtered", f"/mod/log?kind=status&actor={STAFF}")
    staff.visit("members", "/mod/users")
    expect(staff.page.locator(f"#member-{world['author_id']}")).to_be_visible()
    staff.visit("members found", f"/mod/users?q={AUTHOR[:4]}&status=active")
    staff.visit("no member found", "/mod/users?q=nobody-here&status=banned")
    # A queue decision refused shows the queue again with the reason (hiding a complaint
    # for abuse waits for a second opinion; asking twice is refused).
    queue_row = staff.page
    staff.visit("moderation queue, again", "/mod/queue")
    row = queue_row.locator(f"#queue-complaint-{world['reported_id']}")
    row.get_by_label("Reason").select_option("abusive")
    row.get_by_role("button", name="Hide").click()
    expect(queue_row.locator(".flash")).to_contain_text("Asked for a second opinion")
    staff.check("moderation queue with a request waiting")
    row.get_by_label("Reason").select_option("abusive")
    with queue_row.expect_navigation() as refused:
        row.get_by_role("button", name="Hide").click()
    assert refused.value.status == 409
    expect(queue_row.locator(".form-alert")).to_contain_text("already waiting for approval")
    staff.check("queue decision refused")
    staff.visit("member", f"/mod/users/{world['author_id']}")
    staff.submit(
        "suspension refused",
        'form[action$="/suspend"]',
        422,
        [("Reason (shown to the member)", " ")],
    )
    complaint = f"/mod/complaint/{world['thread_id']}"
    staff.visit("staff edit", f"{complaint}/edit")
    staff.submit("staff edit refused", "main form", 422, [("Text", "")])
    staff.visit("redact", f"{complaint}/redact")
    staff.submit("redact refused", "main form", 422, [("Redacted text", "")])
    staff.visit("thread as staff, again", world["thread"])
    staff.submit(
        "internal note refused",
        'form[action$="/notes"]',
        422,
        [("Internal note (staff only)", " ")],
    )
    staff.close()

    assert found == {name: [] for name in found}, {k: v for k, v in found.items() if v}
