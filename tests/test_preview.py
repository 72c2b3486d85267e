"""Markdown preview: the forms' Preview button (no JavaScript) and ``POST /preview`` (the
Write/Preview tabs), both through the sanitiser that posting uses, neither writing."""

import re
from html import unescape

import pytest
import sqlalchemy as sa

from forum import create_app, markup
from forum.accounts.models import User
from forum.complaints import services
from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.search.models import SearchOutbox
from tests.conftest import _PASSWORD_HASH, PASSWORD, TEST_CONFIG, _empty_tables
from tests.e2e.test_xss import Tags
from tests.xss_payloads import PAYLOADS

MARKDOWN = "The **drum** stopped.\n\n- tried a reset\n- tried [the manual](https://example.org/m)"


def panel(html):
    """The preview panel's HTML, or None."""
    found = re.search(r"<section class=\"preview-panel\".*?</section>", html, re.S)
    return found and found.group(0)


def assert_previewed(response):
    """The form came back, 200, with MARKDOWN rendered above it and kept in it."""
    assert response.status_code == 200
    assert "<strong>drum</strong>" in panel(response.text)
    assert textarea(response.text, "body") == MARKDOWN


def counts(app):
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Complaint, Answer, SearchOutbox)
        )


def textarea(html, name):
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, name
    return unescape(found.group(1)).lstrip("\r\n")


def test_the_new_complaint_forms_preview_button_shows_it_and_keeps_every_field(
    app, client, auth, make_user, make_category
):
    category = make_category()
    auth.login(make_user().username)
    before = counts(app)
    sent = {
        "title": "Washing machine drum stopped turning",
        "body": MARKDOWN,
        "category": str(category.id),
        "desired_outcome": "repair",
        "rating": "2",
        "review": "Slow service.",
        "private_details": "Order 12345",
        "preview": "1",
    }
    response = client.post("/complaints/new", data=sent)
    assert response.status_code == 200
    shown = panel(response.text)
    assert shown and "<strong>drum</strong>" in shown and "<li>tried a reset</li>" in shown
    assert markup.render(MARKDOWN) in shown
    assert counts(app) == before  # nothing posted, nothing queued
    html = response.text
    assert 'value="Washing machine drum stopped turning"' in html
    assert textarea(html, "body") == MARKDOWN
    assert textarea(html, "review") == "Slow service."
    assert textarea(html, "private_details") == "Order 12345"
    assert f'<option selected value="{category.id}">' in html
    assert '<option selected value="repair">' in html
    assert '<option selected value="2">' in html
    assert 'name="preview"' in html  # the button is there to preview again


def test_a_preview_of_an_unfinished_form_shows_no_errors(app, client, auth, make_user):
    auth.login(make_user().username)
    response = client.post("/complaints/new", data={"body": "Only *a start*", "preview": "1"})
    assert response.status_code == 200
    assert "<em>a start</em>" in panel(response.text)
    assert 'class="error"' not in response.text and "form-alert" not in response.text
    empty = client.post("/complaints/new", data={"body": "", "preview": "1"})
    assert "Nothing to preview yet." in panel(empty.text)


def test_the_answer_forms_preview_shows_the_thread_with_the_preview(
    app, client, auth, make_user, make_complaint
):
    complaint = make_complaint()
    auth.login(make_user().username)
    before = counts(app)
    response = client.post(
        f"/complaints/{complaint.id}/answers", data={"body": MARKDOWN, "preview": "1"}
    )
    assert_previewed(response)
    assert counts(app) == before
    assert f'id="complaint-{complaint.id}"' in response.text  # the thread, around the form


def test_the_edit_forms_preview_changes_nothing(
    app, client, auth, make_user, make_complaint, make_answer
):
    author = make_user()
    complaint = make_complaint(author=author)
    answer = make_answer(complaint, author=author, body="First version of the answer.")
    auth.login(author.username)
    response = client.post(
        f"/complaints/{complaint.id}/edit",
        data={"title": "A changed title here", "body": MARKDOWN, "preview": "1"},
    )
    assert response.status_code == 200
    assert "<strong>drum</strong>" in panel(response.text)
    assert 'value="A changed title here"' in response.text
    assert_previewed(
        client.post(f"/answers/{answer.id}/edit", data={"body": MARKDOWN, "preview": "1"})
    )
    with app.app_context():
        assert db.session.get(Complaint, complaint.id).title == complaint.title
        assert db.session.get(Complaint, complaint.id).edited_at is None
        assert db.session.get(Answer, answer.id).body_source == "First version of the answer."


