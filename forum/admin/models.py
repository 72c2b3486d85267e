"""Staff invitations: one row per link an admin e-mailed, so a link works once."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import UTCDateTime, utcnow
from forum.extensions import db


class StaffInvitation(db.Model):
    """An invitation to take the role ``role`` with the address ``email``.

    The link carries the row's id and a random nonce, signed and dated
    (``forum.admin.staff_accounts``); only the nonce's SHA-256 is kept, so the table alone
    cannot make a working link. Accepting or revoking sets its time, once: the link then
    says which happened.
    """

    __tablename__ = "staff_invitation"
    __table_args__ = (
        sa.CheckConstraint("role IN ('staff', 'admin')", name="role"),
        sa.Index("ix_staff_invitation_pending", "accepted_at", "revoked_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(10))
    nonce_hash: Mapped[str] = mapped_column(sa.String(64))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    invited_by = relationship("User", foreign_keys=[invited_by_id], lazy="joined")

    @property
    def is_used(self):
        return self.accepted_at is not None

    @property
    def is_revoked(self):
        return self.revoked_at is not None
