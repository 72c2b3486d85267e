"""``/healthz`` (does the database answer, is the search index usable, is the forum set
up?) and the "not set up yet" page a forum without an admin or a category shows visitors.

Both read ``forum.complaints.setup_state``, kept in memory, and both are switched by the
one configuration key ``FIRST_RUN_PAGE`` (on by default; the test suite turns it off).
"""

import logging

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.complaints import setup_state
from forum.extensions import db
from forum.search import services as search

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)

# What answers while the forum is not set up: the operator's checks, the files pages
# need, and the admin's sign-in (a signed-in admin sees the whole site, to set it up).
OPEN_ENDPOINTS = frozenset(
    {
        "static",
        "health.healthz",
        "health.favicon",
        "site.logo",
        "accounts.login",
        "accounts.logout",
        "accounts.reset_request",
        "accounts.reset_password",
    }
)
RETRY_AFTER_SECONDS = 300
_LOGGED_KEY = "redress.setup_logged"


@bp.get("/healthz")
def healthz():
    checks = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        checks["database"] = "unavailable"
    # A degraded index is reported but still answers 200: search falls back to the
    # database, so the site works; only a dead database takes the server out of service.
    checks["search"] = search.health() if checks["database"] == "ok" else "unknown"
    if current_app.config["FIRST_RUN_PAGE"]:
        checks["setup"] = _setup_check() if checks["database"] == "ok" else "unknown"
    healthy = all(value == "ok" for value in checks.values())
    code = 200 if checks["database"] == "ok" else 503
    return jsonify(status="ok" if healthy else "degraded", checks=checks), code


def _setup_check():
    missing = setup_state.missing()
    if missing:
        _log_once(missing)
        return "missing: " + ", ".join(missing)
    return "ok"


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own; the icon is an SVG."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


def _log_once(missing):
    """Tell the operator once per process for each set of missing steps."""
    logged = current_app.extensions.setdefault(_LOGGED_KEY, set())
    if missing in logged:
        return
    logged.add(missing)
    log.warning(
        "This forum is not set up yet: missing %s. Visitors see a 'not set up yet' page "
        "until it has an admin and a category: run `flask setup` (docs/admin.md, First run).",
        ", ".join(missing),
    )


def not_set_up_page():
    """Before each request: while a step is missing, visitors get the "not set up" page."""
    if not current_app.config["FIRST_RUN_PAGE"] or request.endpoint in OPEN_ENDPOINTS:
        return None
    missing = setup_state.missing()
    if not missing:
        return None
    _log_once(missing)
    if current_user.is_authenticated and current_user.is_admin:
        return None
    steps = {
        "admin": _("an admin account"),
        "category": _("a first category (product or department)"),
    }
    page = render_template(
        "errors/not_set_up.html", missing=[steps[step] for step in missing], steps=missing
    )
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def init_app(app):
    app.register_blueprint(bp)
    setup_state.init_app(app)
    app.before_request(not_set_up_page)
