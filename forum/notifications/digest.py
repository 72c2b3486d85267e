"""The daily digest: one e-mail per member who chose it, with what happened since the last.

``flask notify send-due`` calls :func:`queue_due` before sending the outbox. A member is
due when no digest run looked at them yet today (UTC), from ``DIGEST_HOUR`` on. Their
notifications since the last run (or the last day, the first time) are grouped per
thread, leaving out threads they may no longer see; nothing is sent when nothing is
left. The run is recorded on the member (``digest_sent_at``) in the same transaction as
the queued e-mail, claimed with a conditional update (only when no run claimed the
member today): a second run the same day, or two runs at once, send nothing more.
"""

from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from forum import i18n, mail, permissions, settings
from forum.accounts.models import User
from forum.complaints.links import thread_path
from forum.db import utcnow
from forum.extensions import db
from forum.notifications import kinds
from forum.notifications.models import Notification
from forum.uow import write_transaction
from forum.urls import path_for

FIRST_DIGEST_COVERS = timedelta(days=1)
LISTED_THREADS = 25  # a digest lists this many threads; the rest are counted


def _start_of_day(now):
    return datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)


def due_members(now, limit):
    """Ids of members whose choice is the digest and whom no run looked at today (none
    before ``DIGEST_HOUR`` o'clock UTC)."""
    if now.hour < int(current_app.config["DIGEST_HOUR"]):
        return []
    today = _start_of_day(now)
    return list(
        db.session.scalars(
            sa.select(User.id)
            .where(
                User.email_choice == "digest",
                User.deleted_at.is_(None),
                sa.or_(User.digest_sent_at.is_(None), User.digest_sent_at < today),
            )
            .order_by(User.id)
            .limit(limit)
        )
    )


def queue_due(now=None, limit=500):
    """Queue the digests due now; returns how many were queued (members with news)."""
    now = now or utcnow()
    queued = 0
    for user_id in due_members(now, limit):
        queued += _queue_one(user_id, now)
    return queued


def _queue_one(user_id, now):
    today = _start_of_day(now)
    with write_transaction() as session:
        previous = session.scalar(sa.select(User.digest_sent_at).where(User.id == user_id))
        # Claim the member for today's run; another run that got there first wins.
        claimed = session.execute(
            sa.update(User)
            .where(
                User.id == user_id,
                User.email_choice == "digest",
                sa.or_(User.digest_sent_at.is_(None), User.digest_sent_at < today),
            )
            .values(digest_sent_at=now)
            .returning(User.id)
        ).first()
        if claimed is None:
            return 0
        since = previous if previous is not None and previous < now else now - FIRST_DIGEST_COVERS
        user = session.get(User, user_id)
        threads = _threads(session, user, since, now)
        if not threads:
            return 0
        with i18n.in_language_of(user):
            subject, body = _message(threads)
        mail.queue(
            session,
            user,
            subject=subject,
            body=body,
            kind="digest",
            dedupe_key=f"digest:{user_id}:{now.isoformat()}",
            stream="digest",
        )
    return 1


def _threads(session, user, since, now):
    """The member's notifications in ``(since, now]`` per thread they may still see:
    ``[(complaint, [notification, ...newest first]), ...]``, the newest thread first."""
    rows = session.scalars(
        sa.select(Notification)
        .options(selectinload(Notification.complaint))
        .where(
            Notification.user_id == user.id,
            Notification.created_at > since,
            Notification.created_at <= now,
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    threads = {}
    for row in rows:
        if row.complaint is None or not permissions.can_see(user, row.complaint):
            continue
        threads.setdefault(row.complaint_id, (row.complaint, []))[1].append(row)
    return list(threads.values())


def _message(threads):
    """The digest's subject and body, in the current language (the recipient's)."""
    site = settings.get("site_name")
    total = sum(len(items) for _complaint, items in threads)
    updates = ngettext("%(num)d update", "%(num)d updates", total)
    on = ngettext("%(num)d thread", "%(num)d threads", len(threads))
    subject = _(
        "Your daily digest from %(site)s: %(updates)s on %(threads)s",
        site=site,
        updates=updates,
        threads=on,
    )
    lines = [
        _(
            "What happened on %(site)s since your last digest: %(updates)s on %(threads)s.",
            site=site,
            updates=updates,
            threads=on,
        ),
        "",
    ]
    for complaint, items in threads[:LISTED_THREADS]:
        counts = {}
        for item in items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        summary = ", ".join(kinds.kind(name).count(n) for name, n in counts.items())
        lines += [
            _("“%(title)s” — %(summary)s", title=complaint.title, summary=summary),
            "  " + _("Latest: %(message)s", message=items[0].text),
            f"  {mail.link(thread_path(complaint))}",
            "",
        ]
    if len(threads) > LISTED_THREADS:
        rest = len(threads) - LISTED_THREADS
        lines += [
            ngettext("… and %(num)d more thread.", "… and %(num)d more threads.", rest),
            "",
        ]
    lines += [
        _(
            "All your notifications: %(url)s",
            url=mail.link(path_for("notifications.inbox")),
        ),
        _(
            "Choose which e-mails you get: %(url)s",
            url=mail.link(path_for("notifications.settings")),
        ),
    ]
    return subject[:200], "\n".join(lines) + "\n"
