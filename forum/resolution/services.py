"""The resolution loop's use cases: official answers, solutions, status, reviews."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_date, format_number, ngettext
from flask_babel import gettext as _

from forum import audit, i18n, mail, permissions, settings, signals
from forum.accounts.models import User
from forum.complaints.links import thread_path
from forum.complaints.models import Complaint, ComplaintVote
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.notifications import services as notifications
from forum.notifications.messages import Message
from forum.resolution import mail_checks
from forum.resolution.models import AffectedFeedback, ComplaintEvent, ReviewPrompt, ReviewRevision
from forum.statuses import CLOSED_STATUSES, STATUSES
from forum.text import clean_text
from forum.uow import locked, write_transaction
from forum.urls import path_for

NOTE_MAX = 2_000
REVIEW_MAX = 5_000

# The same neutral words for every resolved complaint: staff cannot word or trigger it
# (the notification's sentence "review", forum/notifications/messages.py; the demo's text).
REVIEW_PROMPT = (
    "“{title}” is marked resolved. If you like, you can revise the review you left: "
    "your rating, a few words, and whether you would do business with us again. "
    "You can also leave it as it is."
)


def _too_long(what, limit):
    limit = format_number(limit)
    if what == "note":
        return _("The note must be at most %(limit)s characters.", limit=limit)
    if what == "reason":
        return _("The reason must be at most %(limit)s characters.", limit=limit)
    return _("The review must be at most %(limit)s characters.", limit=limit)


def _clean(text, limit, what):
    """``what`` is "note", "reason" or "review" (which words a refusal uses)."""
    text = clean_text(text)
    if len(text) > limit:
        raise Invalid(_too_long(what, limit))
    return text or None


def _staff_touch(complaint, actor, now):
    if permissions.is_staff(actor):
        complaint.staff_updated_at = now
        if complaint.first_staff_response_at is None:
            complaint.first_staff_response_at = now


def _event(session, complaint, actor, kind, now, **fields):
    session.add(
        ComplaintEvent(
            complaint_id=complaint.id,
            actor_id=actor.id if actor else None,
            kind=kind,
            created_at=now,
            **fields,
        )
    )
    complaint.last_activity_at = now


def _audit(session, actor, action, complaint, reason=None, before=None, after=None):
    """A staff action goes to the audit log, in the action's own transaction."""
    if permissions.is_staff(actor):
        audit.record(session, actor, action, "complaint", complaint.id, reason, before, after)


def _tell_followers(session, complaint, actor, kind, message, path=None):
    return notifications.notify(
        session,
        notifications.followers(session, complaint.id),
        complaint,
        kind,
        message,
        path or thread_path(complaint),
        exclude=actor,
    )


def _wanted(current, wanted):
    """The state a one-button toggle asks for: ``wanted`` when the form said it (so a
    repeated or concurrent request asks for the same state again), else the other one."""
    return (not current) if wanted is None else bool(wanted)


def mark_official(actor, answer, at=None, mark=None):
    """Mark a staff answer as the official answer (``mark`` True), unmark it (False), or
    toggle (None). Returns whether it is marked.

    Decided under the complaint's row lock: asking for the state the answer is already in
    changes nothing and writes no event, audit entry or notification, so a double click
    or six requests at once mark it once.
    """
    if not permissions.can_mark_official(actor, answer):
        raise PermissionDenied(_("Only staff can mark a staff answer as the official answer."))
    with write_transaction() as session:
        now = at or utcnow()
        complaint = locked(Complaint, answer.complaint_id)
        is_official = complaint.official_answer_id == answer.id
        marking = _wanted(is_official, mark)
        if marking == is_official:
            return marking
        before = {"official_answer": complaint.official_answer_id}
        complaint.official_answer_id = answer.id if marking else None
        _staff_touch(complaint, actor, now)
        _audit(
            session,
            actor,
            "official" if marking else "unofficial",
            complaint,
            before=before,
            after={"official_answer": complaint.official_answer_id},
        )
        _event(
            session,
            complaint,
            actor,
            "official" if marking else "unofficial",
            now,
            answer_id=answer.id,
        )
        signals.answer_marked.send(
            answer, session=session, complaint=complaint, kind="official", on=marking
        )
        if marking:
            _tell_followers(
                session,
                complaint,
                actor,
                "official",
                Message("official", title=complaint.title),
                thread_path(complaint, fragment=f"answer-{answer.id}"),
            )
    return marking


