"""The member's data export and account deletion pages (under /account, beside the
account pages of forum.accounts)."""

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from forum.errors import Invalid
from forum.privacy import services
from forum.privacy.forms import DeleteAccountForm

bp = Blueprint("privacy", __name__)


@bp.get("/account/export")
@login_required
def export():
    data = services.export_data(current_user)
    response = current_app.response_class(
        json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    filename = f"redress-account-{current_user.id}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.cache_control.no_store = True
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, form.password.data)
        except Invalid as error:
            form.password.errors = [error.message]
        else:
            logout_user()
            session.clear()
            flash(
                _("Your account is deleted. Your posts stay, shown as by a deleted user."), "info"
            )
            return redirect(url_for("complaints.home"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("privacy/delete.html", form=form), status
