"""User text: CommonMark, then the sanitiser, with an explicit allowlist."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from forum import markup

REL = 'rel="nofollow ugc noopener noreferrer"'
ALLOWED = set(markup.ALLOWED_TAGS)


class Elements(HTMLParser):
    """The elements, attributes and comments a browser would see in ``html``."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes, self.comments, self.hrefs = [], [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(name for name, _value in attrs)
        self.hrefs.extend(value for name, value in attrs if name == "href")

    def handle_comment(self, data):
        self.comments.append(data)


def test_commonmark_is_rendered():
    html = markup.render("# Title\n\n**bold** and *em*\n\n- one\n- two\n\n`code`")
    assert "<h1>Title</h1>" in html
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html
    assert "<li>one</li>" in html and "<code>code</code>" in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        "<svg onload=alert(1)>",
        "<math><mi>x</mi></math>",
        "<iframe src=https://evil.example></iframe>",
        "<!-- hidden comment -->",
        '<p style="color:red">styled</p>',
        "<img src=x onerror=alert(1)>",
        "<textarea>x</textarea>",
    ],
)
def test_raw_html_never_reaches_the_page(source):
    found = Elements(markup.render(source))
    assert set(found.tags) <= ALLOWED
    assert set(found.attributes) <= {"href", "title", "rel", "start"}
    assert not found.comments


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "<javascript:alert(1)>",
        "[click](java&#x09;script:alert(1))",
    ],
)
def test_only_http_https_and_mailto_links(source):
    for href in Elements(markup.render(source)).hrefs:
        # A relative link (no scheme, as a browser parses it) stays on this site.
        assert urlsplit(href).scheme in ("", "http", "https", "mailto"), href


def test_links_get_rel_nofollow_ugc():
    for source in ("[shop](https://shop.example/a)", "see https://shop.example.com/b",
                   "<https://shop.example/c>", "[mail](mailto:help@shop.example)"):  # fmt: skip
        html = markup.render(source)
        assert "<a " in html and REL in html, source


def test_images_are_linked_not_embedded():
    html = markup.render("![broken fridge](https://photos.example/fridge.jpg)")
    assert "<img" not in html
    assert 'href="https://photos.example/fridge.jpg"' in html
    assert "broken fridge" in html


def test_text_in_every_language_survives():
    source = "Kühlschrank kaputt — hűtőszekrény, kylskåp, hladilnik, 冰箱坏了"
    assert source in markup.render(source)


def test_pathological_input_renders_as_the_text_it_is():
    """Unclosed brackets and runs of emphasis marks (the inputs that make backtracking
    parsers slow) come out whole and correct. How long they take is measured by
    ``bench/markup_render.py``, not here: a timed test fails on a busy machine."""
    assert markup.render("[" * 50_000) == "<p>" + "[" * 50_000 + "</p>"
    assert markup.render("*a" * 20_000) == "<p>" + "<em>a</em>a" * 10_000 + "</p>"
    assert markup.plain_text("[" * 50_000) == "[" * 50_000
    assert markup.plain_text("*a" * 20_000) == "a" * 20_000


def test_plain_text_excerpt():
    assert markup.plain_text("**Bold** [link](https://x.example) & more", 100) == (
        "Bold link & more"
    )
    assert markup.plain_text("word " * 100, 30).endswith("…")


def test_plain_text_keeps_the_words_and_drops_the_markup():
    text = (
        "# Broken lid\n\nThe **lid** cracked, see ![photo of the lid](http://x.test/a.png)"
        "\n\n```\nerror E42\n```\n\n- [manual](https://x.test/m) page 3 & 4"
    )
    assert markup.plain_text(text) == (
        "Broken lid The lid cracked, see photo of the lid error E42 manual page 3 & 4"
    )
    assert markup.plain_text("Tags stay text: <b>bold</b>") == "Tags stay text: <b>bold</b>"
    assert markup.plain_text("one two three four five", 12) == "one two…"
