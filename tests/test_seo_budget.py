"""Performance budgets: page weight, CSS and JavaScript weight, nothing render-blocking,
nothing from another host."""

import os
import re

from tests.seo_helpers import accept, read
from tests.test_seo_pages import SITE, thread_path

HTML_BUDGET = 60 * 1024
ASSET_BUDGET = 48 * 1024

# About the length of a demo answer (the demo's average is ~330 characters).
ANSWER = (
    "I had exactly the same problem with mine last spring. What worked in the end was "
    "calling the service line and asking for the **warranty desk** rather than general "
    "support: they booked a technician within two days and replaced the part for free. "
    "Keep the receipt and take photos of the fault before the visit, it makes the claim "
    "much quicker. Answer number {n}."
)


def test_a_thread_with_20_answers_is_at_most_60_kb_of_html(
    app, client, make_user, make_complaint, make_answer
):
    app.config["RATELIMIT_ENABLED"] = False
    author = make_user()
    staff = make_user(role="staff")
    helpers = [make_user() for _ in range(4)]
    complaint = make_complaint(author=author, body=ANSWER.format(n=0) * 2, rating=2)
    answers = [
        make_answer(
            complaint, author=staff if n % 5 == 0 else helpers[n % 4], body=ANSWER.format(n=n)
        )
        for n in range(20)
    ]
    accept(app, author, answers[3])
    response = client.get(thread_path(complaint))
    size = len(response.data)
    print(f"\nthread page with 20 answers: {size:,} bytes of HTML")
    assert response.data.count(b'class="post post-answer') == 20
    assert read(response).jsonld  # the budget includes the structured data
    assert size <= HTML_BUDGET, f"{size:,} bytes > {HTML_BUDGET:,}"


def test_all_css_and_javascript_together_is_at_most_48_kb(app):
    total = 0
    for folder, _dirs, files in os.walk(app.static_folder):
        for name in files:
            if name.endswith((".css", ".js")):
                total += os.path.getsize(os.path.join(folder, name))
    print(f"\nCSS and JavaScript: {total:,} bytes")
    assert 0 < total <= ASSET_BUDGET, f"{total:,} bytes > {ASSET_BUDGET:,}"


def test_pages_load_nothing_render_blocking_and_nothing_from_another_host(
    client, make_complaint, make_answer
):
    complaint = make_complaint()
    make_answer(complaint)
    for path in ("/", "/complaints", thread_path(complaint), "/solved", "/login"):
        html = client.get(path).get_data(as_text=True)
        head = html[: html.index("</head>")]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            assert " defer" in tag or " async" in tag, (path, tag)
        for url in re.findall(r'<(?:script|img|link|iframe)\b[^>]*\b(?:src|href)="([^"]+)"', html):
            if 'rel="canonical"' in url:
                continue
            elsewhere = re.match(r"(https?:)?//", url) and not url.startswith(SITE + "/")
            assert not elsewhere, (path, url)
        assert "<style" not in head and "@import" not in html
