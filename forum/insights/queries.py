"""Every figure of the staff insights and the public record, as SQL aggregates.

Each function sends a fixed number of statements (GROUP BY, never a loop over rows), so a
page's query count does not grow with the categories it shows. Periods are days in the
site's reporting time zone (the ``report_timezone`` setting): their bounds are computed
here in that zone and compared in UTC, which is portable across SQLite and PostgreSQL.

Percentiles are the linear interpolation between the closest ranks (PostgreSQL's
``percentile_cont``): on PostgreSQL by ``percentile_cont`` itself, on SQLite from the two
ranked rows either side of the position, found with a window function.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from forum import settings
from forum.complaints.models import Category, Complaint
from forum.extensions import db
from forum.resolution.models import AffectedFeedback, ComplaintEvent, ReviewRevision
from forum.search.models import AvoidedComplaint
from forum.statuses import WAITING_STATUSES

TOTAL = 0  # the key of the whole period's row, beside each category's id

# The backlog's age buckets: (key, lower bound in days, upper bound in days or None).
AGE_BUCKETS = (("day", 0, 1), ("week", 1, 7), ("month", 7, 30), ("older", 30, None))

# A percentile as a fraction a/b (integer arithmetic works alike on both databases).
PERCENTILES = {"median": (1, 2), "p90": (9, 10)}


def report_zone():
    """The reporting time zone (``report_timezone``; UTC when unset or unknown)."""
    try:
        return ZoneInfo(settings.get("report_timezone") or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def local_midnight(day, zone):
    """The UTC instant a local day begins."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Filters:
    """A period of local days ``start`` … ``end`` (inclusive), a category, an outcome."""

    start: date
    end: date
    category_id: int | None = None
    outcome: str | None = None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    public: bool = False  # only visible complaints (the public record)

    @property
    def since(self):
        return local_midnight(self.start, self.zone)

    @property
    def until(self):
        return local_midnight(self.end + timedelta(days=1), self.zone)

    @classmethod
    def last_days(cls, days, today=None, **kwargs):
        zone = kwargs.pop("zone", None) or report_zone()
        today = today or datetime.now(zone).date()
        return cls(start=today - timedelta(days=days - 1), end=today, zone=zone, **kwargs)


def _scope(statement, filters):
    """Complaints the figures speak of: not merged duplicates nor deleted; on the public
    record only visible ones; the category and outcome filters."""
    if filters.public:
        statement = statement.where(Complaint.visibility == "visible")
    else:
        statement = statement.where(Complaint.visibility.not_in(("merged", "deleted")))
    statement = statement.where(Complaint.merged_into_id.is_(None))
    if filters.category_id:
        statement = statement.where(Complaint.category_id == filters.category_id)
    if filters.outcome:
        statement = statement.where(Complaint.desired_outcome == filters.outcome)
    return statement


def _opened_in(filters):
    return sa.and_(Complaint.created_at >= filters.since, Complaint.created_at < filters.until)


def _seconds(later, earlier):
    """Seconds from ``earlier`` to ``later`` (two timestamp columns)."""
    if db.engine.dialect.name == "postgresql":
        return sa.extract("epoch", later - earlier)
    return (sa.func.julianday(later) - sa.func.julianday(earlier)) * 86400.0


def _local_date(column, zone):
    """The local day of a timestamp, as ISO text (compared with a date's ISO text)."""
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(sa.func.timezone(zone.key, column), "YYYY-MM-DD")
    offset = datetime.now(zone).utcoffset().total_seconds()  # SQLite knows no zones
    return sa.func.date(column, f"{offset:+.0f} seconds")


def _date_text(column):
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(column, "YYYY-MM-DD")
    return column


def _rows(statement):
    return db.session.execute(statement).all()


def _by_key(rows, width, key=0):
    """``{key: values}`` with every category's row summed into ``TOTAL``."""
    found = {}
    total = [0] * width
    for row in rows:
        values = [value or 0 for value in row[key + 1 :]]
        found[row[key]] = values
        total = [a + b for a, b in zip(total, values, strict=True)]
    found[TOTAL] = total
    return found


