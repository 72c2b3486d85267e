"""Read side of complaints: listings and the thread page, each a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask_babel import lazy_pgettext
from sqlalchemy.orm import defer, with_expression

from forum.accounts.models import STAFF_ROLES, User
from forum.complaints.models import (
    Answer,
    AnswerVote,
    Category,
    CategorySlugRedirect,
    Complaint,
    ComplaintVote,
)
from forum.db import filter_only, utcnow
from forum.extensions import db
from forum.language import LANGUAGES
from forum.statuses import CLOSED_STATUSES, STATUSES

SORTS = {
    "hot": lazy_pgettext("sort", "Hot"),
    "new": lazy_pgettext("sort", "New"),
    "top": lazy_pgettext("sort", "Top"),
    "unanswered": lazy_pgettext("sort", "Unanswered"),
    "solved": lazy_pgettext("sort", "Solved"),
}

_ORDER = {
    "hot": (Complaint.hot_score.desc(), Complaint.id.desc()),
    "new": (Complaint.created_at.desc(), Complaint.id.desc()),
    "top": (Complaint.vote_count.desc(), Complaint.id.desc()),
    "unanswered": (Complaint.created_at.desc(), Complaint.id.desc()),
    "solved": (Complaint.solved_at.desc(), Complaint.id.desc()),
}

# Listings never load what only the thread page shows, and never private details.
LISTING_OPTIONS = (
    defer(Complaint.body_source),
    defer(Complaint.body_html),
    defer(Complaint.private_details),
    defer(Complaint.review),
)


@dataclass
class Page:
    """One page of results; ``has_next`` comes from fetching one row more than shown."""

    items: list
    page: int
    per_page: int
    has_next: bool
    total: int | None = None
    # The first item of the next page, fetched with this one (tells where this page ends).
    lookahead: object = None

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def pages(self):
        if self.total is None:
            return None
        return max(1, -(-self.total // self.per_page))


def _page(rows, page, per_page, total=None):
    lookahead = rows[per_page] if len(rows) > per_page else None
    return Page(rows[:per_page], page, per_page, lookahead is not None, total, lookahead)


def _overdue_today():
    """Each listed thread's "Overdue" badge, computed in the listing's own statement."""
    return with_expression(Complaint.overdue, Complaint.overdue_on(utcnow().date()))


def _page_of(statement, page, per_page, total=None):
    rows = list(db.session.scalars(statement.limit(per_page + 1).offset((page - 1) * per_page)))
    return _page(rows, page, per_page, total)


def _complaints_page(conditions, order, page, per_page, total=None):
    """A page of a complaint listing in one statement, however deep the page.

    The page's ids come from the listing's index alone: the offset is skipped inside the
    index, without reading (or joining the author and category of) each skipped thread.
    Then only the page's own threads are loaded, by primary key, and put back in order.
    """
    ids = (
        sa.select(Complaint.id)
        .where(*conditions)
        .order_by(*order)
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    )
    statement = (
        sa.select(Complaint)
        .options(*LISTING_OPTIONS, _overdue_today())
        .where(Complaint.id.in_(ids.scalar_subquery()))
        .order_by(*order)
    )
    return _page(list(db.session.scalars(statement)), page, per_page, total)


def categories():
    """All categories in display order (a handful of rows)."""
    return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)))


def _has_language(code, category_id):
    return sa.exists().where(
        Complaint.language == code,
        Complaint.category_id == category_id,
        Complaint.visibility == "visible",
    )


@dataclass
class LanguageFilter:
    """The languages a listing's filter offers: those of the public threads in scope."""

    by_category: dict  # category id -> frozenset of language codes

    def present(self, category=None):
        """The codes present in ``category`` (site-wide for ``None``), in ``LANGUAGES`` order."""
        if category is not None:
            found = self.by_category.get(category.id, frozenset())
        else:
            found = frozenset().union(*self.by_category.values())
        return [code for code in LANGUAGES if code in found]


@cache
def _categories_with_languages_statement():
    flags = [_has_language(code, Category.id).label(f"has_{code}") for code in LANGUAGES]
    return sa.select(Category, *flags).order_by(Category.position, Category.name)


