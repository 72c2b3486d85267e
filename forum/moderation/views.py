"""Flagging, the moderation queue and actions, the audit log, and member accounts."""

from contextlib import contextmanager
from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from forum import permissions
from forum.accounts.models import ROLES, User, public_name
from forum.complaints import personal_data
from forum.complaints.links import thread_path
from forum.complaints.models import Answer, Complaint
from forum.complaints.views import show_preview, wants_preview
from forum.errors import DomainError, Invalid, ThreadFormInvalid
from forum.extensions import db
from forum.moderation import log as audit_lines
from forum.moderation import queries, services
from forum.moderation.forms import (
    AssignForm,
    BanForm,
    DecideForm,
    EditPostForm,
    FlagForm,
    MergeForm,
    ModerationForm,
    MoveForm,
    NoteForm,
    RedactForm,
    RoleForm,
    SuspendForm,
)
from forum.moderation.models import FLAG_REASONS, REMOVAL_REASON_LABELS, REMOVAL_REASONS
from forum.security import safe_next
from forum.templating import current_path, query_parameters
from forum.urls import page_arg

bp = Blueprint("moderation", __name__)


@bp.before_request
def _staff_only():
    """Every /mod page is for staff; flagging is for members and handled per view."""
    if request.path.startswith("/mod"):
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=current_path()))
        if not permissions.is_staff(current_user):
            abort(403)
    return None


def _valid(form):
    if not form.validate_on_submit():
        errors = [message for messages in form.errors.values() for message in messages]
        raise Invalid(" ".join(errors) or _("The form could not be read."), status=400)


@contextmanager
def _thread_tool(complaint, name, form):
    """A staff tool posted from the thread: ``name`` is its form's name on the page.

    A form that does not validate, or a refusal by the service called inside the block,
    shows the thread again with the form, its message and the typed text.
    """
    if not form.validate_on_submit():
        raise ThreadFormInvalid(complaint, {name: form})
    try:
        yield form
    except DomainError as error:
        form.form_errors.append(error.message)
        raise ThreadFormInvalid(complaint, {name: form}, error.status) from None


def _post(target_type, target_id):
    model = {"complaint": Complaint, "answer": Answer}.get(target_type) or abort(404)
    return db.session.get(model, target_id) or abort(404)


def _back(target_type, post):
    complaint = post if target_type == "complaint" else post.complaint
    fragment = f"answer-{post.id}" if target_type == "answer" else None
    return redirect(
        request.form.get("next_url")
        if _local(request.form.get("next_url"))
        else thread_path(complaint, fragment=fragment),
        code=303,
    )


def _local(url):
    return safe_next(url) is not None


# --- Members flag posts ----------------------------------------------------------------


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(
        FLAG_REASONS=FLAG_REASONS,
        REMOVAL_REASONS=REMOVAL_REASONS,
        REMOVAL_REASON_LABELS=REMOVAL_REASON_LABELS,
    )


def _flag(target_type, target_id):
    post = _post(target_type, target_id)
    if not permissions.can_see(current_user, post):
        abort(404)
    if not permissions.can_flag(current_user):
        abort(403, permissions.refusal(current_user, "report posts"))
    form = FlagForm()
    status = 200
    if form.validate_on_submit():
        try:
            hidden = services.flag(
                current_user,
                target_type,
                target_id,
                form.reason.data,
                form.details.data,
                form.duplicate_of.data,
            )
        except Invalid as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            if hidden:
                message = _("Thank you. Staff will review the post. It is hidden until then.")
            else:
                message = _("Thank you. Staff will review the post.")
            flash(message, "success")
            return _back(target_type, post)
    elif request.method == "POST":
        status = 422
    return render_template(
        "moderation/flag.html", form=form, post=post, target_type=target_type
    ), status


@bp.route("/complaints/<id:complaint_id>/flag", methods=["GET", "POST"])
@login_required
def flag_complaint(complaint_id):
    return _flag("complaint", complaint_id)


@bp.route("/answers/<id:answer_id>/flag", methods=["GET", "POST"])
@login_required
def flag_answer(answer_id):
    return _flag("answer", answer_id)


# --- The queue -------------------------------------------------------------------------

POST_ACTIONS = "<any(approve, dismiss, hide, delete, restore):action>"
TARGET = "<any(complaint, answer):target_type>/<id:target_id>"


def _queue_page(status=200, refused=None):
    """The queue; ``refused`` says which decision a service refused, and why."""
    return render_template(
        "moderation/queue.html",
        flagged=queries.flagged(),
        held=queries.held(),
        requests=queries.removal_requests(),
        form=ModerationForm(formdata=None),
        decide_form=DecideForm(formdata=None),
        refused=refused,
    ), status


@bp.get("/mod/queue")
def queue():
    return _queue_page()