def test_the_preview_endpoint_renders_markdown_as_json(client, auth, make_user):
    auth.login(make_user().username)
    response = client.post("/preview", data={"body": MARKDOWN})
    assert response.status_code == 200
    assert response.get_json() == {"html": markup.render(MARKDOWN)}
    assert client.post("/preview", data={}).get_json() == {"html": ""}


def test_the_preview_endpoint_is_for_members_and_posts_only(client):
    assert client.post("/preview", data={"body": "x"}).status_code in (302, 401)
    assert client.get("/preview").status_code == 405


def test_a_preview_longer_than_a_post_is_refused_with_a_message(client, auth, make_user):
    auth.login(make_user().username)
    too_long = "a" * (services.PREVIEW_MAX + 1)
    response = client.post("/preview", data={"body": too_long})
    assert response.status_code == 413
    assert "limited to 20,000 characters" in response.get_json()["error"]
    page = client.post("/complaints/new", data={"body": too_long, "preview": "1"})
    assert page.status_code == 413
    assert "limited to 20,000 characters" in page.text
    assert textarea(page.text, "body") == too_long  # kept


def _hostile_problems(html):
    return Tags(html).problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_both_previews_neutralise_hostile_markup(app, client, auth, make_user, payload):
    """Every payload comes out of both previews as harmless as it would be posted."""
    auth.login(make_user().username)
    html = client.post("/preview", data={"body": payload}).get_json()["html"]
    assert html == markup.render(payload)
    assert _hostile_problems(html) == [], html
    page = client.post("/complaints/new", data={"body": payload, "preview": "1"})
    assert page.status_code == 200
    assert _hostile_problems(panel(page.text)) == [], panel(page.text)


def _app_with_member(database_url, tmp_path, **config):
    """An app of its own (the suite's turns CSRF and rate limits off) with member "pia"."""
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **config})
    app.instance_path = str(tmp_path)
    with app.app_context():
        _empty_tables()
        db.session.add(User(username="pia", email="pia@example.org", password_hash=_PASSWORD_HASH))
        db.session.commit()
    return app


def test_previews_are_csrf_protected(_schema, tmp_path):
    app = _app_with_member(_schema, tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    login = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    signed = client.post("/login", data={"login": "pia", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 303
    assert client.post("/preview", data={"body": "*x*"}).status_code == 400
    refused = client.post("/complaints/new", data={"body": "*x*", "preview": "1"})
    assert refused.status_code == 400 and "form expired" in refused.text
    page = client.get("/complaints/new").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    ok = client.post("/preview", data={"body": "*x*"}, headers={"X-CSRFToken": token})
    assert ok.status_code == 200 and ok.get_json() == {"html": "<p><em>x</em></p>"}
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_previews_are_rate_limited(_schema, tmp_path):
    app = _app_with_member(
        _schema, tmp_path, RATELIMIT_ENABLED=True, PREVIEW_LIMIT_PER_MEMBER="2 per minute"
    )
    client = app.test_client()
    client.post("/login", data={"login": "pia", "password": PASSWORD})
    assert client.post("/preview", data={"body": "one"}).status_code == 200
    assert client.post("/complaints/new", data={"body": "two", "preview": "1"}).status_code == 200
    refused = client.post("/preview", data={"body": "three"})
    assert refused.status_code == 429
    assert "preview at most 2 times a minute" in refused.get_json()["error"]
    page = client.post("/complaints/new", data={"body": "four words here", "preview": "1"})
    assert page.status_code == 429
    assert "preview at most 2 times a minute" in page.text
    assert textarea(page.text, "body") == "four words here"
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_staff_edit_forms_preview_changes_nothing(app, client, auth, make_user, make_complaint):
    complaint = make_complaint()
    auth.login(make_user(role="staff").username)
    response = client.post(
        f"/mod/complaint/{complaint.id}/edit",
        data={"title": complaint.title, "body": MARKDOWN, "reason": "typo", "preview": "1"},
    )
    assert_previewed(response)
    with app.app_context():
        assert db.session.get(Complaint, complaint.id).body_source == complaint.body_source
        assert db.session.get(Complaint, complaint.id).edited_at is None
