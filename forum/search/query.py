"""Turning what a user typed into a safe, bounded query.

User input never reaches a query parser. The text is cut to ``MAX_CHARS`` characters and
read as at most ``MAX_TERMS`` terms: plain words, "quoted phrases" and ``-word`` /
``-"phrase"`` exclusions. Everything else is text: ``title:x`` is the two words "title"
and "x", ``*``, ``[a TO]`` and parentheses are punctuation and vanish. Each backend
turns a :class:`ParsedQuery` into its own query objects (Whoosh) or bound parameters
(PostgreSQL), so no syntax from users ever reaches either engine.
"""

import re
from dataclasses import dataclass, field

from forum.search.analysis import tokens

MAX_CHARS = 200
MAX_TERMS = 20

_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """One word or phrase as typed (``text``) and as indexed (``tokens``)."""

    text: str
    tokens: tuple
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    terms: list = field(default_factory=list)
    truncated: bool = False

    @property
    def required(self):
        return [term for term in self.terms if not term.negated]

    @property
    def excluded(self):
        return [term for term in self.terms if term.negated]

    @property
    def is_empty(self):
        """Nothing to look for (only exclusions, stop words or punctuation)."""
        return not self.required

    def words(self):
        """The words to show back to the user, e.g. in "did you mean"."""
        return [term.text for term in self.required]


def parse(text):
    """Read ``text`` (any string, any size) into a bounded :class:`ParsedQuery`."""
    text = (text or "").replace("\x00", " ")
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    parsed = ParsedQuery(truncated=truncated)
    for match in _TERM.finditer(text):
        if len(parsed.terms) >= MAX_TERMS:
            parsed.truncated = True
            break
        if match.group(2) is not None:
            negated, raw, phrase = bool(match.group(1)), match.group(2), True
        else:
            negated, raw, phrase = bool(match.group(3)), match.group(4), False
        analyzed = tuple(tokens(raw))
        if not analyzed:
            continue
        cleaned = " ".join(re.findall(r"[^\W_]+", raw))
        parsed.terms.append(Term(cleaned, analyzed, phrase or len(analyzed) > 1, negated))
    return parsed


def normalise_query_text(text):
    """The query as shown back in the search box: whitespace collapsed, capped."""
    return " ".join((text or "").split())[:MAX_CHARS]
