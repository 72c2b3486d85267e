"""The Whoosh backend's shortcuts give what Whoosh itself would."""

import random

from whoosh import fields, index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query import And, Term

from forum.search.backends import get_backend, whoosh_backend
from tests.search_fixtures import *  # noqa: F403 - the post fixture
from tests.search_fixtures import BODY


def _index(tmp_path, count=3000):
    ix = index.create_in(tmp_path, fields.Schema(id=fields.ID(stored=True), text=fields.TEXT))
    with ix.writer() as writer:
        for number in range(count):
            words = [name for name, every in (("three", 3), ("five", 5), ("seven", 7))
                     if number % every == 0]  # fmt: skip
            writer.add_document(id=str(number), text=" ".join(words) or "none")
    return ix


def test_skip_to_bisects_to_the_posting_whooshs_walk_reaches(tmp_path):
    assert W3LeafMatcher.skip_to is whoosh_backend._skip_to_bisecting  # pinned Whoosh
    ix = _index(tmp_path)
    rng = random.Random(5)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in ("three", "five", "seven"):
            ours, theirs = reader.postings("text", word), reader.postings("text", word)
            assert ours.block_max_id() < 2000  # blocks of 128 postings: several per list
            target = 0
            while theirs.is_active():
                target += rng.choice([1, 2, 3, 50, 130, 400])
                whoosh_backend.WHOOSH_SKIP_TO(theirs, target)
                ours.skip_to(target)
                assert ours.is_active() == theirs.is_active()
                if theirs.is_active():
                    assert ours.id() == theirs.id() >= target


def test_an_and_of_long_posting_lists_finds_every_common_document(tmp_path):
    ix = _index(tmp_path)
    with ix.searcher() as searcher:
        found = searcher.search(And([Term("text", "three"), Term("text", "seven")]), limit=None)
        assert sorted(int(hit["id"]) for hit in found) == list(range(0, 3000, 21))


def test_thread_scoring_is_whooshs_bm25f(app, post, make_answer):
    """Scores from the lengths kept in memory equal Whoosh's own BM25F, across segments
    written before and after the lengths were first read."""
    from whoosh import index, scoring

    from forum.search.backends.whoosh_backend import ThreadWeighting, build_query, index_dir
    from forum.search.query import parse

    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        get_backend().rebuild()
    first = post("Kettle leaks", body="The kettle leaks at the base. " + BODY)
    make_answer(first, body="My kettle did that too; the seal was loose, kettle replaced.")
    query = parse("kettle")

    def scores(weighting):
        with app.app_context():
            folder = index_dir()
        with index.open_dir(folder).searcher(weighting=weighting) as searcher:
            results = searcher.search(build_query(query), limit=None)
            return {hit["id"]: round(hit.score, 9) for hit in results}

    assert scores(ThreadWeighting()) == scores(scoring.BM25F())
    post("Kettle switches off", body=BODY)  # a new segment, after the lengths were read
    post("Noisy kettle", body="Kettle kettle kettle. " + BODY)
    found = scores(ThreadWeighting())
    assert len(found) == 3
    assert found == scores(scoring.BM25F())


def test_applying_changes_leaves_merging_to_sync(app, post, monkeypatch):
    """A request's changes are a segment of their own (no merge holding the lock);
    ``flask search sync`` merges the small segments, and so does an apply past
    ``MAX_SEGMENTS``."""
    from whoosh import index

    from forum.search.backends.whoosh_backend import index_dir

    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        get_backend().rebuild()
        folder = index_dir()

    def segments():
        return len(index.open_dir(folder)._segments())

    for number in range(6):
        post(f"Kettle number {number} leaks")
    written = segments()
    assert written >= 6
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert segments() < written
    monkeypatch.setattr(whoosh_backend, "MAX_SEGMENTS", 3)
    before = segments()
    for number in range(6):
        post(f"Toaster number {number} burns")
    assert segments() < before + 6
