"""The outbox under concurrent writers, a broken index, and ``flask search``."""

import multiprocessing
import os
import re
import shutil

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.complaints import services
from forum.complaints.models import Complaint
from forum.extensions import db
from forum.search import outbox
from forum.search.backends import get_backend
from forum.search.backends.whoosh_backend import continuation, index_dir
from tests.background import drain_background_work
from tests.search_fixtures import *  # noqa: F403 - the backend and post fixtures
from tests.search_fixtures import BODY, change, ids  # noqa: F401

PROCESSES = 4


def _write_from_another_process(url, index_path, backend_name, user_id, complaint_ids, barrier):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "SEARCH_INDEX_DIR": index_path,
            "SEARCH_BACKEND": backend_name,
        }
    )
    errors = []
    with app.app_context():
        from forum.accounts.models import User

        user = db.session.get(User, user_id)
        barrier.wait()
        for complaint_id in complaint_ids:
            complaint = db.session.get(Complaint, complaint_id)
            try:
                services.post_answer(user, complaint, f"Answered by zq{user_id}x{complaint_id}")
                services.vote_on_complaint(user, complaint, 1)
            except Exception as error:  # noqa: BLE001 - reported to the parent
                errors.append(repr(error))
        # The rows this process took on and left to its thread (SEARCH_HOLD_SECONDS),
        # as it would finish them at a normal exit (the pool kills its processes).
        continuation.join(60)
        db.engine.dispose()
    return errors


def test_concurrent_writers_from_several_processes_lose_no_update(
    backend, app, client, make_user, post, _schema
):
    complaints = [post(f"Heater number {n} makes a clicking noise") for n in range(6)]
    voters = [make_user() for _ in range(PROCESSES)]
    complaint_ids = [c.id for c in complaints]
    with app.app_context():
        path = index_dir()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with context.Pool(PROCESSES) as pool:
            # With a timeout: a worker that dies (an import failing) loses its task, and
            # a plain starmap would wait for it for ever.
            results = pool.starmap_async(
                _write_from_another_process,
                [(_schema, path, backend, v.id, complaint_ids, barrier) for v in voters],
            ).get(timeout=120)
    assert results == [[]] * PROCESSES
    with app.app_context():
        # The last votes' rows wait for the minute's sync (votes alone apply nothing).
        get_backend().apply_pending(timeout=30)
        assert outbox.pending_count() == 0
    for voter in voters:
        for complaint_id in complaint_ids:
            assert ids(client, f"zq{voter.id}x{complaint_id}") == [complaint_id]
    assert ids(client, "heater", sort="votes")[:1] != []


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_broken_index_falls_back_to_the_database(app, client, whoosh, post, damage):
    thread = post("Dryer takes three hours per load")
    if damage == "missing":
        shutil.rmtree(whoosh)
    else:
        for name in os.listdir(whoosh):
            with open(os.path.join(whoosh, name), "wb") as handle:
                handle.write(b"\x00garbage")
    response = client.get("/search", query_string={"q": "dryer hours"})
    assert response.status_code == 200
    assert "Search is being rebuilt" in response.text
    assert f'data-complaint-id="{thread.id}"' in response.text
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["checks"]["search"] == "degraded"
    # Writes keep working while the index is broken; their rows wait for a rebuild.
    later = post("Dryer drum squeaks loudly")
    with app.app_context():
        assert outbox.pending_count() >= 1
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert ids(client, "dryer") and set(ids(client, "dryer")) == {thread.id, later.id}
    assert "being rebuilt" not in client.get("/search", query_string={"q": "dryer"}).text
    assert client.get("/healthz").get_json()["checks"]["search"] == "ok"


def test_cli_rebuild_sync_and_status(app, client, whoosh, post):
    first = post("Cooker hood filter is clogged")
    runner = app.test_cli_runner()
    # Hold the writer lock, as another process would: the change stays queued.
    from whoosh import index

    writer = index.open_dir(whoosh).writer()
    second = post("Cooker hood lamp flickers")
    writer.cancel()
    with app.app_context():
        assert outbox.pending_count() == 1
    assert ids(client, "lamp flickers") == []
    status = runner.invoke(args=["search", "status"])
    assert status.exit_code == 0
    assert re.search(r"Threads in the DB: 2", status.output)
    assert re.search(r"In the index:\s+1\b", status.output)
    assert re.search(r"Pending changes:\s+1\b", status.output)
    assert re.search(r"Index segments:\s+[12]\b", status.output)
    assert "Index size:" in status.output
    sync = runner.invoke(args=["search", "sync"])
    assert sync.exit_code == 0
    assert "Applied 1 pending" in sync.output
    assert ids(client, "lamp flickers") == [second.id]
    rebuild = runner.invoke(args=["search", "rebuild"])
    assert rebuild.exit_code == 0, rebuild.output
    assert "Indexed 2 threads" in rebuild.output
    assert "documents/s" in rebuild.output
    assert set(ids(client, "cooker hood")) == {first.id, second.id}


