"""Waiting for the work the app does in threads of its own, so that none outlives a test.

The search index is updated after a request in two kinds of thread (docs/search.md): the
outbox rows a write left (``continuation``) and segment merges (``merger``). Each may
start the other, so waiting for one and then the other is not enough: a merge's swap can
leave rows to a new continuation, whose write can start a new merge. A thread left
running touches the database and the index after its test ended, under the next test.
"""

import time

from forum.search.backends.whoosh_backend import continuation
from forum.search.backends.whoosh_merging import merger

# A generous bound on a loaded machine: reaching it means a thread is stuck, not slow.
DEADLINE_SECONDS = 300


def running_threads():
    """The app's background threads now alive in this process."""
    threads = (continuation.running, merger.running)
    return [thread for thread in threads if thread is not None and thread.is_alive()]


def drain_background_work(deadline_seconds=DEADLINE_SECONDS):
    """Wait until no background thread of the app runs, including those that a finishing
    thread started; raise ``RuntimeError`` naming them if they are still running at the
    deadline. A thread starts the next one before it ends, so when none is alive there is
    no work left."""
    deadline = time.monotonic() + deadline_seconds
    while threads := running_threads():
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if time.monotonic() >= deadline and running_threads():
            names = ", ".join(thread.name for thread in running_threads())
            raise RuntimeError(f"background work still running after {deadline_seconds} s: {names}")
