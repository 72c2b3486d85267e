"""robots.txt, the sitemap index and its id-range children, and status codes a crawler
can trust."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.robotparser import RobotFileParser

import pytest

from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.resolution import services as resolution
from forum.seo.sitemap import MAX_URLS
from tests.conftest import fresh
from tests.seo_helpers import accept, merge, read, remove, staff_user
from tests.test_seo_pages import SITE, thread_path

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(response):
    assert response.status_code == 200
    assert response.content_type == "application/xml; charset=utf-8"
    return ET.fromstring(response.data)


def locs(root, tag="url"):
    return [
        (e.findtext("sm:loc", namespaces=NS), e.findtext("sm:lastmod", namespaces=NS))
        for e in root.findall(f"sm:{tag}", NS)
    ]


def local(url):
    assert url.startswith(SITE)
    return url[len(SITE) :]


def all_thread_urls(client):
    index = parse(client.get("/sitemap.xml"))
    urls = {}
    for loc, _lastmod in locs(index, "sitemap"):
        if "/threads-" in loc:
            child = locs(parse(client.get(local(loc))))
            assert len(child) <= MAX_URLS
            urls.update(child)
    return urls


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    lines = response.get_data(as_text=True).splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow:")}
    assert {"/search", "/staff", "/mod/", "/notifications"} <= disallowed
    assert "/" not in disallowed and "/complaints" not in disallowed


@pytest.mark.parametrize(
    ("path", "kept_out_by"),
    [("/search?q=fridge", "robots.txt"), ("/login", "noindex"), ("/register", "noindex")],
)
def test_a_page_is_kept_out_by_robots_txt_or_by_noindex_never_both(
    client, make_complaint, path, kept_out_by
):
    make_complaint(title="The fridge stopped cooling")
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").get_data(as_text=True).splitlines())
    crawlable = robots.can_fetch("Googlebot", SITE + path)
    # A crawler kept out by robots.txt never reads the page, so a noindex there is unread.
    assert crawlable == (kept_out_by == "noindex")
    assert read(client.get(path)).noindex == (kept_out_by == "noindex")


def test_every_url_in_the_sitemaps_is_indexable_and_its_own_canonical(
    app, client, make_complaint, make_answer
):
    solved = make_complaint(title="A solved complaint here")
    accept(app, solved.author, make_answer(solved, body="Reset the breaker."))
    make_complaint(category=solved.category, title="An open complaint here")
    urls = [loc for loc, _ in locs(parse(client.get("/sitemaps/pages.xml")))]
    urls += list(all_thread_urls(client))
    assert len(urls) == 8  # home, listing, solved, record, the category and its hub, 2 threads
    for url in urls:
        response = client.get(local(url))
        assert response.status_code == 200, url
        page = read(response)
        assert not page.noindex, url
        assert page.canonicals == [url]


def test_the_sitemap_index_lists_the_pages_sitemap_and_id_range_children(
    app, client, make_category, make_complaint
):
    app.config["SITEMAP_URLS_PER_FILE"] = 2
    category = make_category()
    complaints = [
        make_complaint(category=category, title=f"Complaint number {n} here") for n in range(5)
    ]
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    children = [local(loc) for loc, _ in locs(index, "sitemap")]
    assert children == [
        "/sitemaps/pages.xml",
        "/sitemaps/threads-1.xml",
        "/sitemaps/threads-2.xml",
        "/sitemaps/threads-3.xml",
    ]
    seen = []
    for path in children[1:]:
        urls = locs(parse(client.get(path)))
        assert 1 <= len(urls) <= 2
        seen += [local(loc) for loc, _ in urls]
    assert seen == [thread_path(c) for c in complaints]

    pages = [local(loc) for loc, _ in locs(parse(client.get("/sitemaps/pages.xml")))]
    assert pages == [
        "/",
        "/complaints",
        "/solved",
        "/record",
        f"/c/{category.slug}",
        f"/c/{category.slug}/solved",
    ]


def test_hidden_deleted_merged_and_spam_threads_are_absent(app, client, make_user, make_complaint):
    admin = staff_user(make_user)
    kept, hidden, deleted, merged, spam = (
        make_complaint(title=f"Sitemap thread number {n}") for n in range(5)
    )
    remove(app, admin, hidden, "hide", "abusive")
    remove(app, admin, deleted, "delete", "off_topic")
    merge(app, admin, merged, kept)
    with app.app_context():  # restored from a queue but still marked spam
        row = db.session.get(Complaint, spam.id)
        row.moderation_reason = "spam"
        db.session.commit()
    urls = [local(u) for u in all_thread_urls(client)]
    assert urls == [thread_path(kept)]


def test_a_range_without_public_threads_is_left_out_of_the_index(
    app, client, make_user, make_complaint
):
    app.config["SITEMAP_URLS_PER_FILE"] = 1
    first, second = make_complaint(), make_complaint(title="The second complaint here")
    remove(app, staff_user(make_user), first, "delete", "spam")
    children = [local(loc) for loc, _ in locs(parse(client.get("/sitemap.xml")), "sitemap")]
    assert children == ["/sitemaps/pages.xml", "/sitemaps/threads-2.xml"]
    assert locs(parse(client.get("/sitemaps/threads-1.xml"))) == []
    assert client.get("/sitemaps/threads-0.xml").status_code == 404
    assert client.get(f"/sitemaps/threads-{2**31}.xml").status_code == 404
    assert second


def test_lastmod_is_the_last_public_activity_and_a_solution_bumps_it(
    app, client, make_user, make_complaint, make_answer
):
    author = make_user()
    posted = utcnow() - timedelta(days=10)
    complaint = make_complaint(author=author, created_at=posted)
    (lastmod,) = all_thread_urls(client).values()
    assert lastmod == posted.isoformat(timespec="seconds")

    answer = make_answer(complaint, created_at=posted + timedelta(days=1))
    (lastmod,) = all_thread_urls(client).values()
    assert lastmod == (posted + timedelta(days=1)).isoformat(timespec="seconds")

    accept(app, author, answer)
    (after_solution,) = all_thread_urls(client).values()
    assert after_solution > lastmod
    with app.app_context():
        solved_at = db.session.get(Complaint, complaint.id).solved_at
    assert after_solution == solved_at.isoformat(timespec="seconds")

    staff = make_user(role="staff")
    later = utcnow() + timedelta(minutes=5)
    with app.app_context():
        resolution.change_status(fresh(staff), fresh(complaint), "resolved", at=later)
    (after_resolution,) = all_thread_urls(client).values()
    assert after_resolution == later.isoformat(timespec="seconds")
    index = locs(parse(client.get("/sitemap.xml")), "sitemap")
    assert index[-1][1] == after_resolution


def test_status_codes_a_crawler_can_trust(app, client, make_user, make_complaint):
    admin = staff_user(make_user)
    public, hidden, deleted, merged = (
        make_complaint(title=f"Status code thread {n}") for n in range(4)
    )
    remove(app, admin, hidden, "hide", "abusive")
    remove(app, admin, deleted, "delete", "spam")
    merge(app, admin, merged, public)

    assert client.get(thread_path(public)).status_code == 200
    wrong_slug = client.get(f"/complaints/{public.id}/not-the-slug")
    assert wrong_slug.status_code == 301
    assert wrong_slug.headers["Location"].endswith(thread_path(public))
    short = client.get(f"/complaints/{public.id}")
    assert short.status_code == 301 and short.headers["Location"].endswith(thread_path(public))
    for path in (thread_path(merged), f"/complaints/{merged.id}"):
        response = client.get(path)
        assert response.status_code == 301
        assert response.headers["Location"].endswith(
            f"{thread_path(public)}#complaint-{merged.id}"
        )  # to the duplicate's text, kept on the thread it joined
    assert client.get(thread_path(hidden)).status_code == 404
    assert client.get(thread_path(deleted)).status_code == 410
    assert client.get("/complaints/987654/unknown").status_code == 404
    assert client.get("/complaints/99999999999/unknown").status_code == 404
    assert client.get("/c/no-such-category").status_code == 404
