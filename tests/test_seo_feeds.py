"""Atom feeds of new and newly solved complaints, site-wide and per category."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from forum.complaints import services
from forum.db import utcnow
from tests.conftest import fresh
from tests.seo_helpers import accept, read, remove, staff_user
from tests.test_seo_pages import SITE, thread_path

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response.content_type == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.data)
    assert root.tag == ATOM + "feed"
    for name in ("title", "id", "updated"):
        assert root.findtext(ATOM + name)
    return root


def entries(root):
    found = []
    for entry in root.findall(ATOM + "entry"):
        for name in ("title", "id", "updated", "published", "summary"):
            assert entry.findtext(ATOM + name) is not None, name
        assert entry.find(ATOM + "author").findtext(ATOM + "name")
        link = entry.find(ATOM + "link").get("href")
        assert link.startswith(entry.findtext(ATOM + "id") + "/")
        found.append((entry.findtext(ATOM + "title"), link, entry.findtext(ATOM + "summary")))
    return found


def test_the_new_complaints_feed_lists_public_complaints_newest_first(
    app, client, make_user, make_complaint
):
    now = utcnow()
    older = make_complaint(title="An older complaint here", created_at=now - timedelta(days=2))
    newer = make_complaint(
        title="A newer complaint here",
        private_details="Order SECRET-4711, phone 555 0199",
        created_at=now - timedelta(days=1),
    )
    hidden = make_complaint(title="A hidden complaint here")
    remove(app, staff_user(make_user), hidden, "hide", "spam")

    root = parse(client.get("/feeds/new.atom"))
    assert root.find(ATOM + "link[@rel='self']").get("href") == SITE + "/feeds/new.atom"
    found = entries(root)
    assert [title for title, _, _ in found] == ["A newer complaint here", "An older complaint here"]
    assert found[0][1] == SITE + thread_path(newer)
    assert found[1][1] == SITE + thread_path(older)
    assert found[0][2].startswith("Bought a fridge")
    assert b"SECRET-4711" not in client.get("/feeds/new.atom").data
    assert root.findtext(ATOM + "updated") == (now - timedelta(days=1)).isoformat(
        timespec="seconds"
    )


def test_the_solved_feed_lists_newly_solved_complaints_with_their_solution(
    app, client, make_user, make_complaint, make_answer
):
    author = make_user()
    solved = make_complaint(author=author, title="Iron leaks water on the shirts")
    answer = make_answer(solved, body="Descale it with vinegar, then rinse twice.")
    make_complaint(title="An unsolved complaint here")
    accept(app, author, answer)
    found = entries(parse(client.get("/feeds/solved.atom")))
    assert found == [
        (
            "[Solved] Iron leaks water on the shirts",
            SITE + thread_path(solved),
            "Solution: Descale it with vinegar, then rinse twice.",
        )
    ]


def test_category_feeds_hold_only_their_category(client, make_category, make_complaint):
    kitchen, garden = make_category("Kitchen"), make_category("Garden")
    make_complaint(category=kitchen, title="Kettle leaks at the base")
    make_complaint(category=garden, title="Hose reel cracked in the sun")
    root = parse(client.get(f"/c/{kitchen.slug}/new.atom"))
    assert [title for title, _, _ in entries(root)] == ["Kettle leaks at the base"]
    assert "Kitchen" in root.findtext(ATOM + "title")
    assert entries(parse(client.get(f"/c/{garden.slug}/solved.atom"))) == []
    assert client.get("/c/no-such-category/new.atom").status_code == 404
    assert client.get("/feeds/everything.atom").status_code == 404
    assert client.get(f"/c/{kitchen.slug}/hot.atom").status_code == 404


def test_feeds_escape_user_text_and_drop_characters_xml_cannot_hold(client, make_complaint):
    make_complaint(
        title='Fridge <b>door</b> & "seal" broke',
        body="The seal\x0b broke & <script>alert(1)</script> after a week of use.",
    )
    root = parse(client.get("/feeds/new.atom"))
    ((title, _, summary),) = entries(root)
    assert title == 'Fridge <b>door</b> & "seal" broke'
    assert "\x0b" not in summary and "&" in summary


def test_pages_advertise_the_feeds(client, make_complaint):
    complaint = make_complaint()
    slug = complaint.category.slug
    for path, expected in (
        ("/", {"/feeds/new.atom", "/feeds/solved.atom"}),
        (f"/c/{slug}", {f"/c/{slug}/new.atom", f"/c/{slug}/solved.atom"}),
        ("/solved", {"/feeds/solved.atom"}),
    ):
        alternates = {href for kind, href in read(client.get(path)).alternates}
        assert expected <= alternates
        for href in alternates:
            parse(client.get(href))


def test_an_empty_feed_keeps_one_date_so_its_etag_holds(client, make_category):
    category = make_category()
    root = parse(client.get(f"/c/{category.slug}/solved.atom"))
    assert entries(root) == []
    assert root.findtext(ATOM + "updated").startswith("2000-01-01")  # not the time of asking


def test_an_entry_keeps_its_id_when_the_title_is_edited(app, client, make_complaint):
    complaint = make_complaint(title="Kettle leaks at the base")

    def entry():
        (found,) = parse(client.get("/feeds/new.atom")).findall(ATOM + "entry")
        return found.findtext(ATOM + "id"), found.find(ATOM + "link").get("href")

    before_id, before_link = entry()
    with app.app_context():
        services.edit_complaint(
            fresh(complaint.author),
            fresh(complaint),
            title="Kettle leaks from the seam at the base",
            body=complaint.body_source,
            category_id=complaint.category_id,
            desired_outcome=complaint.desired_outcome,
            rating=None,
            review=None,
            private_details=None,
        )
    after_id, after_link = entry()
    assert after_id == before_id == f"{SITE}/complaints/{complaint.id}"
    assert before_link == SITE + thread_path(complaint)
    assert after_link == f"{SITE}/complaints/{complaint.id}/kettle-leaks-from-the-seam-at-the-base"
    # The id is an address that leads to the thread, whatever its title now.
    response = client.get(after_id[len(SITE) :])
    assert response.status_code == 301 and response.headers["Location"].endswith(
        after_link[len(SITE) :]
    )
