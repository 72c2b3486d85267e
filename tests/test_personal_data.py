"""The personal-data guard: warn before publishing contact data, move or remove it."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from forum.complaints.models import Answer, Complaint
from forum.complaints.personal_data import find
from forum.extensions import db
from tests.conftest import fresh


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("mail me at anna.k@example.com please", "email", "anna.k@example.com"),
        ("call +46 70 123 45 67 after six", "phone", "+46 70 123 45 67"),
        ("ring 070-123 45 67", "phone", "070-123 45 67"),
        ("card 4111 1111 1111 1111 was charged twice", "card", "4111 1111 1111 1111"),
        ("Order BW-2026-118734 never came", "order", "BW-2026-118734"),
        ("Bestellnummer: 55120339 fehlt", "order", "55120339"),
        ("订单号 20260512889 没有发货", "order", "20260512889"),
    ],
)
def test_finds_personal_data(text, kind, found):
    assert [(f.kind, f.text) for f in find(text)] == [(kind, found)]


@pytest.mark.parametrize(
    "text",
    [
        "on 2026-05-03 I paid 1 500 kr",
        "CoolMax 320 since 12 May",
        "app version 5.3.1",
        "4111 1111 1111 1112 fails the Luhn check",
    ],  # fmt: skip
)
def test_ordinary_text_is_not_flagged(text):
    assert find(text) == []


def complaint_data(category, body):
    return {"title": "Fridge delivered broken, nobody calls", "body": body,
            "category": str(category.id), "desired_outcome": "refund", "rating": "",
            "review": "", "private_details": ""}  # fmt: skip


def test_new_complaint_warns_and_moves_personal_data_to_private_details(
    client, auth, make_user, make_category, app
):
    make_user("maria")
    category = make_category()
    auth.login("maria")
    body = "The fridge came broken. Call me on +46 70 123 45 67 about order BW-2026-118734."
    warned = client.post("/complaints/new", data=complaint_data(category, body))
    assert warned.status_code == 422  # not published: the form comes back
    html = warned.get_data(as_text=True)
    assert "looks like personal data" in html and "+46 70 123 45 67" in html
    assert body in html  # nothing typed is lost
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 0
    moved = client.post(
        "/complaints/new", data={**complaint_data(category, body), "personal_data": "move"}
    )
    assert moved.status_code == 303
    with app.app_context():
        complaint = db.session.scalar(sa.select(Complaint))
        assert "+46 70 123 45 67" not in complaint.body_source
        assert "BW-2026-118734" not in complaint.body_html
        assert "+46 70 123 45 67" in complaint.private_details
        assert "BW-2026-118734" in complaint.private_details
    public = client.get(moved.headers["Location"])
    auth.logout()
    assert "+46 70" not in client.get(moved.headers["Location"]).get_data(as_text=True)
    assert public.status_code == 200


def test_publish_as_written_keeps_the_text(client, auth, make_user, make_category, app):
    make_user("maria")
    category = make_category()
    auth.login("maria")
    body = "Write to me at maria@example.org, the store never answers my calls."
    response = client.post(
        "/complaints/new", data={**complaint_data(category, body), "personal_data": "keep"}
    )
    assert response.status_code == 303
    with app.app_context():
        assert "maria@example.org" in db.session.scalar(sa.select(Complaint.body_source))


def test_answers_offer_to_remove_personal_data(client, auth, make_user, make_complaint, app):
    complaint = make_complaint()
    make_user("helper")
    auth.login("helper")
    url = f"/complaints/{complaint.id}/answers"
    body = "Email the manager directly: boss@shop.example.com worked for me."
    warned = client.post(url, data={"body": body})
    assert warned.status_code == 422
    assert "looks like it contains personal data" in warned.get_data(as_text=True)
    assert client.post(url, data={"body": body, "personal_data": "remove"}).status_code == 303
    with app.app_context():
        saved = db.session.scalar(sa.select(Answer.body_source))
    assert "boss@shop.example.com" not in saved and "[removed]" in saved


def test_the_review_is_checked_too(client, auth, make_user, make_category, app):
    make_user("maria")
    category = make_category()
    auth.login("maria")
    data = {**complaint_data(category, "The fridge came broken and nobody answers."),
            "rating": "1", "review": "Awful. Text me on 070-123 45 67 if you care."}  # fmt: skip
    warned = client.post("/complaints/new", data=data)
    assert warned.status_code == 422
    html = warned.get_data(as_text=True)
    assert "looks like personal data" in html and "070-123 45 67" in html
    assert "Awful. Text me on" in html  # the review as typed is still in the form
    assert client.post("/complaints/new", data={**data, "personal_data": "move"}).status_code == 303
    with app.app_context():
        complaint = db.session.scalar(sa.select(Complaint))
        assert "070-123" not in complaint.review
        assert "[moved to private details]" in complaint.review
        assert "070-123 45 67" in complaint.private_details


def test_editing_a_complaint_warns_and_moves_personal_data(
    client, auth, make_user, make_complaint, app
):
    author = make_user("maria")
    complaint = make_complaint(author=author, title="Fridge delivered broken, nobody calls")
    auth.login("maria")
    url = f"/complaints/{complaint.id}/edit"
    body = "Still broken. Reach me at maria@example.org about order BW-2026-118734."
    data = {**complaint_data(SimpleNamespace(id=complaint.category_id), body),
            "private_details": "Delivery slot 3"}  # fmt: skip
    warned = client.post(url, data=data)
    assert warned.status_code == 422
    html = warned.get_data(as_text=True)
    assert "looks like personal data" in html and "maria@example.org" in html
    assert "Move to private details and save" in html and "Save as written" in html
    assert body in html and "Delivery slot 3" in html  # nothing typed is lost
    with app.app_context():
        assert "maria@example.org" not in fresh(complaint).body_source  # nothing saved yet

    assert client.post(url, data={**data, "personal_data": "move"}).status_code == 303
    with app.app_context():
        saved = fresh(complaint)
        assert "maria@example.org" not in saved.body_source
        assert "BW-2026-118734" not in saved.body_html
        assert saved.private_details.startswith("Delivery slot 3\n")
        assert "maria@example.org" in saved.private_details

    kept = client.post(url, data={**data, "personal_data": "keep"})
    assert kept.status_code == 303
    with app.app_context():
        assert "maria@example.org" in fresh(complaint).body_source


def test_editing_an_answer_offers_to_remove_personal_data(
    client, auth, make_user, make_complaint, make_answer, app
):
    helper = make_user("helper")
    answer = make_answer(make_complaint(), author=helper, body="Ask the shop for a refund.")
    auth.login("helper")
    url = f"/answers/{answer.id}/edit"
    body = "Ring their manager on +46 70 123 45 67, that worked for me."
    warned = client.post(url, data={"body": body})
    assert warned.status_code == 422
    html = warned.get_data(as_text=True)
    assert "looks like it contains personal data" in html and "+46 70 123 45 67" in html
    assert body in html  # the answer as typed is still in the form
    with app.app_context():
        assert fresh(answer).body_source == "Ask the shop for a refund."
    assert client.post(url, data={"body": body, "personal_data": "remove"}).status_code == 303
    with app.app_context():
        saved = fresh(answer).body_source
    assert "+46 70" not in saved and "[removed]" in saved
