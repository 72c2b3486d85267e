"""Follows and notifications. ``notify`` runs inside the caller's transaction."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum import mail, permissions
from forum.accounts.models import User
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Follow, Notification
from forum.uow import insert_ignoring_duplicates, write_transaction


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
        raise Invalid("Follow is 1 (follow) or 0 (stop following).", status=400)
    if not permissions.can_see(user, complaint):
        raise Invalid("That thread is not available.", status=404)
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


def notify(session, recipients, complaint, kind, message, path, exclude=None, email=True):
    """Tell each recipient (once) about an event, in the app and, if they want, by e-mail.

    Only recipients who may see the thread now are told (``permissions.can_see``): a
    follower of a complaint that was since hidden, held, deleted or merged hears nothing
    of it, not even its title. Runs in the caller's transaction, so a rolled-back event
    notifies nobody; e-mail is queued in the outbox and sent after commit.
    """
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
                kind=kind,
                message=message[:300],
                url=path,
                created_at=now,
            )
        )
        session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(unread_notifications=User.unread_notifications + 1)
        )
        if email and user.email_notifications:
            mail.queue(
                session,
                user,
                subject=message[:200],
                body=f"{message}\n\n{mail.link(path)}\n",
                kind=kind,
                dedupe_key=f"{kind}:{complaint.id}:{user.id}:{now.timestamp()}",
            )
    return len(seen)


def inbox(user, page=1, per_page=30):
    """A page of the user's notifications, newest first, each with ``visible``: whether
    the reader may see its thread now (``permissions.can_see``). The list shows no title
    or link of a thread that was hidden, held, deleted or merged since. The page's
    threads are loaded in one more statement by id (a join made SQLite read every
    complaint to build it), however many notifications the page shows."""
    rows = list(
        db.session.scalars(
            sa.select(Notification)
            .options(selectinload(Notification.complaint))
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(per_page + 1)
            .offset((page - 1) * per_page)
        )
    )
    for row in rows:
        row.visible = row.complaint is None or permissions.can_see(user, row.complaint)
    return rows[:per_page], len(rows) > per_page


def mark_read(user, notification_id):
    """Mark one of the user's notifications read."""
    with write_transaction() as session:
        changed = session.execute(
            sa.update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.user_id == user.id,
                Notification.read_at.is_(None),
            )
            .values(read_at=utcnow())
            .returning(Notification.id)
        ).all()
        if changed:
            session.execute(
                sa.update(User)
                .where(User.id == user.id, User.unread_notifications > 0)
                .values(unread_notifications=User.unread_notifications - 1)
            )
    return bool(changed)


def mark_all_read(user):
    with write_transaction() as session:
        session.execute(
            sa.update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        session.execute(sa.update(User).where(User.id == user.id).values(unread_notifications=0))


def set_email_notifications(user_id, enabled):
    """Turn e-mail about followed threads on or off for an account."""
    with write_transaction() as session:
        session.execute(
            sa.update(User).where(User.id == user_id).values(email_notifications=bool(enabled))
        )
