"""Keep the search index in step with the other features' writes (``forum.signals``).

Each receiver queues the thread in the search outbox inside the sender's unit of work; the
outbox applies it once that unit has committed, and never after a rollback.
"""

from forum import signals
from forum.complaints.models import Complaint
from forum.search import outbox


def complaint_changed(complaint, *, session, **_):
    """A complaint's own text, category or state changed: reindex its thread."""
    outbox.enqueue(session, complaint.id)


def answer_changed(answer, *, session, **_):
    """An answer's text or state changed: reindex the thread it belongs to."""
    outbox.enqueue(session, answer.complaint_id)


def vote_changed(target, *, session, complaint, **_):
    """A complaint's vote count feeds the "most votes" order; answers' scores are not indexed."""
    if isinstance(target, Complaint):
        outbox.enqueue(session, complaint.id, only_votes=True)


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    signals.complaint_created.connect(complaint_changed)
    signals.complaint_edited.connect(complaint_changed)
    signals.answer_published.connect(answer_changed)
    signals.answer_edited.connect(answer_changed)
    signals.vote_changed.connect(vote_changed)
