"""Photos and evidence on a new complaint: what is accepted, what is refused, and how."""

import io
import os
import time

import pytest
import sqlalchemy as sa
from flask.testing import EnvironBuilder
from PIL import Image

from forum import imaging
from forum.extensions import db
from forum.media import processing
from forum.media.models import Evidence, Photo
from forum.media.storage import get_storage, new_key
from tests import media_files as files


@pytest.fixture
def composer(client, auth, make_user, make_category):
    """The client signed in as a member, and a category to post in."""
    member = make_user()
    auth.login(member.username)
    client.member = member
    client.category = make_category()
    return client


def form(category, photos=(), alts=None, evidence=(), **fields):
    data = {
        "title": "The kettle leaks from its base",
        "body": "Bought in May; since June it leaks onto the worktop whenever it boils.",
        "category": str(category.id),
        "desired_outcome": "replacement",
        "not_my_problem": "1",
        "photos": [(io.BytesIO(data), name, ctype) for name, data, ctype in photos],
        "photo_alt": alts if alts is not None else [f"Photo {i}" for i in range(len(photos))],
        "evidence": [(io.BytesIO(data), name, ctype) for name, data, ctype in evidence],
        "review": "A disappointing kettle.",
        "private_details": "Order 4711",
    }
    data.update(fields)
    return data


def post(client, category, **kwargs):
    """Post the new-complaint form as a browser does, multipart. (The test client leaves
    the temporary file of a body over 500 KB open: closed here.)"""
    builder = EnvironBuilder(
        client.application, "/complaints/new", method="POST", data=form(category, **kwargs)
    )
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        builder.close()
        environ["wsgi.input"].close()


def stored_files(app):
    root = os.path.join(app.instance_path, "uploads")
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def rows(app, model):
    with app.app_context():
        return list(db.session.scalars(sa.select(model).order_by(model.id)))


def test_a_photo_is_stored_re_encoded_in_two_sizes_with_its_description(app, composer):
    response = post(
        composer,
        composer.category,
        photos=[("kettle.jpg", files.jpeg(size=(3000, 2000)), "image/jpeg")],
        alts=["Water pooling under the kettle's base"],
    )
    assert response.status_code == 303
    (photo,) = rows(app, Photo)
    assert photo.alt_text == "Water pooling under the kettle's base"
    assert (photo.display_width, photo.display_height) == (1600, 1067)
    assert (photo.thumb_width, photo.thumb_height) == (320, 213)
    assert photo.content_type == "image/jpeg"
    assert sorted(stored_files(app)) == sorted([photo.display_key, photo.thumb_key])


