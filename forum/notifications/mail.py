"""The e-mail outbox: queue in the event's transaction, send after commit, retry later.

With no ``MAIL_SERVER`` configured, messages are written to the log instead of sent.
``send_due`` is safe to run from cron every minute and from several processes at once:
each run claims the rows it will send in one write transaction, so no message is sent
twice; a message whose sending failed is released and retried on the next run.
"""

import logging
import smtplib
import uuid
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from forum.complaints.links import absolute, path_for
from forum.db import insert_ignoring_duplicates, utcnow, write_transaction
from forum.extensions import db
from forum.notifications.models import MailMessage

log = logging.getLogger("forum.mail")
# Without MAIL_SERVER the messages go to this log, so make sure they are seen.
log.setLevel(logging.INFO)

CLAIM_TIMEOUT = timedelta(minutes=15)


def link(path):
    return absolute(path)


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id):
    return _serializer().dumps(user_id)


def user_id_from_token(token):
    """The account an unsubscribe token was made for, or ``None`` if it is not genuine."""
    try:
        value = _serializer().loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def queue(session, user, *, subject, body, kind, dedupe_key, send_after=None, prompt_id=None):
    """Add a message to the outbox in the caller's transaction (once per ``dedupe_key``)."""
    session.execute(
        insert_ignoring_duplicates(MailMessage.__table__).values(
            user_id=user.id,
            to_address=user.email,
            subject=subject,
            body=body,
            kind=kind,
            dedupe_key=dedupe_key[:120],
            review_prompt_id=prompt_id,
            created_at=utcnow(),
            send_after=send_after or utcnow(),
            attempts=0,
        )
    )


def _claim(now, limit):
    token = uuid.uuid4().hex
    due = (
        sa.select(MailMessage.id)
        .where(
            MailMessage.sent_at.is_(None),
            MailMessage.cancelled_at.is_(None),
            MailMessage.send_after <= now,
            sa.or_(MailMessage.claimed_at.is_(None), MailMessage.claimed_at < now - CLAIM_TIMEOUT),
        )
        .order_by(MailMessage.id)
        .limit(limit)
    )
    with write_transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        ids = list(session.scalars(due))
        if ids:
            session.execute(
                sa.update(MailMessage)
                .where(MailMessage.id.in_(ids), MailMessage.sent_at.is_(None))
                .values(claim_token=token, claimed_at=now, attempts=MailMessage.attempts + 1)
            )
    if not ids:
        return []
    return list(db.session.scalars(sa.select(MailMessage).where(MailMessage.claim_token == token)))


def _still_wanted(message):
    if message.review_prompt_id is None:
        return True
    from forum.resolution.models import ReviewPrompt

    prompt = db.session.get(ReviewPrompt, message.review_prompt_id)
    return prompt is not None and prompt.state == "pending"


def _email(message):
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="redress.local")
    body = message.body
    if message.user_id is not None:
        unsubscribe = absolute(
            path_for("notifications.unsubscribe", token=unsubscribe_token(message.user_id))
        )
        email["List-Unsubscribe"] = f"<{unsubscribe}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        body += f"\n--\nStop these e-mails with one click: {unsubscribe}\n"
    email.set_content(body)
    return email


def _deliver(email):
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info("E-mail (no MAIL_SERVER set, not sent):\n%s", email.as_string())
        return
    with smtplib.SMTP(
        config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=config["MAIL_TIMEOUT"]
    ) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)


def cancel_unsent(reason="cancelled"):
    """Drop every queued message (used after loading demo history, which e-mails nobody)."""
    with write_transaction() as session:
        session.execute(
            sa.update(MailMessage)
            .where(MailMessage.sent_at.is_(None), MailMessage.cancelled_at.is_(None))
            .values(cancelled_at=utcnow(), last_error=reason)
        )


def send_due(now=None, limit=100):
    """Send what is due. Returns (sent, failed, cancelled)."""
    now = now or utcnow()
    sent = failed = cancelled = 0
    for message in _claim(now, limit):
        values = {}
        if not _still_wanted(message):
            values = {"cancelled_at": utcnow()}
            cancelled += 1
        else:
            try:
                _deliver(_email(message))
            except (OSError, smtplib.SMTPException) as error:
                failed += 1
                log.warning("Sending mail %s failed: %s", message.id, error)
                give_up = message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]
                values = {
                    "claim_token": None,
                    "claimed_at": None,
                    "last_error": str(error)[:500],
                    "cancelled_at": utcnow() if give_up else None,
                }
            else:
                sent += 1
                values = {"sent_at": utcnow()}
        with write_transaction() as session:
            session.execute(
                sa.update(MailMessage).where(MailMessage.id == message.id).values(**values)
            )
    return sent, failed, cancelled


def send_soon():
    """Try to send what is due right after a commit; failures wait for ``send-due``."""
    if not current_app.config["MAIL_SEND_AFTER_COMMIT"]:
        return
    try:
        send_due(limit=20)
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        log.exception("Sending queued mail failed; it stays queued")
