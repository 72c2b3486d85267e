"""The embedded default: a Whoosh index in the instance folder.

- One document per public thread (``forum.search.documents``), keyed by complaint id.
- Every segment is written with ``compound=False``: opening a searcher then costs under
  a millisecond instead of 100+ ms at 100,000 documents, and a single update-and-commit
  about 5 ms.
- One searcher per process, refreshed per request (free when nothing changed; after a
  change only the changed segments are opened again).
- One writer at a time: the outbox is applied by whoever takes the index's write lock
  within a short timeout; the others leave their rows, and the holder looks again after
  releasing the lock, so no row is stranded. Rows are deleted after the index commit.
- Queries are built from :class:`forum.search.query.ParsedQuery` objects, never parsed
  from user text; collection runs under a time limit.
"""

import atexit
import gc
import heapq
import logging
import os
import shutil
import threading
import time
import warnings
from collections import defaultdict

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session
from whoosh import fields, formats, index
from whoosh.collectors import TimeLimitCollector
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.reading import EmptyReader, MultiReader
from whoosh.searching import Searcher, TimeLimit
from whoosh.support.levenshtein import distance as edit_distance
from whoosh.system import pack_uint

from forum import page_cache
from forum.extensions import db
from forum.search import documents, snippets
from forum.search.analysis import (
    content_analyzer,
    fold,
    matched_spans,
    positioned_tokens,
    spelling_analyzer,
)
from forum.search.backends.base import (
    Hit,
    HitPage,
    IndexUnavailable,
    SearchBackend,
    read_transaction,
    write_intent,
)
from forum.search.backends.whoosh_codec import open_reader, open_writer
from forum.search.backends.whoosh_matching import ThreadWeighting, answers, postings, top
from forum.search.backends.whoosh_merging import FACTOR, crowded, merger
from forum.search.marks import marked_html
from forum.search.models import SearchOutbox

log = logging.getLogger(__name__)

# What a thread's document is matched on: the whole thread, or (similar threads, the
# new-complaint form) the complaint's own words.
THREAD, COMPLAINT = "text", "complaint"
# A thread's neighbouring words as terms, for phrases (see ``WordPairs``).
PAIRS = "pairs"
# The parts of a thread that are stored for snippets (and not indexed on their own).
STORED_PARTS = ("title", "body", "answers")
# A title word counts this many times (BM25F: weights add up before saturation).
TITLE_WEIGHT = 3.0
# Positions left between two parts, so that a phrase never runs from one into the next.
PART_GAP = 100
ANY_WORD_TERMS = 4
# Snippets come from this much of a thread's text (the complaint, then its answers),
# from a window around the first place a query word may be (see ``_Snippets``).
HIGHLIGHT_CHARS = 4000
WINDOW_BEFORE, WINDOW_AFTER = 100, 400
LONGEST_WORD = 40  # characters a window may cut off its last word
FOLDED_FIRST = 1000  # characters folded before the rest is, looking for a query word
BATCH = 200
# Rows arriving while a segment is written join it for this long (see apply_pending).
GATHER_SECONDS = 0.1
MAX_ROUNDS = 50
# Seconds a write waits at most for the writer lock held by another thread of its process.
IN_PROCESS_WAIT = 5.0


class WeightedText(fields.TEXT):
    """A text field indexed as one from ``(tokens, weight)`` parts (``positioned_tokens``).

    A thread is matched on one field instead of one per part: a query of three words
    then intersects three posting lists, not nine, and a match is scored once. The
    title still counts more: each of its words adds ``TITLE_WEIGHT`` to the term's
    weight (the term frequency BM25 scores) where a body word adds 1. Positions (when
    the field keeps them) run on across parts with a gap of ``PART_GAP``.
    """

    def _words(self, parts):
        """``{token: [positions]}`` and ``{token: weight}`` of the parts."""
        places, weights = defaultdict(list), defaultdict(float)
        offset = 0
        for tokens, weight in parts:
            for position, token in tokens:
                places[token].append(offset + position)
                weights[token] += weight
            if tokens:
                offset += tokens[-1][0] + PART_GAP
        return places, weights

    def index(self, value, **kwargs):
        places, weights = self._words(value)
        positions = isinstance(self.format, formats.Positions)
        for word, found in places.items():
            encoded = self.format.encode(found) if positions else pack_uint(len(found))
            yield word.encode("utf-8"), len(found), weights[word], encoded


