"""The staff insights page and the public record: roles, CSV, charts, links, query counts."""

import csv
import io

import pytest

from forum.insights.report import Table, neutralise, to_csv
from tests.conftest import fresh  # noqa: F401


@pytest.fixture
def world(make_complaint, make_category, make_user):
    category = make_category("Deliveries")
    complaint = make_complaint(category=category, rating=2)
    return {"category": category, "complaint": complaint}


def test_staff_see_the_insights_page(client, auth, make_user, world):
    make_user("nina", role="staff")
    auth.login("nina")
    response = client.get("/staff/insights")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Deliveries" in html
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert 'viewBox="0 0 600 240"' in html and 'width="100%"' in html


def test_record_is_public_and_linked(client, world):
    response = client.get("/record")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-figure="response-rate"' in html
    assert "Merged duplicates and removed complaints are not counted" in html
    assert "public" in response.headers.get("Cache-Control", "")
    home = client.get("/").get_data(as_text=True)
    assert 'href="/record"' in home and "data-record-link" in home
    sitemap = client.get("/sitemaps/pages.xml")
    assert "/record</loc>" in sitemap.get_data(as_text=True)
