"""Is the forum set up? It needs an admin and at least one category (``flask setup``).

Read by ``/healthz`` and the "not set up yet" page (``forum/health.py``) and by ``flask
setup``, cheaply: each app keeps the answer in memory. Once both steps are done the answer
stands until a category or a member changes in this process (``category_changed``,
``member_changed``, ``site_changed``: ``flask demo load`` adds categories); while a step is
missing it is asked again with one ``SELECT`` at most every ``FIRST_RUN_RECHECK_SECONDS``,
so what ``flask setup`` or another worker does is seen within that time.
"""

import threading
import time

import sqlalchemy as sa
from flask import current_app

from forum import signals
from forum.accounts.models import User
from forum.complaints.models import Category
from forum.extensions import db
from forum.uow import after_commit

#: The steps, in the order they are named.
STEPS = ("admin", "category")

_KEY = "redress.setup_state"


class _State:
    def __init__(self):
        self.missing = None  # None: not known yet
        self.checked_at = 0.0
        self.lock = threading.Lock()


def _state(app):
    state = app.extensions.get(_KEY)
    if state is None:
        state = app.extensions.setdefault(_KEY, _State())
    return state


def query_missing():
    """The missing steps as the database has them now (one statement)."""
    has_admin = sa.exists().where(User.role == "admin", User.deleted_at.is_(None))
    has_category = sa.exists().where(Category.id.is_not(None))
    admin, category = db.session.execute(sa.select(has_admin, has_category)).one()
    return tuple(step for step, done in zip(STEPS, (admin, category), strict=True) if not done)


def missing():
    """The steps still missing, ``()`` once the forum is set up; from memory when known."""
    state = _state(current_app)
    now = time.monotonic()
    found = state.missing
    recheck = current_app.config["FIRST_RUN_RECHECK_SECONDS"]
    if found is not None and (not found or now - state.checked_at < recheck):
        return found
    with state.lock:
        if state.missing is found:  # no other thread looked meanwhile
            state.missing = query_missing()
            state.checked_at = time.monotonic()
        return state.missing


def forget(app=None):
    """Ask the database again on the next call (after a change to admins or categories)."""
    _state(app or current_app).missing = None


def _changed(*_args, **_kwargs):
    if not current_app:
        return
    app = current_app._get_current_object()
    try:  # once committed: a look before then would keep the old answer
        after_commit(lambda: forget(app), key=_KEY)
    except RuntimeError:  # sent outside a unit of work (flask demo load)
        forget(app)


def init_app(app):
    # blinker keys receivers by identity: the many apps the tests build connect them once.
    for signal in (signals.category_changed, signals.member_changed, signals.site_changed):
        signal.connect(_changed)
