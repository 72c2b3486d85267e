"""Reads for the solved hub, related solutions, member pages and sitemaps.

Each page costs a fixed number of statements whatever it shows; sitemap reads walk the
primary key in id ranges, so one child sitemap never scans more than its own range.
"""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import load_only

from forum import markup
from forum.accounts.models import User
from forum.complaints import queries as complaint_queries
from forum.complaints.models import Answer, Category, Complaint
from forum.db import UTCDateTime, as_utc, utcnow
from forum.extensions import db

SOLUTION_LINES = 240  # characters of a solution shown on the solved hub


@dataclass
class Solution:
    """What the hub shows of an accepted answer: its first lines and who wrote it."""

    answer: Answer
    text: str


def public_filter():
    """Threads a search engine may see: visible and not marked as spam."""
    return sa.and_(
        Complaint.visibility == "visible",
        sa.or_(Complaint.moderation_reason.is_(None), Complaint.moderation_reason != "spam"),
    )


def solutions_for(complaints):
    """The accepted answers of ``complaints``, in one query: {complaint id: Solution}."""
    ids = [c.accepted_answer_id for c in complaints if c.accepted_answer_id]
    if not ids:
        return {}
    answers = db.session.scalars(
        sa.select(Answer)
        .options(
            load_only(
                Answer.id,
                Answer.complaint_id,
                Answer.body_source,
                Answer.language,
                Answer.created_at,
                Answer.author_id,
            )
        )
        .where(Answer.id.in_(ids), Answer.visibility == "visible")
    )
    return {
        answer.complaint_id: Solution(answer, markup.plain_text(answer.body_source, SOLUTION_LINES))
        for answer in answers
    }


def solved_page(category=None, page=1, per_page=20):
    """A page of solved threads, newest solved first, with their solutions (2 queries)."""
    results = complaint_queries.listing("solved", category, page=page, per_page=per_page)
    return results, solutions_for(results.items)


def related_solved(complaint, limit=5):
    """Recently solved public threads in the complaint's category, other than itself."""
    return list(
        db.session.scalars(
            sa.select(Complaint)
            .options(*complaint_queries.LISTING_OPTIONS)
            .where(
                Complaint.category_id == complaint.category_id,
                Complaint.solved_at.is_not(None),
                Complaint.id != complaint.id,
                public_filter(),
            )
            .order_by(Complaint.solved_at.desc(), Complaint.id.desc())
            .limit(limit)
        )
    )


def member_by_name(username):
    user = db.session.scalar(
        sa.select(User).where(sa.func.lower(User.username) == username.lower())
    )
    if user is None or user.is_deleted:
        return None
    return user


def member_complaints(user, limit=20):
    return list(
        db.session.scalars(
            sa.select(Complaint)
            .options(*complaint_queries.LISTING_OPTIONS)
            .where(Complaint.author_id == user.id, public_filter())
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .limit(limit)
        )
    )


ANSWER_LINES = 160  # characters of an answer shown on its author's page


@dataclass
class MemberAnswer:
    """An answer on its author's page: its thread, its place in it and its first lines."""

    answer: Answer
    complaint: Complaint
    page: int
    text: str

    @property
    def accepted(self):
        return self.complaint.accepted_answer_id == self.answer.id


@dataclass
class MemberFigures:
    complaints: int
    answers: int
    solutions: int
    since: object  # the first activity: the account's creation or an earlier post


def _public_answers(user):
    """The member's visible answers on threads a search engine may see."""
    return (
        sa.select(Answer)
        .join(Complaint, Complaint.id == Answer.complaint_id)
        .where(Answer.author_id == user.id, Answer.visibility == "visible", public_filter())
    )


def _answers_counted(user, accepted=False):
    """How many of the member's visible answers are on public threads (``accepted``: and
    are their thread's solution). The thread is checked per answer by its primary key (a
    correlated subquery), read from the member's answers in the author index, so no
    planner joins the whole table of complaints for a member with many answers."""
    thread = sa.select(public_filter()).where(Complaint.id == Answer.complaint_id)
    conditions = [Answer.author_id == user.id, Answer.visibility == "visible"]
    conditions.append(thread.scalar_subquery().is_(sa.true()))
    if accepted:
        solution = sa.select(Complaint.accepted_answer_id).where(
            Complaint.id == Answer.complaint_id
        )
        conditions.append(solution.scalar_subquery() == Answer.id)
    return sa.select(sa.func.count()).select_from(Answer).where(*conditions).scalar_subquery()


def member_figures(user):
    """Counts and the real first activity of a member, in one statement.

    "Member since" is the earliest of the account's creation and the member's first post
    (posts imported or back-dated from an older system are older than the account)."""
    complaints = (
        sa.select(sa.func.count())
        .where(Complaint.author_id == user.id, public_filter())
        .scalar_subquery()
    )
    first_complaint = (
        sa.select(sa.func.min(Complaint.created_at))
        .where(Complaint.author_id == user.id, Complaint.visibility == "visible")
        .scalar_subquery()
    )
    first_answer = (
        sa.select(sa.func.min(Answer.created_at)).where(Answer.author_id == user.id)
    ).scalar_subquery()
    row = db.session.execute(
        sa.select(
            complaints,
            _answers_counted(user),
            _answers_counted(user, accepted=True),
            sa.type_coerce(first_complaint, UTCDateTime()),
            sa.type_coerce(first_answer, UTCDateTime()),
        )
    ).one()
    firsts = [as_utc(value) for value in (user.created_at, row[3], row[4]) if value]
    return MemberFigures(row[0], row[1], row[2], min(firsts))


