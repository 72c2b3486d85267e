"""What every search backend provides, and the values they return."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from markupsafe import Markup

import forum.db

SORTS = ("relevance", "new", "votes")


class IndexUnavailable(Exception):
    """The index is missing or unreadable; search falls back to the database."""


@dataclass
class Hit:
    """A matching thread: its id and highlighted fragments (safe HTML)."""

    complaint_id: int
    title_html: Markup | None = None
    snippet_html: Markup | None = None
    from_answer: bool = False


@dataclass(frozen=True)
class Clue:
    """A word that says what a text is about, for "more like this" (``services.alike``):
    its index ``token`` (what Whoosh holds), the ``word`` as written (PostgreSQL analyses
    it itself) and its ``weight``."""

    token: str
    word: str
    weight: float = 1.0


@dataclass
class HitPage:
    hits: list = field(default_factory=list)
    total: int = 0
    exact: bool = True
    timed_out: bool = False


@contextmanager
def read_transaction():
    """Begin a plain (deferred) transaction even inside a write unit of work.

    Applying the outbox reads the documents without taking SQLite's write lock, also
    when it is called from inside a unit of work (``forum.uow.write_transaction``).
    """
    token = forum.db._write_intent.set(False)
    try:
        yield
    finally:
        forum.db._write_intent.reset(token)


@contextmanager
def write_intent():
    """Begin a write transaction (``BEGIN IMMEDIATE`` on SQLite) on a side connection."""
    token = forum.db._write_intent.set(True)
    try:
        yield
    finally:
        forum.db._write_intent.reset(token)


class SearchBackend:
    """The interface. ``parsed`` is a :class:`forum.search.query.ParsedQuery`."""

    name = "base"

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
        """A :class:`HitPage`; raises :class:`IndexUnavailable` when it cannot answer.

        ``in_answers=False`` matches the complaints' own title and body only (similar and
        related threads): cheaper, and what makes two complaints alike.
        """
        raise NotImplementedError

    def suggest(self, words):
        """``{word: correction}`` for words the index does not know."""
        raise NotImplementedError

    def frequencies(self, clues, cap):
        """``({token: threads}, threads)``: how many public threads' complaints (title and
        body) hold each clue, and how many public threads there are. A count may stop
        past ``cap(threads)`` (a word that common is left out anyway). Raises
        :class:`IndexUnavailable` when it cannot answer."""
        raise NotImplementedError

    def alike(self, clues, *, exclude_id=None, solved=False, limit=30):
        """``[(complaint id, frozenset of the tokens it holds)]``: the threads whose
        complaint holds any of ``clues``, the greatest sum of the held clues' weights
        first (ties: the newer first), at most ``limit``; ``solved``: solved ones only.
        Raises :class:`IndexUnavailable` when it cannot answer."""
        raise NotImplementedError

    def apply_pending(self, timeout=0.0, merge=False, hold=None):
        """Apply outbox rows if the writer lock is free within ``timeout`` seconds.

        Returns the number of rows applied; never raises for a busy lock. ``merge``
        (``flask search sync``) also tidies the index (Whoosh: merges small segments).
        ``hold``: seconds this call may spend applying rows; the backend applies the
        rest later (Whoosh: in a thread), ``None`` here and now.
        """
        raise NotImplementedError

    def rebuild(self, progress=None, batch_size=500):
        """Rebuild everything from the database. Returns ``(documents, words, seconds)``."""
        raise NotImplementedError

    def status(self):
        """A dict: ``documents`` in the index, ``size`` in bytes, ``available``."""
        raise NotImplementedError

    def health(self):
        """``"ok"`` or ``"degraded"``."""
        try:
            return "ok" if self.status()["available"] else "degraded"
        except Exception:  # noqa: BLE001 - a health check reports, never raises
            return "degraded"
