"""The fast figures against a direct Python computation over a random world (seeded)."""

import random
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from forum.extensions import db
from forum.insights import queries
from forum.insights.queries import TOTAL, Filters
from forum.statuses import WAITING_STATUSES
from tests.insights_world import World, at

START, END = date(2026, 1, 1), date(2026, 6, 30)
NOW = at("2026-07-15 00:00")


def percentile(values, fraction):
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    values = sorted(values)
    position = fraction * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def build(seed=23, count=300):
    rng = random.Random(seed)
    world = World(prefix="r")
    categories = [world.category(f"Cat {n}", hours=rng.choice([None, 24, 48])) for n in range(4)]
    facts = []
    base = at("2025-12-01 00:00")
    for _ in range(count):
        category = rng.choice(categories)
        created = base + timedelta(minutes=rng.randrange(0, 60 * 24 * 240))
        visibility = rng.choice(["visible"] * 8 + ["hidden", "merged"])
        fact = {
            "category": category.id,
            "created": created,
            "counted": visibility != "merged",
            "response": None,
            "resolved": None,
            "events": [],
        }
        fields = {"visibility": visibility, "rating": rng.choice([None, 1, 2, 3, 4, 5])}
        if rng.random() < 0.7:
            fact["response"] = created + timedelta(minutes=rng.randrange(1, 60 * 24 * 5))
            fields["first_staff_response_at"] = fact["response"]
        status = "open"
        if rng.random() < 0.5:
            fact["resolved"] = created + timedelta(minutes=rng.randrange(30, 60 * 24 * 20))
            status = rng.choice(["resolved", "closed", "open"])
        fields["status"] = status
        complaint = world.complaint(category, created, **fields)
        if fact["resolved"]:
            world.resolved(complaint, fact["resolved"])
            fact["events"].append(("resolved", fact["resolved"]))
            if status == "open":
                when = fact["resolved"] + timedelta(hours=5)
                world.event(complaint, "reopened", when, from_status="resolved", to_status="open")
                fact["events"].append(("reopened", when))
            if status == "closed":
                when = fact["resolved"] + timedelta(hours=7)
                world.event(complaint, "status", when, from_status="resolved", to_status="closed")
                fact["events"].append(("closed", when))
        fact["status"] = status
        facts.append(fact)
    db.session.commit()
    return facts


@pytest.fixture
def world(app):
    with app.app_context():
        facts = build()
    ctx = app.test_request_context()
    ctx.push()
    yield facts
    db.session.remove()
    ctx.pop()


def _in(moment, filters):
    return filters.since <= moment < filters.until


def test_fast_figures_match_a_direct_computation(world):
    filters = Filters(START, END, zone=ZoneInfo("UTC"))
    counted = [fact for fact in world if fact["counted"]]
    opened = [fact for fact in counted if _in(fact["created"], filters)]

    activity = queries.activity(filters)[TOTAL]
    assert activity["opened"] == len(opened)
    for kind in ("resolved", "reopened", "closed"):
        expected = sum(
            1
            for fact in counted
            for name, when in fact["events"]
            if name == kind and _in(when, filters)
        )
        assert activity[kind] == expected, kind

    for function, key in (
        (queries.first_response_durations, "response"),
        (queries.resolution_durations, "resolved"),
    ):
        found = queries.percentiles(function(filters))
        for group in {TOTAL} | {fact["category"] for fact in opened}:
            durations = [
                (fact[key] - fact["created"]).total_seconds()
                for fact in opened
                if fact[key] and group in (TOTAL, fact["category"])
            ]
            if not durations:
                assert group not in found
                continue
            assert found[group]["count"] == len(durations)
            assert found[group]["median"] == pytest.approx(percentile(durations, 0.5), abs=1)
            assert found[group]["p90"] == pytest.approx(percentile(durations, 0.9), abs=1)

    backlog = queries.backlog(filters, now=NOW)[TOTAL]
    waiting = [fact for fact in counted if fact["status"] in WAITING_STATUSES]
    assert sum(backlog.values()) == len(waiting)
    assert backlog["older"] == sum(1 for f in waiting if NOW - f["created"] >= timedelta(days=30))


def test_the_paris_time_zone_moves_the_period_bounds(world):
    zone = ZoneInfo("Europe/Paris")
    filters = Filters(START, END, zone=zone)
    expected = sum(1 for fact in world if fact["counted"] and _in(fact["created"], filters))
    assert queries.activity(filters)[TOTAL]["opened"] == expected
