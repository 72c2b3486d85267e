"""Checking and re-encoding uploads: photos (public) and evidence (private).

A photo is identified by its content only (JPEG, PNG or WebP), refused before decoding when
its header claims more than :data:`MAX_PIXELS`, refused when animated, truncated or
empty, turned upright and encoded again twice: a display size and a thumbnail, so that
nothing of the uploaded file (EXIF, GPS position, XMP, data appended after the image) is
ever served. Evidence is an image (re-encoded the same way, at a larger size, so a receipt
stays readable) or a PDF, recognised by its ``%PDF-`` signature and kept as uploaded (it
is only ever served as a download, to its author and staff).
"""

import re
from dataclasses import dataclass

from flask_babel import format_number
from flask_babel import gettext as _

from forum import imaging
from forum.errors import Invalid
from forum.media.limits import MAX_FILE_BYTES

MAX_PIXELS = 40_000_000
DISPLAY_SIDE = 1600
THUMB_SIDE = 320
EVIDENCE_SIDE = 2400
PDF_TYPE = "application/pdf"
# Names shown back to the uploader (messages, the evidence download): the basename only.
NAME_MAX = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\"<>|:*?]+")


@dataclass(frozen=True)
class Version:
    """One encoded file: its bytes, type, extension and size in pixels (0 for a PDF)."""

    data: bytes
    content_type: str
    ext: str
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class ProcessedPhoto:
    name: str
    display: Version
    thumb: Version


@dataclass(frozen=True)
class ProcessedEvidence:
    name: str
    kind: str  # "image" or "pdf"
    file: Version


class FileRefused(Invalid):
    """An upload was refused: the message names the file and says why."""

    def __init__(self, name, reason):
        super().__init__(_("“%(name)s”: %(reason)s", name=name, reason=reason), field="photos")
        self.name = name
        self.reason = reason


def clean_name(filename):
    """The uploaded file's name as it may be shown: its last path part, without control
    characters or characters file systems refuse, at most :data:`NAME_MAX` characters.

    Never used to store anything: stored files have names the server chose.
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip().lstrip(".").strip()
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) < 10 else name
        name = name[:NAME_MAX]
    return name or _("unnamed file")


def _checked_size(name, data):
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            name,
            _(
                "A file may be at most %(size)s MB.",
                size=format_number(MAX_FILE_BYTES // (1024 * 1024)),
            ),
        )


def _decode(name, data, fit):
    try:
        image = imaging.decode(data, MAX_PIXELS, fit=fit)
    except imaging.ImageRefused as refused:
        raise FileRefused(name, refused.message) from None
    return image.format, imaging.upright(image)


def _version(image, fmt, side):
    data, width, height = imaging.encode(image, fmt, side)
    ext, content_type = imaging.FORMATS[fmt]
    return Version(data, content_type, ext, width, height)


def photo(filename, data):
    """A :class:`ProcessedPhoto` from an upload, or :class:`FileRefused`."""
    name = clean_name(filename)
    _checked_size(name, data)
    fmt, image = _decode(name, data, DISPLAY_SIDE)
    return ProcessedPhoto(
        name, _version(image, fmt, DISPLAY_SIDE), _version(image, fmt, THUMB_SIDE)
    )


def evidence(filename, data):
    """A :class:`ProcessedEvidence` from an upload (an image or a PDF), or :class:`FileRefused`."""
    name = clean_name(filename)
    _checked_size(name, data)
    if data.startswith(b"%PDF-"):
        return ProcessedEvidence(name, "pdf", Version(data, PDF_TYPE, "pdf"))
    try:
        image = imaging.decode(data, MAX_PIXELS, fit=EVIDENCE_SIDE)
    except imaging.ImageRefused as refused:
        reason = refused.message
        if refused.reason == "format":
            reason = _("Evidence must be a PDF, JPEG, PNG or WebP file.")
        raise FileRefused(name, reason) from None
    fmt, image = image.format, imaging.upright(image)
    return ProcessedEvidence(name, "image", _version(image, fmt, EVIDENCE_SIDE))
