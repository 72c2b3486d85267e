"""What the site accepts from the wire: text without control characters.

Form values and query arguments lose the C0 control characters (U+0000–U+001F) other
than tab, line feed and carriage return, and DEL (U+007F), once, as werkzeug parses them:
no browser types them, PostgreSQL refuses a NUL in any text value (a 500 that lost what
was typed), and the others end up unseen in titles, names and e-mail. Everything else
that was typed is kept. A path carrying a control character matches no page (404), on
every database alike: the URL converters of the path's text parts refuse them.
"""

import re

from flask import Request as FlaskRequest
from flask import current_app
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import BaseConverter, PathConverter

# The C0 controls but tab, line feed and carriage return; and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NO_CONTROLS = r"\x00-\x1f\x7f"


def strip_controls(value):
    """``value`` without control characters (other than tab and line breaks), if text."""
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """Werkzeug's parsed parameters, names and text values without control characters.

    Uploaded files pass unchanged.
    """

    def __init__(self, mapping=None):
        pairs = MultiDict(mapping).items(multi=True) if mapping is not None else ()
        super().__init__([(strip_controls(key), strip_controls(value)) for key, value in pairs])


class Request(FlaskRequest):
    """Flask's request, whose ``args``, ``form`` (and ``values``) are :class:`CleanMultiDict`.

    Its body may be as large as ``MAX_CONTENT_LENGTH``, or ``UPLOAD_MAX_CONTENT_LENGTH`` for
    the views marked with :func:`takes_uploads`.
    """

    parameter_storage_class = CleanMultiDict

    @property
    def max_content_length(self):
        if self._max_content_length is None and current_app and self.url_rule is not None:
            view = current_app.view_functions.get(self.url_rule.endpoint)
            if getattr(view, "takes_uploads", False):
                return current_app.config["UPLOAD_MAX_CONTENT_LENGTH"]
        return FlaskRequest.max_content_length.fget(self)

    @max_content_length.setter
    def max_content_length(self, value):
        self._max_content_length = value


def takes_uploads(view):
    """Mark ``view`` as one whose form takes files: its requests may carry up to
    ``UPLOAD_MAX_CONTENT_LENGTH``. Put it under the route decorator."""
    view.takes_uploads = True
    return view


class SegmentConverter(BaseConverter):
    """The default converter: one path segment, without control characters."""

    regex = rf"[^/{_NO_CONTROLS}]+"


class TextPathConverter(PathConverter):
    """``path``: segments and slashes, without control characters."""

    regex = rf"[^/{_NO_CONTROLS}][^{_NO_CONTROLS}]*?"


CONVERTERS = {"default": SegmentConverter, "string": SegmentConverter, "path": TextPathConverter}


def init_app(app):
    """Parse requests with :class:`Request`, and match paths with the converters above.

    Call before any route is added. (Flask's own ``static`` route is added earlier, with
    werkzeug's ``path``: a file name with a control character is simply not found.)
    """
    app.request_class = Request
    app.url_map.converters.update(CONVERTERS)
