"""``/search``, similar complaints for the new-complaint form, and "this solved it"."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, lazy_pgettext
from flask_login import current_user, login_required

from forum import page_cache
from forum.complaints import links
from forum.complaints.links import thread_path
from forum.language import language_filter
from forum.search import services
from forum.search.backends.base import SORTS
from forum.templating import query_parameters

bp = Blueprint("search", __name__)

SORT_LABELS = {
    "relevance": lazy_gettext("Best match"),
    "new": lazy_pgettext("sort", "Newest"),
    "votes": lazy_gettext("Most votes"),
}

DEFAULTS = {
    "SEARCH_BACKEND": "whoosh",
    "SEARCH_INDEX_DIR": None,
    "SEARCH_PAGE_SIZE": 20,
    "SEARCH_LOCK_TIMEOUT": 0.05,
    # A request that took the index's lock applies rows this long at most (then a thread).
    "SEARCH_HOLD_SECONDS": 0.25,
    "SEARCH_TIME_LIMIT": 2.0,
    # Results are counted up to this many; more are shown as "More than …".
    "SEARCH_COUNT_LIMIT": 1000,
    # Each worker remembers a thread's related threads this long (services.related).
    "SEARCH_RELATED_SECONDS": 300,
}


@bp.record_once
def _defaults(state):
    for key, value in DEFAULTS.items():
        state.app.config.setdefault(key, value)


# The index's changes, and the listings': the PostgreSQL backend searches the tables themselves.
@bp.get("/search")
@page_cache.public_page(tags=[page_cache.SEARCH, page_cache.LISTINGS])
@query_parameters("q", "category", "status", "lang", "solved", "sort", "page")
def search():
    args = request.args
    page = args.get("page", 1, type=int)
    if page < 1 or page > services.MAX_PAGE:
        abort(404)
    categories, category, languages = services.category_filter(args.get("category"))
    if args.get("category") and category is None and services.moved_category(args["category"]):
        links.category_or_moved(args["category"], arg="category")  # 301 to its current slug
    language, language_notice = language_filter(args.get("lang"))
    sort = args.get("sort") if args.get("sort") in SORTS else "relevance"
    results = services.search(
        args.get("q", ""),
        category=category,
        status=args.get("status") or None,
        solved=args.get("solved") == "1",
        sort=sort,
        page=page,
        language=language,
    )
    return render_template(
        "search/results.html",
        results=results,
        categories=categories,
        category=category,
        status=args.get("status") or "",
        solved=args.get("solved") == "1",
        language=language,
        languages=languages,
        language_notice=language_notice,
        sort=sort,
        sort_labels=SORT_LABELS,
    )


@bp.get("/search/similar")
def similar():
    """JSON for the new-complaint form's suggestions while the title is typed: ``q``
    the title, optionally ``body`` (its start) and ``category`` (the chosen id)."""
    found = services.similar(
        request.args.get("q", ""),
        body=request.args.get("body", "")[: services.BODY_CHARS],
        category_id=request.args.get("category", type=int),
    )
    return jsonify(
        results=[
            {
                "id": complaint.id,
                "title": complaint.title,
                "url": thread_path(complaint),
                "status": complaint.status_label,
                "solved": complaint.is_solved,
                "official": complaint.official_answer_id is not None,
                "solved_it_url": url_for("search.solved_it", complaint_id=complaint.id),
            }
            for complaint in found
        ]
    )


@bp.post("/search/solved-it/<id:complaint_id>")
@login_required
def solved_it(complaint_id):
    """ "This solved it for me": count the avoided complaint, then go to the thread."""
    complaint = services.record_avoided(current_user, complaint_id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(recorded=True, url=thread_path(complaint))
    flash(_("Glad that helped. Nothing was posted."), "success")
    return redirect(thread_path(complaint), code=303)
