"""The catalogs keep up with the code and are complete: what `make i18n-extract` would write
is what translations/ holds, every language translates every message (no fuzzy entry, every
CLDR plural form), and translations keep their source's placeholders and HTML. The checks
themselves are proven on small catalogs made here (docs/i18n.md, "Checks")."""

import pytest
from babel.messages.catalog import Catalog

from tests import i18n_catalogs as checks


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    return checks.extract(tmp_path_factory.mktemp("i18n") / "messages.pot")


def test_the_template_and_every_catalog_hold_the_messages_of_the_code(extracted):
    template = checks.read_catalog(checks.TEMPLATE)
    catalogs = checks.read_catalogs()
    problems = checks.out_of_date(extracted, template, catalogs)
    assert problems == [], "run `make i18n-update`:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", checks.TRANSLATED)
def test_every_message_is_translated_with_its_placeholders_and_tags(locale):
    problems = checks.translation_problems(locale, checks.read_catalog(checks.catalog_path(locale)))
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_source_language_catalog_translates_nothing():
    locale = checks.DEFAULT_LOCALE
    problems = checks.source_problems(checks.read_catalog(checks.catalog_path(locale)), locale)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("locale", "count"), [("de", 2), ("sv", 2), ("sl", 4), ("hu", 2), ("zh_Hans", 1), ("en", 2)]
)
def test_cldr_counts_the_plural_forms_of_each_language(locale, count):
    assert checks.cldr_plural_forms(locale)[0] == count
    assert checks.plural_problems(locale, Catalog(locale=locale)) == []


def test_the_extraction_is_the_makefile_s(tmp_path):
    command = checks.extraction_command(tmp_path / "x.pot")
    assert command[1:3] == ["-q", "extract"] and "babel.cfg" in command
    assert command[command.index("-o") + 1] == str(tmp_path / "x.pot")
    assert {"--no-location", "--sort-output", "-k"} <= set(command)


# --- The checks catch what they are for -----------------------------------------------


def _catalog(locale, *messages):
    catalog = Catalog(locale=locale)
    for message in messages:
        catalog.add(**message)
    return catalog


def test_a_message_missing_or_left_over_is_named(tmp_path):
    code = _catalog("en", {"id": "Post a complaint"}, {"id": ("%(num)d answer", "%(num)d answers")},
                    {"id": "Open", "context": "status"})  # fmt: skip
    template = _catalog("en", {"id": "Post a complaint"}, {"id": "Old text"},
                        {"id": ("%(num)d answer", "%(num)d answers")})  # fmt: skip
    problems = checks.out_of_date(code, template, {"de": code})
    assert problems == [
        "messages.pot: missing 'Open' (context 'status')",
        "messages.pot: not in the code 'Old text'",
    ]


def test_untranslated_fuzzy_and_damaged_translations_are_named():
    catalog = _catalog(
        "de",
        {"id": "Post a complaint", "string": "Beschwerde schreiben"},
        {"id": "Search", "string": ""},
        {"id": "Sign in", "string": "Anmelden", "flags": ["fuzzy"]},
        {"id": "Moved to %(name)s.", "string": "Verschoben nach %(nam)s."},
        {"id": "%s left", "string": "noch %s"},
        {"id": 'Read the <a href="%(url)s">guidelines</a>.', "string": "Lies die Richtlinien."},
        {"id": "Hi {name}", "string": "Hallo"},
        {"id": '<abbr title="Order">No.</abbr>', "string": '<abbr title="Bestellung">Nr.</abbr>'},
    )
    assert checks.translation_problems("de", catalog) == [
        "de: 'Search': untranslated",
        "de: 'Sign in': fuzzy",
        "de: 'Moved to %(name)s.': placeholders differ (missing ['%(name)s'], added ['%(nam)s'])",
        "de: 'Read the <a href=\"%(url)s\">guidelines</a>.': placeholders differ (missing "
        "['%(url)s'], added [])",
        "de: 'Read the <a href=\"%(url)s\">guidelines</a>.': HTML tags differ (missing "
        "['</a>', '<a href=\"%(url)s\">'], added [])",
        "de: 'Hi {name}': placeholders differ (missing ['{name}'], added [])",
    ]


def test_plural_forms_are_counted_and_each_carries_the_number():
    def answers(*forms):
        return {"id": ("%(num)d answer", "%(num)d answers"), "string": forms}

    good = _catalog("sl", answers("%(num)d odgovor", "%(num)d odgovora", "%(num)d odgovori",
                                  "%(num)d odgovorov"))  # fmt: skip
    assert checks.translation_problems("sl", good) == []
    short = _catalog("sl", answers("%(num)d odgovor", "%(num)d odgovora", "", ""))
    assert checks.translation_problems("sl", short) == [
        "sl: '%(num)d answer / %(num)d answers': untranslated"
    ]
    lost = _catalog("sl", answers("%(num)d odgovor", "dva odgovora", "%(num)d odgovori",
                                  "%(num)d odgovorov"))  # fmt: skip
    assert checks.translation_problems("sl", lost) == [
        "sl: '%(num)d answer / %(num)d answers' [form 1]: placeholders differ "
        "(missing ['%(num)d'], added [])"
    ]
    # German's "one" form may leave the number out when the source's singular does.
    german = _catalog("de", {"id": ("One answer", "%(num)d answers"),
                             "string": ("Eine Antwort", "%(num)d Antworten")})  # fmt: skip
    assert checks.translation_problems("de", german) == []


def test_a_plural_rule_other_than_cldr_s_is_named():
    catalog = _catalog("sl")
    assert checks.plural_problems("sl", catalog) == []
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"
    assert checks.plural_problems("sl", catalog) == ["sl: Plural-Forms has 2 forms, CLDR 4"]
    catalog._num_plurals, catalog._plural_expr = 4, "n==1 ? 0 : n==2 ? 1 : n<5 ? 2 : 3"
    assert checks.plural_problems("sl", catalog) == [
        "sl: Plural-Forms picks other forms than CLDR for n = [0, 101, 102, 103, 104, 201, "
        "202, 203, 204, 301]"
    ]


def test_the_source_catalog_may_not_translate():
    catalog = _catalog("en", {"id": "Search"}, {"id": "Sign in", "string": "Log in"},
                       {"id": "Open", "flags": ["fuzzy"]})  # fmt: skip
    assert checks.source_problems(catalog) == ["en: 'Sign in' is translated", "en: 'Open' is fuzzy"]
