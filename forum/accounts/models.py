"""Accounts: members, staff and admins."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from forum.db import UTCDateTime, utcnow
from forum.extensions import db

ROLES = ("member", "staff", "admin")
STAFF_ROLES = ("staff", "admin")


def new_session_token():
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "user"
    __table_args__ = (
        sa.Index("uq_user_username_lower", sa.func.lower(sa.text("username")), unique=True),
        sa.Index("uq_user_email_lower", sa.func.lower(sa.text("email")), unique=True),
        sa.CheckConstraint("role IN ('member', 'staff', 'admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(30))
    email: Mapped[str] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(10), default="member")
    # The id Flask-Login keeps in the session and the remember cookie. Rotating it
    # signs the account out everywhere at once.
    session_token: Mapped[str] = mapped_column(
        sa.String(64), unique=True, default=new_session_token
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Which notification e-mail the member wants (forum/notifications/kinds.py,
    # EMAIL_CHOICES): "each" event at once, a daily "digest", "own" complaints only, "off".
    email_choice: Mapped[str] = mapped_column(sa.String(10), default="each", server_default="each")
    # The interface language the member chose (forum/i18n.py); none: their browser's.
    language: Mapped[str | None] = mapped_column(sa.String(16))
    # When the last daily digest run looked at this member (``flask notify send-due``).
    digest_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Kept in SQL with each notification, so the header's bell costs no query.
    unread_notifications: Mapped[int] = mapped_column(default=0, server_default="0")
    # Account state (docs/accounts.md). A suspension ends by itself at ``suspended_until``;
    # a ban lasts until staff lift it. ``suspension_reason`` explains either to the member.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspension_reason: Mapped[str | None] = mapped_column(sa.Text)
    banned: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A deleted account keeps its row so its posts stay, attributed to "deleted user".
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Folded into password-reset tokens, so a used link stops working.
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def get_id(self):
        return self.session_token

    def set_password(self, password):
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self):
        """Flask-Login refuses to sign in a deleted account."""
        return self.deleted_at is None

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_staff(self):
        return self.role in STAFF_ROLES

    @property
    def is_admin(self):
        return self.role == "admin"

    def __repr__(self):
        return f"<User {self.username}>"


DELETED_NAME = "deleted user"


def public_name(user):
    """The name a post's author is shown by: ``DELETED_NAME`` once the account is gone."""
    return DELETED_NAME if user is None or user.is_deleted else user.username
