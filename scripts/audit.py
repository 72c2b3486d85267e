"""``make audit``: Lighthouse on the demo forum's home, listing, thread and solved pages.

Builds a throw-away instance (a temporary SQLite file: ``flask db upgrade``, ``flask demo
load``), serves it with gunicorn on a free local port, runs the npm package
``lighthouse`` (installed into ``tools/audit`` with ``npm ci`` when missing) against
Debian's Chromium, and prints the Performance, Accessibility, Best Practices and SEO
scores of each page, followed by every audit that did not score full marks.

    .venv/bin/python scripts/audit.py [--preset mobile|desktop] [--min-score 90]
                                      [--reports DIR]
"""

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, "tools", "audit")
LIGHTHOUSE = os.path.join(TOOLS, "node_modules", "lighthouse", "cli", "index.js")
VENV_BIN = os.path.join(ROOT, ".venv", "bin")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def ensure_tools():
    """``npm ci`` into tools/audit when Lighthouse is not installed there yet."""
    if not os.path.exists(LIGHTHOUSE):
        subprocess.run(
            ["npm", "ci", "--prefix", TOOLS, "--no-audit", "--no-fund"], check=True, cwd=ROOT
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env, *args):
    subprocess.run([os.path.join(VENV_BIN, "flask"), "--app", "app", *args], check=True,
                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # fmt: skip


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the app did not answer at {url}")


def pick_thread(database):
    """The public solved thread with the most answers: the page search visitors land on."""
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT id, slug FROM complaint WHERE visibility = 'visible' "
            "AND solved_at IS NOT NULL ORDER BY answer_count DESC, id LIMIT 1"
        ).fetchone()
    return f"/complaints/{row[0]}/{row[1]}"


def lighthouse(url, preset, report_path):
    env = {**os.environ, "CHROME_PATH": CHROME}
    command = ["node", LIGHTHOUSE, url, "--output=json", f"--output-path={report_path}",
               "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               "--only-categories=" + ",".join(CATEGORIES)]  # fmt: skip
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    with open(report_path, encoding="utf-8") as handle:
        return json.load(handle)


def shortfalls(report):
    """(category, audit title, score) for every scored audit below full marks."""
    found = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                found.append((key, audit["title"], audit["score"], audit.get("displayValue", "")))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--min-score", type=int, default=100, help="fail below this score")
    parser.add_argument("--reports", help="keep the JSON reports in this folder")
    options = parser.parse_args()

    ensure_tools()
    workdir = tempfile.mkdtemp(prefix="redress-audit-")
    reports = options.reports or workdir
    os.makedirs(reports, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = os.path.join(workdir, "audit.sqlite3")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": os.urandom(16).hex(),
        "SITE_URL": base,
        "FLASK_SEARCH_INDEX_DIR": os.path.join(workdir, "search-index"),
    }
    print(f"Building the demo forum in {workdir} …", flush=True)
    flask(env, "db", "upgrade", "heads")
    flask(env, "demo", "load")
    flask(env, "search", "rebuild")
    server = subprocess.Popen(
        [os.path.join(VENV_BIN, "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--log-level", "warning", "app:app"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for(base + "/healthz")
        pages = {
            "home": "/",
            "listing": "/complaints",
            "thread": pick_thread(database),
            "solved": "/solved",
        }
        for path in pages.values():  # warm both workers: compiled templates, open files
            for _ in range(4):
                wait_for(base + path)
        results = {}
        for name, path in pages.items():
            print(f"Lighthouse ({options.preset}): {base}{path}", flush=True)
            report = lighthouse(base + path, options.preset, os.path.join(reports, f"{name}.json"))
            results[name] = report
    finally:
        server.terminate()
        server.wait(timeout=20)

    print()
    print(f"{'page':<10}{'Performance':>13}{'Accessibility':>15}{'Best Practices':>16}{'SEO':>6}")
    lowest = 100
    for name, report in results.items():
        scores = [round(report["categories"][key]["score"] * 100) for key in CATEGORIES]
        lowest = min(lowest, *scores)
        print(f"{name:<10}{scores[0]:>13}{scores[1]:>15}{scores[2]:>16}{scores[3]:>6}")
    for name, report in results.items():
        metrics = report["audits"]
        fcp = metrics["first-contentful-paint"]["displayValue"]
        lcp = metrics["largest-contentful-paint"]["displayValue"]
        tbt = metrics["total-blocking-time"]["displayValue"]
        cls = metrics["cumulative-layout-shift"]["displayValue"]
        print(f"{name:<10}FCP {fcp}, LCP {lcp}, TBT {tbt}, CLS {cls}")
        for category, title, score, value in shortfalls(report):
            print(f"  {category}: {title} ({score:.2f}) {value}")
    if not options.reports:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"Reports in {reports}")
    if lowest < options.min_score:
        print(f"Lowest score {lowest} is below {options.min_score}.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
