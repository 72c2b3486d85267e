"""URL building blocks every layer may use: the id converter, page numbers, paths and
absolute links."""

from flask import abort, current_app, has_request_context, request, url_for
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1
MAX_PAGE = 100_000


class IdConverter(IntegerConverter):
    """A positive id that fits the database's integer: larger numbers are a 404."""

    def __init__(self, map):
        super().__init__(map, min=1, max=MAX_ID)


def path_for(endpoint, **values):
    """``url_for`` that also works outside a request (CLI, e-mail from cron)."""
    if has_request_context():
        return url_for(endpoint, **values)
    adapter = current_app.url_map.bind("localhost", script_name="/")
    return adapter.build(endpoint, values)


def absolute(path):
    """A path made absolute with the configured ``SITE_URL``, for e-mails."""
    return current_app.config["SITE_URL"].rstrip("/") + path


def page_arg():
    """The ``page`` query parameter; out of range is a 404."""
    page = request.args.get("page", 1, type=int)
    if page < 1 or page > MAX_PAGE:
        abort(404)
    return page


def routed(path):
    """Whether the app answers ``path`` (a page another part may or may not provide)."""
    try:
        current_app.url_map.bind("localhost").match(path, method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def guidelines_path():
    """The operator's guidelines page, when the site has one (``/guidelines``)."""
    return "/guidelines" if routed("/guidelines") else None
