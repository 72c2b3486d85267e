"""The staff insights page and the public record: roles, CSV, charts, links, query counts."""

import csv
import io

import pytest

from forum.extensions import db
from forum.insights.report import Table, neutralise, to_csv
from tests.insights_world import World, at


@pytest.fixture
def world(make_complaint, make_category):
    category = make_category("Deliveries")
    complaint = make_complaint(category=category, rating=2)
    return {"category": category, "complaint": complaint}


@pytest.fixture
def as_staff(client, auth, make_user):
    make_user("nina", role="staff")
    auth.login("nina")
    return client


def test_staff_see_the_insights_page(as_staff, world):
    response = as_staff.get("/staff/insights")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Deliveries" in html
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert 'viewBox="0 0 600 240"' in html and 'width="100%"' in html
    assert 'data-table="categories"' in html and 'class="table-wrap"' in html
    assert "format=csv" in html and "table=backlog" in html


def test_members_are_refused_and_visitors_sent_to_sign_in(client, auth, make_user, world):
    assert client.get("/staff/insights").status_code == 302
    make_user("mia")
    auth.login("mia")
    assert client.get("/staff/insights").status_code == 403
    assert client.get("/staff/insights?format=csv").status_code == 403


def test_admins_see_it(as_admin, world):
    assert as_admin.get("/staff/insights").status_code == 200


def test_bad_filters_say_why_and_keep_what_was_typed(as_staff, world):
    response = as_staff.get("/staff/insights?start=2026-13-01&end=2026-03-01&outcome=refund")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Give the dates as YYYY-MM-DD." in html
    assert 'value="2026-13-01"' in html
    reversed_ = as_staff.get("/staff/insights?start=2026-03-10&end=2026-03-01")
    assert reversed_.status_code == 400
    assert "The start date must be on or before the end date." in reversed_.get_data(as_text=True)


def test_every_table_downloads_as_csv(as_staff, world):
    page = as_staff.get("/staff/insights").get_data(as_text=True)
    names = {
        "categories",
        "backlog",
        "promises",
        "resolutions",
        "ratings",
        "growth_categories",
        "growth_outcomes",
        "monthly",
        "summary",
    }
    for name in names:
        assert f"table={name}" in page
        response = as_staff.get(f"/staff/insights?format=csv&table={name}")
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0][0]
    categories = list(
        csv.reader(io.StringIO(as_staff.get("/staff/insights?format=csv").get_data(as_text=True)))
    )
    assert categories[1][:2] == ["All categories", "1"]
    assert categories[2][:2] == ["Deliveries", "1"]
    assert as_staff.get("/staff/insights?format=csv&table=nope").status_code == 404


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Plain", "Plain"),
        (3, "3"),
        (None, ""),
    ],
)
def test_csv_cells_cannot_run_as_formulas(cell, written):
    assert neutralise(cell) == written


def test_a_category_named_like_a_formula_is_neutralised_in_the_download(
    as_staff, make_category, make_complaint
):
    make_complaint(category=make_category("=cmd|' /C calc'!A0", slug="formula"))
    text = as_staff.get("/staff/insights?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[2][0] == "'=cmd|' /C calc'!A0"
    table = Table("t", "T", ["-header"], [["@a", 1]])
    assert to_csv(table).splitlines() == ["'-header", "'@a,1"]


def test_insights_query_count_does_not_grow_with_categories(app, as_staff, count_queries):
    def add(prefix, n):
        with app.app_context():
            world = World(prefix=prefix)
            for number in range(n):
                category = world.category(f"{prefix} {number}", hours=24, position=number)
                complaint = world.complaint(
                    category,
                    at("2026-03-02 10:00"),
                    first_staff_response_at=at("2026-03-02 12:00"),
                    rating=3,
                )
                world.resolved(complaint, at("2026-03-03 10:00"))
            db.session.commit()

    url = "/staff/insights?start=2026-01-01&end=2026-06-30"
    add("few", 2)
    as_staff.get(url)
    with count_queries() as few:
        assert as_staff.get(url).status_code == 200
    add("many", 12)
    with count_queries() as many:
        response = as_staff.get(url)
    assert response.status_code == 200
    assert "many 11" in response.get_data(as_text=True)
    assert len(many) == len(few)
    assert len(many) <= 30


def test_record_is_public_and_linked(client, world):
    response = client.get("/record")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-figure="response-rate"' in html
    assert "Merged duplicates and removed complaints are not counted" in html
    assert "÷" in html  # each figure's formula is on the page
    assert "public" in response.headers.get("Cache-Control", "")
    home = client.get("/").get_data(as_text=True)
    assert 'href="/record"' in home and "data-record-link" in home
    sitemap = client.get("/sitemaps/pages.xml")
    assert "/record</loc>" in sitemap.get_data(as_text=True)
