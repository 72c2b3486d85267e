"""Two app servers on one PostgreSQL and one Redis share one state (docs/deploy.md).

Runs in the PostgreSQL run only (``--postgres``). The test starts Debian's
``redis-server`` itself (on a Unix socket in its folder), then two gunicorn processes
with the production settings on sockets it bound (``tests/servers.py``: no free-port
race, no start-up polling); a member signs in and posts through one and then sees the
answer, finds it with the search, and meets the sign-in limit counted on the first,
through the other. Without PostgreSQL or ``redis-server`` it is skipped, except in CI.
"""

import json
import os
import re
import shutil
import tempfile

import pytest
import redis

from tests.conftest import PASSWORD
from tests.servers import Client, Gunicorn, RedisServer

ANSWER = "Replace the thermocouple behind the igniter; mine lasted ten years after."


def _unavailable(reason):
    pytest.fail(f"{reason}: `make system-deps` installs it", pytrace=False)


pytestmark = pytest.mark.postgres_only  # two app servers share one PostgreSQL


@pytest.fixture
def postgres_url(database_url):
    return database_url


@pytest.fixture
def workdir():
    # Short, for the Unix socket's path (at most 107 bytes).
    path = tempfile.mkdtemp(prefix="redress-scale-out-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def redis_server(workdir):
    try:
        server = RedisServer(workdir)
    except FileNotFoundError:
        _unavailable("redis-server is not installed here (Debian package 'redis-server')")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def servers(postgres_url, redis_server, workdir, app):
    """Two gunicorn app servers sharing the database and Redis; yields their ports.

    After ``app``, which creates the schema (the search columns included) and empties it.
    """
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "SECRET_KEY": "scale-out-secret",
        "SEARCH_BACKEND": "postgres",
        "FLASK_RATELIMIT_ENABLED": "true",
        "FLASK_RATELIMIT_STORAGE_URI": "redis+" + redis_server.url(0),
        "FLASK_CACHE_TYPE": "RedisCache",
        "FLASK_CACHE_REDIS_URL": redis_server.url(1),
        "FLASK_PAGE_CACHE_ENABLED": "true",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    started = []
    try:
        for name in ("a", "b"):
            log = os.path.join(workdir, f"server-{name}.log")
            started.append(Gunicorn(["app:app"], log, env))
        for server in started:
            # Waits in the socket's backlog until the worker is up: no polling.
            status, _headers, body = Client(server.port).first_page("/healthz")
            assert status == 200, body
            assert json.loads(body)["checks"] == {"database": "ok", "search": "ok"}
        yield [server.port for server in started]
    finally:
        for server in started:
            server.stop()


def test_two_app_servers_share_posts_search_page_cache_and_rate_limits(
    servers, redis_server, make_user, make_complaint
):
    port_a, port_b = servers
    member = make_user("dana_scale")
    complaint = make_complaint(title="The oven will not light at all")
    thread = f"/complaints/{complaint.id}/{complaint.slug}"
    store = redis.Redis.from_url(redis_server.url(1))

    def pages_in_cache():
        return len(store.keys("redress:page:*"))

    # An anonymous visitor reads the thread through A: the page goes into Redis, and B
    # answers the next visit from there (nothing new stored).
    visitor_a, visitor_b = Client(port_a), Client(port_b)
    status, headers, first = visitor_a.get(thread)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=60"
    assert ANSWER not in first
    assert pages_in_cache() == 1
    status, cached_headers, cached = visitor_b.get(thread)
    assert status == 200 and cached == first
    assert cached_headers["ETag"] == headers["ETag"]
    assert pages_in_cache() == 1

    # The member signs in and answers through A (CSRF on, as in production).
    member_a = Client(port_a)
    status, headers, _ = member_a.post(
        "/login", {"login": member.username, "password": PASSWORD}, token_from="/login"
    )
    assert status == 303, status
    status, headers, _ = member_a.post(
        f"/complaints/{complaint.id}/answers", {"body": ANSWER}, token_from=thread
    )
    assert status == 303, status

    # Through B: the member (same session cookie) sees the answer, so does the anonymous
    # visitor (the write on A invalidated the page cached in Redis), and search finds it.
    member_b = member_a.on(port_b)
    status, _, page = member_b.get(thread)
    assert status == 200 and ANSWER in page and member.username in page
    status, _, page = visitor_b.get(thread)
    assert status == 200 and ANSWER in page
    status, _, results = visitor_b.get("/search?q=thermocouple")
    assert status == 200
    assert re.findall(r'data-complaint-id="(\d+)"', results) == [str(complaint.id)]

    # Five refused sign-ins for one account through A; the sixth, through B, is refused
    # by the limit whatever the password (the counter lives in Redis, not in A).
    guesser = Client(port_a)
    for _ in range(5):
        status, _, _ = guesser.post(
            "/login", {"login": "nobody_here", "password": "wrong password!"}, "/login"
        )
        assert status == 401, status
    status, headers, page = guesser.on(port_b).post(
        "/login", {"login": "nobody_here", "password": "wrong password!"}, "/login"
    )
    assert status == 429, status
    assert "Retry-After" in headers