def test_rebuild_leaves_out_what_is_not_public(app, client, whoosh, post):
    thread = post("Iron leaks water onto clothes")
    with app.app_context():
        db.session.execute(
            sa.update(Complaint).where(Complaint.id == thread.id).values(visibility="deleted")
        )
        db.session.commit()
    app.test_cli_runner().invoke(args=["search", "rebuild"])
    with app.app_context():
        assert get_backend().status()["documents"] == 0


def _rebuild_in_another_process(url, index_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "SEARCH_INDEX_DIR": index_path,
            "SEARCH_BACKEND": "whoosh",
        }
    )
    with app.app_context():
        get_backend().rebuild()
        db.engine.dispose()


def test_a_worker_sees_the_index_another_process_rebuilt(app, client, whoosh, post, _schema):
    complaint = post("Kettle lid will not stay shut")
    with app.app_context():
        get_backend().rebuild()
    assert ids(client, "kettle") == [complaint.id]  # this process now holds a searcher
    with app.app_context():
        # Changed without an outbox row: only a rebuild brings it to the index.
        db.session.execute(
            sa.update(Complaint)
            .where(Complaint.id == complaint.id)
            .values(title="Toaster burns one side of the bread")
        )
        db.session.commit()
    # Every rebuild starts its index at the same generation, so only the swapped folder
    # tells this process's searcher that it is out of date.
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=_rebuild_in_another_process, args=(_schema, whoosh))
    process.start()
    process.join(60)
    assert process.exitcode == 0
    assert ids(client, "toaster") == [complaint.id]
    assert ids(client, "kettle") == []


def test_a_write_applies_rows_for_its_hold_and_leaves_the_rest_to_a_thread(
    app, client, whoosh, post, monkeypatch
):
    """A request that took the lock is not kept applying every other process's rows:
    after SEARCH_HOLD_SECONDS the rest is applied by a thread of its process."""
    from forum.search.backends import whoosh_backend
    from forum.search.models import SearchOutbox

    thread = post("Freezer ices up every week")
    with app.app_context():
        db.session.execute(sa.update(Complaint).values(title="Freezer ices up, new seal"))
        # Queued as other processes' rows are (not applied here). Read one at a time,
        # and a thread is written once a segment: each row takes a round of its own.
        db.session.add_all([SearchOutbox(complaint_id=thread.id) for _ in range(3)])
        db.session.commit()
        monkeypatch.setattr(whoosh_backend, "BATCH", 1)
        handed = []
        with monkeypatch.context() as patched:
            patched.setattr(whoosh_backend.continuation, "start", lambda *args: handed.append(1))
            assert get_backend().apply_pending(timeout=1, hold=0) == 1
            assert outbox.pending_count() == 2 and handed == [1]
        assert get_backend().apply_pending(timeout=1, hold=0) == 1  # and a real thread
        whoosh_backend.continuation.join(10)
        db.session.rollback()  # a fresh read
        assert outbox.pending_count() == 0
    assert ids(client, "seal") == [thread.id]


def test_the_apply_thread_looks_again_when_asked_while_it_runs(app):
    """Rows left while the thread finishes its last look are not left until the next
    write: a start while it runs makes it apply once more."""
    import threading

    from forum.search.backends.whoosh_backend import Continuation

    release, calls = threading.Event(), []

    class Backend:
        def apply_pending(self, timeout):
            calls.append(timeout)
            release.wait(5)

    applier = Continuation()
    applier.start(app, Backend(), 0.05)
    applier.start(app, Backend(), 0.05)  # while the first apply runs
    release.set()
    applier.join(5)
    assert calls == [0.05, 0.05] and applier.running is None


def _lock_held_by_another_thread(index_path):
    """Another thread of this process holding the index's writer lock (as a merge's swap
    does) until the returned event is set; that thread, and the event."""
    import threading

    from whoosh import index

    from forum.search.backends.whoosh_codec import open_writer
    from forum.search.backends.whoosh_merging import merger

    held, go = threading.Event(), threading.Event()

    def hold():
        with merger.holding_lock():
            writer = open_writer(index.open_dir(index_path), timeout=5)
            held.set()
            go.wait(30)
            writer.cancel()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(30)
    return holder, go


