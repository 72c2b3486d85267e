"""Insights benchmark: server-side times of /staff/insights (12 months) and /record.

    .venv/bin/python bench/insights.py [--complaints 100000] [--repeat 5] [--instance DIR]

Builds a fresh SQLite instance in a temporary directory (``flask db upgrade``, then
``flask demo generate --complaints N``; with ``--instance DIR`` it is kept and reused),
then renders each page in this process, through the whole Flask request (routing, the
view, its SQL, the template), signed in as a staff member for /staff/insights and with the
page cache off for /record (so the figures are computed every time). It prints the
median and the slowest of ``--repeat`` renders after one warm-up, beside the 200 ms goal.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.pages import flask_cli  # noqa: E402

GOAL_MS = 200


def prepare(workdir, complaints):
    database = os.path.join(workdir, "redress.sqlite3")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": secrets.token_hex(32),
            "FLASK_SEARCH_INDEX_DIR": os.path.join(workdir, "search-index"),
            "FLASK_CACHE_DIR": os.path.join(workdir, "page-cache"),
        }
    )
    prepared = os.path.join(workdir, f"prepared-{complaints}")
    if not os.path.exists(prepared):
        started = time.perf_counter()
        flask_cli(env, "db", "upgrade")
        flask_cli(env, "demo", "generate", "--complaints", str(complaints), timeout=7200)
        open(prepared, "w").close()
        print(f"Data: {complaints} complaints in {time.perf_counter() - started:.0f} s")
    else:
        flask_cli(env, "db", "upgrade")
        print("Data: reused")
    return env


def measure(app, path, user_id, repeat):
    from flask_login import login_user

    from forum.accounts.models import User
    from forum.extensions import db

    times = []
    for _ in range(repeat + 1):
        with app.test_request_context(path):
            if user_id is not None:
                login_user(db.session.get(User, user_id))
            started = time.perf_counter()
            response = app.full_dispatch_request()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            db.session.remove()
        times.append(elapsed)
    return times[1:]  # the first warms the caches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--instance", help="keep the instance here and reuse it")
    args = parser.parse_args()
    workdir = os.path.abspath(args.instance) if args.instance else tempfile.mkdtemp()
    os.makedirs(workdir, exist_ok=True)
    print(f"Instance: {workdir}")
    env = prepare(workdir, args.complaints)
    os.environ.update(env)
    os.environ["FLASK_PAGE_CACHE_ENABLED"] = "false"

    import sqlalchemy as sa

    from forum import create_app
    from forum.accounts.models import User
    from forum.complaints.models import Complaint
    from forum.extensions import db

    app = create_app()
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Complaint))
        staff = db.session.scalar(sa.select(User.id).where(User.role.in_(("staff", "admin"))))
        print(f"Complaints in the database: {count}")
    rows = [
        ("/staff/insights (12 months)", "/staff/insights", staff),
        ("/staff/insights?format=csv&table=categories", "/staff/insights?format=csv", staff),
        ("/record (6 and 12 months)", "/record", None),
    ]
    print(f"{'page':48} {'median ms':>10} {'max ms':>8}  goal")
    for name, path, user in rows:
        times = measure(app, path, user, args.repeat)
        median = statistics.median(times)
        verdict = "ok" if median < GOAL_MS else "SLOW"
        print(f"{name:48} {median:10.1f} {max(times):8.1f}  <{GOAL_MS} {verdict}")


if __name__ == "__main__":
    main()
