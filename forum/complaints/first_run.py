"""Is the forum set up? It needs at least one admin and one category.

Until both exist, visitors get a plain "not set up yet" page (503 with ``Retry-After``:
a crawler should come back later, not index an empty forum), the log says once per
process which step is missing, and ``/healthz`` reports it. Signed-in admins still reach
every page, /admin among them, to finish. The answer is cached per process: once set up,
a forum stays set up (no statement per request); while it is not, it is asked again at
most once a second (docs/admin.md, "First run").
"""

import logging
import time

import sqlalchemy as sa
from flask import current_app, render_template, request
from flask_login import current_user

from forum import permissions
from forum.accounts.models import User
from forum.complaints.models import Category
from forum.extensions import db

log = logging.getLogger(__name__)

RECHECK_SECONDS = 1.0
RETRY_AFTER_SECONDS = 300
# Reachable before setup: signing in, the admin area, the health check, static files.
OPEN_BLUEPRINTS = frozenset({"accounts", "admin", "health"})

STEPS = {
    "admin": "create the first admin account (flask setup, or flask users create … --role admin)",
    "category": "create a category (flask setup --category NAME, or /admin/categories)",
}


class _State:
    def __init__(self, clock):
        self.clock = clock
        self.done = False
        self.checked_at = None
        self.missing = ()
        self.warned = False


def _state(app):
    state = app.extensions.get("first_run")
    if state is None:
        state = app.extensions["first_run"] = _State(time.monotonic)
    return state


def _query():
    has_admin = db.session.scalar(sa.select(sa.exists().where(User.role == "admin")))
    has_category = db.session.scalar(sa.select(sa.exists().where(Category.id.isnot(None))))
    return tuple(
        step for step, present in (("admin", has_admin), ("category", has_category)) if not present
    )


def missing(app=None):
    """The setup steps still missing, ``("admin", "category")`` at most; ``()`` once set up."""
    app = app or current_app._get_current_object()
    state = _state(app)
    if state.done:
        return ()
    now = state.clock()
    if state.checked_at is None or now - state.checked_at >= RECHECK_SECONDS:
        state.missing = _query()
        state.checked_at = now
        state.done = not state.missing
    return state.missing


def forget(app=None):
    """Ask the database again on the next request (after this process set something up)."""
    state = _state(app or current_app._get_current_object())
    state.checked_at = None


def _gate():
    app = current_app._get_current_object()
    if not app.config.get("FIRST_RUN_PAGE", True):
        return None
    if request.blueprint in OPEN_BLUEPRINTS or request.endpoint in (None, "static"):
        return None
    steps = missing(app)
    if not steps:
        return None
    state = _state(app)
    if not state.warned:
        state.warned = True
        log.warning(
            "This forum is not set up yet: visitors see the 'not set up yet' page until "
            'you %s. Run flask setup (docs/admin.md, "First run").',
            " and ".join(STEPS[step] for step in steps),
        )
    if current_user.is_authenticated and permissions.is_admin(current_user):
        return None
    body = render_template("errors/not_set_up.html", steps=steps)
    return body, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_app(app):
    app.before_request(_gate)
