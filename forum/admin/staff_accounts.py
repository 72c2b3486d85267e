"""The use cases behind ``/admin/staff``: who is staff, changing a role, inviting staff.

Admins only. Every change writes one audit entry with the values before and after, in the
change's own transaction: ``change_role`` (target the account: its role), ``staff_invite``,
``staff_invite_revoke`` (target the invitation) and ``staff_invite_accept`` (by the person
who accepted; target their account: its role before and after).

A forum always keeps one admin: the last one can be neither demoted by another admin (there
is none) nor demote themselves.

An invitation link carries an invitation's id and a random nonce, signed with
``SECRET_KEY`` (salt ``staff-invitation``, apart from the members' invitation links of
``forum.accounts.registration``) and dated: it works for ``STAFF_INVITATION_MAX_AGE``
seconds, once, and not after it was revoked.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError

from forum import audit, i18n, mail, permissions, settings
from forum.accounts import services as accounts
from forum.accounts.models import ROLES, STAFF_ROLES, User
from forum.admin.models import StaffInvitation
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.errors import Conflict, Invalid, NotFound, PermissionDenied
from forum.extensions import db
from forum.moderation.services.common import clean_reason
from forum.uow import write_transaction

RANK = {"member": 0, "staff": 1, "admin": 2}


def _require_admin(actor):
    if actor is None or not permissions.is_admin(actor):
        raise PermissionDenied(_("Only admins can do that."))


def role_label(role):
    return {"member": _("member"), "staff": _("staff"), "admin": _("admin")}.get(role, role)


# --- The list -----------------------------------------------------------------------------


@dataclass
class StaffRow:
    user: User
    answers: int
    official_answers: int


def staff_list():
    """Staff and admins (admins first, then by name), each with their answers and official
    answers counted: three statements whatever the number of rows."""
    users = db.session.scalars(
        sa.select(User)
        .where(User.role.in_(STAFF_ROLES), User.deleted_at.is_(None))
        .order_by(sa.case((User.role == "admin", 0), else_=1), sa.func.lower(User.username))
    ).all()
    ids = [user.id for user in users]
    if not ids:
        return []
    answers = dict(
        db.session.execute(
            sa.select(Answer.author_id, sa.func.count(Answer.id))
            .where(Answer.author_id.in_(ids))
            .group_by(Answer.author_id)
        ).all()
    )
    official = dict(
        db.session.execute(
            sa.select(Answer.author_id, sa.func.count(Complaint.id))
            .join(Answer, Answer.id == Complaint.official_answer_id)
            .where(Answer.author_id.in_(ids))
            .group_by(Answer.author_id)
        ).all()
    )
    return [StaffRow(user, answers.get(user.id, 0), official.get(user.id, 0)) for user in users]


def pending_invitations():
    """Invitations neither accepted, revoked nor expired, newest first."""
    since = utcnow() - timedelta(seconds=_max_age())
    return db.session.scalars(
        sa.select(StaffInvitation)
        .where(
            StaffInvitation.accepted_at.is_(None),
            StaffInvitation.revoked_at.is_(None),
            StaffInvitation.created_at > since,
        )
        .order_by(StaffInvitation.created_at.desc(), StaffInvitation.id.desc())
    ).all()


def expires_at(invitation):
    return invitation.created_at + timedelta(seconds=_max_age())


# --- Roles --------------------------------------------------------------------------------


def _admin_count(session):
    """The active admins, their rows locked (PostgreSQL) so two admins demoting each other
    at once cannot leave none; SQLite's write transaction already holds the lock."""
    rows = session.scalars(
        sa.select(User.id).where(User.role == "admin", User.deleted_at.is_(None)).with_for_update()
    ).all()
    return len(rows)


