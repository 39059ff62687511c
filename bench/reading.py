"""``python -m bench.reading``: what reading a message costs (distress check, free text).

Every private message goes through :func:`bot.domain.safety.assess` first, and a message
outside a flow through :func:`bot.domain.intent.read_free_text`. Measured on the phrases of
the test tables (short chat messages), on a 4,000-character message of ordinary prose, and
on 4,000 characters built to make the optional words of the rules backtrack ("just just
just..."), the slowest input found. Best of 5 repetitions, single thread.
"""

from __future__ import annotations

import timeit

from bot.domain.answers import parse_scale, parse_word
from bot.domain.intent import read_free_text
from bot.domain.safety import assess
from tests.domain.test_intent import TABLE
from tests.domain.test_safety import CRISIS, NOT_CRISIS


def per_call_us(function: object, texts: list[str], number: int) -> float:
    def run() -> None:
        for text in texts:
            function(text)  # type: ignore[operator]

    best = min(timeit.repeat(run, number=number, repeat=5))
    return best / (number * len(texts)) * 1e6


def main() -> None:
    chat = [text for text, _ in CRISIS] + NOT_CRISIS
    free = [text for text, _, _ in TABLE]
    prose = ["I applied to forty companies this month and heard back from three. " * 60]
    worst = ["just " * 800, "im a " * 800, "a an " * 1000]
    rows = [
        ("assess, chat messages", per_call_us(assess, chat, 20), len(chat)),
        ("assess, 4,000 chars of prose", per_call_us(assess, prose, 5), 1),
        ("assess, 4,000 chars, worst found", per_call_us(assess, worst, 2), len(worst)),
        ("read_free_text, chat messages", per_call_us(read_free_text, free, 20), len(free)),
        ("parse_word, chat messages", per_call_us(parse_word, chat, 20), len(chat)),
        ("parse_scale, chat messages", per_call_us(parse_scale, chat, 20), len(chat)),
    ]
    print(f"{'what':40} {'µs per message':>15} {'messages':>9}")
    for what, us, count in rows:
        print(f"{what:40} {us:15.1f} {count:9d}")


if __name__ == "__main__":
    main()
