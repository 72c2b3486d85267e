"""Rendering pathological posts: the time of ``markup.render`` and ``markup.plain_text``.

Prints, for each shape, the time at 25,000 and at 50,000 characters (best of five) and
how much longer the doubled text took. Rendering is linear in the text when doubling the
text about doubles the time; a shape that takes more than three times as long at twice
the size is flagged (a backtracking parser grows four times or more; figures under 20 ms are
left unflagged). The figures themselves depend on the machine: run it on an idle one,
since another job on the same core doubles them at random.

    .venv/bin/python bench/markup_render.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.text_extraction import best  # noqa: E402 - the best of five runs, in ms
from forum import markup  # noqa: E402

SIZES = (25_000, 50_000)
GROWTH_LIMIT = 3.0
NOISE_MS = 20  # growth below this is left unflagged: a busy machine's noise
SHAPES = {
    "open brackets": lambda n: "[" * n,
    "emphasis between letters": lambda n: "*a" * (n // 2),
    "emphasis marks": lambda n: "a" + "*" * (n - 2) + "b",
    "underscores between letters": lambda n: "_a" * (n // 2),
    "links never closed": lambda n: "[a](" * (n // 4),
    "images never closed": lambda n: "![" * (n // 2),
    "angle brackets": lambda n: "<" * n,
    "backticks": lambda n: "`a" * (n // 2),
    "a, newlines, b": lambda n: "a" + "\n" * (n - 2) + "b",
    "nested quotes": lambda n: "> " * (n // 2),
    "bullets": lambda n: "- " * (n // 2),
}
# plain_text keeps its results (an LRU cache): time the function itself.
plain_text = markup.plain_text.__wrapped__


def main():
    flagged = 0
    small, large = SIZES
    print(f"{'shape':<28} {'function':<11} {small:>9,} ms {large:>9,} ms {'growth':>7}")
    for name, make in SHAPES.items():
        for label, function in (("render", markup.render), ("plain_text", plain_text)):
            first, second = best(function, make(small)), best(function, make(large))
            growth = second / first if first else 1.0
            slow = growth > GROWTH_LIMIT and second > NOISE_MS
            flagged += slow
            mark = "  <- slow" if slow else ""
            print(f"{name:<28} {label:<11} {first:>12.1f} {second:>12.1f} {growth:>6.1f}x{mark}")
    print(
        f"{flagged} flagged (growth over {GROWTH_LIMIT:.0f}x when the text doubles; "
        f"{len(SHAPES)} shapes, {len(SHAPES) * 2} measurements)"
    )
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
