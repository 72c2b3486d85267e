"""Real servers for the tests (gunicorn, redis-server), started without races or sleeps.

- gunicorn serves a socket the test bound itself (``--bind fd://N``): the port is the
  test's before gunicorn starts, so no other process can take it in between, and a
  request sent before a worker is up waits in the socket's backlog, so the first
  request is the readiness check. ``--no-control-socket``: gunicorn's control socket is
  one path in ``$HOME`` for every server, and servers of parallel runs would share it.
- ``workers_ready`` reports each gunicorn worker that has built the app (a line from
  ``tests/gunicorn_test.conf.py``'s ``post_worker_init``, through a pipe).
- redis-server listens on a Unix socket in the test's folder (no port at all) and says
  when it accepts connections through the systemd notification protocol
  (``--supervised systemd``, ``READY=1``).

Every wait also ends when the server's process ends (a pidfd), with its log in the
failure, and at a deadline long enough for a loaded machine.
"""

import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUNICORN_TEST_CONFIG = os.path.join(ROOT, "tests", "gunicorn_test.conf.py")
REDIS_SERVER = "/usr/bin/redis-server"
START_SECONDS = 120  # a deadline for a server that hangs, not an expected start-up time


@contextmanager
def refusing_port():
    """A port on 127.0.0.1 where every connection is refused, for as long as the block
    runs: bound here and never listened on, so no other process can start listening on
    it meanwhile (a port that was merely free could be taken, and then answer)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def tail(log):
    with open(log, errors="replace") as handle:
        return handle.read()[-3000:]


def start(command, log, env=None, pass_fds=()):
    """``command`` in its own process group, its output in the file ``log``."""
    with open(log, "wb") as handle:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            pass_fds=pass_fds,
            start_new_session=True,
        )


def stop(process, timeout=10):
    """SIGTERM, then SIGKILL for the whole process group (gunicorn's workers too)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its own group: start_new_session above
    except ProcessLookupError:
        pass
    process.wait(timeout=timeout)


def wait_readable(source, process, log, what, seconds=START_SECONDS):
    """Wait until ``source`` (a socket or a file descriptor) can be read; fail with the
    log if ``process`` ends first or ``seconds`` pass."""
    pidfd = os.pidfd_open(process.pid)
    try:
        readable, _, _ = select.select([source, pidfd], [], [], seconds)
    finally:
        os.close(pidfd)
    if source not in readable:
        ended = "ended" if process.poll() is not None else f"was not ready in {seconds} s"
        pytest.fail(f"{what} {ended}:\n{tail(log)}")


class Gunicorn:
    """``gunicorn -c tests/gunicorn_test.conf.py ARGS`` on a socket bound here."""

    def __init__(self, args, log, env):
        self.log = str(log)
        listener = socket.create_server(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        self._ready, ready_to_write = os.pipe()
        env = {**env, "REDRESS_TEST_READY_FD": str(ready_to_write)}
        command = [sys.executable, "-m", "gunicorn", "-c", GUNICORN_TEST_CONFIG,
                   "--bind", f"fd://{listener.fileno()}", "--no-control-socket", *args]  # fmt: skip
        with listener:
            try:
                self.process = start(
                    command, self.log, env, pass_fds=(listener.fileno(), ready_to_write)
                )
            finally:
                os.close(ready_to_write)  # gunicorn and its workers hold it now
        self._lines = b""

    def workers_ready(self, count):
        """The pids of the first ``count`` workers that have built the app."""
        while self._lines.count(b"\n") < count:
            wait_readable(self._ready, self.process, self.log, "gunicorn's workers")
            chunk = os.read(self._ready, 4096)
            if not chunk:
                pytest.fail(f"gunicorn ended before {count} workers were up:\n{tail(self.log)}")
            self._lines += chunk
        return [int(pid) for pid in self._lines.split()[:count]]

    def stop(self):
        """Stop gunicorn (again: nothing more); its output is all in the log then."""
        stop(self.process)
        if self._ready is not None:
            os.close(self._ready)
            self._ready = None


class RedisServer:
    """``redis-server`` on a Unix socket in ``directory``; ``url(db)`` for the app."""

    def __init__(self, directory):
        if not os.access(REDIS_SERVER, os.X_OK):
            raise FileNotFoundError(REDIS_SERVER)
        self.socket_path = os.path.join(directory, "redis.sock")
        self.log = os.path.join(directory, "redis.log")
        notify_path = os.path.join(directory, "notify.sock")
        command = [REDIS_SERVER, "--port", "0", "--unixsocket", self.socket_path,
                   "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                   "--dir", directory, "--daemonize", "no", "--supervised", "systemd"]  # fmt: skip
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
            notify.bind(notify_path)
            self.process = start(command, self.log, {**os.environ, "NOTIFY_SOCKET": notify_path})
            deadline = time.monotonic() + START_SECONDS
            while True:  # STATUS=… messages come first; READY=1 once it accepts
                remaining = max(0.0, deadline - time.monotonic())
                wait_readable(notify, self.process, self.log, "redis-server", remaining)
                if re.search(rb"^READY=1$", notify.recv(4096), re.MULTILINE):
                    break

    def url(self, db):
        """The app's setting for database ``db`` (redis-py's form; ``redis+unix`` for
        Flask-Limiter's storage)."""
        return f"unix://{self.socket_path}?db={db}"

    def stop(self):
        stop(self.process)


class Client:
    """A small HTTP client with a cookie jar that can be pointed at either server."""

    def __init__(self, port, jar=None):
        self.port = port
        self.jar = {} if jar is None else jar

    def on(self, port):
        """The same visitor (the same cookies) talking to another server."""
        return Client(port, self.jar)

    def request(self, method, path, form=None, timeout=60):
        # Servers see the host name visitors use, as behind the nginx site in deploy/
        # (the page cache keeps pages per host: 127.0.0.1:<port> would differ).
        headers = {"Host": "complaints.example.com"}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
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

    def get(self, path, timeout=60):
        return self.request("GET", path, timeout=timeout)

    def first_page(self, path):
        """GET ``path`` from a server that may still be starting: the request waits in
        the bound socket's backlog until a worker takes it."""
        return self.get(path, timeout=START_SECONDS)

    def post(self, path, form, token_from):
        """POST a form with the CSRF token found on the page ``token_from``."""
        status, _headers, page = self.get(token_from)
        assert status == 200, (token_from, status)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page
        )
        assert match, f"no csrf_token on {token_from}"
        return self.request("POST", path, {"csrf_token": match.group(1), **form})
