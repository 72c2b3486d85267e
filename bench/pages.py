"""Page benchmark: Redress's pages side by side with a bare Flask page, in one run.

    .venv/bin/python bench/pages.py [--duration 10] [--concurrency 4] [--complaints N]
        [--writes] [--no-page-cache] [--instance DIR]
    make bench BENCH_ARGS="--duration 5"

1. Builds a fresh instance in a temporary directory (:func:`prepare_data`):
   ``flask db upgrade``, the data (``flask demo load``, or ``flask demo generate
   --complaints N`` with ``--complaints``), 20 photos on one thread
   (``bench/thread_photos.py``: the complaint and three answers, through the media
   services), ``flask search rebuild``.
2. Starts Redress and ``bench/bare_app.py`` (one SQLite query through SQLAlchemy and a
   small Jinja template: the ceiling for any Flask page here) under gunicorn with
   ``deploy/gunicorn.conf.py`` and two sync workers each, on 127.0.0.1 only.
3. Loads each page with the same bounded Python client (threads in a few processes,
   ``http.client`` connections reused whenever the server allows it, a fixed duration per
   page) for anonymous visitors and for two signed-in members (signed in once through the
   form, CSRF token and all): one who took no part in the measured threads and one who
   answered them (the bench posts that answer through the form before measuring). It
   prints req/s, p50 and p99, the ratio to the bare page beside its goal, and the
   workers' resident memory (from ``/proc``). For the thread with 20 photos it also
   prints, per profile, its HTML size against the 60 KB budget and whether every
   ``<img>`` has a width and a height (no layout shift); missing either fails the run.
4. With ``--writes``, a third member posts two answers a second through the answer form
   during every measurement (from a thread of the bench's own process), spread over the
   measured threads and two more, and the table says how many landed in each page's
   measured window and which answered anything but 2xx/3xx.

Production settings, with two deliberate differences, both printed: rate limits are off
(``FLASK_RATELIMIT_ENABLED=false``: one client address sending thousands of requests is
the load test, not an attack) and gunicorn's access log is off (nginx keeps one in
production). Everything shares the machine with the client, so figures are noisy on a
busy machine; compare ratios from one run rather than absolute figures across runs.
"""

import argparse
import html.parser
import http.client
import json
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")
GUNICORN_CONF = os.path.join(ROOT, "deploy", "gunicorn.conf.py")
HOST = "127.0.0.1"
PAGE_SIZE = 20  # forum.config.Defaults.PAGE_SIZE
DEMO_PASSWORD = "redress-demo-2026"  # every demo and generated account (README.md)
MEMBER = ("jamie_r", DEMO_PASSWORD)  # a demo member who takes no part in the threads
SEARCH_QUERY = "refund"
PHOTO_THREAD_PHOTOS = 20  # bench/thread_photos.py gives one thread this many
PHOTO_THREAD_LABEL = f"thread, {PHOTO_THREAD_PHOTOS} photos"
HTML_BUDGET_KB = 60  # issue 22: the thread with 20 photos, HTML at most this
WRITES_PER_SECOND = 2
PROFILES = ("visitor", "member (no part)", "member (answered)")
# Share of the bare page's req/s each profile should reach, per mode. With the page cache
# off only the thread pages have a goal.
GOALS = {
    "cache": {"visitor": 1.00, "member (no part)": 0.35, "member (answered)": 0.35},
    "cache, writes": {"visitor": 0.60, "member (no part)": 0.30, "member (answered)": 0.30},
    "no cache": dict.fromkeys(PROFILES, 0.20),
}
WORKER_RSS_GOAL_MB = 90


# --- data ---------------------------------------------------------------------------------


