"""HTTP caching: public pages for anonymous visitors, fingerprinted static files for a year.

Called from ``forum.security`` after its own headers, for every response:

- an anonymous GET or HEAD of a public page (``PUBLIC_ENDPOINTS``) answered 200 gets an
  ``ETag`` (a hash of the body), ``Cache-Control: public, max-age=60`` and a 304 when the
  request's ``If-None-Match`` matches; ``Vary: Cookie`` keeps signed-in pages apart;
- a public page that will set a cookie (a flashed message was shown, a form token was
  issued: the session changed) or that carries a form's CSRF token is never public:
  ``private, no-cache``;
- signed-in pages are ``private, no-cache`` (set by ``forum.security``);
- a static file requested with the ``v=`` fingerprint of its current content is
  ``public, max-age=31536000, immutable``; other static requests keep Flask's default.
"""

import os

from flask import current_app, request, session
from flask_login import current_user

from forum import templating

PUBLIC_MAX_AGE = 60
STATIC_MAX_AGE = 365 * 24 * 3600

PUBLIC_ENDPOINTS = frozenset(
    {
        "complaints.home",
        "complaints.listing",
        "complaints.category",
        "thread.show",
        "seo.solved",
        "seo.solved_category",
        "seo.member",
        "seo.robots",
        "seo.sitemap_index",
        "seo.sitemap_pages",
        "seo.sitemap_threads",
        "seo.feed",
        "seo.category_feed",
        "search.search",
    }
)


def _personal(response):
    """Will it set a cookie, or does it carry a form token (which belongs to one session)?"""
    if "Set-Cookie" in response.headers or session.modified:
        return True
    return not response.direct_passthrough and b'name="csrf_token"' in response.get_data()


def _static(response):
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


def _public(response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return
    if request.endpoint not in PUBLIC_ENDPOINTS or response.direct_passthrough:
        return
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    response.add_etag()
    response.make_conditional(request)


def apply(response):
    """Set the cache headers of ``response`` (see the module docstring)."""
    if request.endpoint == "static":
        _static(response)
        return response
    if current_user.is_authenticated:
        return response  # private, no-cache: forum.security
    if request.endpoint in PUBLIC_ENDPOINTS and _personal(response):
        response.cache_control.public = False
        response.cache_control.private = True
        response.cache_control.no_cache = True
        return response
    _public(response)
    return response
