"""The sign-in limit holds as written under gunicorn with two workers (docs/accounts.md).

One gunicorn with the production settings and two sync workers, on the suite's database
and the rate-limit counters' file. Which worker answers is made certain, not left to
chance: the other one is stopped (SIGSTOP) while its turn has not come, so the shared
listening socket can only be accepted by the one that runs.
"""

import contextlib
import os
import re
import signal
from collections import Counter

import pytest

from tests.servers import Client, Gunicorn

WRONG = {"login": "nobody_here", "password": "wrong password!"}


@pytest.fixture
def server(_schema, app, tmp_path):
    """gunicorn with two workers, both up; yields (gunicorn, worker pids, access log)."""
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": _schema,
        "SECRET_KEY": "two-workers-secret",
        "FLASK_RATELIMIT_ENABLED": "true",
        "FLASK_RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'rate-limits.sqlite3'}",
        "FLASK_PAGE_CACHE_ENABLED": "false",
        "FLASK_SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(access_log),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("RATELIMIT_STORAGE_URI", None)
    # --timeout: a worker the test holds stopped sends no heartbeat, and gunicorn would
    # replace it after the production 30 s on a slow run.
    args = ["--access-logformat", "%(p)s %(m)s %(U)s %(s)s", "--timeout", "600", "app:app"]
    gunicorn = Gunicorn(args, tmp_path / "server.log", env)
    workers = []
    try:
        workers = gunicorn.workers_ready(2)  # each reports once it has built the app
        yield gunicorn, workers, access_log
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):  # gone when the test stopped it
                os.kill(pid, signal.SIGCONT)
        gunicorn.stop()


def _only(running, stopped):
    """Let only ``running`` accept connections."""
    os.kill(stopped, signal.SIGSTOP)
    os.kill(running, signal.SIGCONT)


def test_the_sign_in_limit_holds_across_two_workers(server):
    gunicorn, (first, second), access_log = server
    guesser = Client(gunicorn.port)

    _only(first, second)
    for _ in range(3):
        assert guesser.post("/login", WRONG, token_from="/login")[0] == 401
    _only(second, first)
    for _ in range(2):
        assert guesser.post("/login", WRONG, token_from="/login")[0] == 401
    # LOGIN_LIMIT_PER_ACCOUNT is 5 per minute: the sixth is refused by either worker.
    status, headers, page = guesser.post("/login", WRONG, token_from="/login")
    assert status == 429 and "Retry-After" in headers
    assert "Too many attempts" in page
    _only(first, second)
    assert guesser.post("/login", WRONG, token_from="/login")[0] == 429
    os.kill(second, signal.SIGCONT)

    # Each attempt was answered by the worker the test let run. (Read once gunicorn has
    # stopped, and counted rather than read in order: a worker writes its access line
    # after the client has the response, so a worker stopped right after answering
    # writes its line once it runs again.)
    gunicorn.stop()
    answered = re.findall(r"^<(\d+)> POST /login (\d+)$", access_log.read_text(), re.MULTILINE)
    assert Counter(answered) == {
        (str(first), "401"): 3,
        (str(second), "401"): 2,
        (str(second), "429"): 1,
        (str(first), "429"): 1,
    }
