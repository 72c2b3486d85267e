"""Which language a page is in: the member's saved choice, else the visitor's menu choice
(the ``lang`` cookie), else ``Accept-Language``, else the site's default language; the
language menu keeps you on your page; kept pages are kept per language; dates, relative
times and WTForms' own messages follow the language (docs/i18n.md, "Choosing the language")."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale, gettext
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from forum import i18n
from forum.accounts.models import User
from forum.extensions import db
from forum.forms import Form
from forum.language import best_interface_language, interface_language
from forum.templating import duration_since, longdate, shortdate, timeago
from tests.conftest import fresh, set_settings

# "Post a complaint", as each catalog says it (the header's button on every page).
POST_A_COMPLAINT = {
    "en": "Post a complaint",
    "de": "Beschwerde verfassen",
    "sv": "Skriv ett klagomål",
}
HTML_LANG = re.compile(r'<html lang="([^"]+)">')


def html_lang(response):
    return HTML_LANG.search(response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("de-AT", "de"), ("sv", "sv"), ("SL-si", "sl"), ("hu", "hu"), ("zh", "zh_Hans"),
     ("zh-CN", "zh_Hans"), ("zh-Hans-CN", "zh_Hans"), ("zh_Hans", "zh_Hans"), ("en-GB", "en"),
     ("fr-FR", None), ("", None), ("*", None)],
)  # fmt: skip
def test_a_browser_s_tag_names_an_interface_language(tag, locale):
    assert interface_language(tag) == locale


def test_the_first_accepted_language_the_interface_speaks_wins():
    assert best_interface_language([("fr", 1), ("sl", 0.8), ("de", 0.5)]) == "sl"
    assert best_interface_language([("fr", 1), ("de", 0)]) is None


def test_a_visitor_gets_the_language_their_browser_asks_for(client, make_category):
    make_category()
    for header, lang in (("de-DE,de;q=0.9,en;q=0.5", "de"), ("fr, sv;q=0.7", "sv"),
                         ("zh-CN,zh;q=0.9", "zh-Hans")):  # fmt: skip
        response = client.get("/", headers={"Accept-Language": header})
        assert response.status_code == 200
        assert html_lang(response) == lang
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert POST_A_COMPLAINT["de"] in page and POST_A_COMPLAINT["en"] not in page


def test_without_a_language_the_interface_speaks_the_site_default_is_used(app, client):
    assert html_lang(client.get("/", headers={"Accept-Language": "fr"})) == "en"
    set_settings(app, default_language="sv")
    # A crawler sends no Accept-Language.
    response = client.get("/")
    assert html_lang(response) == "sv"
    assert POST_A_COMPLAINT["sv"] in response.get_data(as_text=True)
    # A browser asking for a language of the interface still gets it.
    assert html_lang(client.get("/", headers={"Accept-Language": "de"})) == "de"


def test_the_admin_setting_takes_only_an_interface_language(app, as_admin):
    response = as_admin.get("/admin/settings")
    assert 'value="zh_Hans"' in response.get_data(as_text=True)
    with app.app_context():
        from forum.settings import definitions

        assert definitions.setting("default_language").parse("ZH_HANS") == "zh_Hans"
        with pytest.raises(definitions.InvalidSetting):
            definitions.setting("default_language").parse("fr")


def test_the_menu_keeps_a_visitor_s_choice_in_a_cookie_and_returns_to_the_page(client):
    response = client.post(
        "/language",
        data={"language": "hu", "next": "/search?q=oven"},
        headers={"Origin": "http://localhost", "Accept-Language": "de"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/search?q=oven"
    cookie = client.get_cookie(i18n.COOKIE)
    assert cookie.value == "hu" and cookie.http_only and cookie.same_site == "Lax"
    # The cookie beats the browser's Accept-Language from now on.
    assert html_lang(client.get("/", headers={"Accept-Language": "de"})) == "hu"


def test_the_menu_refuses_another_site_s_form_and_unknown_languages(client):
    refused = client.post(
        "/language",
        data={"language": "de", "next": "/"},
        headers={"Origin": "https://evil.example"},
    )
    assert refused.status_code == 400
    assert client.get_cookie(i18n.COOKIE) is None
    refused = client.post(
        "/language", data={"language": "de"}, headers={"Referer": "https://evil.example/x"}
    )
    assert refused.status_code == 400
    unknown = client.post("/language", data={"language": "fr", "next": "/"})
    assert unknown.status_code == 422
    assert "Choose one of the languages in the list." in unknown.get_data(as_text=True)
    assert client.get_cookie(i18n.COOKIE) is None


def test_the_menu_never_sends_you_to_another_site(client):
    response = client.post("/language", data={"language": "sl", "next": "//evil.example/"})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_member_s_choice_is_saved_with_the_account_and_beats_cookie_and_browser(
    app, client, auth, make_user
):
    member = make_user("greta")
    auth.login("greta")
    page = client.get("/account").get_data(as_text=True)
    assert 'id="account-language"' in page
    response = client.post("/language", data={"language": "de", "next": "/account"})
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    with app.app_context():
        assert fresh(member).language == "de"
        assert i18n.language_of(fresh(member)) == "de"
    client.set_cookie(i18n.COOKIE, "sv")
    response = client.get("/account", headers={"Accept-Language": "hu"})
    assert html_lang(response) == "de"
    assert 'value="de" lang="de" selected' in response.get_data(as_text=True)


def test_a_member_without_a_choice_reads_their_mail_in_the_site_language(app, make_user):
    member = make_user("ilse")
    with app.app_context():
        assert i18n.language_of(fresh(member)) == "en"
    set_settings(app, default_language="sl")
    with app.app_context():
        assert i18n.language_of(fresh(member)) == "sl"
        assert i18n.language_of(None) == "sl"
        db.session.get(User, member.id).language = "zh_Hans"
        db.session.commit()
        assert i18n.language_of(fresh(member)) == "zh_Hans"


def test_the_language_menu_leaves_a_visitor_s_page_shareable(client):
    """The visitor's menu carries no form token, so the page stays public (cacheable)."""
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert 'action="/language"' in page and 'name="csrf_token"' not in page
    assert response.cache_control.public
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_kept_pages_are_kept_per_language(app, client):
    app.config["PAGE_CACHE_ENABLED"] = True
    try:
        german = client.get("/", headers={"Accept-Language": "de"})
        english = client.get("/", headers={"Accept-Language": "en"})
        assert html_lang(german) == "de" and html_lang(english) == "en"
        again = client.get("/", headers={"Accept-Language": "de"})
        assert again.get_data() == german.get_data()
        client.set_cookie(i18n.COOKIE, "sl")
        assert html_lang(client.get("/", headers={"Accept-Language": "de"})) == "sl"
    finally:
        app.config["PAGE_CACHE_ENABLED"] = False


