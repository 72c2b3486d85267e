"""The page cache: anonymous public pages served without rendering, shared by the workers.

What is kept is exactly what :func:`apply_headers` makes public: an anonymous GET of a
page whose view is declared with :func:`public_page`, answered 200, that sets no cookie,
changes no session and carries no form token (its ``Cache-Control`` came out
``public``). Its body, ``Content-Type`` and ``ETag`` go into Flask-Caching's store for
``PAGE_CACHE_SECONDS`` under a key made of the :func:`fingerprint` (the release and the
settings that shape pages), the scheme and host, the path, the sorted query string and
the versions of the page's tags. The next anonymous GET or HEAD of that URL is answered
from the store before the view runs (no SQL), and passes through the same after-request
headers as a rendered page, so ``If-None-Match`` still gets a 304.

Only visitors are served from the store. A visitor with a flashed message waiting, and
every signed-in member (staff or not), gets a page rendered for them, and nothing
rendered for a member is ever stored: a member's page holds their links, their votes,
their controls and forms with their token, and none of it may reach anyone else.

Each public view declares the tags of what its page shows (:func:`public_page`; every page
carries ``layout``). Each tag has a version in the store, read in one ``get_many`` before
the view runs. :func:`invalidate` gives new versions to the tags a write changed once its
unit of work has committed (``forum/pages/invalidation.py`` maps each domain event to its
tags; the search backend bumps ``search`` once its index changed), so only the pages
showing what changed are dropped; a rolled-back unit of work bumps nothing, and a write
that changes no public page (a notification read, mail bookkeeping) sends no event and
keeps every page. The versions are random tokens rather than counters because
``FileSystemCache.inc`` is a read then a write: two workers bumping at once could both
write the same number, and a page rendered between their two commits would stay
current. A token that was set once can never come back.

Parts of a page that are the same for every viewer and cost queries to build (the thread
page's related threads) are kept too, in each process's memory, by :func:`fragment`:
under the versions of ``layout``, ``listings`` and ``search`` (a write to any complaint
shown in a list, or to the index, renders them again), for at most ``PAGE_CACHE_SECONDS``.

The store is a folder in the instance folder by default (created on first use, shared
by the workers of one machine), or Redis (``CACHE_TYPE=RedisCache``,
``CACHE_REDIS_URL``) for several machines. When it fails, pages are rendered as if it
were off and a warning is logged once a minute; the worst a missed invalidation can do
is serve a page ``PAGE_CACHE_SECONDS`` old.
"""

import functools
import hashlib
import logging
import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlencode

from flask import (
    Response,
    current_app,
    g,
    has_app_context,
    has_request_context,
    request,
    session,
)
from flask_babel import get_locale
from flask_caching.backends import FileSystemCache
from flask_login import current_user

from forum import settings, templating, uow
from forum.extensions import cache

log = logging.getLogger("forum.page_cache")

TAG_KEY = "page-tag:"  # + the tag: its current version
FOLDER = "page-cache"
STORED_HEADERS = ("Content-Type", "ETag")
# A Redis that does not answer must not hold up every anonymous request.
REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
PAUSE_AFTER_FAILURE = 5.0


PUBLIC_PAGE = "public_page_tags"
LAYOUT = "layout"


def public_page(tags=()):
    """Declare a view's page public (a view decorator): the same for every visitor.

    An anonymous GET or HEAD of it answered 200 gets ``Cache-Control: public``, an ETag
    and 304s (:func:`apply_headers`), and goes into the store. ``tags`` name what the page
    shows, so that a write to one of them drops it (:func:`invalidate`): a list of strings,
    or a callable that gets the view's arguments and returns them (``lambda complaint_id,
    **_: [f"thread:{complaint_id}"]``). Every page carries ``layout`` too. Tags are built
    from the URL alone: a kept page is found before the view runs, without SQL.
    """

    def declare(view):
        setattr(view, PUBLIC_PAGE, tags)
        return view

    return declare


