"""Weeks for /stats in a user's zone, the chart's first week, the average drop, what
worked most often."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.stats import Worked, average_drop, chart_weeks, last_weeks, top_worked


def test_weeks_cross_the_autumn_change() -> None:
    now = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)  # Wednesday
    weeks = last_weeks(now, "Europe/Berlin", count=3)
    assert [w.iso for w in weeks] == [(2026, 43), (2026, 44), (2026, 45)]
    # The week of the change (Mon 19 Oct .. Mon 26 Oct local) is 169 hours long.
    assert weeks[0].end - weeks[0].start == timedelta(hours=169)
    assert weeks[1].start == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
    assert all(a.end == b.start for a, b in itertools.pairwise(weeks))


def test_weeks_across_the_new_year() -> None:
    now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    weeks = last_weeks(now, "Pacific/Auckland", count=3)
    assert [w.iso for w in weeks] == [(2026, 52), (2026, 53), (2027, 1)]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], (None, 0)),
        ([(4, None)], (None, 0)),
        ([(4, 2), (3, None), (5, 5)], (1.0, 2)),
        ([(2, 4)], (-2.0, 1)),
    ],
)
def test_average_drop(pairs: list[tuple[int, int | None]], expected: object) -> None:
    assert average_drop(pairs) == expected


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    ),
    st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]),
)
def test_weeks_are_consecutive_and_contain_now(now: datetime, zone: str) -> None:
    weeks = last_weeks(now, zone)
    assert len(weeks) == 12
    assert weeks[-1].start <= now < weeks[-1].end
    assert all(a.end == b.start for a, b in itertools.pairwise(weeks))
    assert len({w.iso for w in weeks}) == 12


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)  # Wednesday


@pytest.mark.parametrize(
    ("first", "count"),
    [
        (None, 1),
        (NOW, 1),
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), 1),  # Monday 01:30 in Berlin
        (datetime(2026, 11, 22, 22, 30, tzinfo=UTC), 2),  # Sunday 23:30 in Berlin
        (datetime(2026, 11, 9, 12, tzinfo=UTC), 3),
        (datetime(2026, 9, 7, 12, tzinfo=UTC), 12),
        (datetime(2020, 1, 1, tzinfo=UTC), 12),
    ],
)
def test_the_chart_starts_at_the_first_week(first: datetime | None, count: int) -> None:
    weeks = chart_weeks(NOW, "Europe/Berlin", first)
    assert len(weeks) == count
    assert weeks[-1].start <= NOW < weeks[-1].end
    if first is not None and count < 12:
        assert weeks[0].start <= min(first, NOW) < weeks[0].end


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([], []),
        ([("networking", at(1))], []),  # once is not yet a pattern
        (
            [("Networking, mock interview", at(1)), ("networking; networking!", at(8))],
            [Worked("networking", 2)],  # once per check-in, the latest spelling
        ),
        (
            [
                ("Café with Ana\n- tailored CV", at(1)),
                ("cafe with ana", at(8)),
                ("Tailored CV • cafe with Ana", at(15)),
                ("nothing", at(16)),
                ("Nothing", at(17)),
            ],
            [Worked("cafe with Ana", 3), Worked("Tailored CV", 2)],
        ),
        (
            [
                *[("a, b", at(1)), ("b, a", at(2)), ("c, d", at(3)), ("d, c", at(4))],
                *[("e", at(5)), ("e", at(6))],
            ],
            [Worked("e", 2), Worked("c", 2), Worked("d", 2)],  # ties: the most recent first
        ),
    ],
)
def test_top_worked(answers: list[tuple[str, datetime]], expected: list[Worked]) -> None:
    assert top_worked(answers) == expected


@given(st.lists(st.tuples(st.text(max_size=40), st.sampled_from([at(1), at(8), at(15)]))))
def test_top_worked_is_a_short_ranked_list(answers: list[tuple[str, datetime]]) -> None:
    found = top_worked(answers)
    assert len(found) <= 3
    assert all(w.weeks >= 2 and w.weeks <= len(answers) for w in found)
    assert [w.weeks for w in found] == sorted((w.weeks for w in found), reverse=True)
