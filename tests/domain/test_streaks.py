"""Weekly check-in streaks (bot.domain.streaks)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.streaks import IsoWeek, checkin_streak, next_iso_week, previous_iso_week


def test_2026_has_53_iso_weeks_and_2025_has_52() -> None:
    # Dec 28 is always in the last ISO week of its year.
    assert date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert date(2025, 12, 28).isocalendar()[:2] == (2025, 52)
    assert date(2027, 1, 4).isocalendar()[:2] == (2027, 1)


@pytest.mark.parametrize(
    ("week", "previous"),
    [
        ((2026, 10), (2026, 9)),
        ((2027, 1), (2026, 53)),  # 2026 has 53 ISO weeks
        ((2026, 1), (2025, 52)),  # 2025 has 52
        ((2021, 1), (2020, 53)),
        ((2016, 1), (2015, 53)),
    ],
)
def test_previous_and_next_iso_week(week: IsoWeek, previous: IsoWeek) -> None:
    assert previous_iso_week(week) == previous
    assert next_iso_week(previous) == week


@pytest.mark.parametrize("week", [(2025, 53), (2026, 0), (2026, 54)])
def test_invalid_weeks_raise(week: IsoWeek) -> None:
    with pytest.raises(ValueError):
        previous_iso_week(week)


W = IsoWeek


@pytest.mark.parametrize(
    ("completed", "paused", "current", "expected"),
    [
        (set(), set(), (2026, 10), 0),
        # current week done
        ({(2026, 10)}, set(), (2026, 10), 1),
        ({(2026, 8), (2026, 9), (2026, 10)}, set(), (2026, 10), 3),
        # current week not done yet: it doesn't break the streak
        ({(2026, 8), (2026, 9)}, set(), (2026, 10), 2),
        # ... but a missed previous week does
        ({(2026, 8)}, set(), (2026, 10), 0),
        ({(2026, 7), (2026, 9), (2026, 10)}, set(), (2026, 10), 2),
        # paused weeks neither break nor extend
        ({(2026, 7), (2026, 9)}, {(2026, 8)}, (2026, 10), 2),
        ({(2026, 7), (2026, 10)}, {(2026, 8), (2026, 9)}, (2026, 10), 2),
        ({(2026, 9)}, {(2026, 10)}, (2026, 10), 1),  # paused current week
        ({(2026, 8)}, {(2026, 9), (2026, 10)}, (2026, 10), 1),
        (set(), {(2026, 9), (2026, 10)}, (2026, 10), 0),
        # paused and completed counts as completed
        ({(2026, 9), (2026, 10)}, {(2026, 10)}, (2026, 10), 2),
        # weeks after `current` are ignored
        ({(2026, 11), (2026, 12)}, set(), (2026, 10), 0),
        ({(2026, 9), (2026, 11)}, set(), (2026, 10), 1),
        # year boundary through 2026-W53
        ({(2026, 52), (2026, 53), (2027, 1)}, set(), (2027, 1), 3),
        ({(2026, 52), (2026, 53)}, set(), (2027, 1), 2),
        ({(2026, 52), (2027, 1)}, set(), (2027, 1), 1),  # W53 missed: broken
        ({(2026, 52), (2027, 1)}, {(2026, 53)}, (2027, 1), 2),
        # 2025 has no W53: W52 runs straight into 2026-W01
        ({(2025, 51), (2025, 52), (2026, 1)}, set(), (2026, 2), 3),
        # a long run across two year ends
        (
            {w for w in [(2025, n) for n in range(1, 53)] + [(2026, n) for n in range(1, 54)]},
            set(),
            (2027, 1),
            105,
        ),
    ],
)
def test_checkin_streak(completed: set[W], paused: set[W], current: W, expected: int) -> None:
    assert checkin_streak(completed, paused, current) == expected


def test_frozensets_are_accepted() -> None:
    assert checkin_streak(frozenset({(2026, 9)}), frozenset(), (2026, 10)) == 1


# ------------------------------------------------------------------------------ properties

BASE = date(2024, 1, 1)


def _week(offset: int) -> IsoWeek:
    iso = (BASE + timedelta(weeks=offset)).isocalendar()
    return iso.year, iso.week


week_offsets = st.integers(0, 200)
week_sets = st.sets(week_offsets, max_size=60).map(lambda s: {_week(o) for o in s})


@settings(max_examples=300, deadline=None)
@given(completed=week_sets, paused=week_sets, current=week_offsets, extra=week_offsets)
def test_adding_a_completed_week_never_lowers_the_streak(
    completed: set[W], paused: set[W], current: int, extra: int
) -> None:
    now = _week(current)
    before = checkin_streak(completed, paused, now)
    after = checkin_streak(completed | {_week(extra)}, paused, now)
    assert after >= before
    assert before <= len(completed)
    assert after <= len(completed) + 1


@settings(max_examples=300, deadline=None)
@given(completed=week_sets, paused=week_sets, current=week_offsets)
def test_streak_matches_a_week_by_week_walk(
    completed: set[W], paused: set[W], current: int
) -> None:
    # independent oracle: walk plain integer week offsets instead of ISO arithmetic
    done = {o for o in range(-1, 202) if _week(o) in completed}
    rest = {o for o in range(-1, 202) if _week(o) in paused}
    o = current if current in done else current - 1
    expected = 0
    while o >= 0 and (o in done or o in rest):
        expected += o in done
        o -= 1
    assert checkin_streak(completed, paused, _week(current)) == expected
