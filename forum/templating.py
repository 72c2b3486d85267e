"""Jinja filters and globals: dates, numbers, stars, fingerprinted static URLs, and links
to the current page that keep only the query parameters it reads."""

import hashlib
import os
from datetime import UTC, datetime
from functools import cache

from flask import current_app, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from werkzeug.local import LocalProxy

from forum import settings
from forum.db import as_utc
from forum.urls import guidelines_path


def timeago(value, now=None):
    """ "3 days ago" for a past time, short and humane."""
    if value is None:
        return ""
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - as_utc(value)).total_seconds()))
    for unit, size in (("year", 31_536_000), ("month", 2_592_000), ("week", 604_800),
                       ("day", 86_400), ("hour", 3_600), ("minute", 60)):  # fmt: skip
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def isodate(value):
    return as_utc(value).isoformat(timespec="seconds") if value else ""


def _aware(value):
    return as_utc(value) if isinstance(value, datetime) else value


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def longdate(value):
    """ "3 Jan 2026, 14:05 UTC" for a datetime: English whatever the server's locale, and
    a third of ``strftime``'s time (it is on every post of a list, see ``time_ago``)."""
    if not value:
        return ""
    month = _MONTHS[value.month - 1]
    return f"{value.day} {month} {value.year}, {value.hour:02}:{value.minute:02} UTC"


def time_ago(value):
    """A past time as ``<time>``: "3 days ago", the exact time on hover, ISO for machines.

    One filter for what every list of posts shows of each one (it was three filters, each
    converting the time again: 10 µs a row on a page of twenty). The parts are digits,
    ASCII month names and punctuation, so nothing needs escaping.
    """
    if value is None:
        return ""
    value = as_utc(value)
    return Markup(
        f'<time datetime="{isodate(value)}" title="{longdate(value)}">{timeago(value)}</time>'
    )


def shortdate(value):
    """ "3 Jan 2026" for a date or a datetime."""
    return _aware(value).strftime("%-d %b %Y") if value else ""


def stars(rating):
    """A rating as five stars with an accessible label."""
    if not rating:
        return ""
    filled = "★" * rating + "☆" * (5 - rating)
    label = escape(_("%(rating)d out of 5 stars", rating=rating))
    return Markup(f'<span class="stars" role="img" aria-label="{label}">{filled}</span>')


@cache
def file_hash(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def static_url(filename):
    """A static file's URL carrying its content hash, so it can be cached for a year."""
    path = os.path.join(current_app.static_folder, filename)
    try:
        version = file_hash(path)
    except OSError:
        version = None
    return url_for("static", filename=filename, v=version)


def query_parameters(*names):
    """Declare the query parameters a page reads (a view decorator).

    Links to the same page (:func:`url_with`) and redirects to it (:func:`known_args`)
    carry over only these. Anything else in the query string is left behind, above all
    the names ``url_for`` reserves (``_external``, ``_scheme``, ``_method``, ``_anchor``)
    and the route's own values: passed on, they built links to a forged ``Host`` that the
    page cache then served to everyone, or broke the page with a 500.
    """
    for name in names:
        if name.startswith("_") or name == "endpoint":
            raise ValueError(f"{name!r} is a name url_for reserves")

    def declare(view):
        view.query_parameters = frozenset(names)
        return view

    return declare


def known_args(endpoint=None):
    """The current request's query parameters that ``endpoint``'s page reads (the current
    page's by default), the first value of each."""
    view = current_app.view_functions.get(endpoint or request.endpoint)
    known = getattr(view, "query_parameters", ())
    return {name: value for name, value in request.args.items() if name in known}


def url_with(**changes):
    """The current page's URL with some query parameters changed; ``None`` drops one.

    Only the parameters the page reads are kept (:func:`query_parameters`).
    """
    args = known_args()
    for key, value in changes.items():
        if value is None or (key == "page" and value == 1):
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def current_path():
    """The current page's path and query string, to come back to after signing in.

    (``request.full_path`` ends in a bare "?" when there is no query string.)
    """
    query = request.query_string.decode("latin-1")
    return f"{request.path}?{query}" if query else request.path


def page_url(page):
    """The current page's URL showing page ``page``."""
    return url_with(page=page)


def init_app(app):
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        time_ago=time_ago, isodate=isodate, longdate=longdate, shortdate=shortdate,
        stars=stars,
    )  # fmt: skip
    app.jinja_env.globals.update(
        static_url=static_url,
        page_url=page_url,
        url_with=url_with,
        current_path=current_path,
        guidelines_path=guidelines_path,
        # The site settings (forum/settings): ``site.site_name``, ``site.html('about')``.
        site=LocalProxy(settings.current),
    )
