"""Merging a duplicate complaint into another. A merge takes the duplicate off the site,
so it follows the removal rule and its second opinion."""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum import audit, signals
from forum.complaints import services as complaint_services
from forum.complaints.models import Answer, Complaint, ComplaintVote
from forum.db import utcnow
from forum.errors import Invalid
from forum.extensions import db
from forum.moderation.models import RemovalRequest
from forum.moderation.services.common import (
    clean_reason,
    require_staff,
    resolve_flags,
    set_visibility,
)
from forum.moderation.services.flags import parse_duplicate
from forum.moderation.services.removal import needs_second_opinion, refuse_if_request_pending
from forum.uow import locked, write_transaction


def merge_target(source_id, target_id):
    target = db.session.get(Complaint, target_id) if target_id else None
    if target is None:
        raise Invalid(_("There is no complaint with that number."), status=404)
    if target.id == source_id:
        raise Invalid(_("A complaint cannot be merged into itself."))
    target = locked(Complaint, target.id)
    if not target.is_public:
        raise Invalid(_("Merge into a public complaint."))
    return target


def merge_into(actor, source_id, target, reason=None):
    """:func:`merge` with the original given as typed: its link or number. Returns
    ``(outcome, target_id)``."""
    target_id = parse_duplicate(target)
    if target_id is None:
        raise Invalid(_("Give the link or number of the original complaint."))
    return merge(actor, source_id, target_id, reason), target_id


def merge(actor, source_id, target_id, reason=None):
    """Merge a duplicate into another complaint. Returns "done" or "requested".

    Merging takes the duplicate off the public site, so it follows the removal rule: an
    admin's merge happens at once; another staff member's waits in the queue, the
    duplicate still visible, until a second member of staff or an admin approves it.

    Its answers move to the target; its "affects me too" votes join the target's without
    counting anyone twice (or the target's author); its followers follow the target; its
    own text stays readable on the target as a merged post under its author's name, and
    its URL answers 301 to that post; its author is told why; the target's timeline shows
    the merge.
    """
    require_staff(actor)
    if source_id == target_id:
        raise Invalid(_("A complaint cannot be merged into itself."))
    reason = clean_reason(reason)
    with write_transaction() as session:
        source = locked(Complaint, source_id)
        if source.visibility in ("merged", "deleted"):
            raise Invalid(_("This complaint is already removed or merged."))
        target = merge_target(source.id, target_id)
        if needs_second_opinion(actor, "complaint", "duplicate"):
            refuse_if_request_pending(session, source.id)
            session.add(
                RemovalRequest(
                    complaint_id=source.id,
                    requested_by_id=actor.id,
                    action="merge",
                    reason="duplicate",
                    note=reason,
                    merge_into_id=target.id,
                )
            )
            audit.record(
                session,
                actor,
                "request_merge",
                "complaint",
                source.id,
                reason or "duplicate",
                after={"requested": "merge", "into": target.id},
            )
            return "requested"
        merge_now(session, actor, source, target, reason)
    return "done"


def merge_now(session, actor, source, target, reason):
    before = {"votes": target.vote_count, "answers": target.answer_count}
    session.execute(
        sa.update(Answer).where(Answer.complaint_id == source.id).values(complaint_id=target.id)
    )
    already = sa.select(ComplaintVote.user_id).where(ComplaintVote.complaint_id == target.id)
    movable = sa.select(ComplaintVote.user_id, sa.literal(target.id), ComplaintVote.created_at)
    movable = movable.where(
        ComplaintVote.complaint_id == source.id,
        ComplaintVote.user_id.not_in(already),
    )
    if target.author_id is not None:
        movable = movable.where(ComplaintVote.user_id != target.author_id)
    session.execute(
        sa.insert(ComplaintVote).from_select(["user_id", "complaint_id", "created_at"], movable)
    )
    session.execute(sa.delete(ComplaintVote).where(ComplaintVote.complaint_id == source.id))
    # Duplicates merged into this one before go along, so their text stays readable (and
    # their old URLs lead to it) on the thread that now holds the conversation.
    session.execute(
        sa.update(Complaint)
        .where(Complaint.merged_into_id == source.id, Complaint.visibility == "merged")
        .values(merged_into_id=target.id)
    )
    votes = session.scalar(
        sa.select(sa.func.count()).where(ComplaintVote.complaint_id == target.id)
    )
    answers = session.scalar(
        sa.select(sa.func.count()).where(
            Answer.complaint_id == target.id, Answer.visibility == "visible"
        )
    )
    target.vote_count = votes
    target.answer_count = answers
    target.hot_score = complaint_services.hot_score(votes, answers, target.created_at)
    target.last_activity_at = utcnow()
    source.vote_count = 0
    source.answer_count = 0
    source.merged_into_id = target.id
    set_visibility(session, "complaint", source, "merged", "duplicate", utcnow(), actor)
    signals.complaints_merged.send(
        source, session=session, target=target, actor=actor, reason=reason
    )
    resolve_flags(session, "complaint", source.id, "upheld", utcnow())
    audit.record(
        session,
        actor,
        "merge",
        "complaint",
        source.id,
        reason,
        before,
        {"into": target.id, "votes": votes, "answers": answers},
    )
