"""The second opinion: another member of staff, or an admin, decides a removal or merge
request waiting in the queue."""

from flask_babel import gettext as _

from forum import audit, permissions
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.moderation.models import RemovalRequest
from forum.moderation.services.common import require_staff
from forum.moderation.services.merges import merge_now, merge_target
from forum.moderation.services.removal import remove_now
from forum.uow import locked, write_transaction


def decide_removal(actor, request_id, approve_it, note=None):
    """A second staff member (not the requester) or an admin decides a removal or merge."""
    require_staff(actor)
    with write_transaction() as session:
        request = session.get(RemovalRequest, request_id)
        if request is None or request.decided_at is not None:
            raise Invalid(_("This request has already been decided."))
        if request.requested_by_id == actor.id and not permissions.is_admin(actor):
            raise PermissionDenied(_("A second staff member has to approve your own request."))
        request.decided_by_id = actor.id
        request.decided_at = utcnow()
        request.decision = "approved" if approve_it else "rejected"
        post = locked(Complaint, request.complaint_id)
        if approve_it and post.visibility in ("deleted", "merged"):
            raise Invalid(_("This complaint has already been removed or merged: keep it instead."))
        if approve_it and request.action == "merge":
            target = merge_target(post.id, request.merge_into_id)
            merge_now(session, actor, post, target, note or request.note)
        elif approve_it:
            remove_now(
                session,
                actor,
                "complaint",
                post,
                request.action,
                request.reason,
                note or request.note,
            )
        else:
            audit.record(
                session,
                actor,
                f"reject_{request.action}",
                "complaint",
                post.id,
                note,
                after={"request": request.id},
            )
