"""What a page tells search engines about itself: canonical URL, description, noindex.

Canonical and Open Graph URLs are built on the configured ``SITE_URL``, never on the
request's Host header: pages are cached publicly, and a forged Host must not end up in
a cached page.
"""

from datetime import timedelta
from functools import cache

from flask import current_app, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from forum import markup
from forum.complaints.queries import SORTS
from forum.db import as_utc, utcnow
from forum.urls import absolute

DESCRIPTION_LENGTH = 155

# Endpoint -> the query parameters that make a different page of it. Everything else
# (filters, tracking parameters) is dropped from the canonical URL.
CANONICAL = {
    "complaints.home": (),
    "complaints.listing": ("page",),
    "complaints.category": ("page",),
    "thread.show": ("page",),
    "seo.solved": ("page",),
    "seo.solved_category": ("page",),
    # The operator's texts (forum/pages/site.py).
    "site.guidelines": (),
    "site.about": (),
    "site.privacy": (),
    # The public record (forum/insights/views.py).
    "insights.record": (),
}
LISTINGS = ("complaints.listing", "complaints.category")

# Sorted listings show the threads of the default listing in another order, a subset of
# them (unanswered), or exactly the solved hub's (solved): one canonical page per set of
# threads, the others are crawled for their links and never indexed.
NOINDEX_SORTS = frozenset(SORTS) - {"hot"}


def site_url(path):
    """``path`` made absolute on ``SITE_URL``."""
    return absolute(path)


# Query parameters that filter a listing: a filtered listing's canonical is the first page
# of the unfiltered one.
FILTERS = ("status", "lang")


def _canonical_args(endpoint):
    page = request.args.get("page", 1, type=int)
    filtered = any(request.args.get(name) for name in FILTERS)
    if "page" in CANONICAL[endpoint] and page > 1 and not filtered:
        return {"page": page}
    return {}


def is_sorted_listing():
    """A listing in another order than the default one: ``noindex, follow``, no canonical."""
    return request.endpoint in LISTINGS and request.args.get("sort") in NOINDEX_SORTS


def canonical_url():
    """The canonical absolute URL of the current page, or ``None`` for pages without one."""
    endpoint = request.endpoint
    if endpoint not in CANONICAL or request.method not in ("GET", "HEAD"):
        return None
    if is_sorted_listing():
        return None
    view_args = dict(request.view_args or {})
    args = _canonical_args(endpoint)
    if endpoint == "complaints.listing" and request.args.get("category"):
        endpoint = "complaints.category"
        view_args["slug"] = request.args["category"]
    return site_url(url_for(endpoint, **view_args, **args))


def plain(text, limit=DESCRIPTION_LENGTH):
    """Markdown source as one line of plain text of at most ``limit`` characters."""
    return markup.plain_text(text or "", limit)


def thread_description(complaint, accepted=None):
    """A solved thread is described by its solution, any other by the complaint."""
    if accepted is not None and accepted.is_public:
        return plain(_("Solved: %(text)s", text=accepted.body_source))
    return plain(complaint.excerpt or complaint.body_source)


def is_thin(complaint, now=None):
    """Pages search engines should not index: not public, spam, or too young and unanswered."""
    if not complaint.is_public or complaint.moderation_reason == "spam":
        return True
    hours = current_app.config.get("NOINDEX_UNANSWERED_YOUNGER_THAN_HOURS") or 0
    if hours > 0 and complaint.answer_count == 0:
        now = now or utcnow()
        return as_utc(complaint.created_at) > now - timedelta(hours=hours)
    return False


def lang_attr(post):
    """`` lang="xx"`` for a post whose language is known, else nothing."""
    language = getattr(post, "language", None)
    if not language:
        return ""
    return _lang_attribute(language)


@cache
def _lang_attribute(language):
    # Built once a language: a search page asks for forty (twenty rows, title and text).
    return Markup(' lang="%s"') % escape(language)
