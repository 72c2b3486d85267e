"""Home page, listings, category pages, sorting, filtering and pagination."""

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from forum.complaints import services
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from tests.conftest import fresh


def titles_in(html, candidates):
    """The candidate titles in the order the page shows them."""
    found = [(html.index(title), title) for title in candidates if title in html]
    return [title for _position, title in sorted(found)]


def set_counts(app, complaint, votes=0, answers=0, created_at=None):
    with app.app_context():
        row = db.session.get(Complaint, complaint.id)
        row.vote_count = votes
        row.answer_count = answers
        if created_at:
            row.created_at = created_at
        row.hot_score = services.hot_score(votes, answers, row.created_at)
        db.session.commit()


def test_hot_score_grows_with_activity_and_recency():
    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert services.hot_score(10, 0, now) > services.hot_score(1, 0, now)
    assert services.hot_score(0, 3, now) > services.hot_score(3, 0, now)
    assert services.hot_score(0, 0, now) > services.hot_score(0, 0, now - timedelta(days=1))
    # Ten times the activity is worth exactly one decay period of age.
    older = now - timedelta(seconds=services.HOT_DECAY_SECONDS)
    assert abs(services.hot_score(9, 0, older) - services.hot_score(0, 0, now)) < 1e-6


def test_sorts_order_the_listing(client, app, make_complaint):
    now = datetime.now(UTC)
    old_popular = make_complaint(title="Old but very popular complaint")
    fresh = make_complaint(title="Fresh complaint nobody saw yet")
    answered = make_complaint(title="Answered complaint from yesterday")
    set_counts(app, old_popular, votes=40, created_at=now - timedelta(days=3))
    set_counts(app, fresh, created_at=now)
    set_counts(app, answered, answers=2, created_at=now - timedelta(days=1))
    titles = [c.title for c in (old_popular, fresh, answered)]

    def order(query):
        return titles_in(client.get("/complaints" + query).get_data(as_text=True), titles)

    assert order("?sort=new") == [fresh.title, answered.title, old_popular.title]
    assert order("?sort=top") == [old_popular.title, answered.title, fresh.title]
    assert order("?sort=unanswered") == [fresh.title, old_popular.title]
    assert order("") == order("?sort=hot")
    assert order("?sort=bogus") == order("?sort=hot")


def test_category_page_lists_only_its_complaints(client, make_category, make_complaint):
    fridges = make_category("Fridges", "fridges")
    phones = make_category("Phones", "phones")
    make_complaint(category=fridges, title="Fridge door seal is torn")
    make_complaint(category=phones, title="Phone battery drains overnight")
    html = client.get("/c/fridges").get_data(as_text=True)
    assert "Fridge door seal is torn" in html and "Phone battery" not in html
    html = client.get("/complaints?category=phones").get_data(as_text=True)
    assert "Phone battery drains overnight" in html and "Fridge door" not in html


def test_status_filter(client, app, make_complaint):
    make_complaint(title="Still open complaint here")
    done = make_complaint(title="Already resolved complaint")
    with app.app_context():
        db.session.get(Complaint, done.id).status = "resolved"
        db.session.commit()
    html = client.get("/complaints?status=resolved").get_data(as_text=True)
    assert "Already resolved complaint" in html and "Still open complaint" not in html
    # An unknown status is ignored rather than an error.
    assert client.get("/complaints?status=nonsense").status_code == 200


def test_listing_is_paginated(client, app, make_user, make_category):
    app.config["PAGE_SIZE"] = 4
    author = make_user()
    category = make_category()
    with app.app_context():
        for number in range(6):
            services.create_complaint(
                fresh(author),
                title=f"Numbered complaint {number:02d}",
                body="A description long enough to pass.",
                category_id=category.id,
                desired_outcome="refund",
            )
    first = client.get("/complaints?sort=new").get_data(as_text=True)
    second = client.get("/complaints?sort=new&page=2").get_data(as_text=True)
    assert "Numbered complaint 05" in first and "Numbered complaint 01" not in first
    assert "Numbered complaint 01" in second and "Numbered complaint 05" not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert "Page 2 of 2" in second
    assert client.get("/complaints?page=3").status_code == 404
    assert client.get("/complaints?page=0").status_code == 404
    assert client.get("/complaints?page=99999999999").status_code == 404


