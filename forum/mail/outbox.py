"""The e-mail outbox: queue in the event's transaction, send after commit, retry later.

With no ``MAIL_SERVER`` configured, messages are printed to the server's error log instead.
Each run sends over one SMTP connection (``Outgoing``), with TLS that verifies the server.
``send_due`` is safe to run from cron every minute and from several processes at once:
each run claims the rows it will send in one write transaction, renews its claim on each
message right before sending it and records the outcome only while the claim is still
its own, so a run never sends a message another run has taken over. A message whose
sending failed is released and retried later, with exponential backoff, for days.
"""

import logging
import smtplib
import ssl
import uuid
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

import sqlalchemy as sa
from flask import current_app, g
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from forum import settings, uow
from forum.db import utcnow
from forum.extensions import db
from forum.mail.models import MailMessage
from forum.uow import insert_ignoring_duplicates, write_transaction
from forum.urls import absolute, path_for

log = logging.getLogger("forum.mail")
# Without MAIL_SERVER the messages go to this log, so make sure they are seen.
log.setLevel(logging.INFO)

CLAIM_TIMEOUT = timedelta(minutes=15)

# kind -> still_wanted(message): the checks the features that queue mail registered.
_checks = {}


def link(path):
    """An absolute link for a message's body (``SITE_URL`` + path)."""
    return absolute(path)


def register_check(kind, still_wanted):
    """Ask ``still_wanted(message)`` before sending each message of ``kind``.

    A feature that queues mail about something that may stop mattering before it is sent
    (a review prompt answered meanwhile, say) registers its check here, from its
    ``init_app``: the outbox knows no feature. A message the check declines is cancelled,
    not sent. Registering the same kind again replaces its check (each app built calls
    ``init_app`` once more).
    """
    _checks[kind] = still_wanted


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id, stream="notifications"):
    """A signed token naming the member and the stream an unsubscribe link stops."""
    return _serializer().dumps([user_id, stream])


def unsubscribe_target(token):
    """``(user_id, stream)`` an unsubscribe token was made for, or ``None`` if not genuine.

    Tokens from before streams existed signed the account id alone: they stop
    notification e-mail, which was then all there was.
    """
    try:
        value = _serializer().loads(token)
    except BadSignature:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "notifications"
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and not isinstance(value[0], bool)
        and isinstance(value[1], str)
    ):
        return value[0], value[1]
    return None


def queue(
    session,
    user,
    *,
    subject,
    body,
    kind,
    dedupe_key,
    send_after=None,
    prompt_id=None,
    stream=None,
):
    """Add a message to the outbox in the caller's transaction (once per ``dedupe_key``).

    ``stream`` names what the message's one-click unsubscribe stops ("notifications",
    "digest"); messages without one (account mail) carry no unsubscribe link.

    It is sent right after the unit of work commits (:func:`send_soon`, registered here
    with :func:`forum.uow.after_commit`), never after a rollback; ``send_due`` retries.
    """
    session.execute(
        insert_ignoring_duplicates(MailMessage.__table__).values(
            user_id=user.id,
            to_address=user.email,
            subject=subject,
            body=body,
            kind=kind,
            stream=stream if user.id is not None else None,
            dedupe_key=dedupe_key[:120],
            review_prompt_id=prompt_id,
            created_at=utcnow(),
            send_after=send_after or utcnow(),
            attempts=0,
        )
    )
    # What this request queued: the after-commit attempt (``send_soon``) tries only these.
    g.setdefault("_mail_queued", []).append(dedupe_key[:120])
    uow.after_commit(send_soon, key="mail")


def retry_delay(attempts):
    """How long a message waits after its ``attempts``-th failed attempt: doubling, capped."""
    config = current_app.config
    first = config["MAIL_RETRY_DELAY_SECONDS"]
    longest = config["MAIL_RETRY_MAX_DELAY_SECONDS"]
    doublings = min(max(attempts - 1, 0), 40)
    return timedelta(seconds=min(first * 2**doublings, longest))


