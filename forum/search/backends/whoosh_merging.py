"""Merging the Whoosh index's small segments without holding its writer lock.

Every apply of outbox rows writes a segment of its own (a few threads). Whoosh merges
segments inside a writer, holding the index's lock: merging ten one-thread segments
took 0.3 s at 10,000 threads, fifty threads 0.9 s, during which no change could reach
the index (the change-visible p95 went past a second). Here a merge is built beside
the index and only swapped in under the lock (a few milliseconds):

1. Under ``MERGELOCK`` (one merge at a time, across processes), read the table of
   contents and pick segments (:func:`pick`).
2. Index their live threads afresh, read from the database, as one segment of a
   scratch index beside the live one (:func:`_build`), in the picked segments' order.
3. Take the writer lock. If a picked segment is gone (a rebuild), give up. Threads
   deleted from the picked segments meanwhile (an update writes the new version in
   a new segment and deletes the old one) are deleted in the new segment too: their
   places there follow from the order of step 2. Move the new segment's files in and
   commit a table of contents with it in place of the picked ones (and without any
   segment whose every thread was deleted).

Reading a thread from the database rather than from its segment is safe because the
database is the source of truth: a thread changed since its segment was written is
also deleted there by then, or will be by its pending outbox row (step 3 carries the
deletion over).

Segments are merged by tiers of ``FACTOR``: ``FACTOR`` segments of about the same size
(their live threads in the same power of ``FACTOR``) become one, so a thread is
indexed again a few times over its life (the log of the index's size), never on every
write, and the index keeps a few dozen segments at most.
"""

import logging
import math
import os
import shutil
import threading
from contextlib import contextmanager

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from forum.search.backends.whoosh_codec import open_reader, open_writer

log = logging.getLogger(__name__)

FACTOR = 8
MERGE_LOCK = "MERGELOCK"
PAUSE_EVERY = 8  # threads a merge indexes between pauses (Merger.pause)
PAUSE_LIMIT = 1.0  # seconds a pause waits at most


def _tier(documents):
    return int(math.log(max(documents, 1), FACTOR))


def _tiers(segments):
    """Segments by tier; those whose every thread was deleted (updated since) are left
    out: a swap drops them, copying nothing."""
    tiers = {}
    for segment in segments:
        if segment.doc_count():
            tiers.setdefault(_tier(segment.doc_count()), []).append(segment)
    return tiers


def crowded(segments, documents):
    """Whether adding a segment of ``documents`` to ``segments`` leaves a tier to merge."""
    tiers = _tiers(segments)
    if len(tiers.get(_tier(documents), ())) + 1 >= FACTOR:
        return True
    return any(len(group) >= FACTOR for group in tiers.values())


def pick(segments, count=FACTOR, lowest=0):
    """``(tier, segments)`` to merge next: those of the lowest tier from ``lowest`` up
    that has ``count`` or more, or ``(None, [])``. After each write ``count`` is
    ``FACTOR``; ``flask search sync`` (every minute, in its own process) merges any two
    of a tier, leaving one segment a tier."""
    tiers = _tiers(segments)
    for tier in sorted(tiers):
        if tier >= lowest and len(tiers[tier]) >= count:
            return tier, tiers[tier]
    return None, []


def merge(path, fields_for, count=FACTOR, lock_timeout=5.0, swapped=None, pause=None):
    """Merge the segments :func:`pick` chooses, tier after tier, until it chooses none.

    ``fields_for(thread ids)`` gives the index fields of those still public (see
    :func:`_build`); ``swapped()`` is called after each swap, the writer lock just
    released; ``pause()`` every ``PAUSE_EVERY`` threads indexed, and may wait. Returns
    the number of merges done; 0 when another process is merging.
    """
    storage = FileStorage(path)
    merging = storage.lock(MERGE_LOCK)
    if not merging.acquire(blocking=False):
        return 0
    done = 0
    try:
        _remove_scratch(path)
        # Tier by tier, upwards: on a busy index the smallest tier fills again while
        # it is merged, and would otherwise always come first.
        tier = 0
        while (tier := _merge_once(path, fields_for, count, lock_timeout, tier, pause)) is not None:
            done += 1
            tier += 1
            if swapped is not None:
                swapped()
    finally:
        merging.release()
    return done


