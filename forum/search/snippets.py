"""Highlighted snippets: a text's matched words marked, and its best fragments.

Works from the spans :func:`forum.search.analysis.matched_spans` finds, so nothing is
analysed twice and no token objects are made: Whoosh's highlighter (a fragmenter
walking every token of the text, a scorer and a formatter of token objects) was most of
a search's time for twenty hits (three quarters of it for "battery" at 10,000 threads).

Marks are the control characters ``START`` and ``STOP``;
:func:`forum.search.marks.marked_html` escapes the rest of the text and turns
only them into ``<mark>`` tags.
"""

import re
from heapq import nlargest

from forum.search.analysis import is_cjk
from forum.search.marks import START, STOP

# A fragment's most characters, and the context kept before its first match and after
# its last (less when the matches take more of the fragment); half as many in CJK text.
FRAGMENT_CHARS = 200
CONTEXT_CHARS = 60
FRAGMENTS = 2
BETWEEN = " … "
ELLIPSIS = "…"
# Fragments closer than this are one (the words between them shown).
NEARLY_MEET = 30

_SPACE = re.compile(r"\s")


def _clean(text):
    return text.replace(START, "").replace(STOP, "") if START in text or STOP in text else text


def marked(text, spans, start=0, end=None):
    """``text[start:end]`` with each span's characters between ``START`` and ``STOP``.

    Overlapping spans (a CJK word's bigrams) become one mark; spans outside the range
    are left out.
    """
    end = len(text) if end is None else end
    out, at = [], start
    mark_start = mark_end = None
    for span_start, span_end, _token in spans:
        if span_end <= start or span_start >= end:
            continue
        if mark_end is not None and span_start < mark_end:  # overlaps the open mark
            mark_end = max(mark_end, span_end)
            continue
        if mark_end is not None:
            out += (_clean(text[at:mark_start]), START, _clean(text[mark_start:mark_end]), STOP)
            at = mark_end
        mark_start, mark_end = max(span_start, at), min(span_end, end)
    if mark_end is not None:
        out += (_clean(text[at:mark_start]), START, _clean(text[mark_start:mark_end]), STOP)
        at = mark_end
    out.append(_clean(text[at:end]))
    return "".join(out)


def _groups(spans, chars, context):
    """Spans gathered into fragments: a match joins the one before it when it follows
    within ``context`` characters and the fragment still leaves room for context."""
    groups = []
    for span in spans:
        if groups:
            last = groups[-1]
            if span[0] - last[-1][1] <= context and span[1] - last[0][0] <= chars - context:
                last.append(span)
                continue
        groups.append([span])
    return groups


def _score(group):
    # As Whoosh's BasicFragmentScorer: the matches, times the different words among them
    # (a fragment with both words of a query beats one with the first word twice).
    return len(group) * len({token for _, _, token in group})


def _bounds(text, group, chars, context):
    """Where a fragment starts and ends: context around its matches, cut at spaces (CJK
    text, which has none, is cut at the character)."""
    first, last = group[0][0], group[-1][1]
    room = max(0, chars - (last - first))
    before = min(context, room // 2)
    after = min(context, room - before)
    start = max(0, first - before)
    if start > 0:  # not in the middle of a word, when a space is near
        space = _SPACE.search(text, start, min(first, start + context // 2))
        start = space.end() if space else start
    end = min(len(text), last + after)
    if end < len(text):
        near = max(last, end - context // 2)
        cut = max(text.rfind(" ", near, end), text.rfind("\n", near, end))
        end = cut if cut >= 0 else end
    return start, end


def fragments(text, spans, count=FRAGMENTS):
    """The ``count`` best fragments of ``text`` around ``spans`` (in order, non-empty),
    marked and joined by ``BETWEEN``, in the order they come in the text, with an
    ellipsis where text was left out before or after them. Fragments that meet or nearly
    meet are shown as one: an ellipsis for a few words is noise."""
    # A CJK character is as wide as two Latin ones and says about as much as a word.
    scale = 2 if is_cjk(text[spans[0][0] : spans[-1][1]]) else 1
    chars, context = FRAGMENT_CHARS // scale, CONTEXT_CHARS // scale
    groups = _groups(spans, chars, context)
    if len(groups) > count:
        # The best scores; the earlier fragment on a tie.
        best = nlargest(count, range(len(groups)), key=lambda i: (_score(groups[i]), -i))
        groups = [groups[i] for i in sorted(best)]
    ranges = []  # [start, end, spans]
    for group in groups:
        start, end = _bounds(text, group, chars, context)
        if ranges and start - ranges[-1][1] <= NEARLY_MEET // scale:
            ranges[-1][1] = max(ranges[-1][1], end)
            ranges[-1][2] += group
        else:
            ranges.append([start, end, group])
    shown = BETWEEN.join(marked(text, found, start, end).strip() for start, end, found in ranges)
    # A fragment that does not start or end the text says so.
    before = ELLIPSIS if text[: ranges[0][0]].strip() else ""
    after = ELLIPSIS if text[ranges[-1][1] :].strip() else ""
    return before + shown + after
