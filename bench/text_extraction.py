"""Text extraction on pathological 20,000-character posts: each shape's time.

Prints, for each shape, the time of ``plain()`` (Markdown source to indexed text) and
of the whole thread's index fields (``plain()`` and the analyzer), the best of five.
Every figure must stay under 50 ms: extraction is linear in the text.

    .venv/bin/python bench/text_extraction.py
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from forum.search.backends.whoosh_backend import index_fields  # noqa: E402
from forum.search.marks import plain  # noqa: E402

SIZE = 20_000
LIMIT_MS = 50
SHAPES = {
    "a, newlines, b": "a" + "\n" * (SIZE - 2) + "b",
    "spaced empty lines": "a" + " \n" * (SIZE // 2 - 1) + "b",
    "tabs before a quote": "\t" * (SIZE - 1) + "x",
    "open brackets": "[" * SIZE,
    "open images": "![" * (SIZE // 2),
    "links never closed": "[a](" * (SIZE // 4),
    "link texts never closed": "[a" * (SIZE // 2),
    "addresses never closed": "[a](b" * (SIZE // 5),
    "emphasis marks": "a" + "*" * (SIZE - 2) + "b",
    "marks between letters": "*a_" * (SIZE // 3),
    "quote marks": "> " * (SIZE // 2),
    "bullets": "- " * (SIZE // 2),
    "one long word": "a" * SIZE,
}


def best(function, text, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def thread(text):
    document = {"title": "t", "body": plain(text), "answers": plain(text), "words": text}
    return index_fields(document)


def main():
    slow = 0
    print(f"{'shape':<26} {'plain() ms':>11} {'index fields ms':>16}")
    for name, text in SHAPES.items():
        extraction, fields = best(plain, text), best(thread, text)
        slow += extraction >= LIMIT_MS or fields >= LIMIT_MS
        print(f"{name:<26} {extraction:>11.1f} {fields:>16.1f}")
    print(f"{slow} shapes at {LIMIT_MS} ms or more ({len(SHAPES)} shapes of {SIZE:,} characters)")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