def _remove_scratch(path):
    """Scratch folders left by a merge that did not finish (its process ended)."""
    parent, name = os.path.split(path)
    for entry in os.listdir(parent or "."):
        if entry.startswith(f"{name}.merge-"):
            shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


def _merge_once(path, fields_for, count, lock_timeout, lowest, pause):
    """Merge the segments of the lowest full tier from ``lowest`` up; that tier, or
    ``None`` when none is full or the merge could not be swapped in."""
    ix, toc = read_toc(path)
    tier, picked = pick(toc.segments, count, lowest)
    if not picked:
        return None
    scratch = f"{path}.merge-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    try:
        merged, places = _build(ix, toc.schema, picked, scratch, fields_for, pause)
        return tier if _swap(ix, picked, merged, places, scratch, lock_timeout) else None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_toc(path, attempts=5):
    """The index and its latest table of contents. Read without the writer lock, the
    table can be replaced (and the old one deleted) between finding it and opening it,
    by Whoosh when it opens the index as well as here: then the newer one is read."""
    for attempt in range(attempts):
        try:
            ix = index.open_dir(path)
            return ix, ix._read_toc()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
    return None


def _build(ix, schema, picked, scratch, fields_for, pause=None):
    """The picked segments' threads, written afresh as one segment in ``scratch``, and
    where each ``(segment id, docnum)`` landed in it.

    Threads are read again from the database (``fields_for``: their index fields by
    id, for those still public) and analysed, not copied with Whoosh's ``add_reader``:
    that copied 19-48 ms a thread (it reads every term of every segment), where
    indexing takes 6-18.
    """
    found = []  # (segment id, docnum, thread id) of each live document, in order
    for segment in picked:
        reader = open_reader(ix.storage, schema, segment)
        try:
            for docnum, stored in reader.iter_docs():
                found.append((segment.segment_id(), docnum, stored["id"]))
        finally:
            reader.close()
    built = index.create_in(scratch, schema, indexname=ix.indexname)
    writer = open_writer(built)
    places = {}
    try:
        for start in range(0, len(found), PAUSE_EVERY):
            if pause is not None:
                pause()
            chunk = found[start : start + PAUSE_EVERY]
            fields = fields_for([int(thread) for _, _, thread in chunk])
            for segment_id, docnum, thread in chunk:
                document = fields.get(int(thread))
                if document is not None:  # no longer public: its removal is on its way
                    places[(segment_id, docnum)] = len(places)
                    writer.add_document(**document)
        if pause is not None:
            pause()
        writer.commit(merge=False)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    segments = built._segments()
    return (segments[0] if segments else None), places


def _swap(ix, picked, merged, places, scratch, lock_timeout):
    """Put ``merged`` (or nothing, when none of its threads was left) in place of the
    picked segments, under the writer lock; ``False`` when they are gone or the lock
    stays taken."""
    with merger.holding_lock():
        try:
            writer = open_writer(ix, timeout=lock_timeout)
        except LockError:
            return False
        return _swap_holding(writer, ix, picked, merged, places, scratch)


def _swap_holding(writer, ix, picked, merged, places, scratch):
    try:
        current = {segment.segment_id(): segment for segment in writer.segments}
        picked_ids = {segment.segment_id() for segment in picked}
        if not picked_ids <= current.keys():
            writer.cancel()
            return False
        if merged is not None:
            for segment in picked:
                before = set(segment.deleted_docs())
                for docnum in set(current[segment.segment_id()].deleted_docs()) - before:
                    place = places.get((segment.segment_id(), docnum))
                    if place is not None:
                        merged.delete_document(place)
            for name in os.listdir(scratch):
                if name.startswith(f"{merged.segment_id()}."):
                    os.rename(os.path.join(scratch, name), os.path.join(ix.storage.folder, name))

        def replace(_writer, segments):
            kept = [s for s in segments if s.segment_id() not in picked_ids and s.doc_count()]
            return kept if merged is None else [*kept, merged]

        writer.commit(mergetype=replace)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    return True


