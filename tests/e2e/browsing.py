"""Opening a page in the browser tests: a fresh context at a size, signed in or not."""

from contextlib import contextmanager

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, base_url, login):
    page.goto(f"{base_url}/login")
    page.get_by_label("Username or e-mail").fill(login)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".nav-user")).to_contain_text(login)


@contextmanager
def browsing(browser, base_url, login=None, width=1280, height=844, **options):
    """A page in its own browser context of ``width`` × ``height``, signed in as ``login``
    (a visitor with ``None``); the context is closed afterwards, whatever happened."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    try:
        page = context.new_page()
        if login:
            sign_in(page, base_url, login)
        yield page
    finally:
        context.close()