def test_gps_and_other_exif_are_absent_from_every_stored_size(app, client, composer):
    original = files.jpeg(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test's premise
    response = post(
        composer, composer.category, photos=[("trip.jpg", original, "image/jpeg")], alts=["A"]
    )
    assert response.status_code == 303
    (photo,) = rows(app, Photo)
    for key in photo.display_key, photo.thumb_key:
        served = client.get(f"/media/{key.split('/', 1)[1]}").get_data()
        image = Image.open(io.BytesIO(served))
        assert not image.getexif()
        assert b"PhoneMaker" not in served and b"Exif" not in served
        assert "exif" not in image.info


def test_exif_orientation_is_applied_before_re_encoding(app, composer):
    portrait = files.jpeg(size=(400, 300), exif_orientation=6)  # "turn 90° to view"
    assert (
        post(composer, composer.category, photos=[("p.jpg", portrait, "image/jpeg")]).status_code
        == 303
    )
    (photo,) = rows(app, Photo)
    assert (photo.display_width, photo.display_height) == (300, 400)


def test_a_cmyk_jpeg_is_accepted_and_converted_to_rgb(app, client, composer):
    cmyk = files.jpeg(mode="CMYK", color=(0, 255, 255, 0))  # pure red in print colours
    assert (
        post(composer, composer.category, photos=[("scan.jpg", cmyk, "image/jpeg")]).status_code
        == 303
    )
    (photo,) = rows(app, Photo)
    served = Image.open(io.BytesIO(client.get(f"/media/{photo.display_key[6:]}").get_data()))
    assert served.mode == "RGB"
    red, green, blue = served.getpixel((10, 10))
    assert red > 200 and green < 40 and blue < 40


def test_a_png_with_transparency_stays_a_png(app, composer):
    assert (
        post(composer, composer.category, photos=[("s.png", files.png(), "image/png")]).status_code
        == 303
    )
    (photo,) = rows(app, Photo)
    assert photo.content_type == "image/png"


def test_the_uploaded_name_is_never_used_for_storage(app, composer):
    response = post(
        composer,
        composer.category,
        photos=[("../../x.jpg", files.jpeg(), "image/jpeg")],
        evidence=[("../../../etc/passwd.pdf", files.PDF, "application/pdf")],
    )
    assert response.status_code == 303
    stored = stored_files(app)
    assert len(stored) == 3
    assert all("x.jpg" not in name and "passwd" not in name and ".." not in name for name in stored)
    assert not os.path.exists(os.path.join(app.instance_path, "x.jpg"))
    (evidence,) = rows(app, Evidence)
    assert evidence.filename == "passwd.pdf"  # the basename, for the download only


def test_the_content_type_sent_is_ignored_the_content_decides(app, composer):
    response = post(
        composer,
        composer.category,
        photos=[("photo.gif", files.webp(), "text/html")],
    )
    assert response.status_code == 303
    (photo,) = rows(app, Photo)
    assert photo.content_type == "image/webp"


REFUSED = [
    ("huge.png", files.png_claiming(100_000, 100_000), "image/png", "too many pixels"),
    ("drawing.jpg", files.SVG, "image/jpeg", "SVG and other formats are not accepted"),
    ("page.jpg", files.HTML, "image/jpeg", "SVG and other formats are not accepted"),
    ("moving.gif", files.gif(), "image/gif", "SVG and other formats are not accepted"),
    ("cut.jpg", files.jpeg()[:1500], "image/jpeg", "may be damaged"),
    ("moving.webp", files.webp(frames=3), "image/webp", "Animated images are not accepted"),
    ("empty.jpg", b"", "image/jpeg", "The file is empty"),
]


@pytest.mark.parametrize(("name", "data", "ctype", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_refused_photo_is_named_with_its_reason_and_nothing_is_lost(
    app, composer, name, data, ctype, reason
):
    response = post(
        composer,
        composer.category,
        photos=[("fine.jpg", files.jpeg(), "image/jpeg"), (name, data, ctype)],
        alts=["A fine photo", "The refused one"],
    )
    assert response.status_code == 422
    assert f"“{name}”" in response.text and reason in response.text
    # What was typed is kept; the browser is told to choose the files again.
    assert "Since June it leaks".lower() in response.text.lower()
    assert 'value="A fine photo"' in response.text and 'value="The refused one"' in response.text
    assert "A disappointing kettle." in response.text and "Order 4711" in response.text
    assert "choose your photos and evidence again" in response.text
    # Nothing stored: no complaint, no photo row, no file.
    assert rows(app, Photo) == [] and stored_files(app) == []
    assert "The kettle leaks" not in composer.get("/complaints?sort=new").text


def test_a_png_claiming_huge_dimensions_is_refused_before_decoding(app, monkeypatch):
    loaded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(self))
    with app.test_request_context(), pytest.raises(processing.FileRefused) as refused:
        processing.photo("huge.png", files.png_claiming(100_000, 100_000))
    assert "too many pixels" in refused.value.message
    assert loaded == []
    with app.test_request_context(), pytest.raises(processing.FileRefused):
        processing.photo("big.png", files.png_claiming(8000, 6000))  # 48 MP: over 40
    assert loaded == []


def test_a_photo_without_description_is_refused(app, composer):
    response = post(
        composer,
        composer.category,
        photos=[("kettle.jpg", files.jpeg(), "image/jpeg")],
        alts=["  "],
    )
    assert response.status_code == 422
    assert "“kettle.jpg”: describe what the photo shows" in response.text
    assert stored_files(app) == []


def test_seven_photos_are_refused(app, composer):
    photos = [(f"p{i}.jpg", files.jpeg(size=(50, 50)), "image/jpeg") for i in range(7)]
    response = post(composer, composer.category, photos=photos)
    assert response.status_code == 422
    assert "at most 6 photos" in response.text
    assert stored_files(app) == []


def test_five_evidence_files_are_refused(app, composer):
    evidence = [(f"r{i}.pdf", files.PDF, "application/pdf") for i in range(5)]
    response = post(composer, composer.category, evidence=evidence)
    assert response.status_code == 422
    assert "at most 4 evidence files" in response.text


def test_evidence_that_is_neither_pdf_nor_image_is_refused(app, composer):
    response = post(
        composer, composer.category, evidence=[("r.pdf", files.HTML, "application/pdf")]
    )
    assert response.status_code == 422
    assert "“r.pdf”: Evidence must be a PDF, JPEG, PNG or WebP file." in response.text


def test_a_file_over_10_mb_is_refused(app, composer):
    big = files.PDF + b"0" * (processing.MAX_FILE_BYTES)
    response = post(composer, composer.category, evidence=[("big.pdf", big, "application/pdf")])
    assert response.status_code == 422
    assert "“big.pdf”: A file may be at most 10 MB." in response.text


def test_a_body_over_the_upload_limit_gets_a_clear_413(app, composer):
    app.config["UPLOAD_MAX_CONTENT_LENGTH"] = 50_000
    response = post(
        composer, composer.category, evidence=[("big.pdf", files.PDF + b"0" * 60_000, "x/y")]
    )
    assert response.status_code == 413
    assert "Go back: your browser still has what you typed" in response.text


def test_other_forms_keep_the_small_body_limit(app, client):
    response = client.post("/login", data={"login": "x" * (3 * 1024 * 1024), "password": "y"})
    assert response.status_code == 413


def test_files_are_removed_when_the_complaint_is_refused(app, composer, monkeypatch):
    from forum.complaints import services as complaint_services
    from forum.errors import Invalid

    real = complaint_services.create_complaint

    def failing(author, **values):
        real(author, **values)
        raise Invalid("refused after the complaint was written")

    monkeypatch.setattr(complaint_services, "create_complaint", failing)

    from forum.media import services as media
    from tests.conftest import fresh

    with app.test_request_context():
        uploads = media.check_uploads(
            photos=[("a.jpg", files.jpeg())], alts=["A"], evidence=[("r.pdf", files.PDF)]
        )
        with pytest.raises(Invalid):
            media.create_complaint(
                fresh(composer.member),
                uploads,
                title="A title long enough",
                body="A body that is long enough to be posted here.",
                category_id=composer.category.id,
                desired_outcome="refund",
            )
        assert list(get_storage().keys()) == []
    assert rows(app, Photo) == [] and rows(app, Evidence) == []


def test_the_form_asks_for_files_with_descriptions_and_a_private_evidence_hint(composer):
    page = composer.get("/complaints/new")
    assert 'enctype="multipart/form-data"' in page.text
    assert page.text.count('name="photos"') == 6 and page.text.count('name="photo_alt"') == 6
    assert 'accept="image/jpeg,image/png,image/webp"' in page.text
    assert 'name="evidence" multiple' in page.text
    assert "Visible only to you and staff" in page.text
    assert "receipts and order confirmations show your name and address" in page.text
    assert "say what it shows" in page.text


def test_media_gc_removes_old_orphaned_files_only(app, composer, runner):
    assert (
        post(
            composer, composer.category, photos=[("a.jpg", files.jpeg(), "image/jpeg")]
        ).status_code
        == 303
    )
    (photo,) = rows(app, Photo)
    with app.app_context():
        storage = get_storage()
        old, young = new_key("media", "jpg"), new_key("evidence", "pdf")
        storage.put(old, b"left behind", "image/jpeg")
        storage.put(young, b"being written", "application/pdf")
        day_ago = time.time() - 2 * 86400
        for key in (old, photo.display_key, photo.thumb_key):
            os.utime(storage.path(key), (day_ago, day_ago))
    dry = runner.invoke(args=["media", "gc", "--dry-run"])
    assert dry.exit_code == 0 and old in dry.output and "1 orphaned files" in dry.output
    assert old in stored_files(app)
    result = runner.invoke(args=["media", "gc"])
    assert result.exit_code == 0 and "Removed 1 orphaned files." in result.output
    assert sorted(stored_files(app)) == sorted([photo.display_key, photo.thumb_key, young])


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_and_still_fills_the_display_size(app):
    with app.test_request_context():
        photo = processing.photo("big.jpg", files.jpeg(size=(6400, 4800)))
    assert (photo.display.width, photo.display.height) == (1600, 1200)
    with app.test_request_context():
        image = imaging.decode(files.jpeg(size=(6400, 4800)), processing.MAX_PIXELS, fit=1600)
    assert image.size == (1600, 1200)  # a quarter of each side: a sixteenth of the memory


def test_the_photo_hint_reminds_that_labels_and_receipts_show_addresses(composer):
    page = composer.get("/complaints/new").text
    assert "no label, receipt or screen in them shows your name, address" in page