def categories_with_languages():
    """All categories in display order, and which languages each one's public threads are
    written in: one statement, one index seek per category and language
    (``ix_complaint_language``)."""
    found, by_category = [], {}
    for category, *flags in db.session.execute(_categories_with_languages_statement()):
        found.append(category)
        by_category[category.id] = frozenset(
            code for code, flag in zip(LANGUAGES, flags, strict=True) if flag
        )
    return found, LanguageFilter(by_category)


@cache
def _labels_statement():
    flags = [_has_language(code, Category.id).label(f"has_{code}") for code in LANGUAGES]
    return sa.select(Category.id, Category.slug, Category.name, *flags).order_by(
        Category.position, Category.name
    )


def category_labels():
    """Every category's id, slug and name in display order, as plain rows, and the
    languages of each one's public threads (as :func:`categories_with_languages`)."""
    labels, by_category = [], {}
    for category_id, slug, name, *flags in db.session.connection().execute(_labels_statement()):
        labels.append(CategoryLabel(category_id, slug, name))
        by_category[category_id] = frozenset(
            code for code, flag in zip(LANGUAGES, flags, strict=True) if flag
        )
    return labels, LanguageFilter(by_category)


def category_by_slug(slug):
    return db.session.scalar(sa.select(Category).where(Category.slug == slug))


def moved_category_slug(slug):
    """The slug a renamed or merged-away category's old ``slug`` now answers at, or None."""
    return db.session.scalar(
        sa.select(Category.slug)
        .join(CategorySlugRedirect, CategorySlugRedirect.category_id == Category.id)
        .where(CategorySlugRedirect.old_slug == slug)
    )


def categories_for_admin():
    """Every category in display order with its open complaints and default assignee.

    Two statements whatever the number of categories.
    """
    rows = list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)))
    open_counts = dict(
        db.session.execute(
            sa.select(Complaint.category_id, sa.func.count())
            .where(Complaint.visibility == "visible", Complaint.status.not_in(CLOSED_STATUSES))
            .group_by(Complaint.category_id)
        ).all()
    )
    return rows, open_counts


def staff_members():
    """Active staff and admins, by name: who a category's complaints may go to."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role.in_(STAFF_ROLES), User.deleted_at.is_(None))
            .order_by(sa.func.lower(User.username))
        )
    )


def category_assignees():
    """Each category's default assignee's name, by category id (one statement)."""
    return dict(
        db.session.execute(
            sa.select(Category.id, User.username).join(
                User, User.id == Category.default_assignee_id
            )
        ).all()
    )


def listing(sort="hot", category=None, status=None, page=1, per_page=20, total=None, language=None):
    """A page of complaints for a listing, without bodies or private details."""
    conditions = [Complaint.visibility == "visible"]
    if category is not None:
        conditions.append(Complaint.category_id == category.id)
    if status in STATUSES:
        # Filtered while walking the sort's index (which holds the status) on SQLite.
        conditions.append(filter_only(Complaint.status) == status)
    if language in LANGUAGES:
        # The same: the language is the last column of every listing index.
        conditions.append(filter_only(Complaint.language) == language)
    if sort == "unanswered":
        conditions.append(Complaint.answer_count == 0)
    if sort == "solved":
        conditions.append(Complaint.solved_at.is_not(None))
    return _complaints_page(conditions, _ORDER[sort], page, per_page, total)


def pinned(category=None, limit=5, language=None):
    """Complaints staff pinned to the top of the hot listing (and of their category)."""
    statement = (
        sa.select(Complaint)
        .options(*LISTING_OPTIONS, _overdue_today())
        .where(Complaint.visibility == "visible", Complaint.pinned.is_(True))
        .order_by(Complaint.created_at.desc())
        .limit(limit)
    )
    if category is not None:
        statement = statement.where(Complaint.category_id == category.id)
    if language in LANGUAGES:
        statement = statement.where(filter_only(Complaint.language) == language)
    return list(db.session.scalars(statement))


@dataclass(frozen=True, slots=True)
class Byline:
    """A thread's author as a list of threads shows them."""

    username: str
    role: str
    deleted_at: datetime | None

    @property
    def is_staff(self):
        return self.role in STAFF_ROLES


