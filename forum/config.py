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
    SQLITE_BUSY_TIMEOUT_MS = 15000


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
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    secure = bool(app.config["PREFER_HTTPS"])
    app.config["SESSION_COOKIE_SECURE"] = secure
    app.config["REMEMBER_COOKIE_SECURE"] = secure
    if secure:
        app.config["PREFERRED_URL_SCHEME"] = "https"


def normalise_database_url(url):
    """Use the psycopg 3 driver for plain ``postgres://`` and ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
