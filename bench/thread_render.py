"""Thread render benchmark: what one thread page costs inside the process, per viewer.

    .venv/bin/python bench/thread_render.py --database /tmp/bench10k/redress.sqlite3

Opens an existing database (``flask demo generate --complaints N``, then ``flask search
rebuild``; the Whoosh index is looked for beside an SQLite file) and requests the thread
page through Flask's test client: as a visitor, as the demo member ``jamie_r`` on a thread
of 20 answers he took no part in, and as him on a thread of 20 answers he then answers
through the form (21 answers, one of them his). Each figure is the median of ``--repeat``
warm requests (after ``--warmup`` unmeasured ones), in wall time and in the CPU time of
the requesting thread (steadier on a busy machine), with the SQL statements of one
request counted by a ``before_cursor_execute`` listener, and the page cache on and off.
The bare page of ``bench/bare_app.py`` is timed the same way, as the unit to compare with.

It writes one answer (the member's) to the database: run it on a copy.
"""

import argparse
import importlib
import os
import re
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.pages import MEMBER  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ANSWER = (
    "Same here: the shop confirmed the refund by e-mail, but it took three weeks and two "
    "reminders before the money came back."
)


def median_ms(client, path, repeat, warmup):
    """The median wall time and the median CPU time of this thread, in ms, of one request.

    On a busy machine the wall time carries the waits for a core; the CPU time does not.
    """
    for _ in range(warmup):
        client.get(path)
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(path)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    return statistics.median(wall), statistics.median(cpu)


def sign_in(client, username, password):
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post(
        "/login", data={"csrf_token": token, "login": username, "password": password}
    )
    if response.status_code not in (302, 303):
        sys.exit(f"Signing in as {username} answered {response.status_code}")


def untouched_threads(user_id):
    """Two public threads of 20 answers in which the member posted, voted or followed nothing."""
    return db.session.scalars(
        sa.text(
            "SELECT id FROM complaint WHERE answer_count = 20 AND visibility = 'visible'"
            " AND author_id != :user"
            " AND id NOT IN (SELECT complaint_id FROM answer WHERE author_id = :user)"
            " AND id NOT IN (SELECT complaint_id FROM follow WHERE user_id = :user)"
            " AND id NOT IN (SELECT complaint_id FROM complaint_vote WHERE user_id = :user)"
            " ORDER BY id LIMIT 2"
        ),
        {"user": user_id},
    ).all()


def thread_path(client, complaint_id):
    response = client.get(f"/complaints/{complaint_id}")
    return response.headers["Location"]


def run(app, repeat, warmup, answered_id, statements):
    with app.app_context():
        user_id = db.session.scalar(
            sa.text("SELECT id FROM user WHERE username = :name"), {"name": MEMBER[0]}
        )
        quiet_id, other_id = untouched_threads(user_id)
        # A thread the member answered on an earlier run, to measure the same page again.
        answered_id = answered_id or db.session.scalar(
            sa.text(
                "SELECT min(complaint_id) FROM answer JOIN complaint ON complaint.id ="
                " complaint_id WHERE answer.author_id = :user AND answer_count = 21"
            ),
            {"user": user_id},
        )
        db.session.remove()
    answered_id = answered_id or other_id
    visitor, member = app.test_client(), app.test_client()
    quiet, answered = thread_path(visitor, quiet_id), thread_path(visitor, answered_id)
    sign_in(member, *MEMBER)
    with app.app_context():
        took_part = db.session.scalar(
            sa.text("SELECT count(*) FROM answer WHERE complaint_id = :c AND author_id = :u"),
            {"c": answered_id, "u": user_id},
        )
        db.session.remove()
    if not took_part:
        token = TOKEN.search(member.get(answered).get_data(as_text=True)).group(1)
        response = member.post(
            f"/complaints/{answered_id}/answers", data={"csrf_token": token, "body": ANSWER}
        )
        if response.status_code != 303:
            sys.exit(f"Posting the member's answer answered {response.status_code}")
    rows = []
    for label, client, path in (
        ("thread, visitor", visitor, quiet),
        ("thread, member who took no part", member, quiet),
        ("thread, member who answered", member, answered),
    ):
        ms = median_ms(client, path, repeat, warmup)
        statements.clear()
        client.get(path)
        rows.append((label, ms, len(statements)))
    return rows, answered_id


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="an SQLite file (use a copy)")
    parser.add_argument("--search-index", help="default: search-index beside the database")
    parser.add_argument("--repeat", type=int, default=30, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first")
    args = parser.parse_args(argv)
    database = os.path.abspath(args.database)
    index_dir = args.search_index or os.path.join(os.path.dirname(database), "search-index")

    # The bare app reads its database from the environment when it is imported.
    os.environ["BENCH_DATABASE_URL"] = "sqlite:///" + database
    bare = importlib.import_module("bench.bare_app").app.test_client()
    wall, cpu = median_ms(bare, "/", args.repeat, 5)
    print(f"{'':40} {'wall':>9} {'CPU':>9}")
    print(f"{'bare page (bench/bare_app.py)':40} {wall:6.2f} ms {cpu:6.2f} ms")
    answered_id = None
    statements = []  # one item per SQL statement since the last clear()
    for enabled in (True, False):
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": "sqlite:///" + database,
                "SEARCH_INDEX_DIR": index_dir,
                "RATELIMIT_ENABLED": False,
                "PAGE_CACHE_ENABLED": enabled,
                "CACHE_TYPE": "SimpleCache",
                "SECRET_KEY": "bench-thread-render",
            }
        )
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", lambda *_args: statements.append(1))
        rows, answered_id = run(app, args.repeat, args.warmup, answered_id, statements)
        print(f"page cache {'on' if enabled else 'off'}:")
        for label, (wall, cpu), count in rows:
            print(f"  {label:38} {wall:6.2f} ms {cpu:6.2f} ms  {count:2} statements")


if __name__ == "__main__":
    main()
