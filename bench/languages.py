"""``python -m bench.languages``: what reading people in five languages costs.

- start-up: importing :mod:`bot.domain.safety` and :mod:`bot.domain.intent` in a fresh
  interpreter (the rules are text until the first message), then the first message (which
  compiles them), best of 3 processes;
- per message, best of 5: the crisis check and the free-text reading on each language's
  test tables (``tests/domain/test_safety.py``, ``tests/domain/test_intent.py``), typed
  answers (``tests/domain/test_answers.py``) and places typed in each language
  (``tests/domain/test_timezones.py``, exact look-ups in the place index);
- the place index: its size, and what opening it costs (time, Python memory).

Numbers only; nothing is asserted. The machine's load shows in every number: compare
runs made one after the other.
"""

from __future__ import annotations

import json
import subprocess
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

_STARTUP = """
import json, time
t = time.perf_counter()
import bot.domain.intent as intent
imported = time.perf_counter() - t
t = time.perf_counter()
intent.read_free_text("hello")
first = time.perf_counter() - t
print(json.dumps({"import_ms": imported * 1000, "first_message_ms": first * 1000}))
"""


def startup(reps: int = 3) -> dict[str, float]:
    command = [sys.executable, "-c", _STARTUP]
    runs = [
        json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        for _ in range(reps)
    ]
    return {key: min(run[key] for run in runs) for key in runs[0]}


def per_call_us(function: Callable[[str], Any], texts: list[str], number: int = 5) -> float:
    def run() -> None:
        for text in texts:
            function(text)

    function(texts[0])  # compile on first use, outside the timing
    best = min(timeit.repeat(run, number=number, repeat=5))
    return best / (number * len(texts)) * 1e6


def index_numbers() -> dict[str, float]:
    from bot.domain import place_index
    from bot.domain.zone_names import available_zones, geographic_zones

    available_zones(), geographic_zones()
    path = Path(place_index.__file__).with_name(place_index.FILE_NAME)
    data = path.read_bytes()
    tracemalloc.start()
    started = timeit.default_timer()
    index = place_index.PlaceIndex(data)
    opened = timeit.default_timer() - started
    memory, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "file_mb": len(data) / 1e6,
        "lines": data.count(b"\n"),
        "areas": len(index.areas),
        "open_ms": opened * 1000,
        "open_python_mb": memory / 1e6,
    }


def main() -> None:
    from bot.domain.answers import parse_time_answer, parse_word
    from bot.domain.intent import read_free_text
    from bot.domain.safety import assess
    from bot.domain.timezones import resolve_timezone
    from tests.domain import test_answers, test_intent, test_safety, test_timezones

    print("start-up (fresh interpreter, best of 3):", startup())
    print(f"{'what':44} {'µs per message':>15} {'messages':>9}")
    for language, rows in test_safety.CRISIS_BY_LANGUAGE.items():
        texts = [t for t, _ in rows] + test_safety.NOT_CRISIS_BY_LANGUAGE[language]
        print(f"{'assess, ' + language:44} {per_call_us(assess, texts):15.1f} {len(texts):9d}")
    english = [t for t, _ in test_safety.CRISIS] + test_safety.NOT_CRISIS
    print(f"{'assess, en':44} {per_call_us(assess, english):15.1f} {len(english):9d}")
    for language, free in test_intent.BY_LANGUAGE.items():
        texts = [t for t, _, _ in free]
        us = per_call_us(read_free_text, texts)
        print(f"{'read_free_text, ' + language:44} {us:15.1f} {len(texts):9d}")
    words = [t for rows in test_answers.WORDS_BY_LANGUAGE.values() for t, _ in rows]
    print(f"{'parse_word, es pt de ru':44} {per_call_us(parse_word, words):15.1f} {len(words):9d}")
    times = ["a las 18", "às 18h", "um 18 Uhr", "в 18:00", "в 6 вечера", "7:30"]
    us = per_call_us(parse_time_answer, times)
    print(f"{'parse_time_answer, es pt de ru en':44} {us:15.1f} {len(times):9d}")
    places = [t for rows in test_timezones.BY_LANGUAGE.values() for t, _, _ in rows]
    us = per_call_us(resolve_timezone, places, number=2)
    print(f"{'resolve_timezone, es pt de ru':44} {us:15.1f} {len(places):9d}")
    print("place index:", {k: round(v, 2) for k, v in index_numbers().items()})


if __name__ == "__main__":
    main()