def flask_cli(env, *args, timeout=3600):
    """Run ``flask --app app ARGS`` in the repository with ``env``; fail loudly."""
    command = [os.path.join(VENV_BIN, "flask"), "--app", "app", *args]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_data(env, complaints=None, photos=False):
    """Fill the fresh database that ``env`` points at and build its search index.

    Without ``complaints`` this is the demo data set (80 complaints). With it, the data
    comes from ``flask demo generate --complaints N``, which also creates the demo's
    accounts (the member run signs in as one of them). With ``photos``, one thread gets
    20 photos through the media services (``bench/thread_photos.py``; ``env`` must name
    an ``FLASK_UPLOAD_FOLDER``). Returns the seconds each step took.
    """
    timings = {}
    started = time.perf_counter()
    flask_cli(env, "db", "upgrade")
    timings["db upgrade"] = time.perf_counter() - started
    started = time.perf_counter()
    if complaints:
        flask_cli(env, "demo", "generate", "--complaints", str(complaints))
    else:
        flask_cli(env, "demo", "load")
    timings["data"] = time.perf_counter() - started
    if photos:
        started = time.perf_counter()
        script = os.path.join(ROOT, "bench", "thread_photos.py")
        done = subprocess.run(
            [os.path.join(VENV_BIN, "python"), script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            sys.exit(f"thread_photos.py failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        timings["photos"] = time.perf_counter() - started
    started = time.perf_counter()
    flask_cli(env, "search", "rebuild")
    timings["search rebuild"] = time.perf_counter() - started
    return timings


def targets(fetch_one):
    """The URLs to load, chosen from the data: a deep listing page, the biggest category,
    the threads nearest 20 and 200 answers (the first page of answers, as users see it).

    ``fetch_one(sql, params)`` returns a statement's first row (any database's driver).
    """
    visible = fetch_one("SELECT count(*) FROM complaint WHERE visibility = 'visible'", {})[0]
    slug = fetch_one("SELECT slug FROM category ORDER BY complaint_count DESC, id LIMIT 1", {})[0]
    threads = []
    for wanted in (20, 200):  # the thread sizes the benchmark compares (without photos)
        row = fetch_one(
            "SELECT id, slug, answer_count FROM complaint WHERE visibility = 'visible' "
            "AND id NOT IN (SELECT complaint_id FROM photo) "
            "ORDER BY abs(answer_count - :n), id LIMIT 1",
            {"n": wanted},
        )
        if row and tuple(row) not in threads:
            threads.append(tuple(row))
    labels = [f"thread, {n} answers" for _i, _slug, n in threads]
    # The thread bench/thread_photos.py gave 20 photos (none in an instance prepared
    # before it existed).
    row = fetch_one(
        "SELECT complaint.id, complaint.slug, count(*) FROM photo "
        "JOIN complaint ON complaint.id = photo.complaint_id "
        "WHERE complaint.visibility = 'visible' "
        "GROUP BY complaint.id, complaint.slug ORDER BY count(*) DESC, complaint.id LIMIT 1",
        {},
    )
    if row and row[2] >= PHOTO_THREAD_PHOTOS:
        threads.append(tuple(row))
        labels.append(f"thread, {row[2]} photos")
    last_page = max(1, -(-visible // PAGE_SIZE))
    deep = min(200, last_page)
    return {
        "complaints": visible,
        "threads": [i for i, _slug, _n in threads],
        "pages": [
            ("home", "/"),
            (f"listing page {deep} of {last_page}", f"/complaints?page={deep}"),
            (f"category /c/{slug}", f"/c/{slug}"),
            # The canonical URL: /complaints/<id> alone is a 301 to it.
            *[
                (label, f"/complaints/{i}/{urllib.parse.quote(slug)}")
                for label, (i, slug, _n) in zip(labels, threads, strict=True)
            ],
            (f"search q={SEARCH_QUERY}", f"/search?q={SEARCH_QUERY}"),
        ],
    }


def pick_targets(database):
    """:func:`targets` from an SQLite file, opened read-only, with the bench's people:
    ``answerer`` (a member who will answer the measured threads), ``writer`` (the member
    who posts during ``--writes``) and ``write_threads`` (the measured threads and two
    more open ones, where the writer's answers go)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        found = targets(lambda sql, params: connection.execute(sql, params).fetchone())
        members = connection.execute(
            "SELECT username FROM user WHERE role = 'member' AND NOT banned "
            "AND suspended_until IS NULL AND deleted_at IS NULL AND lower(username) != :skip "
            "ORDER BY id LIMIT 2",
            {"skip": MEMBER[0].lower()},
        ).fetchall()
        if len(members) < 2:
            sys.exit("The data set needs two members besides the bench's own")
        measured = found["threads"]
        others = connection.execute(
            "SELECT id FROM complaint WHERE visibility = 'visible' AND NOT locked "
            f"AND id NOT IN ({','.join('?' * len(measured))}) ORDER BY id DESC LIMIT 2",
            measured,
        ).fetchall()
    finally:
        connection.close()
    found["answerer"], found["writer"] = members[0][0], members[1][0]
    found["write_threads"] = measured + [row[0] for row in others]
    return found


# --- servers ------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: str

    def worker_pids(self):
        """The gunicorn workers: the master's child processes."""
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        try:
            with open(path) as handle:
                return [int(pid) for pid in handle.read().split()]
        except OSError:
            return []

    def worker_rss_mb(self):
        return [rss_mb(pid) for pid in self.worker_pids()]


def rss_mb(pid):
    """Resident memory of a process in MB, from ``/proc/<pid>/status``."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def start_server(name, target, env, workdir, extra=()):
    """Start gunicorn with the production config and two workers; wait until it answers."""
    port = free_port()
    log = os.path.join(workdir, f"{name}.log")
    env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    command = [os.path.join(VENV_BIN, "gunicorn"), "-c", GUNICORN_CONF, *extra, target]
    with open(log, "w") as handle:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
    server = Server(name, port, process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            status, _body, _headers = fetch(port, "/healthz")
            if status == 200 and len(server.worker_pids()) == 2:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    with open(log) as handle:
        sys.exit(f"{name} did not start:\n{handle.read()[-3000:]}")


def stop_server(server):
    """SIGTERM (gunicorn's graceful stop), then SIGKILL if it has not gone in 30 s."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


# --- HTTP ---------------------------------------------------------------------------------


def fetch(port, path, method="GET", body=None, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        connection.close()


def cookies_from(headers):
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()
    return jar


def cookie_header(jar):
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def csrf_token(body, page):
    """The form token in a page's HTML; exits when the page has none."""
    match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body) or re.search(
        rb'value="([^"]+)"[^>]*name="csrf_token"', body
    )
    if not match:
        sys.exit(f"No csrf_token on {page}")
    return match.group(1).decode()


def post_form(port, path, fields, cookie):
    """POST a urlencoded form; returns (status, body, headers)."""
    return fetch(
        port,
        path,
        method="POST",
        body=urllib.parse.urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )


def sign_in(port, username, password):
    """Sign in through the form (CSRF token included) and return the Cookie header."""
    status, body, headers = fetch(port, "/login")
    if status != 200:
        sys.exit(f"GET /login answered {status}")
    jar = cookies_from(headers)
    status, _body, headers = post_form(
        port,
        "/login",
        {"csrf_token": csrf_token(body, "/login"), "login": username, "password": password},
        cookie_header(jar),
    )
    if status not in (302, 303):
        sys.exit(f"Signing in as {username} answered {status}")
    jar.update(cookies_from(headers))
    # The first page shows "Signed in as …" and takes it out of the session: keep the
    # session that page set, as a browser would, or every request shows the message again
    # (and gets a page rendered for it).
    status, body, headers = fetch(port, "/", headers={"Cookie": cookie_header(jar)})
    if status != 200 or username.encode() not in body:
        sys.exit(f"Signed in as {username}, but the home page does not say so")
    jar.update(cookies_from(headers))
    cookie = cookie_header(jar)
    status, body, _headers = fetch(port, "/", headers={"Cookie": cookie})
    if status != 200 or b"Signed in as" in body:
        sys.exit(f"Signed in as {username}, but the sign-in message does not go away")
    return cookie


def resolve(port, path, cookie=None):
    """Follow redirects (e.g. a thread's canonical URL) so the load hits a 200 page."""
    for _ in range(5):
        headers = {"Cookie": cookie} if cookie else {}
        status, _body, response_headers = fetch(port, path, headers=headers)
        if status in (301, 302, 303, 307, 308):
            location = dict((k.lower(), v) for k, v in response_headers)["location"]
            path = urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl()
            continue
        if status != 200:
            sys.exit(f"{path} answered {status}")
        return path
    sys.exit(f"{path}: too many redirects")


def answer_form(port, complaint_id, cookie):
    """The answer form's URL and token on a thread, as the member of ``cookie`` sees it."""
    path = resolve(port, f"/complaints/{complaint_id}", cookie)
    _status, body, _headers = fetch(port, path, headers={"Cookie": cookie})
    return f"/complaints/{complaint_id}/answers", csrf_token(body, path)


def post_answer(port, form, cookie, text):
    """Post an answer through the form; returns the status (303 when it is posted).

    The response's cookie is not kept: it only adds the "posted" message to the session,
    which a browser would show on the next page and this client never reads.
    """
    action, token = form
    status, _body, _headers = post_form(port, action, {"csrf_token": token, "body": text}, cookie)
    return status


def answer_text(number):
    return (
        f"Same here (bench answer {number}): the shop confirmed the refund by e-mail, "
        "but it took three weeks and two reminders before the money came back."
    )


@dataclass
class Writes:
    landed: int = 0  # 2xx/3xx answers to posts sent inside the measured window
    other: dict = field(default_factory=dict)  # any other status (or "error"): count


class Writer:
    """A signed-in member posting ``WRITES_PER_SECOND`` answers a second through the form,
    in turn to each of its threads (the measured thread first when the page is one)."""

    def __init__(self, port, cookie, complaint_ids):
        self.port = port
        self.cookie = cookie
        self.forms = {i: answer_form(port, i, cookie) for i in complaint_ids}
        self.sent = 0

    def run(self, start, deadline, first=None):
        """Post from now until ``deadline`` (``time.monotonic()``); count what landed
        from ``start`` on."""
        order = sorted(self.forms, key=lambda i: i != first)
        writes = Writes()
        due = time.monotonic()
        for number in range(1_000_000):  # bounded: the deadline comes first
            due += 1 / WRITES_PER_SECOND
            began = time.monotonic()
            if began >= deadline:
                break
            self.sent += 1
            try:
                status = post_answer(
                    self.port,
                    self.forms[order[number % len(order)]],
                    self.cookie,
                    answer_text(self.sent),
                )
            except (OSError, http.client.HTTPException):
                status = "error"
            if began >= start:
                if isinstance(status, int) and 200 <= status < 400:
                    writes.landed += 1
                else:
                    writes.other[str(status)] = writes.other.get(str(status), 0) + 1
            time.sleep(max(0.0, min(due, deadline) - time.monotonic()))
        return writes


# --- load client --------------------------------------------------------------------------


def _client_process(port, path, cookie, threads, start, deadline):
    """One client process: ``threads`` connections requesting ``path`` until ``deadline``,
    measuring from ``start`` (both ``time.monotonic()``, one clock for every process).

    Returns the latencies (seconds) of the measured requests and their status counts.
    """
    headers = {"Cookie": cookie} if cookie else {}
    results = []

    def run():
        latencies, statuses = [], {}
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            # Bounded: the deadline, and at most a million requests per connection.
            for _ in range(1_000_000):
                began = time.monotonic()
                if began >= deadline:
                    break
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()  # reconnects on the next request
                    status = "error"
                ended = time.monotonic()
                if began >= start:
                    latencies.append(ended - began)
                    statuses[status] = statuses.get(status, 0) + 1
        finally:
            connection.close()
        results.append((latencies, statuses))

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies, statuses = [], {}
    for part, counts in results:
        latencies.extend(part)
        for key, value in counts.items():
            statuses[key] = statuses.get(key, 0) + value
    return latencies, statuses


@dataclass
class Result:
    rps: float
    p50: float
    p99: float
    statuses: dict = field(default_factory=dict)
    writes: Writes | None = None
    runs: tuple = ()  # req/s of each measurement when this is their mean


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def measure(pool, processes, concurrency, port, path, cookie, warmup, duration, writes=None):
    """Load one page for ``duration`` seconds after ``warmup``; req/s, p50 and p99 in ms.

    ``writes`` = (writer, complaint id or None): the writer posts during the warm-up and
    the measurement, in its own thread, and the result counts what landed in the latter.
    """
    threads = max(1, concurrency // processes)
    start = time.monotonic() + warmup
    deadline = start + duration
    args = [(port, path, cookie, threads, start, deadline)] * processes
    landed = []
    if writes:
        writer, first = writes
        posting = threading.Thread(
            target=lambda: landed.append(writer.run(start, deadline, first)), daemon=True
        )
        posting.start()
    latencies, statuses = [], {}
    parts = pool.starmap(_client_process, args)
    if writes:
        posting.join()
    for part, counts in parts:
        latencies.extend(part)
        for key, value in counts.items():
            statuses[str(key)] = statuses.get(str(key), 0) + value
    latencies.sort()
    ok = statuses.get("200", 0)
    return Result(
        rps=ok / duration,
        p50=percentile(latencies, 0.50) * 1000,
        p99=percentile(latencies, 0.99) * 1000,
        statuses=statuses,
        writes=landed[0] if landed else None,
    )


# --- page weight --------------------------------------------------------------------------


class _Images(html.parser.HTMLParser):
    """Counts a page's ``<img>`` elements and those missing a width or a height."""

    def __init__(self):
        super().__init__()
        self.images = 0
        self.unsized = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            names = {name for name, value in attrs if value}
            self.images += 1
            self.unsized += not {"width", "height"} <= names


def page_weight(body):
    """(HTML size in KB, number of <img>, number without width and height) of a page."""
    parser = _Images()
    parser.feed(body.decode("utf-8", "replace"))
    parser.close()
    return len(body) / 1024, parser.images, parser.unsized


def weigh_pages(port, pages, cookies):
    """:func:`page_weight` of each photo thread in ``pages``, for every profile."""
    weights = {}
    for label, path in pages:
        if "photos" not in label:
            continue
        for profile, cookie in cookies.items():
            status, body, _headers = fetch(port, path, headers={"Cookie": cookie} if cookie else {})
            if status != 200:
                sys.exit(f"{path} answered {status} for {profile}")
            weights[(label, profile)] = page_weight(body)
    return weights


def format_weights(weights):
    """The photo threads' HTML size against the budget, and whether every image is sized."""
    lines = []
    for (label, profile), (kb, images, unsized) in weights.items():
        within = "within" if kb <= HTML_BUDGET_KB else "OVER"
        sized = (
            f"all {images} <img> have width and height (no layout shift)"
            if not unsized
            else f"{unsized} of {images} <img> lack width or height (layout shift)"
        )
        lines.append(
            f"{label}, {profile}: HTML {kb:.1f} KB ({within} the {HTML_BUDGET_KB} KB budget); "
            + sized
        )
    return "\n".join(lines)


def weights_ok(weights):
    return all(kb <= HTML_BUDGET_KB and not unsized for kb, _n, unsized in weights.values())


# --- report -------------------------------------------------------------------------------


def goal_for(mode, label, profile):
    """The share of the bare page's req/s this cell should reach, or None."""
    if mode == "no cache" and not label.startswith("thread"):
        return None
    return GOALS[mode][profile]


def format_table(bare, rows, mode):
    """The results as a text table; ``rows`` are (label, path, {profile: Result})."""
    width = 26
    head = f"{'page':<28} " + " ".join(f"{profile:^{width}}" for profile in PROFILES)
    sub = f"{'':<28} " + " ".join(
        f"{'req/s':>7} {'p50 ms':>7} {'% bare':>7}  " for _profile in PROFILES
    )
    if any(result.writes for _l, _p, results in rows for result in results.values()):
        head += "  writes landed"
        sub += "  (visitor / no part / answered)"
    lines = [head, sub, "-" * len(sub)]
    lines.append(f"{'bare Flask (1 query)':<28} {bare.rps:>7.0f} {bare.p50:>7.1f} {100:>6.0f}%")
    if bare.runs:
        lines.append(f"{'  (first / last run)':<28} {bare.runs[0]:>7.0f} / {bare.runs[1]:.0f}")

    def cell(result, goal):
        share = result.rps / bare.rps if bare.rps else 0
        mark = " " if goal is None or share >= goal else "<"
        return f"{result.rps:>7.0f} {result.p50:>7.1f} {share * 100:>6.1f}%{mark} "

    for label, _path, results in rows:
        line = f"{label:<28} " + " ".join(
            cell(results[profile], goal_for(mode, label, profile)) for profile in PROFILES
        )
        writes = [results[profile].writes for profile in PROFILES]
        if all(writes):
            line += "  " + " / ".join(str(w.landed) for w in writes)
            other = {}
            for w in writes:
                for key, value in w.other.items():
                    other[key] = other.get(key, 0) + value
            if other:
                line += f" (other: {other})"
        lines.append(line)
    if mode == "no cache":
        goals = f"thread pages, every profile {GOALS[mode][PROFILES[0]]:.0%}"
    else:
        goals = ", ".join(f"{profile} {share:.0%}" for profile, share in GOALS[mode].items())
    lines.append(f"('<': below the goal for {mode}: {goals} of the bare page.)")
    return "\n".join(lines)


def mean_result(first, last):
    """Two measurements of one page as one: mean req/s and percentiles, summed statuses,
    each one's req/s in ``runs``."""
    statuses = dict(first.statuses)
    for key, value in last.statuses.items():
        statuses[key] = statuses.get(key, 0) + value
    return Result(
        rps=(first.rps + last.rps) / 2,
        p50=(first.p50 + last.p50) / 2,
        p99=(first.p99 + last.p99) / 2,
        statuses=statuses,
        runs=(first.rps, last.rps),
    )


def non_ok(result):
    return {key: value for key, value in result.statuses.items() if key != "200"}


# --- main ---------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first")
    parser.add_argument("--concurrency", type=int, default=4, help="connections in total")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument(
        "--complaints",
        type=int,
        default=None,
        help="generate N complaints (needs `flask demo generate`); default: the demo data",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve every page from the database (FLASK_PAGE_CACHE_ENABLED=false)",
    )
    parser.add_argument(
        "--writes",
        action="store_true",
        help=f"another member posts {WRITES_PER_SECOND} answers a second during each measurement",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary instance")
    parser.add_argument(
        "--instance",
        metavar="DIR",
        help="use (and keep) this folder: filled on the first run, reused as it is after",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 600 or not 1 <= args.concurrency <= 64:
        parser.error("--duration must be 1–600 s and --concurrency 1–64")
    args.processes = max(1, min(args.processes, args.concurrency))

    if args.instance:
        workdir = os.path.abspath(args.instance)
        os.makedirs(workdir, exist_ok=True)
        args.keep = True
    else:
        workdir = tempfile.mkdtemp(prefix="redress-bench-")
    database = os.path.join(workdir, "redress.sqlite3")
    prepared = os.path.join(workdir, "prepared")  # written once the data is complete
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "GUNICORN_")) and key not in ("DATABASE_URL",)
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": secrets.token_hex(32),
            "FLASK_SEARCH_INDEX_DIR": os.path.join(workdir, "search-index"),
            "FLASK_UPLOAD_FOLDER": os.path.join(workdir, "uploads"),
            "FLASK_RATELIMIT_ENABLED": "false",
            "BENCH_DATABASE_URL": f"sqlite:///{database}",
            "FLASK_PAGE_CACHE_ENABLED": "false" if args.no_page_cache else "true",
            # This instance's own page cache, never pages kept from another database.
            "FLASK_CACHE_DIR": os.path.join(workdir, "page-cache"),
        }
    )
    servers = []
    pool = None
    try:
        print(f"Instance: {workdir}", flush=True)
        if os.path.exists(prepared):
            flask_cli(env, "db", "upgrade")  # migrations added since it was prepared
            timings = {}
            print("Data: reused as prepared by an earlier run", flush=True)
        else:
            timings = prepare_data(env, args.complaints, photos=True)
            with open(prepared, "w") as handle:
                json.dump({"complaints": args.complaints, "seconds": timings}, handle)
            print(
                "Data: "
                + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items()),
                flush=True,
            )
        # The pages are picked once per instance: the answers each run posts would
        # otherwise move the "nearest 200 answers" pick from run to run.
        picked = os.path.join(workdir, "targets.json")
        if os.path.exists(picked):
            with open(picked) as handle:
                targets = json.load(handle)
        else:
            targets = pick_targets(database)
            with open(picked, "w") as handle:
                json.dump(targets, handle)
        bare = start_server("bare", "bare_app:app", env, workdir, ("--pythonpath", "bench"))
        servers.append(bare)
        redress = start_server("redress", "app:app", env, workdir)
        servers.append(redress)
        cookies = {
            "visitor": None,
            "member (no part)": sign_in(redress.port, *MEMBER),
            "member (answered)": sign_in(redress.port, targets["answerer"], DEMO_PASSWORD),
        }
        # The second member takes part: one answer in each measured thread, through the form.
        for complaint_id in targets["threads"]:
            form = answer_form(redress.port, complaint_id, cookies["member (answered)"])
            status = post_answer(redress.port, form, cookies["member (answered)"], answer_text(0))
            if status != 303:
                sys.exit(f"{targets['answerer']} could not answer thread {complaint_id}: {status}")
        pages = [(label, resolve(redress.port, path)) for label, path in targets["pages"]]
        weights = weigh_pages(redress.port, pages, cookies)
        if not weights:
            print(
                "No thread with photos: this instance was prepared before bench/thread_photos.py",
                flush=True,
            )
        writer = None
        if args.writes:
            writer_cookie = sign_in(redress.port, targets["writer"], DEMO_PASSWORD)
            writer = Writer(redress.port, writer_cookie, targets["write_threads"])
        mode = "no cache" if args.no_page_cache else "cache, writes" if args.writes else "cache"

        pool = multiprocessing.get_context("spawn").Pool(args.processes)
        load_before = os.getloadavg()
        timing = (args.warmup, args.duration)
        print(
            f"Loading each page for {args.duration:g} s (+{args.warmup:g} s warm-up) with "
            f"{args.concurrency} connections in {args.processes} client processes"
            + (
                f", while {targets['writer']} posts {WRITES_PER_SECOND} answers a second to "
                f"threads {targets['write_threads']}"
                if writer
                else ""
            )
            + "…",
            flush=True,
        )
        bare_result = measure(pool, args.processes, args.concurrency, bare.port, "/", None, *timing)
        rows = []
        for label, path in pages:
            thread_id = re.match(r"/complaints/(\d+)/", path)
            writes = (writer, int(thread_id.group(1)) if thread_id else None) if writer else None
            results = {
                profile: measure(
                    pool,
                    args.processes,
                    args.concurrency,
                    redress.port,
                    path,
                    cookie,
                    *timing,
                    writes=writes,
                )
                for profile, cookie in cookies.items()
            }
            rows.append((label, path, results))
            print(
                f"  {label}: " + " / ".join(f"{r.rps:.0f}" for r in results.values()) + " req/s",
                flush=True,
            )
        # The bare page again at the end: the shares use the mean of both, so a machine
        # that gets busier or quieter during the run moves them less.
        bare_after = measure(pool, args.processes, args.concurrency, bare.port, "/", None, *timing)
        bare_result = mean_result(bare_result, bare_after)
        load_after = os.getloadavg()
        rss = {"bare": bare.worker_rss_mb(), "redress": redress.worker_rss_mb()}

        print()
        print(
            f"Redress pages vs a bare Flask page, {targets['complaints']} visible complaints, "
            f"gunicorn 2 sync workers each, {os.cpu_count()} CPUs; members: "
            f"{MEMBER[0]} (no part), {targets['answerer']} (answered the measured threads)"
        )
        print(format_table(bare_result, rows, mode))
        if weights:
            print(format_weights(weights))
        print()
        for name, sizes in rss.items():
            print(f"Worker RSS, {name}: " + ", ".join(f"{mb:.1f} MB" for mb in sizes))
        print(f"(Goal: Redress workers ≤ {WORKER_RSS_GOAL_MB} MB at 100,000 complaints.)")
        print(
            f"Load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} "
            "(other work on the machine makes the figures noisy)"
        )
        print(
            "Settings: FLASK_RATELIMIT_ENABLED=false, gunicorn access log off, page cache "
            f"{'off' if args.no_page_cache else 'on'}"
            + (f", {WRITES_PER_SECOND} answers a second" if writer else "")
            + "; otherwise production (CSRF on, deploy/gunicorn.conf.py)."
        )
        problems = {}
        for label, _path, results in rows:
            for profile, result in results.items():
                if non_ok(result):
                    problems[f"{label}, {profile}"] = non_ok(result)
                if result.writes and result.writes.other:
                    problems[f"{label}, {profile}, writes"] = result.writes.other
        if non_ok(bare_result):
            problems["bare"] = non_ok(bare_result)
        if not weights_ok(weights):
            problems["page budget"] = format_weights(weights)
        if problems:
            print(f"Responses other than 200 (writes: other than 2xx/3xx): {problems}")
        if args.json:
            report = {
                "complaints": targets["complaints"],
                "mode": mode,
                "duration": args.duration,
                "concurrency": args.concurrency,
                "bare": vars(bare_result),
                "pages": [
                    {
                        "page": label,
                        "path": path,
                        **{
                            profile: vars(result)
                            | {"writes": result.writes and vars(result.writes)}
                            for profile, result in results.items()
                        },
                    }
                    for label, path, results in rows
                ],
                "worker_rss_mb": rss,
                "page_weight": [
                    {"page": label, "profile": profile, "kb": kb, "img": n, "img_unsized": unsized}
                    for (label, profile), (kb, n, unsized) in weights.items()
                ],
                "loadavg": [load_before, load_after],
                "data_seconds": timings,
            }
            with open(args.json, "w") as handle:
                json.dump(report, handle, indent=2)
        return 1 if problems else 0
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        for server in servers:
            stop_server(server)
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
