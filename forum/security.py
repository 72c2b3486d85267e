"""Response headers, cache rules for personal pages, and the local-redirect guard."""

from urllib.parse import urlsplit

from flask import request
from flask_login import current_user

from forum import page_cache

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def safe_next(target):
    """``target`` if it is a path on this site, else ``None``.

    Only a single-slash absolute path is honoured: not ``//host``, ``/\\host``,
    ``https:host``, nor anything carrying control characters or backslashes.
    """
    if not target or not isinstance(target, str) or len(target) > 2000:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    # Static files, and responses whose URL names their content (``immutable``, the logo),
    # are the same for everyone.
    if request.endpoint != "static" and not response.cache_control.immutable:
        # A page is in the language of the member's account, the visitor's ``lang``
        # cookie or their Accept-Language (forum/i18n.py).
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        if current_user.is_authenticated:
            response.cache_control.private = True
            response.cache_control.no_cache = True
            response.cache_control.public = False
    # Anonymous public pages: ETag and public caching; fingerprinted static files: a year.
    # Then the page cache keeps what came out public (forum/page_cache.py).
    return page_cache.store(page_cache.apply_headers(response))


def init_app(app):
    app.after_request(_set_headers)
