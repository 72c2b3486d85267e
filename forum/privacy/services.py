"""The member's data: the export of everything the site holds about them, and the
deletion of their account.

Both read or write the rows of several features, so they live above them all: features
never import this module.
"""

import secrets

import sqlalchemy as sa

from forum import signals
from forum.accounts.models import User
from forum.accounts.services import RESERVED_PREFIX, require_password, rotate_session
from forum.complaints.models import Answer, AnswerVote, Complaint, ComplaintVote
from forum.db import utcnow
from forum.extensions import db
from forum.mail import MailMessage
from forum.media import services as media
from forum.media.models import Evidence, Photo
from forum.media.queries import media_url
from forum.notifications.models import Follow, Notification
from forum.resolution.models import ReviewRevision
from forum.uow import after_commit, locked, write_transaction
from forum.urls import absolute, path_for


def _iso(value):
    return value.isoformat() if value is not None else None


def export_data(user):
    """Everything the site holds about the member, as JSON-ready data.

    Their own complaints include their private details; nothing of anyone else's private
    data is included.
    """
    session = db.session
    user = session.get(User, user.id)

    def rows(statement):
        return list(session.scalars(statement))

    complaints = rows(
        sa.select(Complaint).where(Complaint.author_id == user.id).order_by(Complaint.id)
    )
    answers = rows(sa.select(Answer).where(Answer.author_id == user.id).order_by(Answer.id))
    return {
        "format": "redress-account-export/1",
        "exported_at": _iso(utcnow()),
        "profile": {
            "id": user.id,
            "username": user.username,
            "email": user.email,
            "role": user.role,
            "created_at": _iso(user.created_at),
            "email_choice": user.email_choice,
            "digest_sent_at": _iso(user.digest_sent_at),
            "password_changed_at": _iso(user.password_changed_at),
            "suspended_until": _iso(user.suspended_until),
            "banned": user.banned,
            "suspension_reason": user.suspension_reason,
        },
        "complaints": [
            {
                "id": c.id,
                "title": c.title,
                "body": c.body_source,
                "category": c.category.name,
                "desired_outcome": c.desired_outcome,
                "rating": c.rating,
                "review": c.review,
                "private_details": c.private_details,
                "status": c.status,
                "visibility": c.visibility,
                "created_at": _iso(c.created_at),
                "edited_at": _iso(c.edited_at),
            }
            for c in complaints
        ],
        "answers": [
            {
                "id": a.id,
                "complaint_id": a.complaint_id,
                "body": a.body_source,
                "visibility": a.visibility,
                "created_at": _iso(a.created_at),
                "edited_at": _iso(a.edited_at),
            }
            for a in answers
        ],
        "votes": {
            "complaints_affecting_me": [
                {"complaint_id": v.complaint_id, "created_at": _iso(v.created_at)}
                for v in rows(sa.select(ComplaintVote).where(ComplaintVote.user_id == user.id))
            ],
            "answers": [
                {"answer_id": v.answer_id, "value": v.value, "created_at": _iso(v.created_at)}
                for v in rows(sa.select(AnswerVote).where(AnswerVote.user_id == user.id))
            ],
        },
        "review_revisions": [
            {
                "complaint_id": r.complaint_id,
                "rating": r.rating,
                "review": r.review,
                "would_return": r.would_return,
                "after_resolution": r.after_resolution,
                "created_at": _iso(r.created_at),
            }
            for r in rows(
                sa.select(ReviewRevision)
                .where(ReviewRevision.author_id == user.id)
                .order_by(ReviewRevision.id)
            )
        ],
        "following": [
            {"complaint_id": f.complaint_id, "since": _iso(f.created_at)}
            for f in rows(sa.select(Follow).where(Follow.user_id == user.id))
        ],
        # The files they uploaded: each photo's address (public), each evidence file's
        # download (for them and staff only).
        "photos": [
            {
                "complaint_id": p.complaint_id,
                "answer_id": p.answer_id,
                "description": p.alt_text,
                "url": media_url(p.display_key, external=True),
                "created_at": _iso(p.created_at),
            }
            for p in rows(sa.select(Photo).where(Photo.uploader_id == user.id).order_by(Photo.id))
        ],
        "evidence": [
            {
                "complaint_id": e.complaint_id,
                "filename": e.filename,
                "size": e.size,
                "url": absolute(path_for("media.evidence_file", evidence_id=e.id)),
                "created_at": _iso(e.created_at),
            }
            for e in rows(
                sa.select(Evidence).where(Evidence.uploader_id == user.id).order_by(Evidence.id)
            )
        ],
        "notifications": [
            {
                "kind": n.kind,
                "message": n.message,
                "url": n.url,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in rows(
                sa.select(Notification)
                .where(Notification.user_id == user.id)
                .order_by(Notification.id)
            )
        ],
    }


def _deleted_names(session, user):
    """The placeholder username and address of a deleted account, taken by no one else.

    New usernames cannot start with ``deleted-``, but one registered before that rule
    could already be ``deleted-<id>``: then a random suffix keeps the name unique.
    """
    name = f"{RESERVED_PREFIX}{user.id}"
    while session.scalar(
        sa.select(User.id).where(
            User.id != user.id,
            sa.or_(
                sa.func.lower(User.username) == name.lower(),
                sa.func.lower(User.email) == f"{name}@invalid.invalid".lower(),
            ),
        )
    ):
        name = f"{RESERVED_PREFIX}{user.id}-{secrets.token_hex(3)}"
    return name, f"{name}@invalid.invalid"


def delete_account(user, password):
    """Delete the member's account: their posts stay, attributed to "deleted user".

    The row is kept (posts, votes and the audit log refer to it) but everything personal
    goes: username and e-mail are replaced, the password can no longer match, every
    session ends, the private details of their complaints are erased, and their
    notifications, follows and queued e-mail are deleted, and so are the photos and
    evidence files they uploaded (the files once the deletion is committed).
    """
    with write_transaction() as session:
        user = locked(User, user.id)
        require_password(user, password)
        if user.is_deleted:
            return user
        user.username, user.email = _deleted_names(session, user)
        # Not a hash werkzeug can match: nothing signs in to this account again.
        user.password_hash = "!deleted:" + secrets.token_urlsafe(24)
        user.deleted_at = utcnow()
        user.email_choice = "off"
        user.unread_notifications = 0
        rotate_session(session, user)
        session.execute(
            sa.update(Complaint).where(Complaint.author_id == user.id).values(private_details=None)
        )
        for model in (Notification, Follow, MailMessage):
            session.execute(sa.delete(model).where(model.user_id == user.id))
        keys = [
            key
            for model in (Photo, Evidence)
            for row in session.scalars(sa.select(model).where(model.uploader_id == user.id))
            for key in row.keys
        ]
        for model in (Photo, Evidence):
            session.execute(sa.delete(model).where(model.uploader_id == user.id))
        if keys:
            after_commit(lambda: media.remove_files(keys))
        signals.member_changed.send(user, session=session)
    return user
