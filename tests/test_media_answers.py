"""Photos on answers: posted with the answer, shown under it, refused with the text kept."""

import io
import re

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.media import services as media
from forum.media.models import Photo
from tests import media_files as files
from tests.conftest import fresh
from tests.test_media_uploads import stored_files
from tests.test_seo_budget import ANSWER, HTML_BUDGET
from tests.test_seo_pages import thread_path

BODY = "Mine did the same; the shop swapped it."


def answer(client, complaint, photos=(), alts=None, body=BODY):
    if alts is None:
        alts = [f"Answer photo {i}" for i in range(len(photos))]
    data = {
        "body": body,
        "photos": [(io.BytesIO(data), name, "image/jpeg") for name, data in photos],
        "photo_alt": alts,
    }
    return client.post(
        f"/complaints/{complaint.id}/answers", data=data, content_type="multipart/form-data"
    )


@pytest.fixture
def thread_and_member(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    auth.login(make_user().username)
    return complaint


def test_an_answer_with_a_photo_shows_it_under_the_answer(app, client, thread_and_member):
    complaint = thread_and_member
    response = answer(client, complaint, photos=[("mine.jpg", files.jpeg((900, 600)))])
    assert response.status_code == 303
    with app.app_context():
        (photo,) = db.session.scalars(sa.select(Photo)).all()
    assert photo.answer_id is not None and photo.complaint_id == complaint.id
    page = client.get(f"/complaints/{complaint.id}/{complaint.slug}").text
    block = page[page.index(f'id="answer-{photo.answer_id}"') :]
    assert f'alt="{photo.alt_text}"' in block
    assert client.get("/media/" + photo.thumb_key.split("/", 1)[1]).status_code == 200


def test_a_refused_answer_photo_keeps_the_text_and_stores_nothing(app, client, thread_and_member):
    complaint = thread_and_member
    response = answer(
        client, complaint, photos=[("x.jpg", files.SVG)], body="The text I typed stays here."
    )
    assert response.status_code == 422
    assert "“x.jpg”: Upload a PNG, JPEG or WebP image" in response.text
    assert "The text I typed stays here." in response.text
    assert 'value="Answer photo 0"' in response.text
    assert stored_files(app) == []
    with app.app_context():
        assert db.session.scalars(sa.select(Photo)).all() == []


def test_an_answer_without_photos_posts_as_before(client, thread_and_member):
    assert answer(client, thread_and_member).status_code == 303


def test_the_answer_form_takes_photos_with_descriptions(client, thread_and_member):
    complaint = thread_and_member
    page = client.get(f"/complaints/{complaint.id}/{complaint.slug}").text
    assert 'enctype="multipart/form-data"' in page
    assert page.count('name="photos"') == 6 and 'id="answer-photo-1"' in page
    assert 'name="evidence"' not in page  # evidence belongs to complaints


def test_the_answer_photo_fields_stay_folded_until_used(client, thread_and_member):
    complaint = thread_and_member
    page = client.get(f"/complaints/{complaint.id}/{complaint.slug}").text
    assert '<details class="photo-details"><summary>Add photos</summary>' in page
    refused = answer(client, complaint, photos=[("x.jpg", b"")])
    assert '<details class="photo-details" open>' in refused.text


def test_a_thread_with_20_photos_stays_within_the_html_budget(
    app, client, make_user, make_complaint
):
    complaint = make_complaint(body=ANSWER.format(n=0) * 2, rating=2)
    helpers = [make_user() for _ in range(4)]
    photo = files.jpeg((800, 600))
    with app.test_request_context():
        for n in range(20):
            uploads = media.check_uploads(
                photos=[("p.jpg", photo)],
                alts=[f"The cracked casing, seen from the left, photo {n}"],
            )
            media.post_answer(fresh(helpers[n % 4]), fresh(complaint), ANSWER.format(n=n), uploads)
    response = client.get(thread_path(complaint))
    size = len(response.data)
    print(f"\nthread page with 20 answers and 20 photos: {size:,} bytes of HTML")
    assert response.data.count(b'loading="lazy"') == 20
    # No layout shift: every thumbnail says its size before it loads.
    assert (
        len(re.findall(rb'<img src="/media/[^"]+" width="\d+" height="\d+"', response.data)) == 20
    )
    assert size <= HTML_BUDGET, f"{size:,} bytes > {HTML_BUDGET:,}"
