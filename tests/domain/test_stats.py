"""Weeks for /stats in a user's zone, bucketing at the edges, the average drop."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.stats import average_drop, bucket, last_weeks


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


def test_bucket_edges() -> None:
    weeks = last_weeks(datetime(2026, 11, 25, 12, tzinfo=UTC), "UTC", count=2)
    start = weeks[0].start
    moments = [start - timedelta(seconds=1), start, weeks[1].start, weeks[1].end]
    assert bucket(moments, weeks) == [1, 1]


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
