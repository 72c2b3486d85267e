"""Reads for the moderation queue, the audit log and staff panels; fixed query counts."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_pgettext
from sqlalchemy.orm import selectinload

from forum import markup
from forum.accounts.models import ROLES, User
from forum.audit.models import AuditEntry
from forum.complaints.models import Answer, Complaint, PostRevision
from forum.db import utcnow
from forum.extensions import db
from forum.moderation.models import Flag, InternalNote, RemovalRequest

MODELS = {"complaint": Complaint, "answer": Answer}


def _select_posts(model):
    """Posts of ``model`` for a queue list; an answer's complaint comes in the same round."""
    statement = sa.select(model)
    if model is Answer:
        statement = statement.options(selectinload(Answer.complaint))
    return statement


# A post in the queue longer than this (as readers see it) shows the start of its text,
# and the whole rendered post folded under it.
QUEUE_TEXT_LIMIT = 500
QUEUE_PREVIEW = 280


def preview(post):
    """The start of a long post's text (plain, from its Markdown), or None for a short
    one, which the queue shows whole."""
    if post is None or len(markup.plain_text(post.body_source)) <= QUEUE_TEXT_LIMIT:
        return None
    return markup.plain_text(post.body_source, QUEUE_PREVIEW)


@dataclass
class QueueItem:
    target_type: str
    post: object
    flags: list = field(default_factory=list)
    latest: object = None

    @property
    def preview(self):
        return preview(self.post)

    @property
    def complaint(self):
        return self.post if self.target_type == "complaint" else self.post.complaint


def _posts(ids_by_type):
    found = {}
    for target_type, ids in ids_by_type.items():
        if ids:
            model = MODELS[target_type]
            for post in db.session.scalars(_select_posts(model).where(model.id.in_(ids))):
                found[(target_type, post.id)] = post
    return found


def flagged(limit=100):
    """Posts with open reports, most-reported and most recently reported first."""
    groups = db.session.execute(
        sa.select(
            Flag.target_type,
            Flag.target_id,
            sa.func.count(sa.distinct(Flag.user_id)).label("count"),
            sa.func.max(Flag.created_at).label("latest"),
        )
        .where(Flag.resolved_at.is_(None))
        .group_by(Flag.target_type, Flag.target_id)
        .order_by(sa.desc("count"), sa.desc("latest"))
        .limit(limit)
    ).all()
    keys = [(g.target_type, g.target_id) for g in groups]
    ids = {"complaint": [i for t, i in keys if t == "complaint"],
           "answer": [i for t, i in keys if t == "answer"]}  # fmt: skip
    posts = _posts(ids)
    flags = {}
    if keys:
        rows = db.session.scalars(
            sa.select(Flag)
            .where(
                Flag.resolved_at.is_(None), sa.tuple_(Flag.target_type, Flag.target_id).in_(keys)
            )
            .order_by(Flag.created_at.desc())
        )
        for row in rows:
            flags.setdefault((row.target_type, row.target_id), []).append(row)
    return [
        QueueItem(t, posts[(t, i)], flags.get((t, i), []), g.latest)
        for (t, i), g in zip(keys, groups, strict=True)
        if (t, i) in posts
    ]


def held(limit=100):
    """Posts held for approval, newest first."""
    items = []
    for target_type, model in MODELS.items():
        for post in db.session.scalars(
            _select_posts(model)
            .where(model.visibility == "pending")
            .order_by(model.created_at.desc())
            .limit(limit)
        ):
            items.append(QueueItem(target_type, post, latest=post.created_at))
    return sorted(items, key=lambda item: item.latest, reverse=True)


@dataclass
class PendingRequest:
    """A removal or merge awaiting a second opinion, with its complaint (and merge target)."""

    request: RemovalRequest
    complaint: object
    merge_into: object = None

    @property
    def preview(self):
        return preview(self.complaint)


def removal_requests():
    """Removals and merges awaiting a second opinion, newest first (two queries)."""
    rows = list(
        db.session.scalars(
            sa.select(RemovalRequest)
            .where(RemovalRequest.decided_at.is_(None))
            .order_by(RemovalRequest.created_at.desc())
        )
    )
    ids = {r.complaint_id for r in rows} | {r.merge_into_id for r in rows if r.merge_into_id}
    complaints = _posts({"complaint": sorted(ids)})
    return [
        PendingRequest(
            row,
            complaints.get(("complaint", row.complaint_id)),
            complaints.get(("complaint", row.merge_into_id)) if row.merge_into_id else None,
        )
        for row in rows
    ]


