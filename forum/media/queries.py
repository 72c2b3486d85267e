"""Reads for pages: a thread's photos and evidence, each in one statement."""

import sqlalchemy as sa
from flask import request

from forum import permissions
from forum.extensions import db
from forum.media.limits import ALT_MAX, MAX_EVIDENCE, MAX_FILE_BYTES, MAX_PHOTOS
from forum.media.models import Evidence, Photo
from forum.urls import absolute, path_for


def thread_photos(complaint, answers=()):
    """``{None: [complaint's photos], answer_id: [...]}`` for the complaint and the answers
    shown, in their order: one statement whatever their number."""
    ids = [answer.id for answer in answers]
    condition = Photo.answer_id.is_(None)
    if ids:
        condition = sa.or_(condition, Photo.answer_id.in_(ids))
    rows = db.session.scalars(
        sa.select(Photo)
        .where(Photo.complaint_id == complaint.id, condition)
        .order_by(Photo.answer_id, Photo.position, Photo.id)
    )
    found = {}
    for photo in rows:
        found.setdefault(photo.answer_id, []).append(photo)
    return found


def answer_photos(answer):
    """An answer's photos in their order (its edit form lists them)."""
    return list(
        db.session.scalars(
            sa.select(Photo).where(Photo.answer_id == answer.id).order_by(Photo.position, Photo.id)
        )
    )


def thread_evidence(viewer, complaint):
    """The complaint's evidence files, for its author and staff only (else empty)."""
    if not permissions.can_see_private_details(viewer, complaint):
        return []
    return list(
        db.session.scalars(
            sa.select(Evidence).where(Evidence.complaint_id == complaint.id).order_by(Evidence.id)
        )
    )


def media_url(key, external=False):
    """The public address of a stored photo file (``media/<name>``)."""
    path = path_for("media.photo_file", name=key.split("/", 1)[1])
    return absolute(path) if external else path


def upload_fields(slots=MAX_PHOTOS):
    """What a form's photo and evidence fields show: the limits, the descriptions typed
    (one per photo slot), and whether files came with a form that is shown again (browsers
    never keep chosen files); ``slots``, how many photos may still be added."""
    posted = request.method == "POST"
    slots = max(0, slots)
    alts = request.form.getlist("photo_alt")[:slots] if posted else []
    alts += [""] * (slots - len(alts))
    resend = posted and any(
        upload.filename for name in ("photos", "evidence") for upload in request.files.getlist(name)
    )
    return {
        "alts": alts,
        "resend": resend,
        "max_photos": MAX_PHOTOS,
        "max_evidence": MAX_EVIDENCE,
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "alt_max": ALT_MAX,
    }
