"""What every moderation use case shares: the staff check, finding the post acted on,
changing who sees it (with the counts that follow), closing its reports, and the reason
recorded in the audit log."""

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _

from forum import permissions, signals
from forum.accounts.models import User
from forum.complaints import services as complaint_services
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.moderation.models import Flag
from forum.uow import locked

REASON_MAX = 500


def require_staff(actor):
    if not permissions.is_staff(actor):
        raise PermissionDenied(_("Only staff can do that."))


def get_post(target_type, target_id, lock=False):
    model = {"complaint": Complaint, "answer": Answer}.get(target_type)
    if model is None:
        raise Invalid(_("Unknown kind of post."), status=400)
    post = locked(model, target_id) if lock else db.session.get(model, target_id)
    if post is None:
        raise Invalid(_("That post does not exist."), status=404)
    return post


def send_post_changed(session, target_type, post, actor):
    """Tell the receivers a post changed, with the thread it belongs to."""
    thread = post if target_type == "complaint" else session.get(Complaint, post.complaint_id)
    signals.post_changed.send(post, session=session, complaint=thread, actor=actor)


def _category_delta(session, complaint, old, new):
    """Keep per-category counts of public complaints as visibility changes."""
    if (old == "visible") == (new == "visible"):
        return
    delta = 1 if new == "visible" else -1
    session.execute(
        sa.update(Category)
        .where(Category.id == complaint.category_id)
        .values(complaint_count=Category.complaint_count + delta)
    )


def _answer_delta(session, answer, old, new):
    """Keep the public answer count of a thread as answers are hidden and restored."""
    if (old == "visible") == (new == "visible"):
        return
    if old == "pending":  # approved: published for the first time, as if just posted
        author = session.get(User, answer.author_id) if answer.author_id else None
        if author is not None:
            complaint_services.publish_answer(session, answer, author, utcnow())
            return
    complaint_services.change_answer_count(
        session, answer.complaint_id, 1 if new == "visible" else -1
    )


def set_visibility(session, target_type, post, visibility, reason, now, actor):
    """Change who sees a post, keeping counts in step; ``post_changed`` tells the rest.

    ``actor`` is the member of staff who decided, or None when member reports hid the
    post automatically: ``moderated_at`` records it (the time staff decided, or None). The
    public placeholder reads "removed by staff" or "hidden pending review after reports
    from members" from it.
    """
    old = post.visibility
    post.visibility = visibility
    post.moderation_reason = reason if visibility != "visible" else None
    post.moderated_at = now if actor is not None else None
    if target_type == "complaint":
        _category_delta(session, post, old, visibility)
    else:
        _answer_delta(session, post, old, visibility)
    send_post_changed(session, target_type, post, actor)


def resolve_flags(session, target_type, target_id, resolution, now, reason=None):
    """Close the open reports on a post (only those for ``reason``, when given)."""
    statement = sa.update(Flag).where(
        Flag.target_type == target_type,
        Flag.target_id == target_id,
        Flag.resolved_at.is_(None),
    )
    if reason is not None:
        statement = statement.where(Flag.reason == reason)
    session.execute(statement.values(resolved_at=now, resolution=resolution))


def clean_reason(reason):
    """An optional free-text reason for the audit log, trimmed and bounded."""
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX:
        raise Invalid(_("Keep the reason under %(max)s characters.", max=format_number(REASON_MAX)))
    return reason or None