def audit_log(actor=None, action=None, target=None, page=1, per_page=50, actions=None):
    """A page of the audit log, newest first, filtered by actor name, action (or any of
    ``actions``, a kind's) and target."""
    statement = sa.select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if actions:
        statement = statement.where(AuditEntry.action.in_(actions))
    if actor:
        statement = statement.join(User, User.id == AuditEntry.actor_id).where(
            sa.func.lower(User.username) == actor.lower()
        )
    if action:
        statement = statement.where(AuditEntry.action == action)
    if target:
        target_type, _, target_id = target.partition(":")
        statement = statement.where(AuditEntry.target_type == target_type)
        if target_id.isdigit():
            statement = statement.where(AuditEntry.target_id == int(target_id))
    rows = list(db.session.scalars(statement.limit(per_page + 1).offset((page - 1) * per_page)))
    return rows[:per_page], len(rows) > per_page


def revisions(target_type, target_id):
    return list(
        db.session.scalars(
            sa.select(PostRevision)
            .where(PostRevision.target_type == target_type, PostRevision.target_id == target_id)
            .order_by(PostRevision.id.desc())
        )
    )


def open_reports(complaint, answers):
    """``{("complaint" or "answer", id): open reports}`` for a thread page's posts.

    One statement for the complaint and the page's answers; posts without open reports
    are absent.
    """
    answer_ids = [answer.id for answer in answers]
    targets = sa.and_(Flag.target_type == "complaint", Flag.target_id == complaint.id)
    if answer_ids:
        targets = sa.or_(
            targets, sa.and_(Flag.target_type == "answer", Flag.target_id.in_(answer_ids))
        )
    rows = db.session.execute(
        sa.select(Flag.target_type, Flag.target_id, sa.func.count())
        .where(Flag.resolved_at.is_(None), targets)
        .group_by(Flag.target_type, Flag.target_id)
    )
    return {(kind, target_id): count for kind, target_id, count in rows}


def notes(complaint):
    return list(
        db.session.scalars(
            sa.select(InternalNote)
            .where(InternalNote.complaint_id == complaint.id)
            .order_by(InternalNote.created_at)
        )
    )


def staff_members():
    return list(
        db.session.scalars(
            sa.select(User).where(User.role.in_(("staff", "admin"))).order_by(User.username)
        )
    )


# --- Members, for staff ----------------------------------------------------------------

MEMBER_STATUSES = {
    "active": lazy_pgettext("account", "Active"),
    "suspended": lazy_pgettext("account", "Suspended"),
    "banned": lazy_pgettext("account", "Banned"),
    "deleted": lazy_pgettext("account", "Deleted"),
}


@dataclass
class MemberRow:
    """One member in the staff's list, with what they wrote and the reports it drew."""

    user: User
    status: str
    complaints: int
    answers: int
    flags: int


def member_status(user, now):
    """``active``, ``suspended``, ``banned`` or ``deleted``, the first that applies from the
    end (a deleted account that was banned reads deleted)."""
    if user.deleted_at is not None:
        return "deleted"
    if user.banned:
        return "banned"
    if user.suspended_until is not None and user.suspended_until > now:
        return "suspended"
    return "active"


def _status_condition(status, now):
    not_deleted = User.deleted_at.is_(None)
    suspended = sa.and_(User.suspended_until.is_not(None), User.suspended_until > now)
    return {
        "deleted": User.deleted_at.is_not(None),
        "banned": sa.and_(not_deleted, User.banned.is_(True)),
        "suspended": sa.and_(not_deleted, User.banned.is_(False), suspended),
        "active": sa.and_(not_deleted, User.banned.is_(False), sa.not_(suspended)),
    }[status]


def _like(text):
    """A LIKE pattern matching ``text`` anywhere, its own ``%`` and ``_`` taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def members(query="", status="", role="", page=1, per_page=50, now=None):
    """A page of members for staff, newest first, and how many match: two statements
    whatever the page holds (the counts are subqueries of the first)."""
    now = now or utcnow()
    conditions = []
    if query:
        pattern = _like(query)
        conditions.append(
            sa.or_(
                sa.func.lower(User.username).like(pattern, escape="\\"),
                sa.func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if status in MEMBER_STATUSES:
        conditions.append(_status_condition(status, now))
    if role in ROLES:
        conditions.append(User.role == role)

    def count_of(model):
        return (
            sa.select(sa.func.count())
            .where(model.author_id == User.id)
            .correlate(User)
            .scalar_subquery()
        )

    def flags_on(model, target_type):
        return (
            sa.select(sa.func.count(Flag.id))
            .join(model, sa.and_(Flag.target_type == target_type, Flag.target_id == model.id))
            .where(model.author_id == User.id)
            .correlate(User)
            .scalar_subquery()
        )

    rows = db.session.execute(
        sa.select(
            User,
            count_of(Complaint),
            count_of(Answer),
            flags_on(Complaint, "complaint") + flags_on(Answer, "answer"),
        )
        .where(*conditions)
        .order_by(User.created_at.desc(), User.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    total = db.session.scalar(sa.select(sa.func.count(User.id)).where(*conditions))
    return [
        MemberRow(user, member_status(user, now), complaints, answers, flags)
        for user, complaints, answers, flags in rows
    ], total