def first_resolutions():
    """Each complaint's first move to resolved (a subquery: complaint_id, at)."""
    return (
        sa.select(
            ComplaintEvent.complaint_id.label("complaint_id"),
            sa.func.min(ComplaintEvent.created_at).label("at"),
        )
        .where(ComplaintEvent.to_status == "resolved")
        .group_by(ComplaintEvent.complaint_id)
        .subquery("first_resolution")
    )


def first_official_answers():
    """Each complaint's first official answer on the timeline (complaint_id, at)."""
    return (
        sa.select(
            ComplaintEvent.complaint_id.label("complaint_id"),
            sa.func.min(ComplaintEvent.created_at).label("at"),
        )
        .where(ComplaintEvent.kind == "official")
        .group_by(ComplaintEvent.complaint_id)
        .subquery("first_official")
    )


# -- Counts -------------------------------------------------------------------------------


def activity(filters):
    """Per category: opened (complaints posted in the period), and resolved, reopened and
    closed (timeline events in the period: a complaint resolved twice counts twice)."""
    opened = _rows(
        _scope(
            sa.select(Complaint.category_id, sa.func.count()).where(_opened_in(filters)), filters
        ).group_by(Complaint.category_id)
    )
    kind = ComplaintEvent.kind
    to = ComplaintEvent.to_status
    events = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.sum(sa.case((to == "resolved", 1), else_=0)),
                sa.func.sum(sa.case((kind.in_(("reopened", "disputed")), 1), else_=0)),
                sa.func.sum(sa.case((to == "closed", 1), else_=0)),
            )
            .join(Complaint, Complaint.id == ComplaintEvent.complaint_id)
            .where(
                ComplaintEvent.created_at >= filters.since,
                ComplaintEvent.created_at < filters.until,
            ),
            filters,
        ).group_by(Complaint.category_id)
    )
    opened, events = _by_key(opened, 1), _by_key(events, 3)
    keys = set(opened) | set(events)
    return {
        key: dict(
            zip(
                ("opened", "resolved", "reopened", "closed"),
                opened.get(key, [0]) + events.get(key, [0, 0, 0]),
                strict=True,
            )
        )
        for key in keys
    }


# -- Durations ----------------------------------------------------------------------------


def _interpolate(rows, n, numerator, denominator):
    """The percentile from the ranked rows around its position (``rows``: rank → value)."""
    position = numerator * (n - 1) / denominator
    low = int(position)
    fraction = position - low
    below = rows[low]
    above = rows.get(low + 1, below)
    return below + (above - below) * fraction


