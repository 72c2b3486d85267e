"""Follows and in-app notifications."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import UTCDateTime, utcnow
from forum.extensions import db
from forum.notifications import messages


class Follow(db.Model):
    """A member follows a thread and is told about what happens on it."""

    __tablename__ = "follow"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    complaint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        sa.Index("ix_notification_inbox", "user_id", "created_at", "id"),
        # The inbox's groups per thread, read from the index alone; a thread's unread ones.
        sa.Index("ix_notification_thread", "user_id", "complaint_id", "created_at", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    complaint_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE")
    )
    complaint = relationship("Complaint", lazy="raise")
    # Who caused it (the answer's author, the staff member who moved the status), for
    # the inbox's "and 2 more from …"; None for events nobody in particular caused.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    # The sentence's English text: what rows written before ``params`` show, and the export.
    message: Mapped[str] = mapped_column(sa.String(300))
    # The sentence and its values (forum/notifications/messages.py), rendered when shown.
    params: Mapped[dict | None] = mapped_column(sa.JSON)
    url: Mapped[str] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def text(self):
        """The notification's sentence in the current language."""
        return messages.render(self)
