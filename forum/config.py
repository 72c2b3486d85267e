"""Configuration defaults; the environment overrides them.

``SECRET_KEY`` and ``DATABASE_URL`` are read directly; any other Flask key can be set
as ``FLASK_<KEY>`` (Flask's ``from_prefixed_env``).
"""

import json
import os
from datetime import timedelta


class Defaults:
    SITE_NAME = "Redress"
    SITE_TAGLINE = "Complaints, answered in public."
    # The interface language for visitors whose browser asks for none of the six, crawlers
    # and e-mails to people without an account (the admin setting "Default language").
    DEFAULT_LANGUAGE = "en"
    SECRET_KEY = "dev-only-change-me"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False
    # A request body's limit. The forms that take photos and evidence (6 + 4 files of at
    # most 10 MB, forum/media) accept UPLOAD_MAX_CONTENT_LENGTH instead (forum/incoming.py).
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    UPLOAD_MAX_CONTENT_LENGTH = 110 * 1024 * 1024
    # Uploaded files (forum/media/storage.py): the uploads folder, or an S3-compatible
    # bucket when MEDIA_S3_BUCKET is set (boto3). Behind nginx, MEDIA_X_ACCEL_PREFIX (an
    # internal location aliasing the uploads folder) lets nginx send the files.
    UPLOAD_FOLDER = None
    MEDIA_S3_BUCKET = None
    MEDIA_S3_ENDPOINT_URL = None
    MEDIA_S3_REGION = None
    MEDIA_S3_ACCESS_KEY_ID = None
    MEDIA_S3_SECRET_ACCESS_KEY = None
    MEDIA_S3_PREFIX = ""
    MEDIA_X_ACCEL_PREFIX = None
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
    MAIL_PORT = None  # None: 465 with MAIL_USE_SSL, 25 otherwise (587 is usual with STARTTLS)
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    # TLS checks the server's certificate and host name (docs/deploy.md): MAIL_USE_SSL for
    # TLS from the start (port 465), MAIL_USE_TLS for STARTTLS; MAIL_CA_FILE, a PEM file,
    # trusts only that certificate authority (a private one) instead of the system's.
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_CA_FILE = None
    # Without a display name, messages are from the site's name (the site_name setting).
    MAIL_FROM = "no-reply@localhost"
    MAIL_TIMEOUT = 10
    # A message that failed is retried after MAIL_RETRY_DELAY_SECONDS, then after twice
    # as long each time, at most MAIL_RETRY_MAX_DELAY_SECONDS apart, and given up once its
    # attempts have spanned MAIL_GIVE_UP_AFTER_HOURS (docs/resolution.md).
    MAIL_RETRY_DELAY_SECONDS = 60
    MAIL_RETRY_MAX_DELAY_SECONDS = 6 * 3600
    MAIL_GIVE_UP_AFTER_HOURS = 72
    # Right after a request commits, try at most this many of the messages it queued
    # (stopping at the first failure); `flask notify send-due` sends the rest.
    MAIL_SEND_AFTER_COMMIT = True
    MAIL_SEND_AFTER_COMMIT_LIMIT = 10
    REVIEW_PROMPT_DELAY_HOURS = 24
    # Daily digests go with the first `flask notify send-due` run of each UTC day at or
    # after this hour (0-23).
    DIGEST_HOUR = 0
    REOPEN_WINDOW_DAYS = 30
    # Reports from this many distinct members hide a post until staff review it.
    FLAG_THRESHOLD = 3
    # Only reports from accounts at least FLAG_WEIGHT_ACCOUNT_DAYS old with at least
    # FLAG_WEIGHT_VISIBLE_POSTS public complaints or answers count towards that (staff's
    # always do); the others still reach the queue. Staff posts and official answers are
    # never hidden by reports.
    FLAG_WEIGHT_ACCOUNT_DAYS = 7
    FLAG_WEIGHT_VISIBLE_POSTS = 1
    # Rate limits (Flask-Limiter; docs/accounts.md, docs/security.md). Each is one or more
    # limits separated by ";" ("6 per minute; 60 per hour"). FLASK_RATELIMIT_ENABLED=false
    # turns every limit off, the new-account trust rules included. The counters live in
    # RATELIMIT_STORAGE_URI; unset, in <instance>/rate-limits.sqlite3, shared by every
    # process on the machine. With more than one app server: redis://host:6379/0.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = None
    RATELIMIT_HEADERS_ENABLED = True
    # Failed sign-ins per client address, and per client address and account (the same
    # account whether its username or its e-mail address was typed).
    LOGIN_LIMIT_PER_ADDRESS = "10 per minute"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute"
    # Password-reset e-mails requested, per client address and per address asked for.
    RESET_LIMIT_PER_ADDRESS = "5 per 15 minutes"
    RESET_LIMIT_PER_EMAIL = "3 per hour"
    # Accounts created per client address.
    REGISTER_LIMIT_PER_ADDRESS = "3 per hour; 10 per day"
    # Per member, whatever the account's age (staff are not limited in posting): new
    # complaints and answers together, votes (each change empties the page cache), and
    # "this solved it for me" (the avoided-complaints figure).
    POST_LIMIT_PER_MEMBER = "6 per minute; 60 per hour"
    VOTE_LIMIT_PER_MEMBER = "30 per minute; 300 per hour"
    SOLVED_IT_LIMIT_PER_MEMBER = "5 per hour; 20 per day"
    # Files uploaded (photos and evidence, each file counts), per member; new accounts
    # (the trust rules' "new") have the stricter second limit. Staff are not limited.
    UPLOAD_LIMIT_PER_MEMBER = "30 per hour; 100 per day"
    UPLOAD_LIMIT_NEW_MEMBER = "10 per hour; 20 per day"
    # The Markdown preview's endpoint (the Preview tab asks it each time it is opened).
    PREVIEW_LIMIT_PER_MEMBER = "30 per minute; 300 per hour"
    PASSWORD_RESET_MAX_AGE = 3600  # seconds a reset link works
    REGISTRATION_LINK_MAX_AGE = 86400  # seconds a link that creates an account works
    INVITATION_MAX_AGE = 7 * 86400  # seconds an invitation link (`flask users invite`) works
    STAFF_INVITATION_MAX_AGE = 7 * 86400  # seconds a staff invitation (/admin/staff) works
    # Registration through the mailbox (neutral answer, account made by the link): on
    # when MAIL_SERVER is set (None), or forced on or off. Without mail nobody could
    # open the link, so the account is made and signed in at once.
    REGISTRATION_BY_EMAIL = None
    # New accounts: younger than TRUST_NEW_ACCOUNT_HOURS or fewer approved posts than
    # TRUST_MIN_APPROVED_POSTS. They may put TRUST_NEW_MAX_LINKS links in a post and post
    # TRUST_NEW_POSTS_PER_HOUR complaints and answers an hour.
    TRUST_NEW_ACCOUNT_HOURS = 24
    TRUST_MIN_APPROVED_POSTS = 3
    TRUST_NEW_MAX_LINKS = 2
    TRUST_NEW_POSTS_PER_HOUR = 5
    # Hold a new account's posts as "pending" in the moderation queue until staff have
    # approved one of them (its first post, in practice). Independent of RATELIMIT_ENABLED.
    TRUST_HOLD_FIRST_POST = False
    # The page cache (forum/page_cache.py, docs/seo.md): anonymous public pages kept for
    # PAGE_CACHE_SECONDS in Flask-Caching's backend, shared by the workers. A folder in the
    # instance folder by default (CACHE_DIR None: <instance>/page-cache); with more than one
    # app server, FLASK_CACHE_TYPE=RedisCache and FLASK_CACHE_REDIS_URL=redis://host:6379/1.
    PAGE_CACHE_ENABLED = True
    PAGE_CACHE_SECONDS = 60
    CACHE_TYPE = "FileSystemCache"
    CACHE_DIR = None
    CACHE_THRESHOLD = 2000  # files in the folder before the oldest are pruned
    CACHE_KEY_PREFIX = "redress:"
    CACHE_REDIS_URL = None
    # Behind a reverse proxy: how many proxies set each X-Forwarded-* header (forum/proxy.py).
    # 0 ignores the header, so that no client can forge its address or scheme.
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    PROXY_FIX_X_HOST = 0
    PROXY_FIX_X_PORT = 0
    PROXY_FIX_X_PREFIX = 0
    # A forum with no admin or no category shows visitors a "not set up yet" page (503),
    # and says in the log and on /healthz which step of `flask setup` is missing
    # (forum/health.py, docs/admin.md "First run"). The test suite turns it off.
    FIRST_RUN_PAGE = True
    # While a step is missing, each process looks again at most this often (seconds).
    FIRST_RUN_RECHECK_SECONDS = 2