def accept_answer(actor, answer, at=None, accept=None):
    """Mark the accepted solution (``accept`` True; the thread counts as solved), unmark
    it (False), or toggle (None). Returns whether it is accepted.

    Like :func:`mark_official`, asking for the current state changes and writes nothing.
    """
    complaint = answer.complaint
    if not permissions.can_accept(actor, complaint):
        raise PermissionDenied(
            _("Only the author of the complaint or staff can accept a solution.")
        )
    if not answer.is_public:
        raise Invalid(_("This answer is not public and cannot be the solution."))
    with write_transaction() as session:
        now = at or utcnow()
        complaint = locked(Complaint, answer.complaint_id)
        is_accepted = complaint.accepted_answer_id == answer.id
        accepting = _wanted(is_accepted, accept)
        if accepting == is_accepted:
            return accepting
        before = {"accepted_answer": complaint.accepted_answer_id}
        complaint.accepted_answer_id = answer.id if accepting else None
        complaint.solved_at = now if accepting else None
        _staff_touch(complaint, actor, now)
        _audit(
            session,
            actor,
            "accept" if accepting else "unaccept",
            complaint,
            before=before,
            after={"accepted_answer": complaint.accepted_answer_id},
        )
        _event(
            session,
            complaint,
            actor,
            "accepted" if accepting else "unaccepted",
            now,
            answer_id=answer.id,
        )
        signals.answer_marked.send(
            answer, session=session, complaint=complaint, kind="accepted", on=accepting
        )
        if accepting:
            _tell_followers(
                session,
                complaint,
                actor,
                "accepted",
                Message("accepted", title=complaint.title),
                thread_path(complaint, fragment=f"answer-{answer.id}"),
            )
    return accepting


def _parse_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("Give the promised date as YYYY-MM-DD."), field="promised_date") from None


def change_status(actor, complaint, status, note=None, promised_date=None, at=None):
    """Move a complaint through the workflow and/or set its promised resolution date.

    Staff may make any move and set the promised date; the author may mark the complaint
    resolved and reopen it (``open``) within the reopen window. Every change is an event
    on the public timeline and is announced to the thread's followers.
    """
    now = at or utcnow()
    note = _clean(note, NOTE_MAX, "note")
    promised = _parse_date(promised_date)
    window = current_app.config["REOPEN_WINDOW_DAYS"]
    if status not in STATUSES:
        raise Invalid(_("Choose one of the statuses."), status=400)
    with write_transaction() as session:
        complaint = locked(Complaint, complaint.id)
        old = complaint.status
        status_changes = status != complaint.status
        date_changes = promised is not None and promised != complaint.promised_date
        if promised is not None and not permissions.can_set_promised_date(actor):
            raise PermissionDenied(_("Only staff can promise a resolution date."))
        if status_changes and status not in permissions.status_moves(actor, complaint, now, window):
            if permissions.is_author(actor, complaint) and status == "open":
                raise PermissionDenied(
                    ngettext(
                        "A complaint can be reopened by its author within %(num)d day.",
                        "A complaint can be reopened by its author within %(num)d days.",
                        window,
                    )
                )
            raise PermissionDenied(_("You cannot move this complaint to that status."))
        if not status_changes and not date_changes:
            raise Invalid(_("Nothing changed: choose a new status or a new promised date."))
        if date_changes and promised < now.date():
            raise Invalid(
                _(
                    "The promised date %(date)s is in the past: choose today or a later date.",
                    date=format_date(promised, "d MMM y"),
                ),
                field="promised_date",
            )
        if date_changes and complaint.promised_date is not None and not note:
            raise Invalid(_("Moving a promised date needs a note explaining why."))

        _staff_touch(complaint, actor, now)
        if date_changes:
            _audit(
                session,
                actor,
                "promise",
                complaint,
                note,
                {"promised_date": _iso(complaint.promised_date)},
                {"promised_date": _iso(promised)},
            )
            _event(
                session,
                complaint,
                actor,
                "promise",
                now,
                old_date=complaint.promised_date,
                new_date=promised,
                note=note,
            )
            complaint.promised_date = promised
            if not status_changes:
                _tell_followers(
                    session,
                    complaint,
                    actor,
                    "promise",
                    Message("promise", title=complaint.title, date=promised.isoformat()),
                )
        if status_changes:
            _apply_status(
                session, complaint, actor, status, note if not date_changes else None, now
            )
        signals.status_changed.send(
            complaint, session=session, actor=actor, old=old, new=complaint.status
        )
    return complaint


