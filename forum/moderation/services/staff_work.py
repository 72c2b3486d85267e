"""Staff work on a complaint: assigning it to a colleague, and internal notes."""

from flask_babel import format_number
from flask_babel import gettext as _

from forum import audit
from forum.accounts.models import User
from forum.complaints.models import Complaint
from forum.errors import Invalid
from forum.moderation.models import InternalNote
from forum.moderation.services.common import clean_reason, require_staff
from forum.text import clean_text
from forum.uow import locked, write_transaction

NOTE_MAX = 5_000


def assign(actor, complaint_id, assignee_id, reason=None):
    """Hand a complaint to a colleague (or take it back: ``assignee_id`` None)."""
    require_staff(actor)
    reason = clean_reason(reason)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        assignee = session.get(User, assignee_id) if assignee_id else None
        if assignee_id and (assignee is None or not assignee.is_staff):
            raise Invalid(_("Assign the complaint to a member of staff."))
        before = {"assignee": complaint.assignee_id}
        complaint.assignee_id = assignee.id if assignee else None
        audit.record(
            session,
            actor,
            "assign",
            "complaint",
            complaint.id,
            reason,
            before,
            {"assignee": complaint.assignee_id},
        )


def add_note(actor, complaint_id, body):
    """A staff-only internal note on a complaint."""
    require_staff(actor)
    body = clean_text(body)
    if not body:
        raise Invalid(_("Write the note first."))
    if len(body) > NOTE_MAX:
        raise Invalid(_("Keep notes under %(max)s characters.", max=format_number(NOTE_MAX)))
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        session.add(InternalNote(complaint_id=complaint.id, author_id=actor.id, body=body))
        audit.record(session, actor, "note", "complaint", complaint.id)