def test_dates_and_relative_times_are_written_as_the_language_writes_them(app):
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    moment = datetime(2026, 3, 4, 9, 7, 30, tzinfo=UTC)
    with app.test_request_context():
        expected = {
            "en": ("6 days ago", "4 Mar 2026, 09:07 UTC", "4 Mar 2026"),
            "de": ("vor 6 Tagen", "04.03.2026, 09:07 UTC", "04.03.2026"),
            "zh_Hans": ("6天前", "2026年3月4日 09:07 UTC", "2026年3月4日"),
        }
        for locale, (ago, long, short) in expected.items():
            with force_locale(locale):
                assert timeago(moment, now) == ago
                assert longdate(moment) == long
                assert shortdate(moment) == short
        with force_locale("sl"):
            # Floored to whole units, as before: 13 days is one week, not two.
            assert timeago(now - timedelta(days=13), now) == "pred 1 tednom"
            assert timeago(now - timedelta(seconds=20), now) == gettext("just now")
            assert gettext("just now") != "just now"
        # How long, for "waiting for 3 weeks": no direction, floored the same way.
        with force_locale("hu"):
            assert duration_since(now - timedelta(days=22), now) == "3 hét"
        with force_locale("en"):
            assert duration_since(now - timedelta(days=22), now) == "3 weeks"
            assert duration_since(now - timedelta(seconds=5), now) == "less than a minute"


class _Sample(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=3)])


def test_wtforms_own_messages_come_from_the_catalogs(app):
    with app.test_request_context(method="POST", data={"name": "abcdef"}):
        with force_locale("sl"):
            form = _Sample()
            assert not form.validate()
            (message,) = form.name.errors
            english = "Field cannot be longer than 3 characters."
            assert message != english and "3" in message
        with force_locale("en"):
            form = _Sample()
            form.validate()
            assert form.name.errors == [english]
    with app.test_request_context(method="POST", data={}):
        with force_locale("de"):
            form = _Sample()
            form.validate()
            assert form.name.errors and form.name.errors[0] != "This field is required."


def test_the_footer_menu_returns_to_this_page_with_the_parameters_it_reads(client):
    html = client.get("/complaints?sort=new&utm_source=mail").get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/complaints?sort=new">' in html
    missing = client.get("/no-such-page").get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/no-such-page">' in missing


def test_templates_read_the_catalog_of_the_language_in_force(app):
    """The request's catalog is found once, and found again when ``force_locale`` changes
    the language (an e-mail in its recipient's language inside someone else's request)."""
    template = app.jinja_env.from_string(
        "{{ _('Post a complaint') }}|{% trans name=who %}Hello {{ name }}{% endtrans %}"
        "|{% trans count=n %}{{ count }} answer{% pluralize %}{{ count }} answers{% endtrans %}"
    )
    with app.test_request_context(headers={"Accept-Language": "de"}):
        german = template.render(who="<b>", n=2)
        with force_locale("sv"):
            swedish = template.render(who="<b>", n=1)
        again = template.render(who="<b>", n=2)
    assert german.startswith(POST_A_COMPLAINT["de"] + "|") and german == again
    assert swedish.startswith(POST_A_COMPLAINT["sv"] + "|")
    # Values are escaped, the translation is not.
    assert "&lt;b&gt;" in german and "<b>" not in german
    assert german.endswith("|2 Antworten") and swedish.endswith("|1 svar")