class WordPairs(WeightedText):
    """Each two neighbouring words of a part as one term ("still wait"), for phrases.

    A phrase is then a term (or, for three words or more, every neighbouring pair of
    it): looked up like a word, where a phrase query on positions reads the positions
    of every thread that has all its words. Pairs skip stop words as the index does
    (a quoted "waiting for the bus" is the pair "wait bus"), and never join two parts.
    """

    def _words(self, parts):
        places, weights = defaultdict(list), defaultdict(float)
        for tokens, weight in parts:
            for (position, first), (_, second) in zip(tokens, tokens[1:], strict=False):
                pair = f"{first} {second}"
                places[pair].append(position)
                weights[pair] += weight
        return places, weights


def schema():
    analyzer = content_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=WeightedText(analyzer=analyzer, phrase=False),
        pairs=WordPairs(analyzer=analyzer, phrase=False),
        complaint=WeightedText(analyzer=analyzer),
        title=fields.STORED,
        body=fields.STORED,
        answers=fields.STORED,
        words=fields.TEXT(analyzer=spelling_analyzer(), phrase=False),
        category=fields.ID,
        status=fields.ID,
        solved=fields.BOOLEAN,
        official=fields.BOOLEAN,
        created=fields.NUMERIC(int, bits=64, sortable=True),
        votes=fields.NUMERIC(int, sortable=True),
    )


def index_fields(document):
    """The fields Whoosh indexes for a thread document (``forum.search.documents``)."""
    title, body, answers = (positioned_tokens(document[name]) for name in STORED_PARTS)
    complaint = ((title, TITLE_WEIGHT), (body, 1.0))
    thread = (*complaint, (answers, 1.0))
    return {**document, THREAD: thread, PAIRS: thread, COMPLAINT: complaint}


class _Snippets:
    """Highlighted title and fragments of a hit, from its stored text.

    The stored parts are not indexed on their own, so the query's words are marked
    wherever the analyzer finds them (stemmed and folded as in the index). Analysing a
    thread's text was most of a search's time, so only a window around the first place
    a query word may occur is analysed (found by a plain substring search of the folded
    text for each word's stem, less its last letter). When the window holds no match
    (the stem was part of another word), the search goes on after it, within the first
    ``HIGHLIGHT_CHARS`` characters: a false lead costs one window, not the whole text.
    """

    def __init__(self, words):
        self.words = words
        self.needles = {word[: max(3, len(word) - 1)] for word in words}

    def _fragments(self, text):
        text = (text or "")[:HIGHLIGHT_CHARS]
        # The beginning first, where a query word mostly is.
        folded = fold(text[:FOLDED_FIRST])
        after = 0
        while True:
            places = [at for at in (folded.find(n, after) for n in self.needles) if at >= 0]
            if not places and len(folded) < len(text):
                folded = fold(text)
                continue
            if not places:
                return ""
            first = min(places)
            # From the start of a word before the place (when there is one near it).
            earliest = max(0, first - WINDOW_BEFORE)
            start = earliest and (text.find(" ", earliest, first) + 1 or earliest)
            end = first + WINDOW_AFTER
            spans = matched_spans(text[start:end], self.words)
            if spans:
                # Placed in the whole text: a fragment's context may reach past the window.
                return snippets.fragments(text, [(s + start, e + start, t) for s, e, t in spans])
            # The stem was part of other words only: look on after the window, whose
            # words were all read, but for the last, which the window may have cut.
            after = max(first + 1, end - LONGEST_WORD)

    def fill(self, item, hit):
        title = hit.get("title") or ""
        spans = matched_spans(title, self.words)
        item.title_html = marked_html(snippets.marked(title, spans)) if spans else None
        snippet = self._fragments(hit.get("body"))
        if not snippet:
            snippet = self._fragments(hit.get("answers"))
            item.from_answer = bool(snippet)
        item.snippet_html = marked_html(snippet) if snippet else None


