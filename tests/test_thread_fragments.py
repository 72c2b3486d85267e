"""A member's thread page: answer blocks kept by version, the viewer's controls fresh."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from flask import url_for

from forum.complaints import services
from forum.moderation import services as moderation
from forum.pages import controls, fragments
from forum.resolution import services as resolution
from tests.conftest import Auth, fresh
from tests.test_seo_pages import thread_path

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def app(app):
    """The suite's app with the page cache on (conftest turns it off), no blocks kept yet."""
    app.config["PAGE_CACHE_ENABLED"] = True
    fragments.forget_answers()
    yield app
    fragments.forget_answers()


@pytest.fixture
def rendered(monkeypatch):
    """The answers whose block was rendered (not found in the store), in order."""
    seen = []
    render = fragments.render_answer

    def counting(answer, complaint):
        seen.append(answer.id)
        return render(answer, complaint)

    monkeypatch.setattr(fragments, "render_answer", counting)
    return seen


def signed_in(app, user):
    client = app.test_client()
    assert Auth(client).login(user.username).status_code in (302, 303)
    return client


def a_block(**changes):
    """An answer and its thread as the key function reads them, with ``changes``."""
    author = SimpleNamespace(id=7, username="priya", role="member", deleted_at=None)
    values = {
        "id": 3,
        "visibility": "visible",
        "moderation_reason": None,
        "moderated_at": None,
        "created_at": NOW - timedelta(hours=3),
        "edited_at": None,
        "language": "en",
        "body_html": "<p>Unplug it for a minute.</p>",
        "score": 2,
        "author": author,
    }
    thread = {"official_answer_id": None, "accepted_answer_id": None}
    for name, value in changes.items():
        if name.startswith("author_"):
            setattr(author, name[7:], value)
        elif name in thread:
            thread[name] = value
        else:
            values[name] = value
    return SimpleNamespace(**values), SimpleNamespace(**thread)


@pytest.mark.parametrize(
    "change",
    [
        {"id": 4},
        {"visibility": "hidden"},
        {"moderation_reason": "spam"},
        {"moderated_at": NOW},
        {"created_at": NOW - timedelta(hours=4)},
        {"edited_at": NOW},
        {"language": "de"},
        {"body_html": "<p>Unplug it for an hour.</p>"},
        {"official_answer_id": 3},
        {"accepted_answer_id": 3},
        {"author_id": 8},
        {"author_username": "priya_n"},
        {"author_role": "staff"},
        {"author_deleted_at": NOW},
        {"author": None},
    ],
    ids=lambda change: next(iter(change)),
)
def test_each_thing_an_answer_block_shows_changes_its_key(app, change):
    with app.test_request_context():
        before = fragments.answer_key(*a_block(), now=NOW)
        assert fragments.answer_key(*a_block(), now=NOW) == before
        after = fragments.answer_key(*a_block(**change), now=NOW)
    assert after != before
    assert after.startswith(f"answer:{change.get('id', 3)}:")


def test_an_answer_block_key_follows_the_release_the_age_text_but_not_the_score(app):
    answer, thread = a_block()
    with app.test_request_context():
        before = fragments.answer_key(answer, thread, now=NOW)
        # The score sits outside the block (the vote box): a vote keeps the block.
        assert fragments.answer_key(a_block(score=40)[0], thread, now=NOW) == before
        # "3 hours ago" is in the block: a minute later it still is, an hour later it is not.
        assert fragments.answer_key(answer, thread, now=NOW + timedelta(minutes=1)) == before
        assert fragments.answer_key(answer, thread, now=NOW + timedelta(hours=1)) != before
        # Settings that shape pages (and the release) are in the page cache's fingerprint.
        app.config["SITE_NAME"] = "Another forum"
        assert fragments.answer_key(answer, thread, now=NOW) != before


