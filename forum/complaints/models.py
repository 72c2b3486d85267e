"""Categories, complaints, answers and the votes on them."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_pgettext
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from forum.accounts.models import User
from forum.db import UTCDateTime, utcnow
from forum.extensions import db
from forum.statuses import CLOSED_STATUSES, STATUSES

DESIRED_OUTCOMES = {
    "refund": lazy_pgettext("outcome", "Refund"),
    "replacement": lazy_pgettext("outcome", "Replacement"),
    "repair": lazy_pgettext("outcome", "Repair"),
    "exchange": lazy_pgettext("outcome", "Exchange"),
    "store_credit": lazy_pgettext("outcome", "Store credit"),
    "apology": lazy_pgettext("outcome", "Apology"),
    "explanation": lazy_pgettext("outcome", "Explanation"),
    "other": lazy_pgettext("outcome", "Other"),
}

# A post is public while "visible"; moderation hides, deletes or merges it.
VISIBILITIES = ("visible", "pending", "hidden", "deleted", "merged")

# After staff resolve a complaint its author confirms or disputes the resolution.
RESOLUTION_STATES = ("awaiting", "confirmed", "disputed")


class Category(db.Model):
    """A product or department complaints are filed under (managed at ``/admin/categories``)."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    # Markdown, rendered once on write (forum.markup) into description_html.
    description: Mapped[str] = mapped_column(sa.Text, default="")
    description_html: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    position: Mapped[int] = mapped_column(default=0)
    complaint_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Archived: readable and searchable, closed to new complaints.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The staff member new complaints here go to, and the hours staff promise a first
    # response in (the staff queue flags complaints waiting past it).
    default_assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    response_hours: Mapped[int | None]

    @property
    def is_archived(self):
        return self.archived_at is not None

    def __repr__(self):
        return f"<Category {self.slug}>"


class CategorySlugRedirect(db.Model):
    """A slug a category answered to before (renamed, or merged into another): 301 to it.

    Rows point at the category, not at its slug, so chains collapse: renamed A to B then
    C, both A and B answer 301 to C.
    """

    __tablename__ = "category_slug_redirect"

    old_slug: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    category_id: Mapped[int] = mapped_column(
        sa.ForeignKey("category.id", ondelete="CASCADE"), index=True
    )


# The columns a listing only filters on, at the end of each listing index.
LISTING_FILTERS = ("visibility", "status", "language")


