"""Moderation use cases. Each is one service call in one transaction, with its audit entry.

Removal is transparent: a hidden or deleted post leaves a public placeholder saying
whether staff removed it (and for which reason category) or member reports hid it pending
review. A staff member cannot take a complaint off the site on their own unless it is spam
or exposes personal data: any other removal, and any merge, waits, visible, for a second
staff member or an admin to approve it in the queue.
"""

import re
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum import audit, markup, permissions, signals
from forum.accounts.models import User
from forum.complaints import services as complaint_services
from forum.complaints import trust
from forum.complaints.models import Answer, Category, Complaint, ComplaintVote
from forum.complaints.revisions import keep_revision
from forum.db import utcnow
from forum.errors import Conflict, Invalid, PermissionDenied
from forum.extensions import db
from forum.moderation.models import (
    FLAG_REASONS,
    REMOVAL_REASONS,
    SINGLE_STAFF_REMOVAL_REASONS,
    Flag,
    InternalNote,
    RemovalRequest,
)
from forum.text import clean_text, slugify
from forum.uow import locked, write_transaction

NOTE_MAX = 5_000
REASON_MAX = 500
DETAILS_MAX = 1_000
_THREAD_URL = re.compile(r"/complaints/(\d+)(?:/|$|\?|#)")


def _require_staff(actor):
    if not permissions.is_staff(actor):
        raise PermissionDenied("Only staff can do that.")


def _target(target_type, target_id, lock=False):
    model = {"complaint": Complaint, "answer": Answer}.get(target_type)
    if model is None:
        raise Invalid("Unknown kind of post.", status=400)
    post = locked(model, target_id) if lock else db.session.get(model, target_id)
    if post is None:
        raise Invalid("That post does not exist.", status=404)
    return post


def _post_changed(session, target_type, post, actor):
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


def _set_visibility(session, target_type, post, visibility, reason, now, actor):
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
    _post_changed(session, target_type, post, actor)


def _resolve_flags(session, target_type, target_id, resolution, now, reason=None):
    """Close the open reports on a post (only those for ``reason``, when given)."""
    statement = sa.update(Flag).where(
        Flag.target_type == target_type,
        Flag.target_id == target_id,
        Flag.resolved_at.is_(None),
    )
    if reason is not None:
        statement = statement.where(Flag.reason == reason)
    session.execute(statement.values(resolved_at=now, resolution=resolution))


def _clean_reason(reason):
    """An optional free-text reason for the audit log, trimmed and bounded."""
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX:
        raise Invalid(f"Keep the reason under {REASON_MAX:,} characters.")
    return reason or None


# --- Flags -----------------------------------------------------------------------------


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
        raise Invalid("Choose a reason for the report.", status=400)
    details = (details or "").strip() or None
    if details and len(details) > DETAILS_MAX:
        raise Invalid(f"Keep the details under {DETAILS_MAX:,} characters.")
    if reason == "other" and not details:
        raise Invalid("Say what is wrong with the post.")
    duplicate_id = None
    if reason == "duplicate":
        duplicate_id = parse_duplicate(duplicate_of)
        original = db.session.get(Complaint, duplicate_id) if duplicate_id else None
        if original is None or not original.is_public:
            raise Invalid("Give the link of the original complaint.")
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        if post.author_id == user.id:
            raise PermissionDenied("You cannot report your own post.")
        exists = session.scalar(
            sa.select(Flag.id).where(
                Flag.user_id == user.id,
                Flag.target_type == target_type,
                Flag.target_id == target_id,
            )
        )
        if exists:
            raise Conflict("You have already reported this post.")
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
            and len(open_flags) >= current_app.config["FLAG_THRESHOLD"]
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
            _set_visibility(session, target_type, post, "hidden", top[0], utcnow(), None)
            audit.record(
                session,
                None,
                "auto_hide",
                target_type,
                target_id,
                reason=f"{len(open_flags)} members reported it",
                after={"visibility": "hidden"},
            )
            hidden = True
    return hidden


def dismiss_flags(actor, target_type, target_id, reason=None):
    """Staff decide the reports were unfounded; a post hidden by them comes back.

    A post staff hid stays hidden: dismissing reports does not undo a staff decision.
    """
    _require_staff(actor)
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        now = utcnow()
        before = audit.snapshot(post, "visibility")
        _resolve_flags(session, target_type, target_id, "dismissed", now)
        if post.visibility == "hidden" and post.moderated_at is None:
            _set_visibility(session, target_type, post, "visible", None, now, actor)
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
    _require_staff(actor)
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        if post.visibility not in ("pending", "hidden"):
            raise Invalid("This post is not waiting for approval.")
        now = utcnow()
        before = audit.snapshot(post, "visibility")
        _resolve_flags(session, target_type, target_id, "dismissed", now)
        _set_visibility(session, target_type, post, "visible", None, now, actor)
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


