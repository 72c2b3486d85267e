"""Fixtures for browser journeys: a live server with CSRF on, and Debian's Chromium.

Every HTML document the live servers send in a session is kept, and when the session ends
the Nu Html Checker reads them all in one run (it takes seconds to start): any error fails
the session, listed by page."""

import threading

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from forum import create_app
from forum.complaints.models import Category
from forum.extensions import db
from forum.search.backends import get_backend
from tests.e2e.checkers import PageRecorder, nu_html_check

# ``expect(...)`` waits for its condition until this deadline (Playwright's default is
# 5 s): a page on a machine whose other core runs the other half of the suite can take
# seconds to answer; a check that holds passes as soon as it holds.
expect.set_options(timeout=30_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


SHOWN = 20  # errors listed per page
# The live server's key: fixtures that sign links for it (password resets) use it too.
LIVE_SECRET_KEY = "e2e-secret"


@pytest.fixture(scope="session")
def served_pages(tmp_path_factory):
    """The HTML documents the live servers sent in this session; checked when it ends."""
    pages = []
    yield pages
    found = nu_html_check(pages, tmp_path_factory.mktemp("served-pages"))
    errors = {
        page: [message for message in messages if not message.startswith("warning:")]
        for page, messages in found.items()
    }
    errors = {page: messages for page, messages in errors.items() if messages}
    if errors:
        report = "\n".join(
            f"{page}:\n  "
            + "\n  ".join(messages[:SHOWN])
            + (f"\n  … and {len(messages) - SHOWN} more" if len(messages) > SHOWN else "")
            for page, messages in sorted(errors.items())
        )
        pytest.fail(
            f"The Nu Html Checker found errors on {len(errors)} of the {len(pages)} pages"
            f" the browser tests were sent:\n{report}",
            pytrace=False,
        )


@pytest.fixture
def live_server(app, _schema, tmp_path_factory, served_pages):
    """The real app over HTTP, CSRF on, sharing the test database (emptied by ``app``)."""
    live_app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": LIVE_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": _schema,
            # The journeys' accounts are minutes old: their reports count as a member's
            # with standing would (the standing rule is tested in tests/test_moderation.py).
            "FLAG_WEIGHT_ACCOUNT_DAYS": 0,
            "FLAG_WEIGHT_VISIBLE_POSTS": 0,
            "REGISTRATION_BY_EMAIL": True,
            # Its own search index, built below from what the test wrote before it
            # started (similar complaints, related threads).
            "SEARCH_INDEX_DIR": str(tmp_path_factory.mktemp("live-index") / "index"),
        }
    )
    live_app.instance_path = str(tmp_path_factory.mktemp("live-instance"))
    assert live_app.config["WTF_CSRF_ENABLED"], "the browser journey needs CSRF on"
    with live_app.app_context():
        db.session.add(Category(name="Kitchen appliances", slug="kitchen-appliances", position=1))
        db.session.commit()
        get_backend().rebuild()
        db.session.remove()

    recorded = PageRecorder(live_app, served_pages)
    server = make_server("127.0.0.1", 0, recorded, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with live_app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
