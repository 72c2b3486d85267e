"""Posting, reading and editing complaints and answers."""

import pytest
import sqlalchemy as sa

from forum.complaints.models import Answer, Category, Complaint
from forum.extensions import db


def complaint_form(chosen, **overrides):
    data = {
        "title": "Dishwasher shows error E24 after two weeks",
        "body": "The BW dishwasher stops mid-cycle with E24. I cleaned the filter twice.",
        "category": str(chosen.id),
        "desired_outcome": "repair",
        "rating": "2",
        "review": "Slow support so far.",
        "private_details": "Order BW-2026-118734, phone +46 70 123 45 67",
    }
    data.update(overrides)
    return data


def test_member_posts_a_complaint_and_lands_on_its_canonical_page(
    client, auth, make_user, make_category, app
):
    make_user("maria")
    category = make_category()
    auth.login("maria")
    response = client.post("/complaints/new", data=complaint_form(category))
    assert response.status_code == 303
    with app.app_context():
        complaint = db.session.scalar(sa.select(Complaint))
        assert complaint.slug == "dishwasher-shows-error-e24-after-two-weeks"
        assert complaint.rating == 2
        assert db.session.get(Category, category.id).complaint_count == 1
    assert response.headers["Location"] == f"/complaints/{complaint.id}/{complaint.slug}"
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'id="complaint-{complaint.id}"' in html
    assert 'data-rating="2"' in html
    assert 'data-status="open"' in html


def test_posting_requires_sign_in(client):
    response = client.get("/complaints/new")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Too short", "The title must be 10 to 150"),
        ("title", "x" * 151, "The title must be 10 to 150"),
        ("body", "Too short body", "The description must be 20 to 20,000"),
        ("body", "x" * 20_001, "The description must be 20 to 20,000"),
        ("desired_outcome", "revenge", "Choose the outcome you want"),
        ("category", "999999", "Choose a category"),
        ("rating", "7", "A rating is 1 to 5 stars"),
    ],
)
def test_invalid_complaint_is_refused_and_nothing_typed_is_lost(
    client, auth, make_user, make_category, app, field, value, message
):
    make_user("maria")
    category = make_category()
    auth.login("maria")
    data = complaint_form(category, **{field: value})
    response = client.post("/complaints/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "I cleaned the filter twice" in html or field == "body"
    assert "Order BW-2026-118734" in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 0


def test_short_id_and_wrong_slug_answer_301_to_the_canonical_url(client, make_complaint):
    complaint = make_complaint()
    canonical = f"/complaints/{complaint.id}/{complaint.slug}"
    for path in (f"/complaints/{complaint.id}", f"/complaints/{complaint.id}/wrong-slug"):
        response = client.get(path)
        assert response.status_code == 301
        assert response.headers["Location"] == canonical


@pytest.mark.parametrize(
    "path",
    [
        "/complaints/999999",
        "/complaints/999999/some-slug",
        "/complaints/99999999999999999999999",
        "/complaints/99999999999999999999999/x",
        "/complaints/0",
        "/complaints/-1",
        "/complaints/abc",
        "/complaints/1.5",
        "/answers/99999999999999999999999/edit",
        "/c/no-such-category",
        "/complaints?category=no-such-category",
    ],
)
def test_unknown_or_malformed_ids_are_404(client, make_complaint, path):
    make_complaint()
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_markdown_is_rendered_and_sanitised(client, make_complaint):
    complaint = make_complaint(
        body="**Bold** claim with <script>alert(1)</script> and [a link](https://shop.example)"
    )
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def test_private_details_are_shown_only_to_author_and_staff(
    client, auth, make_user, make_complaint
):
    author = make_user("owner")
    make_user("neighbour")
    make_user("helpdesk", role="staff")
    secret = "Order BW-SECRET-4242"
    complaint = make_complaint(author=author, private_details=secret)
    url = f"/complaints/{complaint.id}/{complaint.slug}"

    assert secret not in client.get(url).get_data(as_text=True)
    assert secret not in client.get("/complaints").get_data(as_text=True)
    assert secret not in client.get("/").get_data(as_text=True)
    for login, sees in (("neighbour", False), ("owner", True), ("helpdesk", True)):
        auth.login(login)
        assert (secret in client.get(url).get_data(as_text=True)) is sees, login
        assert secret not in client.get("/complaints").get_data(as_text=True)
        auth.logout()


def test_author_edits_own_complaint_and_thread_shows_edited(
    client, auth, make_user, make_complaint, app
):
    author = make_user("owner")
    complaint = make_complaint(author=author)
    auth.login("owner")
    form = client.get(f"/complaints/{complaint.id}/edit")
    assert form.status_code == 200
    assert complaint.body_source in form.get_data(as_text=True)
    response = client.post(
        f"/complaints/{complaint.id}/edit",
        data=complaint_form(
            complaint.category, title="Fridge stopped cooling, still no reply", rating=""
        ),
    )
    assert response.status_code == 303
    with app.app_context():
        edited = db.session.get(Complaint, complaint.id)
        assert edited.title == "Fridge stopped cooling, still no reply"
        assert edited.rating is None
        assert edited.edited_at is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "edited" in page


def test_others_cannot_edit_a_complaint(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    make_user("stranger")
    auth.login("stranger")
    assert client.get(f"/complaints/{complaint.id}/edit").status_code == 403
    response = client.post(
        f"/complaints/{complaint.id}/edit", data=complaint_form(complaint.category)
    )
    assert response.status_code == 403


def test_member_answers_a_complaint(client, auth, make_user, make_complaint, app):
    complaint = make_complaint()
    make_user("helper")
    auth.login("helper")
    response = client.post(
        f"/complaints/{complaint.id}/answers", data={"body": "Reset the hub with the pin."}
    )
    assert response.status_code == 303
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer))
        assert db.session.get(Complaint, complaint.id).answer_count == 1
    assert response.headers["Location"].endswith(f"#answer-{answer.id}")
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    assert f'id="answer-{answer.id}"' in html
    assert "Reset the hub with the pin." in html


