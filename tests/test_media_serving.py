"""Serving photos and evidence: headers, who may see what, and the thread page."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.media import services as media
from forum.media.models import Evidence, Photo
from forum.media.storage import get_storage
from tests import media_files as files
from tests.conftest import fresh
from tests.seo_helpers import read, remove


@pytest.fixture
def post_with_files(app, make_user, make_category):
    """A complaint by a new member with ``photos`` photos and one PDF of evidence."""

    def make(photos=1, evidence=1, author=None):
        author = author or make_user()
        category = make_category()
        with app.test_request_context():
            uploads = media.check_uploads(
                photos=[(f"p{i}.jpg", files.jpeg(size=(800, 600))) for i in range(photos)],
                alts=[f"Broken hinge, view {i}" for i in range(photos)],
                evidence=[("Számla 2026.pdf", files.PDF)] * evidence,
            )
            complaint = media.create_complaint(
                fresh(author),
                uploads,
                title="The cupboard door hinge snapped",
                body="Two weeks after fitting, the hinge of the cupboard door snapped.",
                category_id=category.id,
                desired_outcome="repair",
            )
            db.session.refresh(complaint)
            db.session.expunge(complaint)
            found = list(
                db.session.scalars(
                    sa.select(Photo).where(Photo.complaint_id == complaint.id).order_by(Photo.id)
                )
            )
            proofs = list(
                db.session.scalars(sa.select(Evidence).where(Evidence.complaint_id == complaint.id))
            )
        make.author = author
        return complaint, found, proofs

    return make


def url(key):
    return "/media/" + key.split("/", 1)[1]


def thread(complaint):
    return f"/complaints/{complaint.id}/{complaint.slug}"


def test_a_photo_is_served_with_its_type_sandboxed_and_cached_for_a_year(client, post_with_files):
    _complaint, (photo,), _ = post_with_files()
    for key in photo.keys:
        response = client.get(url(key))
        assert response.status_code == 200
        assert response.mimetype == "image/jpeg"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response.cache_control.public and response.cache_control.immutable
        assert response.cache_control.max_age == 31536000
        assert "Set-Cookie" not in response.headers


def test_unknown_or_malformed_photo_names_are_404(client, post_with_files):
    _complaint, (photo,), (evidence,) = post_with_files()
    assert client.get("/media/" + "A" * 32 + ".jpg").status_code == 404
    assert client.get("/media/..%2F..%2Fredress.sqlite3").status_code == 404
    # An evidence file's key is no photo's: never served under /media.
    assert client.get("/media/" + evidence.key.split("/", 1)[1]).status_code == 404


def test_photos_of_a_hidden_post_are_not_served_to_the_public(
    app, client, auth, make_user, post_with_files
):
    complaint, (photo,), _ = post_with_files()
    admin = make_user(role="admin")
    remove(app, admin, complaint)
    assert client.get(url(photo.thumb_key)).status_code == 404
    auth.login(make_user().username)
    assert client.get(url(photo.thumb_key)).status_code == 404
    auth.logout()
    auth.login(admin.username)
    response = client.get(url(photo.thumb_key))
    assert response.status_code == 200
    assert response.cache_control.no_store and response.cache_control.private


def test_evidence_is_404_for_visitors_and_other_members(client, auth, make_user, post_with_files):
    complaint, _photos, (evidence,) = post_with_files()
    path = f"/evidence/{evidence.id}"
    assert client.get(path).status_code == 404
    assert "Számla" not in client.get(thread(complaint)).text
    auth.login(make_user().username)
    assert client.get(path).status_code == 404
    page = client.get(thread(complaint)).text
    assert path not in page and "Számla" not in page
    assert client.get("/evidence/999999").status_code == 404


@pytest.mark.parametrize("viewer", ["author", "staff"])
def test_evidence_downloads_for_its_author_and_staff(
    client, auth, make_user, post_with_files, viewer
):
    complaint, _photos, (evidence,) = post_with_files()
    who = post_with_files.author if viewer == "author" else make_user(role="staff")
    auth.login(who.username)
    page = client.get(thread(complaint)).text
    assert f'href="/evidence/{evidence.id}"' in page and "Számla 2026.pdf" in page
    response = client.get(f"/evidence/{evidence.id}")
    assert response.status_code == 200
    assert response.get_data() == files.PDF  # a PDF is kept as uploaded
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Sz%C3%A1mla%202026.pdf" in disposition
    assert response.cache_control.private and response.cache_control.no_store
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_thread_shows_lazy_thumbnails_linking_to_the_display_size(client, post_with_files):
    complaint, photos, _ = post_with_files(photos=2)
    page = client.get(thread(complaint)).text
    for photo in photos:
        assert (
            f'<a href="{url(photo.display_key)}"><img src="{url(photo.thumb_key)}" '
            f'width="{photo.thumb_width}" height="{photo.thumb_height}" '
            f'alt="{photo.alt_text}" loading="lazy"'
        ) in page
    assert (photos[0].thumb_width, photos[0].thumb_height) == (320, 240)


def test_the_thread_describes_its_photos_in_json_ld(app, client, post_with_files):
    complaint, photos, _ = post_with_files(photos=2)
    (data,) = read(client.get(thread(complaint))).jsonld
    images = data.get("image") or data["mainEntity"]["image"]
    site = app.config["SITE_URL"]
    assert images == [f"{site}{url(photo.display_key)}" for photo in photos]


def test_the_thread_page_statements_do_not_grow_with_its_photos(
    app, client, auth, make_user, post_with_files, count_queries
):
    viewer = make_user(role="staff")
    auth.login(viewer.username)
    counts = []
    for number in (1, 6):
        complaint, _photos, _ = post_with_files(photos=number, evidence=number % 5)
        with count_queries() as statements:
            assert client.get(thread(complaint)).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_behind_nginx_the_app_checks_and_nginx_sends_the_file(
    app, client, auth, make_user, post_with_files
):
    app.config["MEDIA_X_ACCEL_PREFIX"] = "/_uploads"
    complaint, (photo,), (evidence,) = post_with_files()
    response = client.get(url(photo.thumb_key))
    assert response.headers["X-Accel-Redirect"] == f"/_uploads/{photo.thumb_key}"
    assert response.get_data() == b"" and response.mimetype == "image/jpeg"
    assert client.get(f"/evidence/{evidence.id}").status_code == 404
    auth.login(post_with_files.author.username)
    response = client.get(f"/evidence/{evidence.id}")
    assert response.headers["X-Accel-Redirect"] == f"/_uploads/{evidence.key}"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_staff_remove_one_photo_and_the_audit_log_says_so(
    app, client, auth, make_user, post_with_files
):
    complaint, (first, second), _ = post_with_files(photos=2)
    member = make_user()
    auth.login(member.username)
    assert "Remove photo" not in client.get(thread(complaint)).text
    refused = client.post(f"/media/photos/{first.id}/remove", data={"reason": "x"})
    assert refused.status_code == 403
    auth.logout()
    staff = make_user(role="staff")
    auth.login(staff.username)
    assert "Remove photo 1" in client.get(thread(complaint)).text
    response = client.post(f"/media/photos/{first.id}/remove", data={"reason": "A face in it"})
    assert response.status_code == 303
    assert response.location.endswith(f"{thread(complaint)}#complaint-{complaint.id}")
    page = client.get(thread(complaint)).text
    assert url(first.thumb_key) not in page and url(second.thumb_key) in page
    assert client.get(url(first.display_key)).status_code == 404
    with app.app_context():
        assert db.session.get(Photo, first.id) is None
        assert get_storage().read(first.display_key) is None  # the files go too
        assert get_storage().read(second.display_key) is not None
    log = client.get("/mod/log").text
    assert f"removed the photo “{first.alt_text}” from" in log and "A face in it" in log
    assert client.post(f"/media/photos/{first.id}/remove").status_code == 404