def retried_for(attempts):
    """The least time between the first attempt and the ``attempts``-th one (the backoff)."""
    return sum((retry_delay(n) for n in range(1, min(attempts, 1_000))), timedelta())


def _claim(now, limit, keys=None):
    """Claim up to ``limit`` due messages for this run in one write transaction."""
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
    if keys is not None:
        due = due.where(MailMessage.dedupe_key.in_(keys))
    with write_transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        ids = list(session.scalars(due))
        if ids:
            session.execute(
                sa.update(MailMessage)
                .where(MailMessage.id.in_(ids), MailMessage.sent_at.is_(None))
                .values(claim_token=token, claimed_at=now)
            )
    if not ids:
        return token, []
    messages = db.session.scalars(
        sa.select(MailMessage).where(MailMessage.claim_token == token).order_by(MailMessage.id)
    )
    return token, list(messages)


def _ours(message_id, token):
    return (
        MailMessage.id == message_id,
        MailMessage.claim_token == token,
        MailMessage.sent_at.is_(None),
        MailMessage.cancelled_at.is_(None),
    )


def _take(message_id, token, at, count_attempt):
    """Renew our claim on one message right before sending it.

    Returns the message's attempt count, or ``None`` when the claim is no longer ours
    (another run took the row over after our claim went stale, or it was sent or
    cancelled meanwhile): then this run must leave it alone.
    """
    values = {"claimed_at": at}
    if count_attempt:
        values["attempts"] = MailMessage.attempts + 1
    with write_transaction() as session:
        return session.scalar(
            sa.update(MailMessage)
            .where(*_ours(message_id, token))
            .values(**values)
            .returning(MailMessage.attempts)
        )


def _finish(message_id, token, **values):
    """Record what became of a message, only while this run still holds its claim."""
    with write_transaction() as session:
        done = session.execute(
            sa.update(MailMessage)
            .where(*_ours(message_id, token))
            .values(**values)
            .returning(MailMessage.id)
        ).all()
    return bool(done)


def _release(token):
    """Hand back claimed messages this run did not get to, for the next run."""
    with write_transaction() as session:
        session.execute(
            sa.update(MailMessage)
            .where(
                MailMessage.claim_token == token,
                MailMessage.sent_at.is_(None),
                MailMessage.cancelled_at.is_(None),
            )
            .values(claim_token=None, claimed_at=None)
        )


def _still_wanted(message):
    """Whether the check registered for the message's kind still wants it (no check: yes)."""
    check = _checks.get(message.kind)
    return check is None or check(message)


def _email(message):
    config = current_app.config
    email = EmailMessage()
    email["From"] = sender(config)
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="redress.local")
    body = message.body
    if message.user_id is not None and message.stream:
        token = unsubscribe_token(message.user_id, message.stream)
        unsubscribe = absolute(path_for("notifications.unsubscribe", token=token))
        # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to this URL.
        email["List-Unsubscribe"] = f"<{unsubscribe}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        if message.stream == "digest":
            stop = _("Stop the daily digest with one click: %(url)s", url=unsubscribe)
        else:
            stop = _("Stop these e-mails with one click: %(url)s", url=unsubscribe)
        body += f"\n--\n{stop}\n"
    email.set_content(body)
    return email


def sender(config):
    """The From header: ``MAIL_FROM``, named after the site unless it names itself."""
    name, address = parseaddr(config["MAIL_FROM"])
    return formataddr((name or settings.get("site_name"), address))


