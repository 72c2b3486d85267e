"""The pseudo-locale: every message of the catalogs wrapped in markers, to find the visible
text of the pages that does not pass through them (tests/test_i18n_pseudo.py, and
``python -m tests.i18n_report`` for the owner's list).

A catalog is built from the template in a temporary folder, with each message's text as
``⟦text⟧`` (placeholders and HTML untouched, so pages render as they do), and served as the
source language ``en``; WTForms' own messages are among them (forum/forms.py). The pages of a small
world (``build_world``) are then read as visitor, member, author, staff and admin
(``visit_pages``), their visible text taken apart (``VisibleText``: text outside script and
style, plus ``title``, ``alt``, ``aria-label``, ``placeholder``, ``label``, buttons' ``value``,
the meta description), and whatever is left outside the markers, once the world's own
content (``World.content``: what its people typed, their names, category names, the site
settings) and what Babel renders (dates, numbers, relative times) are taken out, is text the
catalogs never saw.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, dates
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from forum import i18n, language

OPEN, CLOSE = "⟦", "⟧"
PSEUDO_LOCALE = i18n.DEFAULT_LOCALE


def pseudo(text):
    return f"{OPEN}{text}{CLOSE}"


def pseudo_catalog(template, locale=PSEUDO_LOCALE):
    """A catalog translating each message of ``template`` into itself between markers."""
    catalog = Catalog(locale=locale)
    for message in template:
        if not message.id:
            continue
        if message.pluralizable:
            string = tuple(pseudo(message.id[min(i, 1)]) for i in range(catalog.num_plurals))
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context, flags=message.flags)
    return catalog


def write_catalog(catalog, directory, domain="messages"):
    path = Path(directory) / str(catalog.locale) / "LC_MESSAGES" / f"{domain}.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        write_mo(file, catalog)
    return path


def install_pseudo_locale(app, template, directory):
    """Serve ``template``'s messages as ``⟦…⟧`` in ``app`` for the source language, from
    ``directory`` (WTForms' own messages are among them: forum/forms.py). Returns a
    function undoing what is shared between apps (Flask-Babel's translations cache)."""
    directory = Path(directory)
    write_catalog(pseudo_catalog(template), directory / "messages")
    app.extensions["babel"].translation_directories = [str(directory / "messages")]
    # Flask-Babel keeps the translations it loaded in one cache for every app of the
    # process, by locale only: the pseudo catalog must neither find another app's `en`
    # there nor be left there for the next app.
    with app.app_context():
        cache = i18n.babel.domain_instance.cache
    cache.clear()

    def undo():
        cache.clear()

    return undo


# --- Visible text ---------------------------------------------------------------------

INVISIBLE = {"script", "style"}
# Elements a sentence runs through; any other tag ends a piece of text. (A message keeps
# its sentence whole, with at most such inline markup inside.)
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img",
    "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Where inline markup was: not a word character, so that user content found by whole words
# is found next to a tag too; taken out of what is reported.
JOIN = "\x01"
TEXT_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "label")
BUTTON_TYPES = {"submit", "button", "reset"}


class VisibleText(HTMLParser):
    """A page's visible text, as pieces: runs of text between block boundaries (``JOIN``
    where inline markup was), and the text of attributes people read or hear. Elements
    in another language than the page (a ``lang`` attribute: the language menu's names, a
    post in another language) are not the interface's language and are left out."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.page_lang = None
        self._run = []
        self._stack = []  # (tag, hidden) of the open elements
        self.feed(html)
        self.close()
        self._flush()

    @property
    def _hidden(self):
        return bool(self._stack) and self._stack[-1][1]

    def _flush(self):
        text = "".join(self._run)
        self._run = []
        if text.replace(JOIN, "").strip():
            self.pieces.append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_lang = attrs.get("lang")
        if tag not in INLINE:
            self._flush()
        else:
            self._run.append(JOIN)
        lang = attrs.get("lang")
        hidden = (
            self._hidden
            or tag in INVISIBLE
            or (lang is not None and tag != "html" and lang != self.page_lang)
        )
        if not hidden:
            self._attributes(tag, attrs)
        if tag not in VOID:
            self._stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def _attributes(self, tag, attrs):
        values = [attrs.get(name) for name in TEXT_ATTRIBUTES]
        if tag == "input" and attrs.get("type") in BUTTON_TYPES:
            values.append(attrs.get("value"))
        if tag == "meta" and attrs.get("name") == "description":
            values.append(attrs.get("content"))
        self.pieces += [value for value in values if value and value.strip()]

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self._flush()
        else:
            self._run.append(JOIN)
        # Close up to the matching element (HTML lets some end tags be left out).
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden:
            self._run.append(data)


# --- What is left outside the markers --------------------------------------------------

PUNCTUATION = " .,:;·–—-|/()[]{}\"'“”‘’«»…"
WORD = re.compile(r"[^\W\d_]+")
GAP = "\x00"


def _babel_words(locale=PSEUDO_LOCALE):
    """The words Babel writes for dates, times, numbers and relative times in ``locale``."""
    texts = []
    now = datetime(2026, 1, 5, 15, 30, tzinfo=UTC)
    for month in range(12):
        for day in range(7):
            # A morning and an afternoon: AM and PM.
            moment = now + timedelta(days=31 * month + day, hours=-6 * (day % 2))
            for style in ("short", "medium", "long", "full"):
                texts.append(dates.format_datetime(moment, style, locale=locale))
                texts.append(dates.format_date(moment.date(), style, locale=locale))
    for unit in (1, 60, 3600, 86400, 7 * 86400, 31 * 86400, 366 * 86400):
        for count in (1, 2, 5):
            for style in ("long", "short", "narrow"):
                for sign in (1, -1):
                    delta = timedelta(seconds=sign * unit * count)
                    texts.append(dates.format_timedelta(delta, format=style, locale=locale))
                    texts.append(
                        dates.format_timedelta(
                            delta, format=style, add_direction=True, locale=locale
                        )
                    )
    fields = Locale.parse(locale)._data["date_fields"]
    for unit in fields:
        for value in _strings(fields[unit]):
            texts.append(value)
    texts.append(dates.format_date(date(2026, 1, 5), "EEEE MMMM", locale=locale))
    return {word.lower() for text in texts for word in WORD.findall(text)}


def _strings(data):
    if isinstance(data, str):
        yield data
    elif hasattr(data, "values"):
        for value in data.values():
            yield from _strings(value)


BABEL_WORDS = _babel_words()


def outside_markers(text):
    """The parts of ``text`` outside ``⟦…⟧`` (nested markers: a message inside another's
    placeholder), joined by gaps."""
    depth, kept = 0, []
    for char in text:
        if char == OPEN:
            depth += 1
            kept.append(GAP)
        elif char == CLOSE:
            depth = max(depth - 1, 0)
            kept.append(GAP)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def content_pattern(strings):
    """A pattern finding any of ``strings`` (longest first) as whole words."""
    ordered = sorted({s.strip() for s in strings if s and s.strip()}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(s) for s in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def is_interface_text(fragment, allowed=frozenset()):
    """Whether a fragment left outside the markers is text the catalogs should have had:
    not punctuation or numbers alone, not only Babel's date and number words, not a name
    the interface shows as it is (languages in their own names)."""
    words = WORD.findall(fragment)
    if not words or fragment in allowed or len(fragment) == 1:  # a single letter: an initial
        return False
    return not all(word.lower() in BABEL_WORDS for word in words)


def unmarked(html, content, allowed=frozenset()):
    """The visible text of a page that passed through no catalog, in page order, once
    each: ``content`` is a ``content_pattern`` of the world's own text."""
    found = []
    for piece in VisibleText(html).pieces:
        left = outside_markers(content.sub(GAP, piece))
        for fragment in left.split(GAP):
            fragment = " ".join(fragment.replace(JOIN, "").split()).strip(PUNCTUATION)
            if fragment and is_interface_text(fragment, allowed) and fragment not in found:
                found.append(fragment)
    return found


def language_names():
    """Languages named in themselves (the language menu and the filters show them so)."""
    names = set(language.LANGUAGE_NAMES.values())
    names.update(getattr(i18n, "LANGUAGE_NAMES", {}).values())
    for locale in i18n.LOCALES:
        names.add(Locale.parse(locale).get_display_name(locale))
    return frozenset(names)


@dataclass
class PageReport:
    """What each page showed outside the catalogs: ``{"GET /path (role)": [text, …]}``."""

    pages: dict = field(default_factory=dict)
    visited: list = field(default_factory=list)

    def add(self, label, strings):
        self.visited.append(label)
        if strings:
            self.pages[label] = strings

    def __str__(self):
        lines = [f"{len(self.pages)} of {len(self.visited)} pages show text outside the catalogs:"]
        for label, strings in self.pages.items():
            lines.append(f"{label}:")
            lines += [f"    {text}" for text in strings]
        return "\n".join(lines)


def same_site_links(html):
    """The local paths a page links to."""
    links = []
    for href in re.findall(r'<a\s[^>]*href="([^"]+)"', html):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links
