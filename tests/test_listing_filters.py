"""Listing rows carry the Overdue and Official answer badges; listings and search filter
by the language a thread is written in (``?lang=``)."""

import re
from datetime import timedelta

import pytest

from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.language import LANGUAGE_NAMES, UNKNOWN_LANGUAGE, detect_post, language_filter
from tests.conftest import fresh
from tests.search_fixtures import *  # noqa: F403 - the backend fixture
from tests.search_fixtures import change, ids

GERMAN = {
    "title": "Waschmaschine pumpt nicht ab",
    "body": "Die Waschmaschine ist nach einer Woche kaputt und der Kundendienst hat sich "
    "nicht gemeldet, obwohl ich schon zweimal angerufen habe.",
}
SWEDISH = {
    "title": "Diskmaskinen läcker vatten",
    "body": "Diskmaskinen läcker vatten och det har inte blivit bättre efter att jag ringde "
    "till kundtjänst, som bara sa att jag ska vänta.",
}
ENGLISH = {
    "title": "The washing machine will not drain",
    "body": "The washing machine stopped draining after a week and nobody from the service "
    "desk has called me back about it.",
}


# The filter's choices over the ``threads`` fixture, site-wide.
PRESENT = [("", "Any language"), ("en", "English"), ("de", "Deutsch"), ("sv", "Svenska")]


def rows(html):
    """``{complaint id: the row's HTML}`` of a listing page."""
    found = {}
    for match in re.finditer(r'<li class="row" data-complaint-id="(\d+)">(.*?)</li>', html, re.S):
        found[int(match.group(1))] = match.group(2)
    return found


def options(html, select_id):
    select = re.search(rf'<select id="{select_id}" name="lang">(.*?)</select>', html, re.S)
    assert select, f"no language filter #{select_id}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


@pytest.fixture
def threads(app, make_category, make_complaint, make_user):
    """A German, a Swedish and an English thread in one category, an English one in another."""
    kitchen = make_category("Kitchen", "kitchen")
    garden = make_category("Garden", "garden")
    found = {
        "de": make_complaint(category=kitchen, **GERMAN),
        "sv": make_complaint(category=kitchen, **SWEDISH),
        "en": make_complaint(category=kitchen, **ENGLISH),
        "garden": make_complaint(
            category=garden,
            title="The lawn mower blade came loose",
            body="The blade of the lawn mower came loose after one use and it is not safe.",
        ),
    }
    assert [found[code].language for code in ("de", "sv", "en")] == ["de", "sv", "en"]
    return found


# --- badges ---------------------------------------------------------------------------------


def _overdue(app, complaint, days=2, status="in_progress"):
    with app.app_context():
        row = db.session.get(Complaint, complaint.id)
        row.status, row.promised_date = status, (utcnow() - timedelta(days=days)).date()
        db.session.commit()


def test_listing_rows_show_overdue_and_official_answer_badges(
    app, client, make_category, make_complaint, make_answer, make_user
):
    category = make_category("Kitchen", "kitchen")
    late = make_complaint(category=category, title="Oven door glass cracked in a week")
    done_late = make_complaint(category=category, title="Kettle switch broke on day two")
    promised = make_complaint(category=category, title="Toaster burns one side only")
    answered = make_complaint(category=category, title="Fridge light flickers at night")
    _overdue(app, late)
    _overdue(app, done_late, status="resolved")  # resolved: no longer overdue
    with app.app_context():  # promised for the future: not overdue yet
        row = db.session.get(Complaint, promised.id)
        row.promised_date = (utcnow() + timedelta(days=3)).date()
        db.session.commit()
    staff = make_user(role="staff")
    official = make_answer(answered, author=staff, body="We are sending a new bulb today.")
    with app.app_context():
        db.session.get(Complaint, answered.id).official_answer_id = official.id
        db.session.commit()
    for path in ("/", "/complaints", "/complaints?sort=new", "/c/kitchen"):
        listed = rows(client.get(path).text)
        assert set(listed) == {late.id, done_late.id, promised.id, answered.id}, path
        assert "data-overdue" in listed[late.id], path
        assert [i for i, html in listed.items() if "data-overdue" in html] == [late.id], path
        assert [i for i, html in listed.items() if "data-official" in html] == [answered.id]
        assert ">Overdue</span>" in listed[late.id]
        assert ">Official answer</span>" in listed[answered.id]


def test_pinned_rows_are_badged_too(app, client, make_complaint, make_user):
    from forum.moderation import services as moderation

    pinned = make_complaint(title="Pinned thread about late refunds")
    _overdue(app, pinned)
    with app.app_context():
        moderation.set_pinned(fresh(make_user(role="staff")), pinned.id, True)
    html = client.get("/complaints").text
    pinned_list = html.split('class="rows rows-pinned"')[1].split("</ol>")[0]
    assert "data-overdue" in pinned_list


