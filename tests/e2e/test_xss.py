"""No hostile Markdown or HTML runs script in a reader's browser (Debian's Chromium)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.complaints import services
from forum.complaints.models import Answer, Category, Complaint
from forum.extensions import db
from tests.xss_payloads import PAYLOADS

pytestmark = pytest.mark.e2e

PER_THREAD = 12


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.problems = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in (
            "script",
            "iframe",
            "object",
            "embed",
            "svg",
            "math",
            "style",
            "img",
            "form",
            "input",
            "base",
            "meta",
            "link",
        ):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and urlsplit(value or "").scheme not in (
                "",
                "http",
                "https",
                "mailto",
            ):
                self.problems.append(f"{tag}[{name}={value}]")


@pytest.fixture
def hostile_threads(live_server, _schema, tmp_path):
    """Threads whose complaint and answers carry every payload, posted through the services."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _schema, "TESTING": True, "RATELIMIT_ENABLED": False}
    )
    app.instance_path = str(tmp_path)
    paths = []
    with app.app_context():
        from forum.accounts import services as accounts

        try:
            author = accounts.register("mallory", "mallory@example.org", "correct horse battery")
            helper = accounts.register("trudy", "trudy@example.org", "correct horse battery")
            category = db.session.scalar(sa.select(Category))
            for start in range(0, len(PAYLOADS), PER_THREAD):
                chunk = PAYLOADS[start : start + PER_THREAD]
                complaint = services.create_complaint(
                    author,
                    title=f"Hostile thread {start // PER_THREAD + 1} <script>alert(1)</script>",
                    body="\n\n".join(chunk),
                    category_id=category.id,
                    desired_outcome="other",
                    review=chunk[0],
                    rating=1,
                )
                for payload in chunk:
                    services.post_answer(helper, complaint, payload)
                paths.append(f"/complaints/{complaint.id}/{complaint.slug}")
            stored = [c.body_html for c in db.session.scalars(sa.select(Complaint))]
            stored += [a.body_html for a in db.session.scalars(sa.select(Answer))]
        finally:
            db.session.remove()
            db.engine.dispose()
    return paths, stored


def test_corpus_is_large_enough():
    assert len(PAYLOADS) >= 60


def test_stored_html_has_no_active_content(hostile_threads):
    _paths, stored = hostile_threads
    for html in stored:
        assert Tags(html).problems == [], html


def test_no_payload_runs_in_chromium(live_server, browser, hostile_threads):
    paths, _stored = hostile_threads
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in [*paths, "/", "/complaints", "/search?q=hostile"]:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        # Hover and focus everything, as a reader would, to trigger event handlers.
        for element in page.locator(".prose *").all()[:150]:
            element.hover(timeout=10_000, force=True)
        assert page.evaluate("window.__pwned === undefined"), path
        # Data blocks only (structured data, the scripts' interface text): nothing that runs.
        inline = (
            'script:not([src]):not([type="application/ld+json"]):not([type="application/json"])'
        )
        assert page.locator(inline).count() == 0, path
    context.close()
    assert dialogs == []
    assert errors == []
