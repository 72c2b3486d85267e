"""``/staff/insights`` (staff and admins) and the public record at ``/record``."""

from datetime import date, datetime, timedelta

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum import page_cache, permissions
from forum.complaints.models import DESIRED_OUTCOMES
from forum.insights import queries, report
from forum.insights.queries import Filters

bp = Blueprint("insights", __name__)

DEFAULT_DAYS = 365
MAX_DAYS = 366 * 5
RECORD_TAG = "record"


def _date(name, errors):
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(_("Give the dates as YYYY-MM-DD."))
        return None


def _filters():
    """The filters the form asked for, and the problems with them (shown, 400)."""
    errors = []
    zone = queries.report_zone()
    today = datetime.now(zone).date()
    start, end = _date("start", errors), _date("end", errors)
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        errors.append(_("The start date must be on or before the end date."))
        start = end
    if (end - start).days > MAX_DAYS:
        errors.append(_("Choose a period of at most five years."))
        start = end - timedelta(days=MAX_DAYS)
    category_id = request.args.get("category", type=int) or None
    outcome = request.args.get("outcome") or None
    if outcome is not None and outcome not in DESIRED_OUTCOMES:
        errors.append(_("Choose one of the desired outcomes."))
        outcome = None
    filters = Filters(start, end, category_id=category_id, outcome=outcome, zone=zone)
    return filters, list(dict.fromkeys(errors))


@bp.get("/staff/insights")
@login_required
def insights():
    if not permissions.can_see_staff_pages(current_user):
        abort(403)
    filters, errors = _filters()
    tables = report.build(filters)
    if request.args.get("format") == "csv":
        name = request.args.get("table", "categories")
        if name not in tables:
            abort(404)
        filename = f"insights-{name}-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
        return Response(
            report.to_csv(tables[name]),
            status=400 if errors else 200,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return (
        render_template(
            "insights/staff.html",
            tables=tables,
            filters=filters,
            errors=errors,
            categories=report.categories(),
            outcomes=DESIRED_OUTCOMES,
            args=request.args,
        ),
        400 if errors else 200,
    )


@bp.get("/record")
@page_cache.public_page(tags=[page_cache.LISTINGS, RECORD_TAG])
def record():
    zone = queries.report_zone()
    periods = []
    for months, days in ((6, 183), (12, 365)):
        filters = Filters.last_days(days, zone=zone, public=True)
        periods.append({"months": months, "filters": filters, **report.record(filters)})
    return render_template("insights/record.html", periods=periods)


@bp.record_once
def _template_helpers(state):
    state.app.jinja_env.globals.update(show=report.show, show_share=report.show_share)
