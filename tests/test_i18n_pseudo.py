"""Nothing unmarked: every page of a small world, read by visitor, member, author, staff and
admin under a pseudo-locale that wraps each catalog message in ⟦…⟧, shows no visible text
outside the markers but the world's own content (docs/i18n.md, "Checks")."""

from tests import i18n_pseudo as pseudo
from tests.i18n_catalogs import TEMPLATE, read_catalog
from tests.i18n_report import page_report


def test_every_page_shows_only_text_that_passed_through_the_catalogs(tmp_path):
    report = page_report(tmp_path, read_catalog(TEMPLATE))
    # Each person's starting pages and the pages linked from them, and refused forms.
    assert len(report.visited) >= 150, report.visited
    for role in ("visitor", "member", "author", "staff", "admin"):
        assert any(f"({role}, 200)" in label for label in report.visited), role
    assert not report.pages, str(report)


# --- The check finds what it is for -------------------------------------------------------


def test_text_outside_the_markers_is_found_and_user_content_is_not():
    content = pseudo.content_pattern({"My oven broke", "Alma_Vesterlund"})
    html = (
        "<html><head><title>⟦Complaints⟧</title><style>p { color: red }</style></head><body>"
        "<h1>My oven broke</h1><p>⟦Posted by⟧ <a href='/m'>Alma_Vesterlund</a></p>"
        "<p>Waiting on us</p><button aria-label='Close menu'>×</button>"
        "<input placeholder='⟦Search⟧'><p lang='de'>Mein Ofen</p><p>12 · 3</p></body></html>"
    )
    assert pseudo.unmarked(html, content) == ["Waiting on us", "Close menu"]


def test_a_sentence_split_around_its_link_counts_as_unmarked():
    html = "<p>⟦Read the⟧ <a href='/g'>⟦guidelines⟧</a> before posting.</p>"
    assert pseudo.unmarked(html, pseudo.content_pattern(set())) == ["before posting"]


def test_the_pseudo_catalog_keeps_placeholders_and_every_plural_form():
    template = read_catalog(TEMPLATE)
    catalog = pseudo.pseudo_catalog(template)
    plural = next(message for message in catalog if message.pluralizable)
    assert all(form.startswith(pseudo.OPEN) for form in plural.string)
    placeholder = next(message for message in catalog if "%(" in str(message.id))
    assert placeholder.string == pseudo.pseudo(placeholder.id)