def _named(target_type, post):
    """A post as a flash message names it: “Title”, or the answer by someone on “Title”."""
    if target_type == "complaint":
        return _("“%(title)s”", title=post.title)
    return _(
        "The answer by %(author)s on “%(title)s”",
        author=public_name(post.author),
        title=post.complaint.title,
    )


# The queue's decisions, one set per state of the post: the states each applies to (a
# post that changed meanwhile is not decided on a stale page), and what it does.
QUEUE_DECISIONS = {
    "dismiss": ("visible", "hidden", "deleted", "merged", "pending"),
    "hide": ("visible",),
    "restore": ("hidden", "deleted"),
    "keep_hidden": ("hidden",),
    "approve": ("pending",),
    "reject": ("pending",),
}


def _dismissed(visibility, name):
    """The queue's message after dismissing a post's reports: it stays as it was."""
    messages = {
        "visible": _("Reports dismissed: %(post)s stays visible.", post=name),
        "pending": _("Reports dismissed: %(post)s stays held.", post=name),
        "hidden": _("Reports dismissed: %(post)s stays hidden.", post=name),
        "deleted": _("Reports dismissed: %(post)s stays deleted.", post=name),
        "merged": _("Reports dismissed: %(post)s stays merged.", post=name),
    }
    return messages.get(visibility) or messages["visible"]


def _requested(decision, name, label):
    """The queue's message when a removal waits for a second opinion."""
    if decision == "hide":
        text = _(
            "Asked for a second opinion on hiding %(post)s (%(reason)s): another member of "
            "staff or an admin decides it below.",
            post=name,
            reason=label,
        )
    elif decision == "keep_hidden":
        text = _(
            "Asked for a second opinion on keeping hidden %(post)s (%(reason)s): another "
            "member of staff or an admin decides it below.",
            post=name,
            reason=label,
        )
    else:
        text = _(
            "Asked for a second opinion on rejecting %(post)s (%(reason)s): another member "
            "of staff or an admin decides it below.",
            post=name,
            reason=label,
        )
    return text


def _removed(decision, name, label):
    """The queue's message after hiding, keeping hidden or rejecting a post."""
    if decision == "hide":
        return _("Hidden: %(post)s (%(reason)s); its reports are upheld.", post=name, reason=label)
    if decision == "keep_hidden":
        return _(
            "Kept hidden: %(post)s (%(reason)s); its reports are upheld.", post=name, reason=label
        )
    return _("Rejected: %(post)s is deleted (%(reason)s).", post=name, reason=label)


@bp.post(f"/mod/queue/{TARGET}/<any({', '.join(QUEUE_DECISIONS)}):decision>")
def queue_decision(target_type, target_id, decision):
    """Decide on a reported or held post from the queue, then back to the queue (303)."""
    post = _post(target_type, target_id)
    form = ModerationForm()
    _valid(form)
    name = _named(target_type, post)
    if post.visibility not in QUEUE_DECISIONS[decision]:
        flash(
            _("%(post)s changed while the queue was open: check it again below.", post=name), "info"
        )
        return redirect(url_for("moderation.queue"), code=303)
    reason = form.reason.data
    label = REMOVAL_REASONS.get(reason, reason)
    try:
        if decision == "dismiss":
            services.dismiss_flags(current_user, target_type, target_id, form.note.data)
            message = _dismissed(post.visibility, name)
        elif decision == "restore":
            services.restore(current_user, target_type, target_id, form.note.data)
            message = _(
                "Restored: %(post)s is public again, and its reports are dismissed.", post=name
            )
        elif decision == "approve":
            services.approve(current_user, target_type, target_id, form.note.data)
            message = _("Approved: %(post)s is published.", post=name)
        else:
            action = "delete" if decision == "reject" else "hide"
            outcome = services.remove(
                current_user, target_type, target_id, action, reason, form.note.data
            )
            if outcome == "requested":
                message = _requested(decision, name, label)
            else:
                message = _removed(decision, name, label)
    except DomainError as error:
        return _queue_page(
            error.status, refused=_("Not done — %(post)s: %(why)s", post=name, why=error.message)
        )
    flash(message, "success")
    return redirect(url_for("moderation.queue"), code=303)


@bp.post(f"/mod/{TARGET}/{POST_ACTIONS}")
def act(target_type, target_id, action):
    post = _post(target_type, target_id)
    form = ModerationForm()
    _valid(form)
    note = form.note.data
    if action == "approve":
        services.approve(current_user, target_type, target_id, note)
        flash(_("Approved: the post is public."), "success")
    elif action == "dismiss":
        services.dismiss_flags(current_user, target_type, target_id, note)
        flash(_("Reports dismissed."), "success")
    elif action == "restore":
        services.restore(current_user, target_type, target_id, note)
        flash(_("Restored."), "success")
    else:
        outcome = services.remove(
            current_user, target_type, target_id, action, form.reason.data, note
        )
        if outcome == "requested":
            flash(
                _(
                    "A second member of staff or an admin must approve this removal; the "
                    "complaint stays visible until then."
                ),
                "info",
            )
        else:
            flash(_("Hidden.") if action == "hide" else _("Deleted."), "success")
    return _back(target_type, post)


