"""How the Whoosh backend matches and scores threads, faster than Whoosh's own walk.

- :class:`ThreadWeighting`: BM25F with each segment's field lengths kept in memory.
- ``skip_to`` bisects within a posting block (only over the pinned Whoosh 2.7.5).
- :func:`top`: an AND query (every word, phrase pair and filter a term; exclusions an
  OR of such) answered from whole posting lists, intersected as sets, with only the
  matches scored. Whoosh walks such a query one posting at a time through a tree of
  matchers, several method calls a posting, in Python; an AND of three common words
  (each in 6–19 % of threads) took 35–40 ms at 100,000 threads, this 10–14 ms, and it
  counts every match exactly on the way.
"""

import heapq
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from itertools import accumulate
from operator import add

import whoosh
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ReadTooFar
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Or, Term

# The parts of Whoosh 2.7.5 read directly (``skip_to`` and posting blocks): after an
# upgrade Whoosh's own methods run until someone compares the two again.
PINNED = whoosh.versionstring() == "2.7.5"


def _skip_to_bisecting(self, targetid):
    """Whoosh's ``W3LeafMatcher.skip_to``, bisecting within the block.

    Whoosh skips whole blocks by their last id, then walks the block one posting at a
    time (three method calls each) to reach the target. An AND of common words, or a
    word and a filter, moves each posting list to the other's next id all the time:
    that walk was the biggest cost of those queries (0.9 s of 1.9 s in a profile of a
    filtered query at 100,000 threads). The block's ids are a sorted sequence, so the
    place is found by ``bisect``; the result is the same posting (see
    ``tests/test_search_speed.py``).
    """
    if not self.is_active():
        raise ReadTooFar
    if targetid <= self.id():
        return
    while targetid > self._maxid:
        self._next_block()
        if not self.is_active():
            return
    if self._ids is None:
        self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i)


WHOOSH_SKIP_TO = W3LeafMatcher.skip_to
if PINNED:
    W3LeafMatcher.skip_to = _skip_to_bisecting


class _Lengths:
    """Each segment's field lengths, read once per process.

    Whoosh's BM25F scorer reads a match's field length from the index file for every
    match (a third of the time a common word took). A segment never changes once
    written, so its lengths are kept by segment id, four bytes a thread and field
    (1.2 MB for the three fields of 100,000 threads; reading one field of them takes a
    worker's first search that needs it 0.2 s); a rebuild's new index or a merge makes
    new segments, and the least recently used are dropped once more than ``limit``
    lengths are kept. The bound is on lengths, not segments: a busy index has dozens of
    small segments, and counting those must not push out the big one every search
    reads.
    """

    def __init__(self, limit=8_000_000):  # 32 MB
        self.limit = limit
        self.size = 0
        self.lock = threading.Lock()
        self.kept = OrderedDict()

    def get(self, reader, fieldname):
        key = (reader.segment().segment_id(), fieldname)
        with self.lock:
            lengths = self.kept.get(key)
            if lengths is not None:
                self.kept.move_to_end(key)
                return lengths
        length = reader.doc_field_length
        lengths = array(
            "I", (length(docnum, fieldname, 0) or 0 for docnum in range(reader.doc_count_all()))
        )
        with self.lock:
            if key not in self.kept:
                self.kept[key] = lengths
                self.size += len(lengths)
            while self.size > self.limit and len(self.kept) > 1:
                _key, dropped = self.kept.popitem(last=False)
                self.size -= len(dropped)
        return lengths


_lengths = _Lengths()


class ThreadWeighting(scoring.BM25F):
    """BM25F, scored with the segment's lengths in memory (:class:`_Lengths`)."""

    def scorer(self, searcher, fieldname, text, qf=1):
        # Lengths are kept per segment: a reader over several (never used for scoring
        # here, where collection runs segment by segment) scores as Whoosh does.
        field = searcher.schema[fieldname]
        if not field.scorable or not searcher.reader().is_atomic():
            return super().scorer(searcher, fieldname, text, qf=qf)
        return _ThreadScorer(searcher, fieldname, text, self.B, self.K1, qf=qf)


class _ThreadScorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        lengths = _lengths.get(searcher.reader(), fieldname)
        # bm25(): idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avgfl))
        scale, fixed, per_word = self.idf * (K1 + 1), K1 * (1 - B), K1 * B / self.avgfl

        def score(matcher):
            weight = matcher.weight()
            return scale * weight / (weight + fixed + per_word * lengths[matcher.id()])

        def scores(docnums, weights):
            """The scores of the documents ``docnums`` with these term ``weights``."""
            return [
                scale * weight / (weight + fixed + per_word * lengths[docnum])
                for docnum, weight in zip(docnums, weights, strict=True)
            ]

        self.score = score
        self.scores = scores