def _iso(value):
    return value.isoformat() if value is not None else None


def _apply_status(session, complaint, actor, status, note, now):
    old = complaint.status
    reopening = status == "open" and old in CLOSED_STATUSES
    _audit(session, actor, "status", complaint, note, {"status": old}, {"status": status})
    complaint.status = status
    complaint.status_changed_at = now
    _event(
        session,
        complaint,
        actor,
        "reopened" if reopening else "status",
        now,
        from_status=old,
        to_status=status,
        note=note,
    )
    if reopening:
        complaint.reopened_at = now
        complaint.resolution_state = None
    if status == "resolved":
        complaint.resolved_at = now
        by_author = permissions.is_author(actor, complaint)
        complaint.resolution_state = "confirmed" if by_author else "awaiting"
        _open_review_prompt(session, complaint, now)
        _announce_resolution(session, complaint, actor, by_author)
        return
    message = (
        Message("reopened", title=complaint.title)
        if reopening
        else Message("status", title=complaint.title, status=status)
    )
    _tell_followers(session, complaint, actor, "status", message)


def _announce_resolution(session, complaint, actor, by_author):
    """Tell each person once, in the words for what they can do about it.

    The author is asked to confirm or dispute a resolution staff made; members affected
    too are asked whether the fix worked for them (following or not); the remaining
    followers hear that it is resolved. Nobody hears of their own action.
    """
    told = {actor.id} if actor is not None else set()
    if not by_author and complaint.author is not None:
        notifications.notify(
            session,
            [complaint.author],
            complaint,
            "status",
            Message("resolved_by_staff", title=complaint.title),
            thread_path(complaint, fragment="resolution"),
            exclude=actor,
        )
        told.add(complaint.author_id)
    told |= _tell_affected(session, complaint, actor, told)
    notifications.notify(
        session,
        [user for user in notifications.followers(session, complaint.id) if user.id not in told],
        complaint,
        "status",
        Message("status", title=complaint.title, status="resolved"),
        thread_path(complaint),
        exclude=actor,
    )


def _tell_affected(session, complaint, actor, told=frozenset()):
    """Members who said "affects me too" hear of the resolution and can say if it worked.

    Returns the ids of those told. Accounts that may not answer (suspended, banned) are
    not asked; if they follow the thread they get the plain notice instead.
    """
    voters = [
        user
        for user in session.scalars(
            sa.select(User)
            .join(ComplaintVote, ComplaintVote.user_id == User.id)
            .where(ComplaintVote.complaint_id == complaint.id)
        )
        if user.id not in told and permissions.can_report_fix(user, complaint, affected=True)
    ]
    notifications.notify(
        session,
        voters,
        complaint,
        "affected",
        Message("affected", title=complaint.title),
        thread_path(complaint, fragment="resolution"),
        exclude=actor,
    )
    return {user.id for user in voters}


def _open_review_prompt(session, complaint, now):
    if complaint.author is None:
        return
    already = session.scalar(
        sa.select(ReviewPrompt.id).where(
            ReviewPrompt.complaint_id == complaint.id, ReviewPrompt.state == "pending"
        )
    )
    if already:
        return
    prompt = ReviewPrompt(complaint_id=complaint.id, author_id=complaint.author_id, created_at=now)
    session.add(prompt)
    session.flush()
    message = Message("review", title=complaint.title)
    review_path = path_for("resolution.review", complaint_id=complaint.id)
    notifications.notify(
        session, [complaint.author], complaint, "review", message, review_path, email=False
    )
    if notifications.email_now(complaint.author, complaint, "review"):
        delay = timedelta(hours=settings.get("review_prompt_delay_hours"))
        with i18n.in_language_of(complaint.author):
            mail.queue(
                session,
                complaint.author,
                subject=_(
                    "Would you like to revise your review of “%(title)s”?",
                    title=complaint.title,
                ),
                body=f"{message}\n\n{mail.link(review_path)}\n",
                kind=mail_checks.REVIEW_KIND,
                dedupe_key=f"review-prompt:{prompt.id}",
                send_after=now + delay,
                prompt_id=prompt.id,
                stream="notifications",
            )