class Merger:
    """Runs :func:`merge` for an app, in a thread of this process, one at a time.

    A request that applied outbox rows starts it and returns at once: the merge takes
    CPU (this process's requests run meanwhile, at about half speed: the two threads
    share the interpreter), and the index's writer lock only for the swap. A
    write that found the lock taken by the swap left its rows to the holder, so after
    each swap the outbox is looked at again. ``wait=True`` merges in the caller
    (``flask search sync``).

    While this process holds the writer lock (:meth:`holding_lock`), which every other
    process's changes wait on, the merge waits at its next pause: with two processes
    posting flat out at 100,000 threads, a lock holder whose merge thread ran beside
    it committed three or four threads in 0.25-0.47 s instead of about 0.1 s.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.running = None
        self._holders = 0
        self._holding = {}  # thread ident: how deep in holding_lock()
        self._let_go = 0  # times a thread came out of holding_lock()
        self._turn = threading.Condition()

    @contextmanager
    def holding_lock(self):
        """Around work done under the index's writer lock in this process (and the try
        to take it: a thread that finds the lock taken can tell whether this process
        holds it, see :meth:`held_by_another_thread`)."""
        me = threading.get_ident()
        with self._turn:
            self._holders += 1
            self._holding[me] = self._holding.get(me, 0) + 1
        try:
            yield
        finally:
            with self._turn:
                self._holders -= 1
                self._holding[me] -= 1
                if not self._holding[me]:
                    del self._holding[me]
                self._let_go += 1
                self._turn.notify_all()

    def let_go_count(self):
        """How many times a thread of this process came out of :meth:`holding_lock`."""
        with self._turn:
            return self._let_go

    def held_by_another_thread(self, since=None):
        """Whether another thread of this process holds (or is taking) the writer lock,
        or (``since``: a :meth:`let_go_count` read before a try of the lock failed)
        held it at that try and has let go since: the lock may be free now."""
        with self._turn:
            if since is not None and self._let_go != since:
                return True
            return any(thread != threading.get_ident() for thread in self._holding)

    def pause(self):
        """Wait while this process holds the writer lock (at most ``PAUSE_LIMIT``
        seconds: a process applying round after round still lets its merge on)."""
        with self._turn:
            self._turn.wait_for(lambda: not self._holders, timeout=PAUSE_LIMIT)

    def start(self, app, backend, path, fields_for, count=FACTOR, wait=False):
        """:func:`merge` the index at ``path`` in a thread (unless one is running), or
        here with ``wait``; after each swap, ``backend.apply_pending()`` applies the
        rows a write left to the swap's lock holder."""
        if wait:
            return self._merge(app, backend, path, fields_for, count)
        with self.lock:
            if self.running is not None and self.running.is_alive():
                return 0
            self.running = threading.Thread(
                target=self._run,
                args=(app, backend, path, fields_for, count),
                name="search-merge",
                daemon=True,
            )
            self.running.start()
        return 0

    def _merge(self, app, backend, path, fields_for, count):
        def look_again():
            backend.apply_pending(timeout=app.config["SEARCH_LOCK_TIMEOUT"])

        with app.app_context():
            return merge(path, fields_for, count, swapped=look_again, pause=self.pause)

    def _run(self, app, backend, path, fields_for, count):
        # At the process's own CPU priority. At the lowest (nice 19) a busy machine
        # starved the merges: with two processes posting flat out at 100,000 threads
        # the index grew from 2 to 41-93 segments in 18 seconds (29-62 at the same
        # priority, four runs each), and every write and every searcher opening pays
        # for each segment. Nor did it spare this process's requests, whose interpreter
        # lock the merge thread shares: a search during a merge took twice as long at
        # either priority (p50 45-47 ms against 23-25, on an idle machine).
        try:
            self._merge(app, backend, path, fields_for, count)
        except Exception:  # a failed merge leaves the index as it was
            log.exception("Merging search index segments failed")

    def join(self, timeout=None):
        """Wait for this process's merge thread, if one is running (tests, benches)."""
        running = self.running
        if running is not None:
            running.join(timeout)


merger = Merger()