def member_answers(user, limit=10, solutions=False):
    """The member's latest public answers (or, with ``solutions``, those accepted as the
    solution), newest first, each with the page of its thread that holds it: one
    statement, however many are shown."""
    earlier = sa.orm.aliased(Answer)
    before = (
        sa.select(sa.func.count())
        .where(
            earlier.complaint_id == Answer.complaint_id,
            sa.tuple_(earlier.created_at, earlier.id) < sa.tuple_(Answer.created_at, Answer.id),
        )
        .scalar_subquery()
    )
    statement = (
        _public_answers(user)
        .add_columns(Complaint, before)
        .options(*complaint_queries.LISTING_OPTIONS)
        .limit(limit)
    )
    if solutions:
        statement = statement.where(Complaint.accepted_answer_id == Answer.id)
    # Newest first, read in the order of the author index (ix_answer_author).
    statement = statement.order_by(Answer.created_at.desc(), Answer.id.desc())
    per_page = current_app.config["ANSWERS_PAGE_SIZE"]
    return [
        MemberAnswer(
            answer,
            complaint,
            count // per_page + 1,
            markup.plain_text(answer.body_source, ANSWER_LINES),
        )
        for answer, complaint, count in db.session.execute(statement)
    ]


# --- Sitemaps ------------------------------------------------------------------------

# Columns whose latest value is a thread's last public activity: answers and timeline
# events bump last_activity_at; an edit, a solution or a status change may come later.
_ACTIVITY = (
    Complaint.last_activity_at,
    Complaint.edited_at,
    Complaint.solved_at,
    Complaint.status_changed_at,
)


def last_public_activity(*values):
    """The latest of some timestamps, ignoring the missing ones."""
    present = [as_utc(value) for value in values if value is not None]
    return max(present) if present else None


def indexable_filter():
    """Public threads, less the thin ones a setting keeps out of search engines."""
    condition = public_filter()
    hours = current_app.config.get("NOINDEX_UNANSWERED_YOUNGER_THAN_HOURS") or 0
    if hours > 0:
        cutoff = utcnow() - timedelta(hours=hours)
        condition = sa.and_(
            condition, sa.or_(Complaint.answer_count > 0, Complaint.created_at <= cutoff)
        )
    return condition


def thread_chunks(size):
    """[(chunk number from 1, lastmod)] for every id range of ``size`` holding a thread."""
    chunk = ((Complaint.id - 1) // size).label("chunk")
    rows = db.session.execute(
        sa.select(chunk, *(sa.func.max(column) for column in _ACTIVITY))
        .where(indexable_filter())
        .group_by(chunk)
        .order_by(chunk)
    ).all()
    return [(int(row[0]) + 1, last_public_activity(*row[1:])) for row in rows]


def _latest_activity():
    """The latest of the activity columns, computed by the database (one value to read)."""
    first = _ACTIVITY[0]
    rest = [sa.func.coalesce(column, first) for column in _ACTIVITY[1:]]
    if db.engine.dialect.name == "postgresql":
        latest = sa.func.greatest(first, *rest)
    else:  # SQLite's scalar max(); its UTC timestamps are text that sorts as time does
        latest = sa.func.max(first, *rest)
    return sa.type_coerce(latest, UTCDateTime())


def threads_in_chunk(number, size):
    """(id, slug, lastmod) of the indexable threads with ids in chunk ``number``."""
    low, high = (number - 1) * size + 1, number * size
    rows = db.session.execute(
        sa.select(Complaint.id, Complaint.slug, _latest_activity())
        .where(Complaint.id.between(low, high), indexable_filter())
        .order_by(Complaint.id)
    )
    return rows.all()


def category_activity():
    """{category id: last public activity} and the site-wide latest, in one query.

    The latest value of each activity column per category is one seek in its
    ``ix_complaint_category_*`` index, so this costs a few dozen seeks however many threads
    there are (a category without public threads comes back as ``None``, like one absent).
    """

    def latest(column):
        return (
            sa.select(sa.func.max(column))
            .where(Complaint.category_id == Category.id, public_filter())
            .scalar_subquery()
        )

    rows = db.session.execute(sa.select(Category.id, *(latest(c) for c in _ACTIVITY))).all()
    latest = {row[0]: last_public_activity(*row[1:]) for row in rows}
    return latest, last_public_activity(*latest.values())


def categories():
    return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)))


# --- Feeds ---------------------------------------------------------------------------


def feed_items(kind, category=None, limit=30):
    """The newest public complaints (``new``) or the newest solved ones (``solved``)."""
    statement = (
        sa.select(Complaint).options(*complaint_queries.LISTING_OPTIONS).where(public_filter())
    )
    if category is not None:
        statement = statement.where(Complaint.category_id == category.id)
    if kind == "solved":
        statement = statement.where(Complaint.solved_at.is_not(None)).order_by(
            Complaint.solved_at.desc(), Complaint.id.desc()
        )
    else:
        statement = statement.order_by(Complaint.created_at.desc(), Complaint.id.desc())
    return list(db.session.scalars(statement.limit(limit)))
