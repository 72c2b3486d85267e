"""How long the sitemaps take at forum sizes: ``bench/sitemap.py [N …]`` (default 100,000).

Fills a temporary SQLite database with N complaints (bulk inserts, 1 in 20 hidden, 1 in 4
solved) and times the sitemap index and the first and last child sitemaps.
"""

import os
import sys
import tempfile
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy as sa  # noqa: E402

from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.complaints.models import Category, Complaint  # noqa: E402
from forum.db import utcnow  # noqa: E402
from forum.extensions import db  # noqa: E402


def fill(count):
    db.session.add(User(username="bench", email="bench@example.org", password_hash="x"))
    db.session.add(Category(slug="bench", name="Bench"))
    db.session.commit()
    now = utcnow()
    rows = []
    for number in range(1, count + 1):
        created = now - timedelta(minutes=count - number)
        rows.append(
            {
                "author_id": 1,
                "category_id": 1,
                "title": f"Complaint number {number}",
                "slug": f"complaint-number-{number}",
                "body_source": "x",
                "body_html": "x",
                "excerpt": "x",
                "desired_outcome": "refund",
                "created_at": created,
                "last_activity_at": created,
                "solved_at": created if number % 4 == 0 else None,
                "visibility": "hidden" if number % 20 == 0 else "visible",
            }
        )
        if len(rows) == 10_000:
            db.session.execute(sa.insert(Complaint), rows)
            rows = []
    if rows:
        db.session.execute(sa.insert(Complaint), rows)
    db.session.commit()


def timed(client, path, repeat=3):
    """Best wall-clock and CPU time of ``repeat`` requests (CPU is steadier on a busy box)."""
    best = cpu = None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed, used = time.perf_counter() - started, time.process_time() - started_cpu
        assert response.status_code == 200, path
        best = elapsed if best is None else min(best, elapsed)
        cpu = used if cpu is None else min(cpu, used)
    return best * 1000, cpu * 1000, len(response.data)


def run(count):
    folder = tempfile.mkdtemp(prefix="redress-bench-sitemap-")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "SERVER_NAME": "bench",
            "SECRET_KEY": "bench-sitemap",
        }
    )
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        fill(count)
        print(f"== {count:,} complaints (filled in {time.perf_counter() - started:.1f} s) ==")
    client = app.test_client()
    last = (count - 1) // 50_000 + 1
    for path in ("/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/threads-1.xml",
                 f"/sitemaps/threads-{last}.xml"):  # fmt: skip
        ms, cpu, size = timed(client, path)
        print(f"{path:<28} {ms:8.1f} ms wall {cpu:8.1f} ms CPU {size / 1024:8.0f} KB")


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [100_000]:
        run(size)
