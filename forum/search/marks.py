"""A post's Markdown as plain text, and the marks highlighters put around matches.

Documents index :func:`plain` text, snippets mark matched words between ``START`` and
``STOP``, and both backends show their highlights through :func:`marked_html`. They
live below all of those, so that imports within the search package run one way: the
backends use documents and snippets, and neither of those imports a backend.
"""

import html
import re

from markupsafe import Markup

START, STOP = "\x02", "\x03"


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
