"""SQL statement benchmark: what each page of the page bench asks the database, and how long.

    .venv/bin/python bench/statements.py --database /tmp/plans100k/redress.sqlite3
    DATABASE_URL=postgresql://… .venv/bin/python bench/statements.py --search-index DIR

Opens an existing database (one filled by ``flask demo generate --complaints N``, then
``flask search rebuild``; the Whoosh index is looked for beside an SQLite file) and
requests, through Flask's test client, each page of ``bench/pages.py`` and a few more:
every listing sort, a status filter, the sitemaps, the feeds, a member page, as a visitor
and signed in as the demo member ``jamie_r`` (through the /login form, CSRF token and
all); the inbox as that member; the staff queue, moderation queue and audit log as the
demo staff member ``nina_support``. Every SQL statement is timed with SQLAlchemy's
``before_cursor_execute`` and ``after_cursor_execute`` events over ``--repeat`` warm
requests (after one unmeasured request).

Per page it prints the statement count, the SQL time of one request (median), and the
slowest statement: its median and its first 100 characters. The event timing covers the
DBAPI's ``execute``, and SQLite's driver returns from that at the first row, so each
statement is also replayed on its own with all its rows fetched ("all rows"). Statements
with a median of 5 ms or more either way are listed below the table. Nothing is written
to the database but the two sign-ins; the page cache and the rate limits are off.
"""

import argparse
import os
import re
import statistics
import sys
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.pages import MEMBER  # noqa: E402
from bench.pages import targets as page_targets  # noqa: E402
from forum import create_app  # noqa: E402
from forum.complaints.queries import SORTS  # noqa: E402
from forum.config import normalise_database_url  # noqa: E402
from forum.extensions import db  # noqa: E402

STAFF = ("nina_support", MEMBER[1])  # a demo staff account (README.md)
LIMIT_MS = 5.0
_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


# --- what to request ----------------------------------------------------------------------


def all_pages(base, category_slug):
    """(label, path, who): the page bench's pages, then every sort, the sitemaps, the
    feeds and a member page for visitors and members; the inbox; the staff pages."""
    both = ("anon", "member")
    pages = [(label, path, both) for label, path in base]
    pages += [(f"/complaints?sort={sort}", f"/complaints?sort={sort}", both) for sort in SORTS]
    pages += [
        (f"/c/{category_slug}?sort={sort}", f"/c/{category_slug}?sort={sort}", both)
        for sort in SORTS
        if sort != "hot"
    ]
    pages += [
        (label, path, both)
        for label, path in (
            ("/complaints?status=open", "/complaints?status=open"),
            ("/solved", "/solved"),
            ("sitemap index", "/sitemap.xml"),
            ("sitemap of pages", "/sitemaps/pages.xml"),
            ("sitemap threads-1", "/sitemaps/threads-1.xml"),
            ("feed of new", "/feeds/new.atom"),
            ("feed of solved", "/feeds/solved.atom"),
            (f"feed /c/{category_slug}/solved", f"/c/{category_slug}/solved.atom"),
            (f"member /members/{MEMBER[0]}", f"/members/{MEMBER[0]}"),
        )
    ]
    pages.append(("notifications", "/notifications", ("member",)))
    pages += [(path, path, ("staff",)) for path in ("/staff", "/mod/queue", "/mod/log")]
    return pages


# --- timing -------------------------------------------------------------------------------


@dataclass
class Capture:
    """The statements of one request: (SQL, parameters, milliseconds), in order."""

    statements: list = field(default_factory=list)


class Timer:
    """Times each statement an engine sends while ``capture`` is set."""

    def __init__(self, engine):
        self.capture = None
        event.listen(engine, "before_cursor_execute", self.before)
        event.listen(engine, "after_cursor_execute", self.after)

    def before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def after(self, conn, cursor, statement, parameters, context, executemany):
        started = conn.info["bench_started"].pop()
        if self.capture is not None and not _CONTROL.match(statement):
            elapsed = (time.perf_counter() - started) * 1000
            self.capture.statements.append((statement, parameters, elapsed))


def request(client, path):
    response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    return response


def canonical(client, path):
    """Follow redirects (a thread's canonical URL) so that each request is a 200 page."""
    for _ in range(5):
        response = client.get(path)
        if response.status_code in (301, 302, 303, 307, 308):
            location = urllib.parse.urlsplit(response.headers["Location"])
            path = location._replace(scheme="", netloc="").geturl()
            continue
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        return path
    sys.exit(f"{path}: too many redirects")


def sign_in(client, username, password):
    page = client.get("/login").get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    if not match:
        sys.exit("No csrf_token on /login")
    response = client.post(
        "/login", data={"csrf_token": match.group(1), "login": username, "password": password}
    )
    if response.status_code not in (302, 303):
        sys.exit(f"Signing in as {username} answered {response.status_code}")
    if username not in request(client, "/").get_data(as_text=True):
        sys.exit(f"Signed in as {username}, but the home page does not say so")


