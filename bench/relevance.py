"""Relevance benchmark: do related threads and suggestions show the right threads?

    .venv/bin/python bench/relevance.py [--instance DIR] [--keep] [--verbose] [--set FILE]

1. Builds the demo forum in a temporary directory (``flask db upgrade``, ``flask demo
   load``, ``flask search rebuild``, as ``bench/pages.py`` does), or uses ``--instance
   DIR`` (built there the first time, used again after).
2. Runs each entry of the labelled set (``bench/relevance_set.json``: a query and the
   threads that really are about the same problem, named by their demo keys) through the
   real code, in four kinds:

   - ``related``: the thread page's "Related threads" (the page is requested and its
     block read, as a visitor sees it);
   - ``solved_nearby``: the same page's "Solved in <category>" block;
   - ``suggestions``: ``/search/similar``, what the new-complaint form shows while the
     title is typed (with the chosen category when the entry names one);
   - ``deflection``: ``search.services.deflection``, the "Before you post" step.

3. Prints per kind: P@3, the share of the first three threads shown that are right
   (averaged over the queries that show something); "found", the share of queries with
   right threads whose first three hold one; "quiet", the share of queries with no right
   thread (noise) that show nothing; and "empty", the share of all queries that show
   nothing. ``--verbose`` lists what each query showed (``+`` right, ``-`` wrong).
"""

import argparse
import inspect
import json
import os
import re
import secrets
import shutil
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, ROOT)
sys.path.insert(0, BENCH)

from pages import prepare_data  # noqa: E402

KINDS = ("related", "solved_nearby", "suggestions", "deflection")
SECTIONS = {"related": "related-heading", "solved_nearby": "related-solved-heading"}
THREAD_LINK = re.compile(r'href="/complaints/(\d+)/')


def environment(workdir):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{os.path.join(workdir, 'redress.sqlite3')}",
        "FLASK_SEARCH_INDEX_DIR": os.path.join(workdir, "search-index"),
        "SECRET_KEY": secrets.token_hex(32),
        "FLASK_RATELIMIT_ENABLED": "false",
        "FLASK_PAGE_CACHE_ENABLED": "false",
        "SITE_URL": "http://localhost",
    }


def section_ids(html, heading):
    """The thread ids linked from the section whose heading has id ``heading``."""
    at = html.find(f'id="{heading}"')
    if at < 0:
        return []
    end = html.find("</section>", at)
    return [int(found) for found in THREAD_LINK.findall(html[at:end])]


def accepted(function, **options):
    """The keyword arguments ``function`` takes (older code takes fewer)."""
    names = inspect.signature(function).parameters
    return {name: value for name, value in options.items() if name in names}


class Runner:
    def __init__(self, app):
        import sqlalchemy as sa  # noqa: PLC0415 - after the environment is set

        from forum.complaints.models import Category, Complaint  # noqa: PLC0415
        from forum.demo.content import all_complaints  # noqa: PLC0415
        from forum.extensions import db  # noqa: PLC0415

        self.app = app
        self.client = app.test_client()
        with app.app_context():
            by_title = dict(db.session.execute(sa.select(Complaint.title, Complaint.id)).all())
            self.categories = dict(db.session.execute(sa.select(Category.slug, Category.id)).all())
        self.ids = {item["key"]: by_title[item["title"]] for item in all_complaints()}
        self.keys = {complaint_id: key for key, complaint_id in self.ids.items()}
        self.pages = {}

    def _page(self, key):
        if key not in self.pages:
            response = self.client.get(f"/complaints/{self.ids[key]}", follow_redirects=True)
            assert response.status_code == 200, (key, response.status_code)
            self.pages[key] = response.text
        return self.pages[key]

    def shown(self, kind, entry):
        """The demo keys of the threads shown for ``entry``, in order."""
        if kind in SECTIONS:
            found = section_ids(self._page(entry["thread"]), SECTIONS[kind])
        elif kind == "suggestions":
            params = {"q": entry["title"]}
            if entry.get("category"):
                params["category"] = self.categories[entry["category"]]
            response = self.client.get("/search/similar", query_string=params)
            found = [item["id"] for item in response.json["results"]]
        else:
            from forum.search import services  # noqa: PLC0415

            options = accepted(
                services.deflection,
                body=entry.get("body"),
                category_id=self.categories.get(entry.get("category")),
            )
            with self.app.test_request_context():
                found = [item.id for item in services.deflection(entry["title"], False, **options)]
        return [self.keys.get(complaint_id, str(complaint_id)) for complaint_id in found]


def score(entries, shown_for):
    """``(P@3, found, quiet, empty, rows)`` over ``entries``."""
    precisions, found, quiet, empty, rows = [], [], [], 0, []
    for entry, shown in zip(entries, shown_for, strict=True):
        right = set(entry["right"])
        first = shown[:3]
        if not shown:
            empty += 1
        else:
            precisions.append(sum(key in right for key in first) / len(first))
        if right:
            found.append(any(key in right for key in first))
        else:
            quiet.append(not shown)
        rows.append((entry, [(key, key in right) for key in shown]))
    share = lambda values: sum(values) / len(values) if values else None  # noqa: E731
    return share(precisions), share(found), share(quiet), empty / len(entries), rows


def percent(value):
    return "–" if value is None else f"{value * 100:3.0f} %"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", help="build the demo forum here once, then reuse it")
    parser.add_argument("--keep", action="store_true", help="keep the temporary instance")
    parser.add_argument("--verbose", action="store_true", help="list what each query showed")
    parser.add_argument("--set", default=os.path.join(BENCH, "relevance_set.json"))
    args = parser.parse_args()
    with open(args.set, encoding="utf-8") as handle:
        labelled = json.load(handle)
    workdir = os.path.abspath(args.instance) if args.instance else tempfile.mkdtemp("-relevance")
    os.makedirs(workdir, exist_ok=True)
    env = environment(workdir)
    try:
        if not os.path.exists(os.path.join(workdir, "redress.sqlite3")):
            prepare_data(env)
        os.environ.update(env)
        from forum import create_app  # noqa: PLC0415 - reads the environment just set

        runner = Runner(create_app())
        print(f"{'kind':<14} {'queries':>7} {'P@3':>6} {'found':>6} {'quiet':>6} {'empty':>6}")
        for kind in KINDS:
            entries = [
                {**entry, "right": entry.get("right", labelled["topics"].get(entry.get("topic")))}
                for entry in labelled[kind]
            ]
            for entry in entries:  # the thread itself is never among its related threads
                entry["right"] = [key for key in entry["right"] if key != entry.get("thread")]
            shown = [runner.shown(kind, entry) for entry in entries]
            precision, found, quiet, empty, rows = score(entries, shown)
            print(
                f"{kind:<14} {len(entries):>7} {percent(precision):>6} {percent(found):>6} "
                f"{percent(quiet):>6} {percent(empty):>6}"
            )
            if args.verbose:
                for entry, marks in rows:
                    query = entry.get("thread") or entry["title"]
                    listed = " ".join(f"{'+' if ok else '-'}{key}" for key, ok in marks)
                    print(f"    {query[:50]:<50} {listed or '(nothing)'}")
    finally:
        if not args.instance and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif not args.instance:
            print(f"Instance kept in {workdir}")


if __name__ == "__main__":
    main()