class Complaint(db.Model):
    __tablename__ = "complaint"
    # Every listing query is served by one of these (docs/performance.md, "Query plans and
    # indexes"; tests/test_query_plans.py checks each): the columns a listing compares for
    # equality, then its sort, then what it filters on, so that a page, however deep,
    # reads its rows in order from the index and skips its offset inside it. Visibility,
    # status and language come last: nearly every thread is visible, and SQLite, which
    # keeps no statistics here, would take an index led by them for a selective one.
    __table_args__ = (
        sa.Index("ix_complaint_hot", "hot_score", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_new", "created_at", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_top", "vote_count", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_unanswered", "answer_count", "created_at", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_solved", "solved_at", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_category_hot", "category_id", "hot_score", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_category_new", "category_id", "created_at", "id", *LISTING_FILTERS),
        sa.Index("ix_complaint_category_top", "category_id", "vote_count", "id", *LISTING_FILTERS),
        # The duplicates merged into a thread, oldest first, shown on its page.
        sa.Index("ix_complaint_merged_into", "merged_into_id", "created_at", "id"),
        sa.Index(
            "ix_complaint_category_unanswered",
            "category_id",
            "answer_count",
            "created_at",
            "id",
            *LISTING_FILTERS,
        ),
        sa.Index(
            "ix_complaint_category_solved", "category_id", "solved_at", "id", *LISTING_FILTERS
        ),
        # Which languages the language filter offers: one seek per language (and category).
        sa.Index("ix_complaint_language", "language", "category_id", "visibility"),
        # A category's latest public activity, for the sitemaps (its solved_at is above).
        sa.Index("ix_complaint_category_activity", "category_id", "last_activity_at", "visibility"),
        sa.Index("ix_complaint_category_edited", "category_id", "edited_at", "visibility"),
        sa.Index(
            "ix_complaint_category_status_changed", "category_id", "status_changed_at", "visibility"
        ),
        # Pinned threads on the hot listings (a handful, site-wide or of one category).
        sa.Index("ix_complaint_pinned", "pinned", "visibility", "created_at", "category_id"),
        # A member's page; also the foreign key's index.
        sa.Index("ix_complaint_author", "author_id", "visibility", "created_at", "id"),
        # The staff queue, one waiting status at a time: no first response yet, overdue
        # promises, reopened.
        sa.Index(
            "ix_complaint_status_new",
            "status",
            "created_at",
            "id",
            "visibility",
            "first_staff_response_at",
        ),
        sa.Index("ix_complaint_status_promised", "status", "promised_date", "id", "visibility"),
        sa.Index("ix_complaint_status_reopened", "status", "reopened_at", "id", "visibility"),
        sa.Index("ix_complaint_title", "title"),
        sa.CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 5)", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("category.id"))
    title: Mapped[str] = mapped_column(sa.String(150))
    slug: Mapped[str] = mapped_column(sa.String(160))
    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    excerpt: Mapped[str] = mapped_column(sa.String(300), default="")
    # BCP 47 code detected at write time (forum.language); None when unsure.
    language: Mapped[str | None] = mapped_column(sa.String(8))
    desired_outcome: Mapped[str] = mapped_column(sa.String(20))
    rating: Mapped[int | None]
    review: Mapped[str | None] = mapped_column(sa.Text)
    private_details: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="open", server_default="open")
    vote_count: Mapped[int] = mapped_column(default=0, server_default="0")
    answer_count: Mapped[int] = mapped_column(default=0, server_default="0")
    hot_score: Mapped[float] = mapped_column(default=0.0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # The resolution loop: solutions, the workflow, promises and staff contact.
    accepted_answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("answer.id", use_alter=True, ondelete="SET NULL")
    )
    official_answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("answer.id", use_alter=True, ondelete="SET NULL")
    )
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_state: Mapped[str | None] = mapped_column(sa.String(10))
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    promised_date: Mapped[date | None] = mapped_column(sa.Date)
    first_staff_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    staff_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Moderation state.
    visibility: Mapped[str] = mapped_column(
        sa.String(10), default="visible", server_default="visible"
    )
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("complaint.id"))
    locked: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    pinned: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    moderation_reason: Mapped[str | None] = mapped_column(sa.String(20))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))

    author: Mapped[User | None] = relationship(
        lazy="joined", innerjoin=False, foreign_keys=[author_id]
    )
    category: Mapped[Category] = relationship(lazy="joined", innerjoin=True)

    # "Overdue" as of the day a listing was read, computed in its statement
    # (``with_expression(Complaint.overdue, Complaint.overdue_on(today))``); None elsewhere.
    overdue: Mapped[bool | None] = query_expression()

    @property
    def is_solved(self):
        return self.solved_at is not None

    @hybrid_method
    def overdue_on(self, today):
        """Past its promised date on ``today`` and not yet resolved or closed."""
        return (
            self.promised_date is not None
            and self.promised_date < today
            and self.status not in CLOSED_STATUSES
        )

    @overdue_on.expression
    def overdue_on(cls, today):
        late = sa.and_(cls.promised_date < today, cls.status.not_in(CLOSED_STATUSES))
        return sa.case((late, sa.true()), else_=sa.false())

    @property
    def is_public(self):
        return self.visibility == "visible"

    @property
    def response_due_at(self):
        """When staff promised a first response by (the category's promise), or None."""
        hours = self.category.response_hours
        return self.created_at + timedelta(hours=hours) if hours else None

    @property
    def desired_outcome_label(self):
        return DESIRED_OUTCOMES.get(self.desired_outcome, self.desired_outcome)

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)

    def __repr__(self):
        return f"<Complaint {self.id}>"


class Answer(db.Model):
    __tablename__ = "answer"
    __table_args__ = (
        sa.Index("ix_answer_complaint_created", "complaint_id", "created_at", "id"),
        # A member's answers, newest first (their page; and lookups by author).
        sa.Index("ix_answer_author", "author_id", "created_at", "id"),
        # Newest first, for the answers held for approval on the moderation queue. Not led
        # by visibility: SQLite would take that for a selective index in every lookup of
        # visible answers (docs/performance.md).
        sa.Index("ix_answer_new", "created_at", "id", "visibility"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaint.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    score: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    visibility: Mapped[str] = mapped_column(
        sa.String(10), default="visible", server_default="visible"
    )
    moderation_reason: Mapped[str | None] = mapped_column(sa.String(20))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author: Mapped[User | None] = relationship(lazy="joined", innerjoin=False)
    complaint: Mapped[Complaint] = relationship(lazy="select", foreign_keys=[complaint_id])

    @property
    def is_public(self):
        return self.visibility == "visible"

    def __repr__(self):
        return f"<Answer {self.id}>"


class ComplaintVote(db.Model):
    """One "affects me too" per member and complaint."""

    __tablename__ = "complaint_vote"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    complaint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AnswerVote(db.Model):
    """One helpful (+1) or not helpful (-1) per member and answer."""

    __tablename__ = "answer_vote"
    __table_args__ = (sa.CheckConstraint("value IN (-1, 1)", name="value"),)

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


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
