"""Domain errors raised by services, and the styled error pages."""

import time

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from forum.extensions import db, limiter


class DomainError(Exception):
    """A use case refused: the message is shown to the user, with ``status``.

    ``field`` names the form field the message belongs to, when it is about one value
    (a form shows it on that field rather than above the form).
    """

    status = 400

    def __init__(self, message, status=None, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status


class PermissionDenied(DomainError):
    status = 403


class Invalid(DomainError):
    status = 422


class Conflict(DomainError):
    status = 409


class NotFound(DomainError):
    status = 404


class RateLimited(DomainError):
    """Too much, too fast: the message says how long to wait."""

    status = 429


class ThreadFormInvalid(DomainError):
    """A form that lives on the thread page was refused: show the thread again with it.

    Raised by the views that take the thread's forms (an answer, a status change, a
    response to a resolution, the staff tools), which cannot import the thread page that
    assembles several features. ``forms`` maps the thread template's names (``answer_form``,
    ``status_form``, ``merge_form`` ...) to the posted forms, carrying their errors and
    what was typed; the thread page (``forum.pages.thread``) handles the error.
    """

    status = 422

    def __init__(self, complaint, forms=None, status=None):
        super().__init__(_l("The form could not be saved; see the messages on it."), status)
        self.complaint = complaint
        self.forms = dict(forms or {})


TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    410: _l("Gone"),
    413: _l("Too large"),
    422: _l("Could not process that"),
    429: _l("Slow down"),
    500: _l("Something went wrong"),
}

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have permission to do that."),
    404: _l("There is nothing at this address. It may have been moved or never existed."),
    405: _l("This address does not accept that kind of request."),
    413: _l("What you sent is larger than this site accepts."),
    429: _l("Too many attempts in a short time. Wait a minute, then try again."),
    500: _l("An unexpected error happened on our side. Nothing you did caused it."),
}


def render_error(status, message=None):
    message = message or MESSAGES.get(status, "")
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=message, status=status), status
    title = TITLES.get(status) or _("Error")
    return render_template("errors/error.html", status=status, title=title, message=message), status


def rate_limit_message():
    """The 429 text, with how long to wait when Flask-Limiter knows it."""
    current = limiter.current_limit
    if current is None:
        return MESSAGES[429]
    wait = max(1, int(current.reset_at - time.time()))
    if wait < 120:
        return ngettext(
            "Too many attempts in a short time. Wait %(num)d second, then try again.",
            "Too many attempts in a short time. Wait %(num)d seconds, then try again.",
            wait,
        )
    return ngettext(
        "Too many attempts in a short time. Wait %(num)d minute, then try again.",
        "Too many attempts in a short time. Wait %(num)d minutes, then try again.",
        round(wait / 60),
    )


def init_app(app):
    @app.errorhandler(DomainError)
    def domain_error(error):
        return render_error(error.status, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            _(
                "The form expired or was not sent from this site. Go back, reload the page "
                "and try again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is None or error.code < 400:
            return error
        if error.code == 429:
            return render_error(429, rate_limit_message())
        # abort(403, "why") shows its own words; werkzeug's stock descriptions give way.
        custom = error.description if error.description != type(error).description else None
        return render_error(error.code, custom or MESSAGES.get(error.code) or error.description)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_error(500)