def test_home_shows_hot_complaints_and_categories(client, make_category, make_complaint):
    category = make_category("Smart home", "smart-home")
    make_complaint(category=category, title="Smart plug drops off the wifi")
    html = client.get("/").get_data(as_text=True)
    assert "Smart plug drops off the wifi" in html
    assert 'href="/c/smart-home"' in html


def category_panel(html):
    """The sidebar's categories panel: its heading, and each link as (href, current,
    name, count or None)."""
    panel = re.search(r'<section aria-labelledby="categories-heading".*?</section>', html, re.S)
    assert panel, "no categories panel"
    heading = re.search(r'<h2 id="categories-heading">(.*?)</h2>', panel.group(0)).group(1)
    items = re.findall(
        r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a>'
        r'(?: <span class="count">(\d+)</span>)?</li>',
        panel.group(0),
    )
    return heading, [
        (href, bool(current), name, count or None) for href, current, name, count in items
    ]


def test_the_category_sidebar_marks_where_the_reader_is(client, make_category, make_complaint):
    kitchen = make_category("Kitchen", "kitchen")
    make_category("Garden", "garden")
    make_complaint(category=kitchen)
    listings = [("/c/kitchen", "Kitchen", "1"), ("/c/garden", "Garden", "0")]
    assert category_panel(client.get("/").text) == (
        "Categories",
        [(href, False, name, count) for href, name, count in listings],
    )
    assert category_panel(client.get("/c/garden?sort=new").text) == (
        "Categories",
        [(href, href == "/c/garden", name, count) for href, name, count in listings],
    )
    solved = [("/c/kitchen/solved", "Kitchen"), ("/c/garden/solved", "Garden")]
    assert category_panel(client.get("/solved").text) == (
        "Solved by category",
        [("/solved", True, "All categories", None)]
        + [(href, False, name, None) for href, name in solved],
    )
    assert category_panel(client.get("/c/kitchen/solved").text) == (
        "Solved by category",
        [("/solved", False, "All categories", None)]
        + [(href, href == "/c/kitchen/solved", name, None) for href, name in solved],
    )


def test_listings_never_load_private_details(client, make_complaint, count_queries):
    make_complaint(private_details="Card ending 4242")
    with count_queries() as queries:
        html = client.get("/complaints").get_data(as_text=True)
    assert "4242" not in html
    listing_selects = [q for q in queries.statements if "FROM complaint" in q]
    assert listing_selects
    assert all("private_details" not in q for q in listing_selects)


def test_empty_forum_pages_render(client):
    assert client.get("/").status_code == 200
    assert "No complaints yet" in client.get("/").get_data(as_text=True)
    assert client.get("/complaints").status_code == 200


def test_category_counts_are_kept(app, make_category, make_complaint):
    category = make_category()
    make_complaint(category=category)
    make_complaint(category=category)
    with app.app_context():
        from forum.complaints.models import Category

        assert db.session.get(Category, category.id).complaint_count == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 2


def test_thread_and_category_paths_are_the_ones_url_for_builds(app):
    """The joined-string paths (``forum.complaints.links``) equal ``url_for``'s, for
    awkward slugs and under a script root, in a request and outside one (CLI)."""
    from types import SimpleNamespace

    from flask import url_for

    from forum.complaints import links

    slugs = ["late-delivery", "caf\u00e9-cr\u00e8me", "a b/c?d#e%f", "\u9000\u6b3e", "x" * 80]
    for base in ("/", "/forum/"):
        with app.test_request_context("/search", base_url="http://localhost" + base):
            build = links.thread_path_builder()
            for number, slug in enumerate(slugs, start=1):
                thread = SimpleNamespace(id=number * 1000 + 7, slug=slug)
                expected = url_for("thread.show", complaint_id=thread.id, slug=slug)
                assert expected.startswith(base.rstrip("/") + "/complaints/")
                assert links.thread_path(thread) == expected
                assert build(thread.id, slug) == expected
                assert links.thread_path(thread, "answer-3") == expected + "#answer-3"
                assert links.thread_path(thread, page=2) == url_for(
                    "thread.show", complaint_id=thread.id, slug=slug, page=2
                )
                category = SimpleNamespace(slug=slug)
                assert links.category_path(category) == url_for("complaints.category", slug=slug)
    with app.app_context():
        thread = SimpleNamespace(id=12, slug="caf\u00e9 cr\u00e8me")
        adapter = app.url_map.bind("localhost", script_name="/")
        expected = adapter.build("thread.show", {"complaint_id": 12, "slug": thread.slug})
        assert links.thread_path(thread) == expected


