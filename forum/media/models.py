"""Photos (public, on a complaint or an answer) and evidence files (private, on a complaint)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.complaints.models import Answer, Complaint  # noqa: F401 - the tables they refer to
from forum.db import UTCDateTime, utcnow
from forum.extensions import db

EVIDENCE_KINDS = ("image", "pdf")


class Photo(db.Model):
    """A photo shown on a post: a display size and a thumbnail, each re-encoded.

    ``answer_id`` is set for a photo on an answer; ``complaint_id`` always names the
    thread, so that one query finds every photo a thread page shows.
    """

    __tablename__ = "photo"
    __table_args__ = (sa.Index("ix_photo_thread", "complaint_id", "answer_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    answer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("answer.id", ondelete="CASCADE"))
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    alt_text: Mapped[str] = mapped_column(sa.String(300))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    display_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    display_width: Mapped[int]
    display_height: Mapped[int]
    thumb_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    thumb_width: Mapped[int]
    thumb_height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def keys(self):
        return (self.display_key, self.thumb_key)

    def __repr__(self):
        return f"<Photo {self.id}>"


class Evidence(db.Model):
    """A private file on a complaint (a receipt, an order confirmation): only its author and
    staff may see it, and it is only ever served as a download."""

    __tablename__ = "evidence"
    __table_args__ = (sa.Index("ix_evidence_complaint", "complaint_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    filename: Mapped[str] = mapped_column(sa.String(160))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def keys(self):
        return (self.key,)

    def __repr__(self):
        return f"<Evidence {self.id}>"