def respond_to_resolution(actor, complaint, confirm, reason=None, at=None):
    """The author confirms a staff resolution, or disputes it with a reason (reopening it)."""
    if not permissions.can_respond_to_resolution(actor, complaint):
        raise PermissionDenied(_("Only the author can confirm or dispute this resolution."))
    reason = _clean(reason, NOTE_MAX, "reason")
    if not confirm and (not reason or len(reason) < 5):
        raise Invalid(_("Say briefly why the complaint is not resolved for you."))
    with write_transaction() as session:
        now = at or utcnow()
        complaint = locked(Complaint, complaint.id)
        old = complaint.status
        if confirm:
            complaint.resolution_state = "confirmed"
            _event(session, complaint, actor, "confirmed", now)
            _tell_followers(
                session,
                complaint,
                actor,
                "confirmed",
                Message("confirmed", title=complaint.title),
            )
        else:
            complaint.status = "open"
            complaint.status_changed_at = now
            complaint.reopened_at = now
            complaint.resolution_state = "disputed"
            _event(
                session,
                complaint,
                actor,
                "disputed",
                now,
                from_status="resolved",
                to_status="open",
                note=reason,
            )
            _tell_followers(
                session,
                complaint,
                actor,
                "disputed",
                Message("disputed", title=complaint.title),
            )
        signals.status_changed.send(
            complaint, session=session, actor=actor, old=old, new=complaint.status
        )
    return complaint


def record_fix_feedback(user, complaint, fixed):
    """A member affected too says whether the fix worked for them (they may change it)."""
    if complaint.status not in CLOSED_STATUSES or complaint.resolved_at is None:
        raise Invalid(_("You can say whether the fix worked once the complaint is resolved."))
    with write_transaction() as session:
        voted = session.scalar(
            sa.select(ComplaintVote.user_id).where(
                ComplaintVote.user_id == user.id, ComplaintVote.complaint_id == complaint.id
            )
        )
        if not permissions.can_report_fix(user, complaint, affected=voted is not None):
            if voted is None or not permissions.is_member(user):
                raise PermissionDenied(
                    _("Only members affected by this complaint can answer this.")
                )
            raise PermissionDenied(permissions.refusal(user, "say whether the fix worked"))
        row = session.get(AffectedFeedback, (complaint.id, user.id))
        if row is None:
            session.add(AffectedFeedback(complaint_id=complaint.id, user_id=user.id, fixed=fixed))
        else:
            row.fixed = fixed
            row.created_at = utcnow()
        signals.resolution_feedback.send(complaint, session=session, user=user, kind="fix")
    return fixed


def revise_review(user, complaint, rating, review=None, would_return=None, at=None):
    """The author records a new rating; the earlier ones stay in the history."""
    if not permissions.can_revise_review(user, complaint):
        raise PermissionDenied(_("Only the author can revise this review, once it is resolved."))
    if rating not in (1, 2, 3, 4, 5):
        raise Invalid(_("A rating is 1 to 5 stars."))
    if would_return not in (True, False, None):
        raise Invalid(_("Answer yes or no."))
    review = _clean(review, REVIEW_MAX, "review")
    with write_transaction() as session:
        now = at or utcnow()
        complaint = locked(Complaint, complaint.id)
        session.add(
            ReviewRevision(
                complaint_id=complaint.id,
                author_id=user.id,
                rating=rating,
                review=review,
                would_return=would_return,
                after_resolution=True,
                created_at=now,
            )
        )
        complaint.rating = rating
        complaint.review = review
        _close_prompts(session, complaint, "answered", now)
        signals.resolution_feedback.send(complaint, session=session, user=user, kind="review")
    return complaint


def decline_review_prompt(user, complaint):
    """The author leaves their review as it is; nothing is changed for them."""
    if not permissions.is_author(user, complaint):
        raise PermissionDenied(_("Only the author can answer this prompt."))
    if not permissions.is_active(user):
        raise PermissionDenied(permissions.refusal(user, "answer this prompt"))
    with write_transaction() as session:
        _close_prompts(session, complaint, "declined", utcnow())


def _close_prompts(session, complaint, state, now):
    session.execute(
        sa.update(ReviewPrompt)
        .where(ReviewPrompt.complaint_id == complaint.id, ReviewPrompt.state == "pending")
        .values(state=state, answered_at=now)
    )