def test_a_write_waits_for_its_own_process_holding_the_lock_and_is_found_at_once(
    app, client, whoosh, post, monkeypatch
):
    """Another thread of the process holds the writer lock past the write's short try
    (a merge's swap, or the rows it applies after it): the write waits for it instead
    of leaving its row to be applied after its request answered, so a search right
    after the write finds it."""
    from forum.search.backends.whoosh_backend import WhooshBackend

    holder, go = _lock_held_by_another_thread(whoosh)
    waits, original = [], WhooshBackend._writer

    def writer(self, timeout):
        if timeout > app.config["SEARCH_LOCK_TIMEOUT"]:  # the wait for this process
            waits.append(timeout)
            go.set()  # the holder lets go while the write waits for it
        return original(self, timeout)

    monkeypatch.setattr(WhooshBackend, "_writer", writer)
    try:
        thread = post("Espresso machine pump is broken")
    finally:
        go.set()
        holder.join(30)
    assert ids(client, "espresso") == [thread.id]
    assert waits


def test_a_late_deletion_of_an_applied_row_never_takes_a_later_one(
    app, client, whoosh, post, monkeypatch
):
    """Two appliers may take the same row: one applies and deletes it while the other's
    round, which read it too, still has its delete to run. When that delete comes after
    the emptied outbox got a new row, it must not take the new one with it: the new
    complaint would never reach search (ids are never reused)."""
    from forum.search.backends.whoosh_backend import WhooshBackend, _delete_rows
    from forum.search.models import SearchOutbox

    monkeypatch.setattr(outbox, "apply_soon", lambda: None)  # the appliers are run here
    backend = WhooshBackend()
    first = post("Dishwasher door will not latch")
    with app.app_context():
        taken = db.session.scalars(sa.select(SearchOutbox.id)).all()
    with app.app_context():
        assert backend.apply_pending() == 1
    second = post("Dishwasher drain pump hums")
    with app.app_context():
        _delete_rows(taken)  # the other applier's delete of the row it also applied
    with app.app_context():
        assert outbox.pending_count() == 1
        assert backend.apply_pending() == 1
    assert sorted(ids(client, "dishwasher")) == sorted([first.id, second.id])


def test_votes_alone_do_not_index_the_thread_again_until_the_sync_takes_them_at_once(
    app, client, whoosh, post, make_user, monkeypatch
):
    """A vote changes only the "most votes" order: its request indexes nothing, and a
    burst of votes on a thread costs it one re-index when the sync takes the rows."""
    from forum.search.backends import whoosh_backend

    voted = post("Toaster lever will not stay down")
    other = post("Toaster crumb tray is stuck")
    change(app, other.id, vote_count=2)  # indexed with its two votes
    # Rows a loaded machine left to the process's thread are applied before the votes.
    drain_background_work()
    indexed = []
    original = whoosh_backend.index_fields

    def index_fields(document):
        indexed.append(document["id"])
        return original(document)

    monkeypatch.setattr(whoosh_backend, "index_fields", index_fields)
    voters = [make_user() for _ in range(4)]
    with app.app_context():
        for voter in voters:
            services.vote_on_complaint(
                db.session.get(type(voter), voter.id), db.session.get(Complaint, voted.id), 1
            )
        assert outbox.pending_count() == 4
    assert indexed == []
    assert ids(client, "toaster", sort="votes") == [other.id, voted.id]  # 0 votes, so far
    with app.app_context():
        assert get_backend().apply_pending(timeout=5) == 4  # what the sync does first
        assert outbox.pending_count() == 0
    assert [str(voted.id)] == [str(x) for x in indexed]
    assert ids(client, "toaster", sort="votes") == [voted.id, other.id]


def test_a_write_whose_holder_let_go_between_its_try_and_its_question_still_waits(
    app, client, whoosh, post, monkeypatch
):
    """The write's short try fails while another thread of its process holds the lock;
    that thread lets go before the write asks who held it. The write must not take the
    holder for another process (and leave its row to nobody): it tries again."""
    from forum.search.backends.whoosh_backend import WhooshBackend

    holder, go = _lock_held_by_another_thread(whoosh)
    original, tries = WhooshBackend._writer, []

    def writer(self, timeout):
        found = original(self, timeout)
        tries.append(found is not None)
        if found is None and len(tries) == 1:
            go.set()  # the holder lets go, and is gone, before the write asks
            holder.join(30)
        return found

    monkeypatch.setattr(WhooshBackend, "_writer", writer)
    try:
        thread = post("Rice cooker lid seal has split")
    finally:
        go.set()
        holder.join(30)
    assert tries[:2] == [False, True]
    assert ids(client, "rice") == [thread.id]
