"""What assistive technology reads from the pages: form fields marked invalid only when they
are, descriptions that point at text on the page, labelled answers and landmarks, and one
one solution box for an answer that is both official and accepted. (The browser tests run
axe-core and the Nu Html Checker over the same pages: tests/e2e/test_accessibility.py.)"""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from forum.complaints.models import Answer
from forum.extensions import db
from forum.resolution import services as resolution
from tests.conftest import fresh


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the ids on the page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.ids = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])

    def named(self, name):
        """The form control with this ``name`` attribute."""
        (found,) = [
            attrs
            for tag, attrs in self.elements
            if tag in ("input", "select", "textarea") and attrs.get("name") == name
        ]
        return found

    def having(self, attribute):
        return [(tag, attrs) for tag, attrs in self.elements if attribute in attrs]


def elements(response):
    return Elements(response.get_data(as_text=True))


def test_empty_forms_mark_no_field_invalid_and_describe_fields_by_their_hints(
    client, auth, make_user, make_category
):
    make_category()
    pages = [elements(client.get("/login")), elements(client.get("/register"))]
    make_user("writer")
    auth.login("writer")
    pages.append(elements(client.get("/complaints/new")))
    for page in pages:
        assert page.having("aria-invalid") == []
        for tag, attrs in page.having("aria-describedby"):
            for target in attrs["aria-describedby"].split():
                assert target in page.ids, (tag, attrs)
    new = pages[2]
    assert new.named("title")["aria-describedby"] == "title-hint"
    assert "aria-describedby" not in new.named("category")  # it has no hint
    for name in ("body", "category", "desired_outcome", "rating", "review"):
        assert "autocomplete" not in new.named(name), name
    assert pages[0].named("login")["autocomplete"] == "username"


def test_a_failed_sign_in_marks_only_the_fields_with_errors_and_points_at_the_errors(client):
    page = elements(client.post("/login", data={"login": "", "password": "x"}))
    login = page.named("login")
    assert login["aria-invalid"] == "true"
    assert login["aria-describedby"] == "login-error"
    assert "login-error" in page.ids
    assert "aria-invalid" not in page.named("remember")


def test_a_failed_registration_keeps_hints_and_errors_in_the_description(client):
    page = elements(
        client.post("/register", data={"username": "a", "email": "x@example.org", "password": ""})
    )
    username = page.named("username")
    assert username["aria-invalid"] == "true"
    assert username["aria-describedby"] == "username-hint username-error"
    assert {"username-hint", "username-error"} <= page.ids
    assert "aria-invalid" not in page.named("email")
    assert page.named("password")["aria-invalid"] == "true"


def test_a_page_rendering_an_attribute_as_none_fails_the_test_and_is_named():
    site = Flask(__name__)

    @site.get("/broken")
    def broken():
        return '<input name="q" aria-invalid="None" autocomplete="None">'

    @site.get("/fine")
    def fine():
        return "<p>Nothing was left as None.</p>"

    client = site.test_client()
    assert client.get("/fine").status_code == 200
    with pytest.raises(pytest.fail.Exception) as failure:
        client.get("/broken?page=2")
    message = str(failure.value)
    assert "GET /broken?page=2 (200)" in message
    assert "aria-invalid, autocomplete" in message


def test_a_page_repeating_an_id_fails_the_test_and_is_named():
    site = Flask(__name__)

    @site.get("/twice")
    def twice():
        return '<form><input id="csrf_token"></form><form><input id="csrf_token"></form>'

    @site.get("/text")
    def text():  # an id written out in text is not markup
        return '<p id="a">Write id="a" in the form.</p><pre>id="a"</pre>'

    client = site.test_client()
    assert client.get("/text").status_code == 200
    with pytest.raises(pytest.fail.Exception) as failure:
        client.get("/twice")
    assert "GET /twice (200) repeats ids: csrf_token" in str(failure.value)


