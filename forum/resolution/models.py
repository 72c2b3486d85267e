"""The resolution loop's records: the public timeline, review revisions, prompts, feedback."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.db import UTCDateTime, utcnow
from forum.extensions import db

EVENT_KINDS = (
    "status",  # a status change, with from/to and an optional note
    "reopened",  # back to open after resolved or closed
    "disputed",  # the author disputed a staff resolution (reopens it)
    "confirmed",  # the author confirmed a staff resolution
    "promise",  # the promised resolution date was set or moved
    "accepted",  # an answer was marked as the accepted solution
    "unaccepted",
    "official",  # a staff answer was marked official
    "unofficial",
    "merged",  # a duplicate complaint was merged into this one (``merged_id``)
)


class ComplaintEvent(db.Model):
    """One entry on a thread's public timeline."""

    __tablename__ = "complaint_event"
    __table_args__ = (sa.Index("ix_complaint_event_thread", "complaint_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str | None] = mapped_column(sa.String(20))
    old_date: Mapped[date | None] = mapped_column(sa.Date)
    new_date: Mapped[date | None] = mapped_column(sa.Date)
    answer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("answer.id", ondelete="SET NULL"))
    merged_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="SET NULL")
    )  # the thread page names the duplicate's author from the posts merged into it
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")


class ReviewRevision(db.Model):
    """A rating the author gave. The first is the original review, never overwritten."""

    __tablename__ = "review_revision"
    __table_args__ = (
        sa.Index("ix_review_revision_thread", "complaint_id", "created_at", "id"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    rating: Mapped[int]
    review: Mapped[str | None] = mapped_column(sa.Text)
    would_return: Mapped[bool | None]
    after_resolution: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReviewPrompt(db.Model):
    """The neutral request, made at each resolution, for the author to revise their review."""

    __tablename__ = "review_prompt"
    __table_args__ = (sa.Index("ix_review_prompt_thread", "complaint_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(sa.String(10), default="pending")  # answered, declined
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AffectedFeedback(db.Model):
    """Whether the fix worked for a member who said the complaint affected them too."""

    __tablename__ = "affected_feedback"

    complaint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    fixed: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
