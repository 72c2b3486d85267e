"""The use cases of photos and evidence: checking uploads, posting them with a complaint or
an answer, removing one, finding the files nothing names any more.

Uploads are checked and re-encoded (:mod:`forum.media.processing`) before the write
transaction starts, so that the database is not held while images are decoded. The files
are written to storage inside the transaction, before its commit; if anything fails, the
transaction rolls back and the files written are deleted again, so a refused or failed
post leaves nothing behind.
"""

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum import audit, permissions, rate_limits, signals
from forum.complaints import services as complaint_services
from forum.complaints import trust
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.errors import Invalid, NotFound, PermissionDenied
from forum.extensions import db
from forum.media import processing
from forum.media.limits import ALT_MAX, MAX_EVIDENCE, MAX_PHOTOS
from forum.media.models import Evidence, Photo
from forum.media.storage import PRIVATE, PUBLIC, get_storage, new_key
from forum.text import clean_text
from forum.uow import after_commit, write_transaction

log = logging.getLogger("forum.media")


@dataclass
class Uploads:
    """Checked uploads, ready to be stored: photos with their alt text, and evidence."""

    photos: list = field(default_factory=list)  # (ProcessedPhoto, alt text)
    evidence: list = field(default_factory=list)  # ProcessedEvidence

    def __bool__(self):
        return bool(self.photos or self.evidence)


def _sent(files):
    """The files actually chosen: a form's empty file inputs arrive without a name or bytes."""
    return [(name, data) for name, data in files if name or data]


def _pair_alt_texts(photos, alts):
    """Each photo with its alt text.

    ``photos`` and ``alts`` come in the form's order, one alt field per file field, empty
    slots included; they are paired slot by slot when they have the same length, else the
    chosen files with the alt texts that were typed, in order.
    """
    if len(photos) == len(alts):
        pairs = [(file, alt) for file, alt in zip(photos, alts, strict=True) if file[0] or file[1]]
    else:
        chosen = _sent(photos)
        typed = [alt for alt in alts if clean_text(alt)]
        typed += [""] * (len(chosen) - len(typed))
        pairs = list(zip(chosen, typed, strict=False))
    return pairs


def _count_uploads(uploader, number):
    """Each file counts against ``UPLOAD_LIMIT_PER_MEMBER`` (new accounts:
    ``UPLOAD_LIMIT_NEW_MEMBER``), before any is decoded. Staff are not limited."""
    if uploader is None or not number or permissions.is_staff(uploader):
        return
    key = "UPLOAD_LIMIT_PER_MEMBER"
    if trust.limits_enabled() and trust.is_new_account(db.session, uploader):
        key = "UPLOAD_LIMIT_NEW_MEMBER"
    for _file in range(number):
        rate_limits.consume(key, uploader.id, doing="upload")


def _too_many_photos():
    return ngettext("Attach at most %(num)d photo.", "Attach at most %(num)d photos.", MAX_PHOTOS)


def _too_many_evidence():
    return ngettext(
        "Attach at most %(num)d evidence file.",
        "Attach at most %(num)d evidence files.",
        MAX_EVIDENCE,
    )


def check_uploads(photos=(), alts=(), evidence=(), uploader=None):
    """:class:`Uploads` from the form's files (``(filename, bytes)`` pairs) and alt texts.

    Raises :class:`~forum.errors.Invalid` for too many files or a missing description,
    :class:`~forum.media.processing.FileRefused` naming the first file refused, and
    :class:`~forum.errors.RateLimited` when ``uploader`` sent too many files lately.
    """
    pairs = _pair_alt_texts(list(photos), list(alts))
    evidence = _sent(list(evidence))
    if len(pairs) > MAX_PHOTOS:
        raise Invalid(
            ngettext("Attach at most %(num)d photo.", "Attach at most %(num)d photos.", MAX_PHOTOS),
            field="photos",
        )
    if len(evidence) > MAX_EVIDENCE:
        raise Invalid(
            ngettext(
                "Attach at most %(num)d evidence file.",
                "Attach at most %(num)d evidence files.",
                MAX_EVIDENCE,
            ),
            field="evidence",
        )
    _count_uploads(uploader, len(pairs) + len(evidence))
    uploads = Uploads()
    for (name, data), alt in pairs:
        alt = " ".join(clean_text(alt).split())
        shown = processing.clean_name(name)
        if not alt:
            raise Invalid(
                _(
                    "“%(name)s”: describe what the photo shows, for people who cannot see it.",
                    name=shown,
                ),
                field="photo_alt",
            )
        if len(alt) > ALT_MAX:
            raise Invalid(
                _(
                    "“%(name)s”: the description may be at most %(max)d characters.",
                    name=shown,
                    max=ALT_MAX,
                ),
                field="photo_alt",
            )
        uploads.photos.append((processing.photo(name, data), alt))
    for name, data in evidence:
        uploads.evidence.append(processing.evidence(name, data))
    return uploads


