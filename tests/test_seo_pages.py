"""What every public page tells search engines: title, description, canonical, social
tags, feeds, ``lang`` of user content, noindex for thin pages; the solved hub."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.complaints import services
from forum.complaints.models import Answer
from forum.db import utcnow
from forum.extensions import db
from forum.resolution import services as resolution
from tests.conftest import fresh
from tests.seo_helpers import accept, read, remove, staff_user

SITE = "http://127.0.0.1:5000"

GERMAN = (
    "Die Waschmaschine ist nach zwei Wochen kaputt und der Kundendienst ruft nicht zurück. "
    "Ich habe schon dreimal angerufen, aber niemand hat sich bei mir gemeldet."
)
SWEDISH = (
    "Jag hade samma problem med min maskin och det var inte kul. Det som hjälpte var att "
    "ringa verkstaden direkt, de kom efter två dagar och bytte pumpen."
)


def thread_path(complaint, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/complaints/{complaint.id}/{complaint.slug}" + (f"?{query}" if query else "")


def test_thread_page_has_title_description_canonical_social_tags_and_feeds(
    client, make_complaint, make_answer
):
    complaint = make_complaint(title="Dishwasher leaks after the first wash")
    make_answer(complaint)
    page = read(client.get(thread_path(complaint, utm_source="newsletter")))

    assert page.title == "Dishwasher leaks after the first wash — Redress"
    assert page.description.startswith("Bought a fridge on 3 March")
    assert page.canonicals == [SITE + thread_path(complaint)]
    assert page.meta["og:title"] == [page.title]
    assert page.meta["og:description"] == [page.description]
    assert page.meta["og:url"] == page.canonicals
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:site_name"] == ["Redress"]
    assert page.meta["twitter:card"] == ["summary"]
    slug = complaint.category.slug
    feeds = {href for kind, href in page.alternates if kind == "application/atom+xml"}
    assert feeds == {
        "/feeds/new.atom",
        "/feeds/solved.atom",
        f"/c/{slug}/new.atom",
        f"/c/{slug}/solved.atom",
    }
    assert not page.noindex


def test_a_solved_thread_is_titled_solved_and_described_by_its_solution(
    app, client, make_user, make_complaint, make_answer
):
    author = make_user()
    complaint = make_complaint(author=author, title="Oven door glass cracked by itself")
    answer = make_answer(complaint, body="The shop replaced the door under warranty in a week.")
    accept(app, author, answer)

    page = read(client.get(thread_path(complaint)))
    assert page.title == "[Solved] Oven door glass cracked by itself — Redress"
    assert page.description == "Solved: The shop replaced the door under warranty in a week."


def test_threads_with_the_same_title_have_different_page_titles(client, make_complaint):
    first = make_complaint(title="Washing machine leaks from the door")
    second = make_complaint(title="Washing machine leaks from the door")
    titles = {read(client.get(thread_path(c))).title for c in (first, second)}
    assert titles == {
        f"Washing machine leaks from the door (#{first.id}) — Redress",
        f"Washing machine leaks from the door (#{second.id}) — Redress",
    }
    alone = make_complaint(title="Dishwasher leaves white film on glasses")
    assert read(client.get(thread_path(alone))).title == (
        "Dishwasher leaves white film on glasses — Redress"
    )


def test_titles_are_unique_across_listings_and_categories(client, make_complaint):
    complaint = make_complaint()
    slug = complaint.category.slug
    paths = ["/", "/complaints", "/complaints?sort=new", f"/c/{slug}", f"/c/{slug}?sort=new",
             "/solved", f"/c/{slug}/solved"]  # fmt: skip
    titles = [read(client.get(path)).title for path in paths]
    assert len(set(titles)) == len(titles), titles


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/", "/"),
        ("/?utm_source=x", "/"),
        ("/complaints", "/complaints"),
        ("/complaints?sort=hot", "/complaints"),
        ("/complaints?sort=bogus", "/complaints"),
        ("/complaints?status=open", "/complaints"),
        ("/complaints?category={slug}", "/c/{slug}"),
        ("/c/{slug}?ref=mail", "/c/{slug}"),
        ("/solved", "/solved"),
        ("/c/{slug}/solved", "/c/{slug}/solved"),
    ],
)
def test_canonical_urls_drop_filters_and_tracking(client, make_complaint, path, canonical):
    complaint = make_complaint()
    slug = complaint.category.slug
    page = read(client.get(path.format(slug=slug)))
    assert page.canonicals == [SITE + canonical.format(slug=slug)]


THREAD_LINK = re.compile(r"^/complaints/\d+/")


@pytest.mark.parametrize("sort", ["new", "top", "unanswered", "solved"])
@pytest.mark.parametrize(
    "path",
    ["/complaints?sort={sort}", "/c/{slug}?sort={sort}", "/complaints?sort={sort}&page=2",
     "/complaints?category={slug}&sort={sort}", "/c/{slug}?status=open&sort={sort}"],
)  # fmt: skip
def test_sorted_listings_are_followed_but_not_indexed(
    app, client, make_category, make_complaint, make_answer, path, sort
):
    app.config["PAGE_SIZE"] = 1
    category = make_category()
    for number in range(2):
        make_complaint(category=category, title=f"Unanswered complaint number {number}")
        solved = make_complaint(category=category, title=f"Solved complaint number {number}")
        accept(app, solved.author, make_answer(solved, body="Reset the breaker."))
    response = client.get(path.format(slug=category.slug, sort=sort))
    assert response.status_code == 200
    page = read(response)
    assert page.meta["robots"] == ["noindex, follow"]
    assert page.canonicals == [] and "og:url" not in page.meta
    assert any(THREAD_LINK.match(link) for link in page.links)


def test_the_solved_listing_shows_the_solved_hub_which_is_the_one_indexed(
    app, client, make_complaint, make_answer
):
    for number in range(3):
        complaint = make_complaint(title=f"Solved complaint number {number}")
        accept(app, complaint.author, make_answer(complaint, body="Reset the breaker."))
    make_complaint(title="An unsolved complaint here")
    listing = read(client.get("/complaints?sort=solved"))
    hub = read(client.get("/solved"))

    def threads(page):
        links = (link.split("#")[0] for link in page.links)
        return list(dict.fromkeys(link for link in links if THREAD_LINK.match(link)))

    assert len(threads(listing)) == 3 and threads(listing) == threads(hub)
    assert listing.noindex and listing.canonicals == []
    assert not hub.noindex and hub.canonicals == [SITE + "/solved"]


def test_later_pages_of_a_thread_and_a_listing_are_their_own_canonical(
    app, client, make_complaint, make_answer
):
    app.config.update(ANSWERS_PAGE_SIZE=2, PAGE_SIZE=1)
    complaint = make_complaint()
    for number in range(3):
        make_answer(complaint, body=f"Answer number {number}")
    make_complaint(category=complaint.category)
    page = read(client.get(thread_path(complaint, page=2)))
    assert page.canonicals == [SITE + thread_path(complaint, page=2)]
    assert page.title.endswith("— page 2 — Redress")
    page = read(client.get("/complaints?page=2"))
    assert page.canonicals == [SITE + "/complaints?page=2"]


def test_user_content_carries_its_detected_language(
    app, client, make_user, make_complaint, make_answer
):
    complaint = make_complaint(title="Waschmaschine nach zwei Wochen kaputt", body=GERMAN)
    answer = make_answer(complaint, body=SWEDISH)
    answer_id = answer.id
    html = client.get(thread_path(complaint)).get_data(as_text=True)

    assert '<html lang="en">' in html  # the interface
    assert re.search(r'<h1 lang="de">Waschmaschine', html)
    text = r'<div class="prose" id="complaint-\d+-text" lang="de"><p>Die Waschmaschine'
    assert re.search(text, html)
    article = html[html.index(f'id="answer-{answer_id}"') :]
    article = article[: article.index("</article>")]
    assert '<div class="prose" lang="sv"><p>Jag hade' in article
    listing = client.get("/complaints").get_data(as_text=True)
    assert re.search(r'lang="de">Waschmaschine nach zwei Wochen kaputt</a>', listing)


def test_a_post_too_short_to_tell_has_no_lang_attribute(client, make_complaint, make_answer):
    complaint = make_complaint()
    make_answer(complaint, body="+1")
    page = read(client.get(thread_path(complaint)))
    assert page.langs == ["en", "en"]  # the English complaint's title and body only


def test_young_unanswered_threads_are_noindex_only_when_configured(
    app, client, make_complaint, make_answer
):
    young = make_complaint(title="Posted a minute ago and not answered")
    old = make_complaint(
        title="Posted days ago and not answered", created_at=utcnow() - timedelta(days=3)
    )
    assert not read(client.get(thread_path(young))).noindex  # default: off

    app.config["NOINDEX_UNANSWERED_YOUNGER_THAN_HOURS"] = 24
    assert read(client.get(thread_path(young))).noindex
    assert not read(client.get(thread_path(old))).noindex
    sitemap = client.get("/sitemaps/threads-1.xml").get_data(as_text=True)
    assert thread_path(young) not in sitemap and thread_path(old) in sitemap

    make_answer(young)
    assert not read(client.get(thread_path(young))).noindex


@pytest.mark.parametrize(
    "path", ["/login", "/register", "/no-such-page", "/complaints/999", "/complaints?page=999"]
)
def test_auth_and_error_pages_are_noindex_without_canonical(client, path):
    page = read(client.get(path))
    assert page.noindex
    assert page.canonicals == []


def test_removed_threads_are_noindex_without_canonical(app, client, make_user, make_complaint):
    complaint = make_complaint()
    remove(app, staff_user(make_user), complaint, "hide", "abusive")
    response = client.get(thread_path(complaint))
    assert response.status_code == 404
    page = read(response)
    assert page.noindex and page.canonicals == [] and "og:url" not in page.meta


def test_staff_viewing_a_hidden_thread_see_it_marked_noindex(
    app, client, auth, make_user, make_complaint
):
    admin = staff_user(make_user)
    complaint = make_complaint()
    remove(app, admin, complaint, "hide", "abusive")
    auth.login(admin.username)
    page = read(client.get(thread_path(complaint)))
    assert page.noindex and page.jsonld == []


# --- The solved hub --------------------------------------------------------------------


def _solved(app, make_user, make_complaint, make_answer, category=None, title=None, body=None):
    author = make_user()
    complaint = make_complaint(author=author, category=category, title=title or "Kettle lid broke")
    answer = make_answer(complaint, body=body or "Ask for the lid as a spare part; it is free.")
    accept(app, author, answer)
    return complaint, answer


def test_solved_hub_lists_solved_threads_with_the_first_lines_of_their_solution(
    app, client, make_user, make_category, make_complaint, make_answer
):
    kitchen, garden = make_category("Kitchen"), make_category("Garden")
    long_solution = "Unplug it for a minute, then hold the reset button. " * 20
    first, _ = _solved(app, make_user, make_complaint, make_answer, kitchen,
                       "Toaster keeps tripping the fuse", long_solution)  # fmt: skip
    second, _ = _solved(app, make_user, make_complaint, make_answer, garden,
                        "Mower will not start after winter", "Replace the spark plug.")  # fmt: skip
    unsolved = make_complaint(category=kitchen, title="Fridge hums loudly at night")
    hidden, _ = _solved(app, make_user, make_complaint, make_answer, kitchen,
                        "Hidden solved thread title")  # fmt: skip
    remove(app, staff_user(make_user), hidden, "hide", "spam")

    html = client.get("/solved").get_data(as_text=True)
    assert first.title in html and second.title in html
    assert unsolved.title not in html and hidden.title not in html
    assert "Replace the spark plug." in html
    shown = re.search(r"<blockquote[^>]*>\s*<p>(Unplug it[^<]*)</p>", html).group(1)
    assert 100 < len(shown) <= 240 and shown.endswith("…")

    html = client.get(f"/c/{kitchen.slug}/solved").get_data(as_text=True)
    assert first.title in html and second.title not in html
    assert client.get("/c/no-such-category/solved").status_code == 404
    assert client.get("/solved?page=2").status_code == 404


def test_solved_hub_loads_its_solutions_with_a_fixed_number_of_queries(
    app, client, count_queries, make_user, make_category, make_complaint
):
    app.config.update(PAGE_SIZE=60, RATELIMIT_ENABLED=False)  # one author posts 50 times
    category = make_category()
    author = make_user()
    helper = make_user()

    def add_solved(count):
        with app.app_context():
            for number in range(count):
                complaint = services.create_complaint(
                    fresh(author),
                    title=f"Solved complaint number {number}",
                    body="The parcel arrived late and the box was crushed.",
                    category_id=category.id,
                    desired_outcome="refund",
                )
                answer = services.post_answer(fresh(helper), complaint, f"Solution {number}")
                resolution.accept_answer(fresh(author), answer)

    def count():
        with count_queries() as queries:
            response = client.get("/solved")
        assert response.status_code == 200
        return len(queries), response.get_data(as_text=True).count("<blockquote")

    add_solved(5)
    five, shown = count()
    assert shown == 5
    add_solved(45)
    fifty, shown = count()
    assert shown == 50
    assert five == fifty


def test_a_thread_links_to_related_solved_threads_in_its_category(
    app, client, make_user, make_category, make_complaint, make_answer
):
    category = make_category()
    other = make_category()
    complaint = make_complaint(category=category, title="Blender jug cracked at the base")
    solved_here, _ = _solved(app, make_user, make_complaint, make_answer, category,
                             "Blender blade loose after a month")  # fmt: skip
    solved_elsewhere, _ = _solved(app, make_user, make_complaint, make_answer, other,
                                  "Hedge trimmer battery dies fast")  # fmt: skip
    html = client.get(thread_path(complaint)).get_data(as_text=True)
    section = html[html.index('id="related-solved-heading"') :]
    assert solved_here.title in section
    assert solved_elsewhere.title not in section
    assert f"/c/{category.slug}/solved" in section
    # A solved thread does not list itself.
    html = client.get(thread_path(solved_here)).get_data(as_text=True)
    assert 'id="related-solved-heading"' not in html


def test_member_pages_give_authors_a_public_url(app, client, make_user, make_complaint):
    author = make_user("jamie_r")
    public = make_complaint(author=author, title="A public complaint by Jamie")
    hidden = make_complaint(author=author, title="A hidden complaint by Jamie")
    remove(app, staff_user(make_user), hidden, "hide", "spam")
    response = client.get("/members/JAMIE_R")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert public.title in html and hidden.title not in html
    assert read(response).noindex
    assert client.get("/members/nobody-here").status_code == 404


def test_member_pages_show_answers_solutions_counts_and_the_real_first_activity(
    app, client, make_user, make_complaint, make_answer
):
    app.config["ANSWERS_PAGE_SIZE"] = 2
    helper, asker = make_user("maja_k"), make_user("erik_l")
    admin = staff_user(make_user)
    fixed = make_complaint(author=asker, title="Kettle switch sticks after a week")
    busy = make_complaint(author=asker, title="Router loses its settings overnight")
    hidden = make_complaint(author=asker, title="A thread staff took down for spam")
    solution = make_answer(fixed, author=helper, body="Clean the **limescale** off the switch.")
    for _ in range(2):
        make_answer(busy, body="Same here, no idea.")
    late = make_answer(busy, author=helper, body="A firmware update fixed mine.")
    make_answer(hidden, author=helper, body="Not public.")
    remove(app, admin, hidden, "hide", "spam")
    accept(app, asker, solution)
    # Back-dated posts (an import from an older forum): older than the account.
    with app.app_context():
        db.session.execute(
            sa.update(Answer)
            .where(Answer.id == solution.id)
            .values(created_at=datetime(2024, 3, 5, tzinfo=UTC))
        )
        db.session.commit()
    html = client.get("/members/maja_k").get_data(as_text=True)
    assert 'Member since <time datetime="2024-03-05T00:00:00+00:00">5 Mar 2024</time>' in html
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html))
    assert figures == {"Complaints": "0", "Answers": "2", "Accepted solutions": "1"}
    solutions = html[html.index('id="solutions-heading"') : html.index('id="answers-heading"')]
    assert f'{thread_path(fixed)}#answer-{solution.id}"' in solutions
    assert "Clean the limescale off the switch." in solutions  # plain text, no Markdown
    assert busy.title not in solutions
    recent = html[html.index('id="answers-heading"') :]
    # The third answer of a thread with two a page is on its second page.
    assert f'{thread_path(busy)}?page=2#answer-{late.id}"' in recent
    assert recent.index(busy.title) < recent.index(fixed.title)  # newest first
    assert "Not public." not in html and hidden.title not in html