@pytest.mark.parametrize(("body", "message"), [("x", "2 to 20,000"), ("y" * 20_001, "2 to 20,000")])
def test_invalid_answer_re_renders_the_thread_with_the_text_kept(
    client, auth, make_user, make_complaint, body, message
):
    complaint = make_complaint()
    make_user("helper")
    auth.login("helper")
    response = client.post(f"/complaints/{complaint.id}/answers", data={"body": body})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert body[:50] in html


def test_staff_posts_carry_a_staff_badge(client, make_user, make_complaint, make_answer):
    staff = make_user("nina", role="staff")
    complaint = make_complaint()
    make_answer(complaint, author=staff, body="We are sorry, a replacement is on the way.")
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    assert 'class="badge badge-staff"' in html
    assert "post-staff" in html


def test_author_edits_own_answer_but_not_others(
    client, auth, make_user, make_complaint, make_answer, app
):
    complaint = make_complaint()
    helper = make_user("helper")
    answer = make_answer(complaint, author=helper)
    make_user("other")
    auth.login("other")
    assert client.post(f"/answers/{answer.id}/edit", data={"body": "hijack"}).status_code == 403
    auth.logout()
    auth.login("helper")
    response = client.post(f"/answers/{answer.id}/edit", data={"body": "Updated advice."})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Answer, answer.id).body_source == "Updated advice."


def test_thread_answers_are_paginated(client, app, make_complaint, make_answer, make_user):
    app.config["ANSWERS_PAGE_SIZE"] = 3
    complaint = make_complaint()
    helper = make_user()
    answers = [make_answer(complaint, author=helper, body=f"Answer number {n}") for n in range(5)]
    url = f"/complaints/{complaint.id}/{complaint.slug}"
    first = client.get(url).get_data(as_text=True)
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert f"answer-{answers[0].id}" in first and f"answer-{answers[3].id}" not in first
    assert f"answer-{answers[3].id}" in second and f"answer-{answers[4].id}" in second
    assert client.get(url + "?page=3").status_code == 404
