"""The site's logo: an uploaded PNG, JPEG or WebP, checked and re-encoded with Pillow.

Nothing uploaded is served as it came: the image is decoded (which refuses anything that
is not really one of the three formats, SVG included, and images whose pixel count could
exhaust memory), scaled down to fit :data:`MAX_SIDE`, stripped of its metadata and
encoded again in its own format. The bytes are kept in the database (``site_file``), so
every app server serves the same logo, under a URL carrying their digest
(``/site/logo/<digest>.<ext>``) that can be cached for a year.
"""

import hashlib
import io

from flask_babel import format_number
from flask_babel import gettext as _

from forum import imaging
from forum.db import utcnow
from forum.settings.definitions import InvalidSetting
from forum.settings.models import SiteFile

MAX_BYTES = 1024 * 1024  # the upload
MAX_PIXELS = 25_000_000  # decoded: width × height
MAX_SIDE = 512  # kept: the longer side, in pixels
FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}
CONTENT_TYPES = {ext: content_type for ext, content_type in FORMATS.values()}
FILE_NAME = "logo"


def _refuse(message):
    raise InvalidSetting("logo", message)


def reencode(data):
    """``(bytes, ext, width, height)`` of ``data`` decoded and encoded again; ``InvalidSetting``."""
    if len(data) > MAX_BYTES:
        _refuse(_("The logo must be at most %(size)s KB.", size=format_number(MAX_BYTES // 1024)))
    try:
        image = imaging.decode(data, MAX_PIXELS, formats=list(FORMATS), refuse_animated=False)
    except imaging.ImageRefused as refused:
        _refuse(refused.message)
    ext, _format = FORMATS[image.format]
    if ext == "jpg":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if ext == "jpg":
        image.save(out, "JPEG", quality=90, optimize=True)
    elif ext == "png":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=90)
    return out.getvalue(), ext, image.width, image.height


def store(session, data):
    """Keep the re-encoded logo in the caller's unit of work; the ``logo`` setting's value."""
    encoded, ext, width, height = reencode(data)
    digest = hashlib.sha256(encoded).hexdigest()
    row = session.get(SiteFile, FILE_NAME)
    if row is None:
        row = SiteFile(name=FILE_NAME)
        session.add(row)
    row.digest = digest
    row.content_type = CONTENT_TYPES[ext]
    row.data = encoded
    row.updated_at = utcnow()
    session.flush()
    return {"digest": digest, "ext": ext, "width": width, "height": height}


def remove(session):
    row = session.get(SiteFile, FILE_NAME)
    if row is not None:
        session.delete(row)
        session.flush()


def find(session, name):
    """The logo file served at ``/site/logo/<name>`` (``<digest>.<ext>``), or ``None``."""
    digest, _dot, ext = name.partition(".")
    row = session.get(SiteFile, FILE_NAME)
    if row is None or row.digest != digest or CONTENT_TYPES.get(ext) != row.content_type:
        return None
    return row
