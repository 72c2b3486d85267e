"""Posting an answer on the thread: its text and its photos.

It assembles complaints (the answer) and media (its photos, checked before anything
else and stored with it), so it lives above them. The route stays on the complaints
blueprint (``complaints.post_answer``, ``POST /complaints/<id>/answers``); a refused
form is shown again on the thread (:class:`~forum.errors.ThreadFormInvalid`).
"""

from flask import abort, flash, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.complaints import personal_data, queries
from forum.complaints.forms import AnswerForm
from forum.complaints.views import answer_url, bp, held_message, show_preview, wants_preview
from forum.errors import Invalid, RateLimited, ThreadFormInvalid
from forum.incoming import takes_uploads
from forum.media import services as media
from forum.pages.compose import posted_files


@bp.post("/complaints/<id:complaint_id>/answers")
@takes_uploads
@login_required
def post_answer(complaint_id):
    complaint = queries.get_complaint(complaint_id) or abort(404)
    form = AnswerForm()
    if wants_preview():
        status = show_preview(form, form.body.data)
        raise ThreadFormInvalid(complaint, {"answer_form": form}, status)
    if form.validate_on_submit():
        try:
            uploads = media.check_uploads(
                photos=posted_files("photos"),
                alts=request.form.getlist("photo_alt"),
                uploader=current_user,
            )
        except (Invalid, RateLimited) as error:
            form.upload_error = error.message  # shown above the photo fields
            raise ThreadFormInvalid(complaint, {"answer_form": form}, error.status) from None
        findings, body = personal_data.guard_answer(
            form.body.data, request.form.get("personal_data")
        )
        if findings:
            form.personal_findings = findings
            raise ThreadFormInvalid(complaint, {"answer_form": form})
        try:
            answer = media.post_answer(current_user, complaint, body, uploads)
        except Invalid as error:
            form.body.errors = [error.message]
        except RateLimited as error:
            form.body.errors = [error.message]
            raise ThreadFormInvalid(complaint, {"answer_form": form}, error.status) from None
        else:
            if answer.visibility == "pending":
                flash(held_message("answer"), "info")
            else:
                flash(_("Your answer is posted."), "success")
            return redirect(answer_url(answer, complaint), code=303)
    raise ThreadFormInvalid(complaint, {"answer_form": form})
