"""Jinja filters and globals: dates, numbers, stars, fingerprinted static URLs, and links
to the current page that keep only the query parameters it reads."""

import functools
import hashlib
import os
from datetime import UTC, datetime, timedelta
from functools import cache

from babel import Locale, dates
from flask import current_app, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from werkzeug.local import LocalProxy

from forum import i18n, settings
from forum.db import as_utc
from forum.urls import guidelines_path

# The units of "3 days ago", largest first, in seconds (Babel's sizes).
_UNITS = (("year", 31_536_000), ("month", 2_592_000), ("week", 604_800), ("day", 86_400),
          ("hour", 3_600), ("minute", 60))  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _relative(locale, unit, count, direction):
    # threshold=1: Babel keeps the unit the count was floored in ("6 days", not "1 week").
    seconds = count * dict(_UNITS)[unit]
    return dates.format_timedelta(
        -timedelta(seconds=seconds), threshold=1, add_direction=direction, locale=locale
    )


def _elapsed(value, now, direction):
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - as_utc(value)).total_seconds()))
    for unit, size in _UNITS:
        if seconds >= size:
            return _relative(_date_locale(), unit, seconds // size, direction)
    return None


def timeago(value, now=None):
    """ "3 days ago" for a past time, in the interface's language (CLDR's words through
    Babel), floored to the largest whole unit."""
    if value is None:
        return ""
    return _elapsed(value, now, True) or _("just now")


def duration_since(value, now=None):
    """ "3 weeks": how long since a past time, for sentences such as "waiting for 3 weeks"
    (floored like :func:`timeago`)."""
    if value is None:
        return ""
    return _elapsed(value, now, False) or _("less than a minute")


def isodate(value):
    return as_utc(value).isoformat(timespec="seconds") if value else ""


def _aware(value):
    return as_utc(value) if isinstance(value, datetime) else value


# The CLDR locale dates are written in for each interface language: English as British
# English does (3 Jan 2026, 14:05), day first and on the 24-hour clock like the other five.
DATE_LOCALES = {"en": "en_GB"}


def _date_locale():
    name = i18n.locale_name() or i18n.DEFAULT_LOCALE  # none outside a request
    return DATE_LOCALES.get(name, name)


# Dates and times as the interface's language writes them (CLDR's medium date and short
# time, through Babel). Kept per language and minute: the same posts' times are written on
# every page that lists them, and Babel takes about 20 µs for each.
@functools.lru_cache(maxsize=8192)
def _longdate(locale, minute):
    locale = Locale.parse(locale)
    time = dates.format_time(minute, "short", tzinfo=UTC, locale=locale)
    day = dates.format_date(minute.date(), "medium", locale=locale)
    pattern = locale.datetime_formats["medium"].replace("'", "")
    return pattern.replace("{0}", time).replace("{1}", day) + " UTC"


@functools.lru_cache(maxsize=4096)
def _shortdate(locale, day):
    return dates.format_date(day, "medium", locale=locale)


def longdate(value):
    """ "3 Jan 2026, 14:05 UTC", "03.01.2026, 14:05 UTC", "2026年1月3日 14:05 UTC": a
    datetime in the interface's language, to the minute."""
    if not value:
        return ""
    return _longdate(_date_locale(), as_utc(value).replace(second=0, microsecond=0))


def _time_element(value, text):
    value = as_utc(value)
    return Markup(
        f'<time datetime="{isodate(value)}" title="{escape(longdate(value))}">'
        f"{escape(text(value))}</time>"
    )


def time_ago(value):
    """A past time as ``<time>``: "3 days ago", the exact time on hover, ISO for machines.

    One filter for what every list of posts shows of each one (it was three filters, each
    converting the time again). Babel's words are text, so they are escaped.
    """
    return "" if value is None else _time_element(value, timeago)


def time_since(value):
    """How long since a past time as ``<time>``: "3 weeks", the exact time on hover."""
    return "" if value is None else _time_element(value, duration_since)


def shortdate(value):
    """ "3 Jan 2026", "03.01.2026" for a date or a datetime, in the interface's language."""
    if not value:
        return ""
    day = as_utc(value).date() if isinstance(value, datetime) else value
    return _shortdate(_date_locale(), day)


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


def return_path():
    """Where the language menu brings you back to: this page, with only the query
    parameters it reads (a page that matched no route: its path)."""
    if request.endpoint is None:
        return request.path
    return url_with()


def page_url(page):
    """The current page's URL showing page ``page``."""
    return url_with(page=page)


def script_text():
    """The interface text the scripts write into pages (static/js), in the page's language:
    base.html hands it to them as JSON (``#interface-text``), read by the key."""
    return {
        "affectsMe": _("Affects me too"),
        "affectsMeVoted": _("Affects me too ✓"),
        "write": _("Write"),
        "preview": _("Preview"),
        "writeOrPreview": _("Write or preview"),
        "previewLoading": _("Loading the preview…"),
        "previewFailed": _(
            "The preview could not be loaded. Try again, or use the Preview button."
        ),
        "previewEmpty": _("Nothing to preview yet."),
        "solvedIt": _("This solved it for me"),
        "similarHeading": _("Already answered? These threads look similar:"),
        "officialAnswer": _("Official answer"),
        "notYourProblem": _("Not your problem? Just continue below."),
    }


def init_app(app):
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        time_ago=time_ago, time_since=time_since, isodate=isodate, longdate=longdate,
        shortdate=shortdate, stars=stars,
    )  # fmt: skip
    app.jinja_env.globals.update(
        static_url=static_url,
        page_url=page_url,
        url_with=url_with,
        current_path=current_path,
        return_path=return_path,
        guidelines_path=guidelines_path,
        script_text=script_text,
        # The site settings (forum/settings): ``site.site_name``, ``site.html('about')``.
        site=LocalProxy(settings.current),
    )