LISTINGS = "listings"
CATEGORY_COUNTS = "category-counts"
SEARCH = "search"


def thread_tag(complaint_id):
    return f"thread:{complaint_id}"


def category_tag(slug):
    return f"category:{slug}"


def member_tag(username):
    return f"member:{username.lower()}"


def _public_page():
    """The tags declared by the view answering this request, or None if it is not public."""
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, PUBLIC_PAGE, None)


def page_tags():
    """The tags of this request's page (``layout`` first), or None if it is not public."""
    declared = _public_page()
    if declared is None:
        return None
    found = declared(**(request.view_args or {})) if callable(declared) else declared
    return (LAYOUT, *sorted(set(found) - {LAYOUT}))


_paused_until = 0.0
_warned_at = -60.0


def backend_config(config):
    """Flask-Caching settings to override for this app's config.

    ``FileSystemCache`` without a ``CACHE_DIR`` means ``<instance>/page-cache``, decided
    on first use rather than in ``create_app`` (which does no I/O, and whose instance
    folder tests move); a Redis store gets short socket timeouts.
    """
    if config["CACHE_TYPE"] == "FileSystemCache" and not config.get("CACHE_DIR"):
        return {"CACHE_TYPE": f"{__name__}.instance_folder_cache"}
    if config["CACHE_TYPE"] == "RedisCache" and not config.get("CACHE_OPTIONS"):
        return {"CACHE_OPTIONS": dict(REDIS_OPTIONS)}
    return {}


def instance_folder_cache(app, config, args, kwargs):
    """A Flask-Caching factory: ``FileSystemCache`` in the instance folder, made when used."""

    def build():
        folder = os.path.join(app.instance_path, FOLDER)
        return FileSystemCache.factory(app, {**config, "CACHE_DIR": folder}, list(args), kwargs)

    return _Lazy(build)


class _Lazy:
    """A cache backend built on first use."""

    def __init__(self, build):
        self._build = build
        self._backend = None

    def __getattr__(self, name):
        if self._backend is None:
            self._backend = self._build()
        return getattr(self._backend, name)


def init_app(app):
    app.before_request(_serve)
    app.jinja_env.globals["shared_fragment"] = fragment


_fragments = {}  # (versions, fingerprint, host, language, name) -> (expires, html)
FRAGMENTS_KEPT = 500
# What a kept part may show: the layout, the lists of complaints and the search index.
FRAGMENT_TAGS = (LAYOUT, LISTINGS, SEARCH)


def fragment(name, render, *args):
    """``render(*args)``, a part of a page that is the same for every viewer of a language,
    kept in this process until the layout, a listing or the search index changes
    (``FRAGMENT_TAGS``), or for ``PAGE_CACHE_SECONDS``.

    ``name`` must say everything the part depends on (``related-<complaint id>``); only
    public content may go in it.
    """
    if not _enabled():
        return render(*args)
    versions = g.get("page_fragment_versions")
    if versions is None:
        try:
            versions = g.page_fragment_versions = tuple(_versions(FRAGMENT_TAGS))
        except Exception as error:  # noqa: BLE001
            _unavailable(error)
            return render(*args)
    host = request.host.lower() if has_request_context() else None
    key = (versions, fingerprint(), host, str(get_locale()), name)
    now = time.monotonic()
    kept = _fragments.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    html = render(*args)
    if len(_fragments) >= FRAGMENTS_KEPT:
        _fragments.clear()  # parts of old versions and expired ones go with the rest
    _fragments[key] = (now + current_app.config["PAGE_CACHE_SECONDS"], html)
    return html


def _enabled():
    return current_app.config["PAGE_CACHE_ENABLED"] and time.monotonic() >= _paused_until


def _cacheable_request():
    return (
        request.method in ("GET", "HEAD")
        and _public_page() is not None
        and "_flashes" not in session
        and not current_user.is_authenticated
    )


