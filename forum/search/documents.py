"""Search documents read from the database: one per public thread.

A document holds the complaint's title and body and its public answers' text, plus the
values search filters and sorts on. Private details, reviews, internal notes and
anything not ``visible`` are never read here, so they can never reach an index.
"""

from collections import defaultdict

import sqlalchemy as sa

from forum.complaints.models import Answer, Complaint
from forum.search.marks import plain

_FIELDS = (
    Complaint.id,
    Complaint.title,
    Complaint.body_source,
    Complaint.category_id,
    Complaint.status,
    Complaint.language,
    Complaint.solved_at,
    Complaint.official_answer_id,
    Complaint.created_at,
    Complaint.vote_count,
)


def _answers(session, ids):
    texts = defaultdict(list)
    if ids:
        rows = session.execute(
            sa.select(Answer.complaint_id, Answer.body_source)
            .where(Answer.complaint_id.in_(ids), Answer.visibility == "visible")
            .order_by(Answer.complaint_id, Answer.created_at, Answer.id)
        )
        for complaint_id, body in rows:
            texts[complaint_id].append(plain(body))
    return texts


def _document(row, answers):
    return {
        "id": str(row.id),
        "title": row.title,
        "body": plain(row.body_source),
        "answers": "\n\n".join(answers),
        "words": row.title + "\n" + row.body_source,
        "category": str(row.category_id),
        "status": row.status,
        "lang": row.language,  # None (not detected): Whoosh leaves the field out
        "solved": row.solved_at is not None,
        "official": row.official_answer_id is not None,
        "created": int(row.created_at.timestamp() * 1_000_000),
        "votes": row.vote_count,
    }


def load(session, complaint_ids):
    """``{id: document or None}``: ``None`` means "not public: remove it"."""
    ids = sorted(set(complaint_ids))
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            sa.select(*_FIELDS).where(Complaint.id.in_(chunk), Complaint.visibility == "visible")
        ).all()
        answers = _answers(session, [row.id for row in rows])
        for row in rows:
            found[row.id] = _document(row, answers[row.id])
    return {complaint_id: found.get(complaint_id) for complaint_id in ids}


def public_count(session):
    """How many threads should be in the index."""
    return session.scalar(
        sa.select(sa.func.count()).select_from(Complaint).where(Complaint.visibility == "visible")
    )


def iterate(session, batch_size=500):
    """Every public thread's document, in batches by id (for a rebuild)."""
    last = 0
    while True:
        rows = session.execute(
            sa.select(*_FIELDS)
            .where(Complaint.id > last, Complaint.visibility == "visible")
            .order_by(Complaint.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return
        answers = _answers(session, [row.id for row in rows])
        for row in rows:
            yield _document(row, answers[row.id])
        last = rows[-1].id
