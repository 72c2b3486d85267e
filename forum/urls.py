"""URL building blocks every layer may use: the id converter and absolute links."""

from flask import current_app
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """A positive id that fits the database's integer: larger numbers are a 404."""

    def __init__(self, map):
        super().__init__(map, min=1, max=MAX_ID)


def absolute(path):
    """A path made absolute with the configured ``SITE_URL``, for e-mails."""
    return current_app.config["SITE_URL"].rstrip("/") + path