def _put(storage, written, area, version):
    key = new_key(area, version.ext)
    storage.put(key, version.data, version.content_type)
    written.append(key)
    return key


def _attach(session, storage, written, uploader, complaint, uploads, answer=None, start=0):
    for position, (item, alt) in enumerate(uploads.photos, start=start):
        session.add(
            Photo(
                complaint_id=complaint.id,
                answer_id=answer.id if answer is not None else None,
                uploader_id=uploader.id,
                position=position,
                alt_text=alt,
                content_type=item.display.content_type,
                display_key=_put(storage, written, PUBLIC, item.display),
                display_width=item.display.width,
                display_height=item.display.height,
                thumb_key=_put(storage, written, PUBLIC, item.thumb),
                thumb_width=item.thumb.width,
                thumb_height=item.thumb.height,
            )
        )
    for item in uploads.evidence:
        session.add(
            Evidence(
                complaint_id=complaint.id,
                uploader_id=uploader.id,
                key=_put(storage, written, PRIVATE, item.file),
                kind=item.kind,
                content_type=item.file.content_type,
                filename=item.name,
                size=len(item.file.data),
            )
        )
    session.flush()


def remove_files(keys):
    """Delete stored files; a failure is logged (``flask media gc`` finds what stays)."""
    storage = get_storage()
    for key in keys:
        try:
            storage.delete(key)
        except Exception:  # noqa: BLE001 - never hide the error that led here
            log.exception("Could not delete the stored file %s", key)


def edit_complaint(user, complaint, uploads, remove_photos=(), remove_evidence=(), **values):
    """The author edits their complaint (:func:`forum.complaints.services.edit_complaint`,
    same ``values``), adds the checked ``uploads`` and takes off the photos and evidence
    files whose ids are in ``remove_photos`` and ``remove_evidence``, in one transaction.
    The post keeps at most :data:`MAX_PHOTOS` photos and :data:`MAX_EVIDENCE` files."""
    storage = get_storage()
    written = []
    try:
        with write_transaction() as session:
            complaint_services.edit_complaint(user, complaint, **values)
            photos = session.scalars(
                sa.select(Photo)
                .where(Photo.complaint_id == complaint.id, Photo.answer_id.is_(None))
                .order_by(Photo.position, Photo.id)
            ).all()
            evidence = session.scalars(
                sa.select(Evidence).where(Evidence.complaint_id == complaint.id)
            ).all()
            gone = [row for row in photos if row.id in set(remove_photos)]
            gone += [row for row in evidence if row.id in set(remove_evidence)]
            kept_photos = len(photos) - sum(isinstance(row, Photo) for row in gone)
            kept_evidence = len(evidence) - sum(isinstance(row, Evidence) for row in gone)
            if kept_photos + len(uploads.photos) > MAX_PHOTOS:
                raise Invalid(_too_many_photos(), field="photos")
            if kept_evidence + len(uploads.evidence) > MAX_EVIDENCE:
                raise Invalid(_too_many_evidence(), field="evidence")
            keys = [key for row in gone for key in row.keys]
            for row in gone:
                session.delete(row)
            session.flush()
            start = max((row.position for row in photos), default=-1) + 1
            _attach(session, storage, written, user, complaint, uploads, start=start)
            if keys:
                after_commit(lambda: remove_files(keys))
    except BaseException:
        remove_files(written)
        raise
    return complaint


