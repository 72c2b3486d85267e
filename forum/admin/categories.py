"""``/admin/categories``: list, create, edit, archive, merge and delete categories.

Thin views over ``forum.complaints.categories``; the admins-only rule is the blueprint's
(``forum.admin.views``). Each change is audit-logged by the service's event.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.admin.forms import CategoryForm, ConfirmForm, MergeForm
from forum.admin.views import bp
from forum.complaints import categories as services
from forum.complaints import queries
from forum.complaints.models import Category
from forum.errors import DomainError
from forum.extensions import db


def _category(category_id):
    return db.session.get(Category, category_id) or abort(404)


def _back():
    return redirect(url_for("admin.categories"), 303)


@bp.get("/categories")
def categories():
    rows, open_counts = queries.categories_for_admin()
    return render_template(
        "admin/categories.html",
        categories=rows,
        open_counts=open_counts,
        assignees=queries.category_assignees(),
    )


def _form_page(form, category=None):
    status = 422 if request.method == "POST" else 200
    return render_template("admin/category_form.html", form=form, category=category), status


@bp.post("/categories")
@bp.route("/categories/new", methods=["GET", "POST"])
def new_category():
    form = CategoryForm()
    form.set_staff(queries.staff_members())
    if form.validate_on_submit():
        try:
            category = services.create_category(current_user, **form.values())
        except DomainError as error:
            form.form_errors.append(error.message)
            return _form_page(form)[0], error.status
        flash(
            _(
                "Category “%(name)s” created at /c/%(slug)s.",
                name=category.name,
                slug=category.slug,
            ),
            "success",
        )
        return _back()
    return _form_page(form)


@bp.route("/categories/<id:category_id>/edit", methods=["GET", "POST"])
def edit_category(category_id):
    category = _category(category_id)
    form = CategoryForm(obj=category if request.method == "GET" else None)
    form.set_staff(queries.staff_members())
    if request.method == "GET":
        form.default_assignee.data = category.default_assignee_id
    if form.validate_on_submit():
        try:
            category = services.edit_category(current_user, category.id, **form.values())
        except DomainError as error:
            form.form_errors.append(error.message)
            return _form_page(form, category)[0], error.status
        flash(_("Category “%(name)s” saved.", name=category.name), "success")
        return _back()
    return _form_page(form, category)


def _action(category_id, service, message):
    """Run ``service`` on the category and flash ``message`` (lazy, ``%(name)s``)."""
    category = _category(category_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        service(current_user, category.id)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("admin.edit_category", category_id=category.id), 303)
    flash(str(message) % {"name": category.name}, "success")
    return _back()


@bp.post("/categories/<id:category_id>/archive")
def archive_category(category_id):
    return _action(
        category_id,
        services.archive_category,
        _l("“%(name)s” is archived: its threads stay, it takes no new complaints."),
    )


@bp.post("/categories/<id:category_id>/unarchive")
def unarchive_category(category_id):
    return _action(
        category_id, services.unarchive_category, _l("“%(name)s” takes new complaints again.")
    )


@bp.route("/categories/<id:category_id>/merge", methods=["GET", "POST"])
def merge_category(category_id):
    category = _category(category_id)
    form = MergeForm()
    others = [c for c in queries.categories() if c.id != category.id]
    form.set_targets(others)
    if form.validate_on_submit():
        try:
            target = services.merge_categories(current_user, category.id, form.target.data)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(
                _(
                    "“%(name)s” was merged into “%(target)s”.",
                    name=category.name,
                    target=target.name,
                ),
                "success",
            )
            return _back()
    status = 422 if request.method == "POST" else 200
    page = render_template("admin/category_merge.html", form=form, category=category)
    return page, status


@bp.route("/categories/<id:category_id>/delete", methods=["GET", "POST"])
def delete_category(category_id):
    category = _category(category_id)
    form = ConfirmForm()
    error = None
    if form.validate_on_submit():
        name = category.name
        try:
            services.delete_category(current_user, category.id)
        except DomainError as refused:
            error = refused
        else:
            flash(_("Category “%(name)s” deleted.", name=name), "success")
            return _back()
    page = render_template("admin/category_delete.html", form=form, category=category, error=error)
    if error is not None:
        return page, error.status
    return page, 422 if request.method == "POST" else 200