def test_thread_summaries_match_the_complaints_and_skip_hidden_ones(
    app, make_user, make_complaint, make_answer
):
    """``queries.summaries`` (search results, similar and related threads) reads what a
    list shows as plain rows: each value is the complaint's own, and only public threads
    come back."""
    from dataclasses import fields

    from forum.complaints import queries

    staff = make_user(role="staff")
    solved = make_complaint(author=staff, title="Refund never arrived after the return")
    official = make_answer(solved, author=staff, body="Refunds go out within five days.")
    plain = make_complaint(title="The courier left the parcel in the rain")
    gone_author = make_user()
    orphan = make_complaint(author=gone_author, title="Warranty claim refused twice")
    hidden = make_complaint(title="A complaint a moderator hid")
    with app.app_context():
        row = db.session.get(Complaint, solved.id)
        row.solved_at = datetime.now(UTC)
        row.official_answer_id = official.id
        row.rating = 2
        row.vote_count = 7
        row.status = "resolved"
        db.session.get(Complaint, hidden.id).visibility = "hidden"
        late = db.session.get(Complaint, plain.id)
        late.status, late.promised_date = "in_progress", utcnow().date() - timedelta(days=2)
        db.session.get(type(fresh(gone_author)), gone_author.id).deleted_at = datetime.now(UTC)
        db.session.commit()

        found = queries.summaries([solved.id, plain.id, orphan.id, hidden.id, 999_999])
        assert [found[i].overdue for i in (solved.id, plain.id, orphan.id)] == [False, True, False]
        assert set(found) == {solved.id, plain.id, orphan.id}
        for complaint_id, summary in found.items():
            complaint = db.session.get(Complaint, complaint_id)
            for item in fields(summary):
                if item.name in ("category", "author"):
                    continue
                if item.name == "overdue":  # computed in the statement, as of today
                    assert summary.overdue == complaint.overdue_on(utcnow().date())
                    continue
                assert getattr(summary, item.name) == getattr(complaint, item.name), item.name
            assert summary.is_solved == complaint.is_solved
            assert summary.status_label == complaint.status_label
            assert (summary.category.id, summary.category.slug, summary.category.name) == (
                complaint.category.id,
                complaint.category.slug,
                complaint.category.name,
            )
            assert summary.author.username == complaint.author.username
            assert summary.author.is_staff == complaint.author.is_staff
            assert summary.author.deleted_at == complaint.author.deleted_at
        assert found[solved.id].is_solved and found[solved.id].author.is_staff
        assert found[solved.id].status_label == "Resolved"
        assert found[orphan.id].author.deleted_at is not None
        assert not found[plain.id].is_solved and not found[plain.id].author.is_staff
        assert queries.summaries([]) == {}


def test_post_times_show_age_exact_time_and_machine_time(client, make_complaint):
    from forum.templating import longdate, time_ago

    # The exact time is English and zero-padded whatever the server's locale.
    for value in (datetime(2026, 1, 3, 4, 5), datetime(2025, 12, 31, 23, 59, tzinfo=UTC)):
        assert longdate(value) == value.strftime("%-d %b %Y, %H:%M UTC")
    assert longdate(None) == ""
    three_days = datetime.now(UTC) - timedelta(days=3, minutes=1)
    tag = time_ago(three_days.replace(tzinfo=None))  # as SQLite reads it back
    assert tag == (
        f'<time datetime="{three_days.isoformat(timespec="seconds")}" '
        f'title="{longdate(three_days)}">3 days ago</time>'
    )
    assert time_ago(None) == ""
    # A list of threads shows each one's time that way.
    make_complaint(title="A thread posted three days ago", created_at=three_days)
    html = client.get("/complaints?sort=new").get_data(as_text=True)
    assert f'<time datetime="{three_days.isoformat(timespec="seconds")}"' in html
    assert ">3 days ago</time>" in html
