"""``/healthz``: does the database answer, and is the search index usable?"""

import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, url_for

from forum.extensions import db
from forum.search import services as search

bp = Blueprint("health", __name__)


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
    healthy = all(value == "ok" for value in checks.values())
    code = 200 if checks["database"] == "ok" else 503
    return jsonify(status="ok" if healthy else "degraded", checks=checks), code


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own; the icon is an SVG."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
