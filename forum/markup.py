"""User text to safe HTML: CommonMark first, then the sanitiser, always in that order.

This is the only module that imports the Markdown renderer or the sanitiser, so
replacing either is a change to this file alone. The result is stored beside the
source at write time; templates mark only that stored field safe.
"""

import html as htmllib
import re
from functools import lru_cache, partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
        "em", "strong", "del", "s", "ul", "ol", "li", "a", "table", "thead", "tbody",
        "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"


def _image_as_link(self, tokens, idx, options, env):
    """Images in user Markdown are never embedded: show a link to them instead."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    label = self.renderInlineAsText(token.children or [], options, env) or src
    escape = self.escapeHtml if hasattr(self, "escapeHtml") else _escape
    return f'<a href="{escape(src)}">{escape(label)}</a>'


def _escape(text):
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


_markdown = MarkdownIt(
    "commonmark", {"html": False, "linkify": False, "typographer": False}
).enable(["table", "strikethrough"])
_markdown.add_render_rule("image", _image_as_link)

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def render(text):
    """Markdown source to sanitised HTML, safe to store and to show to anyone."""
    html = _markdown.render(text or "")
    return _cleaner.clean(html).strip()


_TAG = re.compile(r"<[^>]*>")


def _inline_text(children, parts):
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            _inline_text(child.children, parts)  # its alt text
        elif child.type == "html_inline":
            parts.append(" ")


# Texts already reduced, per process: a thread page asks for the plain text of each answer
# on it (for its JSON-LD), 0.2–0.5 ms each, and the same threads are read again and again.
# A few MB at most (the key is the source, the value shorter than it).
PLAIN_TEXT_CACHE_SIZE = 2048


@lru_cache(maxsize=PLAIN_TEXT_CACHE_SIZE)
def plain_text(text, limit=None):
    """Markdown source reduced to plain text, for excerpts, descriptions and JSON-LD.

    Read from the Markdown parser's tokens (text, code, alt text; raw HTML dropped) with
    no HTML built or sanitised: the thread page asks for it once per answer, and a pass
    of the sanitiser cost about 1 ms each. The result depends on the arguments alone,
    so it is kept (:data:`PLAIN_TEXT_CACHE_SIZE`).
    """
    parts = []
    for token in _markdown.parse(text or ""):
        if token.type == "inline":
            _inline_text(token.children, parts)
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
        elif token.type == "html_block":
            parts.append(htmllib.unescape(_TAG.sub(" ", token.content)))
        parts.append(" ")
    plain = " ".join("".join(parts).split())
    if limit and len(plain) > limit:
        plain = plain[: limit - 1].rsplit(" ", 1)[0] + "…"
    return plain
