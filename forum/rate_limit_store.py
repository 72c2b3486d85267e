"""A ``limits`` storage in a SQLite file, shared by every process on the machine.

Flask-Limiter's ``memory://`` counts in each process: under gunicorn's workers every
worker keeps its own counters, so a limit of 5 lets through 5 per worker. This storage
keeps the counters in one SQLite file (``<instance>/rate-limits.sqlite3`` by default,
beside the database), so every worker, and every command run on the machine, counts in
the same place. Each increment is one atomic ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` statement, so two workers counting at once never lose a count.

It supports the fixed-window strategy, Flask-Limiter's default. With more than one app
server, use Redis (``RATELIMIT_STORAGE_URI=redis://…``): a file is shared by one machine.

Registered with ``limits`` under the scheme ``sqlite``: ``sqlite:////abs/path/file`` names
the file; ``sqlite://`` alone means the file that :meth:`SQLiteStorage.locate` points at.
"""

import os
import sqlite3
import threading
import time
import urllib.parse

from limits.storage import Storage

BUSY_TIMEOUT_SECONDS = 5
# Every so many increments a process deletes the expired counters.
PRUNE_EVERY = 500

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counter ("
    " key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at REAL NOT NULL"
    ") WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS counter_expires_at ON counter (expires_at)",
)
# A counter whose window has ended starts again at ``amount``; otherwise it grows. The
# expressions on the right of SET read the row as it was, so both see the old expiry.
_INCREMENT = """
INSERT INTO counter (key, count, expires_at) VALUES (:key, :amount, :now + :expiry)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN expires_at <= :now THEN :amount ELSE count + :amount END,
    expires_at = CASE WHEN expires_at <= :now THEN :now + :expiry ELSE expires_at END
RETURNING count
"""


class SQLiteStorage(Storage):
    """Fixed-window counters in a SQLite file (WAL mode), one connection per thread."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        path = urllib.parse.unquote(urllib.parse.urlparse(uri or "sqlite://").path)
        self._path = path or None
        self._locate = None
        self._local = threading.local()
        self._increments = 0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def locate(self, find_path):
        """Open the file ``find_path()`` names on first use (for a URI without a path)."""
        self._locate = find_path

    @property
    def path(self):
        if self._path is None and self._locate is not None:
            return self._locate()
        return self._path

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self):
        # One connection per thread and per process: a forked worker opens its own.
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            return held[1]
        path = self.path
        if not path:
            raise sqlite3.OperationalError("no file for the rate-limit counters")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            connection.execute(statement)
        self._local.held = (os.getpid(), connection)
        return connection

    def incr(self, key, expiry, amount=1):
        connection = self._connection()
        now = time.time()
        self._increments += 1
        if self._increments % PRUNE_EVERY == 0:
            connection.execute("DELETE FROM counter WHERE expires_at <= ?", (now,))
        row = connection.execute(
            _INCREMENT, {"key": key, "amount": amount, "now": now, "expiry": expiry}
        ).fetchone()
        return row[0]

    def _live(self, column, key):
        return (
            self._connection()
            .execute(
                f"SELECT {column} FROM counter WHERE key = ? AND expires_at > ?",
                (key, time.time()),
            )
            .fetchone()
        )

    def get(self, key):
        row = self._live("count", key)
        return row[0] if row else 0

    def get_expiry(self, key):
        row = self._live("expires_at", key)
        return row[0] if row else time.time()

    def clear(self, key):
        self._connection().execute("DELETE FROM counter WHERE key = ?", (key,))

    def reset(self):
        return self._connection().execute("DELETE FROM counter").rowcount

    def check(self):
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True
