"""A member attaches a photo in Chromium, sees its thumbnail on the thread and opens it."""

import re

import pytest
from playwright.sync_api import expect

from tests import media_files as files
from tests.e2e.browsing import browsing

pytestmark = pytest.mark.e2e

TITLE = "The toaster's lever snapped off"
ALT = "Toaster with its lever broken off, lying beside it"


def test_a_photo_attached_in_the_browser_shows_as_a_thumbnail_and_opens_full_size(
    make_user, live_server, browser
):
    member = make_user()
    with browsing(browser, live_server, member.username, width=390, height=844) as page:
        page.goto(f"{live_server}/complaints/new")
        page.get_by_label("Title").fill(TITLE)
        page.get_by_label("What happened?").fill(
            "Three weeks old: the lever snapped off when I pressed it down this morning."
        )
        page.get_by_label("Product or department").select_option(label="Kitchen appliances")
        page.get_by_label("What outcome do you want?").select_option(label="Replacement")
        page.get_by_label("Photo 1", exact=True).set_input_files(
            {"name": "toaster.jpg", "mimeType": "image/jpeg", "buffer": files.jpeg((2000, 1500))}
        )
        page.get_by_label("Description of photo 1").fill(ALT)
        page.get_by_role("button", name="Publish complaint").click()
        expect(page).to_have_url(re.compile(r"/complaints/\d+/[\w-]+$"))
        thumbnail = page.get_by_role("img", name=ALT)
        expect(thumbnail).to_be_visible()
        thumbnail.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth === 320", arg=thumbnail.element_handle()
        )
        box = thumbnail.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone's column
        thumbnail.click()
        expect(page).to_have_url(re.compile(r"/media/[\w-]{32}\.jpg$"))
        size = page.evaluate(
            "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
        )
        assert size == [1600, 1200]
