"""Account use cases: register, sign in, account state, and the member's own safety.

The account-state functions (``suspend``, ``ban``, ``lift_suspension``, ``change_role``,
``rotate_session``) take the caller's session and never commit: moderation runs them
inside its own transaction, beside the audit entry. The member's own use cases (password
reset and change, e-mail change) each commit once; the export of their data and the
deletion of their account are in ``forum.privacy``.
"""

import hashlib
import re
import secrets
import uuid
from types import SimpleNamespace

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from forum import i18n, mail, settings, signals
from forum.accounts.models import ROLES, User, new_session_token
from forum.db import utcnow
from forum.errors import Invalid
from forum.extensions import db
from forum.uow import locked, write_transaction

USERNAME_MIN, USERNAME_MAX = 3, 30
USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
# Deleted accounts are renamed ``deleted-<id>``: nobody may take a name of that form.
RESERVED_PREFIX = "deleted-"
PASSWORD_MIN = 10

# Checked against when no account matches, so a wrong username costs as much time as a
# wrong password and does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def username_problem(username):
    """Why a username cannot be used, or ``None``."""
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        return _(
            "Usernames are %(min)d to %(max)d characters long.", min=USERNAME_MIN, max=USERNAME_MAX
        )
    if not USERNAME_RE.match(username):
        return _("Use only letters, digits, underscores and hyphens.")
    if username.lower().startswith(RESERVED_PREFIX):
        return _(
            "Usernames cannot start with “%(prefix)s”: the site uses it for deleted accounts.",
            prefix=RESERVED_PREFIX,
        )
    return None


def normalise_email(email):
    """The e-mail address in its normal form, or raise ``Invalid`` with the reason."""
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise Invalid(
            _("That e-mail address is not valid: %(reason)s", reason=str(error))
        ) from None


def find_by_login(login):
    """The account whose username or e-mail matches ``login``, ignoring case."""
    login = (login or "").strip().lower()
    if not login:
        return None
    column = User.email if "@" in login else User.username
    return db.session.scalar(sa.select(User).where(sa.func.lower(column) == login))


def username_taken(username):
    return (
        db.session.scalar(
            sa.select(User.id).where(sa.func.lower(User.username) == username.lower())
        )
        is not None
    )


def email_taken(email):
    return (
        db.session.scalar(sa.select(User.id).where(sa.func.lower(User.email) == email.lower()))
        is not None
    )


def check_new_account(username, email, password):
    """The username and address of a new account, normalised; ``Invalid`` naming the
    field at fault (whether they are taken is checked in the write transaction)."""
    username = (username or "").strip()
    problem = username_problem(username)
    if problem:
        raise Invalid(problem)
    email = normalise_email((email or "").strip())
    _check_new_password(password)
    return username, email


def register(username, email, password, role="member"):
    """Create an account. Raises ``Invalid`` naming the field at fault."""
    username, email = check_new_account(username, email, password)
    if role not in ROLES:
        raise Invalid(f"Unknown role {role!r}.")
    try:
        with write_transaction() as session:
            if username_taken(username):
                raise Invalid(_("That username is taken."))
            if email_taken(email):
                raise Invalid(_("An account with that e-mail address already exists."))
            user = User(username=username, email=email, role=role)
            user.set_password(password)
            session.add(user)
    except IntegrityError:
        raise Invalid(_("That username or e-mail address is already registered.")) from None
    return user


def choose_language(user, language):
    """Save the interface language a member chose (one of ``i18n.LOCALES``); their pages,
    e-mails and notifications are in it from now on."""
    chosen = i18n.chosen_language(language)
    if chosen is None:
        raise Invalid(_("Choose one of the languages in the list."))
    with write_transaction():
        locked(User, user.id).language = chosen
    return chosen


