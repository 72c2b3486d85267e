"""Print what the translation checks find, for working through it: the messages the catalogs
lack or translate badly, and each page's visible text that passed through no catalog.

    .venv/bin/python -m tests.i18n_report            # both
    .venv/bin/python -m tests.i18n_report pages      # only the unmarked text, page by page
    .venv/bin/python -m tests.i18n_report catalogs   # only the catalogs

The pages are those of tests/test_i18n_pseudo.py (tests/i18n_pages.py), served from a fresh
extraction of the code by default, so that a string just marked counts before
``make i18n-extract`` (``--template`` reads translations/messages.pot, as the test does).
Everything is made in a temporary folder and removed; nothing in translations/ changes.
The exit status is 1 when anything was found.
"""

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from forum import create_app
from forum.extensions import db
from tests import i18n_catalogs as checks
from tests import i18n_pseudo as pseudo
from tests.background import drain_background_work
from tests.conftest import TEST_CONFIG
from tests.i18n_pages import ROLES, build_world, visit_pages


def catalog_problems(folder):
    extracted = checks.extract(Path(folder) / "messages.pot")
    catalogs = checks.read_catalogs()
    problems = checks.out_of_date(extracted, checks.read_catalog(checks.TEMPLATE), catalogs)
    problems += checks.source_problems(catalogs[checks.DEFAULT_LOCALE])
    for locale in checks.TRANSLATED:
        problems += checks.translation_problems(locale, catalogs[locale])
    return extracted, problems


def page_report(folder, template, roles=ROLES):
    folder = Path(folder)
    database = f"sqlite:///{folder / 'db.sqlite3'}"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database})
    app.instance_path = str(folder / "instance")
    with app.app_context():
        db.create_all()
    undo = pseudo.install_pseudo_locale(app, template, folder / "pseudo")
    try:
        world = build_world(app)
        content = pseudo.content_pattern(world.content)
        allowed = pseudo.language_names()
        report = pseudo.PageReport()

        def look(label, response):
            report.add(label, pseudo.unmarked(response.get_data(as_text=True), content, allowed))

        visit_pages(app, world, look, roles=roles, links=pseudo.same_site_links)
        return report
    finally:
        drain_background_work()
        undo()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", choices=("all", "pages", "catalogs"), default="all")
    parser.add_argument(
        "--template",
        action="store_true",
        help="serve translations/messages.pot, not a fresh extraction",
    )
    parser.add_argument("--role", action="append", choices=ROLES,
                        help="only these people's pages (repeatable)")  # fmt: skip
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the e-mails written to the log, the search fallback
    found = False
    with tempfile.TemporaryDirectory(prefix="i18n-report-") as folder:
        extracted, problems = catalog_problems(folder)
        if args.what in ("all", "catalogs"):
            print(f"Catalogs: {len(extracted)} messages in the code, {len(problems)} problems")
            print("\n".join(f"  {problem}" for problem in problems))
            found |= bool(problems)
        if args.what in ("all", "pages"):
            template = checks.read_catalog(checks.TEMPLATE) if args.template else extracted
            report = page_report(folder, template, roles=tuple(args.role or ROLES))
            print(report if report.pages else f"All {len(report.visited)} pages: nothing unmarked.")
            found |= bool(report.pages)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
