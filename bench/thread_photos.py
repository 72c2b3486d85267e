"""Give one thread of a bench instance 20 photos, as members would post them.

    SECRET_KEY=... DATABASE_URL=... FLASK_UPLOAD_FOLDER=... .venv/bin/python bench/thread_photos.py

``bench/pages.py`` runs it during data preparation. It picks an open, visible thread with
about 5 answers and no photos yet, not one of the threads the bench measures by their
number of answers, then goes through the media services (the same checks
and re-encoding as the forms, at most 6 photos per post): its author edits the complaint
to attach 6 photos, and other members post answers with 6, 6 and 2 more. The photos are
small JPEGs made with Pillow, each a different colour and shape, with a description.
Prints the thread's id (the last line: e-mails to followers may be printed before it).
"""

import io
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import sqlalchemy as sa  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.complaints.models import Complaint  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.media import services as media  # noqa: E402
from forum.media.models import Photo  # noqa: E402

PHOTOS = 20
PER_POST = media.MAX_PHOTOS  # 6
SKIP = ("jamie_r",)  # the bench's member who takes no part in the measured threads


def jpeg(number):
    """A small photo-like JPEG (640×480 or 480×640), different for every ``number``."""
    size = (640, 480) if number % 3 else (480, 640)
    image = Image.new("RGB", size, ((number * 47) % 256, (number * 91) % 256, 160))
    draw = ImageDraw.Draw(image)
    for step in range(6):
        inset = 20 + step * 30
        draw.rectangle(
            (inset, inset, size[0] - inset, size[1] - inset),
            outline=((number * 13 + step * 40) % 256, 30, 60),
            width=6,
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def uploads(first, count, uploader):
    files = [(f"product-{number:02d}.jpg", jpeg(number)) for number in range(first, first + count)]
    alts = [f"Photo {number + 1} of the faulty product" for number in range(first, first + count)]
    return media.check_uploads(photos=files, alts=alts, uploader=uploader)


def nearest(session, answers, *conditions):
    """The visible thread whose answer count is nearest ``answers`` (lowest id first)."""
    return session.scalars(
        sa.select(Complaint)
        .where(Complaint.visibility == "visible", *conditions)
        .order_by(sa.func.abs(Complaint.answer_count - answers), Complaint.id)
        .limit(1)
    ).first()


def pick_thread(session):
    """An open thread with about 5 answers and no photos, other than the threads nearest
    20 and 200 answers that ``bench/pages.py`` measures as they are."""
    measured = [nearest(session, wanted) for wanted in (20, 200)]
    return nearest(
        session,
        5,
        Complaint.locked.is_(False),
        Complaint.id.not_in(sa.select(Photo.complaint_id)),
        Complaint.id.not_in([thread.id for thread in measured if thread is not None]),
    )


def main():
    app = create_app()
    with app.app_context():
        session = db.session
        complaint = pick_thread(session)
        if complaint is None:
            sys.exit("No open, visible thread without photos to give photos to")
        author = session.get(User, complaint.author_id)
        answerers = session.scalars(
            sa.select(User)
            .where(
                User.role == "member",
                User.banned.is_(False),
                User.suspended_until.is_(None),
                User.deleted_at.is_(None),
                User.id != complaint.author_id,
                sa.func.lower(User.username).not_in(SKIP),
            )
            .order_by(User.id.desc())
            .limit(3)
        ).all()
        media.edit_complaint(
            author,
            complaint,
            uploads(0, PER_POST, author),
            title=complaint.title,
            body=complaint.body_source,
            category_id=complaint.category_id,
            desired_outcome=complaint.desired_outcome,
            rating=complaint.rating,
            review=complaint.review or "",
            private_details=complaint.private_details or "",
        )
        posted = PER_POST
        for answerer in answerers:
            count = min(PER_POST, PHOTOS - posted)
            if count <= 0:
                break
            media.post_answer(
                answerer,
                complaint,
                f"Mine looks the same: {count} photos of it below.",
                uploads(posted, count, answerer),
            )
            posted += count
        total = session.scalar(
            sa.select(sa.func.count()).select_from(Photo).where(Photo.complaint_id == complaint.id)
        )
        if total != PHOTOS:
            sys.exit(f"Thread {complaint.id} has {total} photos, not {PHOTOS}")
        print(complaint.id)


if __name__ == "__main__":
    main()
