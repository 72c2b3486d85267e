"""The thread page, rendered for any feature whose form lives on it.

Views of several packages re-render the thread with their form's errors (an answer, a
status change, a dispute), so the page is assembled here rather than in one blueprint.
"""

from flask import abort, current_app, render_template, request
from flask_login import current_user

from forum import permissions
from forum.complaints import queries
from forum.complaints.forms import AnswerForm
from forum.db import utcnow
from forum.moderation import panels
from forum.notifications import services as notifications
from forum.resolution import queries as resolution
from forum.resolution.forms import FixFeedbackForm, ResolutionResponseForm, StatusForm

MAX_PAGE = 100_000


def page_arg():
    """The ``page`` query parameter; out of range is a 404."""
    page = request.args.get("page", 1, type=int)
    if page < 1 or page > MAX_PAGE:
        abort(404)
    return page


def render_thread(complaint, forms=None, status=200):
    """The thread page with its answers, timeline and the viewer's controls."""
    viewer = current_user
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
    status_form = StatusForm(formdata=None, status=complaint.status, meta=meta)
    forms = {
        "answer_form": AnswerForm(formdata=None, meta=meta),
        "status_form": status_form,
        "response_form": ResolutionResponseForm(formdata=None, meta=meta),
        "fix_form": FixFeedbackForm(formdata=None, meta=meta),
        **(forms or {}),
    }
    moves = permissions.status_moves(
        viewer, complaint, now, current_app.config["REOPEN_WINDOW_DAYS"]
    )
    return render_template(
        "complaints/thread.html",
        complaint=complaint,
        title_shared=queries.title_is_shared(complaint),
        answers=answers,
        timeline=resolution.timeline(complaint, answers),
        affected=affected,
        answer_votes=answer_votes,
        official=official,
        accepted=accepted,
        history=resolution.rating_history(complaint) if complaint.rating else [],
        prompt=resolution.pending_prompt(viewer, complaint),
        tally=resolution.fix_tally(complaint),
        my_fix=resolution.viewer_fix_feedback(viewer, complaint) if affected else None,
        following=notifications.is_following(viewer, complaint),
        status_moves=moves,
        overdue=resolution.is_overdue(complaint, now.date()),
        staff_tools=panels.staff_tools(complaint) if permissions.is_staff(viewer) else None,
        **forms,
    ), status