def percentiles(durations):
    """``{key: {"count", "median", "p90"}}`` of a subquery (key, seconds), with ``TOTAL``
    for all its rows; two statements whatever the number of keys."""
    result = {}
    for grouped in (True, False):
        key = durations.c.key if grouped else sa.literal(TOTAL)
        if db.engine.dialect.name == "postgresql":
            statement = sa.select(
                key,
                sa.func.count(),
                *(
                    sa.func.percentile_cont(a / b).within_group(durations.c.seconds)
                    for a, b in PERCENTILES.values()
                ),
            ).group_by(key)
            for row in _rows(statement):
                values = [float(value) if value is not None else None for value in row[2:]]
                result[row[0]] = {"count": row[1], **dict(zip(PERCENTILES, values, strict=True))}
            continue
        partition = {"partition_by": durations.c.key} if grouped else {}
        ranked = sa.select(
            key.label("key"),
            durations.c.seconds.label("seconds"),
            (sa.func.row_number().over(order_by=durations.c.seconds, **partition) - 1).label(
                "rank"
            ),
            sa.func.count().over(**partition).label("n"),
        ).subquery("ranked")
        wanted = []
        for a, b in PERCENTILES.values():
            wanted.append(ranked.c.rank == (a * (ranked.c.n - 1)) // b)
            wanted.append(ranked.c.rank == (a * (ranked.c.n - 1) + b - 1) // b)
        statement = sa.select(ranked.c.key, ranked.c.n, ranked.c.rank, ranked.c.seconds).where(
            sa.or_(*wanted)
        )
        ranks = {}
        sizes = {}
        for group, n, rank, seconds in _rows(statement):
            ranks.setdefault(group, {})[rank] = float(seconds)
            sizes[group] = n
        for group, rows in ranks.items():
            result[group] = {
                "count": sizes[group],
                **{
                    name: _interpolate(rows, sizes[group], a, b)
                    for name, (a, b) in PERCENTILES.items()
                },
            }
    return result


def first_response_durations(filters):
    """Complaints posted in the period: seconds to the first staff response."""
    seconds = _seconds(Complaint.first_staff_response_at, Complaint.created_at)
    return _scope(
        sa.select(Complaint.category_id.label("key"), seconds.label("seconds")).where(
            _opened_in(filters), Complaint.first_staff_response_at.is_not(None)
        ),
        filters,
    ).subquery("durations")


def resolution_durations(filters):
    """Complaints posted in the period: seconds to their first resolution."""
    resolved = first_resolutions()
    return _scope(
        sa.select(
            Complaint.category_id.label("key"),
            _seconds(resolved.c.at, Complaint.created_at).label("seconds"),
        )
        .join(resolved, resolved.c.complaint_id == Complaint.id)
        .where(_opened_in(filters)),
        filters,
    ).subquery("durations")


def official_answer_durations(filters):
    """Complaints posted in the period: seconds to their first official answer."""
    official = first_official_answers()
    return _scope(
        sa.select(
            Complaint.category_id.label("key"),
            _seconds(official.c.at, Complaint.created_at).label("seconds"),
        )
        .join(official, official.c.complaint_id == Complaint.id)
        .where(_opened_in(filters)),
        filters,
    ).subquery("durations")


# -- The backlog, promises, resolutions ---------------------------------------------------


def backlog(filters, now=None):
    """Complaints waiting for the company now, per category and age bucket."""
    now = now or datetime.now(UTC)
    bucket = sa.case(
        *(
            (Complaint.created_at > now - timedelta(days=low), index - 1)
            for index, (_key, low, _high) in enumerate(AGE_BUCKETS)
            if index
        ),
        else_=len(AGE_BUCKETS) - 1,
    )
    # Grouped outside a subquery: PostgreSQL does not see two CASE with bound parameters
    # as the same expression.
    aged = _scope(
        sa.select(Complaint.category_id.label("key"), bucket.label("bucket")).where(
            Complaint.status.in_(WAITING_STATUSES)
        ),
        filters,
    ).subquery("aged")
    rows = _rows(
        sa.select(aged.c.key, aged.c.bucket, sa.func.count()).group_by(aged.c.key, aged.c.bucket)
    )
    result = {TOTAL: dict.fromkeys((key for key, *_ in AGE_BUCKETS), 0)}
    for category_id, index, count in rows:
        name = AGE_BUCKETS[index][0]
        result.setdefault(category_id, dict.fromkeys((key for key, *_ in AGE_BUCKETS), 0))
        result[category_id][name] += count
        result[TOTAL][name] += count
    return result


def promises(filters, today=None):
    """Complaints posted in the period with a promised date: kept (first resolved on or
    before the promised local day), missed (resolved later, or not resolved and the day
    has passed), pending (neither yet), moved (the promised date was changed)."""
    today = today or datetime.now(filters.zone).date()
    resolved = first_resolutions()
    moved = (
        sa.select(ComplaintEvent.complaint_id)
        .where(ComplaintEvent.kind == "promise", ComplaintEvent.old_date.is_not(None))
        .distinct()
        .subquery("moved")
    )
    resolved_day = _local_date(resolved.c.at, filters.zone)
    promised_day = _date_text(Complaint.promised_date)
    kept = sa.and_(resolved.c.at.is_not(None), resolved_day <= promised_day)
    missed = sa.or_(
        sa.and_(resolved.c.at.is_not(None), resolved_day > promised_day),
        sa.and_(resolved.c.at.is_(None), Complaint.promised_date < today),
    )
    rows = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.sum(sa.case((kept, 1), else_=0)),
                sa.func.sum(sa.case((missed, 1), else_=0)),
                sa.func.sum(sa.case((sa.or_(kept, missed), 0), else_=1)),
                sa.func.count(moved.c.complaint_id),
            )
            .outerjoin(resolved, resolved.c.complaint_id == Complaint.id)
            .outerjoin(moved, moved.c.complaint_id == Complaint.id)
            .where(_opened_in(filters), Complaint.promised_date.is_not(None)),
            filters,
        ).group_by(Complaint.category_id)
    )
    return {
        key: dict(zip(("kept", "missed", "pending", "moved"), values, strict=True))
        for key, values in _by_key(rows, 4).items()
    }


