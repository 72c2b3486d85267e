"""The storage interface, on the uploads folder and on a real S3-compatible server (moto's
server mode, started by the tests on 127.0.0.1)."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from forum.media.storage import LocalStorage, S3Storage, get_storage, new_key
from tests import media_files as files
from tests.test_media_uploads import post

BUCKET = "redress-test-uploads"


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_config(s3_endpoint):
    config = {
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test-key",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    yield config
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
    client.close()


@pytest.fixture(params=["local", "s3"])
def storage_app(request, app):
    """The app with its files in the uploads folder, or in the S3 bucket."""
    if request.param == "s3":
        app.config.update(request.getfixturevalue("s3_config"))
    return app


def test_put_read_list_and_delete(storage_app):
    with storage_app.app_context():
        storage = get_storage()
        expected = S3Storage if storage_app.config["MEDIA_S3_BUCKET"] else LocalStorage
        assert isinstance(storage, expected)
        key = new_key("media", "jpg")
        storage.put(key, b"bytes of a photo", "image/jpeg")
        assert storage.read(key) == b"bytes of a photo"
        assert [k for k, _written in storage.keys()] == [key]
        storage.delete(key)
        assert storage.read(key) is None
        assert list(storage.keys()) == []
        storage.delete(key)  # deleting what is gone is no error


def test_keys_are_checked_before_any_backend_sees_them(storage_app):
    with storage_app.app_context():
        storage = get_storage()
        for bad in (
            "../x.jpg",
            "media/../../x.jpg",
            "media/short.jpg",
            "other/" + "a" * 32 + ".jpg",
        ):
            with pytest.raises(ValueError):
                storage.put(bad, b"x", "image/jpeg")


def test_a_posted_photo_is_stored_and_served_from_either_backend(
    storage_app, client, auth, make_user, make_category
):
    auth.login(make_user().username)
    response = post(
        client,
        make_category(),
        photos=[("kettle.jpg", files.jpeg(), "image/jpeg")],
        alts=["The kettle's base"],
    )
    assert response.status_code == 303
    with storage_app.app_context():
        keys = sorted(key for key, _written in get_storage().keys())
    assert len(keys) == 2 and all(key.startswith("media/") for key in keys)
    served = client.get("/media/" + keys[0].split("/", 1)[1])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.get_data()[:2] == b"\xff\xd8"
