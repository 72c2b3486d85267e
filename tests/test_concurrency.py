"""Concurrent writers from several processes lose nothing and never fail on a lock."""

import multiprocessing
import os

import sqlalchemy as sa

from forum import create_app
from forum.complaints import services
from forum.complaints.models import Answer, Complaint, ComplaintVote
from forum.extensions import db

PROCESSES = 4


def _write_from_another_process(url, index_dir, user_id, complaint_ids, barrier):
    # The test's own search index, not one in the project's instance folder.
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir, "TESTING": True}
    )
    errors = []
    with app.app_context():
        from forum.accounts.models import User

        user = db.session.get(User, user_id)
        barrier.wait()
        for complaint_id in complaint_ids:
            complaint = db.session.get(Complaint, complaint_id)
            try:
                # A double click: the same vote twice, then an answer.
                services.vote_on_complaint(user, complaint, 1)
                services.vote_on_complaint(user, complaint, 1)
                services.post_answer(user, complaint, f"Same here, user {user_id}.")
            except Exception as error:  # noqa: BLE001 - reported to the parent
                errors.append(repr(error))
        db.engine.dispose()
    return errors


def test_concurrent_votes_and_answers_from_several_processes(
    app, make_user, make_complaint, _schema
):
    author = make_user()
    complaints = [make_complaint(author=author) for _ in range(15)]
    voters = [make_user() for _ in range(PROCESSES)]
    ids = [c.id for c in complaints]
    index_dir = os.path.join(app.instance_path, "search-index")
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with context.Pool(PROCESSES) as pool:
            # With a timeout: a worker that dies (an import failing) loses its task, and
            # a plain starmap would wait for it for ever.
            results = pool.starmap_async(
                _write_from_another_process,
                [(_schema, index_dir, v.id, ids, barrier) for v in voters],
            ).get(timeout=120)
    assert results == [[]] * PROCESSES
    with app.app_context():
        for complaint_id in ids:
            complaint = db.session.get(Complaint, complaint_id)
            assert complaint.vote_count == PROCESSES
            assert complaint.answer_count == PROCESSES
        total_votes = db.session.scalar(sa.select(sa.func.count()).select_from(ComplaintVote))
        total_answers = db.session.scalar(sa.select(sa.func.count()).select_from(Answer))
    assert total_votes == PROCESSES * len(ids)
    assert total_answers == PROCESSES * len(ids)