def replay_ms(engine, statement, parameters, repeat):
    """Median time of ``statement`` run alone with all its rows fetched."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(statement, parameters)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
        cursor.close()
        connection.rollback()
    finally:
        connection.close()
    return statistics.median(times)


@dataclass
class PageFigures:
    label: str
    who: str
    counts: set
    sql_ms: float
    # (median ms in the page, median ms with all rows, SQL), slowest first
    statements: list


def measure_page(app, timer, client, label, who, path, repeat):
    request(client, path)  # warm: templates compiled, pages of the database cached
    runs = []
    for _ in range(repeat):
        timer.capture = Capture()
        request(client, path)
        runs.append(timer.capture.statements)
        timer.capture = None
    timings = defaultdict(list)
    first = {}
    for statements in runs:
        seen = defaultdict(int)
        for sql, parameters, ms in statements:
            seen[sql] += 1
            key = (sql, seen[sql])
            timings[key].append(ms)
            first.setdefault(key, parameters)
    with app.app_context():
        engine = db.engine
        rows = [
            (
                statistics.median(times),
                replay_ms(engine, key[0], first[key], repeat),
                " ".join(key[0].split()),
            )
            for key, times in timings.items()
        ]
    rows.sort(key=lambda row: max(row[0], row[1]), reverse=True)
    return PageFigures(
        label,
        who,
        {len(statements) for statements in runs},
        statistics.median(sum(ms for _sql, _p, ms in statements) for statements in runs),
        rows,
    )


# --- report -------------------------------------------------------------------------------


def format_table(figures):
    head = (
        f"{'page':<34} {'who':<6} {'stmts':>5} {'SQL ms':>7} {'slowest':>8} {'all rows':>8}  "
        "slowest statement (first 100 characters)"
    )
    lines = [head, "-" * len(head)]
    for page in figures:
        count = "/".join(str(n) for n in sorted(page.counts))
        in_page, all_rows, sql = page.statements[0] if page.statements else (0.0, 0.0, "")
        mark = "!" if max(in_page, all_rows) >= LIMIT_MS else " "
        lines.append(
            f"{page.label[:34]:<34} {page.who:<6} {count:>5} {page.sql_ms:>7.2f} "
            f"{in_page:>8.2f} {all_rows:>8.2f}{mark} {sql[:100]}"
        )
    return "\n".join(lines)


def slow_statements(figures):
    lines = []
    for page in figures:
        for in_page, all_rows, sql in page.statements:
            if max(in_page, all_rows) >= LIMIT_MS:
                lines.append(
                    f"  {page.label} ({page.who}): {in_page:.2f} ms in the page, "
                    f"{all_rows:.2f} ms with all rows\n    {sql[:300]}"
                )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", metavar="PATH", help="an SQLite file (else DATABASE_URL)")
    parser.add_argument(
        "--search-index",
        metavar="DIR",
        help="the Whoosh index (default: search-index beside the SQLite file, or "
        "FLASK_SEARCH_INDEX_DIR)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="measured requests per page")
    parser.add_argument("--only", metavar="TEXT", help="only the pages whose label has TEXT")
    args = parser.parse_args(argv)
    if not 1 <= args.repeat <= 100:
        parser.error("--repeat must be 1–100")

    if args.database:
        if not os.path.exists(args.database):
            parser.error(f"{args.database} does not exist")
        url = "sqlite:///" + os.path.abspath(args.database)
    elif os.environ.get("DATABASE_URL"):
        url = normalise_database_url(os.environ["DATABASE_URL"])
    else:
        parser.error("give --database PATH or set DATABASE_URL")
    index_dir = args.search_index or os.environ.get("FLASK_SEARCH_INDEX_DIR")
    if index_dir is None and args.database:
        index_dir = os.path.join(os.path.dirname(os.path.abspath(args.database)), "search-index")
    if index_dir is None or not os.path.isdir(index_dir):
        print(f"No search index at {index_dir}: thread pages show no related threads.")

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SEARCH_INDEX_DIR": index_dir,
            "RATELIMIT_ENABLED": False,
            "PAGE_CACHE_ENABLED": False,
            "CACHE_TYPE": "SimpleCache",  # unused: the page cache is off
            "SECRET_KEY": "bench-statements",
        }
    )
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            targets = page_targets(
                lambda sql, params: connection.execute(sa.text(sql), params).first()
            )
        slug = db.session.scalar(
            sa.text("SELECT slug FROM category ORDER BY complaint_count DESC, id LIMIT 1")
        )
        db.session.remove()
    timer = Timer(engine)

    clients = {"anon": app.test_client(), "member": app.test_client(), "staff": app.test_client()}
    sign_in(clients["member"], *MEMBER)
    sign_in(clients["staff"], *STAFF)
    pages = [
        (label, canonical(clients[who[0]], path), who)
        for label, path, who in all_pages(targets["pages"], slug)
        if not args.only or args.only in label
    ]
    print(
        f"{targets['complaints']:,} visible complaints, {engine.dialect.name}, "
        f"{args.repeat} warm requests per page",
        flush=True,
    )
    figures = []
    for label, path, who in pages:
        for name in who:
            figures.append(measure_page(app, timer, clients[name], label, name, path, args.repeat))
    print(format_table(figures))
    slow = slow_statements(figures)
    print()
    if slow:
        print(f"Statements with a median of {LIMIT_MS:g} ms or more:")
        print("\n".join(slow))
    else:
        print(f"No statement has a median of {LIMIT_MS:g} ms or more.")
    varying = [f"{page.label} ({page.who})" for page in figures if len(page.counts) > 1]
    if varying:
        print("Statement count varied between requests: " + ", ".join(varying))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
