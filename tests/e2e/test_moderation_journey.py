"""Moderation through the real UI: three reports hide a post, staff restore it, the log shows it."""

import re

import pytest
from playwright.sync_api import expect

from forum import create_app
from forum.extensions import db
from tests.e2e.browsing import sign_in
from tests.e2e.test_journey import PASSWORD, open_page

pytestmark = pytest.mark.e2e

STAFF = "nina_mod"
AUTHOR = "petra_e2e"
REPORTERS = ("rep_anna", "rep_bela", "rep_cai")
TITLE = "Blender jug cracked on the second use"
BODY = "Bought the blender on 12 April. On the **second smoothie** the jug cracked at the base."
SHOWN = "Bought the blender on 12 April. On the second smoothie the jug cracked at the base."


@pytest.fixture
def thread(live_server, _schema, tmp_path):
    """Accounts and the complaint, in the live server's database; returns the thread path."""
    from forum.accounts import services as accounts
    from forum.complaints import queries
    from forum.complaints import services as complaints
    from forum.complaints.links import thread_path

    app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True})
    app.instance_path = str(tmp_path)
    with app.app_context():
        try:
            accounts.register(STAFF, f"{STAFF}@example.org", PASSWORD, role="staff")
            for name in REPORTERS:
                accounts.register(name, f"{name}@example.org", PASSWORD)
            author = accounts.register(AUTHOR, f"{AUTHOR}@example.org", PASSWORD)
            complaint = complaints.create_complaint(
                author,
                title=TITLE,
                body=BODY,
                category_id=queries.categories()[0].id,
                desired_outcome="replacement",
            )
            return complaint.id, thread_path(complaint)
        finally:
            db.session.remove()
            db.engine.dispose()


def report(page, base_url, path, complaint_id):
    """A member opens the thread, follows its Report link and sends a report."""
    page.goto(base_url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.locator(f"#complaint-{complaint_id}").get_by_role("link", name="Report").click()
    expect(page).to_have_url(re.compile(rf"/complaints/{complaint_id}/flag$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Report this complaint")
    page.get_by_label("Spam", exact=True).check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. Staff will review the post.")).to_be_visible()


def test_three_reports_hide_a_post_and_staff_restore_it_from_the_queue(
    live_server, browser, thread
):
    complaint_id, path = thread
    problems = []
    visitor = open_page(browser, problems)
    visitor.goto(live_server + path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)

    # 1. Three members report it; the third report hides it at once.
    for number, name in enumerate(REPORTERS, start=1):
        member = open_page(browser, problems)
        sign_in(member, live_server, name)
        report(member, live_server, path, complaint_id)
        if number < len(REPORTERS):
            expect(member.get_by_text("It is hidden until then.")).to_have_count(0)
        else:
            expect(member.get_by_text("It is hidden until then.")).to_be_visible()
        member.context.close()

    # 2. The public sees the placeholder instead of the thread, and no longer finds it.
    # (A new visitor: the first one's browser may keep the public page for a minute, as
    # in step 5; the server's own page cache forgot it when the third report hid it.)
    visitor.context.close()
    visitor = open_page(browser, problems)
    response = visitor.goto(live_server + path)
    assert response is not None and response.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "This complaint is hidden pending review after reports from members"
    )
    expect(visitor.get_by_text(SHOWN)).to_have_count(0)
    visitor.goto(f"{live_server}/complaints?sort=new")
    expect(visitor.get_by_text(TITLE)).to_have_count(0)

    # 3. Staff find it in the queue, from the header's Moderation link, with the three
    # reports and the post as readers see it (rendered, not Markdown), and restore it.
    nina = open_page(browser, problems)
    sign_in(nina, live_server, STAFF)
    nina.get_by_role("link", name="Moderation", exact=True).click()
    expect(nina).to_have_url(re.compile(r"/mod/queue$"))
    expect(nina.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    row = nina.locator(f"#queue-complaint-{complaint_id}")
    expect(row).to_contain_text(TITLE)
    expect(row.locator(".visibility-hidden")).to_have_text("hidden")
    expect(row.locator(".queue-body strong")).to_have_text("second smoothie")
    expect(row).not_to_contain_text("**")
    reports = row.locator(".flag-list > li")
    expect(reports).to_have_count(3)
    for name in REPORTERS:
        expect(row.locator(".flag-list")).to_contain_text(name)
    # A hidden post offers what fits a hidden post, nothing else.
    buttons = row.locator(".queue-actions button")
    expect(buttons).to_have_text(["Restore (show again)", "Keep hidden"])
    row.get_by_role("button", name="Restore (show again)").click()
    expect(nina).to_have_url(re.compile(r"/mod/queue$"))
    expect(nina.locator(".flash")).to_have_text(
        f"Restored: “{TITLE}” is public again, and its reports are dismissed."
    )
    expect(nina.locator(f"#queue-complaint-{complaint_id}")).to_have_count(0)

    # 4. The audit log says it in sentences, by Nina, with the complaint's title linked.
    nina.get_by_role("link", name="Audit log").click()
    expect(nina.get_by_role("heading", level=1)).to_have_text("Audit log")
    restore = nina.locator('.log-entry[data-action="restore"]')
    expect(restore).to_have_count(1)
    expect(restore.locator(".log-sentence")).to_have_text(f"{STAFF} restored “{TITLE}”")
    expect(restore.get_by_role("link", name=f"“{TITLE}”")).to_have_attribute("href", path)
    expect(restore.get_by_role("link", name=STAFF)).to_have_attribute(
        "href", re.compile(r"^/mod/users/\d+$")
    )
    expect(restore.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))
    auto_hide = nina.locator('.log-entry[data-action="auto_hide"]')
    expect(auto_hide.locator(".log-sentence")).to_have_text(
        f"Members’ reports hid “{TITLE}” pending review"
    )
    expect(auto_hide).to_contain_text("“3 members reported it”")
    nina.get_by_label("What").select_option(label="Reports, removals and restores")
    nina.get_by_label("Who").select_option(STAFF)
    nina.get_by_role("button", name="Filter").click()
    expect(nina.locator(".log-entry")).to_have_count(1)

    # 5. Staff find the author among the members and open their moderation page.
    nina.goto(f"{live_server}/mod/users")
    nina.get_by_label("Name or e-mail").fill(AUTHOR[:5])
    nina.get_by_role("button", name="Find", exact=True).click()
    member = nina.locator(".member-table tbody tr")
    expect(member).to_have_count(1)
    expect(member).to_contain_text(f"{AUTHOR}@example.org")
    member.get_by_role("link", name=AUTHOR).click()
    expect(nina.get_by_role("heading", level=1)).to_contain_text(AUTHOR)

    # 6. The thread is public again, for everyone. (A new visitor: public pages may be
    # cached for a minute, docs/seo.md, so the first visitor's browser could still show
    # the listing it saw while the complaint was hidden.)
    visitor.context.close()
    visitor = open_page(browser, problems)
    response = visitor.goto(live_server + path)
    assert response is not None and response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    visitor.goto(f"{live_server}/complaints?sort=new")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()

    # 7. No page logged a console error or threw, apart from the hidden thread's 404.
    expected = (
        f"{live_server}{path}: Failed to load resource: the server responded with a status of 404"
    )
    assert [p for p in problems if not p.startswith(f"console error on {expected}")] == []
