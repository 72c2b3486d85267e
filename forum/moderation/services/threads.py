"""Staff work on a thread: lock and unlock, pin and unpin, move to another category."""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum import audit, signals
from forum.complaints.models import Category, Complaint
from forum.errors import Invalid
from forum.moderation.services.common import clean_reason, require_staff, send_post_changed
from forum.uow import locked, write_transaction


def _toggle(actor, complaint_id, field, value, reason):
    require_staff(actor)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        before = {field: getattr(complaint, field)}
        setattr(complaint, field, value)
        action = {
            ("locked", True): "lock",
            ("locked", False): "unlock",
            ("pinned", True): "pin",
            ("pinned", False): "unpin",
        }[(field, value)]
        audit.record(
            session, actor, action, "complaint", complaint.id, reason, before, {field: value}
        )
        send_post_changed(session, "complaint", complaint, actor)  # the thread and lists show it


def set_locked(actor, complaint_id, value, reason=None):
    """A locked thread takes no new answers or votes."""
    _toggle(actor, complaint_id, "locked", bool(value), reason)


def set_pinned(actor, complaint_id, value, reason=None):
    _toggle(actor, complaint_id, "pinned", bool(value), reason)


def move(actor, complaint_id, category_id, reason=None):
    """Move a complaint to another category; ``reason`` goes into the audit entry."""
    require_staff(actor)
    reason = clean_reason(reason)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        category = session.get(Category, category_id)
        if category is None:
            raise Invalid(_("Choose a category."))
        if category.id == complaint.category_id:
            raise Invalid(_("The complaint is already in that category."))
        before = {"category": complaint.category.slug}
        old_category_id = complaint.category_id
        if complaint.visibility == "visible":
            for cid, delta in ((complaint.category_id, -1), (category.id, 1)):
                session.execute(
                    sa.update(Category)
                    .where(Category.id == cid)
                    .values(complaint_count=Category.complaint_count + delta)
                )
        complaint.category_id = category.id
        signals.complaint_moved.send(
            complaint, session=session, old_category_id=old_category_id, actor=actor
        )
        audit.record(
            session,
            actor,
            "move",
            "complaint",
            complaint.id,
            reason,
            before,
            {"category": category.slug},
        )
