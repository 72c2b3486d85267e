"""``/admin/staff``: the staff list, role changes and staff invitations; and the page an
invitation link opens (``/staff-invitations/<token>``), which is not under ``/admin``: the
person invited is not an admin, and may have no account yet.

Thin views over ``forum.admin.staff_accounts``, where the rules live.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from forum.accounts.models import User
from forum.admin import staff_accounts as services
from forum.admin.forms import ConfirmForm, InviteForm, JoinForm, PromoteForm, RoleForm
from forum.admin.views import bp
from forum.errors import DomainError
from forum.extensions import db
from forum.mail import link

invitations_bp = Blueprint("staff_invitations", __name__)


def _back():
    return redirect(url_for("admin.staff"), 303)


def _refused(form, error):
    """Put a refusal on the field it is about, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def _page(status=200, promote_form=None, invite_form=None, role_forms=None):
    rows = services.staff_list()
    role_forms = role_forms or {}
    for row in rows:
        role_forms.setdefault(row.user.id, RoleForm(formdata=None, role=row.user.role))
    page = render_template(
        "admin/staff.html",
        rows=rows,
        role_forms=role_forms,
        promote_form=promote_form or PromoteForm(formdata=None, role="staff"),
        invite_form=invite_form or InviteForm(formdata=None),
        invitations=services.pending_invitations(),
        expires_at=services.expires_at,
        revoke_form=ConfirmForm(formdata=None),
    )
    return page, status


@bp.get("/staff")
def staff():
    return _page()


@bp.post("/staff")
def promote():
    form = PromoteForm()
    form.validate_on_submit()
    try:
        user = services.change_role_by_name(
            current_user, form.username.data, form.role.data, form.reason.data
        )
    except DomainError as error:
        _refused(form, error)
        return _page(error.status, promote_form=form)
    return _changed(user)


@bp.post("/staff/<id:user_id>/role")
def change_role(user_id):
    form = RoleForm()
    form.validate_on_submit()
    try:
        user = services.change_role(current_user, user_id, form.role.data, form.reason.data)
    except DomainError as error:
        if db.session.get(User, user_id) is None:
            abort(404)
        _refused(form, error)
        return _page(error.status, role_forms={user_id: form})
    return _changed(user)


def _changed(user):
    flash(
        _("%(name)s is now %(role)s.", name=user.username, role=services.role_label(user.role)),
        "success",
    )
    if user.id == current_user.id:
        # Their sessions restarted with the new role: sign this one in again, as a
        # non-admin now, and leave the admin pages.
        session.clear()
        login_user(db.session.get(User, user.id))
        return redirect(url_for("complaints.home"), 303)
    return _back()


@bp.post("/staff/invite")
def invite():
    form = InviteForm()
    form.validate_on_submit()
    try:
        invitation = services.invite(
            current_user,
            form.email.data,
            form.role.data,
            lambda token: link(url_for("staff_invitations.join", token=token)),
        )
    except DomainError as error:
        _refused(form, error)
        return _page(error.status, invite_form=form)
    flash(_("Invitation sent to %(email)s.", email=invitation.email), "success")
    return _back()


@bp.post("/staff/invitations/<id:invitation_id>/revoke")
def revoke_invitation(invitation_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        invitation = services.revoke(current_user, invitation_id)
    except DomainError as error:
        flash(error.message, "error")
        return _back()
    flash(_("The invitation to %(email)s was withdrawn.", email=invitation.email), "success")
    return _back()


# --- The invitation link -----------------------------------------------------------------


@invitations_bp.route("/staff-invitations/<token>", methods=["GET", "POST"])
def join(token):
    try:
        invitation = services.invitation_for(token)
    except services.InvitationRefused as refused:
        page = render_template("admin/staff_invitation.html", refused=refused)
        return page, refused.status
    account = services.account_for(invitation)
    form = JoinForm() if account is None else ConfirmForm()
    status = 200
    if request.method == "POST":
        try:
            if current_user.is_authenticated:
                user = services.accept(current_user, token)
            elif account is None:
                user = services.register_and_accept(token, form.username.data, form.password.data)
            else:
                return redirect(url_for("accounts.login", next=request.path), 303)
        except services.InvitationRefused as refused:
            page = render_template("admin/staff_invitation.html", refused=refused)
            return page, refused.status
        except DomainError as error:
            _refused(form, error)
            status = error.status
        else:
            session.clear()
            login_user(user)
            flash(
                _("Welcome to the team: you are %(role)s.", role=services.role_label(user.role)),
                "success",
            )
            return redirect(url_for("staff.queue"), 303)
    page = render_template(
        "admin/staff_invitation.html",
        invitation=invitation,
        account=account,
        form=form,
        expires_at=services.expires_at(invitation),
    )
    return page, status