def _count(searcher, query, collector, timed_out, limit):
    """``(total, exact)`` for a finished collection, counting at most ``limit`` matches.

    A top-N collection that skipped blocks which could not reach the top N (Whoosh's
    block-quality optimisation, most of the speed of a common word) has not seen every
    match. Whoosh's ``len(results)`` would then walk all of them again; instead they are
    counted (unscored; filters and exclusions are part of the query) up to ``limit``,
    and a bigger total is shown as "more than ``limit``", as forums do. The index's
    document-frequency estimates were 50–100 % off, too far for "about". After a
    timeout the total is the matches seen, also a lower bound.
    """
    seen = getattr(collector, "total", None)
    if seen is None:  # a sorting collector keeps every match it is given
        seen = len(collector.items)
    if timed_out:
        return seen, False
    # Nothing is skipped before the top N is full: then every match was seen.
    if collector.computes_count() or seen < collector.limit:
        return seen, True
    if seen > limit:  # more were scored than the count shows
        return limit, False
    counted = 0
    # Walked with each segment's matcher, which skips ahead lazily; ``docs_for_query``
    # would first collect every id of each word of an AND query.
    for leaf, _offset in searcher.leaf_searchers():
        matcher = query.matcher(leaf)
        while matcher.is_active():
            counted += 1
            if counted > limit:
                return limit, False
            matcher.next()
    return counted, True


class _TimeLimited(TimeLimitCollector):
    """Checks the clock on every collected document, however it is fed."""

    def collect(self, sub_docnum):
        if self.timedout:
            raise TimeLimit
        return self.child.collect(sub_docnum)


