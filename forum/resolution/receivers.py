"""What the resolution loop does when complaints and answers are posted.

Receivers of the complaints' events (``forum.signals``), run inside the unit of work that
sent them: the rating history, staff contact times, telling the author of an answer.
"""

import sqlalchemy as sa

from forum import signals
from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.notifications import services as notifications
from forum.notifications.messages import Message
from forum.resolution.models import ComplaintEvent, ReviewRevision


def _add_revision(session, complaint, at):
    session.add(
        ReviewRevision(
            complaint_id=complaint.id,
            author_id=complaint.author_id,
            rating=complaint.rating,
            review=complaint.review,
            created_at=at,
        )
    )


def complaint_created(complaint, *, session, author, **_):
    """The author's first rating starts the complaint's rating history."""
    if complaint.rating:
        _add_revision(session, complaint, complaint.created_at)


def complaint_edited(complaint, *, session, rating_changed, **_):
    """The author changed their rating or review before any revision after resolution.

    The change is a new revision: every rating the author gave stays in the history and
    the first one is never overwritten. A rating taken away adds nothing (there is no
    rating to record; the earlier ones stay).
    """
    if rating_changed and complaint.rating:
        _add_revision(session, complaint, complaint.edited_at or utcnow())


def rating_locked(complaint, *, session, **_):
    """After a revision following resolution, the rating changes only through the review page."""
    revised = session.scalar(
        sa.select(ReviewRevision.id).where(
            ReviewRevision.complaint_id == complaint.id, ReviewRevision.after_resolution
        )
    )
    return revised is not None


def answer_published(answer, *, session, complaint, author, **_):
    """Staff answers count as staff contact; the complaint's author hears of every answer."""
    if author.is_staff:
        values = {"staff_updated_at": answer.created_at}
        if complaint.first_staff_response_at is None:
            values["first_staff_response_at"] = answer.created_at
        session.execute(sa.update(Complaint).where(Complaint.id == complaint.id).values(**values))
    if complaint.author is not None:
        notifications.notify(
            session,
            [complaint.author],
            complaint,
            "answer",
            Message("answered", actor=author.username, title=complaint.title),
            thread_path(complaint, fragment=f"answer-{answer.id}"),
            exclude=author,
        )


def complaints_merged(source, *, session, target, actor, **_):
    """The target's timeline shows the merge, naming the duplicate (and so its author)."""
    session.add(
        ComplaintEvent(
            complaint_id=target.id,
            actor_id=actor.id if actor is not None else None,
            kind="merged",
            merged_id=source.id,
            created_at=utcnow(),
        )
    )


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    signals.complaint_created.connect(complaint_created)
    signals.complaint_edited.connect(complaint_edited)
    signals.rating_locked.connect(rating_locked)
    signals.answer_published.connect(answer_published)
    signals.complaints_merged.connect(complaints_merged)
