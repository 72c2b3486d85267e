"""Text as the site stores it: typed text made tidy, and URL slugs from titles.

Core: every layer that takes text from a form (posts, answers, reviews, notes, demo data)
cleans it the same way, so an edit compares equal to what was stored and the demo data
reads as if typed through the forms.
"""

import re
import unicodedata

SLUG_MAX = 80
SLUG_FALLBACK = "complaint"


def clean_text(value):
    """Typed text as stored: Windows line ends become ``\\n``, whitespace around it goes.

    ``None`` reads as ``""``; the whitespace and line breaks inside are kept as typed
    (Markdown needs them).
    """
    return (value or "").replace("\r\n", "\n").strip()


def slugify(title):
    """A URL slug: accents folded, lower case, words joined by hyphens; keeps CJK text."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^\w]+", "-", text).strip("-_")
    return text[:SLUG_MAX].strip("-") or SLUG_FALLBACK
