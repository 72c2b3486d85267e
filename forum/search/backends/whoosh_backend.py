"""The embedded default: a Whoosh index in the instance folder.

- One document per public thread (``forum.search.documents``), keyed by complaint id.
- Every segment is written with ``compound=False``: opening a searcher then costs under
  a millisecond instead of 100+ ms at 100,000 documents, and a single update-and-commit
  about 5 ms.
- One searcher per process, refreshed per request (free when nothing changed).
- One writer at a time: the outbox is applied by whoever takes the index's write lock
  within a short timeout; the others leave their rows, and the holder looks again after
  releasing the lock, so no row is stranded. Rows are deleted after the index commit.
- Queries are built from :class:`forum.search.query.ParsedQuery` objects, never parsed
  from user text; collection runs under a time limit.
"""

import atexit
import gc
import os
import shutil
import threading
import time
import warnings

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session
from whoosh import fields, index
from whoosh.collectors import FilterCollector, TimeLimitCollector
from whoosh.filedb.filestore import FileStorage
from whoosh.highlight import ContextFragmenter, Formatter, Highlighter, WholeFragmenter
from whoosh.index import LockError
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.searching import TimeLimit

from forum import page_cache
from forum.extensions import db
from forum.search import documents
from forum.search.analysis import content_analyzer, spelling_analyzer
from forum.search.backends.base import (
    START,
    STOP,
    Hit,
    HitPage,
    IndexUnavailable,
    SearchBackend,
    marked_html,
    read_transaction,
    write_intent,
)
from forum.search.models import SearchOutbox

TEXT_FIELDS = ("title", "body", "answers")
COMPLAINT_FIELDS = ("title", "body")
ANY_WORD_TERMS = 4
# Snippets come from this much of a thread's text (the complaint, then its answers).
HIGHLIGHT_CHARS = 4000
BATCH = 200
MAX_ROUNDS = 50


def schema():
    analyzer = content_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer, stored=True, field_boost=3.0),
        body=fields.TEXT(analyzer=analyzer, stored=True),
        answers=fields.TEXT(analyzer=analyzer, stored=True),
        words=fields.TEXT(analyzer=spelling_analyzer(), phrase=False),
        category=fields.ID,
        status=fields.ID,
        solved=fields.BOOLEAN,
        official=fields.BOOLEAN,
        created=fields.NUMERIC(int, bits=64, sortable=True),
        votes=fields.NUMERIC(int, sortable=True),
    )


class _MarkerFormatter(Formatter):
    """Marks matches with control characters; :func:`marked_html` escapes the rest."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return (
            START
            + self._text(token.text if replace else text[token.startchar : token.endchar])
            + STOP
        )

    def _text(self, text):
        return text.replace(START, "").replace(STOP, "")


def _snippet(lighter, hit, name):
    """The best fragments of field ``name`` around the query's words, from its first
    ``HIGHLIGHT_CHARS`` characters: re-analysing a thread's whole text (all its answers)
    for every hit was most of a search's time."""
    text = hit.get(name)
    if not text:
        return ""
    return lighter.highlight_hit(hit, name, text=text[:HIGHLIGHT_CHARS], top=2)