def test_search_results_show_the_overdue_badge(backend, app, client, make_complaint):
    late = make_complaint(title="Dishwasher drain pump failed twice")
    on_time = make_complaint(title="Dishwasher rack wheel fell off")
    change(app, late.id, status="in_progress", promised_date=(utcnow() - timedelta(days=1)).date())
    found = rows(client.get("/search", query_string={"q": "dishwasher"}).text)
    assert set(found) == {late.id, on_time.id}
    assert "data-overdue" in found[late.id] and "data-overdue" not in found[on_time.id]


def test_badges_cost_no_statement_per_row(
    app, client, make_category, make_complaint, count_queries
):
    """Overdue is computed in the listing's statement: as many statements for 2 overdue
    threads as for 8."""
    category = make_category("Kitchen", "kitchen")
    counts = []
    for _ in range(2):
        for _ in range(4):
            _overdue(app, make_complaint(category=category))
        for path in ("/", "/complaints", "/c/kitchen"):
            with count_queries() as queries:
                assert client.get(path).status_code == 200
            counts.append((path, len(queries)))
    assert counts[:3] == counts[3:]


# --- the language filter: listings ------------------------------------------------------------


def test_language_filter_offers_only_languages_present_named_in_themselves(client, threads):
    html = client.get("/complaints").text
    assert options(html, "lang-filter") == PRESENT
    assert '<option value="de" lang="de">Deutsch</option>' in html
    # A category offers the languages of its own threads.
    assert options(client.get("/c/garden").text, "lang-filter") == [
        ("", "Any language"),
        ("en", "English"),
    ]
    assert LANGUAGE_NAMES == {
        "en": "English",
        "de": "Deutsch",
        "sv": "Svenska",
        "sl": "Slovenščina",
        "hu": "Magyar",
        "zh": "中文",
    }


def test_language_filter_shows_the_threads_in_that_language(client, threads):
    for path in ("/complaints", "/c/kitchen", "/complaints?category=kitchen"):
        sep = "&" if "?" in path else "?"
        for code in ("de", "sv", "en"):
            html = client.get(f"{path}{sep}lang={code}").text
            expected = {threads[code].id}
            if code == "en" and path == "/complaints":
                expected.add(threads["garden"].id)
            assert set(rows(html)) == expected, (path, code)
            assert f'<option value="{code}" lang="{code}" selected>' in html
    # With the other filters and sorts.
    assert set(rows(client.get("/complaints?lang=de&status=open&sort=top").text)) == {
        threads["de"].id
    }
    assert rows(client.get("/complaints?lang=de&status=closed").text) == {}


def test_a_language_without_threads_is_an_empty_listing_that_still_offers_the_others(
    client, threads
):
    html = client.get("/c/garden?lang=de").text
    assert rows(html) == {}
    assert "Nothing here in" in html and '<span lang="de">Deutsch</span>' in html
    # The chosen language stays selected so the reader sees what filters the page.
    assert ("de", "Deutsch") in options(html, "lang-filter")


def test_an_unknown_language_is_ignored_with_a_notice(client, threads):
    for value in ("xx", "de-DE", "<script>", "en" * 40):
        response = client.get("/complaints", query_string={"lang": value})
        assert response.status_code == 200, value
        assert UNKNOWN_LANGUAGE in response.text
        assert len(rows(response.text)) == 4
    assert "data-language-notice" not in client.get("/complaints?lang=de").text
    assert language_filter("") == (None, None)
    assert language_filter("zh") == ("zh", None)
    assert language_filter("zz") == (None, UNKNOWN_LANGUAGE)


def test_the_filter_form_works_without_javascript(client, threads):
    """A plain GET form: the sort travels as a hidden field, the language as a select."""
    html = client.get("/complaints?sort=new&lang=sv").text
    pattern = r'<form class="filters" method="get" action="([^"]*)">(.*?)</form>'
    form = re.search(pattern, html, re.S)
    assert form and form.group(1) == "/complaints"
    assert '<input type="hidden" name="sort" value="new">' in form.group(2)
    assert 'name="lang"' in form.group(2) and 'type="submit"' in form.group(2)


def test_sort_tabs_and_pager_keep_the_language(app, client, threads, make_complaint):
    app.config["PAGE_SIZE"] = 1
    make_complaint(**GERMAN)
    html = client.get("/complaints?lang=de").text
    assert re.search(r'href="/complaints\?(sort=new&amp;lang=de|lang=de&amp;sort=new)"', html)
    assert re.search(r'rel="next" href="/complaints\?lang=de&amp;page=2"', html)
    assert len(rows(client.get("/complaints?lang=de&page=2").text)) == 1
    assert client.get("/complaints?lang=de&page=3").status_code == 404


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return found and found.group(1)


