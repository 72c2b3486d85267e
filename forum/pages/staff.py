"""The staff queue (``/staff``): complaints waiting for staff, and what deflection avoided.

It assembles resolution (the queue) and search (complaints not posted because a solved
thread answered them), so it lives above both.
"""

from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from forum import permissions
from forum.complaints import queries as complaints
from forum.resolution import queries as resolution
from forum.search import services as search

bp = Blueprint("staff", __name__)


@bp.get("/staff")
@login_required
def queue():
    if not permissions.can_see_staff_pages(current_user):
        abort(403)
    since = datetime.now(UTC) - timedelta(days=30)
    return render_template(
        "resolution/staff.html",
        queue=resolution.staff_queue(),
        assignees=complaints.category_assignees(),
        now=datetime.now(UTC),
        avoided={"month": search.avoided_count(since), "all": search.avoided_count()},
    )
