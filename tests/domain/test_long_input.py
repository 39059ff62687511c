"""Rules that read what people type stay linear on long, odd input (issue 15, item 10).

Each input here took minutes with the regex it replaced (a pattern like ``[\\s.,!]+$`` tries
again from every start in a long run of dots); the assertions are about the answer, the
timeout only stops a run that would otherwise hang.
"""

from __future__ import annotations

import pytest

from bot.domain import plans


@pytest.mark.timeout(60)
def test_a_plan_with_a_long_run_of_dots_reads_at_once() -> None:
    dots = "." * 200_000
    assert plans.clean_if(f"call Jo{dots}x") == f"call Jo{dots}x"
    assert plans.clean_then(f"I hear back{dots}") == "I hear back"
    assert plans.clean_if(f"If I call Jo{dots} !") == "call Jo"
    assert plans.clean_then(f"then{' ' * 200_000}I learn") == "I learn"


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("call Jo.", "call Jo"),
        ("call Jo… ", "call Jo"),
        ("call Jo !?", "call Jo !?"),  # "?" was never end punctuation here
        ("call Jo\u00a0;:", "call Jo"),
        ("...", "..."),  # nothing left: the text as typed
    ],
)
def test_end_punctuation_as_before(typed: str, cleaned: str) -> None:
    assert plans.clean_if(typed) == cleaned