# Written by ``flask setup`` (``SITE_URL``) in the instance folder; the environment wins.
INSTANCE_FILE = "redress.json"


def load(app, test_config=None):
    """Fill ``app.config`` from the defaults, the instance folder's ``redress.json`` (not
    for apps built with a ``test_config``), the environment and ``test_config``."""
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "redress.sqlite3"
    )
    if test_config is None:
        app.config.from_file(instance_file(app), load=json.load, silent=True)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
    for key in ENV_KEYS:
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


# Settings also read without the FLASK_ prefix, under the names the docs give them.
ENV_KEYS = (
    "MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_USE_TLS", "MAIL_USE_SSL",
    "MAIL_CA_FILE", "MAIL_FROM",
    "SITE_URL", "REVIEW_PROMPT_DELAY_HOURS", "DIGEST_HOUR", "RATELIMIT_STORAGE_URI",
    "SEARCH_BACKEND",
)  # fmt: skip


def instance_file(app):
    """The path of the configuration ``flask setup`` writes (``INSTANCE_FILE``)."""
    return os.path.join(app.instance_path, INSTANCE_FILE)


def write_instance_values(app, values):
    """Keep ``values`` (configuration keys) in the instance folder's ``redress.json``,
    beside what it holds already; read by every process started afterwards."""
    path = instance_file(app)
    try:
        with open(path) as handle:
            kept = json.load(handle)
    except FileNotFoundError:
        kept = {}
    kept.update(values)
    os.makedirs(app.instance_path, exist_ok=True)
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(kept, handle, indent=2, sort_keys=True)
        handle.write("\n")
    os.replace(temporary, path)


def _parse_env(value):
    """Environment strings as Flask's prefixed loader reads them: JSON where it parses."""
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
