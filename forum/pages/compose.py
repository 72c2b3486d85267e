"""The new-complaint page: the form, solved threads like it first, then the personal-data guard.

It assembles complaints (the form and the post), media (photos and evidence, checked
before anything else and stored with the complaint), search (deflection: similar solved
threads before a first post) and the personal-data guard, so it lives above them.
"""

from flask import Blueprint, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from forum.complaints import personal_data, queries
from forum.complaints.forms import ComplaintForm
from forum.complaints.links import thread_path
from forum.complaints.views import held_message, show_preview, wants_preview
from forum.errors import DomainError, render_error
from forum.incoming import takes_uploads
from forum.media import processing
from forum.media import queries as media_queries
from forum.media import services as media
from forum.search import services as search

bp = Blueprint("compose", __name__)


def _page(form, status=200, **context):
    return render_template(
        "complaints/edit.html",
        form=form,
        complaint=None,
        uploads=media_queries.upload_fields(),
        **context,
    ), status


def posted_files(name):
    """The files posted as ``name``: ``(filename, bytes)``, each read up to one byte past
    the per-file limit (enough to refuse it)."""
    return [
        (upload.filename or "", upload.stream.read(processing.MAX_FILE_BYTES + 1))
        for upload in request.files.getlist(name)
    ]


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A body past ``UPLOAD_MAX_CONTENT_LENGTH`` was not read at all: say what the limits
    are; the browser's Back button brings the form back with what was typed."""
    return render_error(
        413,
        _(
            "The photos and files together are larger than this site accepts "
            "(at most %(photos)d photos and %(evidence)d evidence files of %(size)d MB each). "
            "Go back: your browser still has what you typed. Then choose smaller files.",
            photos=media.MAX_PHOTOS,
            evidence=media.MAX_EVIDENCE,
            size=processing.MAX_FILE_BYTES // (1024 * 1024),
        ),
    )


@bp.route("/complaints/new", methods=["GET", "POST"])
@takes_uploads
@login_required
def new_complaint():
    form = ComplaintForm()
    form.set_categories(queries.categories())
    if request.method == "GET" and request.args.get("category"):
        chosen = queries.category_by_slug(request.args["category"])
        if chosen:
            form.category.data = chosen.id
    if request.method == "POST" and wants_preview():  # nothing posted: the form again
        return _page(form, show_preview(form, form.body.data))
    if form.validate_on_submit():
        # The files first: a refused one is named before anything else is asked.
        try:
            uploads = media.check_uploads(
                photos=posted_files("photos"),
                alts=request.form.getlist("photo_alt"),
                evidence=posted_files("evidence"),
                uploader=current_user,
            )
        except DomainError as error:
            form.form_errors.append(error.message)
            return _page(form, error.status)
        # Deflection: before the first post, show solved threads like this one, once: not
        # again after "not my problem", nor when the script showed them while typing.
        similar = search.deflection(
            form.title.data,
            request.form.get("not_my_problem") == "1" or request.form.get("similar_seen") == "1",
            body=form.body.data,
            category_id=form.category.data,
        )
        if similar:
            return _page(form, similar=similar)
        # Personal-data guard: warn before publishing what looks like contact data.
        findings, values = personal_data.guard_complaint(
            form.values(), request.form.get("personal_data")
        )
        if findings:
            return _page(form, 422, personal_findings=findings)
        try:
            complaint = media.create_complaint(current_user, uploads, **values)
        except DomainError as error:
            form.form_errors.append(error.message)
            if error.status != 422:  # refused (403) or too soon (429): same form, kept text
                return _page(form, error.status)
        else:
            if complaint.visibility == "pending":
                flash(held_message("complaint"), "info")
            else:
                flash(
                    _("Your complaint is published. We will let you know about answers."),
                    "success",
                )
            return redirect(thread_path(complaint), code=303)
    return _page(form, 422 if request.method == "POST" else 200)