def _count(searcher, query, collector, filtered, timed_out, limit):
    """``(total, exact)`` for a finished collection, counting at most ``limit`` matches.

    A top-N collection that skipped blocks which could not reach the top N (Whoosh's
    block-quality optimisation, most of the speed of a common word) has not seen every
    match. Whoosh's ``len(results)`` would then walk all of them again; instead they are
    counted (unscored, through the same filter) up to ``limit``, and a bigger total is
    shown as "more than ``limit``", as forums do. The index's document-frequency
    estimates were 50–100 % off, too far for "about". After a timeout the total is the
    matches seen, also a lower bound.
    """
    seen = getattr(collector, "total", None)
    if seen is None:  # a sorting collector keeps every match it is given
        seen = len(collector.items)
    if timed_out:
        return seen, False
    # Nothing is skipped before the top N is full: then every match was seen.
    if collector.computes_count() or seen < collector.limit:
        return seen, True
    allow, restrict = filtered._allow, filtered._restrict
    counted = 0
    # Walked with each segment's matcher, which skips ahead lazily; ``docs_for_query``
    # would first collect every id of each word of an AND query.
    for leaf, offset in searcher.leaf_searchers():
        matcher = query.matcher(leaf)
        while matcher.is_active():
            docnum = offset + matcher.id()
            if (allow is None or docnum in allow) and (restrict is None or docnum not in restrict):
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

    def get(self, path):
        with self.lock:
            entry = self.open.get(path)
            try:
                folder = _folder_identity(path)
                if entry is not None and entry[2] != folder:
                    # A rebuild swapped a new folder in. Its generation numbers start
                    # again, so up_to_date() cannot tell: the folder's identity can.
                    self._drop(path)
                    entry = None
                if entry is None:
                    ix = _open_index(path)
                    if set(ix.schema.names()) != set(schema().names()):
                        raise IndexUnavailable("the index was built for another schema")
                    entry = [ix, ix.searcher(), folder]
                    if len(self.open) >= 8:
                        self._close_all()
                    self.open[path] = entry
                elif not entry[1].up_to_date():
                    # A fresh searcher rather than refresh(): refresh() re-uses segment
                    # readers and leaves the replaced ones open until garbage collection.
                    entry[1].close()
                    entry[1] = entry[0].searcher()
                return entry[1]
            except IndexUnavailable:
                self._drop(path)
                raise
            except Exception as error:  # missing, truncated or corrupt files
                self._drop(path)
                raise IndexUnavailable(str(error)) from error

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
            return ix if timeout is None else ix.writer(timeout=timeout, compound=False)
        except LockError:
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


def _text_query(term, fields=TEXT_FIELDS):
    if len(term.tokens) == 1:
        return Or([Term(name, term.tokens[0]) for name in fields])
    return Or([Phrase(name, list(term.tokens)) for name in fields])


def _rarest(reader, terms, fields, keep):
    """The ``keep`` terms found in the fewest documents: they say most about a text, and
    an any-word query over common words walks most of the index."""

    def frequency(term):
        return min(sum(reader.doc_frequency(f, token) for f in fields) for token in term.tokens)

    return sorted(terms, key=frequency)[:keep]