@dataclass(frozen=True, slots=True)
class CategoryLabel:
    """A category as filters and lists of threads name it."""

    id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """What a list of found threads shows of one (search results, similar and related
    threads): the same names as :class:`Complaint`'s, read as plain rows. For 20 threads
    with their authors and categories, ORM entities cost 1 ms more than the search page's
    whole rendering of them."""

    id: int
    title: str
    slug: str
    excerpt: str
    status: str
    vote_count: int
    answer_count: int
    rating: int | None
    created_at: datetime
    solved_at: datetime | None
    official_answer_id: int | None
    language: str | None
    overdue: bool
    category: CategoryLabel
    author: Byline | None

    @property
    def is_solved(self):
        return self.solved_at is not None

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)


_SUMMARY_COLUMNS = (
    Complaint.id,
    Complaint.title,
    Complaint.slug,
    Complaint.excerpt,
    Complaint.status,
    Complaint.vote_count,
    Complaint.answer_count,
    Complaint.rating,
    Complaint.created_at,
    Complaint.solved_at,
    Complaint.official_answer_id,
    Complaint.language,
    Complaint.overdue_on(sa.bindparam("today", type_=sa.Date)).label("overdue"),
)


@cache
def _summaries_statement():
    # Built once: building the IN list's statement anew cost as much as running it.
    return (
        sa.select(
            *_SUMMARY_COLUMNS,
            Category.id,
            Category.slug,
            Category.name,
            User.username,
            User.role,
            User.deleted_at,
        )
        .join(Complaint.category)
        .outerjoin(Complaint.author)
        .where(
            Complaint.id.in_(sa.bindparam("ids", expanding=True)),
            Complaint.visibility == "visible",
        )
    )


def summaries(ids):
    """The public threads among ``ids`` as ``{id: ThreadSummary}``, in one statement."""
    if not ids:
        return {}
    found = {}
    width = len(_SUMMARY_COLUMNS)
    parameters = {"ids": list(ids), "today": utcnow().date()}
    rows = db.session.connection().execute(_summaries_statement(), parameters)
    for row in rows:
        category_id, slug, name, username, role, deleted_at = row[width:]
        author = Byline(username, role, deleted_at) if username is not None else None
        found[row[0]] = ThreadSummary(*row[:width], CategoryLabel(category_id, slug, name), author)
    return found


def get_complaint(complaint_id):
    """The complaint with its author and category, or ``None``."""
    return db.session.get(Complaint, complaint_id)


def merged_duplicates(complaint):
    """The complaints merged into ``complaint``, oldest first, each with its author (one
    statement): their text stays readable on the thread they joined."""
    return list(
        db.session.scalars(
            sa.select(Complaint)
            .where(Complaint.merged_into_id == complaint.id, Complaint.visibility == "merged")
            .order_by(Complaint.created_at, Complaint.id)
        )
    )


def title_is_shared(complaint):
    """Whether another public thread has the same title (its page title then says which)."""
    statement = (
        sa.select(Complaint.id)
        .where(
            Complaint.title == complaint.title,
            Complaint.id != complaint.id,
            Complaint.visibility == "visible",
        )
        .limit(1)
    )
    return db.session.scalar(statement) is not None


def answers_page(complaint, page=1, per_page=30):
    """A page of a thread's answers, oldest first, with their authors."""
    statement = (
        sa.select(Answer)
        .where(Answer.complaint_id == complaint.id)
        .order_by(Answer.created_at, Answer.id)
    )
    return _page_of(statement, page, per_page, total=complaint.answer_count)


def viewer_votes(user, complaint, answers):
    """The viewer's own votes on a thread page: (affected?, {answer id: value})."""
    if not getattr(user, "is_authenticated", False):
        return False, {}
    affected = (
        db.session.scalar(
            sa.select(ComplaintVote.complaint_id).where(
                ComplaintVote.user_id == user.id, ComplaintVote.complaint_id == complaint.id
            )
        )
        is not None
    )
    answer_votes = {}
    if answers:
        answer_votes = dict(
            db.session.execute(
                sa.select(AnswerVote.answer_id, AnswerVote.value).where(
                    AnswerVote.user_id == user.id,
                    AnswerVote.answer_id.in_([answer.id for answer in answers]),
                )
            ).all()
        )
    return affected, answer_votes


def answer_page_number(answer, per_page):
    """Which page of its thread an answer is on (answers are shown oldest first)."""
    before = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Answer)
        .where(
            Answer.complaint_id == answer.complaint_id,
            sa.tuple_(Answer.created_at, Answer.id) < sa.tuple_(answer.created_at, answer.id),
        )
    )
    return before // per_page + 1