def authenticate(login, password):
    """The account for these credentials; ``Invalid`` with one neutral message otherwise."""
    user = find_by_login(login)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        raise Invalid(_("Wrong username, e-mail or password."), status=401)
    if not user.check_password(password or "") or user.is_deleted:
        raise Invalid(_("Wrong username, e-mail or password."), status=401)
    return user


def load_by_session_token(token):
    """The account a session or remember cookie refers to (Flask-Login's user loader)."""
    if not token:
        return None
    return db.session.scalar(sa.select(User).where(User.session_token == token))


# --- Account state (wrapped by moderation with permission checks and audit entries) -----


def rotate_session(session, user):
    """Give the account a new session token: every session and remember-me cookie that
    carries the old one stops working on its next request (Flask-Login's alternative id).
    """
    user.session_token = new_session_token()


def sign_out(user):
    """End this sign-in for good: a new session token, so neither the session cookie nor a
    "keep me signed in" cookie that carried the old one signs anyone in again."""
    with write_transaction() as session:
        rotate_session(session, locked(User, user.id))


def suspend(session, user, until, reason):
    """Suspend until ``until`` (aware UTC): the member may read but not post, vote or flag."""
    if until is None or until.tzinfo is None:
        raise Invalid("A suspension needs an end time in UTC.")
    user.suspended_until = until
    user.suspension_reason = (reason or "").strip() or None
    rotate_session(session, user)
    signals.member_changed.send(user, session=session)


def ban(session, user, reason):
    """Ban without an end: the member may read but not post, vote or flag."""
    user.banned = True
    user.suspended_until = None
    user.suspension_reason = (reason or "").strip() or None
    rotate_session(session, user)
    signals.member_changed.send(user, session=session)


def lift_suspension(session, user):
    """End a suspension or a ban."""
    user.banned = False
    user.suspended_until = None
    user.suspension_reason = None
    rotate_session(session, user)
    signals.member_changed.send(user, session=session)


def change_role(session, user, role):
    """Make the account a member, staff or admin; its sessions restart with the new role."""
    if role not in ROLES:
        raise Invalid(f"Unknown role {role!r}.", status=400)
    user.role = role
    rotate_session(session, user)
    signals.member_changed.send(user, session=session)


# --- Passwords and e-mail -------------------------------------------------------------


def _check_new_password(password):
    if len(password or "") < PASSWORD_MIN:
        raise Invalid(_("Passwords are at least %(num)d characters long.", num=PASSWORD_MIN))


def require_password(user, password):
    """Refuse (403) unless ``password`` is the account's current one."""
    if not user.check_password(password or ""):
        raise Invalid(_("Your current password is not right."), status=403)


def _set_password(session, user, password):
    user.set_password(password)
    user.password_changed_at = utcnow()
    rotate_session(session, user)


def _queue_security_mail(session, address, subject, body):
    """Queue an account e-mail to ``address``, sent after commit.

    Addressed without an account id on purpose: it is not a notification, so it carries
    no unsubscribe link, and it still reaches an address the account no longer uses.
    """
    recipient = SimpleNamespace(id=None, email=address)
    mail.queue(
        session,
        recipient,
        subject=subject,
        body=body,
        kind="account",
        dedupe_key=f"account:{uuid.uuid4().hex}",
    )


def _password_fingerprint(user):
    """Changes whenever the password or the e-mail address does.

    So a reset link works only once, and a link sent to an address the account no longer
    uses dies with the change of address.
    """
    changed = user.password_changed_at.isoformat() if user.password_changed_at else ""
    bound = f"{user.password_hash}|{changed}|{user.email.lower()}"
    return hashlib.sha256(bound.encode()).hexdigest()[:20]


def _reset_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def password_reset_token(user):
    """A signed token for the reset link: expires, and dies once the password or the
    account's e-mail address changes."""
    return _reset_serializer().dumps([user.id, _password_fingerprint(user)])