def test_pages_with_several_forms_give_each_form_its_token_without_an_id(
    client, auth, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    make_answer(complaint, author=make_user("helper"))
    make_user("nina", role="staff")
    auth.login("nina")
    page = elements(client.get(f"/complaints/{complaint.id}/{complaint.slug}"))
    tokens = [attrs for tag, attrs in page.elements if attrs.get("name") == "csrf_token"]
    forms = [attrs for tag, attrs in page.elements if tag == "form" and attrs["method"] == "post"]
    assert len(tokens) == len(forms) > 10  # staff tools, moderation buttons, votes
    assert all("id" not in attrs and attrs["value"] for attrs in tokens)


def test_a_refused_status_change_lands_on_its_message(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    make_user("nina", role="staff")
    auth.login("nina")
    response = client.post(f"/complaints/{complaint.id}/status", data={"status": "open"})
    assert response.status_code == 422
    page = elements(response)
    (form,) = [attrs for tag, attrs in page.elements if "status-form" in attrs.get("class", "")]
    assert form["action"].endswith("#status-heading")
    panel = response.text.split('id="status-heading"', 1)[1].split("</form>", 1)[0]
    assert "Nothing changed" in panel


def test_the_review_prompt_keeps_its_form_out_of_a_paragraph(
    app, client, auth, make_user, make_complaint
):
    author = make_user("author")
    staff = make_user("nina", role="staff")
    complaint = make_complaint(author=author, rating=1)
    with app.app_context():
        from forum.complaints.models import Complaint

        resolution.change_status(fresh(staff), db.session.get(Complaint, complaint.id), "resolved")
    auth.login("author")
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    prompt = html.split('class="callout callout-review"', 1)[1].split("</div>\n", 1)[0]
    assert "Leave it as it is" in prompt
    assert '<p class="actions-row">' not in prompt
    paragraphs = prompt.split("<p")
    assert all("<form" not in p.split("</p>", 1)[0] for p in paragraphs[1:])


def test_sign_in_links_come_back_to_the_page_without_a_stray_question_mark(client, make_complaint):
    complaint = make_complaint()
    path = f"/complaints/{complaint.id}/{complaint.slug}"
    for url, expected in ((path, path), ("/complaints?sort=new", "/complaints?sort=new")):
        links = [
            attrs["href"]
            for tag, attrs in elements(client.get(url)).elements
            if tag == "a" and attrs.get("href", "").startswith("/login?")
        ]
        assert links, url
        for link in links:
            assert parse_qs(urlsplit(link).query) == {"next": [expected]}, link


def test_answers_are_articles_named_by_a_heading_and_scores_say_what_they_are(
    client, auth, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    answer = make_answer(complaint, author=make_user("helper"))
    path = f"/complaints/{complaint.id}/{complaint.slug}"
    for signed_in in (False, True):
        if signed_in:
            make_user("reader")
            auth.login("reader")
        response = client.get(path)
        html = response.get_data(as_text=True)
        page = elements(response)
        (article,) = [attrs for tag, attrs in page.elements if tag == "article" and "id" in attrs]
        assert article["id"] == f"answer-{answer.id}"
        heading = article["aria-labelledby"]
        assert f'<h3 class="visually-hidden" id="{heading}">Answer by helper</h3>' in html
        assert [attrs for tag, attrs in page.having("aria-label") if tag in ("span", "p")] == []
        assert '<span class="visually-hidden">Score </span>' in html


def test_the_search_page_labels_its_two_search_landmarks_apart(client):
    page = elements(client.get("/search?q=fridge"))
    labels = [
        attrs.get("aria-label") for tag, attrs in page.elements if attrs.get("role") == "search"
    ]
    assert len(labels) == 2
    assert all(labels) and len(set(labels)) == 2, labels


@pytest.fixture
def official_solution(app, make_user, make_complaint, make_answer):
    """A thread whose staff answer is both official and the accepted solution."""
    author = make_user("author")
    staff = make_user("nina", role="staff")
    complaint = make_complaint(author=author)
    make_answer(complaint, author=make_user("other"), body="A customer tip.")
    answer = make_answer(complaint, author=staff, body="We are sending a new lid today.")
    with app.app_context():
        resolution.mark_official(fresh(staff), db.session.get(Answer, answer.id))
        resolution.accept_answer(fresh(author), db.session.get(Answer, answer.id))
    return complaint, answer


def test_an_official_accepted_answer_is_named_once_with_both_badges(client, official_solution):
    complaint, answer = official_solution
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    body = html.split("<body", 1)[1]
    # Its text in full once, in the list of answers; the box under the title names it.
    assert body.count("<p>We are sending a new lid today.</p>") == 1
    page = Elements(body)
    (marked,) = [attrs for tag, attrs in page.elements if "data-official-answer" in attrs]
    assert "data-accepted-answer" in marked and marked["id"] == f"answer-{answer.id}"
    assert len(page.having("data-accepted-answer")) == 1
    ((_tag, box),) = page.having("data-solution")
    assert box["aria-labelledby"] == "solution-heading" and "solution-heading" in page.ids
    block = body.split("data-solution", 1)[1].split("</section>", 1)[0]
    assert block.count("Official answer · Redress</span>") == 1
    assert block.count("✓ Accepted solution</span>") == 1
    assert "from nina" in block and "Jump to the solution" in block
