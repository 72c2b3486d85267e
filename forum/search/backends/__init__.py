"""The configured search backend (``SEARCH_BACKEND``: ``whoosh`` or ``postgres``)."""

from flask import current_app

from forum.search.backends.base import IndexUnavailable, SearchBackend

__all__ = ["IndexUnavailable", "SearchBackend", "get_backend"]


def get_backend():
    """The backend for the current app, created on first use (not at import).

    Only the configured backend's module is imported: a worker searching PostgreSQL never
    loads Whoosh and its index code, nor one searching Whoosh the PostgreSQL queries."""
    backend = current_app.extensions.get("search_backend")
    if backend is None:
        name = current_app.config["SEARCH_BACKEND"]
        if name == "postgres":
            from forum.search.backends.postgres_backend import PostgresBackend  # noqa: PLC0415 - configured only

            backend = PostgresBackend()
        elif name == "whoosh":
            from forum.search.backends.whoosh_backend import WhooshBackend  # noqa: PLC0415 - configured only

            backend = WhooshBackend()
        else:
            raise RuntimeError(f"Unknown SEARCH_BACKEND {name!r}: use 'whoosh' or 'postgres'.")
        current_app.extensions["search_backend"] = backend
    return backend
