"""Serving stored files: public photos under ``/media/<name>``, evidence under
``/evidence/<id>`` for its complaint's author and staff only.

Both are sent with the type they were stored with (re-encoded photos: JPEG, PNG or WebP),
``nosniff`` and a sandboxing Content-Security-Policy, so that no stored file can run as a
page. A photo of a post the public cannot see is not served to the public (404); its
author and staff still see it, never cached by anyone else. Behind nginx, with
``MEDIA_X_ACCEL_PREFIX`` set (docs/deploy.md), the app only decides and nginx sends the
bytes from the uploads folder (``X-Accel-Redirect``).
"""

import re
import unicodedata
from urllib.parse import quote

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum import permissions
from forum.complaints.links import thread_path
from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.media import services
from forum.media.forms import RemovePhotoForm
from forum.media.models import Evidence, Photo
from forum.media.queries import media_url
from forum.media.storage import LocalStorage, get_storage

bp = Blueprint("media", __name__)

SANDBOX = "default-src 'none'; sandbox"
YEAR = 365 * 24 * 3600
NAME = re.compile(r"\A[A-Za-z0-9_-]{32}\.(jpg|png|webp)\Z")


def _body(key, content_type):
    """The response carrying the stored file ``key`` (or nginx's redirect to it)."""
    storage = get_storage()
    prefix = current_app.config.get("MEDIA_X_ACCEL_PREFIX")
    if prefix and isinstance(storage, LocalStorage):
        response = Response(mimetype=content_type)
        response.headers["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + key
        return response
    data = storage.read(key)
    if data is None:
        abort(404)
    return Response(data, mimetype=content_type)


def _sandboxed(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX
    return response


@bp.get("/media/<name>")
def photo_file(name):
    if not NAME.match(name):
        abort(404)
    key = f"media/{name}"
    row = db.session.execute(
        sa.select(Photo, Complaint, Answer)
        .join(Complaint, Complaint.id == Photo.complaint_id)
        .outerjoin(Answer, Answer.id == Photo.answer_id)
        .where(sa.or_(Photo.display_key == key, Photo.thumb_key == key))
    ).first()
    if row is None:
        abort(404)
    photo, complaint, answer = row
    posts = [complaint] + ([answer] if answer is not None else [])
    public = all(post.is_public for post in posts)
    if not public and not all(permissions.can_see_removed(current_user, p) for p in posts):
        abort(404)
    response = _sandboxed(_body(key, photo.content_type))
    if public:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


@bp.get("/evidence/<id:evidence_id>")
def evidence_file(evidence_id):
    row = db.session.execute(
        sa.select(Evidence, Complaint)
        .join(Complaint, Complaint.id == Evidence.complaint_id)
        .where(Evidence.id == evidence_id)
    ).first()
    # Nobody else learns that the file exists: the same 404 as for no file at all.
    if row is None or not permissions.can_see_private_details(current_user, row.Complaint):
        abort(404)
    evidence = row.Evidence
    response = _body(evidence.key, evidence.content_type)
    response.headers["Content-Disposition"] = _attachment(evidence.filename)
    response.cache_control.private = True
    response.cache_control.no_store = True
    return _sandboxed(response)


def _attachment(filename):
    """``Content-Disposition: attachment`` naming ``filename`` (RFC 6266: an ASCII
    fallback, and the UTF-8 name for the browsers that read it)."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9._ -]", "_", fallback).strip() or "evidence"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@bp.post("/media/photos/<id:photo_id>/remove")
@login_required
def remove_photo(photo_id):
    """Staff take one photo off its post (audit-logged)."""
    form = RemovePhotoForm()
    if not form.validate_on_submit():
        abort(400)
    complaint = services.remove_photo(current_user, photo_id, form.reason.data)
    flash(_("The photo is removed."), "success")
    return redirect(thread_path(complaint, fragment=f"complaint-{complaint.id}"), code=303)


@bp.record_once
def _template_helpers(state):
    state.app.jinja_env.globals["media_url"] = media_url
