"""The text search indexes from a post's Markdown source (``marks.plain``), and what a
vote writes to the outbox."""

import pytest

from forum.search.marks import plain


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("see [the shop](http://x.org/a) now", "see the shop now"),
        ("![photo](a.png) ok", "photo ok"),
        ("I waited **three weeks**.", "I waited three weeks."),
        ("reset_button and *word* `code`", "reset button and word code"),
        ("x ~~gone~~ y", "x gone y"),
        ("> quoted\n> > nested\n  >deep", " quoted\n nested\n deep"),
        ("- item\n+ other\n  - inner\n-5 degrees", " item\n other\n inner\n-5 degrees"),
        ("a\n\n\nb", "a\n\n\nb"),
        ("[[[a", "[[[a"),
        ("[a](b [c](d)", "[a](b c"),  # an address never closed is text
    ],
)
def test_markdown_marks_leave_the_text_as_it_reads(source, text):
    assert plain(source) == text


@pytest.mark.parametrize(
    "source",
    [
        "a" + "\n" * 19_990 + "b",
        "a" + " \n" * 9_995 + "b",
        "[" * 20_000,
        "![" * 10_000,
        "[a](" * 5_000,
        "[a" * 10_000,
        "> " * 10_000,
        "- " * 10_000,
    ],
    ids=["newlines", "spaced lines", "brackets", "images", "links", "link texts", "quotes",
         "bullets"],
)  # fmt: skip
def test_pathological_posts_keep_their_words(source):
    """The shapes that backtracked (``bench/text_extraction.py`` times them): their
    words and line breaks are kept, and no mark is left but unclosed brackets."""
    text = plain(source)
    assert text.count("\n") == source.count("\n")
    marks = "[()!>-"
    assert [w for w in text.split() if w.strip(marks)] == [
        w for w in source.split() if w.strip(marks)
    ]


def test_words_longer_than_any_word_are_not_indexed():
    """A 16,000-letter "word" (pasted junk) went through the stemmer, which is
    quadratic in a word's length; nobody searches for one."""
    from forum.search.analysis import LONGEST_WORD, positioned_tokens, tokens

    assert tokens("x" * LONGEST_WORD) == ["x" * LONGEST_WORD]
    assert tokens("x" * (LONGEST_WORD + 1)) == []
    assert [t for _, t in positioned_tokens("pump " + "y" * 16_000 + " broken")] == [
        "pump",
        "broken",
    ]
