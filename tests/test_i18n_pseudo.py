"""Every page shows only text that passed through the catalogs: with a pseudo-locale whose
every message reads ``⟦message⟧``, any visible text left outside the markers on any page (as
visitor, member, author, staff, admin; refused forms included) is a string nobody marked for
translation, user content, numbers and Babel's dates aside (tests/i18n_pseudo.py). The
failure lists the strings page by page; ``python -m tests.i18n_report`` prints the same list."""

import pytest
from babel.messages.catalog import Catalog
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from forum import create_app
from tests import i18n_pseudo as pseudo
from tests.conftest import TEST_CONFIG
from tests.i18n_catalogs import TEMPLATE, read_catalog
from tests.i18n_pages import build_world, visit_pages


@pytest.fixture
def pseudo_app(app, tmp_path):
    undo = pseudo.install_pseudo_locale(app, read_catalog(TEMPLATE), tmp_path / "pseudo")
    yield app
    undo()


def test_every_page_shows_only_text_from_the_catalogs(pseudo_app):
    app = pseudo_app
    world = build_world(app)
    content = pseudo.content_pattern(world.content)
    allowed = pseudo.language_names()
    report = pseudo.PageReport()

    def look(label, response):
        report.add(label, pseudo.unmarked(response.get_data(as_text=True), content, allowed))

    visit_pages(app, world, look, links=pseudo.same_site_links)
    visited = " ".join(report.visited)
    expected = [
        "GET / (visitor", "GET /complaints?", world.paths["thread"], "GET /staff (staff",
        "GET /mod/queue (staff", "GET /admin/settings (admin", "GET /notifications (",
        "POST /complaints/new (member, 422)", "GET /no-such-page (visitor, 404)",
    ]  # fmt: skip
    for page in expected:
        assert page in visited, f"{page} was not visited: {report.visited}"
    assert len(report.visited) >= 40
    assert not report.pages, str(report)


# --- The pseudo-locale and the text it finds, on small cases ----------------------------


def _template(*messages):
    catalog = Catalog(locale="en")
    for message in messages:
        catalog.add(message)
    return catalog


def test_the_pseudo_locale_wraps_every_message_and_leaves_no_trace(_schema, tmp_path):
    template = _template("Post a complaint", ("%(num)d answer", "%(num)d answers"))
    page = (
        "{{ _('Post a complaint') }}|{{ ngettext('%(num)d answer', '%(num)d answers', 3) }}"
        "|{{ _('Not in the catalog') }}"
    )

    class Form(FlaskForm):
        name = StringField("Name", validators=[DataRequired()])

    def render(app):
        with app.test_request_context("/", method="POST", data={"name": ""}):
            form = Form(meta={"csrf": False})
            form.validate()
            return render_template_string(page) + "|" + form.name.errors[0]

    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema})
    undo = pseudo.install_pseudo_locale(app, template, tmp_path / "pseudo")
    try:
        assert render(app) == (
            "⟦Post a complaint⟧|⟦3 answers⟧|Not in the catalog|⟦This field is required.⟧"
        )
    finally:
        undo()
    other = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema})
    assert render(other) == "Post a complaint|3 answers|Not in the catalog|This field is required."
    assert list(tmp_path.iterdir()) == [tmp_path / "pseudo"]


def test_visible_text_is_text_and_the_attributes_people_read():
    html = """<html lang="en"><head><title>⟦Home⟧</title><style>p{}</style>
      <meta name="description" content="A forum"><script>var x = "code";</script></head>
      <body><p>One <a href="/x" title="Tip">sentence</a> here.</p><img src="/l.png" alt="Logo">
      <input type="submit" value="Send"><input type="text" value="typed by someone">
      <input name="q" placeholder="Search"><button aria-label="Close">×</button>
      <select><option lang="de">Deutsch</option><option>Other</option></select></body></html>"""
    pieces = [piece.replace(pseudo.JOIN, "") for piece in pseudo.VisibleText(html).pieces]
    assert pieces == [
        "⟦Home⟧", "A forum", "Tip", "One sentence here.", "Logo", "Send", "Search", "Close",
        "×", "Other",
    ]  # fmt: skip


def test_text_outside_the_markers_is_found_and_the_rest_is_not():
    content = pseudo.content_pattern({"Bruno_Kastelic", "The oven door snapped"})
    html = """<html lang="en"><body>
      <h1>The oven door snapped</h1>
      <p>⟦Posted by ⟦Bruno_Kastelic⟧ on Dec 7, 2026⟧ · 3 days ago</p>
      <p>⟦Read the <a href="/guidelines">guidelines</a> first.⟧</p>
      <p><span>Bruno_Kastelic</span> answered · 12 · ★★★☆☆ · 4,560</p>
      <p>⟦Sort⟧: Newest first</p><p>Yesterday, 10:15 AM</p>
      <button title="Works for the company">⟦Staff⟧</button></body></html>"""
    assert pseudo.unmarked(html, content) == [
        "answered · 12 · ★★★☆☆ · 4,560", "Newest first", "Works for the company",
    ]  # fmt: skip


def test_the_report_lists_the_strings_page_by_page():
    report = pseudo.PageReport()
    report.add("GET / (visitor, 200)", ["Sign in", "Post a complaint"])
    report.add("GET /about (visitor, 200)", [])
    assert str(report) == (
        "1 of 2 pages show text outside the catalogs:\n"
        "GET / (visitor, 200):\n    Sign in\n    Post a complaint"
    )


def test_links_followed_are_the_site_s_own():
    html = (
        '<a href="/complaints?sort=new&amp;page=2">n</a><a href="https://x.org/">x</a>'
        '<a href="#top">t</a>'
    )
    assert pseudo.same_site_links(html) == ["/complaints?sort=new&page=2"]
