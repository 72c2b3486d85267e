"""Follows and notifications. ``notify`` runs inside the caller's transaction."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, selectinload

from forum import i18n, mail, permissions
from forum.accounts.models import User
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.notifications import kinds, messages
from forum.notifications.models import Follow, Notification
from forum.uow import insert_ignoring_duplicates, write_transaction
from forum.urls import path_for


def start_following(session, user_id, complaint_id):
    """Follow a thread inside the caller's transaction (e.g. the author, on posting)."""
    session.execute(
        insert_ignoring_duplicates(Follow.__table__).values(
            user_id=user_id, complaint_id=complaint_id, created_at=utcnow()
        )
    )


def set_following(user, complaint, value):
    """Follow (``value`` 1) or stop following (0) a thread."""
    if value not in (0, 1):
        raise Invalid(_("Follow is 1 (follow) or 0 (stop following)."), status=400)
    if not permissions.can_see(user, complaint):
        raise Invalid(_("That thread is not available."), status=404)
    if not permissions.can_follow(user, complaint):
        raise PermissionDenied(permissions.refusal(user, "follow threads"))
    with write_transaction() as session:
        if value:
            start_following(session, user.id, complaint.id)
        else:
            session.execute(
                sa.delete(Follow).where(
                    Follow.user_id == user.id, Follow.complaint_id == complaint.id
                )
            )
    return bool(value)


def is_following(user, complaint):
    if not permissions.is_member(user):
        return False
    return (
        db.session.scalar(
            sa.select(Follow.user_id).where(
                Follow.user_id == user.id, Follow.complaint_id == complaint.id
            )
        )
        is not None
    )


def followers(session, complaint_id):
    return list(
        session.scalars(
            sa.select(User)
            .join(Follow, Follow.user_id == User.id)
            .where(Follow.complaint_id == complaint_id)
        )
    )


def email_now(user, complaint, kind):
    """Whether ``user`` wants an e-mail about this event as it happens (``email_choice``):
    every event, or only those on their own complaints and posts; not with a digest or off."""
    choice = getattr(user, "email_choice", "off")
    if choice == "each":
        return True
    if choice == "own":
        return kinds.kind(kind).about_own_post or complaint.author_id == user.id
    return False


def _footer():
    settings = mail.link(path_for("notifications.settings"))
    return (
        "\n"
        + _(
            "Choose which e-mails you get (each event, a daily digest, only your own "
            "complaints, or none): %(url)s",
            url=settings,
        )
        + "\n"
    )


def notify(
    session,
    recipients,
    complaint,
    kind,
    message,
    path,
    exclude=None,
    email=True,
    actor=None,
    details=None,
):
    """Tell each recipient (once) about an event, in the app and, if they want, by e-mail.

    Only recipients who may see the thread now are told (``permissions.can_see``): a
    follower of a complaint that was since hidden, held, deleted or merged hears nothing
    of it, not even its title. Runs in the caller's transaction, so a rolled-back event
    notifies nobody; e-mail is queued in the outbox and sent after commit, to those whose
    ``email_choice`` wants it now (:func:`email_now`); digest readers get it in their next
    digest. ``actor`` (default: ``exclude``) is who caused it; ``details`` is more text
    for the e-mail, after the message.

    ``message`` is a :class:`messages.Message` (a sentence and its parameters, stored as
    such and rendered in each reader's language when shown; each e-mail is composed in
    its recipient's language) or, for callers not yet saying which sentence, plain text
    stored as it is. ``details`` may be a lazy string, rendered in the recipient's language.
    """
    actor = actor if actor is not None else exclude
    structured = isinstance(message, messages.Message)
    stored = message.english() if structured else message
    params = message.stored() if structured else None
    seen = set()
    now = utcnow()
    for user in recipients:
        if user is None or user.id in seen or (exclude is not None and user.id == exclude.id):
            continue
        seen.add(user.id)
        if not permissions.can_see(user, complaint):
            continue
        session.add(
            Notification(
                user_id=user.id,
                complaint_id=complaint.id,
                actor_id=actor.id if actor is not None else None,
                kind=kind,
                message=stored[:300],
                params=params,
                url=path,
                created_at=now,
            )
        )
        session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(unread_notifications=User.unread_notifications + 1)
        )
        if email and email_now(user, complaint, kind):
            with i18n.in_language_of(user):
                text = messages.text(message)
                more = f"\n{messages.text(details)}\n" if details else ""
                mail.queue(
                    session,
                    user,
                    subject=text[:200],
                    body=f"{text}\n{more}\n{mail.link(path)}\n{_footer()}",
                    kind=kind,
                    dedupe_key=f"{kind}:{complaint.id}:{user.id}:{now.timestamp()}",
                    stream="notifications",
                )
    return len(seen)


@dataclass
class ThreadNotifications:
    """One inbox row: a thread's newest notification and what came before it."""

    latest: Notification
    total: int
    unread: int
    visible: bool
    others: list = field(default_factory=list)  # "2 answers", "1 status change"
    actors: list = field(default_factory=list)  # usernames, newest first
    more_actors: int = 0

    @property
    def more(self):
        return self.total - 1


