"""The unit of work: one transaction per use case, and what happens once it committed.

A service runs its writes inside :func:`write_transaction`, committed once at the end.
Work that must follow the database rather than run beside it (applying the search
outbox, sending queued e-mail, forgetting cached pages) is registered with
:func:`after_commit` inside the unit, and runs only once the outermost unit has
committed: a rolled-back change never reaches the index, a mailbox or the page cache,
and no call site has to remember to trigger them.

Why not SQLAlchemy's ``after_commit`` session event: it also fires for the commit that
ends a read snapshot and for commits outside any unit of work, and inside it the session
is in no transaction and may not emit SQL, which the outbox apply and the mail send both
need.
"""

import logging
from contextlib import contextmanager

import sqlalchemy as sa
from blinker import Namespace
from sqlalchemy.dialects import postgresql, sqlite

from forum.db import _write_intent
from forum.extensions import db

log = logging.getLogger("forum.uow")

_CALLBACKS = "uow_after_commit"

_signals = Namespace()
#: Sent with the session (as sender) when an outermost unit of work begins, so that work
#: every unit owes after its commit can register itself without this module knowing it.
unit_started = _signals.signal("unit-started")


@contextmanager
def write_transaction():
    """Run one unit of work in one transaction, committed once at the end.

    On SQLite the transaction takes the write lock when it begins. Nested use joins the
    outer unit of work. Any exception rolls everything back and drops the work
    registered with :func:`after_commit`; after the commit that work runs, in the order
    it was registered.
    """
    if _write_intent.get():
        yield db.session()
        return
    session = db.session()
    if session.in_transaction():
        # End the read snapshot so the write transaction starts fresh, under the lock.
        session.commit()
    token = _write_intent.set(True)
    session.info[_CALLBACKS] = {}
    try:
        unit_started.send(session)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        callbacks = session.info.pop(_CALLBACKS, {})
        _write_intent.reset(token)
    for callback in callbacks.values():
        _run(session, callback)


def after_commit(callback, key=None):
    """Run ``callback()`` once the current unit of work has committed; never after a rollback.

    Registered twice under the same ``key`` in one unit of work, it runs once (many
    outbox rows, one apply); the callback kept under a key is returned, so later calls can
    add to what it will do. Outside a unit of work there is no commit to wait for, so
    this raises ``RuntimeError``: a service that forgot its transaction fails loudly.
    """
    callbacks = db.session().info.get(_CALLBACKS)
    if callbacks is None:
        raise RuntimeError("after_commit() needs a unit of work (write_transaction)")
    return callbacks.setdefault(object() if key is None else key, callback)


def _run(session, callback):
    # The write has happened whatever its side effects do: each of them can catch up
    # (outbox rows stay, mail stays queued, kept pages expire), so a failure is logged.
    try:
        callback()
    except Exception:  # noqa: BLE001 - a side effect never breaks a committed write
        log.exception("Work after the commit failed: %r", callback)
        if session.in_transaction():
            session.rollback()


def insert_ignoring_duplicates(table):
    """An ``INSERT`` that does nothing when a unique constraint already holds the row."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


def locked(model, ident):
    """Load one row for update: concurrent writers to it queue behind this transaction.

    Only the row's own table is locked (eagerly joined rows are not), which PostgreSQL
    requires for outer joins; SQLite's write transaction already holds the database lock.
    """
    statement = sa.select(model).where(model.id == ident).with_for_update(of=model)
    return db.session.scalars(statement).one()
