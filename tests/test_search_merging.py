"""Small index segments are merged beside the index, swapped in under its lock, and no
change is lost meanwhile (``forum.search.backends.whoosh_merging``)."""

import os
import threading
from contextlib import contextmanager

import sqlalchemy as sa
from whoosh import index

from forum.complaints.models import Complaint
from forum.search.backends import get_backend, whoosh_merging
from forum.search.backends.whoosh_backend import WhooshBackend, thread_fields
from forum.search.backends.whoosh_merging import FACTOR
from forum.uow import write_transaction
from tests.search_fixtures import *  # noqa: F403 - the post fixture
from tests.search_fixtures import change, ids


def segments(whoosh):
    return index.open_dir(whoosh)._segments()


def fail_once(monkeypatch, owner, name, error):
    """``owner.name`` raises ``error`` on its first call, then works; returns a check
    that the failure happened."""
    failures = iter([error])
    original = getattr(owner, name)

    def failing(*args, **kwargs):
        for failure in failures:
            raise failure
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return lambda: next(failures, None) is None


@contextmanager
def built_merge(app, whoosh):
    """A merge built by hand, as ``merge()`` does it (holding the merge lock: a write
    that fills a tier meanwhile starts no other merge)."""
    ix = index.open_dir(whoosh)
    held = ix.storage.lock(whoosh_merging.MERGE_LOCK)
    assert held.acquire(blocking=False)
    scratch = f"{whoosh}.merge-test"
    os.makedirs(scratch)
    try:
        _tier, picked = whoosh_merging.pick(ix._segments(), count=2)
        assert len(picked) >= 2
        with app.app_context():
            merged, places = whoosh_merging._build(ix, ix.schema, picked, scratch, thread_fields)

        def swap():
            return whoosh_merging._swap(
                index.open_dir(whoosh), picked, merged, places, scratch, lock_timeout=5
            )

        yield picked, merged, swap
    finally:
        held.release()


def test_applies_write_a_segment_each_and_sync_merges_them(app, client, whoosh, post):
    threads = [post(f"Kettle number {number} leaks") for number in range(FACTOR - 2)]
    written = len(segments(whoosh))
    assert written >= FACTOR - 2  # no merge below FACTOR segments of a tier
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert len(segments(whoosh)) == 1
    assert sorted(ids(client, "kettle")) == sorted(thread.id for thread in threads)


def test_a_full_tier_is_merged_in_a_thread_after_the_write(app, client, whoosh, post):
    threads = [post(f"Toaster number {number} burns") for number in range(FACTOR + 3)]
    whoosh_merging.merger.join(timeout=30)
    left = segments(whoosh)
    assert len(left) < FACTOR  # the first FACTOR became one; the later ones wait
    assert max(segment.doc_count() for segment in left) >= FACTOR
    assert sorted(ids(client, "toaster")) == sorted(thread.id for thread in threads)


def test_a_merge_that_opens_a_replaced_table_of_contents_reads_the_new_one(
    app, client, whoosh, post, monkeypatch
):
    """Whoosh reads the table of contents when it opens the index: a write committed
    meanwhile deletes the old one. The merge opens the index again and goes on."""
    threads = [post(f"Kettle number {number} leaks") for number in range(FACTOR - 2)]
    happened = fail_once(monkeypatch, index, "open_dir", FileNotFoundError("_MAIN_7.toc"))
    assert merge(app, whoosh) >= 1
    assert happened()  # the race did happen
    assert len(segments(whoosh)) == 1
    assert sorted(ids(client, "kettle")) == sorted(thread.id for thread in threads)


def test_changes_made_while_a_merge_is_built_survive_the_swap(app, client, whoosh, post):
    """A thread updated between the merge's snapshot and its swap (its old version
    deleted from a segment being merged) appears once, in its new version."""
    threads = [post(f"Blender number {number} sparks") for number in range(FACTOR - 1)]
    with app.app_context(), write_transaction() as session:  # its outbox row not yet applied
        session.execute(
            sa.update(Complaint).where(Complaint.id == threads[5].id).values(visibility="hidden")
        )
    with built_merge(app, whoosh) as (picked, merged, swap):
        assert len(picked) == FACTOR - 1
        change(app, threads[2].id, title="Blender number 2 melted")  # deletes in a picked one
        change(app, threads[4].id, visibility="hidden")  # removed from the index
        assert swap()
    left = {segment.segment_id() for segment in segments(whoosh)}
    assert merged.segment_id() in left
    assert not {segment.segment_id() for segment in picked} & left
    # Hidden before the merge read the database (5), after it (4): in neither.
    expected = sorted(thread.id for number, thread in enumerate(threads) if number not in (4, 5))
    assert sorted(ids(client, "blender")) == expected
    assert ids(client, "melted") == [threads[2].id]
    assert threads[2].id not in ids(client, "sparks")
    with index.open_dir(whoosh).searcher() as searcher:
        assert searcher.doc_count() == len(expected)