def build_query(parsed, any_word=False, in_answers=True, reader=None):
    """The Whoosh query for a parsed query: all (or any) terms, minus the exclusions.

    Without ``in_answers`` only the complaint's own title and body are matched. An
    any-word query (similar threads) keeps only its ``ANY_WORD_TERMS`` rarest terms when
    given the ``reader`` to count them.
    """
    fields = TEXT_FIELDS if in_answers else COMPLAINT_FIELDS
    terms = parsed.required
    if any_word and reader is not None and len(terms) > ANY_WORD_TERMS:
        terms = _rarest(reader, terms, fields, ANY_WORD_TERMS)
    required = [_text_query(term, fields) for term in terms]
    query = Or(required) if any_word else And(required)
    if parsed.excluded:
        query = AndNot(query, Or([_text_query(term, fields) for term in parsed.excluded]))
    return query


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
        searcher = _searchers.get(index_dir())
        filters = []
        if category_id is not None:
            filters.append(Term("category", str(category_id)))
        if status:
            filters.append(Term("status", status))
        if solved:
            filters.append(Term("solved", True))
        sortedby = {"new": "created", "votes": "votes"}.get(sort)
        # No matched terms per document (``terms=``): recording them walks every match's
        # matcher tree, and the highlighter works from the query's own terms.
        collector = searcher.collector(
            limit=page * per_page, sortedby=sortedby, reverse=sortedby is not None
        )
        limited = _TimeLimited(
            collector, timelimit=current_app.config["SEARCH_TIME_LIMIT"], use_alarm=False
        )
        # The filter wraps the time limit (Whoosh's TimeLimitCollector would bypass it).
        filtered = FilterCollector(
            limited,
            allow=And(filters) if filters else None,
            restrict=Term("id", str(exclude_id)) if exclude_id else None,
        )
        timed_out = False
        try:
            query = build_query(parsed, any_word, in_answers, searcher.reader())
            searcher.search_with_collector(query, filtered)
        except TimeLimit:
            timed_out = True
            limited.finish()
        results = filtered.results()
        start = (page - 1) * per_page
        hits = []
        body_lighter = title_lighter = None
        if highlight:
            formatter = _MarkerFormatter()
            body_lighter = Highlighter(
                fragmenter=ContextFragmenter(maxchars=200, surround=60), formatter=formatter
            )
            title_lighter = Highlighter(fragmenter=WholeFragmenter(), formatter=formatter)
        # Sliced, not list(results): list() asks len(), which counts every match again.
        for hit in results[start : start + per_page]:
            item = Hit(int(hit["id"]))
            if highlight:
                title = title_lighter.highlight_hit(hit, "title", top=1)
                item.title_html = marked_html(title) if title else None
                snippet = _snippet(body_lighter, hit, "body")
                if not snippet:
                    snippet = _snippet(body_lighter, hit, "answers")
                    item.from_answer = bool(snippet)
                item.snippet_html = marked_html(snippet) if snippet else None
            hits.append(item)
        total, exact = _count(
            searcher,
            query,
            collector,
            filtered,
            timed_out,
            current_app.config["SEARCH_COUNT_LIMIT"],
        )
        return HitPage(hits, total, exact, timed_out)

    def suggest(self, words):
        searcher = _searchers.get(index_dir())
        reader = searcher.reader()
        corrector = searcher.corrector("words")
        suggestions = {}
        for word in words:
            text = word.lower()
            if " " in text or len(text) < 3 or reader.frequency("words", text):
                continue
            found = corrector.suggest(text, limit=1, maxdist=2, prefix=1)
            if found and found[0] != text:
                suggestions[word] = found[0]
        return suggestions

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
        info.update(available=True, documents=searcher.doc_count())
        return info

    # --- writing -----------------------------------------------------------------

    def _writer(self, timeout):
        try:
            return _open_index(index_dir(), timeout)
        except (LockError, IndexUnavailable):
            return None

    def apply_pending(self, timeout=0.0):
        """Apply outbox rows in batches while holding the writer lock; see module doc."""
        applied = 0
        for _ in range(MAX_ROUNDS):
            writer = self._writer(timeout)
            if writer is None:
                return applied
            try:
                with read_transaction(), Session(db.engine) as session:
                    rows = session.execute(
                        sa.select(SearchOutbox.id, SearchOutbox.complaint_id)
                        .order_by(SearchOutbox.id)
                        .limit(BATCH)
                    ).all()
                    docs = documents.load(session, [row.complaint_id for row in rows])
                if not rows:
                    writer.cancel()
                    return applied
                for complaint_id, document in docs.items():
                    if document is None:
                        writer.delete_by_term("id", str(complaint_id))
                    else:
                        writer.update_document(**document)
                writer.commit()
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            _delete_rows([row.id for row in rows])
            # Pages kept before the index changed (search results) are out of date now,
            # also when the write that queued these rows committed in another process.
            page_cache.writes_committed()
            applied += len(rows)
            if not _has_pending():
                return applied
        return applied

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
                writer = ix.writer(limitmb=256, compound=False)
                try:
                    for document in documents.iterate(session, batch_size):
                        writer.add_document(**document)
                        count += 1
                        words += sum(len(document[name].split()) for name in TEXT_FIELDS)
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
        page_cache.writes_committed()
        self.apply_pending(timeout=5.0)
        return count, words, seconds


def _delete_rows(ids):
    with write_intent(), Session(db.engine) as session:
        session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_(ids)))
        session.commit()


def _has_pending():
    with read_transaction(), Session(db.engine) as session:
        return session.scalar(sa.select(SearchOutbox.id).limit(1)) is not None
