"""The new-complaint page: the form, solved threads like it first, then the personal-data guard.

It assembles complaints (the form and the post), search (deflection: similar solved
threads before a first post) and the personal-data guard, so it lives above them.
"""

from flask import Blueprint, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.complaints import personal_data, queries, services
from forum.complaints.forms import ComplaintForm
from forum.complaints.links import thread_path
from forum.complaints.views import held_message, show_preview, wants_preview
from forum.errors import DomainError
from forum.search import services as search

bp = Blueprint("compose", __name__)


def _page(form, status=200, **context):
    return render_template("complaints/edit.html", form=form, complaint=None, **context), status


@bp.route("/complaints/new", methods=["GET", "POST"])
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
            complaint = services.create_complaint(current_user, **values)
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
