"""The interface language: which one a request gets, and the catalogs it is read from.

Flask-Babel translates every string that goes through ``gettext``/``lazy_gettext`` in Python
and ``{{ _() }}``/``{% trans %}`` in templates, from the catalogs in ``translations/``
(``make i18n-extract``, ``make i18n-update``, ``make i18n-compile``: docs/i18n.md). The
language of a request is chosen in one place, ``select_locale``.
"""

import os
from contextlib import contextmanager

from flask import has_request_context, request
from flask.globals import _cv_app
from flask_babel import Babel, Domain, force_locale, get_locale
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup
from werkzeug.local import LocalProxy

from forum import settings
from forum.language import INTERFACE_LANGUAGES, best_interface_language

# The interface's languages, as Babel names them; the first is the source language.
LOCALES = tuple(INTERFACE_LANGUAGES)
DEFAULT_LOCALE = "en"
# A visitor's choice from the language menu (a member's is saved with the account).
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def _request_space():
    """Flask-Babel's per-request namespace (its locale, its domain), read without going
    through ``flask.g``'s proxy; ``None`` outside an app context or before its first use."""
    app_context = _cv_app.get(None)
    return app_context.g.__dict__.get("_flask_babel") if app_context is not None else None


class RequestDomain(Domain):
    """Flask-Babel's message domain, finding the request's catalog once per request and
    language instead of once per message.

    Flask-Babel looks the catalog up for every message (about ten context-local lookups,
    and the locale written out as a string for its cache's key): on a member's page, a
    fifth of the time. The catalog is kept on Flask-Babel's own per-request namespace
    beside the locale object it was found for, so ``force_locale`` (an e-mail in its
    recipient's language) still gets its own, and the next request finds it again.
    """

    def get_translations(self):
        space = _request_space()
        if space is not None:
            kept = space.__dict__.get("request_translations")
            if kept is not None and kept[0] is space.__dict__.get("babel_locale"):
                return kept[1]
        translations = super().get_translations()
        space = _request_space()
        if space is not None and (locale := space.__dict__.get("babel_locale")) is not None:
            space.request_translations = (locale, translations)
        return translations


babel = Babel()
# One domain for the whole interface (``messages``); Babel would make a plain one lazily.
babel.__dict__["domain_instance"] = RequestDomain()


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


def locale_name():
    """``str(get_locale())`` (``None`` outside a request), found once per request and
    language: dates and times ask for it on every row of a list."""
    space = _request_space()
    locale = space.__dict__.get("babel_locale") if space is not None else None
    if locale is None:
        locale = get_locale()
        return str(locale) if locale is not None else None
    kept = space.__dict__.get("page_locale_name")
    if kept is not None and kept[0] is locale:
        return kept[1]
    space.page_locale_name = (locale, str(locale))
    return space.page_locale_name[1]


def html_lang(locale):
    """The BCP 47 tag of a Babel locale name, for ``lang`` attributes: ``zh_Hans`` →
    ``zh-Hans``."""
    return str(locale).replace("_", "-")


# What templates call for ``_()``, ``{% trans %}`` and their plural and context forms: the
# same as Jinja's new-style gettext over Flask-Babel (translated, marked safe when
# autoescaping, then formatted, always), in one call instead of three per message, and
# with the request's catalog found once (``RequestDomain``). A list page holds a couple
# of hundred messages.
@pass_eval_context
def template_gettext(eval_context, string, /, **variables):
    text = babel.domain_instance.get_translations().ugettext(string)
    return (Markup(text) if eval_context.autoescape else text) % variables


@pass_eval_context
def template_ngettext(eval_context, singular, plural, num, /, **variables):
    variables.setdefault("num", num)
    text = babel.domain_instance.get_translations().ungettext(singular, plural, num)
    return (Markup(text) if eval_context.autoescape else text) % variables


@pass_eval_context
def template_pgettext(eval_context, context, string, /, **variables):
    variables.setdefault("context", context)
    text = babel.domain_instance.get_translations().upgettext(context, string)
    return (Markup(text) if eval_context.autoescape else text) % variables


@pass_eval_context
def template_npgettext(eval_context, context, singular, plural, num, /, **variables):
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    text = babel.domain_instance.get_translations().unpgettext(context, singular, plural, num)
    return (Markup(text) if eval_context.autoescape else text) % variables


def init_app(app):
    root = os.path.dirname(app.root_path)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(root, "translations"))
    babel.init_app(app, locale_selector=select_locale)
    # Templates translate through the functions below (after Flask-Babel installed its own,
    # which also switches Jinja to new-style gettext).
    app.jinja_env.globals.update(
        gettext=template_gettext,
        _=template_gettext,
        ngettext=template_ngettext,
        pgettext=template_pgettext,
        npgettext=template_npgettext,
    )
    # {% trans %} blocks collapse their whitespace, as babel.cfg extracts them.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # The interface's language as a lang attribute, for interface text inside content that
    # carries its own lang.
    app.jinja_env.globals["interface_lang"] = LocalProxy(lambda: html_lang(get_locale()))
    app.jinja_env.globals["interface_locale"] = LocalProxy(lambda: str(get_locale()))
    app.jinja_env.globals["interface_languages"] = INTERFACE_LANGUAGES
    app.jinja_env.filters["html_lang"] = html_lang
