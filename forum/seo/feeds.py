"""Atom feeds (RFC 4287) of new and of newly solved complaints, site-wide and per category.

Built with a Jinja template (``templates/seo/feed.xml``, autoescaped like every ``.xml``
template) rather than a feed library: an Atom document is a dozen elements, and the
template keeps escaping in one audited place. Characters XML 1.0 forbids are dropped
from user text first.
"""

import re
from datetime import UTC, datetime

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext

from forum import settings
from forum.accounts.models import public_name
from forum.db import as_utc
from forum.seo import queries
from forum.seo.meta import plain, site_url

EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)

KINDS = {"new": lazy_gettext("New complaints"), "solved": lazy_gettext("Newly solved complaints")}
FEED_LENGTH = 30
SUMMARY_LENGTH = 400

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """``value`` without the characters XML 1.0 cannot carry."""
    return _INVALID_XML.sub("", value or "")


def feed_url(kind, category=None):
    if category is None:
        return url_for("seo.feed", kind=kind)
    return url_for("seo.category_feed", slug=category.slug, kind=kind)


def entry_id(complaint):
    """The entry's permanent id: the thread's address by id alone (it redirects to the
    thread), so a title edit, which changes the slug, never makes it a new entry."""
    return site_url(url_for("complaints.thread_short", complaint_id=complaint.id))


def _entry(complaint, solution, kind):
    published = as_utc(complaint.created_at)
    updated = as_utc(complaint.solved_at) if kind == "solved" else published
    language = complaint.language
    if kind == "solved" and solution is not None:
        summary = _("Solution: %(text)s", text=solution.text)
        language = solution.answer.language
    else:
        summary = complaint.excerpt
    url = site_url(url_for("thread.show", complaint_id=complaint.id, slug=complaint.slug))
    return {
        "id": entry_id(complaint),
        "url": url,
        "title": xml_text(
            _("[Solved] %(title)s", title=complaint.title) if kind == "solved" else complaint.title
        ),
        "summary": xml_text(plain(summary, SUMMARY_LENGTH)),
        "author": public_name(complaint.author),
        "published": published,
        "updated": updated,
        "category": complaint.category.name,
        "language": language,
    }


def render_feed(kind, category=None):
    """The Atom document for ``kind`` (``new`` or ``solved``), optionally of one category."""
    complaints = queries.feed_items(kind, category, FEED_LENGTH)
    solutions = queries.solutions_for(complaints) if kind == "solved" else {}
    entries = [_entry(c, solutions.get(c.id), kind) for c in complaints]
    # An empty feed has not changed since... ever: a fixed date keeps its ETag (and so
    # its 304s) stable, where "now" would change it every second.
    updated = max((e["updated"] for e in entries), default=None) or EMPTY_FEED_UPDATED
    title = (
        _("%(kind)s in %(category)s", kind=KINDS[kind], category=category.name)
        if category
        else str(KINDS[kind])
    )
    if category is None:
        alternate = (
            url_for("seo.solved") if kind == "solved" else url_for("complaints.listing", sort="new")
        )
    elif kind == "solved":
        alternate = url_for("seo.solved_category", slug=category.slug)
    else:
        alternate = url_for("complaints.category", slug=category.slug, sort="new")
    return render_template(
        "seo/feed.xml",
        feed_id=site_url(feed_url(kind, category)),
        self_url=site_url(feed_url(kind, category)),
        alternate=site_url(alternate),
        title=_("%(kind)s — %(site)s", kind=title, site=settings.get("site_name")),
        logo=site_url(logo) if (logo := settings.current().logo_url) else None,
        updated=updated,
        entries=entries,
    )
