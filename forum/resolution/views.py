"""Official answers, accepted solutions, status changes and reviews."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum import permissions
from forum.accounts.forms import EmptyForm
from forum.complaints.links import thread_path
from forum.complaints.models import Answer, Complaint
from forum.errors import Invalid, ThreadFormInvalid
from forum.extensions import db
from forum.resolution import queries, services
from forum.resolution.forms import (
    FixFeedbackForm,
    ResolutionResponseForm,
    ReviewForm,
    StatusForm,
)

bp = Blueprint("resolution", __name__)


def _complaint(complaint_id):
    return db.session.get(Complaint, complaint_id) or abort(404)


def _answer(answer_id):
    return db.session.get(Answer, answer_id) or abort(404)


def _checked(form):
    """A one-button form: refuse a missing or stale CSRF token with a 400."""
    if not form.validate_on_submit():
        raise Invalid(_("The form expired. Reload the page and try again."), status=400)


def _wanted_state():
    """A toggle's ``value`` field: 1 to mark, 0 to unmark, absent to toggle."""
    value = request.form.get("value")
    if value is None:
        return None
    if value not in ("0", "1"):
        raise Invalid(_("Unknown value: send 1 to mark or 0 to unmark."), status=400)
    return value == "1"


@bp.post("/answers/<id:answer_id>/official")
@login_required
def official(answer_id):
    answer = _answer(answer_id)
    _checked(EmptyForm())
    marked = services.mark_official(current_user, answer, mark=_wanted_state())
    flash(
        _("Marked as the official answer.") if marked else _("No longer the official answer."),
        "success",
    )
    return redirect(thread_path(answer.complaint, fragment=f"answer-{answer.id}"), code=303)


@bp.post("/answers/<id:answer_id>/accept")
@login_required
def accept(answer_id):
    answer = _answer(answer_id)
    _checked(EmptyForm())
    accepted = services.accept_answer(current_user, answer, accept=_wanted_state())
    flash(
        _("Marked as the accepted solution.")
        if accepted
        else _("No longer the accepted solution."),
        "success",
    )
    return redirect(thread_path(answer.complaint, fragment=f"answer-{answer.id}"), code=303)


@bp.post("/complaints/<id:complaint_id>/status")
@login_required
def change_status(complaint_id):
    complaint = _complaint(complaint_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.change_status(
                current_user,
                complaint,
                form.status.data,
                note=form.note.data,
                promised_date=form.promised_date.data,
            )
        except Invalid as error:
            shown_on = form._fields.get(error.field)
            if shown_on is not None:
                shown_on.errors = [*shown_on.errors, error.message]
            else:
                form.form_errors.append(error.message)
        else:
            flash(_("The complaint is updated."), "success")
            return redirect(thread_path(complaint, fragment="resolution"), code=303)
    raise ThreadFormInvalid(complaint, {"status_form": form})


@bp.post("/complaints/<id:complaint_id>/resolution")
@login_required
def respond(complaint_id):
    complaint = _complaint(complaint_id)
    form = ResolutionResponseForm()
    if form.validate_on_submit():
        try:
            services.respond_to_resolution(
                current_user, complaint, form.action.data == "confirm", form.reason.data
            )
        except Invalid as error:
            form.reason.errors = [error.message]
        else:
            flash(_("Thank you. Your answer is on the timeline."), "success")
            return redirect(thread_path(complaint, fragment="resolution"), code=303)
    raise ThreadFormInvalid(complaint, {"response_form": form})


@bp.post("/complaints/<id:complaint_id>/fixed")
@login_required
def fixed(complaint_id):
    complaint = _complaint(complaint_id)
    form = FixFeedbackForm()
    _checked(form)
    if form.value.data not in ("yes", "no"):
        raise Invalid(_("Answer yes or no."), status=400)
    services.record_fix_feedback(current_user, complaint, form.value.data == "yes")
    flash(_("Thanks, that helps everyone with the same problem."), "success")
    return redirect(thread_path(complaint, fragment="resolution"), code=303)


@bp.route("/complaints/<id:complaint_id>/review", methods=["GET", "POST"])
@login_required
def review(complaint_id):
    complaint = _complaint(complaint_id)
    if not permissions.can_revise_review(current_user, complaint):
        abort(403)
    history = queries.rating_history(complaint)
    form = ReviewForm()
    if request.method == "GET":
        form.prefill(complaint, history[-1] if history else None)
    if form.validate_on_submit():
        try:
            services.revise_review(
                current_user,
                complaint,
                int(form.rating.data),
                form.review.data,
                form.would_return.data == "yes",
            )
        except Invalid as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Your revised review is saved. The earlier one stays in the history."),
                  "success")  # fmt: skip
            return redirect(thread_path(complaint), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "resolution/review.html",
        form=form,
        complaint=complaint,
        decline_form=EmptyForm(formdata=None),
        history=history,
    ), status


@bp.post("/complaints/<id:complaint_id>/review/decline")
@login_required
def decline_review(complaint_id):
    complaint = _complaint(complaint_id)
    _checked(EmptyForm())
    services.decline_review_prompt(current_user, complaint)
    flash(_("Understood. Your review stays as it is."), "info")
    return redirect(thread_path(complaint), code=303)
