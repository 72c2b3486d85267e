"""The insights' tables (shown on the page and downloaded as CSV) and the public record."""

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import format_decimal, format_percent
from flask_babel import lazy_gettext as _l

from forum.complaints.models import DESIRED_OUTCOMES, Category
from forum.extensions import db
from forum.insights import queries
from forum.insights.queries import TOTAL, Filters

# Cells a spreadsheet would read as a formula (or hide) begin with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    name: str
    title: str
    headers: list
    rows: list  # lists of cells: text or numbers (None: no figure)
    shares: frozenset = frozenset()  # the columns that are shares (0…1, shown as percent)


def neutralise(cell):
    """A CSV cell that cannot run as a formula: a leading = + - @ tab or CR is quoted."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def categories():
    return db.session.scalars(sa.select(Category).order_by(Category.position, Category.name)).all()


def _hours(seconds):
    return None if seconds is None else round(seconds / 3600, 1)


def _share(part, whole):
    return None if not whole else part / whole


def _average(total, count):
    return None if not count else total / count


def show(cell):
    """A cell as the page shows it."""
    if cell is None:
        return "—"
    if isinstance(cell, float):
        return format_decimal(cell, "#,##0.0")
    return cell


def show_share(value):
    return "—" if value is None else format_percent(value, "#,##0%")


def build(filters: Filters):
    """Every table of the insights page for ``filters`` (a fixed number of statements)."""
    every = categories()
    shown = every
    if filters.category_id:
        shown = [category for category in shown if category.id == filters.category_id]
    rows_for = [(TOTAL, str(_l("All categories")), None)] + [
        (category.id, category.name, category.response_hours) for category in shown
    ]
    activity = queries.activity(filters)
    response = queries.percentiles(queries.first_response_durations(filters))
    resolution = queries.percentiles(queries.resolution_durations(filters))
    promise = queries.in_promise(filters)
    backlog = queries.backlog(filters)
    promises = queries.promises(filters)
    resolutions = queries.resolutions(filters)
    fixes = queries.fixed_for_me(filters)
    ratings = queries.ratings(filters)
    growth = queries.growth(filters)
    monthly = queries.monthly(filters)
    avoided = queries.avoided(filters)

    empty = {}
    tables = {}
    category_rows = []
    for key, name, hours in rows_for:
        counts = activity.get(key, {})
        first, done = response.get(key, empty), resolution.get(key, empty)
        timely = promise.get(key, {})
        category_rows.append(
            [
                name,
                counts.get("opened", 0),
                counts.get("resolved", 0),
                counts.get("reopened", 0),
                counts.get("closed", 0),
                _hours(first.get("median")),
                _hours(first.get("p90")),
                _hours(done.get("median")),
                _hours(done.get("p90")),
                hours,
                _share(timely.get("in_time", 0), timely.get("due", 0)),
            ]
        )
    tables["categories"] = Table(
        "categories",
        _l("Complaints by category"),
        [
            _l("Category"),
            _l("Opened"),
            _l("Resolved"),
            _l("Reopened"),
            _l("Closed"),
            _l("First response, median (h)"),
            _l("First response, 90th percentile (h)"),
            _l("Resolution, median (h)"),
            _l("Resolution, 90th percentile (h)"),
            _l("Response promise (h)"),
            _l("Answered within the promise"),
        ],
        category_rows,
        frozenset({10}),
    )
    ages = [key for key, *_ in queries.AGE_BUCKETS]
    tables["backlog"] = Table(
        "backlog",
        _l("Backlog by age (waiting now)"),
        [_l("Category"), _l("Under a day"), _l("1–7 days"), _l("7–30 days"), _l("Over 30 days")],
        [[name, *(backlog.get(key, {}).get(age, 0) for age in ages)] for key, name, _ in rows_for],
    )
    tables["promises"] = Table(
        "promises",
        _l("Promised dates"),
        [_l("Category"), _l("Kept"), _l("Moved"), _l("Missed"), _l("Not yet due")],
        [
            [
                name,
                *(promises.get(key, {}).get(part, 0) for part in ("kept", "moved", "missed")),
                promises.get(key, {}).get("pending", 0),
            ]
            for key, name, _ in rows_for
        ],
    )
    tables["resolutions"] = Table(
        "resolutions",
        _l("Resolutions and feedback"),
        [
            _l("Category"),
            _l("Confirmed by the author"),
            _l("Disputed"),
            _l("Not yet confirmed"),
            _l("Fixed for me"),
            _l("Not fixed for me"),
        ],
        [
            [
                name,
                *(
                    resolutions.get(key, {}).get(part, 0)
                    for part in ("confirmed", "disputed", "unconfirmed")
                ),
                fixes.get(key, {}).get("fixed", 0),
                fixes.get(key, {}).get("not_fixed", 0),
            ]
            for key, name, _ in rows_for
        ],
    )
    rating_rows = []
    for key, name, _ in rows_for:
        rating = ratings.get(key, {})
        revised = rating.get("revised", 0)
        rating_rows.append(
            [
                name,
                rating.get("rated", 0),
                _average(rating.get("rating_sum", 0), rating.get("rated", 0)),
                revised,
                _average(rating.get("revised_before_sum", 0), revised),
                _average(rating.get("revised_after_sum", 0), revised),
                _share(rating.get("went_up", 0), revised),
                _share(rating.get("would_return", 0), rating.get("return_answers", 0)),
            ]
        )
    tables["ratings"] = Table(
        "ratings",
        _l("Ratings at posting and after resolution"),
        [
            _l("Category"),
            _l("Rated"),
            _l("Average rating at posting"),
            _l("Reviews revised after resolution"),
            _l("Their rating at posting"),
            _l("Their rating after resolution"),
            _l("Share of revised reviews that went up"),
            _l("Would do business again"),
        ],
        rating_rows,
        frozenset({6, 7}),
    )
    names = {category.id: category.name for category in every}
    tables["growth_categories"] = Table(
        "growth_categories",
        _l("Fastest-growing categories, week over week"),
        [_l("Category"), _l("Previous 7 days"), _l("Last 7 days"), _l("Change")],
        [
            [
                names.get(item["key"], item["key"]),
                item["last_week"],
                item["this_week"],
                item["change"],
            ]
            for item in growth["categories"]
        ],
    )
    tables["growth_outcomes"] = Table(
        "growth_outcomes",
        _l("Fastest-growing desired outcomes, week over week"),
        [_l("Desired outcome"), _l("Previous 7 days"), _l("Last 7 days"), _l("Change")],
        [
            [
                str(DESIRED_OUTCOMES.get(item["key"], item["key"])),
                item["last_week"],
                item["this_week"],
                item["change"],
            ]
            for item in growth["outcomes"]
        ],
    )
    tables["monthly"] = Table(
        "monthly",
        _l("Opened and resolved by month"),
        [_l("Month"), _l("Opened"), _l("Resolved")],
        [[item["month"].strftime("%Y-%m"), item["opened"], item["resolved"]] for item in monthly],
    )
    tables["summary"] = Table(
        "summary",
        _l("Complaints avoided before posting"),
        [_l("Figure"), _l("Count")],
        [[str(_l("Complaints avoided (a solved thread answered them)")), avoided]],
    )
    return tables


def record(filters: Filters):
    """The public record's figures for one period (public complaints only)."""
    counts = queries.responded(filters)
    official = queries.percentiles(queries.official_answer_durations(filters)).get(TOTAL, {})
    promises = queries.promises(filters).get(TOTAL, {})
    ratings = queries.ratings(filters).get(TOTAL, {})
    current = queries.current_ratings(filters)
    decided = promises.get("kept", 0) + promises.get("missed", 0)
    return {
        "posted": counts["posted"],
        "responded": counts["responded"],
        "response_rate": _share(counts["responded"], counts["posted"]),
        "official_median_hours": _hours(official.get("median")),
        "official_count": official.get("count", 0),
        "confirmed": counts["confirmed"],
        "confirmed_rate": _share(counts["confirmed"], counts["posted"]),
        "kept": promises.get("kept", 0),
        "promises_decided": decided,
        "kept_rate": _share(promises.get("kept", 0), decided),
        "would_return": ratings.get("would_return", 0),
        "return_answers": ratings.get("return_answers", 0),
        "return_rate": _share(ratings.get("would_return", 0), ratings.get("return_answers", 0)),
        "rating_average": _average(current["sum"], current["count"]),
        "rating_count": current["count"],
    }
