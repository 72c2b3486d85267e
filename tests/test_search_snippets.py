"""Snippets: matched words marked, the best fragments chosen and cut at word edges."""

from whoosh.support.charset import accent_map

from forum.search import snippets
from forum.search.analysis import fold, matched_spans, tokens
from forum.search.marks import START, STOP, marked_html


def _spans(text, query):
    return matched_spans(text, frozenset(tokens(query)))


def _html(text, query):
    return str(marked_html(snippets.fragments(text, _spans(text, query))))


def test_marks_are_put_around_matched_words_and_overlapping_ones_become_one():
    text = "The refund for the returned kettle"
    assert snippets.marked(text, _spans(text, "refunds return")) == (
        f"The {START}refund{STOP} for the {START}returned{STOP} kettle"
    )
    cjk = "他们的售后服务很差"  # 售后 后服 服务: one word, three overlapping bigrams
    assert snippets.marked(cjk, _spans(cjk, "售后服务")) == f"他们的{START}售后服务{STOP}很差"
    # Only the range asked for, a mark cut at its edge included.
    assert snippets.marked(text, _spans(text, "refund returned"), 6, 21) == (
        f"{START}fund{STOP} for the {START}re{STOP}"
    )


def test_control_characters_in_the_text_cannot_open_or_close_a_mark():
    text = f"A {START}<b>refund{STOP} {STOP}claim"
    html = str(marked_html(snippets.marked(text, _spans(text, "refund"))))
    assert html == "A &lt;b&gt;<mark>refund</mark> claim"


def test_a_short_text_is_shown_whole_without_ellipses():
    assert _html("My refund never came.", "refund") == "My <mark>refund</mark> never came."


def test_fragments_are_cut_at_spaces_with_ellipses_where_text_was_left_out():
    filler = "lorem ipsum dolor sit amet consectetur " * 8
    text = filler + "the refund was refused " + filler
    html = _html(text, "refund")
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>refund</mark>" in html
    inner = html.strip("…")
    # Whole words only: the shown text starts and ends with words of the filler.
    assert inner.split()[0] in filler.split() and inner.split()[-1] in filler.split()
    assert len(inner) <= snippets.FRAGMENT_CHARS


def test_the_two_best_fragments_are_shown_in_text_order():
    filler = "nothing to see here at all " * 10
    text = (
        "kettle kettle kettle once. " + filler + "kettle and warranty together. " + filler
        + "warranty and kettle again here. " + filler + "kettle"
    )  # fmt: skip
    html = _html(text, "kettle warranty")
    parts = html.strip("…").split(snippets.BETWEEN)
    # The two fragments with both words beat the one word, even thrice, in text order.
    assert len(parts) == 2
    assert "<mark>kettle</mark> and <mark>warranty</mark> together" in parts[0]
    assert "<mark>warranty</mark> and <mark>kettle</mark> again" in parts[1]
    assert "once" not in html


def test_fragments_that_nearly_meet_are_shown_as_one():
    text = "refund " + "x " * 70 + "refund " + "y " * 5
    html = _html(text, "refund")
    assert snippets.BETWEEN not in html
    assert html.count("<mark>refund</mark>") == 2


def test_cjk_fragments_are_half_as_many_characters():
    text = "这是一段很长的文字" * 20 + "退款一直没有到账" + "这是一段很长的文字" * 20
    inner = _html(text, "退款").strip("…")
    assert "<mark>退款</mark>" in inner
    assert len(inner.replace("<mark>", "").replace("</mark>", "")) <= (snippets.FRAGMENT_CHARS // 2)


def test_folding_is_the_index_fold_character_for_character():
    """The snippets' fast fold gives what the fold table gives, in every path: nothing to
    fold, Latin text through the list (with characters past its end, left as they are),
    and text with fullwidth letters beyond it."""
    texts = [
        "The refund – £45 – never came’",
        "Café refund 退款 ✓ 😀",
        "冰箱保修期内不制冷，售后上门",
        "Wasserschäden – Garantie abgelehnt, Straße",
        "Vásárlás után három héttel elromlott a hűtő; reklamacija za čevlje",
        "Ｆｕｌｌｗｉｄｔｈ ＣＡＦÉ and Ḁắ café",
        "",
    ]
    for text in texts:
        assert fold(text) == text.lower().translate(accent_map), text
        assert len(fold(text)) == len(text)
