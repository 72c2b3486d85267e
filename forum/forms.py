"""The base of every form: WTForms' own messages ("This field is required.", "Field cannot
be longer than 254 characters.") are read from the app's catalogs, in the request's
language, like every other string (WTForms ships no Slovene catalog, and its wording is
not ours to leave untranslated).

Every form derives from :class:`Form` instead of Flask-WTF's ``FlaskForm``.
"""

from flask_babel import get_translations, lazy_gettext, lazy_ngettext
from flask_wtf import FlaskForm

# The messages WTForms' fields and validators produce in this app's forms, marked so that
# ``make i18n-extract`` puts them in the catalogs (WTForms asks for them by these ids).
WTFORMS_MESSAGES = (
    lazy_gettext("This field is required."),
    lazy_gettext("Not a valid choice."),
    lazy_gettext("Invalid Choice: could not coerce."),
    lazy_gettext("Not a valid integer value."),
    lazy_gettext("Not a valid date value."),
    lazy_gettext("Field must be equal to %(other_name)s."),
    lazy_gettext("Invalid value, must be one of: %(values)s."),
    lazy_gettext("Field must be between %(min)d and %(max)d characters long."),
    lazy_ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    lazy_gettext("Number must be at least %(min)s."),
    lazy_gettext("Number must be at most %(max)s."),
    lazy_gettext("Number must be between %(min)s and %(max)s."),
)


class FormTranslations:
    """What WTForms calls to translate its messages. They arrive unformatted (WTForms fills
    their placeholders itself), so the catalog is asked directly, not through Flask-Babel's
    ``gettext``, which would format them."""

    def gettext(self, string):
        return get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ungettext(singular, plural, n)


TRANSLATIONS = FormTranslations()


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS
