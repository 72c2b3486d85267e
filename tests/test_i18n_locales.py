"""Each language renders: for each of the six, the main pages answer in that language
(``<html lang>`` and one string of the page as its catalog translates it), Slovene counts
answers with its four plural forms, and an e-mail is written in its recipient's language
(docs/i18n.md, "Checks")."""

import gettext
import json
import re

import pytest
import sqlalchemy as sa
from babel.messages.catalog import Catalog
from flask_babel import force_locale

from forum import i18n
from forum.accounts.models import User
from forum.complaints import services as complaints
from forum.complaints.links import thread_path
from forum.extensions import db
from forum.mail.models import MailMessage
from forum.templating import script_text
from tests import i18n_catalogs as checks
from tests.conftest import fresh
from tests.test_complaints import complaint_form

CATALOGS = {locale: checks.read_catalog(checks.catalog_path(locale)) for locale in i18n.LOCALES}


def translated(locale, msgid, count=None):
    """``msgid`` as ``locale``'s catalog says it (English: the code's text); a plural
    message in the form the catalog's Plural-Forms picks for ``count``."""
    message = CATALOGS[locale].get(msgid)
    assert message is not None, msgid
    if locale == i18n.DEFAULT_LOCALE:
        return message.id if count is None else message.id[0 if count == 1 else 1]
    if count is None:
        return message.string
    catalog = CATALOGS[locale]
    return message.string[_plural_index(catalog, count)]


def _plural_index(catalog: Catalog, count):
    return gettext.c2py(catalog.plural_expr)(count)


def page_in(client, path, locale, **options):
    headers = {"Accept-Language": i18n.html_lang(locale)}
    method = client.post if "data" in options else client.get
    return method(path, headers=headers, **options)


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.fixture
def world(app, make_user, make_category, make_complaint, make_answer):
    category = make_category("Dishwashers")
    staff = make_user("nina", role="staff")
    member = make_user("alma")
    complaint = make_complaint(author=member, category=category)
    make_answer(complaint, author=staff)
    with app.app_context():
        path = thread_path(complaint)
    return {"category": category, "thread": path}


PAGES = [
    # what, how to ask for it, the message the page shows
    ("home", "/", "Post a complaint"),
    ("listing", "/complaints", "Any status"),
    ("thread", "{thread}", "Your answer"),
    ("new complaint refused", "POST /complaints/new", "Give your complaint a title."),
    ("search", "/search?q=dishwasher", "Search complaints"),
    ("staff queue", "/staff", "What is waiting on us, longest wait first."),
]


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_each_language_renders_the_main_pages(app, client, auth, world, locale):
    auth.login("nina")  # staff: the queue too; no saved language, so the browser's counts
    expected_status = {"new complaint refused": 422}
    for what, path, msgid in PAGES:
        path = path.format(thread=world["thread"])
        if path.startswith("POST "):
            data = complaint_form(world["category"], title="")
            response = page_in(client, path.split(" ", 1)[1], locale, data=data)
        else:
            response = page_in(client, path, locale)
        html = response.get_data(as_text=True)
        assert response.status_code == expected_status.get(what, 200), what
        assert html_lang(html) == i18n.html_lang(locale), what
        text = translated(locale, msgid)
        assert text and str(text) in html.replace("&#39;", "'"), (what, text)
        if locale != i18n.DEFAULT_LOCALE:
            assert text != msgid


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_slovene_counts_answers_with_its_four_forms(
    app, client, make_complaint, make_answer, count
):
    complaint = make_complaint()
    for _ in range(count):
        make_answer(complaint)
    with app.app_context():
        path = thread_path(complaint)
    html = page_in(client, path, "sl").get_data(as_text=True)
    heading = translated("sl", "%(count)s answer", count) % {"count": count}
    assert f'id="answers-heading">{heading}</h2>' in html


def test_slovene_uses_a_different_form_for_1_2_3_and_5():
    forms = {translated("sl", "%(count)s answer", count) for count in (1, 2, 3, 5)}
    assert len(forms) == 4


def test_an_answer_mails_a_german_member_in_german(app, make_user, make_complaint):
    author = make_user("greta")
    helper = make_user("hugo")
    complaint = make_complaint(author=author, title="Spülmaschine zeigt Fehler E24")
    with app.app_context():
        db.session.get(User, author.id).language = "de"
        db.session.commit()
        complaints.post_answer(fresh(helper), fresh(complaint), "Den Filter reinigen hilft oft.")
        subjects = db.session.scalars(
            sa.select(MailMessage.subject).where(MailMessage.user_id == author.id)
        ).all()
    english = "%(name)s answered your complaint “%(title)s”"
    german = translated("de", english) % {"name": "hugo", "title": complaint.title}
    assert german != english % {"name": "hugo", "title": complaint.title}
    assert german in subjects


@pytest.mark.parametrize("locale", i18n.LOCALES[1:])
def test_the_scripts_text_is_in_the_page_s_language(client, locale):
    """What static/js writes into pages (tabs, the preview's messages, the similar threads)
    comes with the page, translated."""
    html = page_in(client, "/", locale).get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="interface-text">(.*?)</script>', html)
    texts = json.loads(found.group(1))
    with client.application.test_request_context():
        english = script_text()
        with force_locale(locale):
            assert texts == script_text()
    assert all(texts[key] != english[key] for key in english), locale
