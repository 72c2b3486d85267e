"""Editing a complaint (its text, photos and evidence) or an answer (its text and photos).

It assembles complaints (the edit) and media (photos and evidence added or taken off in
the same transaction), so it lives above them. The routes stay on the complaints
blueprint (``complaints.edit_complaint``, ``/complaints/<id>/edit``;
``complaints.edit_answer``, ``/answers/<id>/edit``).
"""

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum import permissions
from forum.complaints import personal_data, queries
from forum.complaints.forms import AnswerForm, ComplaintForm
from forum.complaints.models import Answer
from forum.complaints.views import answer_url, bp, show_preview, thread_url, wants_preview
from forum.errors import DomainError
from forum.extensions import db
from forum.incoming import takes_uploads
from forum.media import queries as media_queries
from forum.media import services as media
from forum.pages.compose import posted_files

UPLOAD_FIELDS = ("photos", "photo_alt", "evidence")


def _ids(name):
    return [int(value) for value in request.form.getlist(name) if value.isdigit()]


@bp.route("/complaints/<id:complaint_id>/edit", methods=["GET", "POST"])
@takes_uploads
@login_required
def edit_complaint(complaint_id):
    complaint = queries.get_complaint(complaint_id) or abort(404)
    if not permissions.can_edit(current_user, complaint):
        abort(403)
    form = ComplaintForm(obj=complaint if request.method == "GET" else None)
    form.set_categories(queries.categories(), keep=complaint.category_id)
    if request.method == "GET":
        form.body.data = complaint.body_source
        form.category.data = complaint.category_id
    status = 422 if request.method == "POST" else 200
    findings = []
    if request.method == "POST" and wants_preview():
        status = show_preview(form, form.body.data)
    elif form.validate_on_submit():
        # The same personal-data guard as for a new complaint: the edit is published too.
        findings, values = personal_data.guard_complaint(
            form.values(), request.form.get("personal_data")
        )
        if not findings:
            try:
                uploads = media.check_uploads(
                    photos=posted_files("photos"),
                    alts=request.form.getlist("photo_alt"),
                    evidence=posted_files("evidence"),
                    uploader=current_user,
                )
                media.edit_complaint(
                    current_user,
                    complaint,
                    uploads,
                    remove_photos=_ids("remove_photo"),
                    remove_evidence=_ids("remove_evidence"),
                    **values,
                )
            except DomainError as error:
                form.form_errors.append(error.message)
                status = error.status
            else:
                flash(_("Your changes are saved."), "success")
                return redirect(thread_url(complaint), code=303)
    photos = media_queries.thread_photos(complaint).get(None, [])
    page = render_template(
        "complaints/edit.html",
        form=form,
        complaint=complaint,
        personal_findings=findings,
        uploads=media_queries.upload_fields(slots=media.MAX_PHOTOS - len(photos)),
        current_photos=photos,
        current_evidence=media_queries.thread_evidence(current_user, complaint),
        removing_photos=set(_ids("remove_photo")),
        removing_evidence=set(_ids("remove_evidence")),
    )
    return page, status


@bp.route("/answers/<id:answer_id>/edit", methods=["GET", "POST"])
@takes_uploads
@login_required
def edit_answer(answer_id):
    answer = db.session.get(Answer, answer_id) or abort(404)
    if not permissions.can_edit(current_user, answer):
        abort(403)
    form = AnswerForm(data={"body": answer.body_source} if request.method == "GET" else None)
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and wants_preview():
        status = show_preview(form, form.body.data)
    elif form.validate_on_submit():
        # The same personal-data guard as for a new answer.
        findings, body = personal_data.guard_answer(
            form.body.data, request.form.get("personal_data")
        )
        form.personal_findings = findings
        if not findings:
            try:
                uploads = media.check_uploads(
                    photos=posted_files("photos"),
                    alts=request.form.getlist("photo_alt"),
                    uploader=current_user,
                )
                media.edit_answer(
                    current_user, answer, body, uploads, remove_photos=_ids("remove_photo")
                )
            except DomainError as error:
                if error.field in UPLOAD_FIELDS:
                    form.form_errors.append(error.message)
                else:
                    form.body.errors = [error.message]
                status = error.status
            else:
                flash(_("Your answer is updated."), "success")
                return redirect(answer_url(answer), code=303)
    photos = media_queries.answer_photos(answer)
    page = render_template(
        "complaints/edit_answer.html",
        form=form,
        answer=answer,
        uploads=media_queries.upload_fields(slots=media.MAX_PHOTOS - len(photos)),
        current_photos=photos,
        removing_photos=set(_ids("remove_photo")),
    )
    return page, status
