"""Upload limits per member: each file counts, new accounts have the stricter limit."""

import pytest

from forum.extensions import db
from tests import media_files as files
from tests.test_media_uploads import post, stored_files
from tests.test_rate_limits import _make_app


@pytest.fixture
def app(_schema, tmp_path):
    """This module's app has every limit switched on, whatever the suite's default."""
    app = _make_app(_schema, tmp_path)
    app.config["UPLOAD_LIMIT_NEW_MEMBER"] = "3 per hour"
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_new_member_who_uploaded_too_many_files_is_told_to_wait(
    app, client, auth, make_user, make_category
):
    auth.login(make_user().username)
    category = make_category()
    two = [(f"p{i}.jpg", files.jpeg(size=(60, 40)), "image/jpeg") for i in range(2)]
    assert post(client, category, photos=two).status_code == 303
    response = post(client, category, photos=two, title="The kettle leaks again, now from the lid")
    assert response.status_code == 429
    assert "You can upload at most 3 files an hour." in response.text
    assert "The kettle leaks again, now from the lid" in response.text  # kept
    assert len(stored_files(app)) == 4  # the first complaint's two photos, two sizes each


def test_staff_are_not_limited(app, client, auth, make_user, make_category):
    auth.login(make_user(role="staff").username)
    category = make_category()
    two = [(f"p{i}.jpg", files.jpeg(size=(60, 40)), "image/jpeg") for i in range(2)]
    for number in range(3):
        title = f"Staff photo report number {number} of the week"
        assert post(client, category, photos=two, title=title).status_code == 303
