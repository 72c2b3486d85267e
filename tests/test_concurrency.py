"""Concurrent writers from several processes lose nothing and never fail on a lock."""

import multiprocessing
import os
import threading

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.complaints import services
from forum.complaints.models import Answer, Complaint, ComplaintVote
from forum.extensions import db
from forum.notifications.models import Notification
from forum.resolution.models import ComplaintEvent
from tests.conftest import PASSWORD

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


TOGGLES = 6


def _at_once(app, requests):
    """Send ``requests`` (callables taking a test client) from as many threads at once."""
    barrier = threading.Barrier(len(requests))

    def send(request, client, results, index):
        barrier.wait()
        results[index] = request(client).status_code

    clients = [app.test_client() for _ in requests]
    for client in clients:
        client.post("/login", data={"login": "nina", "password": PASSWORD})
    results = [None] * len(requests)
    threads = [
        threading.Thread(target=send, args=(request, client, results, index))
        for index, (request, client) in enumerate(zip(requests, clients, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize(("path", "kind"), [("accept", "accepted"), ("official", "official")])
def test_marking_an_answer_six_times_at_once_marks_it_once(
    app, make_user, make_complaint, make_answer, path, kind
):
    author = make_user("author")
    staff = make_user("nina", role="staff")
    complaint = make_complaint(author=author)
    answer = make_answer(complaint, author=staff, body="Here is the fix: a new part.")
    url = f"/answers/{answer.id}/{path}"
    results = _at_once(app, [lambda c: c.post(url, data={"value": "1"})] * TOGGLES)
    assert results == [303] * TOGGLES
    with app.app_context():
        complaint = db.session.get(Complaint, complaint.id)
        column = "accepted_answer_id" if path == "accept" else "official_answer_id"
        assert getattr(complaint, column) == answer.id
        events = db.session.scalars(
            sa.select(ComplaintEvent.kind).where(ComplaintEvent.complaint_id == complaint.id)
        ).all()
        assert events == [kind]
        told = db.session.scalar(
            sa.select(sa.func.count()).where(
                Notification.user_id == author.id, Notification.kind == kind
            )
        )
        assert told == 1
    # And unmarking six times at once unmarks it once.
    assert _at_once(app, [lambda c: c.post(url, data={"value": "0"})] * TOGGLES) == [303] * TOGGLES
    with app.app_context():
        assert getattr(db.session.get(Complaint, complaint.id), column) is None
        events = db.session.scalars(
            sa.select(ComplaintEvent.kind).where(ComplaintEvent.complaint_id == complaint.id)
        ).all()
        assert sorted(events) == sorted([kind, f"un{kind}"])
