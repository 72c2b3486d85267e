"""The Whoosh backend's shortcuts give what Whoosh itself would."""

import random

from whoosh import fields, index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query import And, Term

from forum.search.backends import get_backend, whoosh_matching
from tests.search_fixtures import *  # noqa: F403 - the post fixture
from tests.search_fixtures import BODY, change


def _index(tmp_path, count=3000):
    ix = index.create_in(tmp_path, fields.Schema(id=fields.ID(stored=True), text=fields.TEXT))
    with ix.writer() as writer:
        for number in range(count):
            words = [name for name, every in (("three", 3), ("five", 5), ("seven", 7))
                     if number % every == 0]  # fmt: skip
            writer.add_document(id=str(number), text=" ".join(words) or "none")
    return ix


def test_skip_to_bisects_to_the_posting_whooshs_walk_reaches(tmp_path):
    assert W3LeafMatcher.skip_to is whoosh_matching._skip_to_bisecting  # pinned Whoosh
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
                whoosh_matching.WHOOSH_SKIP_TO(theirs, target)
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

    from forum.search.backends.whoosh_backend import build_query, index_dir
    from forum.search.backends.whoosh_matching import ThreadWeighting
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


def test_posting_lists_read_by_block_are_whooshs_postings(tmp_path):
    """Block by block (pinned Whoosh) and posting by posting give the same ids and
    weights, deleted documents included (they are taken out afterwards)."""
    assert whoosh_matching.PINNED
    ix = index.create_in(tmp_path, fields.Schema(id=fields.ID(stored=True), text=fields.TEXT))
    with ix.writer() as writer:
        for number in range(3000):
            words = ["three"] * (number % 3 == 0) * (1 + number % 4) + ["five"] * (number % 5 == 0)
            writer.add_document(id=str(number), text=" ".join(words) or "none")
    with ix.writer() as writer:
        writer.delete_by_term("id", "21")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert reader.has_deletions()
        for word in ("three", "five", "none"):
            ids, weights = whoosh_matching.postings(reader, "text", word)
            walked, expected = reader.postings("text", word).child, []  # no deletions' filter
            while walked.is_active():
                expected.append((walked.id(), walked.weight()))
                walked.next()
            assert len(ids) > 500
            assert list(zip(ids, weights, strict=True)) == expected
        assert 21 in whoosh_matching.postings(reader, "text", "three")[0]
        assert {*whoosh_matching.postings(reader, "text", "three")[1]} == {1.0, 2.0, 3.0, 4.0}
        assert whoosh_matching.postings(reader, "text", "absent") == ((), ())


def test_and_queries_rank_and_count_as_whoosh_does(app, post, make_answer, make_category):
    """``top()`` (posting lists as sets) gives Whoosh's own order and count, for words,
    phrases, filters and exclusions, relevance or newest first, over several segments
    with documents replaced in older ones."""
    from whoosh import index

    from forum.search.backends.whoosh_backend import build_query, index_dir
    from forum.search.query import parse

    app.config["SEARCH_BACKEND"] = "whoosh"
    other = make_category()
    threads = []
    for number in range(14):
        if number == 10:  # the first ten in one segment, then a segment each
            with app.app_context():
                get_backend().rebuild()
        words = (
            ["kettle"] * (1 + number % 3) + ["leaks"] * (number % 2) + ["seal"] * (number % 4 == 0)
        )
        extra = {"category": other} if number % 3 == 0 else {}
        text = " ".join(words)
        threads.append(post(f"{text} number {number}", body=f"{BODY} {text[:12]}", **extra))
    make_answer(threads[2], body="The kettle leaks at the seal, a loose seal.")
    change(app, threads[5].id, title="Kettle leaks, changed title")  # replaced: a deletion
    with app.app_context():
        folder = index_dir()
    with index.open_dir(folder).searcher(weighting=whoosh_matching.ThreadWeighting()) as searcher:
        assert len(searcher.leaf_searchers()) > 1
        assert searcher.reader().has_deletions()
        category = Term("category", str(other.id))
        for text, filters in (("kettle", []), ("kettle leaks", []), ('"kettle leaks"', []),
                              ("kettle -seal", []), ("kettle", [category]),
                              ('kettle -"loose seal"', [category])):  # fmt: skip
            query = build_query(parse(text), filters=filters)
            assert whoosh_matching.answers(query)
            theirs = searcher.search(query, limit=None)
            total, ours = whoosh_matching.top(searcher, query, limit=100)
            assert total == len(theirs) > 0, text
            assert ours == [hit.docnum for hit in theirs], text
            total, first = whoosh_matching.top(searcher, query, limit=3)
            assert total == len(theirs) and first == ours[:3]
            newest = searcher.search(query, limit=None, sortedby="created", reverse=True)
            _, ours = whoosh_matching.top(searcher, query, limit=100, sortedby="created")
            assert ours == [hit.docnum for hit in newest], text
    assert not whoosh_matching.answers(build_query(parse("kettle leaks"), any_word=True))


def test_matched_spans_are_the_tokenizers_matched_words():
    """The highlighter's spans (the word pattern alone for text without CJK characters,
    the query's bigrams looked for in CJK runs) are the tokenizer's tokens whose index
    form is a query word: the same words, places and tokens."""
    from forum.search.analysis import MultilingualTokenizer, index_form, matched_spans, tokens

    words = frozenset(tokens("refund cafe minuten wasserschaden twice 退款 售后服务 门"))

    def expected(text):
        found = []
        for token in MultilingualTokenizer()(text, chars=True, removestops=False):
            if index_form(token.text) in words:
                found.append((token.startchar, token.endchar, index_form(token.text)))
        return found

    latin = "Refunds: «Café» re-opened_twice, 45 Minuten; naïve R2D2 … Wasserschäden! ok"
    assert matched_spans(latin, words) == expected(latin)
    assert [latin[s:e] for s, e, _ in matched_spans(latin, words)] == [
        "Refunds", "Café", "twice", "Minuten", "Wasserschäden",
    ]  # fmt: skip
    mixed = "退款 refund，售后服务太差x门 (门) 退款refund"
    assert matched_spans(mixed, words) == expected(mixed)
    assert [mixed[s:e] for s, e, _ in matched_spans(mixed, words)] == [
        "退款", "refund", "售后", "后服", "服务", "门", "门", "退款", "refund",
    ]  # fmt: skip


def test_many_small_segments_do_not_push_the_big_ones_lengths_out():
    """Lengths are kept up to a number of lengths, not of segments: a busy index's
    dozens of small segments leave the big segment's lengths in memory."""

    class Reader:
        def __init__(self, name, documents):
            self.name, self.documents = name, documents

        def segment(self):
            return self

        def segment_id(self):
            return self.name

        def doc_count_all(self):
            return self.documents

        def doc_field_length(self, docnum, fieldname, default):
            return docnum % 7

    kept = whoosh_matching._Lengths(limit=1_500)
    big = Reader("big", 1_000)
    first = kept.get(big, "text")
    assert list(first[:8]) == [0, 1, 2, 3, 4, 5, 6, 0]
    for _search in range(3):  # each search reads the big segment, then every small one
        assert kept.get(big, "text") is first
        for number in range(200):
            kept.get(Reader(f"small-{number}", 2), "text")
    assert kept.get(big, "text") is first
    assert kept.size <= 1_500
    kept.get(Reader("another-big", 1_000), "text")  # past the bound: the oldest go
    assert kept.size <= 1_500 and ("big", "text") not in kept.kept