@bp.post("/mod/requests/<id:request_id>")
def decide(request_id):
    form = DecideForm()
    _valid(form)
    services.decide_removal(
        current_user, request_id, form.decision.data == "approve", form.note.data
    )
    flash(_("Decision recorded."), "success")
    return redirect(url_for("moderation.queue"), code=303)


# --- Threads ---------------------------------------------------------------------------


THREAD_SWITCHED = {
    "lock": _l("Thread locked."),
    "unlock": _l("Thread unlocked."),
    "pin": _l("Thread pinned."),
    "unpin": _l("Thread unpinned."),
}


@bp.post("/mod/complaints/<id:complaint_id>/<any(lock, unlock, pin, unpin):action>")
def thread_switch(complaint_id, action):
    complaint = _post("complaint", complaint_id)
    with _thread_tool(complaint, "mod_form", ModerationForm()) as form:
        if action in ("lock", "unlock"):
            services.set_locked(current_user, complaint_id, action == "lock", form.note.data)
        else:
            services.set_pinned(current_user, complaint_id, action == "pin", form.note.data)
    flash(str(THREAD_SWITCHED[action]), "success")
    return redirect(thread_path(complaint), code=303)


@bp.post("/mod/complaints/<id:complaint_id>/move")
def move(complaint_id):
    complaint = _post("complaint", complaint_id)
    with _thread_tool(complaint, "move_form", MoveForm()) as form:
        services.move(current_user, complaint_id, form.category.data, form.reason.data)
    flash(_("Moved."), "success")
    return redirect(thread_path(complaint), code=303)


@bp.post("/mod/complaints/<id:complaint_id>/merge")
def merge(complaint_id):
    complaint = _post("complaint", complaint_id)
    with _thread_tool(complaint, "merge_form", MergeForm()) as form:
        outcome, target_id = services.merge_into(
            current_user, complaint_id, form.target.data, form.reason.data
        )
    if outcome == "requested":
        flash(
            _(
                "A second member of staff or an admin must approve this merge; the complaint "
                "stays visible until then."
            ),
            "info",
        )
        return redirect(thread_path(complaint), code=303)
    flash(_("Merged: answers and votes now live on this complaint."), "success")
    return redirect(thread_path(_post("complaint", target_id)), code=303)


@bp.post("/mod/complaints/<id:complaint_id>/assign")
def assign(complaint_id):
    complaint = _post("complaint", complaint_id)
    with _thread_tool(complaint, "assign_form", AssignForm()) as form:
        services.assign(current_user, complaint_id, form.assignee.data or None, form.reason.data)
    flash(_("Assignment saved."), "success")
    return redirect(thread_path(complaint, fragment="staff-tools"), code=303)


@bp.post("/mod/complaints/<id:complaint_id>/notes")
def add_note(complaint_id):
    complaint = _post("complaint", complaint_id)
    with _thread_tool(complaint, "note_form", NoteForm()) as form:
        services.add_note(current_user, complaint_id, form.body.data)
    flash(_("Note added (staff only)."), "success")
    return redirect(thread_path(complaint, fragment="staff-tools"), code=303)


