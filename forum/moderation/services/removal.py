"""Hiding, deleting and restoring a post, and the removal rule: a staff member who is not
an admin takes a complaint off the site alone only for spam or personal data; any other
removal waits, the complaint visible, as a ``RemovalRequest`` for a second opinion."""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum import audit, permissions
from forum.db import utcnow
from forum.errors import Conflict, Invalid
from forum.moderation.models import REMOVAL_REASONS, SINGLE_STAFF_REMOVAL_REASONS, RemovalRequest
from forum.moderation.services.common import (
    get_post,
    require_staff,
    resolve_flags,
    set_visibility,
)
from forum.uow import write_transaction


def needs_second_opinion(actor, target_type, reason):
    """Taking a complaint off the site alone is for admins, or for spam and personal data.

    A merge counts as a removal for "duplicate": it takes the complaint off the site too.
    """
    return (
        target_type == "complaint"
        and reason not in SINGLE_STAFF_REMOVAL_REASONS
        and not permissions.is_admin(actor)
    )


def refuse_if_request_pending(session, complaint_id):
    pending = session.scalar(
        sa.select(RemovalRequest.action).where(
            RemovalRequest.complaint_id == complaint_id, RemovalRequest.decided_at.is_(None)
        )
    )
    if pending:
        if pending == "merge":
            raise Conflict(_("A merge of this complaint is already waiting for approval."))
        raise Conflict(_("A removal of this complaint is already waiting for approval."))


def remove(actor, target_type, target_id, action, reason, note=None):
    """Hide or soft-delete a post. Returns "done" or "requested" (awaiting approval).

    ``reason`` is one of the public reason categories (``REMOVAL_REASONS``): the
    placeholder names it, so "other" is not a reason to remove a post.
    """
    require_staff(actor)
    if action not in ("hide", "delete"):
        raise Invalid(_("Hide or delete?"), status=400)
    if reason not in REMOVAL_REASONS:
        raise Invalid(
            _(
                "Choose the reason for the removal: spam, abuse, personal data, duplicate "
                "or off-topic."
            ),
            status=400,
        )
    note = (note or "").strip() or None
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        if post.visibility in ("deleted", "merged"):
            raise Invalid(_("This post is already removed."))
        if needs_second_opinion(actor, target_type, reason):
            refuse_if_request_pending(session, post.id)
            session.add(
                RemovalRequest(
                    complaint_id=post.id,
                    requested_by_id=actor.id,
                    action=action,
                    reason=reason,
                    note=note,
                )
            )
            audit.record(
                session,
                actor,
                f"request_{action}",
                target_type,
                target_id,
                note or reason,
                after={"requested": action, "reason": reason},
            )
            return "requested"
        remove_now(session, actor, target_type, post, action, reason, note)
    return "done"


def remove_now(session, actor, target_type, post, action, reason, note):
    now = utcnow()
    before = audit.snapshot(post, "visibility", "moderation_reason")
    visibility = "hidden" if action == "hide" else "deleted"
    set_visibility(session, target_type, post, visibility, reason, now, actor)
    resolve_flags(session, target_type, post.id, "upheld", now)
    audit.record(
        session,
        actor,
        action,
        target_type,
        post.id,
        note or reason,
        before,
        audit.snapshot(post, "visibility", "moderation_reason"),
    )


def restore(actor, target_type, target_id, reason=None):
    """Bring back a hidden or deleted post."""
    require_staff(actor)
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        if post.visibility not in ("hidden", "deleted", "pending"):
            raise Invalid(_("This post is not removed."))
        before = audit.snapshot(post, "visibility", "moderation_reason")
        set_visibility(session, target_type, post, "visible", None, utcnow(), actor)
        resolve_flags(session, target_type, target_id, "dismissed", utcnow())
        audit.record(
            session,
            actor,
            "restore",
            target_type,
            target_id,
            reason,
            before,
            audit.snapshot(post, "visibility", "moderation_reason"),
        )
