"""A member's files in their account export, and gone with their account."""

import sqlalchemy as sa

from forum.extensions import db
from forum.media.models import Evidence, Photo
from tests.conftest import PASSWORD
from tests.test_media_serving import (
    post_with_files,  # noqa: F401 - the fixture
    url,
)
from tests.test_media_uploads import stored_files


def test_the_export_lists_the_members_photos_and_evidence_only(
    app,
    client,
    auth,
    make_user,
    post_with_files,  # noqa: F811
):
    _complaint, (photo,), (evidence,) = post_with_files()
    other = make_user()
    site = app.config["SITE_URL"]
    auth.login(post_with_files.author.username)
    data = client.get("/account/export").get_json()
    assert [p["url"] for p in data["photos"]] == [site + url(photo.display_key)]
    assert data["photos"][0]["description"] == photo.alt_text
    assert data["evidence"] == [
        {
            "complaint_id": evidence.complaint_id,
            "filename": "Számla 2026.pdf",
            "size": evidence.size,
            "url": f"{site}/evidence/{evidence.id}",
            "created_at": evidence.created_at.isoformat(),
        }
    ]
    auth.logout()
    auth.login(other.username)
    theirs = client.get("/account/export").get_json()
    assert theirs["photos"] == [] and theirs["evidence"] == []


def test_deleting_the_account_removes_the_members_files(
    app,
    client,
    auth,
    post_with_files,  # noqa: F811
):
    complaint, (photo,), (evidence,) = post_with_files()
    assert len(stored_files(app)) == 3
    auth.login(post_with_files.author.username)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 303
    assert stored_files(app) == []
    with app.app_context():
        assert db.session.scalars(sa.select(Photo)).all() == []
        assert db.session.scalars(sa.select(Evidence)).all() == []
    assert client.get(url(photo.thumb_key)).status_code == 404
    assert f"/complaints/{complaint.id}/" in client.get(f"/complaints/{complaint.id}").location