# --- AND queries from whole posting lists --------------------------------------------


def answers(query):
    """Whether :func:`top` answers ``query``: an AND of terms (nested ANDs too: a
    phrase's pairs), less an OR or AND of terms."""
    if isinstance(query, AndNot):
        return _conjunction(query.a) and _terms(query.b)
    return _conjunction(query)


def _conjunction(query):
    if isinstance(query, Term):
        return True
    return type(query) is And and all(map(_conjunction, query.subqueries))


def _terms(query):
    if isinstance(query, Term):
        return True
    return type(query) in (And, Or) and all(map(_terms, query.subqueries))


def postings(reader, fieldname, text, weights=True):
    """``(ids, weights)`` of a term's postings in a segment, deleted documents included.

    Over the pinned Whoosh the list is read block by block (each block's ids are
    stored as differences, summed up here by ``accumulate``); otherwise, and for any
    other matcher, posting by posting.
    """
    if not reader.doc_frequency(fieldname, text):
        return (), ()
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):  # the reader's filter of deleted documents
        matcher = matcher.child
    ids, found = [], array("f")
    if PINNED and type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            matcher._read_data()  # what _read_ids() decodes, less its generator
            block_ids = matcher._data[0]
            ids.extend(block_ids if matcher._byteids else accumulate(block_ids))
            if weights:
                matcher._read_weights()
                found.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            if weights:
                found.append(matcher.weight())
            matcher.next()
    return ids, found


class _Segment:
    """One segment's matches for a query, and the scored terms' postings."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.scored = []  # (term, ids, weights) of each scored term

    def matches(self, query, scored=True):
        """The set of document numbers matching ``query`` (an :func:`answers` query)."""
        if isinstance(query, AndNot):
            found = self.matches(query.a, scored)
            return found - self.matches(query.b, scored=False) if found else found
        if isinstance(query, Or):
            return set().union(*(self.matches(sub, scored) for sub in query.subqueries))
        if isinstance(query, And):
            return self._intersection(query.subqueries, scored)
        return self._intersection([query], scored)

    def _intersection(self, queries, scored):
        frequency = self.reader.doc_frequency
        # Rarest first: the running set only shrinks, and an empty one stops the reading.
        terms = sorted(
            (sub for sub in queries if isinstance(sub, Term)),
            key=lambda term: frequency(term.fieldname, term.text),
        )
        found = None
        for sub in queries:
            if not isinstance(sub, Term):
                found = self._narrow(found, self.matches(sub, scored))
        for term in terms:
            if found is not None and not found:
                break
            score = scored and self.reader.schema[term.fieldname].scorable
            ids, weights = postings(self.reader, term.fieldname, term.text, weights=score)
            if score:
                self.scored.append((term, ids, weights))
            found = set(ids) if found is None else self._narrow(found, ids)
        return found

    @staticmethod
    def _narrow(found, ids):
        if found is None:
            return ids if isinstance(ids, set) else set(ids)
        found.intersection_update(ids)
        return found

    def ranked(self, query, limit, key_column, offset):
        """``(total, best)``: how many live documents match, and the best ``limit`` as
        ``(key, -global docnum)`` pairs (``key``: the score, or ``key_column``'s value)."""
        found = self.matches(query)
        if self.reader.has_deletions():
            found -= self.reader.deleted_docs_set
        if not found:
            return 0, []
        docnums = sorted(found)
        if key_column is not None:
            column = self.reader.column_reader(key_column)
            keys = [column[docnum] for docnum in docnums]
        else:
            keys = [0.0] * len(docnums)
            weighting = self.searcher.weighting
            for term, ids, weights in self.scored:
                weight_of = dict(zip(ids, weights, strict=True))
                scorer = weighting.scorer(self.searcher, term.fieldname, term.text)
                found_weights = map(weight_of.__getitem__, docnums)
                keys = list(map(add, keys, scorer.scores(docnums, found_weights)))
        pairs = zip(keys, [-(offset + docnum) for docnum in docnums], strict=True)
        return len(docnums), heapq.nlargest(limit, pairs)


def top(searcher, query, limit, sortedby=None):
    """``(total, docnums)``: every match of ``query`` (an :func:`answers` query)
    counted, and the global document numbers of the best ``limit``, best first — by
    score, or by ``sortedby``'s value, greatest first; ties in document order, as
    Whoosh's collectors give them."""
    total, best = 0, []
    for leaf, offset in searcher.leaf_searchers():
        count, found = _Segment(leaf).ranked(query, limit, sortedby, offset)
        total += count
        best.extend(found)
    return total, [-negated for _, negated in heapq.nlargest(limit, best)]
