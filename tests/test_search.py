"""Search rules, run on Whoosh and (with ``--postgres``) on PostgreSQL full-text search."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.complaints import services as complaint_services
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.moderation import services as moderation
from forum.search import outbox, services
from forum.search.backends import get_backend
from forum.uow import write_transaction
from tests.conftest import fresh
from tests.search_fixtures import *  # noqa: F403 - the backend and post fixtures
from tests.search_fixtures import BODY, change, ids


def test_every_word_must_match(backend, client, post):
    both = post("Fridge is noisy at night and leaks water")
    post("Fridge door does not close properly")
    assert ids(client, "fridge noisy") == [both.id]


def test_english_words_match_their_stems(backend, client, post):
    found = post("Refunded twice but the shop kept charging me")
    assert ids(client, "refunds charges") == [found.id]


def test_accents_are_folded(backend, client, post):
    cafe = post("The café on Main Street overcharged me")
    fridge = post("Kühlschrank kühlt nicht mehr richtig seit Montag")
    assert ids(client, "cafe") == [cafe.id]
    assert ids(client, "kuhlschrank") == [fridge.id]
    assert ids(client, "CAFÉ") == [cafe.id]


def test_quoted_phrases_match_words_in_order(backend, client, post):
    phrase = post("The fridge door broke after a week")
    post("The door of my fridge squeaks every time")
    assert set(ids(client, "fridge door")) == {phrase.id, phrase.id + 1}
    assert ids(client, '"fridge door"') == [phrase.id]


def test_words_in_the_title_rank_first(backend, client, post, make_answer):
    in_body = post("Noise from the kitchen at night", body="The kettle whistles. " + BODY)
    in_answer = post("Strange smell in the kitchen")
    make_answer(in_answer, body="Descale the kettle with vinegar once a month.")
    # The longest text of the three: only the title's weight puts it first.
    in_title = post("Kettle switches itself off", body=f"{BODY} {BODY} {BODY}")
    found = ids(client, "kettle")
    assert found[0] == in_title.id
    assert set(found) == {in_title.id, in_body.id, in_answer.id}


def test_filters_keep_the_order_of_relevance(backend, client, post, make_category):
    kitchen = make_category(slug="kitchen")
    weak = post("Noise at night", body="The kettle whistles. " + BODY, category=kitchen)
    post("Kettle lid is loose, kettle leaks")  # another category
    strong = post("Kettle kettle switches itself off", category=kitchen)
    assert ids(client, "kettle", category="kitchen") == [strong.id, weak.id]


def test_a_phrase_stays_within_one_part_of_a_thread(app, client, post, make_answer):
    """The thread is one matching field in Whoosh, but its phrases (word pairs) are made
    within the title, the body and the answers: a phrase never joins the end of one
    to the start of the next."""
    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        get_backend().rebuild()
    across = post("Order arrived broken", body="Glass everywhere, the box was crushed.")
    make_answer(across, body="Glass is fragile, pack it better.")
    within = post("Mirror arrived broken glass inside", body=BODY)
    assert ids(client, '"broken glass"') == [within.id]
    assert ids(client, '"crushed glass"') == []
    assert set(ids(client, "broken glass")) == {across.id, within.id}


def test_a_quoted_phrase_may_hold_stop_words(backend, client, post):
    found = post("Still waiting for the bus to the service centre")
    post("The bus came, but waiting was pointless")
    assert ids(client, '"waiting for the bus"') == [found.id]


def test_minus_excludes_a_word(backend, client, post):
    keep = post("Washing machine leaks water everywhere")
    post("Washing machine leaks water and smells of smoke")
    assert ids(client, "washing leaks -smoke") == [keep.id]


@pytest.mark.parametrize(
    "word", ["退款", "压缩机", "售后服务"], ids=["2 characters", "3 characters", "4 characters"]
)
def test_chinese_words_find_their_threads(backend, client, post, word):
    threads = {
        "退款": post(
            "我的退款一直没有到账",
            body="三月份申请的退款，到现在已经两个月了，客服一直说在处理中。",
        ),
        "压缩机": post(
            "冰箱压缩机坏了怎么办呢？",
            body="冰箱用了一个星期压缩机就不工作了，声音很大，也不制冷。",
        ),
        "售后服务": post(
            "空调售后服务太慢了，一直没人来",
            body="空调安装以后一直漏水，打电话给客服，等了两个星期还没有人来。",
        ),
    }
    assert ids(client, word) == [threads[word].id]


def test_did_you_mean_then_results_with_fewer_words(backend, client, post):
    thread = post("Refrigerator warranty was refused by the store")
    response = client.get("/search", query_string={"q": "refrigerater"})
    assert "Did you mean" in response.text
    assert re.search(r"data-suggestion>refrigerator<", response.text)
    response = client.get("/search", query_string={"q": "refrigerator zebra"})
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "these have some of them" in response.text


def test_did_you_mean_prefers_the_closest_word_to_the_most_frequent(backend, client, post):
    # "stovx" is one letter from "stove" and two from "store", which is far more frequent.
    post("The stove top cracked on the first day")
    for n in range(4):
        post(f"The store refused a return, case {n}", body="The store said the store decides.")
    response = client.get("/search", query_string={"q": "stovx"})
    assert re.search(r"data-suggestion>stove<", response.text)


def test_did_you_mean_looks_at_a_few_words_however_many_were_typed(
    backend, app, client, post, monkeypatch
):
    post("Refrigerator warranty was refused by the store")
    with app.app_context():
        kind = type(get_backend())
    asked, original = [], kind.suggest
    monkeypatch.setattr(
        kind, "suggest", lambda self, words: asked.append(words) or original(self, words)
    )
    odd = " ".join(f"qx{letter}zzv" for letter in "abcdefghijklmnopqr")
    response = client.get("/search", query_string={"q": "refrigerater " + odd})
    assert response.status_code == 200
    assert len(asked) == 1 and len(asked[0]) == services.SUGGESTED_WORDS
    assert re.search(r"data-suggestion>refrigerator qxazzv", response.text)


def test_private_details_are_never_found(backend, client, post):
    thread = post("Delivery was two weeks late", private_details="Order 99887766 zanzibar")
    assert ids(client, "zanzibar") == []
    assert ids(client, "99887766") == []
    response = client.get("/search", query_string={"q": "delivery late"})
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "zanzibar" not in response.text


@pytest.mark.parametrize("visibility", ["hidden", "deleted", "merged", "pending"])
def test_content_that_is_not_public_is_never_found(
    backend, app, client, post, make_answer, visibility
):
    thread = post("Toaster burns every slice of bread")
    other = post("Kettle switches off too early")
    answer = make_answer(other, body="Descale it with vinegar: the marmalade trick.")
    assert ids(client, "toaster") == [thread.id]
    assert ids(client, "marmalade") == [other.id]
    change(app, thread.id, visibility=visibility)
    with app.app_context():
        with write_transaction() as session:
            session.execute(
                sa.update(Answer).where(Answer.id == answer.id).values(visibility=visibility)
            )
            outbox.enqueue(session, other.id)
    assert ids(client, "toaster") == []
    assert ids(client, "marmalade") == []


def test_a_hidden_thread_is_not_shown_even_before_the_index_hears_of_it(backend, app, client, post):
    thread = post("Toaster burns every slice of bread")
    with app.app_context():
        with write_transaction() as session:
            session.execute(
                sa.update(Complaint).where(Complaint.id == thread.id).values(visibility="hidden")
            )
    assert ids(client, "toaster") == []


@pytest.mark.parametrize(
    "query",
    ["*", "[a TO]", "(" * 5000 + "fridge" + ")" * 5000, "fridge " * 15_000, "field:value",
     "title:x", "fridge~2", "fridge^100", "fri\x00dge\x01", "a AND OR NOT (", '"unclosed phrase'],
    ids=["star", "range", "parentheses", "100KB", "field", "title", "fuzzy", "boost", "nul",
         "operators", "quote"],
)  # fmt: skip
def test_hostile_queries_answer_quickly_with_results_or_a_message(
    backend, app, client, post, query, monkeypatch
):
    """Quickly: the backend is only ever asked a bounded query (no wall clock here;
    ``bench/search.py`` measures the speed)."""
    from forum.search.query import MAX_CHARS, MAX_TERMS

    post("The fridge stopped cooling")
    with app.app_context():
        kind = type(get_backend())
    asked, original = [], kind.search
    monkeypatch.setattr(
        kind,
        "search",
        lambda self, parsed, **kw: asked.append(parsed) or original(self, parsed, **kw),
    )
    response = client.get("/search", query_string={"q": query})
    for parsed in asked:
        assert len(parsed.terms) <= MAX_TERMS
        assert sum(len(" ".join(term.tokens)) for term in parsed.terms) <= MAX_CHARS
    assert response.status_code == 200
    text = response.text
    assert (
        'data-complaint-id="' in text or 'class="notice"' in text or "No complaints match" in text
    )


def test_user_text_in_snippets_is_escaped_and_matches_are_marked(backend, client, post):
    post(
        "Blender exploded in my kitchen", body="The blender jar <script>alert(1)</script> cracked."
    )
    text = client.get("/search", query_string={"q": "blender"}).text
    assert "<script>alert(1)" not in text
    snippet = re.search(r'<p class="row-excerpt snippet"[^>]*>(.*?)</p>', text, re.S).group(1)
    assert "<mark>blender</mark>" in snippet
    assert "<" not in re.sub(r"</?mark>", "", snippet)
    if backend == "whoosh":  # PostgreSQL's ts_headline drops HTML tags altogether
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet


def test_snippets_find_a_match_deep_in_a_long_text(backend, client, post):
    filler = " ".join(["The shop kept promising a call back next week."] * 30)
    thread = post("Repair took months", body=f"They waived the fee. {filler} Still waiting now.")
    text = client.get("/search", query_string={"q": "waiting"}).text
    assert f'data-complaint-id="{thread.id}"' in text
    snippet = re.search(r'<p class="row-excerpt snippet"[^>]*>(.*?)</p>', text, re.S).group(1)
    assert "<mark>waiting</mark>" in snippet


def test_snippets_read_as_the_post_renders_without_its_markup(whoosh, client, post):
    """Emphasis marks on a word's edge go without leaving a space ("weeks ." read oddly);
    marks within a word and alone still part words, as the tokenizer splits them."""
    post("Kettle refund", body="I waited **three weeks**. The `reset_button` did *nothing*!")
    text = client.get("/search", query_string={"q": "weeks"}).text
    snippet = re.search(r'<p class="row-excerpt snippet"[^>]*>(.*?)</p>', text, re.S).group(1)
    assert snippet == ("I waited three <mark>weeks</mark>. The reset button did nothing!")
    assert ids(client, "button")  # "reset_button" is two words, as before


def test_answers_are_searched_and_shown_as_the_snippet(backend, client, post, make_answer):
    thread = post("Oven light does not switch on")
    make_answer(thread, body="Replace the bulb with a G9 halogen lamp from the hardware store.")
    response = client.get("/search", query_string={"q": "halogen"})
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "From an answer" in response.text


def test_a_result_is_the_listings_row_with_what_search_matched(backend, app, client, post):
    """A result is the row the listings show, with the same counts (an unanswered thread
    marked as such), badges and byline, and the searched words marked in its title."""
    thread = post("Toaster lever will not stay down", rating=3)
    change(app, thread.id, created_at=utcnow() - timedelta(days=10))

    def row(html):
        found = re.search(
            rf'<li class="row" data-complaint-id="{thread.id}">(.*?)</li>', html, re.S
        )
        assert found, "no row for the thread"
        return found.group(1)

    def part(row_html, name):
        return re.search(rf'<(\w+) class="{name}"[^>]*>.*?</\1>', row_html, re.S).group(0)

    listed = row(client.get("/complaints").text)
    result = row(client.get("/search", query_string={"q": "toaster"}).text)
    assert "stat-empty" in part(listed, "row-stats")
    assert part(result, "row-stats") == part(listed, "row-stats")
    assert 'data-rating="3"' in part(listed, "row-meta")
    assert part(result, "row-meta") == part(listed, "row-meta")
    assert "<mark>" in part(result, "row-title") and "<mark>" not in part(listed, "row-title")


def test_filters_and_sorting(backend, app, client, post, make_category, make_user):
    other_category = make_category(slug="kitchen")
    old = post("Dishwasher leaves spots on glasses")
    new = post("Dishwasher door hinge snapped", category=other_category)
    change(app, old.id, status="resolved", solved_at=utcnow(), vote_count=7)
    assert ids(client, "dishwasher", category="kitchen") == [new.id]
    assert ids(client, "dishwasher", status="resolved") == [old.id]
    assert ids(client, "dishwasher", solved="1") == [old.id]
    assert ids(client, "dishwasher", sort="new") == [new.id, old.id]
    assert ids(client, "dishwasher", sort="votes") == [old.id, new.id]
    # A slug that names no category searches them all; the chosen one stays selected.
    assert sorted(ids(client, "dishwasher", category="no-such-category")) == sorted(
        [old.id, new.id]
    )
    page = client.get("/search", query_string={"q": "dishwasher", "category": "kitchen"})
    assert '<option value="kitchen" selected>' in page.text


def test_results_are_paginated_with_a_count(backend, app, client, post):
    app.config["SEARCH_PAGE_SIZE"] = 3
    for number in range(7):
        post(f"Vacuum cleaner problem number {number}")
    first = client.get("/search", query_string={"q": "vacuum"})
    assert 'data-total="7"' in first.text
    seen = ids(client, "vacuum") + ids(client, "vacuum", page=2) + ids(client, "vacuum", page=3)
    assert len(seen) == len(set(seen)) == 7


def test_counts_stop_at_the_count_limit(backend, app, client, post, make_category):
    app.config.update(SEARCH_PAGE_SIZE=2, SEARCH_COUNT_LIMIT=4)
    kitchen = make_category(slug="kitchen")
    for number in range(7):
        post(f"Toaster burns bread, report {number}")
    for number in range(3):
        post(f"Toaster cord frayed, report {number}", category=kitchen)
    text = client.get("/search", query_string={"q": "toaster"}).text
    assert 'data-total="4"' in text
    assert "More than 4 results" in text
    # Through a filter, and under the limit: exact, and only what the filter allows.
    text = client.get("/search", query_string={"q": "toaster", "category": "kitchen"}).text
    assert 'data-total="3"' in text
    assert "More than" not in text
    # Past the second page of a capped count, pages still work.
    assert len(ids(client, "toaster", page=2)) == 2


def test_results_show_live_status_badges_rating_and_votes(backend, app, client, post):
    thread = post("Microwave sparks when heating soup", rating=2)
    change(app, thread.id, status="in_progress", vote_count=12, official_answer_id=None)
    with app.app_context():
        db.session.execute(sa.update(Complaint).where(Complaint.id == thread.id).values(
            solved_at=utcnow()))  # fmt: skip
        db.session.commit()
    text = client.get("/search", query_string={"q": "microwave"}).text
    assert 'data-status="in_progress"' in text
    assert "✓ Solved" in text
    assert 'data-rating="2"' in text
    assert "<strong>12</strong> affected" in text


def test_results_say_the_language_of_each_thread(backend, app, client, post):
    """A screen reader reads a German title with German rules: the title and the
    snippet or excerpt carry the thread's language, when it is known."""
    german = post("Waschmaschine Pumpe defekt", "Die Pumpe der Waschmaschine ist defekt.")
    unknown = post("Waschmaschine zzq")
    change(app, german.id, language="de")
    change(app, unknown.id, language=None)
    text = client.get("/search", query_string={"q": "waschmaschine"}).text
    rows = dict(re.findall(r'data-complaint-id="(\d+)"(.*?)</li>', text, re.S))
    assert re.search(r'<a href="[^"]+" lang="de">', rows[str(german.id)])
    assert rows[str(german.id)].count('lang="de"') == 2
    assert "lang=" not in rows[str(unknown.id)]


