"""Text analysis shared by the Whoosh index and the query builder.

One analyzer for every language of the demo: words are split on anything that is not
a letter or digit, lower-cased, accent-folded ("café" and "cafe" are one word), English
stop words dropped and English stems taken (stems of other languages' words are left
alone by the Porter stemmer in practice, and the same analysis runs on both sides).

Chinese, Japanese and Korean text has no spaces between words, so a run of CJK
characters becomes overlapping two-character tokens ("退款很慢" → 退款 款很 很慢). A
word of two, three or four characters is then a phrase of consecutive bigrams, which
finds it wherever it appears (measured recall and precision 1.0, where jieba's
dictionary segmentation found nothing for 3- and 4-character words in phrase mode).
PostgreSQL does the same with the ``redress_search_text`` SQL function.
"""

import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.support.charset import accent_map

CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(r"[^\W_]+")
_PARTS = re.compile(f"([{CJK_CLASS}]+)|([^{CJK_CLASS}]+)")
_CJK = re.compile(f"[{CJK_CLASS}]")


# Accent folding as a list indexed by code point up to U+2100 (Latin, Greek, Cyrillic,
# punctuation; a list lookup is twice as fast as the fold table's dict, about 300 KB),
# with the dict for text holding anything beyond that folds (fullwidth letters). Other
# characters past the list are left as they are (IndexError).
_LATIN_END = 0x2100
_FOLD_LATIN = [ord(accent_map.get(code, chr(code))) for code in range(_LATIN_END)]
_FOLDS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(accent_map) if c > 127) + "]")
_FOLDS_BEYOND = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(accent_map) if c >= _LATIN_END) + "]"
)


def fold(text):
    """``text`` lower-cased and accent-folded as the index folds words, character for
    character (so places in it are places in ``text``). ``str.translate`` with the fold
    table's dict took 110 ns a character, 0.4 ms for the 4,000 characters a snippet may
    look through: text with nothing to fold (English, Chinese) is only lower-cased, and
    other text is folded through a list."""
    lowered = text.lower()
    if not _FOLDS.search(lowered):
        return lowered
    if _FOLDS_BEYOND.search(lowered):
        return lowered.translate(accent_map)
    return lowered.translate(_FOLD_LATIN)


def is_cjk(text):
    """Whether ``text`` contains CJK characters (which are searched as bigrams)."""
    return bool(_CJK.search(text))


def cjk_bigrams(run):
    """Overlapping two-character tokens of a CJK run (a single character stays whole)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def bigram_text(text):
    """``text`` with every CJK run spelled out as space-separated bigrams.

    The Python twin of the ``redress_search_text`` SQL function: query words go
    through it so that PostgreSQL's parser sees the same tokens as the index.
    """
    out = []
    for cjk, other in _PARTS.findall(text):
        out.append(" " + " ".join(cjk_bigrams(cjk)) + " " if cjk else other)
    return "".join(out)


class MultilingualTokenizer(Tokenizer):
    """Words of letters and digits; CJK runs as overlapping bigrams, with positions.

    Bigrams of one run take consecutive positions, so a CJK word is a phrase query.
    """

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for match in _WORD.finditer(value):
            word, base = match.group(), match.start()
            for part in _PARTS.finditer(word):
                offset = base + part.start()
                if part.group(1):
                    pieces = [
                        (bigram, offset + i, offset + i + len(bigram))
                        for i, bigram in enumerate(cjk_bigrams(part.group(1)))
                    ]
                else:
                    pieces = [(part.group(2), offset, offset + len(part.group(2)))]
                for text, start, end in pieces:
                    token.text = text
                    token.boost = 1.0
                    token.stopped = False
                    if keeporiginal:
                        token.original = text
                    if positions:
                        token.pos = pos
                    if chars:
                        token.startchar, token.endchar = start_char + start, start_char + end
                    pos += 1
                    yield token


# Longer "words" are not words (a pasted hash, a run of punctuation-free junk) and are
# not indexed: the English stemmer is quadratic in a word's length (a 16,000-letter
# word took 0.3 s), and nobody searches for one. Lucene's standard analyzer cuts at 255.
LONGEST_WORD = 100


def content_analyzer():
    """The analyzer of searchable text: fold, drop stop words, stem English."""
    return (
        MultilingualTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(minsize=1, maxsize=LONGEST_WORD)
        | StemFilter(lang="en", cachesize=50_000)
    )


def spelling_analyzer():
    """Whole words (folded, not stemmed) for "did you mean" suggestions."""
    return MultilingualTokenizer() | LowercaseFilter() | StopFilter(minsize=3, maxsize=LONGEST_WORD)


ANALYZER = content_analyzer()


def tokens(text):
    """The index tokens of ``text``, in order (used to build queries)."""
    return [token.text for token in ANALYZER(text)]


def positioned_tokens(text):
    """``[(position, token)]`` of ``text`` (the index analyses each part of a thread once
    with this, for every field that needs it)."""
    return [(token.pos, token.text) for token in ANALYZER(text, positions=True)]


@lru_cache(maxsize=50_000)
def index_form(word):
    """The index token of one word as the tokenizer splits it, or ``None`` (stop word)."""
    found = tokens(word)
    return found[0] if found else None


@lru_cache(maxsize=256)
def _bigram_words(words):
    """The two-character CJK tokens among a query's ``words``."""
    return tuple(word for word in words if len(word) == 2 and _CJK.search(word))