# Settings that change what a kept page says: a page built under other values of them
# (before a restart with a new SITE_URL, by another app on the same store) is never served.
# The site settings an admin edits (the site's name, its texts …) are in the fingerprint
# too, through their digest (forum/settings/store.py): a change drops the kept pages.
PAGE_SETTINGS = (
    "SITE_URL", "PREFER_HTTPS",
    "PREFERRED_URL_SCHEME", "APPLICATION_ROOT", "PAGE_SIZE", "ANSWERS_PAGE_SIZE",
    "SEARCH_BACKEND", "SEARCH_PAGE_SIZE", "SEARCH_COUNT_LIMIT", "SITEMAP_URLS_PER_FILE",
    "NOINDEX_UNANSWERED_YOUNGER_THAN_HOURS",
)  # fmt: skip
_fingerprints = {}  # (code version, the settings' values) -> fingerprint


@functools.cache
def code_version(*folders):
    """A digest of every file in ``folders`` (the code, templates and static files): the
    release that built a page, so that a new one never serves an older one's pages.

    Read once per process, on the first use of the cache, not in ``create_app``.
    """
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(str(path.relative_to(folder)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint():
    """What besides the URL a kept page depends on: this release, ``PAGE_SETTINGS`` and
    the site settings that shape pages."""
    app = current_app._get_current_object()
    version = code_version(app.root_path, app.template_folder, app.static_folder)
    site = settings.current().digest
    values = (version, site, *(app.config.get(name) for name in PAGE_SETTINGS))
    found = _fingerprints.get(values)
    if found is None:
        found = _fingerprints[values] = hashlib.sha256(repr(values).encode()).hexdigest()[:16]
    return found


def _key(versions):
    """The store's key for this request's page: the release and settings, the interface
    language (the visitor's cookie or Accept-Language chose it), the scheme and
    host it was asked for (links may be built on them; nginx refuses unknown hosts, and a
    forged one gets pages of its own), the path, the sorted query string, and the
    versions of the page's tags (a bumped one, and it is not found)."""
    query = urlencode(sorted(request.args.items(multi=True)))
    url = f"{fingerprint()} {get_locale()} {request.scheme}://{request.host.lower()}{request.path}?{query}"
    digest = hashlib.sha256(f"{url} {' '.join(versions)}".encode()).hexdigest()[:40]
    return f"page:{digest}"


def _versions(tags):
    """Each tag's current version, in one read of the store (Redis: one MGET). Read before
    the view reads the database, so a page is never filed under a version set after a
    commit it did not see. A missing version (first use, pruned from the folder, Redis
    restarted) is set to a new random token, which only orphans pages, as a write does."""
    keys = [TAG_KEY + tag for tag in tags]
    found = dict(zip(keys, cache.get_many(*keys), strict=True))
    missing = {key: secrets.token_hex(8) for key, value in found.items() if not value}
    if missing:
        cache.set_many(missing, timeout=0)
    return [found[key] or missing[key] for key in keys]


def _unavailable(error):
    global _paused_until, _warned_at
    now = time.monotonic()
    _paused_until = now + PAUSE_AFTER_FAILURE
    if now - _warned_at >= 60:
        _warned_at = now
        log.warning("The page cache is unavailable; rendering every page: %s", error)


def _serve():
    """Answer an anonymous request for a public page from the store, before the view runs."""
    g.page_cache_key = None
    if not _enabled() or not _cacheable_request():
        return None
    try:
        key = _key(_versions(page_tags()))
        stored = cache.get(key)
    except Exception as error:  # noqa: BLE001 - the cache must never break a page
        _unavailable(error)
        return None
    if stored is None:
        if request.method == "GET":
            g.page_cache_key = key
        return None
    body, headers = stored
    return Response(body, status=200, headers=headers)


# -- HTTP caching headers ------------------------------------------------------------------
#
# Called from forum.security after its own headers, for every response:
# - an anonymous GET or HEAD of a public page (:func:`public_page`) answered 200 gets an
#   ETag (a hash of the body), ``Cache-Control: public, max-age=60`` and a 304 when the
#   request's ``If-None-Match`` matches; ``Vary: Cookie`` keeps signed-in pages apart;
# - a public page that will set a cookie (a flashed message was shown, a form token was
#   issued: the session changed) or that carries a form's CSRF token is never public:
#   ``private, no-cache``;
# - signed-in pages are ``private, no-cache`` (set by forum.security);
# - a static file requested with the ``v=`` fingerprint of its current content is
#   ``public, max-age=31536000, immutable``; other static requests keep Flask's default.

PUBLIC_MAX_AGE = 60
STATIC_MAX_AGE = 365 * 24 * 3600


def _personal(response):
    """Will it set a cookie, or does it carry a form token (which belongs to one session)?"""
    if "Set-Cookie" in response.headers or session.modified:
        return True
    return not response.direct_passthrough and b'name="csrf_token"' in response.get_data()


def _static_headers(response):
    filename = (request.view_args or {}).get("filename")
    version = request.args.get("v")
    if not filename or not version or response.status_code != 200:
        return
    try:
        current = templating.file_hash(os.path.join(current_app.static_folder, filename))
    except OSError:
        return
    if version == current:
        response.cache_control.public = True
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True
        response.cache_control.no_cache = None


def _public_headers(response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return
    if response.direct_passthrough:
        return
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    response.add_etag()
    response.make_conditional(request)


def apply_headers(response):
    """Set the HTTP cache headers of ``response`` (see the comment above)."""
    if request.endpoint == "static":
        _static_headers(response)
        return response
    if current_user.is_authenticated or _public_page() is None:
        return response  # members: private, no-cache (forum.security)
    if _personal(response):
        response.cache_control.public = False
        response.cache_control.private = True
        response.cache_control.no_cache = True
        return response
    _public_headers(response)
    return response


def store(response):
    """Keep ``response`` when it is a public page rendered for this request's key.

    Called last among the after-request steps (``forum.security``), once
    :func:`apply_headers` has decided whether the response is public.
    """
    key = g.pop("page_cache_key", None)
    if key is None or response.status_code != 200 or not response.cache_control.public:
        return response
    if "Set-Cookie" in response.headers or session.modified or current_user.is_authenticated:
        return response
    headers = [(name, value) for name in STORED_HEADERS if (value := response.headers.get(name))]
    try:
        timeout = current_app.config["PAGE_CACHE_SECONDS"]
        cache.set(key, (response.get_data(), headers), timeout=timeout)
    except Exception as error:  # noqa: BLE001
        _unavailable(error)
    return response


def invalidate(*tags):
    """Pages carrying any of ``tags`` are not served again once this change is committed.

    Inside a unit of work (:func:`forum.uow.write_transaction`) the tags are collected and
    bumped once, after its commit (one write to the store; never after a rollback).
    Outside one (the search index applied its outbox) they are bumped at once. Never
    raises: the write has happened whatever the cache does.
    """
    if not tags:
        return
    try:
        pending = uow.after_commit(_PendingTags(), key="page-cache")
    except RuntimeError:
        _bump(tags)
        return
    pending.tags.update(tags)


class _PendingTags:
    """The tags one unit of work changed, bumped once it has committed.

    They live in the callback the unit of work keeps, not in the session: work run after
    the same commit may start units of its own (mail sent at once) before this runs.
    """

    def __init__(self):
        self.tags = set()

    def __call__(self):
        _bump(self.tags)

    def __repr__(self):
        return f"<page cache tags {sorted(self.tags)}>"


def _bump(tags):
    if not tags or not has_app_context() or not current_app.config["PAGE_CACHE_ENABLED"]:
        return
    try:
        cache.set_many({TAG_KEY + tag: secrets.token_hex(8) for tag in tags}, timeout=0)
    except Exception as error:  # noqa: BLE001
        log.error("The page cache missed a write (pages may be stale for a while): %s", error)