def inbox(user, page=1, per_page=30):
    """A page of the user's notifications grouped per thread, newest thread first.

    Each row is a :class:`ThreadNotifications`: the thread's newest notification, how
    many there are and how many unread, and what the others were ("2 answers, 1 status
    change") and who caused them. ``visible`` says whether the reader may see the thread
    now (``permissions.can_see``): the list shows no title or link of a thread hidden,
    held, deleted or merged since. Four statements whatever the page shows: the groups,
    their newest rows, those rows' threads (by id: a join made SQLite read every
    complaint), and the others' kinds and actors.
    """
    unread = sa.func.sum(sa.case((Notification.read_at.is_(None), 1), else_=0))
    latest_at = sa.func.max(Notification.created_at)
    latest_id = sa.func.max(Notification.id)
    groups = db.session.execute(
        sa.select(latest_id, sa.func.count(), unread)
        .where(Notification.user_id == user.id)
        .group_by(Notification.complaint_id)
        .order_by(latest_at.desc(), latest_id.desc())
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    ).all()
    has_next = len(groups) > per_page
    groups = groups[:per_page]
    if not groups:
        return [], has_next
    ids = [row[0] for row in groups]
    latest = {
        row.id: row
        for row in db.session.scalars(
            sa.select(Notification)
            .options(selectinload(Notification.complaint))
            .where(Notification.id.in_(ids))
        )
    }
    rows = []
    by_thread = {}
    for latest_id_, total, unread_ in groups:
        item = latest[latest_id_]
        visible = item.complaint is None or permissions.can_see(user, item.complaint)
        row = ThreadNotifications(item, total, int(unread_ or 0), visible)
        rows.append(row)
        by_thread[item.complaint_id] = row
    _describe_others(user, ids, by_thread)
    return rows, has_next


def _describe_others(user, latest_ids, by_thread, shown_actors=2):
    """Fill each row's ``others`` (counts per kind) and ``actors``, in one statement."""
    actor = aliased(User)
    counts = db.session.execute(
        sa.select(
            Notification.complaint_id,
            Notification.kind,
            actor.username,
            sa.func.count(),
            sa.func.max(Notification.id),
        )
        .outerjoin(actor, actor.id == Notification.actor_id)
        .where(
            Notification.user_id == user.id,
            Notification.complaint_id.in_([key for key in by_thread if key is not None]),
            Notification.id.not_in(latest_ids),
        )
        .group_by(Notification.complaint_id, Notification.kind, actor.id, actor.username)
        .order_by(sa.func.max(Notification.id).desc())
    ).all()
    per_kind = {}
    for complaint_id, kind_name, username, n, _newest in counts:
        row = by_thread[complaint_id]
        per_kind.setdefault(complaint_id, {}).setdefault(kind_name, 0)
        per_kind[complaint_id][kind_name] += n
        if username and username not in row.actors:
            row.actors.append(username)
    for complaint_id, kinds_seen in per_kind.items():
        row = by_thread[complaint_id]
        row.others = [kinds.kind(name).count(n) for name, n in kinds_seen.items()]
        row.more_actors = max(len(row.actors) - shown_actors, 0)
        row.actors = row.actors[:shown_actors]


def _mark_thread_read(session, user, complaint_id):
    """Mark the user's unread notifications of one thread read; how many changed."""
    changed = session.execute(
        sa.update(Notification)
        .where(
            Notification.user_id == user.id,
            Notification.complaint_id == complaint_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
        .returning(Notification.id)
    ).all()
    if changed:
        count = len(changed)
        session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(
                unread_notifications=sa.case(
                    (User.unread_notifications > count, User.unread_notifications - count),
                    else_=0,
                )
            )
        )
    return len(changed)


def open_notification(user, notification_id):
    """The member opens one of their notifications: it and the others of its thread are
    read now. Returns the notification, with ``visible`` (may the reader see its thread
    now?), or ``None`` when it is not theirs. Idempotent: opening it again changes nothing.
    """
    with write_transaction() as session:
        item = session.scalar(
            sa.select(Notification)
            .options(selectinload(Notification.complaint))
            .where(Notification.id == notification_id, Notification.user_id == user.id)
        )
        if item is None:
            return None
        _mark_thread_read(session, user, item.complaint_id)
        item.visible = item.complaint is not None and permissions.can_see(user, item.complaint)
    return item


def mark_read(user, notification_id):
    """Mark one of the user's notifications read, with the others of its thread (the
    inbox shows a thread's notifications as one row)."""
    with write_transaction() as session:
        complaint_id = session.scalar(
            sa.select(Notification.complaint_id).where(
                Notification.id == notification_id, Notification.user_id == user.id
            )
        )
        if complaint_id is None:
            return False
        return bool(_mark_thread_read(session, user, complaint_id))


def mark_all_read(user):
    with write_transaction() as session:
        session.execute(
            sa.update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        session.execute(sa.update(User).where(User.id == user.id).values(unread_notifications=0))


def set_email_choice(user_id, choice):
    """Choose which notification e-mail an account gets (``kinds.EMAIL_CHOICES``)."""
    if choice not in kinds.EMAIL_CHOICES:
        raise Invalid(_("Choose how you want to hear by e-mail."))
    with write_transaction() as session:
        session.execute(sa.update(User).where(User.id == user_id).values(email_choice=choice))
    return choice


def unsubscribe(user_id, stream):
    """One-click unsubscribe from one stream of e-mail ("notifications" or "digest").

    Turns e-mail off when the member's choice is on that stream; a choice on another
    stream (they switched to the digest since that e-mail) stays. Returns ``None`` for
    an unknown stream, else whether anything changed. Safe to repeat.
    """
    choices = kinds.STREAMS.get(stream)
    if choices is None:
        return None
    with write_transaction() as session:
        changed = session.execute(
            sa.update(User)
            .where(User.id == user_id, User.email_choice.in_(choices))
            .values(email_choice="off")
            .returning(User.id)
        ).all()
    return bool(changed)
