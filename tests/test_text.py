"""forum.text: typed text as the site stores it, and URL slugs from titles."""

import pytest

from forum.text import SLUG_MAX, clean_text, slugify


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (None, ""),
        ("", ""),
        ("  \n\t ", ""),
        ("  Fridge broke.  \r\n", "Fridge broke."),
        ("Line one\r\nLine two\r\n\r\nNew paragraph", "Line one\nLine two\n\nNew paragraph"),
        # Spacing inside is Markdown's: indented code and double spaces stay as typed.
        ("Steps:\n\n    reset --hard\nend  of  line", "Steps:\n\n    reset --hard\nend  of  line"),
    ],
)
def test_clean_text_keeps_what_was_typed_with_unix_line_ends_and_no_surrounding_space(
    typed, stored
):
    assert clean_text(typed) == stored


def test_clean_text_is_what_every_form_stores_so_cleaning_twice_changes_nothing():
    typed = " \r\n Mine leaked too.\r\nThey replaced it. \r\n"
    once = clean_text(typed)
    assert once == "Mine leaked too.\nThey replaced it."
    assert clean_text(once) == once


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The fridge stopped cooling after a week", "the-fridge-stopped-cooling-after-a-week"),
        ("Kühlschrank kühlt nicht mehr!", "kuhlschrank-kuhlt-nicht-mehr"),
        ("Åsa's café: crème brûlée?", "asa-s-cafe-creme-brulee"),
        ("  --Refund__ please--  ", "refund__-please"),
        ("冰箱坏了 退款", "冰箱坏了-退款"),
        ("!!! ??? ...", "complaint"),
        ("", "complaint"),
    ],
)
def test_slugify_folds_accents_lowercases_and_joins_words_with_hyphens(title, slug):
    assert slugify(title) == slug


def test_slugify_caps_the_length_without_a_trailing_hyphen():
    slug = slugify("word " * 40)
    assert len(slug) <= SLUG_MAX
    assert not slug.endswith("-")
    assert slug.startswith("word-word-")
    # Cut where the 80th character is a hyphen: the hyphen goes.
    assert slugify("a" * (SLUG_MAX - 1) + " tail") == "a" * (SLUG_MAX - 1)
