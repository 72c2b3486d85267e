"""The suite waits for the app's background threads, and for those they start in turn."""

import threading

from forum.search.backends.whoosh_backend import continuation
from forum.search.backends.whoosh_merging import Merger, merger
from tests.background import drain_background_work, running_threads


def test_draining_waits_for_the_outbox_thread_and_the_merge_it_starts(app, monkeypatch):
    done = []
    go = threading.Event()

    def merge(self, app, backend, path, fields_for, count):
        go.wait()
        done.append("merged")

    monkeypatch.setattr(Merger, "_merge", merge)

    class Backend:
        def apply_pending(self, timeout=0.0):
            go.wait()
            done.append("applied")
            merger.start(app, self, "unused", None)  # as a write that left a tier crowded

    continuation.start(app, Backend(), 0.0)
    assert running_threads()  # both wait for the test to let them go
    go.set()
    drain_background_work()
    assert done == ["applied", "merged"]
    assert running_threads() == []


def test_draining_with_nothing_running_returns_at_once(app):
    drain_background_work(deadline_seconds=0)
    assert running_threads() == []
