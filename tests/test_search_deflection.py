"""Before posting: similar solved threads, "this solved it for me", related threads."""

import re

import pytest
import sqlalchemy as sa

from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.search import services as search
from forum.search.models import AvoidedComplaint
from tests.search_fixtures import *  # noqa: F403 - the backend and post fixtures
from tests.search_fixtures import BODY, change, ids  # noqa: F401


@pytest.fixture
def solved_thread(app, post, make_answer, make_user):
    thread = post("Router keeps dropping the wifi connection")
    answer = make_answer(thread, author=make_user(role="staff"), body="Update the firmware.")
    change(app, thread.id, solved_at=utcnow(), official_answer_id=answer.id, status="resolved")
    return thread


def _form(category_id, **extra):
    return {
        "title": "Wifi connection dropping on my router",
        "body": "Every evening the router drops the connection for ten minutes.",
        "category": str(category_id),
        "desired_outcome": "repair",
        "private_details": "Customer 4455",
        **extra,
    }


def _complaint_count(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Complaint))


def test_new_complaint_shows_solved_threads_first_without_javascript(
    backend, app, client, auth, make_user, solved_thread
):
    auth.login(make_user().username)
    before = _complaint_count(app)
    response = client.post("/complaints/new", data=_form(solved_thread.category_id))
    assert response.status_code == 200
    assert "Before you post" in response.text
    assert solved_thread.title in response.text
    assert "This solved it for me" in response.text
    assert 'value="Wifi connection dropping on my router"' in response.text
    assert "Customer 4455" in response.text
    assert 'name="not_my_problem" value="1"' in response.text
    assert _complaint_count(app) == before
    response = client.post(
        "/complaints/new", data=_form(solved_thread.category_id, not_my_problem="1")
    )
    assert response.status_code == 303
    assert _complaint_count(app) == before + 1


def test_no_step_when_nothing_similar_is_solved(backend, app, client, auth, make_user, post):
    post("Router keeps dropping the wifi connection")
    auth.login(make_user().username)
    response = client.post("/complaints/new", data=_form(1))
    assert response.status_code == 303


def test_this_solved_it_for_me_counts_an_avoided_complaint(
    backend, app, client, auth, make_user, solved_thread
):
    member = make_user()
    auth.login(member.username)
    response = client.post(f"/search/solved-it/{solved_thread.id}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/complaints/{solved_thread.id}/{solved_thread.slug}"
    )
    with app.app_context():
        assert search.avoided_count() == 1
        row = db.session.scalars(sa.select(AvoidedComplaint)).one()
        assert (row.user_id, row.complaint_id) == (member.id, solved_thread.id)


def test_staff_queue_shows_the_avoided_complaints(
    backend, app, client, auth, make_user, solved_thread
):
    auth.login(make_user().username)
    client.post(f"/search/solved-it/{solved_thread.id}")
    auth.logout()
    auth.login(make_user(role="staff").username)
    page = client.get("/staff").text
    assert 'data-avoided-complaints="1"' in page
    assert "<strong>1</strong> complaint" in page


def test_solved_it_needs_a_public_thread_and_a_member(
    backend, app, client, auth, make_user, solved_thread
):
    assert client.post(f"/search/solved-it/{solved_thread.id}").status_code == 302
    auth.login(make_user().username)
    change(app, solved_thread.id, visibility="hidden")
    assert client.post(f"/search/solved-it/{solved_thread.id}").status_code == 404


def test_similar_endpoint_lists_solved_with_official_answer_first(
    backend, client, post, solved_thread
):
    unsolved = post("Router wifi connection is slow in the evening")
    results = client.get("/search/similar", query_string={"q": "router wifi connection"}).json[
        "results"
    ]
    assert [item["id"] for item in results] == [solved_thread.id, unsolved.id]
    assert results[0]["solved"] and results[0]["official"]
    assert results[0]["url"] == f"/complaints/{solved_thread.id}/{solved_thread.slug}"
    assert results[0]["solved_it_url"] == f"/search/solved-it/{solved_thread.id}"
    assert client.get("/search/similar", query_string={"q": "*"}).json["results"] == []


def test_new_complaint_page_loads_the_script(client, auth, make_user):
    auth.login(make_user().username)
    text = client.get("/complaints/new").text
    assert re.search(r'<script src="/static/js/similar.js\?v=\w+" defer></script>', text)
    assert "data-similar" in text


