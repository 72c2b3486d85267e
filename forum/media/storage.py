"""Where uploaded files live: one interface, two backends.

``LocalStorage`` keeps them in the uploads folder (``<instance>/uploads`` unless
``UPLOAD_FOLDER`` names another: the folder ``flask backup`` copies). ``S3Storage`` keeps
them in an S3-compatible bucket when ``MEDIA_S3_BUCKET`` is set (boto3; endpoint, region
and keys from ``MEDIA_S3_ENDPOINT_URL``, ``MEDIA_S3_REGION``, ``MEDIA_S3_ACCESS_KEY_ID``,
``MEDIA_S3_SECRET_ACCESS_KEY``, or boto3's usual environment).

Every key is chosen by the server (:func:`new_key`): ``media/<random>.<ext>`` for public
photos, ``evidence/<random>.<ext>`` for private files. An uploaded file's name is never
part of a path.
"""

import os
import re
import secrets
from datetime import UTC, datetime

from flask import current_app

from forum.backup import uploads_folder

PUBLIC = "media"
PRIVATE = "evidence"
KEY = re.compile(r"\A(media|evidence)/[A-Za-z0-9_-]{32}\.(jpg|png|webp|pdf)\Z")


def new_key(area, ext):
    """A fresh key in ``area`` (:data:`PUBLIC` or :data:`PRIVATE`) for a file of type ``ext``."""
    key = f"{area}/{secrets.token_urlsafe(24)}.{ext}"
    assert KEY.match(key), key
    return key


def _checked(key):
    if not isinstance(key, str) or not KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class LocalStorage:
    """Files under a folder on this machine."""

    def __init__(self, root):
        self.root = root

    def path(self, key):
        return os.path.join(self.root, *_checked(key).split("/"))

    def put(self, key, data, content_type):
        path = self.path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{secrets.token_hex(4)}.part"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)

    def read(self, key):
        """The file's bytes, or ``None`` when it is not there."""
        try:
            with open(self.path(key), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def delete(self, key):
        try:
            os.remove(self.path(key))
        except FileNotFoundError:
            pass

    def keys(self):
        """Every stored key with the time it was written (for ``flask media gc``)."""
        for area in (PUBLIC, PRIVATE):
            folder = os.path.join(self.root, area)
            if os.path.isdir(folder):
                for name in sorted(os.listdir(folder)):
                    if KEY.match(f"{area}/{name}"):
                        try:
                            written = os.stat(os.path.join(folder, name)).st_mtime
                        except FileNotFoundError:
                            continue
                        yield f"{area}/{name}", datetime.fromtimestamp(written, UTC)


class S3Storage:
    """Files in an S3-compatible bucket."""

    def __init__(self, client, bucket, prefix=""):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def _name(self, key):
        return self.prefix + _checked(key)

    def put(self, key, data, content_type):
        self.client.put_object(
            Bucket=self.bucket, Key=self._name(key), Body=data, ContentType=content_type
        )

    def read(self, key):
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.NoSuchKey:
            return None
        return answer["Body"].read()

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def keys(self):
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", ()):
                key = item["Key"][len(self.prefix) :]
                if KEY.match(key):
                    yield key, item["LastModified"]


def _s3_client(config):
    # boto3 is needed only by sites that keep their files in a bucket.
    import boto3  # noqa: PLC0415 - optional dependency, imported only when configured

    return boto3.client(
        "s3",
        endpoint_url=config.get("MEDIA_S3_ENDPOINT_URL"),
        region_name=config.get("MEDIA_S3_REGION"),
        aws_access_key_id=config.get("MEDIA_S3_ACCESS_KEY_ID"),
        aws_secret_access_key=config.get("MEDIA_S3_SECRET_ACCESS_KEY"),
    )


def get_storage():
    """The configured storage of the current app (built once per app)."""
    found = current_app.extensions.get("media_storage")
    if found is None:
        config = current_app.config
        if config.get("MEDIA_S3_BUCKET"):
            found = S3Storage(
                _s3_client(config), config["MEDIA_S3_BUCKET"], config.get("MEDIA_S3_PREFIX", "")
            )
        else:
            found = LocalStorage(uploads_folder())
        current_app.extensions["media_storage"] = found
    return found