class _Searchers:
    """One open index and searcher per index folder in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open = {}

    def get(self, path, attempts=3):
        with self.lock:
            for attempt in range(attempts):
                try:
                    return self._get(path)
                except IndexUnavailable:
                    self._drop(path)
                    raise
                except FileNotFoundError as error:
                    # A commit replaced the table of contents, or a merge the segments,
                    # between reading the one and opening the other: read them again.
                    self._drop(path)
                    if attempt == attempts - 1:
                        raise IndexUnavailable(str(error)) from error
                except Exception as error:  # missing, truncated or corrupt files
                    self._drop(path)
                    raise IndexUnavailable(str(error)) from error
        return None

    def _get(self, path):
        entry = self.open.get(path)
        folder = _folder_identity(path)
        if entry is not None and entry[2] != folder:
            # A rebuild swapped a new folder in. Its generation numbers start again,
            # so up_to_date() cannot tell: the folder's identity can.
            self._drop(path)
            entry = None
        if entry is None:
            ix = _open_index(path)
            if set(ix.schema.names()) != set(schema().names()):
                raise IndexUnavailable("the index was built for another schema")
            # Not ix.searcher(): Whoosh's reader leaves the segments it opened open
            # when a later one's files are gone (a merge's swap deleted them).
            entry = [ix, _refreshed(ix, None), folder]
            if len(self.open) >= 8:
                self._close_all()
            self.open[path] = entry
        elif not entry[1].up_to_date():
            entry[1] = _refreshed(entry[0], entry[1])
        return entry[1]

    def _drop(self, path):
        entry = self.open.pop(path, None)
        if entry is not None:
            try:
                entry[1].close()
            except Exception:  # noqa: BLE001, S110 - closing a broken searcher
                pass

    def _close_all(self):
        for path in list(self.open):
            self._drop(path)

    def close_all(self):
        with self.lock:
            self._close_all()

    def forget(self, path):
        with self.lock:
            self._drop(path)


def _refreshed(ix, searcher):
    """A searcher over the index's latest segments that keeps ``searcher``'s readers of
    the segments unchanged since (same segment, same deletions), and closes the others
    (``searcher`` ``None``: a first open). When a segment's files are gone, the readers
    opened so far are closed before the error goes on.

    Opening a segment's reader costs about a quarter of a millisecond (its term table),
    and under writes an index has dozens of segments: opening them all after every
    change added 13-16 ms at 58 segments to the next search in every worker. Whoosh's
    own ``refresh()`` keeps a reader by its segment's name alone, so a segment with new
    deletions (an updated thread's old version) would still show the deleted thread,
    and it does not close the replaced readers.
    """
    toc = ix._read_toc()
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()] if searcher else []
    # An index without segments reads through an empty reader, which has no segment.
    kept = {leaf.segment().segment_id(): leaf for leaf in leaves if leaf.segment() is not None}
    readers, opened = [], []
    try:
        for segment in toc.segments:
            leaf = kept.get(segment.segment_id())
            # A segment's deletions only grow: the same count is the same deletions.
            if leaf is not None and leaf.segment().deleted_count() == segment.deleted_count():
                del kept[segment.segment_id()]
            else:
                leaf = open_reader(ix.storage, toc.schema, segment, generation=toc.generation)
                opened.append(leaf)
            readers.append(leaf)
    except BaseException:
        for leaf in opened:
            leaf.close()
        raise
    for leaf in kept.values():  # merged away, or with new deletions
        leaf.close()
    # A multi-reader even for one segment: its generation is the table's, which is
    # how the searcher knows it is up to date.
    reader = MultiReader(readers, generation=toc.generation) if readers else EmptyReader(toc.schema)
    return Searcher(reader, fromindex=ix, weighting=ThreadWeighting())


_searchers = _Searchers()
atexit.register(_searchers.close_all)


def _folder_identity(path):
    """The index folder's device and inode: a rebuild's swap gives a new one."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _open_index(path, timeout=None):
    """The index at ``path`` (or a writer for it, when ``timeout`` is given).

    Raises :class:`IndexUnavailable` when it is missing or corrupt, ``LockError`` when
    another process holds the writer lock past ``timeout``.
    """
    if not os.path.isdir(path) or not any(name.endswith(".toc") for name in os.listdir(path)):
        raise IndexUnavailable(f"no search index in {path}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = index.open_dir(path)
            return ix if timeout is None else open_writer(ix, timeout=timeout)
        except LockError:
            raise
        except FileNotFoundError as error:
            if timeout is not None:
                raise IndexUnavailable(f"FileNotFoundError: {error}") from None
            # A commit or a merge replaced the table of contents while it was read (the
            # files it named are gone): the searchers read the new one (_Searchers.get).
            raise
        except Exception as error:  # noqa: BLE001 - missing, truncated or corrupt files
            failure = f"{type(error).__name__}: {error}"
        # Whoosh leaves the table of contents open when reading fails; the stream lived
        # on in the traceback just dropped. Collect it now, silently, on failure only: a
        # collection costs tens of milliseconds, too much for every successful open.
        gc.collect()
    raise IndexUnavailable(failure)


def index_dir():
    """``SEARCH_INDEX_DIR``, or ``search-index`` in the instance folder (read at use time)."""
    return current_app.config.get("SEARCH_INDEX_DIR") or os.path.join(
        current_app.instance_path, "search-index"
    )


def _text_query(term, field):
    tokens = term.tokens
    if len(tokens) == 1:
        return Term(field, tokens[0])
    if field == THREAD:
        pairs = [Term(PAIRS, f"{a} {b}") for a, b in zip(tokens, tokens[1:], strict=False)]
        return pairs[0] if len(pairs) == 1 else And(pairs)
    return Phrase(field, list(tokens))


def _rarest(reader, terms, field, keep):
    """The ``keep`` terms found in the fewest documents: they say most about a text, and
    an any-word query over common words walks most of the index."""

    def frequency(term):
        return min(reader.doc_frequency(field, token) for token in term.tokens)

    return sorted(terms, key=frequency)[:keep]


def build_query(parsed, any_word=False, in_answers=True, reader=None, filters=(), exclude_id=None):
    """The Whoosh query for a parsed query: all (or any) terms, minus the exclusions.

    Without ``in_answers`` only the complaint's own title and body are matched. An
    any-word query (similar threads) keeps only its ``ANY_WORD_TERMS`` rarest terms when
    given the ``reader`` to count them. ``filters`` (category, status, solved: unscored
    fields, so each adds the same weight to every match and the order is unchanged) and
    ``exclude_id`` are part of the query: matching skips ahead in their posting lists
    instead of testing every match against a set of allowed documents. (Whoosh's
    ``Require`` would leave the filters out of the score, but its matcher fails an
    assertion when skipping low-scoring blocks lands on a filter's document.)
    """
    field = THREAD if in_answers else COMPLAINT
    terms = parsed.required
    if any_word and reader is not None and len(terms) > ANY_WORD_TERMS:
        terms = _rarest(reader, terms, field, ANY_WORD_TERMS)
    required = [_text_query(term, field) for term in terms]
    query = Or(required) if any_word else And(required)
    if filters:
        query = And([query, *filters])
    unwanted = [_text_query(term, field) for term in parsed.excluded]
    if exclude_id is not None:
        unwanted.append(Term("id", str(exclude_id)))
    if unwanted:
        query = AndNot(query, Or(unwanted))
    return query


def _alike_in(leaf, clues, exclude_id, solved, offset):
    """``[(weight held, global docnum, frozenset of tokens held)]`` in one segment."""
    reader = leaf.reader()
    held = defaultdict(set)
    for clue in clues:
        for docnum in postings(reader, COMPLAINT, clue.token, weights=False)[0]:
            held[docnum].add(clue.token)
    if not held:
        return []
    unwanted = set(reader.deleted_docs_set) if reader.has_deletions() else set()
    if exclude_id is not None:
        unwanted.update(leaf.docs_for_query(Term("id", str(exclude_id))))
    wanted = set(leaf.docs_for_query(Term("solved", True))) if solved else None
    weights = {clue.token: clue.weight for clue in clues}
    return [
        (sum(weights[token] for token in tokens), offset + docnum, frozenset(tokens))
        for docnum, tokens in held.items()
        if docnum not in unwanted and (wanted is None or docnum in wanted)
    ]


def query_words(parsed):
    """The index tokens the highlighter marks: those of the required terms."""
    return frozenset(token for term in parsed.required for token in term.tokens)


class WhooshBackend(SearchBackend):
    name = "whoosh"

    # --- reading -----------------------------------------------------------------

    def search(
        self,
        parsed,
        *,
        any_word=False,
        category_id=None,
        status=None,
        solved=False,
        sort="relevance",
        page=1,
        per_page=20,
        highlight=True,
        exclude_id=None,
        in_answers=True,
    ):
        options = dict(locals())
        del options["self"]
        for attempt in range(2):
            searcher = _searchers.get(index_dir())
            try:
                return self._search(searcher, **options)
            except (OSError, TypeError) as error:
                # A merge elsewhere removed a segment this searcher had not read yet
                # (Whoosh opens some of a segment's files on first use): a searcher
                # of the new table of contents has the merged segment instead.
                _searchers.forget(index_dir())
                if attempt:
                    raise IndexUnavailable(f"{type(error).__name__}: {error}") from error
        return None

    def _search(
        self,
        searcher,
        parsed,
        *,
        any_word,
        category_id,
        status,
        solved,
        sort,
        page,
        per_page,
        highlight,
        exclude_id,
        in_answers,
    ):
        filters = []
        if category_id is not None:
            filters.append(Term("category", str(category_id)))
        if status:
            filters.append(Term("status", status))
        if solved:
            filters.append(Term("solved", True))
        sortedby = {"new": "created", "votes": "votes"}.get(sort)
        query = build_query(
            parsed, any_word, in_answers, searcher.reader(), filters, exclude_id or None
        )
        start, limit = (page - 1) * per_page, page * per_page
        count_limit = current_app.config["SEARCH_COUNT_LIMIT"]
        if answers(query):  # every query from the search box (see whoosh_matching)
            total, docnums = top(searcher, query, limit, sortedby)
            found = [searcher.stored_fields(docnum) for docnum in docnums[start:]]
            total, exact, timed_out = min(total, count_limit), total <= count_limit, False
        else:  # any word: similar and related threads
            found, total, exact, timed_out = self._collect(
                searcher, query, limit, sortedby, count_limit
            )
            found = found[start:limit]
        snippets = _Snippets(query_words(parsed)) if highlight else None
        hits = []
        for stored in found:
            item = Hit(int(stored["id"]))
            if snippets:
                snippets.fill(item, stored)
            hits.append(item)
        return HitPage(hits, total, exact, timed_out)

    @staticmethod
    def _collect(searcher, query, limit, sortedby, count_limit):
        """Whoosh's own collection, under ``SEARCH_TIME_LIMIT``: ``(hits, total, exact,
        timed_out)``, the hits being Whoosh's results (read lazily when sliced)."""
        # No matched terms per document (``terms=``): recording them walks every match's
        # matcher tree, and the highlighter works from the query's own words.
        collector = searcher.collector(limit=limit, sortedby=sortedby, reverse=sortedby is not None)
        limited = _TimeLimited(
            collector, timelimit=current_app.config["SEARCH_TIME_LIMIT"], use_alarm=False
        )
        timed_out = False
        try:
            searcher.search_with_collector(query, limited)
        except TimeLimit:
            timed_out = True
            limited.finish()
        total, exact = _count(searcher, query, collector, timed_out, count_limit)
        # Sliced by the caller, never list(results): list() asks len(), which counts
        # every match again.
        return limited.results(), total, exact, timed_out

    def suggest(self, words):
        """For each word the index does not hold, its closest word that it does: the
        fewest edits (at most two, the first letter kept), then the most frequent.

        Whoosh's own corrector ranks every word within two edits by frequency alone, so a
        frequent word two edits away beat the one-letter slip ("stovx" became "store",
        not "stove").
        """
        reader = _searchers.get(index_dir()).reader()
        frequency = reader.frequency
        suggestions = {}
        for word in words:
            text = word.lower()
            if " " in text or len(text) < 3 or frequency("words", text):
                continue
            closest = min(
                (
                    (edit_distance(text, found), -frequency("words", found), found)
                    for found in reader.terms_within("words", text, 2, prefix=1)
                ),
                default=None,
            )
            if closest is not None:
                suggestions[word] = closest[2]
        return suggestions

    def frequencies(self, clues, cap):
        """Each segment's term table holds a word's count, the old versions of updated
        threads included (until a merge drops them): in a segment with deletions the
        live postings are counted instead."""
        searcher = _searchers.get(index_dir())
        counts = dict.fromkeys((clue.token for clue in clues), 0)
        for leaf, _offset in searcher.leaf_searchers():
            reader = leaf.reader()
            deleted = set(reader.deleted_docs_set) if reader.has_deletions() else None
            for token in counts:
                if deleted is None:
                    counts[token] += reader.doc_frequency(COMPLAINT, token)
                else:
                    ids = postings(reader, COMPLAINT, token, weights=False)[0]
                    counts[token] += sum(1 for docnum in ids if docnum not in deleted)
        return counts, searcher.doc_count()

    def alike(self, clues, *, exclude_id=None, solved=False, limit=30):
        """Each clue's posting list read whole (``whoosh_matching.postings``), the held
        clues' weights summed per thread: no matcher tree, no BM25 (the caller weighs
        the clues), a few milliseconds for the handful of uncommon words it is given."""
        searcher = _searchers.get(index_dir())
        found = []
        for leaf, offset in searcher.leaf_searchers():
            found.extend(_alike_in(leaf, clues, exclude_id, solved, offset))
        best = heapq.nlargest(limit, found, key=lambda item: item[:2])
        return [(int(searcher.stored_fields(docnum)["id"]), held) for _, docnum, held in best]

    def status(self):
        path = index_dir()
        info = {"backend": self.name, "path": path, "available": False, "documents": None}
        info["size"] = sum(
            os.path.getsize(os.path.join(path, name))
            for name in (os.listdir(path) if os.path.isdir(path) else [])
        )
        try:
            searcher = _searchers.get(path)
        except IndexUnavailable as error:
            info["error"] = str(error)
            return info
        info.update(
            available=True, documents=searcher.doc_count(), segments=len(searcher.leaf_searchers())
        )
        return info

    # --- writing -----------------------------------------------------------------

    def _writer(self, timeout):
        try:
            return _open_index(index_dir(), timeout)
        except (LockError, IndexUnavailable):
            return None

    def apply_pending(self, timeout=0.0, merge=False, hold=None):
        """Apply outbox rows while holding the writer lock; see module doc.

        Rows that arrive while a segment is being written join it (for up to
        ``GATHER_SECONDS``), so that a busy index gets fewer, larger segments. Segments
        are merged beside the index, not under its lock (``whoosh_merging``): in a
        thread once a tier has ``FACTOR`` segments, and with ``merge`` (``flask search
        sync``) here, any two of a tier.

        Rounds go on while rows are pending, for ``hold`` seconds at most (``None``:
        until none is); what is left then is applied in a thread of this process
        (:data:`continuation`), so that a request that took the lock is not kept
        applying every other process's writes before it can answer.
        """
        started = time.monotonic()
        applied, merge_due, left = 0, False, False
        for _ in range(MAX_ROUNDS):
            with merger.holding_lock():
                before = merger.let_go_count()
                writer = self._writer(timeout)
                # Asked after the try: a holder of this process that let go in between
                # would otherwise pass for another process, and the rows be left to it.
                if writer is None and merger.held_by_another_thread(since=before):
                    # This process holds the lock (a merge's swap, or the rows it looks
                    # at after one): its work is short, and rows left to it would be
                    # applied after this write's request answered, so that a search
                    # right after the write would not find it.
                    writer = self._writer(IN_PROCESS_WAIT)
                if writer is None:
                    break
                try:
                    row_ids = self._write_rows(writer)
                    if not row_ids:
                        writer.cancel()
                        break
                    merge_due = crowded(writer.segments, len(row_ids))
                    writer.commit(merge=False)
                except BaseException:
                    if not writer.is_closed:
                        writer.cancel()
                    raise
            _delete_rows(row_ids)
            # Pages kept before the index changed (search results) are out of date now,
            # also when the write that queued these rows committed in another process.
            page_cache.invalidate(page_cache.SEARCH)
            applied += len(row_ids)
            if not _has_pending():
                break
            if hold is not None and time.monotonic() - started > hold:
                left = True
                break
        else:
            left = True
        app = current_app._get_current_object()
        if left:
            continuation.start(app, self, timeout)
        if merge or merge_due:
            count = 2 if merge else FACTOR
            merger.start(app, self, index_dir(), thread_fields, count=count, wait=merge)
        return applied

    @staticmethod
    def _write_rows(writer):
        """Write the documents of pending rows into ``writer``'s segment; their row ids.

        A thread is written once a segment: a row for a thread already written ends
        the gathering (a document added to the segment being written cannot be
        replaced in it), and is left for the next one. The old versions are found
        with one searcher for the round, where Whoosh's ``update_document`` opens one
        over every segment for each document (a quarter of a millisecond a segment).
        """
        row_ids, written, last = [], set(), 0
        until = time.monotonic() + GATHER_SECONDS
        with writer.searcher() as searcher:
            while True:
                with read_transaction(), Session(db.engine) as session:
                    rows = session.execute(
                        sa.select(SearchOutbox.id, SearchOutbox.complaint_id)
                        .where(SearchOutbox.id > last)
                        .order_by(SearchOutbox.id)
                        .limit(BATCH)
                    ).all()
                    again = next(
                        (n for n, row in enumerate(rows) if row.complaint_id in written), None
                    )
                    rows = rows[:again]
                    docs = documents.load(session, [row.complaint_id for row in rows])
                for complaint_id, document in docs.items():
                    writer.delete_by_term("id", str(complaint_id), searcher=searcher)
                    if document is not None:
                        writer.add_document(**index_fields(document))
                row_ids += [row.id for row in rows]
                written.update(docs)
                if again is not None or not rows or time.monotonic() > until:
                    return row_ids
                last = rows[-1].id

    def rebuild(self, progress=None, batch_size=500):
        """Build a fresh index beside the live one, then swap it in.

        The live index's writer lock is held throughout, so no process applies outbox
        rows to an index about to be replaced; rows that arrive meanwhile are applied
        to the new index at the end.
        """
        path = index_dir()
        building = f"{path}.new-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        os.makedirs(building)
        os.makedirs(path, exist_ok=True)
        live_lock = FileStorage(path).lock("WRITELOCK")
        if not live_lock.acquire(blocking=True):
            raise RuntimeError("Could not lock the search index.")
        started = time.perf_counter()
        count = words = 0
        old = None
        try:
            ix = index.create_in(building, schema())
            with read_transaction(), Session(db.engine) as session:
                last_row = session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0
                writer = open_writer(ix, limitmb=256)
                try:
                    for document in documents.iterate(session, batch_size):
                        writer.add_document(**index_fields(document))
                        count += 1
                        words += sum(len(document[name].split()) for name in STORED_PARTS)
                        if progress:
                            progress(1)
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
            old = f"{path}.old-{os.getpid()}"
            os.rename(path, old)
            os.rename(building, path)
        finally:
            live_lock.release()
        if old:
            shutil.rmtree(old, ignore_errors=True)
        _searchers.forget(path)
        with write_intent(), Session(db.engine) as session:
            session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id <= last_row))
            session.commit()
        seconds = time.perf_counter() - started
        page_cache.invalidate(page_cache.SEARCH)
        self.apply_pending(timeout=5.0)
        return count, words, seconds


