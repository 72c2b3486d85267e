"""The outside checkers the browser tests run on the site's pages: axe-core in the page, and
the Nu Html Checker (vnu) over the HTML the live server sent. Both come from the npm lock
at the repository's root (``npm ci``, run by ``make install-dev``); vnu runs on Debian's
Java (``default-jre-headless``, installed by scripts/install-test-services.sh).
(A module of helpers, no tests.)"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_MODULES = os.path.join(ROOT, "node_modules")
AXE = os.path.join(NODE_MODULES, "axe-core", "axe.min.js")
VNU = os.path.join(NODE_MODULES, "vnu-jar", "build", "dist", "vnu.jar")


def require(path, what):
    """``path``, or a failure: the page checkers are part of the suite, never left out
    (`make test` installs them)."""
    if os.path.exists(path):
        return path
    message = f"{what} is not installed ({os.path.relpath(path, ROOT)}): run `make install-dev`"
    pytest.fail(message, pytrace=False)


def java():
    found = shutil.which("java")
    if found:
        return found
    pytest.fail(
        "Java is not installed (Debian package 'default-jre-headless'): run `make system-deps`",
        pytrace=False,
    )


def read_axe():
    with open(require(AXE, "axe-core"), encoding="utf-8") as handle:
        return handle.read()


def axe_violations(page, source):
    """axe-core's violations on the page as it is now, one line each (rule, impact, nodes).

    axe is injected past the CSP: the page's context must be made with ``bypass_csp=True``.
    """
    page.add_script_tag(content=source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


@dataclass
class ServedPage:
    method: str
    path: str
    status: int
    html: bytes


class PageRecorder:
    """WSGI middleware keeping each whole HTML document the live server sends."""

    DOCUMENT = re.compile(rb"\s*<!doctype html>", re.I)

    def __init__(self, app, pages):
        self.app = app
        self.pages = pages

    def __call__(self, environ, start_response):
        seen = {}

        def recording_start_response(status, headers, exc_info=None):
            seen["status"] = int(status.split()[0])
            seen["type"] = dict((k.lower(), v) for k, v in headers).get("content-type", "")
            return start_response(status, headers, exc_info)

        response = self.app(environ, recording_start_response)
        if not seen.get("type", "").startswith("text/html"):
            return response
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        if self.DOCUMENT.match(body):
            path = environ.get("PATH_INFO", "")
            if environ.get("QUERY_STRING"):
                path += "?" + environ["QUERY_STRING"]
            self.pages.append(ServedPage(environ["REQUEST_METHOD"], path, seen["status"], body))
        return [body]


def nu_html_check(pages, folder):
    """The Nu Html Checker's errors and warnings on ``pages``, one vnu run for them all:
    ``{"GET /path (200)": ["line 12: message — extract", ...]}`` for pages with any."""
    names = {}
    seen = set()
    for number, page in enumerate(pages):
        if page.html in seen:  # the same document served twice is checked once
            continue
        seen.add(page.html)
        name = os.path.join(folder, f"page-{number:04d}.html")
        with open(name, "wb") as handle:
            handle.write(page.html)
        names[name] = f"{page.method} {page.path} ({page.status})"
    if not names:
        return {}
    command = [
        java(), "-jar", require(VNU, "The Nu Html Checker (vnu-jar)"),
        "--format", "json", "--stdout", "--exit-zero-always", "--no-langdetect",
        *names,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, check=True, text=True).stdout
    found = {}
    for message in json.loads(output)["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        url = message.get("url", "")
        page = names.get(url.removeprefix("file:"), url)
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())[:160]
        kind = message.get("subType") or message["type"]
        found.setdefault(page, []).append(f"{kind}: {where}{message['message']} — {extract}")
    return found
