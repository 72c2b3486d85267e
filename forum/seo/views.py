"""robots.txt, sitemaps, feeds, the solved hub and public member pages."""

from flask import Blueprint, Response, abort, current_app, render_template

from forum import page_cache
from forum.complaints import links
from forum.complaints import queries as complaint_queries
from forum.complaints.links import thread_path
from forum.seo import feeds, meta, queries, sitemap, structured_data
from forum.seo.queries import SOLUTION_LINES
from forum.templating import query_parameters
from forum.urls import MAX_ID, page_arg

bp = Blueprint("seo", __name__)

XML = "application/xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


DEFAULTS = {
    # Unanswered threads younger than this many hours carry noindex and stay out of the
    # sitemap (0: off).
    "NOINDEX_UNANSWERED_YOUNGER_THAN_HOURS": 0,
    "SITEMAP_URLS_PER_FILE": sitemap.MAX_URLS,
}


@bp.record_once
def _template_globals(state):
    for key, value in DEFAULTS.items():
        state.app.config.setdefault(key, value)
    state.app.jinja_env.globals.update(
        canonical_url=meta.canonical_url,
        is_sorted_listing=meta.is_sorted_listing,
        thread_description=meta.thread_description,
        plain_description=meta.plain,
        thread_is_thin=meta.is_thin,
        thread_jsonld=_thread_jsonld,
        feed_url=feeds.feed_url,
        FEED_KINDS=feeds.KINDS,
    )
    state.app.jinja_env.filters.update(lang_attr=meta.lang_attr)


def _thread_jsonld(complaint, answers, accepted, images=()):
    """The thread's JSON-LD object (``None`` when nothing may be described); ``images``,
    the absolute addresses of the complaint's photos."""
    accepted_url = None
    if accepted is not None and accepted.is_public:
        if any(a.id == accepted.id for a in answers.items):
            page = answers.page
        else:
            size = current_app.config["ANSWERS_PAGE_SIZE"]
            page = complaint_queries.answer_page_number(accepted, size)
        params = {"page": page} if page > 1 else {}
        accepted_url = thread_path(complaint, f"answer-{accepted.id}", **params)
    return structured_data.thread(complaint, answers, accepted, accepted_url, images)


@bp.get("/robots.txt")
@page_cache.public_page()
def robots():
    return Response(sitemap.robots_txt(), mimetype="text/plain")


@bp.get("/sitemap.xml")
@page_cache.public_page(tags=[page_cache.LISTINGS])
def sitemap_index():
    return Response(sitemap.index_xml(), content_type=XML)


@bp.get("/sitemaps/pages.xml")
@page_cache.public_page(tags=[page_cache.LISTINGS])
def sitemap_pages():
    return Response(sitemap.pages_xml(), content_type=XML)


@bp.get("/sitemaps/threads-<id:number>.xml")
@page_cache.public_page(tags=[page_cache.LISTINGS])
def sitemap_threads(number):
    if (number - 1) * sitemap.chunk_size() >= MAX_ID:
        abort(404)
    return Response(sitemap.threads_xml(number), content_type=XML)


def _kind(kind):
    if kind not in feeds.KINDS:
        abort(404)
    return kind


@bp.get("/feeds/<kind>.atom")
@page_cache.public_page(tags=[page_cache.LISTINGS])
def feed(kind):
    return Response(feeds.render_feed(_kind(kind)), content_type=ATOM)


@bp.get("/c/<slug>/<kind>.atom")
@page_cache.public_page(tags=lambda slug, **_: [page_cache.category_tag(slug)])
def category_feed(slug, kind):
    category = links.category_or_moved(slug)
    return Response(feeds.render_feed(_kind(kind), category), content_type=ATOM)


def _solved(category=None):
    page = page_arg()
    results, solutions = queries.solved_page(category, page, current_app.config["PAGE_SIZE"])
    if page > 1 and not results.items:
        abort(404)
    return render_template(
        "seo/solved.html",
        results=results,
        solutions=solutions,
        category=category,
        categories=complaint_queries.categories(),
        solution_lines=SOLUTION_LINES,
    )


@bp.get("/solved")
@page_cache.public_page(tags=[page_cache.LISTINGS])
@query_parameters("page")
def solved():
    return _solved()


@bp.get("/c/<slug>/solved")
@page_cache.public_page(tags=lambda slug: [page_cache.category_tag(slug)])
@query_parameters("page")
def solved_category(slug):
    category = links.category_or_moved(slug)
    return _solved(category)


@bp.get("/members/<username>")
@page_cache.public_page(tags=lambda username: [page_cache.member_tag(username)])
def member(username):
    user = queries.member_by_name(username) or abort(404)
    return render_template(
        "seo/member.html",
        member=user,
        figures=queries.member_figures(user),
        complaints=queries.member_complaints(user),
        answers=queries.member_answers(user),
        solutions=queries.member_answers(user, solutions=True),
    )
