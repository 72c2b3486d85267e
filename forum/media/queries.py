"""Reads for pages: a thread's photos and evidence, each in one statement."""

import sqlalchemy as sa

from forum import permissions
from forum.extensions import db
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
