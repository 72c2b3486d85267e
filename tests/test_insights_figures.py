"""Each insights figure on a small hand-built world with known answers (tests/insights_world.py).

In March 2026: c1 (Deliveries, promise 24 h) answered after 2 h, resolved after 24 h on
its promised day, confirmed, rated 2 then 4 (would return); c2 (Deliveries) answered
after 30 h, its promise moved then missed (resolved after 48 h), reopened, rated 3 then 2;
c3 (Billing) waiting, rated 5; c4 (Billing) answered after 10 h, resolved after 36 h and
closed, awaiting confirmation, fixed for two affected members and not for one; c5, posted
in February, resolved in March; a merged duplicate that counts nowhere.
"""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from forum.extensions import db
from forum.insights import queries, report
from forum.insights.queries import TOTAL, Filters
from tests.insights_world import MARCH, World, at, small_world

HOUR = 3600.0


@pytest.fixture
def world(app):
    with app.app_context():
        ids = small_world()
    ctx = app.test_request_context()
    ctx.push()
    yield ids
    db.session.remove()
    ctx.pop()


def march(**kwargs):
    return Filters(*MARCH, zone=ZoneInfo("UTC"), **kwargs)


def test_opened_resolved_reopened_closed(world):
    figures = queries.activity(march())
    assert figures[TOTAL] == {"opened": 4, "resolved": 4, "reopened": 1, "closed": 1}
    assert figures[world["a"]] == {"opened": 2, "resolved": 3, "reopened": 1, "closed": 0}
    assert figures[world["b"]] == {"opened": 2, "resolved": 1, "reopened": 0, "closed": 1}


def test_median_and_p90_of_first_response_and_resolution(world):
    response = queries.percentiles(queries.first_response_durations(march()))
    assert response[TOTAL]["count"] == 3
    assert response[TOTAL]["median"] == pytest.approx(10 * HOUR)
    assert response[TOTAL]["p90"] == pytest.approx(26 * HOUR)  # 10 + 0.8 × (30 − 10)
    assert response[world["a"]]["median"] == pytest.approx(16 * HOUR)
    assert response[world["a"]]["p90"] == pytest.approx(27.2 * HOUR)
    assert response[world["b"]]["median"] == pytest.approx(10 * HOUR)
    resolution = queries.percentiles(queries.resolution_durations(march()))
    assert resolution[TOTAL]["median"] == pytest.approx(36 * HOUR)
    assert resolution[TOTAL]["p90"] == pytest.approx(45.6 * HOUR)


def test_backlog_by_age(world):
    backlog = queries.backlog(march(), now=at("2026-03-12 00:00"))
    # c2 (posted 8 days before) and c3 (2 days before) wait; the others are resolved or closed.
    assert backlog[TOTAL] == {"day": 0, "week": 1, "month": 1, "older": 0}
    assert backlog[world["b"]]["week"] == 1


def test_promises_kept_moved_missed(world):
    promises = queries.promises(march(), today=date(2026, 4, 1))
    assert promises[TOTAL] == {"kept": 1, "missed": 1, "pending": 0, "moved": 1}


def test_resolutions_confirmed_disputed_unconfirmed_and_fixes(world):
    assert queries.resolutions(march())[TOTAL] == {"confirmed": 1, "disputed": 0, "unconfirmed": 1}
    assert queries.fixed_for_me(march())[TOTAL] == {"fixed": 2, "not_fixed": 1}


def test_ratings_before_and_after_resolution(world):
    ratings = queries.ratings(march())[TOTAL]
    assert ratings["rated"] == 3 and ratings["rating_sum"] == 10
    assert ratings["revised"] == 2 and ratings["went_up"] == 1
    assert ratings["revised_before_sum"] == 5 and ratings["revised_after_sum"] == 6
    assert (ratings["would_return"], ratings["return_answers"]) == (1, 2)


def test_avoided_in_promise_growth_and_months(world):
    assert queries.avoided(march()) == 2
    timely = queries.in_promise(march())
    assert timely[world["a"]] == {"due": 2, "in_time": 1}
    assert world["b"] not in timely
    growth = queries.growth(Filters(date(2026, 3, 1), date(2026, 3, 24), zone=ZoneInfo("UTC")))
    # 18–24 March against 11–17: Billing had c4 (20 March) and nothing before.
    assert growth["categories"][0] == {
        "key": world["b"],
        "this_week": 1,
        "last_week": 0,
        "change": 1,
    }
    months = queries.monthly(Filters(date(2026, 2, 1), MARCH[1], zone=ZoneInfo("UTC")))
    assert [(m["month"], m["opened"], m["resolved"]) for m in months] == [
        (date(2026, 2, 1), 1, 0),
        (date(2026, 3, 1), 4, 4),
    ]


def test_filters_by_category_and_outcome(world):
    assert queries.activity(march(category_id=world["b"]))[TOTAL]["opened"] == 2
    assert queries.activity(march(outcome="repair"))[TOTAL]["opened"] == 1


def test_days_follow_the_reporting_time_zone(app, world):
    with app.app_context():
        late = World(prefix="late")
        category = late.category("Late night")
        late.complaint(category, at("2026-03-31 23:30"))  # 1 April, 01:30 in Paris
        db.session.commit()
    utc = queries.activity(march())[TOTAL]["opened"]
    paris = queries.activity(Filters(*MARCH, zone=ZoneInfo("Europe/Paris")))[TOTAL]["opened"]
    assert (utc, paris) == (5, 4)


def test_public_record_figures(world):
    figures = report.record(march(public=True))
    assert figures["posted"] == 4 and figures["responded"] == 3
    assert figures["response_rate"] == pytest.approx(0.75)
    assert figures["official_median_hours"] == 3.0
    assert figures["confirmed_rate"] == pytest.approx(0.25)
    assert (figures["kept"], figures["promises_decided"]) == (1, 2)
    assert figures["return_rate"] == pytest.approx(0.5)
    # The present ratings: c1 and c2 keep their posting rating here (the world sets no
    # current rating after revision), c3 5; the merged duplicate is left out.
    assert figures["rating_count"] == 3
    assert figures["rating_average"] == pytest.approx(10 / 3)


def test_the_reporting_time_zone_is_a_checked_setting(app):
    from forum.settings import InvalidSetting, setting

    definition = setting("report_timezone")
    assert definition.parse("Europe/Paris") == "Europe/Paris"
    assert definition.parse("") == "UTC"
    with pytest.raises(InvalidSetting):
        definition.parse("Mars/Olympus")
    with pytest.raises(InvalidSetting):
        definition.parse("../etc/passwd")


def test_the_insights_follow_the_setting(app):
    from tests.conftest import set_settings

    set_settings(app, report_timezone="Asia/Tokyo")
    with app.test_request_context():
        assert queries.report_zone().key == "Asia/Tokyo"
