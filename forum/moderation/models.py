"""Flags, removal requests, the audit log, post revisions and staff-only notes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.db import UTCDateTime, utcnow
from forum.extensions import db

FLAG_REASONS = {
    "spam": "Spam",
    "abusive": "Abusive",
    "off_topic": "Off-topic",
    "personal_data": "Exposes personal data",
    "duplicate": "Duplicate",
    "other": "Other",
}

# What the public placeholder says a removal was for: the only reasons staff may remove
# a post for, so readers can tell moderation from censorship. ("Other" is a reason to
# report a post, never to remove one.)
REMOVAL_REASONS = {
    "spam": "spam",
    "abusive": "abuse",
    "personal_data": "personal data",
    "duplicate": "duplicate",
    "off_topic": "off-topic",
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


class AuditEntry(db.Model):
    """One staff or admin action. Append-only: nothing in the product edits or deletes it."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        sa.Index("ix_audit_entry_created", "created_at", "id"),
        sa.Index("ix_audit_entry_actor", "actor_id", "created_at"),
        sa.Index("ix_audit_entry_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(sa.String(40))
    target_type: Mapped[str] = mapped_column(sa.String(20))
    target_id: Mapped[int]
    reason: Mapped[str | None] = mapped_column(sa.Text)
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_changes(mapper, connection, target):
    raise AuditLogIsAppendOnly("the audit log is append-only")


class PostRevision(db.Model):
    """A previous version of a complaint or answer, kept when it is edited."""

    __tablename__ = "post_revision"
    __table_args__ = (sa.Index("ix_post_revision_target", "target_type", "target_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(10))
    target_id: Mapped[int]
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    title: Mapped[str | None] = mapped_column(sa.String(150))
    body_source: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    editor: Mapped[User | None] = relationship(lazy="joined")


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