# --- Removal, with the second opinion for complaints -----------------------------------


def needs_second_opinion(actor, target_type, reason):
    """Taking a complaint off the site alone is for admins, or for spam and personal data.

    A merge counts as a removal for "duplicate": it takes the complaint off the site too.
    """
    return (
        target_type == "complaint"
        and reason not in SINGLE_STAFF_REMOVAL_REASONS
        and not permissions.is_admin(actor)
    )


def _refuse_if_request_pending(session, complaint_id):
    pending = session.scalar(
        sa.select(RemovalRequest.action).where(
            RemovalRequest.complaint_id == complaint_id, RemovalRequest.decided_at.is_(None)
        )
    )
    if pending:
        what = "merge" if pending == "merge" else "removal"
        raise Conflict(f"A {what} of this complaint is already waiting for approval.")


def remove(actor, target_type, target_id, action, reason, note=None):
    """Hide or soft-delete a post. Returns "done" or "requested" (awaiting approval).

    ``reason`` is one of the public reason categories (``REMOVAL_REASONS``): the
    placeholder names it, so "other" is not a reason to remove a post.
    """
    _require_staff(actor)
    if action not in ("hide", "delete"):
        raise Invalid("Hide or delete?", status=400)
    if reason not in REMOVAL_REASONS:
        raise Invalid(
            "Choose the reason for the removal: spam, abuse, personal data, duplicate or "
            "off-topic.",
            status=400,
        )
    note = (note or "").strip() or None
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        if post.visibility in ("deleted", "merged"):
            raise Invalid("This post is already removed.")
        if needs_second_opinion(actor, target_type, reason):
            _refuse_if_request_pending(session, post.id)
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
        _remove_now(session, actor, target_type, post, action, reason, note)
    return "done"


def _remove_now(session, actor, target_type, post, action, reason, note):
    now = utcnow()
    before = audit.snapshot(post, "visibility", "moderation_reason")
    visibility = "hidden" if action == "hide" else "deleted"
    _set_visibility(session, target_type, post, visibility, reason, now, actor)
    _resolve_flags(session, target_type, post.id, "upheld", now)
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


