"""Paths to complaints and answers that work inside and outside a request."""

from urllib.parse import urlencode

from flask import abort, current_app, g, has_request_context, redirect, request, url_for

from forum.complaints import queries
from forum.urls import path_for


def _heads():
    """The thread and category routes' paths up to their values, and the slug's quoting.

    Built with ``url_for`` once per app context (and script root), then joined as
    strings: ``url_for`` costs about 15 µs, and a list of 20 threads builds 40 of these
    paths (a third of the search page's rendering). The same routes and converter as
    ``url_for``; a test compares the two for awkward slugs.
    """
    # Read through the proxies' objects: each lookup through ``g`` or ``request`` costs
    # 1.7-3.6 µs, more than the join itself.
    key = request._get_current_object().script_root if has_request_context() else None
    cached = g._get_current_object().__dict__.setdefault("_link_heads", {})
    heads = cached.get(key)
    if heads is None:
        thread = path_for("thread.show", complaint_id=1, slug="s")
        category = path_for("complaints.category", slug="s")
        if not (thread.endswith("/1/s") and category.endswith("/s")):
            raise RuntimeError("The thread or category route changed; see forum.complaints.links")
        quote = current_app.url_map.converters["default"](current_app.url_map).to_url
        heads = cached[key] = (thread[: -len("1/s")], category[: -len("s")], quote)
    return heads


def thread_path_builder(prefix=""):
    """``(id, slug) -> path`` for many threads (``prefix`` + the canonical path)."""
    thread_head, _, quote = _heads()
    head = prefix + thread_head
    return lambda id_, slug: f"{head}{id_}/{quote(slug)}"


def thread_path(complaint, fragment=None, **params):
    """The canonical path of a thread, e.g. ``/complaints/7/late-delivery#answer-3``."""
    if params:
        path = path_for("thread.show", complaint_id=complaint.id, slug=complaint.slug, **params)
    else:
        thread_head, _, quote = _heads()
        path = f"{thread_head}{complaint.id}/{quote(complaint.slug)}"
    return f"{path}#{fragment}" if fragment else path


def category_path(category):
    """A category's listing, e.g. ``/c/deliveries``."""
    _, category_head, quote = _heads()
    return category_head + quote(category.slug)


def category_or_moved(slug, arg="slug"):
    """The category at ``slug``; for a renamed or merged-away slug a 301 to the same page
    under the slug it answers at now; otherwise 404.

    ``arg`` names where the slug came from: a path argument (``/c/<slug>``, its feeds and
    solved page) or a query parameter (``/complaints?category=``).
    """
    category = queries.category_by_slug(slug)
    if category is not None:
        return category
    moved = queries.moved_category_slug(slug)
    if moved is None:
        abort(404)
    view_args = dict(request.view_args or {})
    query = request.args.to_dict(flat=False)
    if arg in view_args:
        view_args[arg] = moved
    else:
        query[arg] = [moved]
    location = url_for(request.endpoint, **view_args)
    if query:
        location += "?" + urlencode(query, doseq=True)
    abort(redirect(location, 301))