def edit_answer(user, answer, body, uploads, remove_photos=()):
    """The author edits their answer (:func:`forum.complaints.services.edit_answer`), adds
    the checked photos in ``uploads`` and takes off the answer's photos whose ids are in
    ``remove_photos``, in one transaction. The answer keeps at most :data:`MAX_PHOTOS`
    photos; the files taken off are deleted once the edit is committed."""
    if uploads.evidence:
        raise Invalid(_("Evidence files go with a complaint, not an answer."), field="evidence")
    storage = get_storage()
    written = []
    try:
        with write_transaction() as session:
            answer = complaint_services.edit_answer(user, answer, body)
            photos = session.scalars(
                sa.select(Photo)
                .where(Photo.answer_id == answer.id)
                .order_by(Photo.position, Photo.id)
            ).all()
            gone = [row for row in photos if row.id in set(remove_photos)]
            if len(photos) - len(gone) + len(uploads.photos) > MAX_PHOTOS:
                raise Invalid(_too_many_photos(), field="photos")
            keys = [key for row in gone for key in row.keys]
            for row in gone:
                session.delete(row)
            session.flush()
            if uploads.photos:
                complaint = session.get(Complaint, answer.complaint_id)
                start = max((row.position for row in photos), default=-1) + 1
                _attach(
                    session, storage, written, user, complaint, uploads, answer=answer, start=start
                )
            if keys:
                after_commit(lambda: remove_files(keys))
    except BaseException:
        remove_files(written)
        raise
    return answer


def post_answer(author, complaint, body, uploads):
    """Post an answer (:func:`forum.complaints.services.post_answer`) with its checked
    photos (``uploads``; evidence belongs to complaints only), in one transaction."""
    if uploads.evidence:
        raise Invalid(_("Evidence files go with a complaint, not an answer."), field="evidence")
    if not uploads:
        return complaint_services.post_answer(author, complaint, body)
    storage = get_storage()
    written = []
    try:
        with write_transaction() as session:
            answer = complaint_services.post_answer(author, complaint, body)
            _attach(session, storage, written, author, complaint, uploads, answer=answer)
    except BaseException:
        remove_files(written)
        raise
    return answer


def remove_photo(actor, photo_id, reason=None):
    """Staff remove one photo from its post (the post stays); the audit log keeps its
    description, and the files go once the removal is committed. Returns the thread."""
    if not permissions.is_staff(actor):
        raise PermissionDenied(_("Only staff can remove a photo."))
    with write_transaction() as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise NotFound(_("That photo is gone already."))
        complaint = session.get(Complaint, photo.complaint_id)
        post = session.get(Answer, photo.answer_id) if photo.answer_id else complaint
        target_type = "answer" if photo.answer_id else "complaint"
        audit.record(
            session,
            actor,
            "remove_photo",
            target_type,
            post.id,
            clean_text(reason) or None,
            before={"photo": photo.id, "alt_text": photo.alt_text},
        )
        keys = photo.keys
        session.delete(photo)
        session.flush()
        signals.post_changed.send(post, session=session, complaint=complaint, actor=actor)
        after_commit(lambda: remove_files(keys))
    return complaint


def orphaned_files(older_than):
    """Stored keys no photo or evidence row names, written more than ``older_than`` (a
    timedelta) ago: the files of deleted posts, and of uploads whose transaction died
    before it could delete them. Younger files may belong to a post being written."""
    referenced = set()
    for display, thumb in db.session.execute(sa.select(Photo.display_key, Photo.thumb_key)):
        referenced.update((display, thumb))
    referenced.update(db.session.scalars(sa.select(Evidence.key)))
    db.session.rollback()  # end the read: deleting files can take a while
    cutoff = utcnow() - older_than
    return [
        key for key, written in get_storage().keys() if key not in referenced and written < cutoff
    ]


def create_complaint(author, uploads, **values):
    """Publish a new complaint (:func:`forum.complaints.services.create_complaint`, same
    ``values``) with its checked ``uploads``, in one transaction."""
    if not uploads:
        return complaint_services.create_complaint(author, **values)
    storage = get_storage()
    written = []
    try:
        with write_transaction() as session:
            complaint = complaint_services.create_complaint(author, **values)
            _attach(session, storage, written, author, complaint, uploads)
    except BaseException:
        remove_files(written)
        raise
    return complaint
