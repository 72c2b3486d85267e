"""Each language of the interface renders the main pages in itself: home, a listing, a
thread, the new-complaint form sent back with its errors, search and the staff queue answer
with the right status, ``<html lang>`` and a string of the page as that language's catalog
translates it (read from the catalog, not written here); Slovene counts answers with its
four plural forms; an e-mail queued for a German member is written in German."""

import html
import re

import pytest
import sqlalchemy as sa
from babel.messages.catalog import Catalog

from forum import i18n
from forum.accounts.models import User
from forum.extensions import db
from forum.mail.models import MailMessage
from tests import i18n_catalogs as checks
from tests.conftest import fresh

# A page, how it is reached, its status, and a message it shows (its English text).
PAGES = {
    "home": ("GET", "/", 200, "Post a complaint"),
    "listing": ("GET", "/complaints", 200, "Any status"),
    "thread": ("GET", "{thread}", 200, "Your answer"),
    "new complaint refused": ("POST", "/complaints/new", 422, "Give your complaint a title."),
    "search": ("GET", "/search?q=fridge", 200, "Search complaints"),
    "staff queue": ("GET", "/staff", 200, "What is waiting on us, longest wait first."),
}
ANSWERS = re.compile(r"%\((count|num)\)[sd] answers")


class NotTranslated(Exception):
    pass


def catalog(locale):
    return checks.read_catalog(checks.catalog_path(locale))


def translated(locale, msgid, context=None):
    """``msgid`` as ``locale`` shows it: its translation, or the source text in the source
    language (whose catalog stays empty)."""
    message = catalog(locale).get(msgid, context=context)
    if message is None:
        raise NotTranslated(f"{msgid!r} is not in the catalog (not marked for translation?)")
    if locale == i18n.DEFAULT_LOCALE:
        return msgid
    if not message.string:
        raise NotTranslated(f"{msgid!r} is not translated in {locale}")
    return message.string


def page_text(response):
    return html.unescape(response.get_data(as_text=True))


def html_lang(response):
    found = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", response.get_data(as_text=True))
    return found and found.group(1)


def asking_for(locale):
    return {"Accept-Language": i18n.html_lang(locale)}


@pytest.fixture
def thread(app, make_user, make_complaint, make_answer):
    make_user("nina", role="staff")
    complaint = make_complaint(author=make_user("writer"))
    make_answer(complaint)
    return f"/complaints/{complaint.id}/{complaint.slug}"


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_each_language_renders_the_main_pages_in_itself(client, auth, thread, locale):
    auth.login("nina")
    problems = []
    for page, (method, path, status, msgid) in PAGES.items():
        data = {"title": "", "body": "", "desired_outcome": "refund"} if method == "POST" else None
        response = client.open(
            path.format(thread=thread), method=method, data=data, headers=asking_for(locale)
        )
        if response.status_code != status:
            problems.append(f"{page}: status {response.status_code}, not {status}")
        if html_lang(response) != i18n.html_lang(locale):
            problems.append(f"{page}: <html lang={html_lang(response)!r}>")
        try:
            text = translated(locale, msgid)
        except NotTranslated as refused:
            problems.append(f"{page}: {refused}")
            continue
        if text not in page_text(response):
            problems.append(f"{page}: {text!r} ({msgid!r}) is not on the page")
    assert problems == [], f"{locale}:\n" + "\n".join(problems)


def _answers_message(messages):
    """The thread's "N answers" heading: the catalog's plural message counting answers."""
    found = [m for m in messages if m.pluralizable and ANSWERS.fullmatch(m.id[1])]
    assert found, "no plural message counting answers (%(count)s answers) in the catalogs"
    return found[0]


def test_slovene_counts_answers_with_its_four_plural_forms(
    client, make_user, make_complaint, make_answer
):
    message = _answers_message(catalog("sl"))
    forms = checks.forms(message)
    assert len(forms) == 4 and all(forms), f"{message.id!r} lacks Slovene forms: {forms}"
    _count, choose = checks.cldr_plural_forms("sl")
    name = ANSWERS.fullmatch(message.id[1]).group(1)
    helper = make_user("helper")
    used = set()
    for count in (1, 2, 3, 5):
        complaint = make_complaint()
        for number in range(count):
            make_answer(complaint, author=helper, body=f"Answer number {number + 1} here.")
        response = client.get(
            f"/complaints/{complaint.id}/{complaint.slug}", headers=asking_for("sl")
        )
        assert response.status_code == 200
        heading = forms[choose(count)] % {name: count}
        assert heading in page_text(response), (count, heading)
        used.add(choose(count))
    assert used == {0, 1, 2, 3}


def _as_pattern(msgid):
    """A message as a pattern matching its text once formatted, naming its placeholders."""
    parts = re.split(r"(%\(\w+\)[sd])", msgid)
    return re.compile(
        "".join(
            f"(?P<{part[2:-2]}>.+?)" if index % 2 else re.escape(part)
            for index, part in enumerate(parts)
        )
    )


def _translate_formatted(messages, text):
    """``text``, a formatted English message, as the catalog ``messages`` writes it."""
    for message in messages:
        if message.id and not message.pluralizable:
            found = _as_pattern(message.id).fullmatch(text)
            if found:
                assert message.string, f"{message.id!r} is not translated"
                return message.string % found.groupdict() if found.groupdict() else message.string
    raise AssertionError(f"{text!r} comes from no message of the catalogs")


def test_an_e_mail_to_a_german_member_is_written_in_german(
    app, make_user, make_complaint, make_answer
):
    """(Needs the member's language, ``user.language``.)"""
    german, english = make_user("kerstin"), make_user("kate")
    with app.app_context():
        db.session.execute(sa.update(User).where(User.id == german.id).values(language="de"))
        db.session.commit()
        assert i18n.language_of(fresh(german)) == "de"
    helper = make_user("helper")
    for author in (german, english):
        complaint = make_complaint(author=author, title="The kettle switches itself off")
        make_answer(complaint, author=helper)
    with app.app_context():
        rows = db.session.execute(sa.select(MailMessage.user_id, MailMessage.subject))
        subjects = dict(rows.all())
    assert subjects[german.id] != subjects[english.id]
    assert subjects[german.id] == _translate_formatted(catalog("de"), subjects[english.id])


# --- The helpers, on small catalogs --------------------------------------------------------


def test_a_formatted_message_is_found_and_translated_with_its_values():
    messages = Catalog(locale="de")
    messages.add("%(name)s answered your complaint “%(title)s”",
                 "%(name)s hat auf deine Beschwerde „%(title)s“ geantwortet")  # fmt: skip
    messages.add("Welcome", "Willkommen")
    assert _translate_formatted(messages, "kate answered your complaint “A (kettle)”") == (
        "kate hat auf deine Beschwerde „A (kettle)“ geantwortet"
    )
    assert _translate_formatted(messages, "Welcome") == "Willkommen"
    with pytest.raises(AssertionError, match="comes from no message"):
        _translate_formatted(messages, "Something else")


def test_the_answers_heading_is_the_plural_message_counting_answers():
    messages = Catalog(locale="sl")
    messages.add(("%(count)s member", "%(count)s members"), ("a", "b", "c", "d"))
    messages.add(("%(count)s answer", "%(count)s answers"), ("%(count)s odgovor",) * 4)
    assert _answers_message(messages).id == ("%(count)s answer", "%(count)s answers")
