"""Following threads, the notification list, e-mail settings and unsubscribing."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum import mail
from forum.accounts.forms import EmptyForm
from forum.complaints.forms import VoteForm
from forum.complaints.links import thread_path
from forum.complaints.models import Complaint
from forum.errors import Invalid
from forum.extensions import csrf, db
from forum.notifications import services
from forum.notifications.forms import EmailChoiceForm
from forum.notifications.kinds import EMAIL_CHOICES, STREAMS
from forum.templating import query_parameters
from forum.urls import page_arg

bp = Blueprint("notifications", __name__)


@bp.post("/complaints/<id:complaint_id>/follow")
@login_required
def follow(complaint_id):
    complaint = db.session.get(Complaint, complaint_id) or abort(404)
    form = VoteForm()
    if not form.validate_on_submit() or form.value.data not in ("0", "1"):
        raise Invalid(_("Follow is 1 (follow) or 0 (stop following)."), status=400)
    following = services.set_following(current_user, complaint, int(form.value.data))
    if request.accept_mimetypes.best == "application/json":
        return jsonify(following=following)
    flash(
        _("You are following this thread.")
        if following
        else _("You no longer follow this thread."),
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
        EMAIL_LABELS={key: label for key, (label, _hint) in EMAIL_CHOICES.items()},
    )


@bp.get("/notifications/<id:notification_id>/open")
@login_required
def open_one(notification_id):
    """Follow a notification: its thread's notifications are read, then on to the post.

    A GET, like Discourse's links: a link opens in a new tab, can be copied and works
    without JavaScript. It changes only the reader's own read marks and is idempotent,
    so a forged or repeated request harms nobody.
    """
    item = services.open_notification(current_user, notification_id) or abort(404)
    if not item.visible:
        flash(_("That thread is no longer available."), "info")
        return redirect(url_for("notifications.inbox"), code=303)
    return redirect(item.url, code=303)


@bp.post("/notifications/<id:notification_id>/read")
@login_required
def read_one(notification_id):
    if not EmptyForm().validate_on_submit():
        raise Invalid(_("The form expired. Reload the page and try again."), status=400)
    services.mark_read(current_user, notification_id)
    return redirect(url_for("notifications.inbox"), code=303)


@bp.post("/notifications/read-all")
@login_required
def read_all():
    if not EmptyForm().validate_on_submit():
        raise Invalid(_("The form expired. Reload the page and try again."), status=400)
    services.mark_all_read(current_user)
    flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.inbox"), code=303)


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings():
    form = EmailChoiceForm(email_choice=current_user.email_choice)
    if form.validate_on_submit():
        choice = services.set_email_choice(current_user.id, form.email_choice.data)
        flash(_("Saved: %(choice)s.", choice=EMAIL_CHOICES[choice][0]), "success")
        return redirect(url_for("notifications.settings"), code=303)
    status = 422 if form.is_submitted() else 200
    hints = {key: hint for key, (_label, hint) in EMAIL_CHOICES.items()}
    return render_template("notifications/settings.html", form=form, hints=hints), status


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """One click from an e-mail: the signed token names the member and the stream, so no
    sign-in or CSRF token is needed.

    GET shows a button (mail scanners follow links); POST, also sent by mail clients'
    one-click unsubscribe (RFC 8058, body ``List-Unsubscribe=One-Click``), stops that
    stream: the notification e-mails or the daily digest.
    """
    target = mail.unsubscribe_target(token)
    if target is None or target[1] not in STREAMS:
        abort(404)
    user_id, stream = target
    if request.method == "POST":
        services.unsubscribe(user_id, stream)
        return render_template("notifications/unsubscribed.html", stream=stream)
    return render_template("notifications/unsubscribe.html", token=token, stream=stream)