def decide_removal(actor, request_id, approve_it, note=None):
    """A second staff member (not the requester) or an admin decides a removal or merge."""
    _require_staff(actor)
    with write_transaction() as session:
        request = session.get(RemovalRequest, request_id)
        if request is None or request.decided_at is not None:
            raise Invalid("This request has already been decided.")
        if request.requested_by_id == actor.id and not permissions.is_admin(actor):
            raise PermissionDenied("A second staff member has to approve your own request.")
        request.decided_by_id = actor.id
        request.decided_at = utcnow()
        request.decision = "approved" if approve_it else "rejected"
        post = locked(Complaint, request.complaint_id)
        if approve_it and post.visibility in ("deleted", "merged"):
            raise Invalid("This complaint has already been removed or merged: keep it instead.")
        if approve_it and request.action == "merge":
            target = _merge_target(post.id, request.merge_into_id)
            _merge_now(session, actor, post, target, note or request.note)
        elif approve_it:
            _remove_now(
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


def restore(actor, target_type, target_id, reason=None):
    """Bring back a hidden or deleted post."""
    _require_staff(actor)
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        if post.visibility not in ("hidden", "deleted", "pending"):
            raise Invalid("This post is not removed.")
        before = audit.snapshot(post, "visibility", "moderation_reason")
        _set_visibility(session, target_type, post, "visible", None, utcnow(), actor)
        _resolve_flags(session, target_type, target_id, "dismissed", utcnow())
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


# --- Threads ---------------------------------------------------------------------------


def _toggle(actor, complaint_id, field, value, reason):
    _require_staff(actor)
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
        _post_changed(session, "complaint", complaint, actor)  # the thread and the lists show it


def set_locked(actor, complaint_id, value, reason=None):
    """A locked thread takes no new answers or votes."""
    _toggle(actor, complaint_id, "locked", bool(value), reason)


def set_pinned(actor, complaint_id, value, reason=None):
    _toggle(actor, complaint_id, "pinned", bool(value), reason)


def move(actor, complaint_id, category_id, reason=None):
    """Move a complaint to another category; ``reason`` goes into the audit entry."""
    _require_staff(actor)
    reason = _clean_reason(reason)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        category = session.get(Category, category_id)
        if category is None:
            raise Invalid("Choose a category.")
        if category.id == complaint.category_id:
            raise Invalid("The complaint is already in that category.")
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


def _merge_target(source_id, target_id):
    target = db.session.get(Complaint, target_id) if target_id else None
    if target is None:
        raise Invalid("There is no complaint with that number.", status=404)
    if target.id == source_id:
        raise Invalid("A complaint cannot be merged into itself.")
    target = locked(Complaint, target.id)
    if not target.is_public:
        raise Invalid("Merge into a public complaint.")
    return target


def merge_into(actor, source_id, target, reason=None):
    """:func:`merge` with the original given as typed: its link or number. Returns
    ``(outcome, target_id)``."""
    target_id = parse_duplicate(target)
    if target_id is None:
        raise Invalid("Give the link or number of the original complaint.")
    return merge(actor, source_id, target_id, reason), target_id


def merge(actor, source_id, target_id, reason=None):
    """Merge a duplicate into another complaint. Returns "done" or "requested".

    Merging takes the duplicate off the public site, so it follows the removal rule: an
    admin's merge happens at once; another staff member's waits in the queue, the
    duplicate still visible, until a second member of staff or an admin approves it.

    Its answers move to the target; its "affects me too" votes join the target's without
    counting anyone twice (or the target's author); its followers follow the target; its
    URL answers 301 to the target.
    """
    _require_staff(actor)
    if source_id == target_id:
        raise Invalid("A complaint cannot be merged into itself.")
    reason = _clean_reason(reason)
    with write_transaction() as session:
        source = locked(Complaint, source_id)
        if source.visibility in ("merged", "deleted"):
            raise Invalid("This complaint is already removed or merged.")
        target = _merge_target(source.id, target_id)
        if needs_second_opinion(actor, "complaint", "duplicate"):
            _refuse_if_request_pending(session, source.id)
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
        _merge_now(session, actor, source, target, reason)
    return "done"


def _merge_now(session, actor, source, target, reason):
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
    votes = session.scalar(
        sa.select(sa.func.count()).where(ComplaintVote.complaint_id == target.id)
    )
    answers = session.scalar(
        sa.select(sa.func.count()).where(
            Answer.complaint_id == target.id, Answer.visibility == "visible"
        )
    )
    from forum.complaints.services import hot_score

    target.vote_count = votes
    target.answer_count = answers
    target.hot_score = hot_score(votes, answers, target.created_at)
    target.last_activity_at = utcnow()
    source.vote_count = 0
    source.answer_count = 0
    source.merged_into_id = target.id
    _set_visibility(session, "complaint", source, "merged", "duplicate", utcnow(), actor)
    signals.complaints_merged.send(source, session=session, target=target, actor=actor)
    _resolve_flags(session, "complaint", source.id, "upheld", utcnow())
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


def _refuse_blanking(target_type, body, title):
    """An edit keeps a post readable: the same lengths as for its author, and some text.

    Taking a post's content away is a removal, and removals go through the removal rule
    (and its second opinion for complaints), never through an edit.
    """
    if target_type == "complaint":
        low, high = complaint_services.BODY_MIN, complaint_services.BODY_MAX
        if title and not (
            complaint_services.TITLE_MIN <= len(title) <= complaint_services.TITLE_MAX
        ):
            raise Invalid(
                f"A title needs {complaint_services.TITLE_MIN} to "
                f"{complaint_services.TITLE_MAX} characters. To take a complaint off the "
                "site, use hide or delete."
            )
    else:
        low, high = complaint_services.ANSWER_MIN, complaint_services.ANSWER_MAX
    if len(body) > high:
        raise Invalid(f"Keep the text under {high:,} characters.")
    if len(body) < low or len(markup.plain_text(body)) < low:
        raise Invalid(
            f"The text needs at least {low} readable characters: an edit cannot empty a "
            "post. To take it off the site, use hide or delete."
        )


def edit_post(actor, target_type, target_id, body, title=None, reason=None):
    """Staff edit any post; the previous version is kept and the public sees "edited".

    An edit cannot empty the title or the text (:func:`_refuse_blanking`).
    """
    _require_staff(actor)
    body = clean_text(body)
    title = " ".join((title or "").split()) if target_type == "complaint" else ""
    _refuse_blanking(target_type, body, title)
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        keep_revision(session, target_type, post, actor)
        before = {"body": post.body_source}
        post.body_source = body
        post.body_html = markup.render(body)
        if target_type == "complaint":
            if title:
                before["title"] = post.title
                post.title = title
            post.excerpt = markup.plain_text(body, 280)
        post.edited_at = utcnow()
        _post_changed(session, target_type, post, actor)
        audit.record(
            session,
            actor,
            "edit",
            target_type,
            target_id,
            reason,
            before,
            {"body": body, **({"title": post.title} if title else {})},
        )


def redact(actor, target_type, target_id, body, title=None, reason=None):
    """Staff replace personal data exposed in a post with the redacted text they give.

    The original is kept only as a ``PostRevision``, which only staff can read. The audit
    entry says the body was redacted, with lengths and that revision's id, and never
    copies the original text (the log is read more widely than a revision). Open
    "personal data" reports on the post are resolved as upheld; other reports stay open.
    """
    _require_staff(actor)
    body = clean_text(body)
    if len(body) < 2:
        raise Invalid("Give the redacted text: it cannot be empty.")
    title = " ".join((title or "").split())[:150] or None
    reason = _clean_reason(reason)
    with write_transaction() as session:
        post = _target(target_type, target_id, lock=True)
        new_title = title if target_type == "complaint" and title != post.title else None
        if new_title is not None and len(new_title) < 10:
            raise Invalid("A title needs at least 10 characters.")
        if body == post.body_source and new_title is None:
            raise Invalid("Nothing changed: replace the personal data in the text first.")
        revision = keep_revision(session, target_type, post, actor)
        session.flush()
        before = {"revision": revision.id, "body_length": len(post.body_source)}
        post.body_source = body
        post.body_html = markup.render(body)
        if target_type == "complaint":
            post.excerpt = markup.plain_text(body, 280)
            if new_title is not None:
                before["title_length"] = len(post.title)
                post.title = new_title
                post.slug = slugify(new_title)
        post.edited_at = utcnow()
        _resolve_flags(session, target_type, post.id, "upheld", utcnow(), reason="personal_data")
        _post_changed(session, target_type, post, actor)
        after = {"body": "redacted", "body_length": len(body)}
        if new_title is not None:
            after["title"] = "redacted"
        audit.record(
            session,
            actor,
            "redact",
            target_type,
            post.id,
            reason or "body redacted",
            before,
            after,
        )
    return post


# --- Staff work on a complaint ---------------------------------------------------------


def assign(actor, complaint_id, assignee_id, reason=None):
    """Hand a complaint to a colleague (or take it back: ``assignee_id`` None)."""
    _require_staff(actor)
    reason = _clean_reason(reason)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        assignee = session.get(User, assignee_id) if assignee_id else None
        if assignee_id and (assignee is None or not assignee.is_staff):
            raise Invalid("Assign the complaint to a member of staff.")
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
    _require_staff(actor)
    body = clean_text(body)
    if not body:
        raise Invalid("Write the note first.")
    if len(body) > NOTE_MAX:
        raise Invalid(f"Keep notes under {NOTE_MAX:,} characters.")
    with write_transaction() as session:
        complaint = locked(Complaint, complaint_id)
        session.add(InternalNote(complaint_id=complaint.id, author_id=actor.id, body=body))
        audit.record(session, actor, "note", "complaint", complaint.id)


# --- Accounts --------------------------------------------------------------------------


def _account_action(actor, user_id, action, reason, change, admin_only=False):
    if admin_only and not permissions.is_admin(actor):
        raise PermissionDenied("Only admins can do that.")
    _require_staff(actor)
    with write_transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise Invalid("No such account.", status=404)
        if user.id == actor.id:
            raise PermissionDenied("You cannot do that to your own account.")
        if user.is_staff and not permissions.is_admin(actor):
            raise PermissionDenied("Only admins can act on staff accounts.")
        before = _account_state(user)
        change(session, user)
        audit.record(session, actor, action, "user", user.id, reason, before, _account_state(user))
    return user


def _account_state(user):
    return {
        "role": user.role,
        "banned": bool(getattr(user, "banned", False)),
        "suspended_until": user.suspended_until.isoformat()
        if getattr(user, "suspended_until", None)
        else None,
    }


def suspend_for(actor, user_id, days, reason):
    """Suspend a member for ``days`` days from now (the form's choice)."""
    return suspend(actor, user_id, utcnow() + timedelta(days=days), reason)


def suspend(actor, user_id, until, reason):
    from forum.accounts import services as accounts

    if not (reason or "").strip():
        raise Invalid("Give the member a reason.")
    if until <= utcnow():
        raise Invalid("The suspension must end in the future.")
    return _account_action(
        actor, user_id, "suspend", reason, lambda s, u: accounts.suspend(s, u, until, reason)
    )


def ban(actor, user_id, reason):
    from forum.accounts import services as accounts

    if not (reason or "").strip():
        raise Invalid("Give the member a reason.")
    return _account_action(actor, user_id, "ban", reason, lambda s, u: accounts.ban(s, u, reason))


def lift_suspension(actor, user_id, reason=None):
    from forum.accounts import services as accounts

    return _account_action(
        actor, user_id, "lift_suspension", reason, lambda s, u: accounts.lift_suspension(s, u)
    )


def change_role(actor, user_id, role, reason=None):
    """Admins change a member's role; ``reason`` goes into the audit entry."""
    from forum.accounts import services as accounts
    from forum.accounts.models import ROLES

    if role not in ROLES:
        raise Invalid("Unknown role.", status=400)
    return _account_action(
        actor,
        user_id,
        "change_role",
        _clean_reason(reason),
        lambda s, u: accounts.change_role(s, u, role),
        admin_only=True,
    )
