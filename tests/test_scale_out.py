"""Two app servers on one PostgreSQL and one Redis share one state (docs/deploy.md).

Runs in the PostgreSQL run only (``--postgres``). The test starts Debian's
``redis-server`` on 127.0.0.1 itself, then two gunicorn processes with the production
settings on two free ports; a member signs in and posts through one and then sees the
answer, finds it with the search, and meets the sign-in limit counted on the first,
through the other. Without PostgreSQL or ``redis-server`` it is skipped, except in CI.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import pytest
import redis

from tests.conftest import PASSWORD

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REDIS_SERVER = "/usr/bin/redis-server"
ANSWER = "Replace the thermocouple behind the igniter; mine lasted ten years after."


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI must run this test")
    pytest.skip(reason)


pytestmark = pytest.mark.postgres_only  # two app servers share one PostgreSQL


@pytest.fixture
def postgres_url(database_url):
    return database_url


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix="redress-scale-out-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _stop(process, timeout=10):
    """SIGTERM, then SIGKILL for the whole process group (gunicorn's workers too)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its own group: start_new_session below
    except ProcessLookupError:
        pass
    process.wait(timeout=timeout)


def _start(command, log, env=None):
    with open(log, "wb") as handle:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def wait_for(ready, process, log, what, seconds=20):
    """Poll ``ready()`` until it is true; fail with the log if ``process`` ended first or
    ``seconds`` passed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if ready():
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{_tail(log)}")
        time.sleep(0.1)


def _tail(log):
    with open(log, errors="replace") as handle:
        return handle.read()[-3000:]


@pytest.fixture
def redis_url(workdir):
    if not os.access(REDIS_SERVER, os.X_OK):
        _unavailable("redis-server is not installed here (Debian package 'redis-server')")
    port = _free_port()
    log = os.path.join(workdir, "redis.log")
    command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no", "--dir", workdir, "--daemonize", "no"]  # fmt: skip
    process = _start(command, log)
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start:\n{_tail(log)}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        client.close()
        _stop(process)


@pytest.fixture
def servers(postgres_url, redis_url, workdir, app):
    """Two gunicorn app servers sharing the database and Redis; yields their ports.

    After ``app``, which creates the schema (the search columns included) and empties it.
    """
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "SECRET_KEY": "scale-out-secret",
        "SEARCH_BACKEND": "postgres",
        "FLASK_RATELIMIT_ENABLED": "true",
        "FLASK_RATELIMIT_STORAGE_URI": f"{redis_url}/0",
        "FLASK_CACHE_TYPE": "RedisCache",
        "FLASK_CACHE_REDIS_URL": f"{redis_url}/1",
        "FLASK_PAGE_CACHE_ENABLED": "true",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    processes, ports = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                       "--bind", f"127.0.0.1:{port}", "app:app"]  # fmt: skip
            log = os.path.join(workdir, f"server-{name}.log")
            processes.append((_start(command, log, env), log))
            ports.append(port)
        for (process, log), port in zip(processes, ports, strict=True):

            def healthy(port=port):
                status, _headers, body = Client(port).get("/healthz")
                if status != 200:
                    return False
                assert json.loads(body)["checks"] == {"database": "ok", "search": "ok"}
                return True

            wait_for(healthy, process, log, f"the app server on {port}")
        yield ports
    finally:
        for process, _log in processes:
            _stop(process)


class Client:
    """A small HTTP client with a cookie jar that can be pointed at either server."""

    def __init__(self, port, jar=None):
        self.port = port
        self.jar = {} if jar is None else jar

    def on(self, port):
        """The same visitor (the same cookies) talking to another server."""
        return Client(port, self.jar)

    def request(self, method, path, form=None):
        # Both servers see the host name visitors use, as behind the nginx site in deploy/
        # (the page cache keeps pages per host: 127.0.0.1:<port> would differ).
        headers = {"Host": "complaints.example.com"}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            status, found, text = response.status, response.getheaders(), response.read()
        finally:
            connection.close()
        for name, value in found:
            if name.lower() == "set-cookie":
                key, _, rest = value.split(";", 1)[0].partition("=")
                if rest and "expires=thu, 01 jan 1970" not in value.lower():
                    self.jar[key.strip()] = rest.strip()
                else:
                    self.jar.pop(key.strip(), None)
        return status, dict(found), text.decode()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form, token_from):
        """POST a form with the CSRF token found on the page ``token_from``."""
        status, _headers, page = self.get(token_from)
        assert status == 200, (token_from, status)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page
        )
        assert match, f"no csrf_token on {token_from}"
        return self.request("POST", path, {"csrf_token": match.group(1), **form})


def test_two_app_servers_share_posts_search_page_cache_and_rate_limits(
    servers, redis_url, make_user, make_complaint
):
    port_a, port_b = servers
    member = make_user("dana_scale")
    complaint = make_complaint(title="The oven will not light at all")
    thread = f"/complaints/{complaint.id}/{complaint.slug}"
    store = redis.Redis.from_url(f"{redis_url}/1")

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