def test_thread_page_lists_related_threads_solved_first(backend, client, post, solved_thread):
    current = post("Wifi router connection drops at night")
    post("Dishwasher is very loud")
    text = client.get(f"/complaints/{current.id}/{current.slug}").text
    related = text[text.index('id="related-heading"') : text.index('id="your-answer"')]
    assert solved_thread.title in related
    assert "Dishwasher" not in related
    assert current.title not in related


def test_similar_threads_match_complaints_not_their_answers(
    backend, app, client, post, make_answer
):
    answered = post("Toaster burns one side of the bread")
    make_answer(answered, body="Same with my espresso grinder, it jams every morning.")
    alike = post("Grinder jams every morning, espresso grinder stuck")
    from forum.search.query import parse

    with app.app_context():
        backend = search.get_backend()
        query = parse("espresso grinder")
        everywhere = backend.search(query, any_word=True, highlight=False)
        own_text = backend.search(query, any_word=True, highlight=False, in_answers=False)
    assert {hit.complaint_id for hit in everywhere.hits} == {answered.id, alike.id}
    assert [hit.complaint_id for hit in own_text.hits] == [alike.id]


def test_any_word_queries_keep_only_their_rarest_words(app, post):
    from forum.search.backends.whoosh_backend import ANY_WORD_TERMS, _searchers, index_dir
    from forum.search.backends.whoosh_backend import build_query as whoosh_query
    from forum.search.query import parse

    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        search.get_backend().rebuild()
        for number in range(4):
            post(f"Parcel delivery late again, courier number {number}")
        post("Espresso grinder parcel")
        reader = _searchers.get(index_dir()).reader()
        query = whoosh_query(
            parse("parcel delivery late again courier espresso grinder"),
            any_word=True,
            in_answers=False,
            reader=reader,
        )
    words = {text for _, text in query.iter_all_terms()}
    assert len({w for w in words}) == ANY_WORD_TERMS
    assert {"espresso", "grinder"} <= words  # in one complaint: kept
    assert "parcel" not in words  # in all five: dropped


def test_related_threads_are_remembered_but_removed_ones_vanish_at_once(
    backend, app, client, post, solved_thread, monkeypatch
):
    current = post("Wifi router connection drops at night")
    path = f"/complaints/{current.id}/{current.slug}"

    def related_part():
        text = client.get(path).text
        return text[text.index('id="related-heading"') : text.index('id="your-answer"')]

    assert solved_thread.title in related_part()
    with app.app_context():
        backend_class = type(search.get_backend())
    searches = []
    real_alike = backend_class.alike

    def counting_alike(self, *args, **kwargs):
        searches.append(args)
        return real_alike(self, *args, **kwargs)

    monkeypatch.setattr(backend_class, "alike", counting_alike)
    assert solved_thread.title in related_part()
    assert searches == []  # the second view asked the index nothing
    change(app, solved_thread.id, visibility="hidden")
    assert solved_thread.title not in client.get(path).text  # no related list left at all


def test_suggestions_seen_while_typing_post_at_once(
    backend, app, client, auth, make_user, solved_thread
):
    """The script sets ``similar_seen=1`` when it showed suggestions: the server does not
    ask again."""
    auth.login(make_user().username)
    before = _complaint_count(app)
    response = client.post(
        "/complaints/new", data=_form(solved_thread.category_id, similar_seen="1")
    )
    assert response.status_code == 303
    assert _complaint_count(app) == before + 1


def test_similar_endpoint_reads_the_body_and_the_category(backend, client, post, make_category):
    other = make_category()
    toaster = post("Toaster switch broken", body="The toaster lever snapped off.", category=other)
    kettle = post("Kettle switch broken", body="The kettle lid snapped off the handle.")

    def found(**params):
        answer = client.get("/search/similar", query_string={"q": "Switch broken", **params})
        return [item["id"] for item in answer.json["results"]]

    assert found() == [kettle.id, toaster.id]  # equals: the newer first
    assert found(category=other.id) == [toaster.id, kettle.id]  # its category first
    assert found(body="The lid came off the handle")[0] == kettle.id
    assert found(body="The lever came off")[0] == toaster.id
