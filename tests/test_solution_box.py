"""The solved thread: the fix named once under the title, its full text once, a jump to it;
a long complaint cut short on phones under it; one staff actions menu per post with only
what applies to it."""

import html as htmllib
import json
import re

import pytest

from forum.complaints.models import Answer
from forum.extensions import db
from forum.moderation import services as moderation
from forum.pages import solution
from forum.resolution import services as resolution
from tests.conftest import fresh

# A post's staff menu (templates/moderation/_post_menu.html); the answer form has a
# <details> of its own, for photos.
MENU = '<details class="post-menu"'

LONG_FIX = (
    "We found the refund stuck in the payment provider's queue because the store had "
    "processed it against an expired card token. Finance released it by hand this "
    "morning, so the money should reach your account within two working days, and we "
    "have added a check so that returns with an expired token are flagged the same day "
    "instead of waiting for a customer to chase them."
)
LONG_COMPLAINT = " ".join(["The refund for my returned tablet has still not arrived."] * 12)
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "other": make_user("other"),
    }


def page(client, complaint, query=""):
    response = client.get(f"/complaints/{complaint.id}/{complaint.slug}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True).split("<body", 1)[1]


def box_of(html):
    assert html.count("data-solution") == 1
    return html.split("data-solution", 1)[1].split("</section>", 1)[0]


def mark(app, staff, author, answer, official=True, accepted=True):
    with app.app_context():
        if official:
            resolution.mark_official(fresh(staff), db.session.get(Answer, answer.id))
        if accepted:
            resolution.accept_answer(fresh(author), db.session.get(Answer, answer.id))


def test_the_fix_is_named_at_the_top_and_its_full_text_is_on_the_page_once(
    app, client, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"], body=LONG_COMPLAINT)
    make_answer(complaint, author=people["other"], body="Same here, no refund yet.")
    fix = make_answer(complaint, author=people["staff"], body=LONG_FIX)
    mark(app, people["staff"], people["author"], fix)
    html = page(client, complaint)
    visible = JSONLD.sub("", html)
    assert htmllib.unescape(visible).count(LONG_FIX) == 1
    assert f'data-accepted-answer id="answer-{fix.id}"' in visible
    # The box: after the title and status, before the complaint's text.
    box = box_of(html)
    assert html.index("<h1") < html.index("data-solution") < html.index("The refund for my")
    assert ">Solution</h2>" in box
    assert "Official answer · Redress</span>" in box and "✓ Accepted solution</span>" in box
    assert "from nina" in box
    words = LONG_FIX.split()
    shown = htmllib.unescape(box)
    assert " ".join(words[: solution.SUMMARY_WORDS]) + "…" in shown
    assert " ".join(words[: solution.SUMMARY_WORDS + 1]) not in shown
    link = f'href="/complaints/{complaint.id}/{complaint.slug}#answer-{fix.id}"'
    assert f"<a {link}>Jump to the solution" in box
    # Search engines still get the accepted answer whole.
    (data,) = [json.loads(found) for found in JSONLD.findall(html)]
    assert LONG_FIX in json.dumps(data["mainEntity"]["acceptedAnswer"], ensure_ascii=False)


def test_staffs_resolution_note_is_what_fixed_it(app, client, people, make_complaint, make_answer):
    complaint = make_complaint(author=people["author"])
    fix = make_answer(complaint, author=people["staff"], body=LONG_FIX)
    mark(app, people["staff"], people["author"], fix)
    with app.app_context():
        resolution.change_status(
            fresh(people["staff"]), fresh(complaint), "resolved", note="Refund re-sent by hand."
        )
    box = box_of(page(client, complaint))
    assert "What fixed it:</span> Refund re-sent by hand." in box
    assert LONG_FIX.split()[3] not in box


def test_the_authors_own_note_is_not_taken_for_staffs(
    app, client, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    fix = make_answer(complaint, author=people["other"], body="Ask the bank for a trace.")
    mark(app, people["staff"], people["author"], fix, official=False)
    with app.app_context():
        resolution.change_status(
            fresh(people["author"]), fresh(complaint), "resolved", note="Sorted myself."
        )
    box = box_of(page(client, complaint))
    assert "Sorted myself." not in box and "Ask the bank for a trace." in box
    # Only accepted: the one badge that applies.
    assert "✓ Accepted solution</span>" in box and "badge-official" not in box
    assert "by other" in box


def test_an_official_answer_and_another_accepted_one_are_both_named(
    app, client, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    accepted = make_answer(complaint, author=people["other"], body="Reset the router.")
    official = make_answer(complaint, author=people["staff"], body="We are looking into it.")
    mark(app, people["staff"], people["author"], official, accepted=False)
    mark(app, people["staff"], people["author"], accepted, official=False)
    html = page(client, complaint)
    box = box_of(html)
    assert box.count("Official answer · Redress</span>") == 1
    assert box.count("Accepted solution</span>") == 1
    assert box.index("Reset the router.") < box.index("We are looking into it.")
    assert "Jump to the solution" in box and "Jump to the official answer" in box
    assert html.count("data-accepted-answer") == 1 and html.count("data-official-answer") == 1
    assert f'data-official-answer id="answer-{official.id}"' in html


def test_an_official_answer_alone_is_named_without_calling_it_a_solution(
    app, client, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    official = make_answer(complaint, author=people["staff"], body="We are on it.")
    mark(app, people["staff"], people["author"], official, accepted=False)
    box = box_of(page(client, complaint))
    assert ">Official answer</h2>" in box and "Accepted solution" not in box
    assert "Jump to the official answer" in box


def test_a_solution_on_another_page_is_marked_in_the_box_and_linked_there(
    app, client, people, make_complaint, make_answer
):
    app.config["ANSWERS_PAGE_SIZE"] = 2
    complaint = make_complaint(author=people["author"])
    for number in range(2):
        make_answer(complaint, author=people["other"], body=f"Tip number {number}.")
    fix = make_answer(complaint, author=people["staff"], body="The fix on page two.")
    mark(app, people["staff"], people["author"], fix)
    first = page(client, complaint)
    box = box_of(first)
    assert first.count("data-accepted-answer") == 1 and "data-accepted-answer" in box
    assert f'href="/complaints/{complaint.id}/{complaint.slug}?page=2#answer-{fix.id}"' in box
    second = page(client, complaint, "?page=2")
    assert second.count("data-accepted-answer") == 1
    assert "data-accepted-answer" not in box_of(second)
    assert f'data-accepted-answer id="answer-{fix.id}"' in second


def test_a_long_complaint_under_a_solution_is_collapsible_and_a_short_one_is_not(
    app, client, people, make_complaint, make_answer
):
    author = people["author"]
    long = make_complaint(author=author, body=LONG_COMPLAINT)
    short = make_complaint(author=author, title="A short complaint", body="No refund, weeks on.")
    unsolved = make_complaint(author=author, title="An unsolved complaint", body=LONG_COMPLAINT)
    for complaint in (long, short):
        fix = make_answer(complaint, author=people["staff"], body="Refund sent.")
        mark(app, people["staff"], people["author"], fix, official=False)
    html = page(client, long)
    text_id = f"complaint-{long.id}-text"
    assert f'class="prose prose-collapsed" id="{text_id}"' in html
    assert f'<a href="#{text_id}">Read the whole complaint</a>' in html
    # The whole text is in the page (cut short by CSS only on narrow screens).
    assert LONG_COMPLAINT in html
    for other in (short, unsolved):
        html = page(client, other)
        assert "prose-collapsed" not in html and "Read the whole complaint" not in html
    assert "data-solution" not in page(client, unsolved)


def menu_of(html, key):
    """The staff actions menu of one post (``complaint-<id>`` or ``answer-<id>``)."""
    assert html.count(f'data-post-menu="{key}"') == 1
    return html.split(f'data-post-menu="{key}"', 1)[1].split("</details>", 1)[0]


def test_staff_get_one_menu_per_post_with_only_what_applies(
    app, client, auth, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    plain = make_answer(complaint, author=people["other"], body="A plain answer.")
    reported = make_answer(complaint, author=people["other"], body="A reported answer.")
    hidden = make_answer(complaint, author=people["other"], body="A hidden answer.")
    with app.app_context():
        moderation.flag(fresh(people["author"]), "answer", reported.id, "off_topic")
        assert moderation.remove(fresh(people["staff"]), "answer", hidden.id, "hide", "spam")
    auth.login("nina")
    html = page(client, complaint)
    assert html.count(MENU) == 4  # the complaint and its three answers
    assert 'class="mod-actions" data-mod-actions' not in html  # no rows of buttons

    menu = menu_of(html, f"answer-{plain.id}")
    assert "<summary>Staff actions" in menu and "on the answer by other" in menu
    assert f'action="/mod/answer/{plain.id}/hide"' in menu
    assert f'formaction="/mod/answer/{plain.id}/delete"' in menu
    for absent in ("/dismiss", "/restore", "/approve", "report"):
        assert absent not in menu
    for name in ("csrf_token", "reason", "note", "next_url"):
        assert f'name="{name}"' in menu
    assert f'value="/complaints/{complaint.id}/{complaint.slug}#answer-{plain.id}"' in menu
    assert f'href="/mod/answer/{plain.id}/redact"' in menu
    assert f'href="/mod/answer/{plain.id}/edit"' in menu

    menu = menu_of(html, f"answer-{reported.id}")
    assert f'action="/mod/answer/{reported.id}/dismiss"' in menu
    assert "Dismiss 1 report (keep visible)" in menu and "/restore" not in menu

    menu = menu_of(html, f"answer-{hidden.id}")
    assert f'action="/mod/answer/{hidden.id}/restore"' in menu
    assert f'action="/mod/answer/{hidden.id}/delete"' in menu
    assert ">Hide</button>" not in menu and "/dismiss" not in menu

    menu = menu_of(html, f"complaint-{complaint.id}")
    assert "on the complaint" in menu
    assert f'action="/mod/complaint/{complaint.id}/hide"' in menu and "/restore" not in menu


def test_members_and_visitors_get_no_staff_menu(client, auth, people, make_complaint, make_answer):
    complaint = make_complaint(author=people["author"])
    make_answer(complaint, author=people["other"])
    assert MENU not in page(client, complaint)
    auth.login("author")
    html = page(client, complaint)
    assert MENU not in html and "/mod/" not in html
    assert "Accept as solution" in html


def test_the_staff_menu_posts_work_and_come_back_to_the_answer(
    app, client, auth, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["other"], body="Off topic stuff.")
    auth.login("nina")
    html = page(client, complaint)
    menu = menu_of(html, f"answer-{answer.id}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', menu).group(1)
    back = f"/complaints/{complaint.id}/{complaint.slug}#answer-{answer.id}"
    response = client.post(
        f"/mod/answer/{answer.id}/hide",
        data={"csrf_token": token, "reason": "off_topic", "note": "", "next_url": back},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(back)
    menu = menu_of(page(client, complaint), f"answer-{answer.id}")
    assert f'action="/mod/answer/{answer.id}/restore"' in menu and ">Hide</button>" not in menu
