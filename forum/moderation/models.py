"""Flags, removal requests and staff-only notes (the audit log is ``forum.audit``, post
revisions are ``forum.complaints.revisions``)."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.db import UTCDateTime, utcnow
from forum.extensions import db

FLAG_REASONS = {
    "spam": _l("Spam"),
    "abusive": _l("Abusive"),
    "off_topic": _l("Off-topic"),
    "personal_data": _l("Exposes personal data"),
    "duplicate": _l("Duplicate"),
    "inappropriate_photo": _l("Inappropriate photo"),
    "other": lazy_pgettext("reason for a report", "Other"),
}

# What the public placeholder says a removal was for: the only reasons staff may remove
# a post for, so readers can tell moderation from censorship. ("Other" is a reason to
# report a post, never to remove one.)
# Lower case, as said within a sentence ("removed as spam").
REMOVAL_REASONS = {
    "spam": lazy_pgettext("removed as …", "spam"),
    "abusive": lazy_pgettext("removed as …", "abuse"),
    "personal_data": lazy_pgettext("removed as …", "personal data"),
    "duplicate": lazy_pgettext("removed as …", "duplicate"),
    "off_topic": lazy_pgettext("removed as …", "off-topic"),
}
# The same reasons as the options of a list, on their own.
REMOVAL_REASON_LABELS = {
    "spam": lazy_pgettext("removal reason", "Spam"),
    "abusive": lazy_pgettext("removal reason", "Abuse"),
    "personal_data": lazy_pgettext("removal reason", "Personal data"),
    "duplicate": lazy_pgettext("removal reason", "Duplicate"),
    "off_topic": lazy_pgettext("removal reason", "Off-topic"),
}

# Removing a complaint for these reasons needs no second opinion: they are not about
# what the complaint says of the company.
SINGLE_STAFF_REMOVAL_REASONS = ("spam", "personal_data")

TARGET_TYPES = ("complaint", "answer")


class Flag(db.Model):
    """A member's report of a post. One per member and post."""

    __tablename__ = "flag"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "target_type", "target_id", name="one_per_member"),
        sa.Index("ix_flag_target_open", "target_type", "target_id", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(sa.String(10))
    target_id: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.String(20))
    details: Mapped[str | None] = mapped_column(sa.Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("complaint.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(sa.String(10))  # upheld, dismissed

    user: Mapped[User] = relationship(lazy="joined")


class RemovalRequest(db.Model):
    """A staff member's request to hide, delete or merge a complaint, awaiting a second opinion.

    A merge request names the complaint to merge into (``merge_into_id``).
    """

    __tablename__ = "removal_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(sa.String(10))  # hide, delete, merge
    reason: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision: Mapped[str | None] = mapped_column(sa.String(10))  # approved, rejected
    merge_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE")
    )

    requested_by: Mapped[User] = relationship(lazy="joined", foreign_keys=[requested_by_id])


class InternalNote(db.Model):
    """A staff-only note on a complaint: never shown to others, indexed or in any feed."""

    __tablename__ = "internal_note"
    __table_args__ = (sa.Index("ix_internal_note_thread", "complaint_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
