"""The search outbox: queue in the changing transaction, apply after commit.

Any service whose change affects what search shows calls :func:`enqueue` inside its
write transaction::

    from forum.search.outbox import enqueue
    enqueue(session, complaint.id)

That is the whole contract: one row per complaint whose thread changed (its text,
answers, status, solution, official answer, visibility, merge; votes with
``only_votes=True``). A rolled-back transaction rolls the row back with it, so search
never sees a change that did not happen. :func:`enqueue` registers :func:`apply_soon`
with the unit of work (:func:`forum.uow.after_commit`, once per unit): after the commit
it hands the pending rows to the configured backend, which rewrites each complaint's
document from the database; rows are deleted only after the index has taken them, so a
crash in between is caught up by the next write or by ``flask search sync``.
"""

import logging

import sqlalchemy as sa
from flask import current_app, has_app_context

from forum.extensions import db
from forum.search.backends import get_backend
from forum.search.models import SearchOutbox
from forum.uow import after_commit

log = logging.getLogger("forum.search")


def enqueue(session, complaint_id, only_votes=False):
    """Queue ``complaint_id`` for (re)indexing in the caller's transaction.

    Safe to call several times per transaction and for any complaint, visible or not:
    the applier decides whether the thread is indexed or removed.

    ``only_votes``: only the complaint's vote count changed. Its row waits for the
    thread's next change of text or for ``flask search sync`` (every minute), which
    take every row of a thread at once: a burst of votes costs the thread one
    re-index a minute at most, instead of one each, and nothing on the vote's request.
    Only the "most votes" order of search results waits; the counts shown are live.
    """
    session.add(SearchOutbox(complaint_id=complaint_id))
    if not only_votes:
        after_commit(apply_soon, key="search")


def apply_soon():
    """Apply pending outbox rows now, if the index's writer lock is free at once.

    Never raises and never waits long: when another process holds the lock, the rows
    are left for it (it checks again after releasing), for the next write, or for
    ``flask search sync``; when this one took it, it applies rows for at most
    ``SEARCH_HOLD_SECONDS`` and leaves the rest to the backend (Whoosh: a thread).
    """
    if not has_app_context():
        return
    try:
        config = current_app.config
        get_backend().apply_pending(
            timeout=config["SEARCH_LOCK_TIMEOUT"], hold=config["SEARCH_HOLD_SECONDS"]
        )
    except Exception:  # noqa: BLE001 - search must never break a write
        log.exception("Applying the search outbox failed; the rows stay queued")


def pending_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))
