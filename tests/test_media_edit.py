"""Editing a complaint: photos and evidence added and taken off with the edit."""

import io

import sqlalchemy as sa

from forum.extensions import db
from forum.media.models import Evidence, Photo
from tests import media_files as files
from tests.test_media_serving import post_with_files  # noqa: F401 - the fixture
from tests.test_media_uploads import stored_files


def edit(client, complaint, photos=(), alts=None, evidence=(), **extra):
    data = {
        "title": complaint.title,
        "body": "Two weeks after fitting, the hinge snapped. Edited: the second one too.",
        "category": str(complaint.category_id),
        "desired_outcome": "repair",
        "photos": [(io.BytesIO(data), name, "image/jpeg") for name, data in photos],
        "photo_alt": [f"New photo {i}" for i in range(len(photos))] if alts is None else alts,
        "evidence": [(io.BytesIO(data), name, "application/pdf") for name, data in evidence],
        **extra,
    }
    return client.post(
        f"/complaints/{complaint.id}/edit", data=data, content_type="multipart/form-data"
    )


def photos_of(app, complaint):
    with app.app_context():
        return db.session.scalars(
            sa.select(Photo).where(Photo.complaint_id == complaint.id).order_by(Photo.position)
        ).all()


def test_the_author_adds_a_photo_and_takes_one_off(app, client, auth, post_with_files):  # noqa: F811
    complaint, (first, second), (evidence,) = post_with_files(photos=2)
    auth.login(post_with_files.author.username)
    page = client.get(f"/complaints/{complaint.id}/edit").text
    assert f'name="remove_photo" value="{first.id}"' in page
    assert page.count('name="photos"') == 4  # six at most, two there
    response = edit(
        client,
        complaint,
        photos=[("third.jpg", files.jpeg())],
        remove_photo=[str(first.id)],
        remove_evidence=[str(evidence.id)],
    )
    assert response.status_code == 303
    kept = photos_of(app, complaint)
    assert [p.alt_text for p in kept] == [second.alt_text, "New photo 0"]
    assert kept[1].position > kept[0].position
    with app.app_context():
        assert db.session.scalars(sa.select(Evidence)).all() == []
    stored = stored_files(app)
    assert first.display_key not in stored and evidence.key not in stored
    assert kept[1].display_key in stored


def test_a_seventh_photo_on_edit_is_refused_with_the_text_kept(
    app,
    client,
    auth,
    post_with_files,  # noqa: F811
):
    complaint, photos, _ = post_with_files(photos=6)
    auth.login(post_with_files.author.username)
    page = client.get(f"/complaints/{complaint.id}/edit").text
    assert 'name="photos"' not in page  # no slot left
    response = edit(client, complaint, photos=[("seventh.jpg", files.jpeg())])
    assert response.status_code == 422
    assert "at most 6 photos" in response.text
    assert "Edited: the second one too." in response.text
    assert len(photos_of(app, complaint)) == 6
    assert len(stored_files(app)) == 6 * 2 + 1  # nothing new stored


def test_another_member_cannot_edit_the_files(app, client, auth, make_user, post_with_files):  # noqa: F811
    complaint, (photo,), _ = post_with_files()
    auth.login(make_user().username)
    assert edit(client, complaint, remove_photo=[str(photo.id)]).status_code == 403
    assert len(photos_of(app, complaint)) == 1