def test_a_member_sees_their_own_votes_while_the_answer_blocks_come_from_the_store(
    app, make_user, make_complaint, make_answer, rendered
):
    complaint = make_complaint()
    answer = make_answer(complaint, body="Unplug it for a minute, then plug it back in.")
    voter, other = make_user(), make_user()
    with app.app_context():
        services.vote_on_answer(fresh(voter), fresh(answer), 1)
    path = thread_path(complaint)

    voter_page = signed_in(app, voter).get(path).text
    assert rendered == [answer.id]
    other_page = signed_in(app, other).get(path).text
    assert rendered == [answer.id]  # the second member's page reused the block

    active = 'class="arrow is-active" type="submit" aria-pressed="true" aria-label="Helpful"'
    assert active in voter_page
    assert active not in other_page
    assert 'aria-pressed="false" aria-label="Helpful"' in other_page
    voter_token = TOKEN.search(voter_page).group(1)
    assert voter_token not in other_page
    assert TOKEN.search(other_page).group(1) != voter_token
    assert "<p>Unplug it for a minute, then plug it back in.</p>" in other_page


def test_the_visitor_and_a_member_get_the_same_answer_markup(
    app, client, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    answer = make_answer(complaint, body="Ask for the **service report** in writing.")
    member_page = signed_in(app, make_user()).get(thread_path(complaint)).text
    visitor_page = client.get(thread_path(complaint)).text
    with app.test_request_context():
        opening, body = fragments.render_answer(fresh(answer), fresh(complaint))
    assert "<strong>service report</strong>" in body
    for part in (opening, body):
        assert part in member_page
        assert part in visitor_page


def test_an_edit_a_hide_and_an_accept_show_at_once(
    app, make_user, make_complaint, make_answer, rendered
):
    staff = make_user(role="staff")
    complaint = make_complaint()
    author = make_user()
    answer = make_answer(complaint, author=author, body="Reset it with the button at the back.")
    path = thread_path(complaint)
    staff_client = signed_in(app, staff)
    assert "Reset it with the button" in staff_client.get(path).text

    with app.app_context():
        services.edit_answer(fresh(author), fresh(answer), "Reset it with the switch inside.")
    page = staff_client.get(path).text
    assert "Reset it with the switch inside." in page
    assert "Reset it with the button" not in page

    with app.app_context():
        resolution.accept_answer(fresh(complaint.author), fresh(answer), accept=True)
    page = staff_client.get(path).text
    assert "post-accepted" in page
    assert '<span class="badge badge-solved">✓ Accepted solution</span>' in page

    with app.app_context():
        moderation.remove(fresh(staff), "answer", answer.id, "hide", "off_topic")
    page = staff_client.get(path).text
    assert "Not public: hidden by staff (off-topic)" in page
    assert len(rendered) == 4  # each change a new block, nothing else rendered again


def test_with_the_page_cache_off_no_block_is_kept(
    app, make_user, make_complaint, make_answer, rendered
):
    app.config["PAGE_CACHE_ENABLED"] = False
    complaint = make_complaint()
    first, second = make_answer(complaint), make_answer(complaint)
    member = signed_in(app, make_user())
    for _ in range(2):
        assert member.get(thread_path(complaint)).status_code == 200
    assert rendered == [first.id, second.id] * 2


def test_controls_build_the_same_paths_as_url_for(app):
    with app.test_request_context():
        for endpoint in (
            "complaints.vote_answer",
            "complaints.edit_answer",
            "moderation.flag_answer",
            "resolution.accept",
            "resolution.official",
        ):
            path = controls.id_path(endpoint)
            assert path(1) == url_for(endpoint, answer_id=1)
            assert path(123456) == url_for(endpoint, answer_id=123456)


def test_controls_say_what_each_viewer_may_do_with_each_answer(
    app, make_user, make_complaint, make_answer
):
    author = make_user()
    staff = make_user(role="staff")
    complaint = make_complaint(author=author)
    own = make_answer(complaint, author=author)
    staffs = make_answer(complaint, author=staff, body="We have sent a replacement.")
    with app.test_request_context():
        thread = fresh(complaint)
        page = SimpleNamespace(page=1, items=[fresh(own), fresh(staffs)])
        mine = controls.controls(fresh(author), thread, page, {staffs.id: -1})
        theirs = controls.controls(fresh(staff), thread, page, {})
    assert mine[own.id].edit_url and not mine[own.id].vote_url and not mine[own.id].flag_url
    assert mine[staffs.id].vote_url and mine[staffs.id].my_vote == -1
    assert mine[staffs.id].flag_url and not mine[staffs.id].edit_url
    assert mine[own.id].accept_url and not mine[staffs.id].official_url
    assert theirs[staffs.id].official_url and not theirs[own.id].official_url
    assert mine[own.id].link.endswith(f"#answer-{own.id}")
