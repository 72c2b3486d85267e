"""What the resolution loop does when complaints and answers are posted.

Called by the complaint services inside their transaction.
"""

import sqlalchemy as sa

from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
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


def complaint_rating_edited(session, complaint):
    """Before any revision the author may still correct their original rating."""
    original = session.scalar(
        sa.select(ReviewRevision)
        .where(ReviewRevision.complaint_id == complaint.id)
        .order_by(ReviewRevision.created_at, ReviewRevision.id)
        .limit(1)
    )
    if original is None and complaint.rating:
        session.add(
            ReviewRevision(
                complaint_id=complaint.id,
                author_id=complaint.author_id,
                rating=complaint.rating,
                review=complaint.review,
                created_at=complaint.created_at,
            )
        )
    elif original is not None and complaint.rating:
        original.rating = complaint.rating
        original.review = complaint.review


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