def resolutions(filters):
    """Complaints posted in the period that staff or their author resolved: confirmed by
    the author, disputed, or not yet confirmed (their present resolution state)."""
    state = Complaint.resolution_state
    rows = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.sum(sa.case((state == "confirmed", 1), else_=0)),
                sa.func.sum(sa.case((state == "disputed", 1), else_=0)),
                sa.func.sum(sa.case((state == "awaiting", 1), else_=0)),
            ).where(_opened_in(filters), state.is_not(None)),
            filters,
        ).group_by(Complaint.category_id)
    )
    return {
        key: dict(zip(("confirmed", "disputed", "unconfirmed"), values, strict=True))
        for key, values in _by_key(rows, 3).items()
    }


def fixed_for_me(filters):
    """Members affected too who said the fix worked for them, or did not (complaints
    posted in the period)."""
    rows = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.sum(sa.case((AffectedFeedback.fixed, 1), else_=0)),
                sa.func.sum(sa.case((AffectedFeedback.fixed, 0), else_=1)),
            )
            .join(Complaint, Complaint.id == AffectedFeedback.complaint_id)
            .where(_opened_in(filters)),
            filters,
        ).group_by(Complaint.category_id)
    )
    return {
        key: dict(zip(("fixed", "not_fixed"), values, strict=True))
        for key, values in _by_key(rows, 2).items()
    }


def ratings(filters):
    """Complaints posted in the period: the rating at posting (the first revision) and the
    latest after resolution; how many revised reviews went up; "would return" answers."""
    first = (
        sa.select(
            ReviewRevision.complaint_id.label("complaint_id"),
            sa.func.min(ReviewRevision.id).label("id"),
        )
        .group_by(ReviewRevision.complaint_id)
        .subquery("first_id")
    )
    last = (
        sa.select(
            ReviewRevision.complaint_id.label("complaint_id"),
            sa.func.max(ReviewRevision.id).label("id"),
        )
        .where(ReviewRevision.after_resolution)
        .group_by(ReviewRevision.complaint_id)
        .subquery("last_id")
    )
    original = sa.orm.aliased(ReviewRevision, name="original")
    revised = sa.orm.aliased(ReviewRevision, name="revised")
    rows = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.count(original.id),
                sa.func.sum(original.rating),
                sa.func.count(revised.id),
                sa.func.sum(sa.case((revised.id.is_not(None), original.rating), else_=0)),
                sa.func.sum(revised.rating),
                sa.func.sum(sa.case((revised.rating > original.rating, 1), else_=0)),
                sa.func.sum(sa.case((revised.would_return.is_(True), 1), else_=0)),
                sa.func.count(revised.would_return),
            )
            .join(first, first.c.complaint_id == Complaint.id)
            .join(original, original.id == first.c.id)
            .outerjoin(last, last.c.complaint_id == Complaint.id)
            .outerjoin(revised, revised.id == last.c.id)
            .where(_opened_in(filters)),
            filters,
        ).group_by(Complaint.category_id)
    )
    names = (
        "rated",
        "rating_sum",
        "revised",
        "revised_before_sum",
        "revised_after_sum",
        "went_up",
        "would_return",
        "return_answers",
    )
    return {key: dict(zip(names, values, strict=True)) for key, values in _by_key(rows, 8).items()}


def current_ratings(filters):
    """The public record's average rating: the present rating of complaints posted in the
    period (sum and count), and "would return" answers of the latest revision."""
    row = db.session.execute(
        _scope(
            sa.select(sa.func.count(Complaint.rating), sa.func.sum(Complaint.rating)).where(
                _opened_in(filters)
            ),
            filters,
        )
    ).one()
    return {"count": row[0] or 0, "sum": row[1] or 0}


def avoided(filters):
    """Complaints members did not post in the period because a thread solved it (the
    category and outcome filters apply to that thread)."""
    statement = (
        sa.select(sa.func.count())
        .select_from(AvoidedComplaint)
        .join(Complaint, Complaint.id == AvoidedComplaint.complaint_id)
        .where(
            AvoidedComplaint.created_at >= filters.since,
            AvoidedComplaint.created_at < filters.until,
        )
    )
    return db.session.scalar(_scope(statement, filters)) or 0