def test_the_outbox_is_applied_after_commit(backend, app, client, post):
    thread = post("Espresso machine pump is broken")
    with app.app_context():
        assert outbox.pending_count() == 0
    assert ids(client, "espresso") == [thread.id]


def test_a_rolled_back_change_is_never_indexed(backend, app, client, make_user, make_category):
    author, category = make_user(), make_category()
    with app.app_context():
        with pytest.raises(RuntimeError), write_transaction():
            complaint_services.create_complaint(
                db.session.merge(author), title="Phantom complaint about gramophones",
                body=BODY, category_id=category.id, desired_outcome="refund",
            )  # fmt: skip
            raise RuntimeError("rolled back")
        assert outbox.pending_count() == 0
        get_backend().apply_pending(timeout=1)
    assert ids(client, "gramophones") == []


def test_an_edit_is_visible_to_search(backend, app, client, post, make_answer):
    thread = post("Blender motor smells of burning")
    answer = make_answer(thread, body="Mine did the same")
    with app.app_context():
        complaint = db.session.get(Complaint, thread.id)
        complaint_services.edit_complaint(
            complaint.author, complaint, title="Blender motor smells of toffee", body=BODY,
            category_id=complaint.category_id, desired_outcome="refund", rating=None,
            review=None, private_details=None,
        )  # fmt: skip
        complaint_services.edit_answer(
            db.session.get(Answer, answer.id).author, db.session.get(Answer, answer.id),
            "It was the gasket, replaced under warranty",
        )  # fmt: skip
    assert ids(client, "toffee") == [thread.id]
    assert ids(client, "burning") == []
    assert ids(client, "gasket") == [thread.id]


