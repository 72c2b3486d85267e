"""The thread page: a complaint with its answers, its resolution and the viewer's controls.

It assembles several features (the resolution timeline and forms, the staff tools,
following), so it lives above them. The views whose form lives on the thread raise
:class:`forum.errors.ThreadFormInvalid` when they refuse it; the handler here shows the
thread again with those forms, their messages and what was typed.
"""

from flask import Blueprint, abort, current_app, redirect, render_template
from flask_login import current_user

from forum import page_cache, permissions
from forum.complaints import queries
from forum.complaints.forms import AnswerForm
from forum.complaints.links import thread_path
from forum.db import utcnow
from forum.errors import ThreadFormInvalid
from forum.media import queries as media
from forum.moderation import panels
from forum.notifications import services as notifications
from forum.pages import fragments, solution
from forum.pages.controls import controls
from forum.resolution import queries as resolution
from forum.resolution.forms import FixFeedbackForm, ResolutionResponseForm, StatusForm
from forum.templating import known_args, query_parameters
from forum.urls import page_arg

bp = Blueprint("thread", __name__)


@bp.get("/complaints/<id:complaint_id>/<slug>")
@page_cache.public_page(tags=lambda complaint_id, **_: [page_cache.thread_tag(complaint_id)])
@query_parameters("page")
def show(complaint_id, slug):
    complaint = queries.get_complaint(complaint_id) or abort(404)
    if complaint.visibility == "merged" and complaint.merged_into_id:
        # To the duplicate's text, kept on the first page of the thread it joined.
        target = queries.get_complaint(complaint.merged_into_id) or abort(404)
        return redirect(thread_path(target, fragment=f"complaint-{complaint.id}"), code=301)
    if slug != complaint.slug:
        return redirect(thread_path(complaint, **known_args()), code=301)
    if not complaint.is_public and not permissions.can_see_removed(current_user, complaint):
        # Deleted threads are gone for good (410); hidden or held ones may come back (404).
        status = 410 if complaint.visibility == "deleted" else 404
        return render_template("complaints/removed.html", complaint=complaint), status
    return render(complaint)


@bp.app_errorhandler(ThreadFormInvalid)
def refused_form(error):
    """A form posted from the thread was refused: the thread again, with that form."""
    return render(error.complaint, error.forms, error.status)


def render(complaint, forms=None, status=200):
    """The thread page with its answers, timeline and the viewer's controls.

    ``forms`` replaces the page's empty forms by posted ones (same names as in the
    template), so their errors and what was typed show.
    """
    viewer = current_user._get_current_object()  # read often below: not through the proxy
    forms = forms or {}
    page = page_arg()
    answers = queries.answers_page(complaint, page, current_app.config["ANSWERS_PAGE_SIZE"])
    if page > 1 and not answers.items:
        abort(404)
    affected, answer_votes = queries.viewer_votes(viewer, complaint, answers.items)
    official, accepted = resolution.featured_answers(complaint)
    now = utcnow()
    # Visitors see none of these forms. Building one with its CSRF token would put the
    # token in their session: the page would set a cookie, and could be neither public
    # nor kept by the page cache (docs/seo.md, "HTTP caching").
    meta = None if viewer.is_authenticated else {"csrf": False}
    status_form = StatusForm(
        formdata=None,
        status=complaint.status,
        promised_date=complaint.promised_date,  # the current promise, to keep or move
        meta=meta,
    )
    page_forms = {
        "answer_form": AnswerForm(formdata=None, meta=meta),
        "status_form": status_form,
        "response_form": ResolutionResponseForm(formdata=None, meta=meta),
        "fix_form": FixFeedbackForm(formdata=None, meta=meta),
    }
    page_forms.update((name, form) for name, form in forms.items() if name in page_forms)
    moves = permissions.status_moves(
        viewer, complaint, now, current_app.config["REOPEN_WINDOW_DAYS"]
    )
    answer_controls = controls(viewer, complaint, answers, answer_votes)
    shown = [answer for answer in answers.items if answer_controls[answer.id].shown]
    staff = permissions.is_staff(viewer)
    staff_tools = panels.staff_tools(complaint, forms, shown) if staff else None
    photos = media.thread_photos(complaint, shown)
    return render_template(
        "complaints/thread.html",
        complaint=complaint,
        title_shared=queries.title_is_shared(complaint),
        answers=answers,
        timeline=resolution.timeline(complaint, answers),
        merged_posts=queries.merged_duplicates(complaint),
        affected=affected,
        answer_controls=answer_controls,
        answer_blocks=fragments.answer_blocks(complaint, shown, now),
        related=fragments.related_block(complaint),
        solution=solution.solution(complaint, answers, official, accepted),
        accepted=accepted,
        history=resolution.rating_history(complaint) if complaint.rating else [],
        prompt=resolution.pending_prompt(viewer, complaint),
        tally=resolution.fix_tally(complaint),
        my_fix=resolution.viewer_fix_feedback(viewer, complaint) if affected else None,
        following=notifications.is_following(viewer, complaint),
        status_moves=moves,
        overdue=resolution.is_overdue(complaint, now.date()),
        staff_tools=staff_tools,
        photos=photos.get(None, []),
        answer_photos=photos,
        photo_urls=[media.media_url(p.display_key, external=True) for p in photos.get(None, [])],
        uploads=media.upload_fields(),
        evidence=media.thread_evidence(viewer, complaint),
        **page_forms,
    ), status