def test_filtered_listings_point_to_the_unfiltered_one(app, client, threads, make_complaint):
    app.config["PAGE_SIZE"] = 1
    make_complaint(**GERMAN)
    site = app.config["SITE_URL"]
    assert canonical(client.get("/complaints?lang=de").text) == f"{site}/complaints"
    assert canonical(client.get("/complaints?lang=de&page=2").text) == f"{site}/complaints"
    assert canonical(client.get("/c/kitchen?lang=sv").text) == f"{site}/c/kitchen"
    assert canonical(client.get("/complaints?page=2").text) == f"{site}/complaints?page=2"
    # Like the status filter: the default order stays indexable, other sorts do not.
    assert 'name="robots"' not in client.get("/complaints?lang=de").text
    sorted_page = client.get("/complaints?lang=de&sort=new").text
    assert '<meta name="robots" content="noindex, follow">' in sorted_page
    assert canonical(sorted_page) is None


def test_filtered_pages_are_kept_apart_and_dropped_by_a_new_thread(
    app, client, threads, make_complaint, count_queries
):
    app.config["PAGE_CACHE_ENABLED"] = True
    german = client.get("/complaints?lang=de").text
    everything = client.get("/complaints").text
    assert german != everything
    with count_queries() as queries:
        assert client.get("/complaints?lang=de").text == german
        assert client.get("/complaints").text == everything
        assert client.get("/c/kitchen?lang=de").status_code == 200  # not kept yet
    assert len(queries) > 0
    with count_queries() as queries:
        client.get("/complaints?lang=de")
        client.get("/c/kitchen?lang=de")
    assert len(queries) == 0
    newer = make_complaint(
        title="Kühlschrank kühlt nicht mehr",
        body="Der Kühlschrank kühlt nicht mehr und die Lebensmittel sind schon verdorben, "
        "aber der Händler hat sich nicht gemeldet.",
    )
    assert newer.language == "de"
    assert newer.id in rows(client.get("/complaints?lang=de").text)


def test_a_thread_whose_language_changes_moves_between_filters(app, client, threads):
    with app.app_context():
        row = db.session.get(Complaint, threads["en"].id)
        row.language = None  # not detected: in no language's listing, still in the listing
        db.session.commit()
    assert threads["en"].id not in rows(client.get("/complaints?lang=en").text)
    assert threads["en"].id in rows(client.get("/complaints").text)


# --- the language filter: search --------------------------------------------------------------


def test_search_filters_by_language(backend, app, client, threads):
    assert ids(client, "waschmaschine", lang="de") == [threads["de"].id]
    assert ids(client, "waschmaschine", lang="en") == []
    assert ids(client, "washing machine", lang="en") == [threads["en"].id]
    assert ids(client, "diskmaskinen", lang="sv") == [threads["sv"].id]
    # Unknown: ignored, said so, and the search runs over every language.
    page = client.get("/search", query_string={"q": "waschmaschine", "lang": "xx"})
    assert page.status_code == 200 and UNKNOWN_LANGUAGE in page.text
    assert ids(client, "waschmaschine", lang="xx") == [threads["de"].id]
    html = client.get("/search", query_string={"q": "waschmaschine", "lang": "de"}).text
    assert options(html, "search-lang") == PRESENT
    assert '<option value="de" lang="de" selected>' in html


def test_search_without_its_index_filters_by_language_too(app, client, threads):
    app.config["SEARCH_INDEX_DIR"] = str(app.instance_path) + "/no-index-here"
    page = client.get("/search", query_string={"q": "waschmaschine", "lang": "de"})
    assert "data-search-degraded" in page.text
    assert ids(client, "waschmaschine", lang="de") == [threads["de"].id]
    assert ids(client, "waschmaschine", lang="sv") == []


def test_languages_are_detected_as_the_fixtures_say():
    assert detect_post(GERMAN["title"], GERMAN["body"]) == "de"
    assert detect_post(SWEDISH["title"], SWEDISH["body"]) == "sv"
    assert detect_post(ENGLISH["title"], ENGLISH["body"]) == "en"


def test_every_listing_index_ends_with_the_filters():
    indexes = {index.name: [c.name for c in index.columns] for index in Complaint.__table__.indexes}
    for name in (
        "ix_complaint_hot",
        "ix_complaint_new",
        "ix_complaint_top",
        "ix_complaint_unanswered",
        "ix_complaint_solved",
    ):
        for prefix in ("ix_complaint_", "ix_complaint_category_"):
            full = name.replace("ix_complaint_", prefix)
            assert indexes[full][-3:] == ["visibility", "status", "language"], full
    assert indexes["ix_complaint_language"] == ["language", "category_id", "visibility"]
