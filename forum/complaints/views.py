"""Home, listings, and answering, editing and voting (the thread page is forum.pages.thread)."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from forum import page_cache
from forum.complaints import links, queries, services
from forum.complaints.forms import VoteForm
from forum.complaints.models import Answer
from forum.errors import DomainError, Invalid
from forum.extensions import db
from forum.language import LANGUAGE_NAMES, language_filter
from forum.statuses import STATUSES
from forum.templating import known_args, query_parameters
from forum.urls import page_arg

bp = Blueprint("complaints", __name__)


def held_message(kind):
    """Shown to a new member whose post (``kind``: "complaint" or "answer") the
    hold_first_posts setting holds (forum/complaints/trust.py)."""
    if kind == "complaint":
        return _(
            "Thank you. Your complaint is waiting for approval: staff check a new member's "
            "posts until they have approved the first one. Until then only you and staff can "
            "see it."
        )
    return _(
        "Thank you. Your answer is waiting for approval: staff check a new member's posts "
        "until they have approved the first one. Until then only you and staff can see it."
    )


def wants_preview():
    """Was the form sent with its Preview button (``name="preview"``)?"""
    return "preview" in request.form


def show_preview(form, text):
    """Put the preview of ``text`` into ``form`` (or why there is none); the status to
    answer with. Nothing is stored: the form is shown again as it was sent."""
    try:
        form.preview_html = Markup(services.preview(current_user, text))  # noqa: S704 - sanitised
    except DomainError as error:
        form.preview_error = error.message
        return error.status
    return 200


def _config(key):
    return current_app.config[key]


def thread_url(complaint, **params):
    return links.thread_path(complaint, **params)


def answer_url(answer, complaint=None):
    """The answer's place in its thread, on the page of answers that holds it."""
    complaint = complaint or answer.complaint
    page = queries.answer_page_number(answer, _config("ANSWERS_PAGE_SIZE"))
    params = {"page": page} if page > 1 else {}
    return thread_url(complaint, **params) + f"#answer-{answer.id}"


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(
        thread_url=thread_url,
        answer_url=answer_url,
        category_url=links.category_path,
        STATUSES=STATUSES,
        SORTS=queries.SORTS,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )


@bp.get("/")
@page_cache.public_page(tags=[page_cache.LISTINGS, page_cache.CATEGORY_COUNTS])
def home():
    categories = queries.categories()
    hot = queries.listing("hot", per_page=10)
    solved = queries.listing("solved", per_page=6)
    return render_template("complaints/home.html", categories=categories, hot=hot, solved=solved)


def _listing(category=None):
    sort = request.args.get("sort", "hot")
    if sort not in queries.SORTS:
        sort = "hot"
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        status = None
    language, notice = language_filter(request.args.get("lang"))
    page = page_arg()
    categories, languages = queries.categories_with_languages()
    total = None
    if status is None and language is None and sort not in ("unanswered", "solved"):
        total = (
            category.complaint_count
            if category
            else sum(item.complaint_count for item in categories)
        )
    per_page = _config("PAGE_SIZE")
    results = queries.listing(sort, category, status, page, per_page, total, language)
    if page > 1 and not results.items:
        abort(404)
    pinned = []
    if sort == "hot" and page == 1 and not status:
        pinned = queries.pinned(category, language=language)
    return render_template(
        "complaints/listing.html",
        results=results,
        pinned=pinned,
        sort=sort,
        status=status,
        language=language,
        languages=languages.present(category),
        language_notice=notice,
        category=category,
        categories=categories,
    )


@bp.get("/complaints")
@page_cache.public_page(tags=[page_cache.LISTINGS, page_cache.CATEGORY_COUNTS])
@query_parameters("sort", "status", "lang", "page", "category")
def listing():
    category = None
    slug = request.args.get("category")
    if slug:
        category = links.category_or_moved(slug, arg="category")
    return _listing(category)


@bp.get("/c/<slug>")
@page_cache.public_page(
    tags=lambda slug: [page_cache.category_tag(slug), page_cache.CATEGORY_COUNTS]
)
@query_parameters("sort", "status", "lang", "page")
def category(slug):
    return _listing(links.category_or_moved(slug))


def _load_complaint(complaint_id):
    complaint = queries.get_complaint(complaint_id)
    if complaint is None:
        abort(404)
    return complaint


@bp.get("/complaints/<id:complaint_id>")
def thread_short(complaint_id):
    complaint = _load_complaint(complaint_id)
    if complaint.visibility == "merged" and complaint.merged_into_id:
        # To the duplicate's text, kept on the first page of the thread it joined.
        target = _load_complaint(complaint.merged_into_id)
        return redirect(links.thread_path(target, fragment=f"complaint-{complaint.id}"), 301)
    return redirect(thread_url(complaint, **known_args("thread.show")), code=301)


@bp.post("/preview")
@login_required
def preview():
    """The Write/Preview tabs' preview: ``body`` as it would be posted, as JSON."""
    try:
        html = services.preview(current_user, request.form.get("body", ""))
    except DomainError as error:
        return jsonify(error=error.message), error.status
    return jsonify(html=html)


def _vote_value(allowed):
    form = VoteForm()
    if not form.validate_on_submit():
        raise Invalid(_("The vote could not be read. Reload the page and try again."), status=400)
    try:
        value = int(form.value.data)
    except (TypeError, ValueError):
        value = None
    if value not in allowed:
        raise Invalid(_("That is not a valid vote."), status=400)
    return value


def _wants_json():
    return request.accept_mimetypes.best == "application/json"


@bp.post("/complaints/<id:complaint_id>/vote")
@login_required
def vote_complaint(complaint_id):
    complaint = _load_complaint(complaint_id)
    value = _vote_value((0, 1))
    count = services.vote_on_complaint(current_user, complaint, value)
    if _wants_json():
        return jsonify(count=count, voted=bool(value))
    flash(_("Marked as affecting you too.") if value else _("Your vote is withdrawn."), "success")
    return redirect(thread_url(complaint) + f"#complaint-{complaint.id}", code=303)


@bp.post("/answers/<id:answer_id>/vote")
@login_required
def vote_answer(answer_id):
    answer = db.session.get(Answer, answer_id) or abort(404)
    value = _vote_value((-1, 0, 1))
    score = services.vote_on_answer(current_user, answer, value)
    if _wants_json():
        return jsonify(score=score, value=value)
    flash(_("Thanks for your feedback.") if value else _("Your vote is withdrawn."), "success")
    return redirect(answer_url(answer), code=303)
