"""robots.txt, the sitemap index and its child sitemaps (sitemaps.org protocol 0.9).

Threads are split into child sitemaps by id range: ``threads-N.xml`` holds ids
``(N-1)*size+1 … N*size``, so no child can hold more than ``size`` (≤ 50,000) URLs and
each is one range scan of the primary key, however large the forum grows.
"""

from xml.sax.saxutils import escape

from flask import current_app, url_for

from forum.complaints.links import thread_path_builder
from forum.seo import queries
from forum.seo.meta import site_url

MAX_URLS = 50_000
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Paths that are personal, transient or endless: nothing there for a search engine.
# Pages a crawler is kept from never have their noindex read, so each path is kept out
# by one of the two: sign-in and registration pages are crawlable and noindex (linked
# from every page, a disallowed URL could be indexed without its content), search
# results are disallowed (an endless, costly query space; docs/seo.md).
DISALLOW = (
    "/search",
    "/staff",
    "/mod/",
    "/notifications",
    "/complaints/new",
    "/answers/",
    "/complaints/*/edit",
    "/complaints/*/flag",
    "/complaints/*/review",
)


def chunk_size():
    return max(1, min(int(current_app.config.get("SITEMAP_URLS_PER_FILE") or MAX_URLS), MAX_URLS))


def robots_txt():
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOW]
    lines += ["", f"Sitemap: {site_url(url_for('seo.sitemap_index'))}", ""]
    return "\n".join(lines)


def _lastmod(value):
    return f"<lastmod>{value.isoformat(timespec='seconds')}</lastmod>" if value else ""


def _document(root, entries):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<{root} xmlns="{XMLNS}">\n'
    tag = "sitemap" if root == "sitemapindex" else "url"
    for loc, lastmod in entries:
        yield f"<{tag}><loc>{escape(loc)}</loc>{_lastmod(lastmod)}</{tag}>\n"
    yield f"</{root}>\n"


def index_xml():
    """The sitemap index: the pages sitemap, then one child per id range holding threads."""
    _per_category, latest = queries.category_activity()
    entries = [(site_url(url_for("seo.sitemap_pages")), latest)]
    for number, lastmod in queries.thread_chunks(chunk_size()):
        entries.append((site_url(url_for("seo.sitemap_threads", number=number)), lastmod))
    return "".join(_document("sitemapindex", entries))


def pages_xml():
    """Home, the listings, the solved hubs, the public record and every category."""
    per_category, latest = queries.category_activity()
    entries = [
        (site_url(url_for("complaints.home")), latest),
        (site_url(url_for("complaints.listing")), latest),
        (site_url(url_for("seo.solved")), latest),
        (site_url(url_for("insights.record")), latest),
    ]
    for category in queries.categories():
        lastmod = per_category.get(category.id)
        entries.append((site_url(url_for("complaints.category", slug=category.slug)), lastmod))
        entries.append((site_url(url_for("seo.solved_category", slug=category.slug)), lastmod))
    return "".join(_document("urlset", entries))


def threads_xml(number):
    """The public threads with ids in range ``number``, or ``None`` past the last range."""
    size = chunk_size()
    rows = queries.threads_in_chunk(number, size)
    # 50,000 url_for calls would cost seconds; the builder joins strings (same route).
    thread_url = thread_path_builder(prefix=site_url(""))
    entries = ((thread_url(id_, slug), lastmod) for id_, slug, lastmod in rows)
    return "".join(_document("urlset", entries))