def in_promise(filters, now=None):
    """Per category with a response promise (hours): complaints posted in the period that
    were due a first response (answered, or unanswered past the promise) and those
    answered within it."""
    now = now or datetime.now(UTC)
    hours = Category.response_hours * 3600
    waited = _seconds(Complaint.first_staff_response_at, Complaint.created_at)
    answered_in_time = sa.and_(Complaint.first_staff_response_at.is_not(None), waited <= hours)
    due = sa.or_(
        Complaint.first_staff_response_at.is_not(None),
        _seconds(sa.literal(now, type_=Complaint.created_at.type), Complaint.created_at) > hours,
    )
    rows = _rows(
        _scope(
            sa.select(
                Complaint.category_id,
                sa.func.sum(sa.case((due, 1), else_=0)),
                sa.func.sum(sa.case((answered_in_time, 1), else_=0)),
            )
            .join(Category, Category.id == Complaint.category_id)
            .where(_opened_in(filters), Category.response_hours.is_not(None)),
            filters,
        ).group_by(Complaint.category_id)
    )
    return {
        key: dict(zip(("due", "in_time"), values, strict=True))
        for key, values in _by_key(rows, 2).items()
    }


def growth(filters):
    """Complaints posted in the last 7 local days of the period and the 7 before, per
    category and per desired outcome, fastest-growing first."""
    end = local_midnight(filters.end + timedelta(days=1), filters.zone)
    middle = local_midnight(filters.end - timedelta(days=6), filters.zone)
    start = local_midnight(filters.end - timedelta(days=13), filters.zone)
    this_week = sa.case((Complaint.created_at >= middle, 1), else_=0)
    result = {}
    for name, column in (
        ("categories", Complaint.category_id),
        ("outcomes", Complaint.desired_outcome),
    ):
        rows = _rows(
            _scope(
                sa.select(column, sa.func.sum(this_week), sa.func.count()).where(
                    Complaint.created_at >= start, Complaint.created_at < end
                ),
                filters,
            ).group_by(column)
        )
        found = [
            {"key": key, "this_week": now, "last_week": total - now, "change": 2 * now - total}
            for key, now, total in rows
        ]
        found.sort(key=lambda item: (-item["change"], -item["this_week"], str(item["key"])))
        result[name] = found
    return result


def monthly(filters):
    """Complaints opened and first resolved in each local month of the period (the chart)."""
    months = []
    day = filters.start.replace(day=1)
    while day <= filters.end:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    bounds = [local_midnight(month, filters.zone) for month in months[1:]]

    def bucket(column):
        if not bounds:
            return sa.literal(0)
        return sa.case(
            *((column < bound, index) for index, bound in enumerate(bounds)), else_=len(bounds)
        )

    def counted(statement):
        buckets = statement.subquery("buckets")
        return _rows(sa.select(buckets.c.bucket, sa.func.count()).group_by(buckets.c.bucket))

    counts = {month: {"opened": 0, "resolved": 0} for month in months}
    opened = counted(
        _scope(
            sa.select(bucket(Complaint.created_at).label("bucket")).where(_opened_in(filters)),
            filters,
        )
    )
    resolved = first_resolutions()
    done = counted(
        _scope(
            sa.select(bucket(resolved.c.at).label("bucket"))
            .select_from(resolved)
            .join(Complaint, Complaint.id == resolved.c.complaint_id)
            .where(resolved.c.at >= filters.since, resolved.c.at < filters.until),
            filters,
        )
    )
    for index, count in opened:
        counts[months[index]]["opened"] = count
    for index, count in done:
        counts[months[index]]["resolved"] = count
    return [{"month": month, **values} for month, values in counts.items()]


def responded(filters):
    """Complaints posted in the period, and those with a first staff response."""
    row = db.session.execute(
        _scope(
            sa.select(
                sa.func.count(),
                sa.func.count(Complaint.first_staff_response_at),
                sa.func.sum(sa.case((Complaint.resolution_state == "confirmed", 1), else_=0)),
            ).where(_opened_in(filters)),
            filters,
        )
    ).one()
    return {"posted": row[0] or 0, "responded": row[1] or 0, "confirmed": row[2] or 0}
