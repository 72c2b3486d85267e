"""Trust ``X-Forwarded-*`` headers only behind a reverse proxy that sets them.

``PROXY_FIX_X_FOR``, ``PROXY_FIX_X_PROTO``, ``PROXY_FIX_X_HOST``, ``PROXY_FIX_X_PORT`` and
``PROXY_FIX_X_PREFIX`` say how many proxies in front of the app set each header (werkzeug's
``ProxyFix``). All default to 0: the headers are ignored, because without a proxy that
overwrites them any client could claim another address (and so dodge rate limits) or
pretend the request came over HTTPS. Behind the nginx site in ``deploy/``, set
``FLASK_PROXY_FIX_X_FOR=1``, ``FLASK_PROXY_FIX_X_PROTO=1`` and ``FLASK_PROXY_FIX_X_HOST=1``.
"""

from werkzeug.middleware.proxy_fix import ProxyFix

HEADERS = ("for", "proto", "host", "port", "prefix")


def proxy_counts(config):
    """How many proxies to trust per header, from the ``PROXY_FIX_X_*`` settings."""
    return {name: int(config.get(f"PROXY_FIX_X_{name.upper()}") or 0) for name in HEADERS}


def init_app(app):
    """Wrap the WSGI app in ``ProxyFix`` when any ``PROXY_FIX_X_*`` setting is above 0."""
    counts = proxy_counts(app.config)
    if any(count > 0 for count in counts.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{k}": v for k, v in counts.items()})
