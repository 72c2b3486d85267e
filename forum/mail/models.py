"""The e-mail outbox's table."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.db import UTCDateTime, utcnow
from forum.extensions import db


class MailMessage(db.Model):
    """An e-mail waiting to be sent. Written in the event's transaction; sent after commit.

    ``dedupe_key`` is unique so the same message is never queued twice; ``claim_token``
    marks the sender that took it, so two senders running at once never both send it.
    """

    __tablename__ = "mail_message"
    __table_args__ = (sa.Index("ix_mail_message_due", "sent_at", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.String(20))
    # The stream a member can unsubscribe from ("notifications", "digest"): the message
    # carries a one-click List-Unsubscribe for it. None for account mail (no unsubscribe).
    stream: Mapped[str | None] = mapped_column(sa.String(20))
    dedupe_key: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # The review prompt a message is about: resolution's check for its kind sends it only
    # while the prompt is still unanswered.
    review_prompt_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("review_prompt.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    send_after: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claim_token: Mapped[str | None] = mapped_column(sa.String(40))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