def test_search_page_statements_do_not_grow_with_hits(backend, app, client, post, count_queries):
    app.config["SEARCH_PAGE_SIZE"] = 60
    counts = {}
    for word, n in (("alpha", 5), ("omega", 50)):
        for number in range(n):
            post(f"Printer {word} jams on page {number}")
        with count_queries() as queries:
            found = ids(client, f"printer {word}")
        assert len(found) == n
        counts[n] = len(queries)
    assert counts[5] == counts[50]
    assert counts[50] <= 6


def test_healthz_reports_the_search_index(backend, client):
    assert client.get("/healthz").get_json()["checks"]["search"] == "ok"


def test_empty_query_shows_the_form(backend, client):
    response = client.get("/search")
    assert response.status_code == 200
    assert 'name="q"' in response.text


def test_header_has_a_search_box(client):
    text = client.get("/").text
    assert 'action="/search"' in text
    assert re.search(
        r'<label class="visually-hidden" for="header-q">Search complaints</label>', text
    )


def test_the_next_page_of_a_search_for_some_of_the_words_goes_on_with_them(
    backend, app, client, post
):
    """No thread has every word: the results have some of them, and the pager's next
    page must go on with that search, not repeat the one that found nothing."""
    app.config["SEARCH_PAGE_SIZE"] = 2
    threads = {post(f"Kettle {word} after a week").id for word in ("leaks", "hums", "rattles")}
    first = client.get("/search", query_string={"q": "kettle leaks hums rattles"}).text
    assert "these have some of them" in first
    second = client.get("/search", query_string={"q": "kettle leaks hums rattles", "page": 2})
    assert "these have some of them" in second.text
    shown = set(ids(client, "kettle leaks hums rattles")) | set(
        ids(client, "kettle leaks hums rattles", page=2)
    )
    assert shown == threads


def test_a_merge_moves_the_duplicates_answers_to_the_target_and_drops_the_duplicate(
    backend, app, client, post, make_answer, make_user
):
    target = post("Toaster burns every slice of bread")
    duplicate = post("Toaster scorches my crumpets every morning")
    make_answer(duplicate, body="Turn the browning dial down: the marmalade trick.")
    assert ids(client, "marmalade") == [duplicate.id]
    admin = make_user(role="admin")
    with app.app_context():
        assert moderation.merge(fresh(admin), duplicate.id, target.id) == "done"
    assert ids(client, "marmalade") == [target.id]
    assert ids(client, "crumpets") == []
