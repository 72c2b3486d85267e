"""Configuration defaults; the environment overrides them.

``SECRET_KEY`` and ``DATABASE_URL`` are read directly; any other Flask key can be set
as ``FLASK_<KEY>`` (Flask's ``from_prefixed_env``).
"""

import os
from datetime import timedelta


class Defaults:
    SITE_NAME = "Redress"
    SITE_TAGLINE = "Complaints, answered in public."
    SECRET_KEY = "dev-only-change-me"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    PREFER_HTTPS = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    WTF_CSRF_TIME_LIMIT = None
    PAGE_SIZE = 20
    ANSWERS_PAGE_SIZE = 30
    SITE_URL = "http://127.0.0.1:5000"
    # E-mail: with no MAIL_SERVER, messages are written to the log instead of sent.
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = False
    MAIL_FROM = "Redress <no-reply@localhost>"
    MAIL_TIMEOUT = 10
    MAIL_MAX_ATTEMPTS = 8
    MAIL_SEND_AFTER_COMMIT = True
    REVIEW_PROMPT_DELAY_HOURS = 24
    REOPEN_WINDOW_DAYS = 30


def load(app, test_config=None):
    """Fill ``app.config`` from the defaults, the environment and ``test_config``."""
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "redress.sqlite3"
    )
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
    for key in MAIL_KEYS:
        if key in os.environ:
            app.config[key] = _parse_env(os.environ[key])
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    secure = bool(app.config["PREFER_HTTPS"])
    app.config["SESSION_COOKIE_SECURE"] = secure
    app.config["REMEMBER_COOKIE_SECURE"] = secure
    if secure:
        app.config["PREFERRED_URL_SCHEME"] = "https"


MAIL_KEYS = (
    "MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_USE_TLS", "MAIL_FROM",
    "SITE_URL", "REVIEW_PROMPT_DELAY_HOURS",
)  # fmt: skip


def _parse_env(value):
    """Environment strings as Flask's prefixed loader reads them: JSON where it parses."""
    import json

    try:
        return json.loads(value)
    except ValueError:
        return value


def normalise_database_url(url):
    """Use the psycopg 3 driver for plain ``postgres://`` and ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
