"""Editing an answer: photos added and taken off with the edit, refused with the text kept."""

import io

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.complaints.models import Answer
from forum.extensions import db
from forum.media import services as media
from forum.media.models import Photo
from tests import media_files as files
from tests.conftest import fresh
from tests.test_media_answers import answer
from tests.test_media_uploads import stored_files

EDITED = "Mine did the same; the shop swapped it. Edited: photos of the new one below."


def edit(client, answer_id, photos=(), alts=None, body=EDITED, **extra):
    if alts is None:
        alts = [f"New photo {i}" for i in range(len(photos))]
    data = {
        "body": body,
        "photos": [(io.BytesIO(data), name, "image/jpeg") for name, data in photos],
        "photo_alt": alts,
        **extra,
    }
    return client.post(f"/answers/{answer_id}/edit", data=data, content_type="multipart/form-data")


def answer_photos(app, answer_id):
    with app.app_context():
        return db.session.scalars(
            sa.select(Photo).where(Photo.answer_id == answer_id).order_by(Photo.position, Photo.id)
        ).all()


def answer_body(app, answer_id):
    with app.app_context():
        return db.session.get(Answer, answer_id).body_source


@pytest.fixture
def answered(app, client, auth, make_user, make_complaint):
    """A member's answer with ``photos`` photos, posted through the form; that member is
    signed in. Returns (answer id, its photos, the complaint)."""

    def post(photos=2):
        complaint = make_complaint()
        answered.author = make_user()
        auth.login(answered.author.username)
        sent = [(f"answer-{i}.jpg", files.jpeg((400 + i, 300))) for i in range(photos)]
        assert answer(client, complaint, photos=sent).status_code == 303
        with app.app_context():
            answer_id = db.session.scalar(
                sa.select(Answer.id).where(Answer.complaint_id == complaint.id)
            )
        return answer_id, answer_photos(app, answer_id), complaint

    return post


def test_the_author_adds_a_photo_to_an_answer_and_takes_one_off(app, client, answered):
    answer_id, (first, second), complaint = answered(photos=2)
    page = client.get(f"/answers/{answer_id}/edit").text
    assert 'enctype="multipart/form-data"' in page
    assert f'name="remove_photo" value="{first.id}"' in page
    assert page.count('name="photos"') == 4  # six at most, two there
    assert 'name="evidence"' not in page  # evidence belongs to complaints
    response = edit(
        client, answer_id, photos=[("third.jpg", files.jpeg())], remove_photo=[str(first.id)]
    )
    assert response.status_code == 303
    kept = answer_photos(app, answer_id)
    assert [p.alt_text for p in kept] == [second.alt_text, "New photo 0"]
    assert kept[1].position > kept[0].position
    assert kept[1].complaint_id == complaint.id
    assert answer_body(app, answer_id) == EDITED
    stored = stored_files(app)
    assert first.display_key not in stored and first.thumb_key not in stored
    assert kept[1].display_key in stored and kept[1].thumb_key in stored
    page = client.get(f"/complaints/{complaint.id}/{complaint.slug}").text
    block = page[page.index(f'id="answer-{answer_id}"') :]
    assert 'alt="New photo 0"' in block
    assert f'alt="{first.alt_text}"' not in page


def test_an_answer_without_photos_gets_its_first_on_edit(app, client, answered):
    answer_id, photos, _complaint = answered(photos=0)
    assert photos == []
    assert client.get(f"/answers/{answer_id}/edit").text.count('name="photos"') == 6
    response = edit(client, answer_id, photos=[("first.jpg", files.jpeg())])
    assert response.status_code == 303
    assert [p.alt_text for p in answer_photos(app, answer_id)] == ["New photo 0"]


def test_a_seventh_photo_on_an_answer_is_refused_with_the_text_kept(app, client, answered):
    answer_id, photos, _complaint = answered(photos=6)
    assert 'name="photos"' not in client.get(f"/answers/{answer_id}/edit").text  # no slot left
    before = stored_files(app)
    response = edit(client, answer_id, photos=[("seventh.jpg", files.jpeg())])
    assert response.status_code == 422
    assert "at most 6 photos" in response.text
    assert "Edited: photos of the new one below." in response.text
    assert len(answer_photos(app, answer_id)) == 6
    assert stored_files(app) == before  # nothing new stored
    assert answer_body(app, answer_id) != EDITED


def test_taking_one_off_makes_room_for_another(app, client, answered):
    answer_id, photos, _complaint = answered(photos=6)
    response = edit(
        client, answer_id, photos=[("swap.jpg", files.jpeg())], remove_photo=[str(photos[0].id)]
    )
    assert response.status_code == 303
    kept = answer_photos(app, answer_id)
    assert len(kept) == 6 and kept[-1].alt_text == "New photo 0"


def test_a_refused_file_on_an_answer_edit_names_it_and_keeps_the_text(app, client, answered):
    answer_id, photos, _complaint = answered(photos=1)
    before = stored_files(app)
    response = edit(client, answer_id, photos=[("../../x.jpg", files.SVG)], alts=["My drawing"])
    assert response.status_code == 422
    assert "“x.jpg”: Upload a PNG, JPEG or WebP image" in response.text
    assert "Edited: photos of the new one below." in response.text
    assert 'value="My drawing"' in response.text
    assert "choose your photos and evidence again" in response.text
    assert [p.id for p in answer_photos(app, answer_id)] == [photos[0].id]
    assert stored_files(app) == before
    assert answer_body(app, answer_id) != EDITED


def test_a_photo_added_on_edit_needs_a_description(app, client, answered):
    answer_id, _photos, _complaint = answered(photos=0)
    response = edit(client, answer_id, photos=[("shelf.jpg", files.jpeg())], alts=[""])
    assert response.status_code == 422
    assert "“shelf.jpg”: describe what the photo shows" in response.text
    assert "Edited: photos of the new one below." in response.text
    assert answer_photos(app, answer_id) == []
    assert stored_files(app) == []


def test_another_member_cannot_change_an_answers_photos(app, client, auth, make_user, answered):
    answer_id, (photo,), _complaint = answered(photos=1)
    auth.logout()
    auth.login(make_user().username)
    assert client.get(f"/answers/{answer_id}/edit").status_code == 403
    response = edit(
        client, answer_id, photos=[("mine.jpg", files.jpeg())], remove_photo=[str(photo.id)]
    )
    assert response.status_code == 403
    assert [p.id for p in answer_photos(app, answer_id)] == [photo.id]


def test_an_edit_cannot_take_off_another_posts_photo(app, client, answered):
    """A photo id of the complaint (or another answer) in ``remove_photo`` is ignored."""
    answer_id, _photos, complaint = answered(photos=1)
    with app.test_request_context():
        author = db.session.get(User, complaint.author_id)
        uploads = media.check_uploads(photos=[("c.jpg", files.jpeg())], alts=["The complaint's"])
        media.edit_complaint(
            fresh(author),
            fresh(complaint),
            uploads,
            title=complaint.title,
            body=complaint.body_source,
            category_id=complaint.category_id,
            desired_outcome=complaint.desired_outcome,
            rating=complaint.rating,
            review=complaint.review or "",
            private_details=complaint.private_details or "",
        )
        complaint_photo = db.session.scalar(sa.select(Photo).where(Photo.answer_id.is_(None)))
    response = edit(client, answer_id, remove_photo=[str(complaint_photo.id)])
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Photo, complaint_photo.id) is not None
