"""Which language a post is written in, decided once when it is written.

A script test and stop-word counts for the forum's six languages (en, de, sv, sl, hu, zh).
It is deterministic, has no dependency, takes microseconds, and on the demo data agrees
with the language each post was written in (``tests/test_seo_language.py``). It answers
``None`` when a text is too short or too mixed to tell, and the page then simply carries
no ``lang`` attribute for that post. See ``docs/seo.md`` for why not a statistical library.
"""

import re
import unicodedata

LANGUAGES = ("en", "de", "sv", "sl", "hu", "zh")

# Each language named in itself, as the language filters offer them.
LANGUAGE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "sv": "Svenska",
    "sl": "Slovenščina",
    "hu": "Magyar",
    "zh": "中文",
}

# The interface's languages as Babel names its catalogs, each named in itself (the language
# menu and the default-language setting show them so); the first is the source language.
INTERFACE_LANGUAGES = {
    "en": "English",
    "de": "Deutsch",
    "sv": "Svenska",
    "sl": "Slovenščina",
    "hu": "Magyar",
    "zh_Hans": "中文",
}


def interface_language(tag):
    """The interface language of a BCP 47 tag from ``Accept-Language`` or a cookie, or
    ``None``: ``de-AT`` → ``de``, ``zh``, ``zh-CN`` or ``zh-Hans-CN`` → ``zh_Hans`` (the
    one Chinese the interface has), ``zh_Hans`` as Babel writes it."""
    if not tag:
        return None
    primary = tag.replace("_", "-").split("-", 1)[0].lower()
    if primary == "zh":
        return "zh_Hans"
    return primary if primary in INTERFACE_LANGUAGES else None


def best_interface_language(accepted):
    """The first interface language among ``accepted``, ``(tag, quality)`` pairs best
    first (Werkzeug's ``request.accept_languages``), or ``None``."""
    for tag, quality in accepted:
        if quality > 0 and (found := interface_language(tag)):
            return found
    return None


# Shown when a listing or search is asked for a language this forum does not detect.
UNKNOWN_LANGUAGE = "That language filter is not one we know, so posts in every language are shown."


def language_filter(value):
    """A page's ``lang`` filter as ``(code, notice)``: a known code and no notice, nothing
    and no notice, or, for a value that names none of ``LANGUAGES``, nothing (every
    language is shown) and the notice saying so. Never an error: an old or mistyped
    link still shows the listing."""
    if not value:
        return None, None
    if value in LANGUAGE_NAMES:
        return value, None
    return None, UNKNOWN_LANGUAGE


# Frequent function words: articles, pronouns, conjunctions, prepositions, auxiliaries.
# A word in two lists counts for both; the letters below break the ties.
STOP_WORDS = {
    "en": set(
        "the and to of a i it is in that was for on my with not have this but they you be at "
        "we after no had did me so are from would been an or what when there their them has "
        "just about again still only because any can could will should than then were which "
        "who your our its into out up over also very".split()
    ),
    "de": set(
        "und der die das ich nicht ist mit ein eine einen zu auf für es sie wir habe hat den "
        "dem von auch aber nach wurde bei noch mein meine meinen wie war sich nur schon wenn "
        "dass oder kein keine mir mich uns ihr ihre haben sind wird werden bitte danke einem "
        "einer im am vom zum zur über seit jetzt dann doch".split()
    ),
    "sv": set(
        "och att är inte jag det som för på med har en ett till av den var kan om så men vi "
        "ni hade mitt min mina efter när sig de dem hon han vad här där nu också bara eller "
        "från vid ska skulle blev har inget ingen något mycket tack hej sedan redan "
        "dig mig er".split()
    ),
    "sl": set(
        "in je da se na sem ni pa za so po ki še tudi kot bi me mi ste smo bil bila bilo že "
        "ali iz pri do ko vas nam kar ne z s v k od to ta tega tem moj moja sta ga jo jih "
        "lahko kaj zdaj nisem niso prosim hvala samo če ampak zato kje".split()
    ),
    "hu": set(
        "a az és hogy nem is egy meg de már volt van csak mert ez azt én még után vagy amikor "
        "ki el be mi ha sem már nekem engem nagyon lett lesz kell kellett sőt pedig majd "
        "ezt azért mint itt ott most minden semmi köszönöm kérem vagyok volna".split()
    ),
}

# Letters that point to one language (or away from others), weighted per occurrence.
LETTERS = {
    "ő": {"hu": 3}, "ű": {"hu": 3}, "á": {"hu": 0.5}, "é": {"hu": 0.5}, "í": {"hu": 0.5},
    "ó": {"hu": 0.5}, "ú": {"hu": 0.5},
    "å": {"sv": 3}, "ä": {"sv": 1, "de": 1}, "ö": {"sv": 1, "de": 0.5, "hu": 1},
    "ü": {"de": 1.5, "hu": 1}, "ß": {"de": 3},
    "č": {"sl": 3}, "š": {"sl": 3}, "ž": {"sl": 3},
}  # fmt: skip

MIN_WORDS = 4
MIN_SCORE = 2.0
MIN_MARGIN = 1.25  # the winner must score this many times the runner-up

_MARKUP = re.compile(r"`[^`]*`|https?://\S+|\[([^\]]*)\]\([^)]*\)|[*_#>~|]")
_WORD = re.compile(r"[^\W\d_]+")


def _is_han(char):
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _is_kana_or_hangul(char):
    return "\u3040" <= char <= "\u30ff" or "\uac00" <= char <= "\ud7af"


def detect(text):
    """The BCP 47 code of ``text``'s language among ``LANGUAGES``, or ``None``."""
    if not text:
        return None
    text = _MARKUP.sub(lambda m: m.group(1) or " ", unicodedata.normalize("NFC", text))
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    han = sum(1 for ch in letters if _is_han(ch))
    if any(_is_kana_or_hangul(ch) for ch in letters):
        return None  # Japanese or Korean: not one of ours
    if han >= 2 and han / len(letters) >= 0.3:
        return "zh"
    words = [word for word in _WORD.findall(text.lower()) if not _is_han(word[0])]
    if len(words) < MIN_WORDS:
        return None
    scores = dict.fromkeys(STOP_WORDS, 0.0)
    for word in words:
        for lang, stops in STOP_WORDS.items():
            if word in stops:
                scores[lang] += 1
    lowered = text.lower()
    for letter, weights in LETTERS.items():
        count = lowered.count(letter)
        if count:
            for lang, weight in weights.items():
                scores[lang] += weight * min(count, 20)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_second, runner_up) = ranked[0], ranked[1]
    if top < MIN_SCORE or top < runner_up * MIN_MARGIN:
        return None
    return best


def detect_post(*parts):
    """The language of a post from its parts (title and body), joined."""
    return detect("\n".join(part for part in parts if part))
