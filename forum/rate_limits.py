"""Where the rate-limit counters live, and the limits on what members do.

Flask-Limiter (``forum.extensions.limiter``) counts in the storage named by
``RATELIMIT_STORAGE_URI``. Unset, it is a SQLite file in the instance folder
(``forum.rate_limit_store``), shared by every worker and command on the machine; with
more than one app server it must be Redis. Sign-in, reset and registration limits are
Flask-Limiter decorators on their views (``forum/accounts/views.py``); the limits on
members' actions (posting, votes, "this solved it") are counted by :func:`consume`,
which their services call, so the form that was sent comes back with what was typed.
"""

import os
import time

from flask import current_app, g, has_request_context
from flask_babel import ngettext, pgettext
from limits import parse_many

from forum import rate_limit_store
from forum.errors import RateLimited
from forum.extensions import limiter

FILE = "rate-limits.sqlite3"
DEFAULT_URI = "sqlite://"  # the file in the instance folder, found on first use


def configure(app):
    """Before Flask-Limiter binds: with no storage configured, use the shared file."""
    uri = app.config.get("RATELIMIT_STORAGE_URI")
    if not uri:
        app.config["RATELIMIT_STORAGE_URI"] = DEFAULT_URI
    elif uri.startswith("memory:") and not (app.testing or app.debug):
        app.logger.warning(
            "RATELIMIT_STORAGE_URI=memory:// counts in each process: under gunicorn's workers "
            "every limit lets through its number once per worker. Leave it unset (a file in "
            "the instance folder) or use redis://."
        )


def init_app(app):
    """After Flask-Limiter bound: point the default storage at this app's instance folder.

    Decided on first use, not here: ``create_app`` does no I/O, and tests move the
    instance folder after building the app.
    """
    if app.config.get("RATELIMIT_ENABLED", True):
        storage = limiter.storage
        if isinstance(storage, rate_limit_store.SQLiteStorage):
            storage.locate(lambda: os.path.join(app.instance_path, FILE))
    app.after_request(_retry_after)


def enabled():
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _wait_sentence(seconds):
    if seconds < 90:
        return ngettext(
            "Wait %(num)d second, then try again.", "Wait %(num)d seconds, then try again.", seconds
        )
    minutes = round(seconds / 60)
    if minutes < 90:
        return ngettext(
            "Wait %(num)d minute, then try again.", "Wait %(num)d minutes, then try again.", minutes
        )
    hours = round(minutes / 60)
    return ngettext(
        "Wait %(num)d hour, then try again.", "Wait %(num)d hours, then try again.", hours
    )


def _period(item):
    """How often a limit counts, as it ends the sentence of :data:`_LIMITS`: "a minute",
    "in 10 minutes"."""
    name, many = item.GRANULARITY.name, item.multiples
    if name == "second":
        if many == 1:
            return pgettext("rate limit period", "a second")
        return ngettext("in %(num)d second", "in %(num)d seconds", many)
    if name == "minute":
        if many == 1:
            return pgettext("rate limit period", "a minute")
        return ngettext("in %(num)d minute", "in %(num)d minutes", many)
    if name == "hour":
        if many == 1:
            return pgettext("rate limit period", "an hour")
        return ngettext("in %(num)d hour", "in %(num)d hours", many)
    if name == "day":
        if many == 1:
            return pgettext("rate limit period", "a day")
        return ngettext("in %(num)d day", "in %(num)d days", many)
    if name == "month":
        if many == 1:
            return pgettext("rate limit period", "a month")
        return ngettext("in %(num)d month", "in %(num)d months", many)
    if many == 1:
        return pgettext("rate limit period", "a year")
    return ngettext("in %(num)d year", "in %(num)d years", many)


# The sentence of a used-up limit, by the ``doing`` its callers name: how many times
# (``num``) in which period (``period``, from :func:`_period`).
_LIMITS = {
    "post": lambda num, period: ngettext(
        "You can post at most %(num)d time %(period)s.",
        "You can post at most %(num)d times %(period)s.",
        num,
        period=period,
    ),
    "vote": lambda num, period: ngettext(
        "You can vote at most %(num)d time %(period)s.",
        "You can vote at most %(num)d times %(period)s.",
        num,
        period=period,
    ),
    "preview": lambda num, period: ngettext(
        "You can preview at most %(num)d time %(period)s.",
        "You can preview at most %(num)d times %(period)s.",
        num,
        period=period,
    ),
    "upload": lambda num, period: ngettext(
        "You can upload at most %(num)d file %(period)s.",
        "You can upload at most %(num)d files %(period)s.",
        num,
        period=period,
    ),
    'say "this solved it for me"': lambda num, period: ngettext(
        'You can say "this solved it for me" at most %(num)d time %(period)s.',
        'You can say "this solved it for me" at most %(num)d times %(period)s.',
        num,
        period=period,
    ),
}


def _limit_sentence(doing, num, period):
    sentence = _LIMITS.get(doing)
    if sentence is None:
        return ngettext(
            "You can do this at most %(num)d time %(period)s.",
            "You can do this at most %(num)d times %(period)s.",
            num,
            period=period,
        )
    return sentence(num, period)


def consume(config_key, *identity, doing):
    """Count one action against the limits in ``config_key`` (e.g. "6 per minute; 60 per
    hour") for ``identity``; raise :class:`RateLimited` when one of them is used up.

    ``doing`` names the action for the message ("post", "vote"). Each limit is one atomic
    increment in the shared storage, so the first refusal comes exactly after the number
    of actions the setting allows, whichever worker answers. Only requests count: what
    the operator's commands do through the services (``flask demo load``) is not limited.
    """
    if not enabled() or not has_request_context():
        return
    strategy = limiter.limiter
    keys = (config_key.lower(), *map(str, identity))
    for item in parse_many(current_app.config[config_key]):
        if strategy.hit(item, *keys):
            continue
        reset_at = strategy.get_window_stats(item, *keys).reset_time
        g.retry_after = wait = max(1, int(reset_at - time.time()) + 1)
        limit = _limit_sentence(doing, item.amount, _period(item))
        # Two whole sentences: what the limit is, and how long to wait.
        raise RateLimited(f"{limit} {_wait_sentence(wait)}")


def _retry_after(response):
    """Refusals of :func:`consume` say when to come back, as Flask-Limiter's do."""
    wait = g.pop("retry_after", None)
    if wait is not None and response.status_code == 429:
        response.headers.setdefault("Retry-After", str(wait))
    return response
