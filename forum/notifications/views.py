"""Following threads, the notification list, e-mail settings and unsubscribing."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum import mail
from forum.accounts.forms import EmptyForm
from forum.complaints.forms import VoteForm
from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
from forum.errors import Invalid
from forum.extensions import csrf, db
from forum.notifications import services
from forum.templating import query_parameters
from forum.urls import page_arg

bp = Blueprint("notifications", __name__)


@bp.post("/complaints/<id:complaint_id>/follow")
@login_required
def follow(complaint_id):
    complaint = db.session.get(Complaint, complaint_id) or abort(404)
    form = VoteForm()
    if not form.validate_on_submit() or form.value.data not in ("0", "1"):
        raise Invalid("Follow is 1 (follow) or 0 (stop following).", status=400)
    following = services.set_following(current_user, complaint, int(form.value.data))
    if request.accept_mimetypes.best == "application/json":
        return jsonify(following=following)
    flash(
        "You are following this thread." if following else "You no longer follow this thread.",
        "success",
    )
    return redirect(thread_path(complaint), code=303)


@bp.get("/notifications")
@login_required
@query_parameters("page")
def inbox():
    page = page_arg()
    items, has_next = services.inbox(current_user, page)
    return render_template(
        "notifications/inbox.html",
        items=items,
        page=page,
        has_next=has_next,
        form=EmptyForm(formdata=None),
    )


@bp.post("/notifications/<id:notification_id>/read")
@login_required
def read_one(notification_id):
    if not EmptyForm().validate_on_submit():
        raise Invalid("The form expired. Reload the page and try again.", status=400)
    services.mark_read(current_user, notification_id)
    return redirect(url_for("notifications.inbox"), code=303)


@bp.post("/notifications/read-all")
@login_required
def read_all():
    if not EmptyForm().validate_on_submit():
        raise Invalid("The form expired. Reload the page and try again.", status=400)
    services.mark_all_read(current_user)
    flash("All notifications are marked read.", "success")
    return redirect(url_for("notifications.inbox"), code=303)


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings():
    form = EmptyForm()
    if form.validate_on_submit():
        enabled = request.form.get("email") == "on"
        services.set_email_notifications(current_user.id, enabled)
        flash("E-mail is on." if enabled else "E-mail is off.", "success")
        return redirect(url_for("notifications.settings"), code=303)
    return render_template("notifications/settings.html", form=form)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """One click from an e-mail: the signed token is the proof, so no sign-in is needed.

    GET shows a button (mail scanners follow links); POST, also sent by mail clients'
    one-click unsubscribe (RFC 8058), turns e-mail off.
    """
    user_id = mail.user_id_from_token(token)
    if user_id is None:
        abort(404)
    if request.method == "POST":
        services.set_email_notifications(user_id, False)
        return render_template("notifications/unsubscribed.html")
    return render_template("notifications/unsubscribe.html", token=token)
