"""The interface language: which one a request gets, and the catalogs it is read from.

Flask-Babel translates every string that goes through ``gettext``/``lazy_gettext`` in Python
and ``{{ _() }}``/``{% trans %}`` in templates, from the catalogs in ``translations/``
(``make i18n-extract``, ``make i18n-update``, ``make i18n-compile``: docs/i18n.md). The
language of a request is chosen in one place, ``select_locale``.
"""

import os
from contextlib import contextmanager

from flask import request
from flask_babel import Babel, force_locale, get_locale
from werkzeug.local import LocalProxy

# The interface's languages, as Babel names them; the first is the source language.
LOCALES = ("en", "de", "sv", "sl", "hu", "zh_Hans")
DEFAULT_LOCALE = "en"

babel = Babel()


def select_locale():
    """The language of this request's interface."""
    if not request:
        return DEFAULT_LOCALE
    return request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE


def language_of(user):
    """The language a member reads their e-mails and notifications in."""
    return getattr(user, "language", None) or DEFAULT_LOCALE


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
