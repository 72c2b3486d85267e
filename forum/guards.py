"""Refuse to serve in production with the development settings.

Outside debug (``--debug``, ``FLASK_DEBUG=1``) and testing, the app will not start with
the built-in ``SECRET_KEY`` (or the placeholder of ``deploy/env.example``): it signs
sessions, remember-me cookies, form tokens and reset links, and anyone can read the
default here. And while ``SITE_URL`` is the default, the first request for another host
logs a warning: canonical links, feeds, sitemaps and e-mails are built on ``SITE_URL``.
"""

import logging
from urllib.parse import urlsplit

from flask import request

from forum.config import Defaults

log = logging.getLogger(__name__)

# Keys that sign nothing anyone could not forge: the default and env.example's placeholder.
PLACEHOLDER_KEYS = frozenset({Defaults.SECRET_KEY, "change-me"})

SECRET_KEY_MESSAGE = (
    "SECRET_KEY is not set (or is a placeholder): with a key anyone can read, anyone could "
    "forge sessions, remember-me cookies and password-reset links. Set the SECRET_KEY "
    "environment variable to a long random value, e.g. "
    "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))') "
    "(in /etc/redress/env, docs/deploy.md), or run with --debug on a development machine."
)


class InsecureSettings(RuntimeError):
    """The app was asked to serve in production with a development setting."""


def check(app):
    """Raise :class:`InsecureSettings` when a production app has a placeholder secret key."""
    if app.debug or app.testing:
        return
    key = app.config.get("SECRET_KEY")
    if not key or key in PLACEHOLDER_KEYS:
        raise InsecureSettings(SECRET_KEY_MESSAGE)


def init_app(app):
    check(app)
    if not app.testing and app.config["SITE_URL"] == Defaults.SITE_URL:
        app.before_request(_site_url_warning(app))


def _site_url_warning(app):
    default_host = urlsplit(Defaults.SITE_URL).netloc
    warned = False

    def warn_once():
        nonlocal warned
        if warned or app.config["SITE_URL"] != Defaults.SITE_URL:
            return
        if request.host.lower() == default_host:
            return
        warned = True
        log.warning(
            "SITE_URL is the default %s, but this site is served as %s: canonical links, "
            "feeds, sitemaps and e-mails point at the default. Set SITE_URL to the "
            "address visitors use (docs/deploy.md).",
            Defaults.SITE_URL,
            request.host_url.rstrip("/"),
        )

    return warn_once