class Continuation:
    """Applies the rows an :meth:`WhooshBackend.apply_pending` left when its ``hold``
    was spent, in a thread of this process, until none is pending. One thread at a
    time; a call while it runs makes it look once more before it ends, so that rows
    left just after its last look are not left until the next write."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = None
        self.again = False

    def start(self, app, backend, timeout):
        with self.lock:
            if self.running is not None:
                self.again = True
                return
            self.running = threading.Thread(
                target=self._run, args=(app, backend, timeout), name="search-apply", daemon=True
            )
            self.running.start()

    def _run(self, app, backend, timeout):
        while True:
            try:
                with app.app_context():
                    backend.apply_pending(timeout=timeout)
            except Exception:  # the rows stay queued for the next write or sync
                log.exception("Applying the search outbox failed; the rows stay queued")
            with self.lock:
                if not self.again:
                    self.running = None
                    return
                self.again = False

    def join(self, timeout=None):
        """Wait for this process's thread, if one is running (tests, benches)."""
        running = self.running
        if running is not None:
            running.join(timeout)


continuation = Continuation()
# A process that ends normally (a command, a worker recycled) finishes what it took on.
atexit.register(continuation.join, 10)


def thread_fields(complaint_ids):
    """``{id: index fields}`` of those threads that are public (a merge indexes them
    afresh from the database)."""
    with read_transaction(), Session(db.engine) as session:
        docs = documents.load(session, complaint_ids)
    return {thread: index_fields(doc) for thread, doc in docs.items() if doc is not None}


def _delete_rows(ids):
    with write_intent(), Session(db.engine) as session:
        session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_(ids)))
        session.commit()


def _has_pending():
    with read_transaction(), Session(db.engine) as session:
        return session.scalar(sa.select(SearchOutbox.id).limit(1)) is not None