def test_a_merge_gives_up_when_its_segments_are_gone(app, client, whoosh, post):
    threads = [post(f"Heater number {number} rattles") for number in range(3)]
    with built_merge(app, whoosh) as (_picked, _merged, swap):
        with app.app_context():
            get_backend().rebuild()  # a new index: the picked segments are gone
        assert not swap()
    assert sorted(ids(client, "heater")) == sorted(thread.id for thread in threads)


def merge(app, whoosh):
    with app.app_context():
        return whoosh_merging.merge(whoosh, thread_fields, count=2)


def test_only_one_merge_runs_at_a_time(app, whoosh, post):
    for number in range(FACTOR - 1):
        post(f"Fan number {number} hums")
    storage = index.open_dir(whoosh).storage
    held = storage.lock(whoosh_merging.MERGE_LOCK)
    assert held.acquire(blocking=False)
    try:
        assert merge(app, whoosh) == 0  # another merge holds the lock
        assert len(segments(whoosh)) >= FACTOR - 1
    finally:
        held.release()
    assert merge(app, whoosh) >= 1
    assert len(segments(whoosh)) == 1


def test_a_searcher_caught_between_two_tables_of_contents_reads_them_again(
    app, whoosh, post, monkeypatch
):
    """A commit or a swap can delete the files a searcher is about to open: the next
    table of contents is read, and search carries on (no database fallback)."""
    from forum.search.backends import whoosh_backend
    from forum.search.backends.whoosh_backend import _searchers

    post("Kettle number one leaks")
    searcher = _searchers.get(whoosh)
    post("Kettle number two leaks")  # the kept searcher is out of date now
    # The new segment's files are gone when its reader opens them.
    happened = fail_once(monkeypatch, whoosh_backend, "open_reader", FileNotFoundError("x.trm"))
    fresh = _searchers.get(whoosh)
    assert happened()
    assert fresh is not searcher and fresh.up_to_date()
    assert fresh.doc_count() == 2


