"""Keep the search index in step with the other features' writes (``forum.signals``).

Each receiver queues the thread in the search outbox inside the sender's unit of work; the
outbox applies it once that unit has committed, and never after a rollback. Members and the
site's settings are not indexed (a document holds the category's id, not its name), so
``member_changed`` and ``site_changed`` need nothing here.
"""

from forum import signals
from forum.complaints.models import Complaint
from forum.search import outbox


def complaint_changed(complaint, *, session, **_):
    """A complaint's text, category, status or visibility changed: reindex its thread."""
    outbox.enqueue(session, complaint.id)


def answer_changed(answer, *, session, **_):
    """An answer's text or standing changed: reindex the thread it belongs to."""
    outbox.enqueue(session, answer.complaint_id)


def post_changed(post, *, session, complaint, **_):
    """Moderation changed a complaint or an answer: reindex the thread."""
    outbox.enqueue(session, complaint.id)


def complaints_merged(source, *, session, target, **_):
    """The complaint took the duplicate's answers and votes (the duplicate's own
    ``post_changed`` takes it out of the index)."""
    outbox.enqueue(session, target.id)


def category_changed(category, *, session, moved, **_):
    """A category merge moved complaints: their documents hold the old category's id."""
    for complaint_id in moved:
        outbox.enqueue(session, complaint_id)


def vote_changed(target, *, session, complaint, **_):
    """A complaint's vote count feeds the "most votes" order; answers' scores are not indexed."""
    if isinstance(target, Complaint):
        outbox.enqueue(session, complaint.id, only_votes=True)


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    for signal in (
        signals.complaint_created,
        signals.complaint_edited,
        signals.complaint_moved,
        signals.status_changed,
    ):
        signal.connect(complaint_changed)
    for signal in (signals.answer_published, signals.answer_edited, signals.answer_marked):
        signal.connect(answer_changed)
    signals.post_changed.connect(post_changed)
    signals.complaints_merged.connect(complaints_merged)
    signals.vote_changed.connect(vote_changed)
    signals.category_changed.connect(category_changed)