def user_for_reset_token(token):
    """The account a reset token is still good for, or ``None`` (forged, expired, used)."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        user_id, fingerprint = _reset_serializer().loads(token, max_age=max_age)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int):
        return None
    user = db.session.get(User, user_id)
    if user is None or user.is_deleted:
        return None
    if not secrets.compare_digest(str(fingerprint), _password_fingerprint(user)):
        return None
    return user


def request_password_reset(email, link_for):
    """E-mail a reset link if an account uses ``email``; say nothing about whether one does.

    ``link_for(token)`` builds the absolute URL of the reset page.
    """
    email = (email or "").strip().lower()
    if "@" not in email:
        raise Invalid(_("Enter the e-mail address of your account."))
    with write_transaction() as session:
        user = session.scalar(sa.select(User).where(sa.func.lower(User.email) == email))
        if user is not None and not user.is_deleted:
            site = settings.get("site_name")
            minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
            with i18n.in_language_of(user):
                _queue_security_mail(
                    session,
                    user.email,
                    _("Reset your %(site)s password", site=site),
                    ngettext(
                        "Someone, hopefully you, asked to reset the password of the %(site)s "
                        "account %(username)s.\n\nChoose a new password here within "
                        "%(num)d minute:\n%(link)s\n\nThe link works once. If you did not "
                        "ask for this, ignore this e-mail: your password stays as it is.\n",
                        "Someone, hopefully you, asked to reset the password of the %(site)s "
                        "account %(username)s.\n\nChoose a new password here within "
                        "%(num)d minutes:\n%(link)s\n\nThe link works once. If you did not "
                        "ask for this, ignore this e-mail: your password stays as it is.\n",
                        minutes,
                        site=site,
                        username=user.username,
                        link=link_for(password_reset_token(user)),
                    ),
                )


def reset_password(token, password):
    """Set a new password through a reset link; the link and every session die with it."""
    _check_new_password(password)
    user = user_for_reset_token(token)
    if user is None:
        return None
    with write_transaction() as session:
        user = locked(User, user.id)
        # Checked again under the lock: two uses of one link cannot both succeed.
        if user_for_reset_token(token) is None:
            return None
        _set_password(session, user, password)
    return user


def change_password(user, current_password, new_password):
    """Change the password; every other session and remember-me cookie is signed out."""
    _check_new_password(new_password)
    with write_transaction() as session:
        user = locked(User, user.id)
        require_password(user, current_password)
        _set_password(session, user, new_password)
        site = settings.get("site_name")
        with i18n.in_language_of(user):
            _queue_security_mail(
                session,
                user.email,
                _("Your %(site)s password was changed", site=site),
                _(
                    "The password of the %(site)s account %(username)s was just changed, and "
                    "every other device was signed out.\n\nIf this was not you, reset your "
                    "password at once with the link on the sign-in page.\n",
                    site=site,
                    username=user.username,
                ),
            )
    return user


def change_email(user, current_password, new_email):
    """Change the account's e-mail address; the old address is told."""
    new_email = normalise_email((new_email or "").strip())
    try:
        with write_transaction() as session:
            user = locked(User, user.id)
            require_password(user, current_password)
            if new_email.lower() == user.email.lower():
                raise Invalid(_("That is already your e-mail address."))
            if email_taken(new_email):
                raise Invalid(_("An account with that e-mail address already exists."))
            old_email, user.email = user.email, new_email
            site = settings.get("site_name")
            with i18n.in_language_of(user):
                _queue_security_mail(
                    session,
                    old_email,
                    _("Your %(site)s e-mail address was changed", site=site),
                    _(
                        "The e-mail address of the %(site)s account %(username)s was changed "
                        "from this address to another one.\n\nIf this was not you, reply to "
                        "this e-mail or contact the site's staff.\n",
                        site=site,
                        username=user.username,
                    ),
                )
    except IntegrityError:
        raise Invalid(_("An account with that e-mail address already exists.")) from None
    return user