def send_test(to_address):
    """Send one message to ``to_address`` now, outside the outbox, and say what the SMTP
    server answered: ``(sent, what it said)``, e.g. ``(True, "250 OK: queued as 12")``."""
    config = current_app.config
    site = settings.get("site_name")
    email = EmailMessage()
    email["From"] = sender(config)
    email["To"] = to_address
    email["Subject"] = _("Test e-mail from %(site)s", site=site)
    email["Message-ID"] = make_msgid(domain="redress.local")
    email.set_content(
        _(
            "This is a test e-mail from %(site)s (%(url)s), sent from the site settings page. "
            "If you can read it, the forum can send e-mail.",
            site=site,
            url=config["SITE_URL"],
        )
        + "\n"
    )
    if not config.get("MAIL_SERVER"):
        _log_unsent(email)
        return True, _("No MAIL_SERVER is configured: the message was written to the server's log.")
    try:
        smtp = _connect(config)
    except OSError as error:
        return False, _said(error)
    try:
        smtp.ehlo_or_helo_if_needed()
        steps = (
            (lambda: smtp.mail(parseaddr(email["From"])[1]), (250,)),
            (lambda: smtp.rcpt(to_address), (250, 251)),
            (lambda: smtp.data(email.as_bytes(policy=policy.SMTP)), (250,)),
        )
        for step, accepted in steps:
            code, reply = step()
            said = f"{code} {reply.decode(errors='replace')}"
            if code not in accepted:
                return False, said
        return True, said
    except OSError as error:
        return False, _said(error)
    finally:
        try:
            smtp.quit()
        except OSError:
            smtp.close()


def _said(error):
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}"
    return f"{type(error).__name__}: {error}"


class Outgoing:
    """The SMTP connection of one sending run: opened for its first message, kept for the rest.

    TLS always verifies the server's certificate and host name: against the system's
    certificate authorities, or only against ``MAIL_CA_FILE`` when that is set (a private
    CA). ``MAIL_USE_SSL`` speaks TLS from the first byte (port 465); ``MAIL_USE_TLS``
    upgrades a plain connection with STARTTLS (port 587) and refuses to go on in the clear
    when the server does not offer it. The password is sent only after that.
    """

    def __init__(self):
        self.smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, email):
        if not current_app.config.get("MAIL_SERVER"):
            _log_unsent(email)
            return
        kept = self.smtp is not None
        try:
            self._send(email)
        except OSError as error:  # smtplib.SMTPException is an OSError
            # A server may end a long-lived connection (after so many messages, say, with
            # "421"): the message was not taken, so it goes once more on a new connection.
            if not (kept and _closing(error)):
                raise
            self._send(email)

    def _send(self, email):
        if self.smtp is None:
            self.smtp = _connect(current_app.config)
        try:
            self.smtp.send_message(email)
        except OSError as error:
            # A refused message leaves the connection usable; anything else (a broken or
            # timed-out socket, the server closing) ends it, without waiting on it.
            refused = isinstance(
                error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused
            )
            if not refused or _closing(error):
                self.close(polite=False)
            raise

    def close(self, polite=True):
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            if polite:
                smtp.quit()
        except OSError:
            pass
        finally:
            smtp.close()


def _closing(error):
    """The server ended the connection (idle too long, or enough messages on it)."""
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError):
        return True
    return getattr(error, "smtp_code", None) == 421


def tls_context(config):
    """Certificates and host names checked, as browsers do; ``MAIL_CA_FILE`` for a private CA."""
    return ssl.create_default_context(cafile=config.get("MAIL_CA_FILE") or None)


def _connect(config):
    host, timeout = config["MAIL_SERVER"], config["MAIL_TIMEOUT"]
    port = int(config["MAIL_PORT"] or 0)  # 0: smtplib's default, 465 for implicit TLS, else 25
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context(config))
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=tls_context(config))
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _log_unsent(email):
    # The operator's only copy (a reset link, say), so it must reach a handler. Flask gives
    # the app's logger ("forum", this one's parent) one when nothing else would print its
    # records: to the WSGI server's error stream in a request (gunicorn's error log),
    # stderr in a command. Logging has no handler of its own under gunicorn.
    current_app.logger  # noqa: B018 -- creates the app's logger and its handler
    # Decoded, not as sent: quoted-printable would break long links across lines.
    headers = "".join(f"{name}: {email[name]}\n" for name in ("From", "To", "Subject"))
    log.info("E-mail (no MAIL_SERVER set, not sent):\n%s\n%s", headers, email.get_content())