def change_role(actor, user_id, role, reason):
    """Make the account ``user_id`` a member, staff or admin, for ``reason`` (required).

    ``Invalid`` (422) for an unknown role, a missing reason, the role it already has, or
    demoting the last admin, who may be the actor."""
    _require_admin(actor)
    if role not in ROLES:
        raise Invalid(_("Choose member, staff or admin."), field="role")
    reason = clean_reason(reason)
    if not reason:
        raise Invalid(_("Give a reason: it goes into the audit log."), field="reason")
    with write_transaction() as session:
        user = session.get(User, user_id)
        if user is None or user.is_deleted:
            raise NotFound(_("No such account."))
        if user.role == role:
            raise Invalid(
                _("%(name)s is already %(role)s.", name=user.username, role=role_label(role)),
                field="role",
            )
        if user.banned and role in STAFF_ROLES:
            raise Invalid(
                _("%(name)s is banned: lift the ban first.", name=user.username), field="role"
            )
        if user.role == "admin" and _admin_count(session) <= 1:
            if user.id == actor.id:
                message = _(
                    "You are the last admin: make another member an admin before you step down."
                )
            else:
                message = _("%(name)s is the last admin.", name=user.username)
            raise Invalid(message, field="role")
        before = {"role": user.role}
        accounts.change_role(session, user, role)
        audit.record(session, actor, "change_role", "user", user.id, reason, before, {"role": role})
    return user


def change_role_by_name(actor, username, role, reason):
    """``change_role`` for the account named ``username`` (the staff page's promote form)."""
    _require_admin(actor)
    name = (username or "").strip().lower()
    user = (
        db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == name))
        if name
        else None
    )
    if user is None or user.is_deleted:
        raise Invalid(_("No member is called that."), field="username")
    return change_role(actor, user.id, role, reason)


# --- Invitations --------------------------------------------------------------------------


def _max_age():
    return int(current_app.config["STAFF_INVITATION_MAX_AGE"])


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="staff-invitation")