def test_a_searcher_whose_segment_files_go_missing_leaves_no_file_open(
    app, whoosh, post, monkeypatch
):
    """A swap deletes a merged segment's files one by one: a first open that finds the
    second segment's postings gone opens the index again, and closes every file it had
    opened on the way (Whoosh's own reader left them to the garbage collector)."""
    from whoosh.filedb.filestore import FileStorage

    from forum.search.backends.whoosh_backend import _searchers

    post("Kettle number one leaks")
    post("Kettle number two leaks")
    _searchers.forget(whoosh)
    second = sorted(segments(whoosh), key=lambda segment: segment.segment_id())[1]
    gone = [f"{second.segment_id()}.pst"]
    opened, original = [], FileStorage.open_file

    def open_file(storage, name, *args, **kwargs):
        if name in gone:
            gone.remove(name)
            raise FileNotFoundError(name)
        opened.append(original(storage, name, *args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(FileStorage, "open_file", open_file)
    assert _searchers.get(whoosh).doc_count() == 2
    assert not gone  # the race did happen
    _searchers.forget(whoosh)
    assert [file for file in opened if not file.is_closed] == []


def test_a_first_open_caught_between_two_tables_of_contents_reads_them_again(
    app, client, whoosh, post, monkeypatch
):
    """The same race on a process's first open of the index: the search still answers
    from the index, not from the database fallback."""
    from forum.search.backends.whoosh_backend import _searchers

    thread = post("Kettle number one leaks")
    _searchers.forget(whoosh)
    happened = fail_once(monkeypatch, index, "open_dir", FileNotFoundError("_MAIN_7.toc"))
    response = client.get("/search", query_string={"q": "kettle"})
    assert happened()  # the race did happen
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "data-search-degraded" not in response.text


def test_a_search_whose_segment_was_merged_away_searches_again(
    app, client, whoosh, post, monkeypatch
):
    """Whoosh opens a segment's stored fields on first use: when a merge elsewhere has
    deleted that file, the search is run again on the new table of contents."""
    from whoosh.reading import SegmentReader

    thread = post("Kettle number one leaks")
    error = TypeError("'NoneType' object is not subscriptable")
    happened = fail_once(monkeypatch, SegmentReader, "stored_fields", error)
    response = client.get("/search", query_string={"q": "kettle"})
    assert happened()
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "data-search-degraded" not in response.text


def test_a_kept_searcher_keeps_the_readers_of_unchanged_segments(app, client, whoosh, post):
    """After a write, only the segments that changed are opened again: a new one, and
    one whose thread was updated (its old version deleted there). The replaced readers
    are closed, and the updated thread is found once, in its new version."""
    from forum.search.backends.whoosh_backend import _searchers

    kettle, toaster = post("Kettle number one leaks"), post("Toaster number two burns")
    before = _searchers.get(whoosh)
    leaves = {leaf.segment().segment_id(): leaf for leaf, _ in before.reader().leaf_readers()}
    assert len(leaves) == 2
    change(app, kettle.id, title="Kettle number one sparks")
    after = _searchers.get(whoosh)
    assert after is not before and after.up_to_date()
    now = {leaf.segment().segment_id(): leaf for leaf, _ in after.reader().leaf_readers()}
    assert len(now) == 3
    kept = [name for name in now if now[name] is leaves.get(name)]
    assert len(kept) == 1 and now[kept[0]].segment().deleted_count() == 0  # the toaster's
    replaced = next(name for name in leaves if name not in kept)
    assert leaves[replaced].is_closed and not now[replaced].is_closed
    assert now[replaced].segment().deleted_count() == 1
    assert ids(client, "kettle") == [kettle.id]
    assert ids(client, "sparks") == [kettle.id] and ids(client, "leaks") == []
    assert ids(client, "toaster") == [toaster.id]


def test_a_merge_waits_while_its_process_holds_the_writer_lock(app, whoosh, post, monkeypatch):
    """The work every process's changes wait on is not shared with this process's
    merge: its pauses wait while an apply holds the lock (at most ``PAUSE_LIMIT``)."""
    merger = whoosh_merging.Merger()
    merger.pause()  # nothing held: no wait
    # A limit no loaded machine reaches: the pause ends when the lock is let go.
    monkeypatch.setattr(whoosh_merging, "PAUSE_LIMIT", 600)
    with merger.holding_lock():
        waiting = threading.Thread(target=merger.pause)
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive()
    waiting.join(60)
    assert not waiting.is_alive()
    monkeypatch.setattr(whoosh_merging, "PAUSE_LIMIT", 0.05)
    with merger.holding_lock():
        # A process applying round after round still lets its merge on.
        bounded = threading.Thread(target=merger.pause)
        bounded.start()
        bounded.join(60)
        assert not bounded.is_alive()

    # An apply holds it for each round; a merge pauses as it indexes and before writing.
    held = []
    write_rows = WhooshBackend._write_rows

    def recording(writer):
        held.append(whoosh_merging.merger._holders)
        return write_rows(writer)

    monkeypatch.setattr(WhooshBackend, "_write_rows", staticmethod(recording))
    for number in range(3):
        post(f"Kettle number {number} leaks")
    assert held == [1, 1, 1]
    pauses = []
    with app.app_context():
        done = whoosh_merging.merge(whoosh, thread_fields, count=2, pause=lambda: pauses.append(1))
    assert done >= 1 and len(pauses) >= 2 * done


def test_a_searcher_kept_from_an_empty_index_opens_its_first_segments(app, client, whoosh, post):
    """A new forum's first search reads an index without segments (an empty reader);
    after the first post the kept searcher opens the new segment, and search answers
    from the index, not from the database fallback."""
    from forum.search.backends.whoosh_backend import _searchers

    assert _searchers.get(whoosh).doc_count() == 0
    thread = post("Kettle number one leaks")
    assert _searchers.get(whoosh).doc_count() == 1
    response = client.get("/search", query_string={"q": "kettle"})
    assert f'data-complaint-id="{thread.id}"' in response.text
    assert "data-search-degraded" not in response.text
