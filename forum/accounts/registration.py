"""Registration through the visitor's mailbox: the form's answer never says whether an
account already uses the address.

Every registration that passes the form's checks answers the same ("check your
e-mail"), after the same work: the password is hashed, one e-mail is queued in one
transaction and sent after commit. A new address gets a link that creates the account;
an address that already has one gets a message telling its owner how to sign in or reset
the password, and nothing is created. Usernames are public, so a taken one is still said
at once.

The link carries the username, the address and the password's hash, encrypted and
signed (Fernet, a key derived from ``SECRET_KEY``), so nothing is stored before the
owner of the address confirms it, and the hash is never readable in a mail or a log.
"""

import base64
import json
import uuid
from types import SimpleNamespace

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from forum import i18n, mail, settings
from forum.accounts.models import User
from forum.accounts.services import (
    check_new_account,
    email_taken,
    normalise_email,
    register,
    username_taken,
)
from forum.errors import Conflict, Invalid
from forum.uow import write_transaction

ALREADY_DONE = _l(
    "This link has already been used, or the username or address has been taken since. "
    "Sign in, or register again."
)


def by_email():
    """Whether registering goes through the visitor's mailbox (``REGISTRATION_BY_EMAIL``;
    by default when a mail server is configured). Without one, a link could reach
    nobody, nor could the owner of a taken address be told: the account is created at
    once and a taken address is said on the form, as ``services.register`` does."""
    config = current_app.config
    wanted = config.get("REGISTRATION_BY_EMAIL")
    return bool(config.get("MAIL_SERVER")) if wanted is None else bool(wanted)


def _fernet():
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"redress registration link"
    ).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def registration_token(username, email, password_hash):
    """The token of a link that creates this account (encrypted, signed, dated)."""
    payload = json.dumps({"username": username, "email": email, "hash": password_hash})
    return _fernet().encrypt(payload.encode()).decode()


def pending_registration(token):
    """The account a confirmation link would create (username, email, hash), or ``None``
    when the link is forged, damaged or older than ``REGISTRATION_LINK_MAX_AGE``."""
    try:
        data = json.loads(
            _fernet().decrypt(token, ttl=current_app.config["REGISTRATION_LINK_MAX_AGE"])
        )
    except (InvalidToken, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), str) for key in ("username", "email", "hash")
    ):
        return None
    return SimpleNamespace(**{key: data[key] for key in ("username", "email", "hash")})


def _queue(session, address, subject, body):
    mail.queue(
        session,
        SimpleNamespace(id=None, email=address),
        subject=subject,
        body=body,
        kind="account",
        dedupe_key=f"account:{uuid.uuid4().hex}",
    )


def request_registration(username, email, password, link_for):
    """Check the form's values and e-mail the address; ``Invalid`` for the form.

    ``link_for(endpoint, **values)`` builds an absolute URL. Whether an account uses
    ``email`` changes only which message the address receives.
    """
    username, email = check_new_account(username, email, password)
    # Hashed whatever the address: both answers cost the same.
    password_hash = generate_password_hash(password, method="scrypt")
    site = settings.get("site_name")
    with write_transaction() as session:
        if username_taken(username):
            raise Invalid(_("That username is taken."))
        owner = session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
        if owner is None:
            hours = current_app.config["REGISTRATION_LINK_MAX_AGE"] // 3600
            link = link_for(
                "accounts.confirm_registration",
                token=registration_token(username, email, password_hash),
            )
            # Nobody has an account yet: composed in the language of the request.
            _queue(
                session,
                email,
                _("Confirm your %(site)s account", site=site),
                ngettext(
                    "Someone, hopefully you, asked to create the %(site)s account %(username)s "
                    "with this e-mail address.\n\nTo create it, open this link within "
                    "%(num)d hour:\n%(link)s\n\nIf you did not ask for this, ignore this "
                    "e-mail: no account is created.\n",
                    "Someone, hopefully you, asked to create the %(site)s account %(username)s "
                    "with this e-mail address.\n\nTo create it, open this link within "
                    "%(num)d hours:\n%(link)s\n\nIf you did not ask for this, ignore this "
                    "e-mail: no account is created.\n",
                    hours,
                    site=site,
                    username=username,
                    link=link,
                ),
            )
        else:
            with i18n.in_language_of(owner):
                _queue(
                    session,
                    owner.email,
                    _("Someone tried to register on %(site)s with your address", site=site),
                    _(
                        "Someone tried to create a new %(site)s account with this e-mail "
                        "address, which already belongs to your account %(username)s. Nothing "
                        "was changed.\n\nIf it was you, sign in:\n%(login)s\n\nor, if you "
                        "forgot your password, choose a new one:\n%(reset)s\n\nIf it was not "
                        "you, ignore this e-mail.\n",
                        site=site,
                        username=owner.username,
                        login=link_for("accounts.login"),
                        reset=link_for("accounts.reset_request"),
                    ),
                )


def complete_registration(token):
    """Create the account a confirmation link describes; ``None`` for a bad or old link,
    ``Conflict`` when it was used already or its name or address was taken since."""
    pending = pending_registration(token)
    if pending is None:
        return None
    try:
        with write_transaction() as session:
            if username_taken(pending.username) or email_taken(pending.email):
                raise Conflict(ALREADY_DONE)
            user = User(
                username=pending.username,
                email=pending.email,
                role="member",
                password_hash=pending.hash,
            )
            session.add(user)
    except IntegrityError:
        raise Conflict(ALREADY_DONE) from None
    return user


# -- Who may register (the ``registration`` setting) --------------------------------------
#
# ``open``: anyone. ``invite``: only with an invitation link, made by an admin with
# ``flask users invite EMAIL``: signed (``SECRET_KEY``), dated (``INVITATION_MAX_AGE``) and
# naming the invited address, which the account must use; the link proves the address,
# so the account is made at once, and as an address has one account, a link makes one.
# ``closed``: nobody; accounts are made with ``flask users create``.

CLOSED = _l("Registration is closed: new accounts are not being created.")
INVITE_ONLY = _l(
    "Registration is by invitation only. Ask the team for an invitation link, or sign in "
    "if you have an account."
)
INVITATION_INVALID = _l("This invitation link is not valid or has expired: ask for a new one.")


def _invitations():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="member-invitation")


def invitation_token(email):
    """The token of an invitation link for ``email`` (normalised; ``Invalid`` if it is not
    an address)."""
    return _invitations().dumps(normalise_email((email or "").strip()))


def invited_email(token):
    """The address an invitation link was made for, or ``None`` for a forged or old one."""
    if not token:
        return None
    try:
        email = _invitations().loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except BadSignature:
        return None
    return email if isinstance(email, str) else None


def mode():
    return settings.get("registration")


def refusal(invite_token=None):
    """Why a visitor may not register now (``None``: they may), under the ``registration``
    setting and the invitation link they came with."""
    current = mode()
    if current == "closed":
        return CLOSED
    if current == "invite":
        if not invite_token:
            return INVITE_ONLY
        if invited_email(invite_token) is None:
            return INVITATION_INVALID
    return None


def register_invited(token, username, email, password):
    """Create the account an invitation link allows; ``Invalid`` when the address is not
    the invited one."""
    invited = invited_email(token)
    if invited is None:
        raise Invalid(INVITATION_INVALID, status=403)
    if normalise_email((email or "").strip()).lower() != invited.lower():
        raise Invalid(
            _("This invitation is for %(email)s: register with that address.", email=invited)
        )
    return register(username, invited, password)