def _rewrite_post(service, form, post, target_type, target_id, done, template, **context):
    """Staff rewrite a post (edit or redact): one service call, the form again on refusal
    (or with the text's preview, when the form's Preview button sent it)."""
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and wants_preview():
        status = show_preview(form, form.body.data)
    elif form.validate_on_submit():
        try:
            service(
                current_user,
                target_type,
                target_id,
                form.body.data,
                form.title.data if target_type == "complaint" else None,
                form.reason.data,
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(done, "success")
            return _back(target_type, post)
    page = render_template(template, form=form, post=post, target_type=target_type, **context)
    return page, status


@bp.route(f"/mod/{TARGET}/edit", methods=["GET", "POST"])
def edit(target_type, target_id):
    post = _post(target_type, target_id)
    form = EditPostForm(
        data={"title": getattr(post, "title", None), "body": post.body_source}
        if request.method == "GET"
        else None
    )
    return _rewrite_post(
        services.edit_post,
        form,
        post,
        target_type,
        target_id,
        _("Saved. The previous version is kept."),
        "moderation/edit.html",
        revisions=queries.revisions(target_type, target_id),
    )


@bp.route(f"/mod/{TARGET}/redact", methods=["GET", "POST"])
def redact(target_type, target_id):
    """Replace exposed personal data; the form starts with what the guard would strip."""
    post = _post(target_type, target_id)
    title = getattr(post, "title", None)
    findings = personal_data.find(f"{title or ''}\n{post.body_source}")
    data = None
    if request.method == "GET":
        data = {
            "title": personal_data.strip(title, findings, "[redacted]").strip() if title else None,
            "body": personal_data.strip(post.body_source, findings, "[redacted]"),
        }
    return _rewrite_post(
        services.redact,
        RedactForm(data=data),
        post,
        target_type,
        target_id,
        _("Redacted. The original is kept for staff only."),
        "moderation/redact.html",
        findings=findings,
    )


# --- The audit log ---------------------------------------------------------------------


@bp.get("/mod/log")
@query_parameters("actor", "kind", "action", "target", "page")
def log():
    """The audit log as sentences, newest first; filter by who, what kind, and target."""
    page = page_arg()
    actor = (request.args.get("actor") or "").strip()[:30]
    kind = request.args.get("kind", "")
    kind = kind if kind in audit_lines.KINDS else ""
    action = (request.args.get("action") or "").strip()[:40]
    target = (request.args.get("target") or "").strip()[:40]
    entries, has_next = queries.audit_log(
        actor, action, target, page, actions=audit_lines.KINDS[kind][1] if kind else None
    )
    if page > 1 and not entries:
        abort(404)
    return render_template(
        "moderation/log.html",
        lines=audit_lines.lines(entries),
        has_next=has_next,
        page=page,
        actor=actor,
        kind=kind,
        action=action,
        target=target,
        kinds=audit_lines.KINDS,
        staff=queries.staff_members(),
    )


# --- Member accounts -------------------------------------------------------------------


MEMBERS_PAGE_SIZE = 50


@bp.get("/mod/users")
@query_parameters("q", "status", "role", "page")
def users():
    """Find a member: by name or e-mail, by account state and role, newest first."""
    page = page_arg()
    query = (request.args.get("q") or "").strip()[:100]
    status = request.args.get("status", "")
    status = status if status in queries.MEMBER_STATUSES else ""
    role = request.args.get("role", "")
    role = role if role in ROLES else ""
    rows, total = queries.members(query, status, role, page, MEMBERS_PAGE_SIZE)
    pages = max(1, -(-total // MEMBERS_PAGE_SIZE))
    if page > pages:
        abort(404)
    return render_template(
        "moderation/users.html",
        rows=rows,
        total=total,
        results=SimpleNamespace(page=page, pages=pages, has_prev=page > 1, has_next=page < pages),
        query=query,
        status=status,
        role=role,
        statuses=queries.MEMBER_STATUSES,
        roles=ROLES,
    )


# Each action on an account: its form and the form's name on the member's page.
USER_FORMS = {
    "suspend": (SuspendForm, "suspend_form"),
    "ban": (BanForm, "ban_form"),
    "lift": (ModerationForm, "form"),
    "role": (RoleForm, "role_form"),
}


def _user_page(member, status=200, **posted):
    """A member's moderation page; ``posted`` holds a refused form, shown with its message."""
    forms = {
        "suspend_form": SuspendForm(formdata=None, days=7),
        "ban_form": BanForm(formdata=None),
        "role_form": RoleForm(formdata=None, role=member.role),
        "form": ModerationForm(formdata=None),
        **posted,
    }
    return render_template(
        "moderation/user.html",
        member=member,
        history=audit_lines.lines(queries.audit_log(target=f"user:{member.id}")[0]),
        **forms,
    ), status


@bp.route("/mod/users/<id:user_id>", methods=["GET"])
def user(user_id):
    member = db.session.get(User, user_id) or abort(404)
    return _user_page(member)


@bp.post("/mod/users/<id:user_id>/<any(suspend, ban, lift, role):action>")
def user_action(user_id, action):
    """Suspend, ban, lift or change a role; a refused form shows the page again with it."""
    member = db.session.get(User, user_id) or abort(404)
    form_class, name = USER_FORMS[action]
    form = form_class()
    if not form.validate_on_submit():
        return _user_page(member, 422, **{name: form})
    try:
        if action == "suspend":
            services.suspend_for(current_user, user_id, form.days.data, form.reason.data)
        elif action == "ban":
            services.ban(current_user, user_id, form.reason.data)
        elif action == "lift":
            services.lift_suspension(current_user, user_id, form.note.data)
        else:
            services.change_role(current_user, user_id, form.role.data, form.reason.data)
    except DomainError as error:
        form.form_errors.append(error.message)
        return _user_page(member, error.status, **{name: form})
    flash(_("Saved."), "success")
    return redirect(url_for("moderation.user", user_id=user_id), code=303)
