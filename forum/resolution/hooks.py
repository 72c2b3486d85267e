"""What the resolution loop does when complaints and answers are posted.

Called by the complaint services inside their transaction.
"""

import sqlalchemy as sa

from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.notifications import services as notifications
from forum.resolution.models import ReviewRevision


def complaint_created(session, complaint, author):
    """The author follows their own complaint; their first rating starts its history."""
    notifications.start_following(session, author.id, complaint.id)
    if complaint.rating:
        session.add(
            ReviewRevision(
                complaint_id=complaint.id,
                author_id=author.id,
                rating=complaint.rating,
                review=complaint.review,
                created_at=complaint.created_at,
            )
        )


def complaint_rating_edited(session, complaint, at=None):
    """The author changed their rating or review before any revision after resolution.

    The change is a new revision: every rating the author gave stays in the history and
    the first one is never overwritten. A rating taken away adds nothing (there is no
    rating to record; the earlier ones stay).
    """
    if not complaint.rating:
        return
    session.add(
        ReviewRevision(
            complaint_id=complaint.id,
            author_id=complaint.author_id,
            rating=complaint.rating,
            review=complaint.review,
            created_at=at or complaint.edited_at or utcnow(),
        )
    )


def answer_posted(session, complaint, answer, author):
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
            f"{author.username} answered your complaint “{complaint.title}”",
            thread_path(complaint, fragment=f"answer-{answer.id}"),
            exclude=author,
        )
