"""What the catalog checks look at (tests/test_i18n_catalogs.py, ``python -m tests.i18n_report``).

Each function answers a list of readable problems, empty when all is well, so that a test
asserts ``== []`` and its failure (or the report) lists every message at fault at once.
"""

import gettext
import os
import re
import shlex
import subprocess
from collections import Counter
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from babel.plural import to_gettext

from forum.i18n import DEFAULT_LOCALE, LOCALES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# The languages the interface is translated into; the source language's catalog stays
# empty (docs/i18n.md, "Checks").
TRANSLATED = tuple(locale for locale in LOCALES if locale != DEFAULT_LOCALE)

# What a translation must carry over unchanged: printf placeholders (``%(name)s``, ``%s``,
# ``%d`` …, not ``%%``), brace placeholders (``{name}``) and HTML tags.
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
BRACES = re.compile(r"\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Attributes whose value is text for the reader: a translation may change it.
TRANSLATED_ATTRIBUTE = re.compile(r'\s(title|alt|aria-label)="[^"]*"')


def read_catalogs():
    return {locale: read_catalog(catalog_path(locale)) for locale in LOCALES}


def catalog_path(locale):
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def read_catalog(path):
    with open(path, "rb") as file:
        return read_po(file)


def extraction_command(output):
    """The ``pybabel extract`` command of ``make i18n-extract``, writing to ``output``: read
    from the Makefile (``make -n``, nothing is run), so that the check extracts exactly as
    the owner's command does."""
    dry_run = subprocess.run(
        ["make", "-n", "--no-print-directory", "i18n-extract"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        # Not the jobserver of a `make test` this may run under.
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")},
    )
    recipe = dry_run.stdout.replace("\\\n", " ")
    (line,) = [line for line in recipe.splitlines() if " extract " in line]
    command = shlex.split(line)
    command[command.index("-o") + 1] = str(output)
    return command


def extract(output):
    """Extract the code's messages into ``output`` as ``make i18n-extract`` does; the catalog."""
    subprocess.run(extraction_command(output), cwd=ROOT, check=True, capture_output=True)
    return read_catalog(output)


def message_key(message):
    """What identifies a message for the translators: its context, its id and, for a
    plural message, its plural id."""
    return (message.context, message.id)


def describe(key):
    context, msgid = key
    text = " / ".join(msgid) if isinstance(msgid, tuple) else msgid
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def keys(catalog):
    return {message_key(message) for message in catalog if message.id}


def differences(expected, actual, what):
    """The messages of ``expected`` missing from ``actual`` and those ``actual`` has over."""
    missing = sorted(expected - actual, key=str)
    over = sorted(actual - expected, key=str)
    return [f"{what}: missing {describe(key)}" for key in missing] + [
        f"{what}: not in the code {describe(key)}" for key in over
    ]


def out_of_date(extracted, template, catalogs):
    """How the template and each catalog differ from the code's messages (dates, order
    and line references aside)."""
    code = keys(extracted)
    problems = differences(code, keys(template), "messages.pot")
    for locale, catalog in catalogs.items():
        problems += differences(code, keys(catalog), f"{locale}/messages.po")
    return problems


def forms(message):
    """A message's translations as a tuple (one per plural form)."""
    if isinstance(message.string, (tuple, list)):
        return tuple(message.string)
    return (message.string,)


def placeholders(text):
    found = Counter(match for match in PRINTF.findall(text) if match != "%%")
    found.update(BRACES.findall(text))
    return found


def tags(text):
    return Counter(TRANSLATED_ATTRIBUTE.sub(r' \1=""', tag) for tag in TAG.findall(text))


def carried_over(source, translation, what):
    """What ``translation`` lost or gained of ``source``'s placeholders and tags."""
    problems = []
    for kind, count in (("placeholders", placeholders), ("HTML tags", tags)):
        wanted, found = count(source), count(translation)
        if wanted != found:
            lost = sorted((wanted - found).elements())
            added = sorted((found - wanted).elements())
            problems.append(f"{what}: {kind} differ (missing {lost}, added {added})")
    return problems


def cldr_plural_forms(locale):
    """``(number of forms, plural function)`` as CLDR has them for ``locale``."""
    rule = to_gettext(Locale.parse(locale).plural_form)
    count, expression = rule.rstrip(";").split(";", 1)
    return int(count.split("=")[1]), gettext.c2py(expression.strip().split("=", 1)[1])


def plural_problems(locale, catalog):
    """The catalog's Plural-Forms against CLDR: the same count, the same form for every n."""
    count, choose = cldr_plural_forms(locale)
    if catalog.num_plurals != count:
        return [f"{locale}: Plural-Forms has {catalog.num_plurals} forms, CLDR {count}"]
    theirs = gettext.c2py(catalog.plural_expr)
    wrong = [n for n in range(1000) if theirs(n) != choose(n)]
    if wrong:
        return [f"{locale}: Plural-Forms picks other forms than CLDR for n = {wrong[:10]}"]
    return []


def translation_problems(locale, catalog):
    """Every message of a translated catalog: translated (each plural form), not fuzzy,
    with the placeholders and tags of its source."""
    problems = plural_problems(locale, catalog)
    for message in catalog:
        if not message.id:
            continue
        what = f"{locale}: {describe(message_key(message))}"
        translations = forms(message)
        if message.fuzzy:
            problems.append(f"{what}: fuzzy")
        if message.pluralizable and len(translations) != catalog.num_plurals:
            problems.append(
                f"{what}: {len(translations)} plural forms, {catalog.num_plurals} wanted"
            )
        if not all(translations):
            problems.append(f"{what}: untranslated")
            continue
        sources = message.id if message.pluralizable else (message.id,)
        for index, translation in enumerate(translations):
            # A plural form carries what the singular or what the plural carries (a
            # language's form for "one" may say the number or not).
            found = [carried_over(source, translation, what) for source in sources]
            if all(found):
                label = f"{what} [form {index}]" if message.pluralizable else what
                problems += [problem.replace(what, label, 1) for problem in found[-1]]
    return problems


def source_problems(catalog, locale=DEFAULT_LOCALE):
    """The source language's catalog: no fuzzy entry and no translation (its text is the
    code's; a translation there would silently differ from what the code says)."""
    problems = []
    for message in catalog:
        if message.id and (message.fuzzy or any(forms(message))):
            state = "fuzzy" if message.fuzzy else "translated"
            problems.append(f"{locale}: {describe(message_key(message))} is {state}")
    return problems
