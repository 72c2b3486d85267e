"""Reads for the thread page's resolution parts and the staff queue; fixed query counts."""

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum import permissions
from forum.accounts.models import STAFF_ROLES, User
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.resolution.models import AffectedFeedback, ComplaintEvent, ReviewPrompt, ReviewRevision
from forum.statuses import CLOSED_STATUSES, WAITING_STATUSES


def timeline(complaint, answers):
    """The page's answers interleaved by time with the timeline events that fall among them."""
    statement = sa.select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint.id)
    if answers.page > 1 and answers.items:
        statement = statement.where(ComplaintEvent.created_at >= answers.items[0].created_at)
    if answers.has_next and answers.lookahead is not None:
        statement = statement.where(ComplaintEvent.created_at < answers.lookahead.created_at)
    events = list(db.session.scalars(statement.order_by(ComplaintEvent.created_at)))
    items = [("answer", a.created_at, a.id, a) for a in answers.items]
    items += [("event", e.created_at, e.id, e) for e in events]
    items.sort(key=lambda item: (item[1], item[0] == "answer", item[2]))
    return [(kind, value) for kind, _when, _id, value in items]


def featured_answers(complaint):
    """The official answer and the accepted solution, loaded together: (official, accepted)."""
    ids = {i for i in (complaint.official_answer_id, complaint.accepted_answer_id) if i}
    if not ids:
        return None, None
    found = {
        answer.id: answer
        for answer in db.session.scalars(
            sa.select(Answer).where(Answer.id.in_(ids), Answer.visibility == "visible")
        )
    }
    return found.get(complaint.official_answer_id), found.get(complaint.accepted_answer_id)


def resolution_note(complaint):
    """The note staff wrote when they last marked the complaint resolved, or ``None``.

    Asked only of a resolved or closed complaint: the thread page's solution box shows it
    as what fixed the problem.
    """
    if complaint.status not in CLOSED_STATUSES:
        return None
    return db.session.scalar(
        sa.select(ComplaintEvent.note)
        .join(User, User.id == ComplaintEvent.actor_id)
        .where(
            ComplaintEvent.complaint_id == complaint.id,
            ComplaintEvent.kind == "status",
            ComplaintEvent.to_status == "resolved",
            ComplaintEvent.note.is_not(None),
            ComplaintEvent.note != "",
            User.role.in_(STAFF_ROLES),
        )
        .order_by(ComplaintEvent.created_at.desc(), ComplaintEvent.id.desc())
        .limit(1)
    )


def rating_history(complaint):
    return list(
        db.session.scalars(
            sa.select(ReviewRevision)
            .where(ReviewRevision.complaint_id == complaint.id)
            .order_by(ReviewRevision.created_at, ReviewRevision.id)
        )
    )


def pending_prompt(viewer, complaint):
    if not permissions.is_author(viewer, complaint) or complaint.resolved_at is None:
        return None
    return db.session.scalar(
        sa.select(ReviewPrompt).where(
            ReviewPrompt.complaint_id == complaint.id, ReviewPrompt.state == "pending"
        )
    )


def fix_tally(complaint):
    """(fixed, answered) among affected members who said whether the fix worked."""
    if complaint.resolved_at is None:
        return 0, 0
    fixed, answered = db.session.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(sa.case((AffectedFeedback.fixed, 1), else_=0)), 0),
            sa.func.count(),
        ).where(AffectedFeedback.complaint_id == complaint.id)
    ).one()
    return int(fixed), int(answered)


def viewer_fix_feedback(viewer, complaint):
    if not permissions.is_member(viewer) or complaint.resolved_at is None:
        return None
    row = db.session.get(AffectedFeedback, (complaint.id, viewer.id))
    return None if row is None else row.fixed


def is_overdue(complaint, today=None):
    return complaint.overdue_on(today or utcnow().date())


def _waiting(condition, order, limit):
    """The first ``limit`` public complaints waiting on staff that meet ``condition``.

    One statement; inside it one arm per waiting status, each read in ``order`` from a
    ``(status, visibility, …)`` index and cut at ``limit``, so the database sorts at most
    three times ``limit`` rows however long the backlog grows (``status IN (…)`` would sort
    all of them).
    """
    columns = Complaint.__table__.c
    arms = [
        sa.select(
            sa.select(*columns)
            .where(Complaint.visibility == "visible", Complaint.status == status, condition)
            .order_by(*order)
            .limit(limit)
            .subquery()
        )
        for status in WAITING_STATUSES
    ]
    rows = sa.union_all(*arms).subquery()
    waiting = aliased(Complaint, rows)
    ordered = [getattr(waiting, column.key) for column in order]
    return list(db.session.scalars(sa.select(waiting).order_by(*ordered).limit(limit)))


def staff_queue(limit=50):
    """What is waiting on staff: no first response yet, overdue promises, reopened."""
    today = utcnow().date()
    return {
        "waiting": _waiting(
            Complaint.first_staff_response_at.is_(None), (Complaint.created_at, Complaint.id), limit
        ),
        "overdue": _waiting(
            Complaint.promised_date < today, (Complaint.promised_date, Complaint.id), limit
        ),
        "reopened": _waiting(
            Complaint.reopened_at.is_not(None), (Complaint.reopened_at, Complaint.id), limit
        ),
    }
