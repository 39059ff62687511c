"""The week a check-in reviews, paused weeks, and the ticker's send/late/skip decision."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.weekly import (
    Send,
    decide,
    paused_weeks,
    recent_weeks,
    review_week,
    slot_of,
    week_range_utc,
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        ("2026-11-29T17:00", "Europe/Berlin", (2026, 48)),  # Sunday 18:00: this week
        ("2026-11-26T12:00", "Europe/Berlin", (2026, 48)),  # Thursday
        ("2026-11-25T12:00", "Europe/Berlin", (2026, 48)),  # Wednesday
        ("2026-11-24T12:00", "Europe/Berlin", (2026, 47)),  # Tuesday: the week just ended
        ("2026-11-23T08:00", "Europe/Berlin", (2026, 47)),  # Monday morning
        ("2026-11-29T23:30", "Europe/Berlin", (2026, 48)),  # Monday 00:30 local: last week
        ("2026-11-29T23:30", "America/New_York", (2026, 48)),  # Sunday 18:30 local
        ("2027-01-04T09:00", "UTC", (2026, 53)),  # 2026 has 53 ISO weeks
        ("2027-01-06T09:00", "UTC", (2027, 1)),
    ],
)
def test_review_week(now: str, zone: str, expected: tuple[int, int]) -> None:
    assert review_week(utc(now), zone) == expected


def test_recent_weeks_cross_a_53_week_year() -> None:
    assert recent_weeks((2027, 2), 4) == [(2026, 52), (2026, 53), (2027, 1), (2027, 2)]


def test_week_range_is_local_midnights() -> None:
    start, end = week_range_utc((2026, 48), "Europe/Berlin")
    assert (start, end) == (utc("2026-11-22T23:00"), utc("2026-11-29T23:00"))
    start, end = week_range_utc((2027, 12), "Europe/Berlin")  # DST starts Sun 28 Mar
    assert end - start == timedelta(days=7, hours=-1)


NOW = "2026-11-25T12:00"


@pytest.mark.parametrize(
    ("periods", "now", "expected"),
    [
        ([], NOW, set()),
        ([("2026-11-17T10:00", "2026-11-18T10:00")], NOW, {(2026, 47)}),
        (
            [("2026-11-14T10:00", "2026-11-24T10:00")],
            NOW,
            {(2026, 46), (2026, 47), (2026, 48)},
        ),
        ([("2026-11-17T10:00", None)], NOW, {(2026, 47), (2026, 48)}),  # open: up to now
        # Sunday 23:30 UTC is already Monday in Berlin.
        ([("2026-11-22T23:30", "2026-11-22T23:40")], NOW, {(2026, 48)}),
        ([("2026-12-28T10:00", "2027-01-05T10:00")], "2027-01-10T12:00", {(2026, 53), (2027, 1)}),
    ],
)
def test_paused_weeks(
    periods: list[tuple[str, str | None]], now: str, expected: set[tuple[int, int]]
) -> None:
    parsed = [(utc(a), None if b is None else utc(b)) for a, b in periods]
    assert paused_weeks(parsed, "Europe/Berlin", utc(now)) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-29T17:00", "2026-11-29T17:00"),  # exactly a slot
        ("2026-11-29T17:10", "2026-11-29T17:00"),  # a retry ten minutes later
        ("2026-11-29T16:59", "2026-11-22T17:00"),  # just before: last week's
        ("2026-12-20T18:00", "2026-12-20T17:00"),  # weeks later: the most recent one
    ],
)
def test_slot_of(moment: str, expected: str) -> None:
    assert slot_of(utc(moment), "Europe/Berlin", 6, time(18, 0)) == utc(expected)


def test_slot_of_in_a_dst_gap() -> None:
    # 02:30 does not exist on 28 Mar 2027 in Berlin: that week's slot is 03:00 CEST.
    assert slot_of(utc("2027-03-28T02:00"), "Europe/Berlin", 6, time(2, 30)) == utc(
        "2027-03-28T01:00"
    )


@pytest.mark.parametrize(
    ("late_by", "expected"),
    [
        (timedelta(0), Send.ON_TIME),
        (timedelta(minutes=15), Send.ON_TIME),
        (timedelta(minutes=16), Send.LATE),
        (timedelta(hours=12), Send.LATE),
        (timedelta(hours=12, seconds=1), Send.SKIP),
        (timedelta(weeks=3), Send.SKIP),
    ],
)
def test_decide(late_by: timedelta, expected: Send) -> None:
    slot = utc("2026-11-29T17:00")
    assert decide(slot, slot + late_by, timedelta(hours=12)) is expected
