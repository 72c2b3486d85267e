"""Member accounts (``/mod/users/<id>``): suspend, ban, lift a suspension, change a role.

``forum.accounts.services`` changes the account (and rotates its session token); these use
cases check who may act on whom and write the audit entry."""

from datetime import timedelta

from flask_babel import gettext as _

from forum import audit, permissions
from forum.accounts import services as accounts
from forum.accounts.models import ROLES, User
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.moderation.services.common import clean_reason, require_staff
from forum.uow import write_transaction


def _account_action(actor, user_id, action, reason, change, admin_only=False):
    if admin_only and not permissions.is_admin(actor):
        raise PermissionDenied(_("Only admins can do that."))
    require_staff(actor)
    with write_transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise Invalid(_("No such account."), status=404)
        if user.id == actor.id:
            raise PermissionDenied(_("You cannot do that to your own account."))
        if user.is_staff and not permissions.is_admin(actor):
            raise PermissionDenied(_("Only admins can act on staff accounts."))
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
    if not (reason or "").strip():
        raise Invalid(_("Give the member a reason."))
    if until <= utcnow():
        raise Invalid(_("The suspension must end in the future."))
    return _account_action(
        actor, user_id, "suspend", reason, lambda s, u: accounts.suspend(s, u, until, reason)
    )


def ban(actor, user_id, reason):
    if not (reason or "").strip():
        raise Invalid(_("Give the member a reason."))
    return _account_action(actor, user_id, "ban", reason, lambda s, u: accounts.ban(s, u, reason))


def lift_suspension(actor, user_id, reason=None):
    return _account_action(
        actor, user_id, "lift_suspension", reason, lambda s, u: accounts.lift_suspension(s, u)
    )


def change_role(actor, user_id, role, reason=None):
    """Admins change a member's role; ``reason`` goes into the audit entry."""
    if role not in ROLES:
        raise Invalid(_("Unknown role."), status=400)
    return _account_action(
        actor,
        user_id,
        "change_role",
        clean_reason(reason),
        lambda s, u: accounts.change_role(s, u, role),
        admin_only=True,
    )