def cancel_unsent(reason="cancelled"):
    """Drop every queued message (used after loading demo history, which e-mails nobody)."""
    with write_transaction() as session:
        session.execute(
            sa.update(MailMessage)
            .where(MailMessage.sent_at.is_(None), MailMessage.cancelled_at.is_(None))
            .values(cancelled_at=utcnow(), last_error=reason)
        )


def send_due(now=None, limit=100):
    """Send what is due. Returns (sent, failed, cancelled).

    A failed message waits before its next attempt (``retry_delay``: a minute, doubling,
    at most ``MAIL_RETRY_MAX_DELAY_SECONDS``) and is given up only once its attempts have
    spanned ``MAIL_GIVE_UP_AFTER_HOURS``, so an outage of the SMTP server loses nothing.
    """
    return _send(now or utcnow(), limit)


def _send(now, limit, keys=None, after_commit=False):
    with Outgoing() as outgoing:  # one SMTP connection for the whole run
        return _send_claimed(outgoing, now, limit, keys, after_commit)


def _send_claimed(outgoing, now, limit, keys, after_commit):
    # The run's clock starts at ``now`` and moves on with real time, so that a claim
    # renewed late in a long run is renewed to the time of the renewal.
    started = utcnow()

    def clock():
        return now + (utcnow() - started)

    sent = failed = cancelled = 0
    token, messages = _claim(now, limit, keys)
    for message in messages:
        message_id = message.id
        attempts = _take(message_id, token, clock(), count_attempt=not after_commit)
        if attempts is None:
            log.info("Mail %s was taken over by another run; leaving it to that run", message_id)
            continue
        if not _still_wanted(message):
            cancelled += _finish(message_id, token, cancelled_at=utcnow())
            continue
        try:
            outgoing.send(_email(message))
        except OSError as error:  # smtplib.SMTPException is an OSError
            failed += 1
            log.warning("Sending mail %s failed: %s", message_id, error)
            values = {"claim_token": None, "claimed_at": None, "last_error": str(error)[:500]}
            if after_commit:
                # A courtesy try right after the request: it neither counts as an attempt
                # nor delays the next one, and the first failure ends it (the server is
                # down or hanging); ``send-due`` retries everything that is left.
                _finish(message_id, token, **values)
                break
            # Counted from the start of this run, so that cron every minute retries
            # after exactly one, two, four … minutes.
            values["send_after"] = now + retry_delay(attempts)
            if retried_for(attempts) >= timedelta(
                hours=current_app.config["MAIL_GIVE_UP_AFTER_HOURS"]
            ):
                values["cancelled_at"] = utcnow()
                log.error("Giving up on mail %s after %s attempts", message_id, attempts)
            _finish(message_id, token, **values)
        else:
            sent += 1
            if not _finish(message_id, token, sent_at=utcnow()):
                log.warning("Mail %s was sent after another run took it over", message_id)
    if messages:
        _release(token)
    return sent, failed, cancelled


def send_soon():
    """Right after a unit of work committed, try to send the messages this request queued.

    At most ``MAIL_SEND_AFTER_COMMIT_LIMIT`` of them, stopping at the first failure, so a
    hanging SMTP server costs a request one ``MAIL_TIMEOUT`` at worst; everything else
    is left to ``flask notify send-due``.
    """
    keys = g.pop("_mail_queued", None)
    config = current_app.config
    if not config["MAIL_SEND_AFTER_COMMIT"] or not keys:
        return
    try:
        _send(utcnow(), config["MAIL_SEND_AFTER_COMMIT_LIMIT"], keys[:1_000], after_commit=True)
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        log.exception("Sending queued mail failed; it stays queued")
