"""A crawler's walk over the demo forum: from ``/`` and ``/sitemap.xml``, following every
internal link on public pages, as robots.txt allows, up to ``LIMIT`` pages."""

import re
import xml.etree.ElementTree as ET
from collections import deque
from urllib.parse import urldefrag, urlsplit

import sqlalchemy as sa

from forum.complaints.models import Complaint
from forum.extensions import db
from forum.seo.structured_data import missing_properties
from tests.seo_helpers import read, remove, staff_user
from tests.test_seo_pages import SITE, thread_path

LIMIT = 300
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
THREAD = re.compile(r"^/complaints/(\d+)(?:/|$)")


def robots_rules(client):
    lines = client.get("/robots.txt").get_data(as_text=True).splitlines()
    patterns = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")]
    return [re.compile(re.escape(p).replace(r"\*", ".*")) for p in patterns]


def allowed(rules, path):
    return not any(rule.match(path) for rule in rules)


def sitemap_urls(client):
    urls = []
    index = ET.fromstring(client.get("/sitemap.xml").data)
    for loc in index.findall("sm:sitemap/sm:loc", NS):
        child = ET.fromstring(client.get(loc.text[len(SITE) :]).data)
        urls += [e.text for e in child.findall("sm:url/sm:loc", NS)]
    return urls


def local_path(href):
    """The site-local path of a link, or ``None`` for another host or scheme."""
    href, _fragment = urldefrag(href)
    if href.startswith(SITE):
        href = href[len(SITE) :] or "/"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href.startswith("/"):
        return None
    return href


def test_a_crawler_finds_only_public_pages_with_valid_markup(app, client, runner, make_user):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        victims = list(
            db.session.scalars(
                sa.select(Complaint).where(Complaint.answer_count > 0).order_by(Complaint.id)
            )
        )[:2]
        for victim in victims:
            db.session.expunge(victim)
    hidden, deleted = victims
    admin = staff_user(make_user)
    remove(app, admin, hidden, "hide", "abusive")
    remove(app, admin, deleted, "delete", "spam")
    removed = {hidden.id, deleted.id}

    rules = robots_rules(client)
    from_sitemap = sitemap_urls(client)
    assert SITE + thread_path(hidden) not in from_sitemap
    assert SITE + thread_path(deleted) not in from_sitemap
    threads_in_sitemap = [u for u in from_sitemap if "/complaints/" in u]
    assert len(threads_in_sitemap) == 78

    queue = deque(["/", *(u[len(SITE) :] for u in from_sitemap)])
    seen = set(queue)
    crawled = 0
    kinds = {}
    thread_pages = 0
    while queue and crawled < LIMIT:
        path = queue.popleft()
        response = client.get(path)
        crawled += 1
        assert response.status_code < 500, path
        if response.status_code in (301, 302, 303, 308):
            target = local_path(response.headers["Location"])
            assert target is not None, (path, response.headers["Location"])
            if target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        page = read(response)
        assert page.title.strip(), path
        assert page.description and page.description.strip(), path
        if page.noindex:
            assert len(page.canonicals) <= 1, path
        else:
            assert len(page.canonicals) == 1, (path, page.canonicals)
            canonical = page.canonicals[0]
            assert canonical.startswith(SITE), canonical
        if page.jsonld:
            assert len(page.jsonld) == 1, path
            data = page.jsonld[0]
            assert missing_properties(data) == [], (path, missing_properties(data))
            kinds[data["@type"]] = kinds.get(data["@type"], 0) + 1
        match = THREAD.match(path)
        if match and "?" not in path:
            thread_pages += 1
            assert page.jsonld, path  # every public thread carries its structured data
            assert page.canonicals == [SITE + path], path
        for href in page.links:
            target = local_path(href)
            if target is None:
                continue
            match = THREAD.match(target)
            assert not (match and int(match.group(1)) in removed), (path, href)
            if target not in seen and allowed(rules, urlsplit(target).path):
                seen.add(target)
                queue.append(target)

    assert crawled == LIMIT or not queue
    assert thread_pages >= 78  # every public thread was reached
    assert kinds.get("QAPage", 0) > 40 and kinds.get("DiscussionForumPosting", 0) >= 1, kinds
    # The removed threads answer as a crawler expects, and say so.
    assert client.get(thread_path(hidden)).status_code == 404
    assert client.get(thread_path(deleted)).status_code == 410
