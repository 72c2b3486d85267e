"""Member reports: filing one, hiding a post that enough members with standing reported,
and staff dismissing the reports or approving the post."""

import re

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _

from forum import audit, i18n, mail, permissions, settings
from forum.accounts.models import User
from forum.complaints import trust
from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.errors import Conflict, Invalid, PermissionDenied
from forum.extensions import db
from forum.moderation.models import FLAG_REASONS, Flag
from forum.moderation.services.common import (
    get_post,
    require_staff,
    resolve_flags,
    set_visibility,
)
from forum.notifications import services as notifications
from forum.notifications.messages import Message
from forum.uow import write_transaction
from forum.urls import guidelines_path

DETAILS_MAX = 1_000
_THREAD_URL = re.compile(r"/complaints/(\d+)(?:/|$|\?|#)")


def parse_duplicate(link):
    """The complaint id in a link like ``/complaints/12/slug`` or a bare id."""
    link = (link or "").strip()
    if link.isdigit():
        return int(link)
    match = _THREAD_URL.search(link)
    return int(match.group(1)) if match else None


def _weighty_reporters(session, target_type, target_id):
    """The ids of the accounts with an open report on the post whose report counts
    towards hiding it (``trust.has_standing_to_hide``): one statement, however many."""
    return session.scalars(
        sa.select(Flag.user_id)
        .join(User, Flag.user_id == User.id)
        .where(
            Flag.target_type == target_type,
            Flag.target_id == target_id,
            Flag.resolved_at.is_(None),
            trust.has_standing_to_hide(),
        )
        .distinct()
    ).all()


def _shielded_from_reports(session, target_type, post):
    """Staff posts and official answers are never hidden by reports: staff decide."""
    author = session.get(User, post.author_id) if post.author_id else None
    if author is not None and permissions.is_staff(author):
        return True
    if target_type != "answer":
        return False
    official = session.scalar(
        sa.select(Complaint.official_answer_id).where(Complaint.id == post.complaint_id)
    )
    return official == post.id


def flag(user, target_type, target_id, reason, details=None, duplicate_of=None):
    """A member reports a post. Enough distinct members with standing hide it pending
    review, unless it is a staff post or an official answer; every report reaches the
    queue."""
    if not permissions.can_flag(user):
        raise PermissionDenied(permissions.refusal(user, "flag posts"))
    if reason not in FLAG_REASONS:
        raise Invalid(_("Choose a reason for the report."), status=400)
    details = (details or "").strip() or None
    if details and len(details) > DETAILS_MAX:
        raise Invalid(
            _("Keep the details under %(max)s characters.", max=format_number(DETAILS_MAX))
        )
    if reason == "other" and not details:
        raise Invalid(_("Say what is wrong with the post."))
    duplicate_id = None
    if reason == "duplicate":
        duplicate_id = parse_duplicate(duplicate_of)
        original = db.session.get(Complaint, duplicate_id) if duplicate_id else None
        if original is None or not original.is_public:
            raise Invalid(_("Give the link of the original complaint."))
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        if post.author_id == user.id:
            raise PermissionDenied(_("You cannot report your own post."))
        exists = session.scalar(
            sa.select(Flag.id).where(
                Flag.user_id == user.id,
                Flag.target_type == target_type,
                Flag.target_id == target_id,
            )
        )
        if exists:
            raise Conflict(_("You have already reported this post."))
        session.add(
            Flag(
                user_id=user.id,
                target_type=target_type,
                target_id=target_id,
                reason=reason,
                details=details,
                duplicate_of_id=duplicate_id,
            )
        )
        session.flush()
        open_flags = _weighty_reporters(session, target_type, target_id)
        hidden = False
        if (
            post.visibility == "visible"
            and len(open_flags) >= settings.get("flag_threshold")
            and not _shielded_from_reports(session, target_type, post)
        ):
            top = session.execute(
                sa.select(Flag.reason, sa.func.count())
                .where(
                    Flag.target_type == target_type,
                    Flag.target_id == target_id,
                    Flag.resolved_at.is_(None),
                    Flag.user_id.in_(open_flags),
                )
                .group_by(Flag.reason)
                .order_by(sa.func.count().desc(), Flag.reason)
                .limit(1)
            ).first()
            set_visibility(session, target_type, post, "hidden", top[0], utcnow(), None)
            audit.record(
                session,
                None,
                "auto_hide",
                target_type,
                target_id,
                reason=f"{len(open_flags)} members reported it",
                after={"visibility": "hidden"},
            )
            _tell_author(session, target_type, post)
            hidden = True
    return hidden


def _tell_author(session, target_type, post):
    """The author of a post members' reports hid hears why and what happens next."""
    if post.author_id is None:
        return
    author = session.get(User, post.author_id)
    if target_type == "complaint":
        thread, path = post, thread_path(post)
    else:
        thread = session.get(Complaint, post.complaint_id)
        path = thread_path(thread, fragment=f"answer-{post.id}")
    # The notice itself is written in the reader's language when shown; the e-mail's
    # explanation is composed now, in the author's.
    summary = Message(f"{target_type}_hidden", title=thread.title)
    guidelines = guidelines_path()
    with i18n.in_language_of(author):
        details = _(
            "Until staff look at it, only you and staff can see it. Posts are removed only "
            "for spam, abuse, personal data, duplicates or off-topic content; if yours is "
            "none of these, it comes back as it was. You do not need to do anything."
        )
        if guidelines:
            details += " " + _("See the guidelines: %(url)s", url=mail.link(guidelines))
    notifications.notify(session, [author], thread, "post_hidden", summary, path, details=details)


def dismiss_flags(actor, target_type, target_id, reason=None):
    """Staff decide the reports were unfounded; a post hidden by them comes back.

    A post staff hid stays hidden: dismissing reports does not undo a staff decision.
    """
    require_staff(actor)
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        now = utcnow()
        before = audit.snapshot(post, "visibility")
        resolve_flags(session, target_type, target_id, "dismissed", now)
        if post.visibility == "hidden" and post.moderated_at is None:
            set_visibility(session, target_type, post, "visible", None, now, actor)
        audit.record(
            session,
            actor,
            "dismiss_flags",
            target_type,
            target_id,
            reason,
            before,
            audit.snapshot(post, "visibility"),
        )


def approve(actor, target_type, target_id, reason=None):
    """Staff approve a post held for approval or hidden after reports: it is public."""
    require_staff(actor)
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        if post.visibility not in ("pending", "hidden"):
            raise Invalid(_("This post is not waiting for approval."))
        now = utcnow()
        before = audit.snapshot(post, "visibility")
        resolve_flags(session, target_type, target_id, "dismissed", now)
        set_visibility(session, target_type, post, "visible", None, now, actor)
        audit.record(
            session,
            actor,
            "approve",
            target_type,
            target_id,
            reason,
            before,
            audit.snapshot(post, "visibility"),
        )