def matched_spans(text, words):
    """``[(start, end, token)]`` of the words of ``text`` whose index token is in
    ``words`` (a frozenset), in order: what a highlighter marks. The tokenizer's split
    (words, then CJK runs as overlapping bigrams) with one cached lookup per word
    instead of a chain of filters on every token, and no token objects: text without
    CJK characters is split by the word pattern alone; in a CJK run, whose bigrams fold
    to themselves, each of the query's bigrams is looked for in the folded run."""
    if not _CJK.search(text):
        return [
            (match.start(), match.end(), token)
            for match in _WORD.finditer(text)
            if (token := index_form(match.group())) in words
        ]
    bigrams = _bigram_words(words)
    spans = []
    for match in _WORD.finditer(text):
        base = match.start()
        for part in _PARTS.finditer(match.group()):
            offset = base + part.start()
            run = part.group(1)
            if run is None or len(run) == 1:
                piece = part.group()
                if (token := index_form(piece)) in words:
                    spans.append((offset, offset + len(piece), token))
                continue
            folded = fold(run)
            for bigram in bigrams:
                at = folded.find(bigram)
                while at >= 0:
                    spans.append((offset + at, offset + at + 2, bigram))
                    at = folded.find(bigram, at + 1)
    spans.sort()
    return spans


def written_tokens(text):
    """``[(word, token)]``: each word of ``text`` as written beside its index token, in
    order, stop words left out; a CJK run gives its bigrams (each its own word). What
    "more like this" weighs a text's words by (``services.alike``): how a word is written
    (``E24``, ``CoolMax``) says more than its token."""
    found = []
    for match in _WORD.finditer(text):
        for part in _PARTS.finditer(match.group()):
            if part.group(1):
                found.extend((bigram, bigram) for bigram in cjk_bigrams(fold(part.group(1))))
            elif (token := index_form(part.group())) is not None:
                found.append((part.group(), token))
    return found


# Words that say nothing of what a text is about, in the demo's languages: left out of
# "more like this" (``services.alike``) only. The index keeps its short English list, so
# that a search for "after the update" still finds the phrase. On a forum in six
# languages a language's function words are in a minority of threads and would pass for
# rare words.
FUNCTION_WORDS = frozenset(
    """
    about above after again against all also am any anything around because been before
    being below between both but could did do does doing done down during each even ever
    every few further get gets getting got had has having he her here hers him his how i
    im into its itself just let like me more most much must my myself no nor now off once
    one only other our ours out over own same she should so some something still such
    than their them then there these they those though through too under until up very
    was were what where which while who whom why would yes yet
    actually almost already although always another anybody anyone anyway anywhere away
    became become believe better came cannot certainly come comes definitely either else
    enough especially everyone everything exactly far first go goes going gone hello
    however instead keep keeps kept know knows known last later least less look looking
    looks many maybe mean might need needs never next nobody none nothing often ok okay
    others otherwise perhaps please probably quite rather really right said say saying
    says see seems seen several since somebody someone sometimes soon sorry sure take
    taken tell thank thanks thing things think told took tried try trying unfortunately
    unless upon use used using usually want wants way well went whatever whether whole
    within without wonder
    aren couldn didn doesn don hadn hasn haven isn shouldn wasn weren won wouldn
    aber alle als am an auch auf aus bei bin bis da damit dann das dass dem den der des die
    doch du ein eine einem einen einer es für hat hatte ich ihr im immer in ist ja jede
    jeden jeder kein keine man mein meine mich mir mit nach nicht noch nur oder schon sehr
    sein seit sich sie sind so über um und uns von vor war was weil wie wir zu zum zur
    att av de den det du efter eller en ett har hon jag kan med men mig min mitt nu och om
    på så som till ut var vi är än
    da do ga in je jih ki ko mi na ne pa po pri sem so se si ta tudi v z za že
    az egy és hogy is meg nem már még de csak van volt mi ez azt nekem
    """.split()
)