def _digest(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


def invitation_token(invitation_id, nonce):
    return _serializer().dumps({"id": invitation_id, "nonce": nonce})


USED = "used"
REVOKED = "revoked"
EXPIRED = "expired"
FORGED = "forged"


class InvitationRefused(Conflict):
    """A link that cannot be used: ``state`` says why (used, revoked, expired, forged)."""

    def __init__(self, state):
        messages = {
            USED: _("This invitation has already been used. Sign in with the account it made."),
            REVOKED: _("This invitation was withdrawn. Ask an admin for a new one."),
            EXPIRED: _("This invitation has expired. Ask an admin for a new one."),
            FORGED: _("This invitation link is not valid. Check that it was copied whole."),
        }
        super().__init__(messages[state], status=404 if state == FORGED else 410)
        self.state = state


def invitation_for(token, session=None):
    """The usable invitation a link names; ``InvitationRefused`` saying why not."""
    try:
        data = _serializer().loads(token or "", max_age=_max_age())
    except SignatureExpired:
        raise InvitationRefused(EXPIRED) from None
    except BadSignature:
        raise InvitationRefused(FORGED) from None
    if not isinstance(data, dict) or not isinstance(data.get("nonce"), str):
        raise InvitationRefused(FORGED)
    invitation = (session or db.session).get(StaffInvitation, data.get("id"))
    if invitation is None or not secrets.compare_digest(
        invitation.nonce_hash, _digest(data["nonce"])
    ):
        raise InvitationRefused(FORGED)
    if invitation.is_used:
        raise InvitationRefused(USED)
    if invitation.is_revoked:
        raise InvitationRefused(REVOKED)
    return invitation


def invite(actor, email, role, link_for):
    """E-mail ``email`` a link to join as ``role`` (staff or admin); ``link_for(token)``
    builds the link's absolute URL. ``Invalid`` for a bad address or role, an address that
    already has that role, or one with a pending invitation."""
    _require_admin(actor)
    if role not in STAFF_ROLES:
        raise Invalid(_("Invite as staff or admin."), field="role")
    try:
        email = accounts.normalise_email((email or "").strip())
    except Invalid:
        raise Invalid(_("Enter an e-mail address."), field="email") from None
    nonce = secrets.token_urlsafe(24)
    with write_transaction() as session:
        owner = session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
        if owner is not None and not owner.is_deleted and RANK[owner.role] >= RANK[role]:
            raise Invalid(_("%(name)s already has that role.", name=owner.username), field="email")
        if any(pending.email.lower() == email.lower() for pending in pending_invitations()):
            raise Invalid(
                _("%(email)s has a pending invitation: revoke it to send another.", email=email),
                field="email",
            )
        invitation = StaffInvitation(
            email=email, role=role, nonce_hash=_digest(nonce), invited_by_id=actor.id
        )
        session.add(invitation)
        session.flush()
        link = link_for(invitation_token(invitation.id, nonce))
        _queue_invitation(session, actor, invitation, link)
        audit.record(
            session,
            actor,
            "staff_invite",
            "staff_invitation",
            invitation.id,
            after={"email": email, "role": role},
        )
    return invitation


def _queue_invitation(session, actor, invitation, link):
    site = settings.get("site_name")
    days = max(1, _max_age() // 86400)
    # Composed in the site's language: the recipient may have no account yet.
    with i18n.in_language_of(None):
        subject = _("You are invited to join the %(site)s team", site=site)
        body = _(
            "%(name)s invited you to join %(site)s as %(role)s.\n\n"
            "To accept, open this link within %(days)s days:\n%(link)s\n\n"
            "It works once. If you did not expect this, ignore this e-mail.\n",
            name=actor.username,
            site=site,
            role=role_label(invitation.role),
            days=days,
            link=link,
        )
    mail.queue(
        session,
        SimpleNamespace(id=None, email=invitation.email),
        subject=subject,
        body=body,
        kind="account",
        dedupe_key=f"staff-invitation:{invitation.id}",
    )


def revoke(actor, invitation_id):
    """Withdraw a pending invitation: its link stops working."""
    _require_admin(actor)
    with write_transaction() as session:
        invitation = session.get(StaffInvitation, invitation_id)
        if invitation is None:
            raise NotFound(_("No such invitation."))
        if invitation.is_used or invitation.is_revoked:
            raise Conflict(_("That invitation was already used or revoked."))
        invitation.revoked_at = utcnow()
        audit.record(
            session,
            actor,
            "staff_invite_revoke",
            "staff_invitation",
            invitation.id,
            before={"email": invitation.email, "role": invitation.role, "state": "pending"},
            after={"state": "revoked"},
        )
    return invitation


def _consume(session, invitation, user):
    """Mark the invitation used, once: a second request racing this one finds it used."""
    done = session.execute(
        sa.update(StaffInvitation)
        .where(
            StaffInvitation.id == invitation.id,
            StaffInvitation.accepted_at.is_(None),
            StaffInvitation.revoked_at.is_(None),
        )
        .values(accepted_at=utcnow(), accepted_by_id=user.id)
    )
    if done.rowcount != 1:
        raise InvitationRefused(USED)
    before = {"role": user.role}
    role = invitation.role if RANK[invitation.role] > RANK[user.role] else user.role
    if role != user.role:
        accounts.change_role(session, user, role)
    audit.record(
        session,
        user,
        "staff_invite_accept",
        "user",
        user.id,
        before=before,
        after={"role": role, "invitation": invitation.id},
    )


def accept(user, token):
    """The signed-in ``user`` accepts the invitation; it must be for their address."""
    with write_transaction() as session:
        invitation = invitation_for(token, session)
        user = session.get(User, user.id)
        if user.banned:
            raise PermissionDenied(_("A banned account cannot join the team."))
        if user.email.lower() != invitation.email.lower():
            raise PermissionDenied(
                _(
                    "This invitation is for %(email)s: sign in with that account.",
                    email=invitation.email,
                )
            )
        _consume(session, invitation, user)
    return user


def register_and_accept(token, username, password):
    """Create the account the invitation's address was invited to, with its role."""
    try:
        with write_transaction() as session:
            invitation = invitation_for(token, session)
            if accounts.email_taken(invitation.email):
                message = _("An account uses %(email)s: sign in to accept.", email=invitation.email)
                raise Conflict(message)
            username, email = accounts.check_new_account(username, invitation.email, password)
            if accounts.username_taken(username):
                raise Invalid(_("That username is taken."), field="username")
            user = User(username=username, email=email, role="member")
            user.set_password(password)
            session.add(user)
            session.flush()
            _consume(session, invitation, user)
    except IntegrityError:
        raise Invalid(_("That username is taken."), field="username") from None
    return user


def account_for(invitation):
    """The account that already uses the invited address, if any."""
    return db.session.scalar(
        sa.select(User).where(
            sa.func.lower(User.email) == invitation.email.lower(), User.deleted_at.is_(None)
        )
    )
