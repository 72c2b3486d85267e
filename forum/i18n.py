"""The interface language: which one a request gets, and the catalogs it is read from.

Flask-Babel translates every string that goes through ``gettext``/``lazy_gettext`` in Python
and ``{{ _() }}``/``{% trans %}`` in templates, from the catalogs in ``translations/``
(``make i18n-extract``, ``make i18n-update``, ``make i18n-compile``: docs/i18n.md). The
language of a request is chosen in one place, ``select_locale``.
"""

import os
from contextlib import contextmanager

from flask import has_request_context, request
from flask_babel import Babel, force_locale, get_locale
from flask_login import current_user
from werkzeug.local import LocalProxy

from forum import settings
from forum.language import INTERFACE_LANGUAGES, best_interface_language

# The interface's languages, as Babel names them; the first is the source language.
LOCALES = tuple(INTERFACE_LANGUAGES)
DEFAULT_LOCALE = "en"
# A visitor's choice from the language menu (a member's is saved with the account).
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600

babel = Babel()


def site_language():
    """The site's default language (an admin setting): for crawlers and browsers that ask
    for none of the interface's languages, and for e-mails to people without an account."""
    chosen = settings.get("default_language")
    return chosen if chosen in INTERFACE_LANGUAGES else DEFAULT_LOCALE


def chosen_language(value):
    """A saved or posted choice, if it names one of the interface's languages."""
    return value if value in INTERFACE_LANGUAGES else None


def select_locale():
    """The language of this request's interface: the signed-in member's saved choice, else
    the visitor's from the language menu (the ``lang`` cookie), else the first of the
    browser's ``Accept-Language`` the interface speaks, else the site's default."""
    if not has_request_context():
        return site_language()
    if current_user.is_authenticated and (saved := chosen_language(current_user.language)):
        return saved
    return (
        chosen_language(request.cookies.get(COOKIE))
        or best_interface_language(request.accept_languages)
        or site_language()
    )


def language_of(user):
    """The language a member reads their e-mails and notifications in: the one they chose,
    else the site's."""
    return chosen_language(getattr(user, "language", None)) or site_language()


@contextmanager
def in_language_of(user):
    """Translate what is composed inside in ``user``'s language (an e-mail's subject and
    body are composed when queued, often in someone else's request)."""
    with force_locale(language_of(user)):
        yield


def html_lang(locale):
    """The BCP 47 tag of a Babel locale name, for ``lang`` attributes: ``zh_Hans`` →
    ``zh-Hans``."""
    return str(locale).replace("_", "-")


def init_app(app):
    root = os.path.dirname(app.root_path)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(root, "translations"))
    babel.init_app(app, locale_selector=select_locale)
    # {% trans %} blocks collapse their whitespace, as babel.cfg extracts them.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # The interface's language as a lang attribute, for interface text inside content that
    # carries its own lang.
    app.jinja_env.globals["interface_lang"] = LocalProxy(lambda: html_lang(get_locale()))
    app.jinja_env.globals["interface_locale"] = LocalProxy(lambda: str(get_locale()))
    app.jinja_env.globals["interface_languages"] = INTERFACE_LANGUAGES
    app.jinja_env.filters["html_lang"] = html_lang
