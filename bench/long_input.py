"""``python -m bench.long_input``: the adjective splitter and a plan's end punctuation on long,
odd input, before (the regexes of issue 15, item 10) and now (plain string work).

Inputs: a long run of spaces between two adjectives (the splitter's ``\\s*(?:…)\\s*`` tried
again from every space) and a plan ending in a long run of dots followed by a letter (the
``[\\s.,;:!…]+$`` of ``plans.py`` tried again from every dot). Best of 3, single thread;
the old versions stop at the first size that takes over 10 s.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable

from bot.domain import feedback, plans

OLD_SPLIT = re.compile(r"\s*(?:[,;/|•·\n]|\band\b|&|\s-\s)\s*", re.IGNORECASE)
OLD_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
OLD_TRAILING = re.compile(r"[\s.,;:!…]+$")
SIZES = (1_000, 5_000, 20_000, 100_000)
GIVE_UP = 10.0


def old_split(text: str) -> list[str]:
    parts = []
    for piece in OLD_SPLIT.split(text):
        piece = OLD_EDGE.sub("", unicodedata.normalize("NFKC", piece).strip())
        parts.append(re.sub(r"\s+", " ", piece))
    return [p for p in parts if p]


def old_clean_if(text: str) -> str:
    return OLD_TRAILING.sub("", text).strip() or text.strip()


def seconds(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
        if best > GIVE_UP:
            break
    return best


def main() -> None:
    cases: list[tuple[str, Callable[[int], str], Callable[[str], object], Callable[[str], object]]]
    cases = [
        ("adjectives, n spaces", lambda n: f"kind{' ' * n}smart", old_split, feedback._pieces),
        ("plan, n dots then x", lambda n: f"call Jo{'.' * n}x", old_clean_if, plans.clean_if),
    ]
    print(f"{'input':<24}{'n':>9}{'before (s)':>14}{'now (s)':>12}")
    for name, make, before, now in cases:
        gave_up = False
        for n in SIZES:
            text = make(n)
            old = "—" if gave_up else f"{seconds(before, text):.4f}"
            gave_up = gave_up or (old != "—" and float(old) > GIVE_UP)
            print(f"{name:<24}{n:>9}{old:>14}{seconds(now, text):>12.4f}")


if __name__ == "__main__":
    main()
