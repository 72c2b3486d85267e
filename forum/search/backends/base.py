"""What every search backend provides, and the values they return."""

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from markupsafe import Markup

import forum.db

SORTS = ("relevance", "new", "votes")
START, STOP = "\x02", "\x03"


class IndexUnavailable(Exception):
    """The index is missing or unreadable; search falls back to the database."""


@dataclass
class Hit:
    """A matching thread: its id and highlighted fragments (safe HTML)."""

    complaint_id: int
    title_html: Markup | None = None
    snippet_html: Markup | None = None
    from_answer: bool = False


@dataclass
class HitPage:
    hits: list = field(default_factory=list)
    total: int = 0
    exact: bool = True
    timed_out: bool = False


def marked_html(text):
    """Escape ``text`` for HTML, turning the START/STOP markers into ``<mark>`` tags.

    Highlighters mark matches with control characters; only those become tags, so
    whatever the user wrote is shown as text.
    """
    text = (text or "").replace(START + STOP, "")
    escaped = html.escape(text, quote=False)
    escaped = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    return Markup(escaped)


# Every part of it is linear in the text: no repeat can run over what another repeat
# at a later start would read again. A link's text holds no bracket and its address no
# parenthesis, and a line's quote marks and bullet are read within the line (``[ \t]``,
# not ``\s``, which ran over every following newline from every line start: an answer
# of 20,000 newlines took 6 s to index).
_MARKDOWN_NOISE = re.compile(
    r"!?\[(?P<link>[^\[\]]*)\]\([^()]*\)"  # a link or an image: its text
    # Emphasis and code marks on one edge of a word ("**three weeks**."): nothing.
    r"|(?P<edge>(?<=\w)[*_`#~]++(?!\w)|(?<!\w)[*_`#~]++(?=\w))"
    # Within a word, or alone; quote marks, bullets: a space.
    r"|[*_`#~]++|^[ \t]*+(?:>[ \t]*+)++|^[ \t]*+[-+][ \t]++",
    re.M,
)


def _unmarked(match):
    if match.group("edge"):
        return ""
    return match.group("link") or " "


def plain(source):
    """Markdown source as readable text for the index and snippets (cheap, no rendering)."""
    return _MARKDOWN_NOISE.sub(_unmarked, source or "")


@contextmanager
def read_transaction():
    """Begin a plain (deferred) transaction even inside a write unit of work.

    The outbox is applied from an ``after_commit`` hook, where ``write_transaction`` is
    still marked active; reading the documents must not take SQLite's write lock.
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
