"""Due-time math across DST (bot.domain.due). Weekdays: 0 = Monday ... 6 = Sunday."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.due import (
    MONDAY,
    SUNDAY,
    iso_week_of,
    local_now,
    local_to_utc,
    next_weekly_due,
    week_bounds_utc,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_weekday_constants_are_pythons() -> None:
    assert (MONDAY, SUNDAY) == (0, 6)
    assert date(2026, 3, 29).weekday() == SUNDAY  # last Sunday of March 2026


# 2026 transitions used below (checked against tzdata):
#   Europe/Berlin        spring 03-29 02:00->03:00 (01:00Z)  fall 10-25 03:00->02:00 (01:00Z)
#   America/New_York     spring 03-08 02:00->03:00 (07:00Z)  fall 11-01 02:00->01:00 (06:00Z)
#   Australia/Sydney     fall 04-05 03:00->02:00 (04-04 16:00Z)  spring 10-04 02:00->03:00
#   Australia/Lord_Howe  fall 04-05 02:00->01:30 (04-04 15:00Z)  spring 10-04 02:00->02:30
@pytest.mark.parametrize(
    ("after", "zone", "weekday", "at", "expected"),
    [
        # --- Europe/Berlin, spring forward: 02:00-03:00 does not exist on 2026-03-29
        (utc(2026, 3, 21, 12), "Europe/Berlin", SUN, time(18), utc(2026, 3, 22, 17)),
        (utc(2026, 3, 22, 17), "Europe/Berlin", SUN, time(18), utc(2026, 3, 29, 16)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(1, 59), utc(2026, 3, 29, 0, 59)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(2, 0), utc(2026, 3, 29, 1)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(2, 30), utc(2026, 3, 29, 1)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(2, 59), utc(2026, 3, 29, 1)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(3, 0), utc(2026, 3, 29, 1)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", SUN, time(3, 1), utc(2026, 3, 29, 1, 1)),
        (utc(2026, 3, 29, 1), "Europe/Berlin", SUN, time(2, 30), utc(2026, 4, 5, 0, 30)),
        (utc(2026, 3, 28, 12), "Europe/Berlin", MON, time(9), utc(2026, 3, 30, 7)),
        # --- Europe/Berlin, fall back: 02:00-03:00 happens twice on 2026-10-25
        (utc(2026, 10, 24, 12), "Europe/Berlin", SUN, time(2, 30), utc(2026, 10, 25, 0, 30)),
        # the second 02:30 (01:30Z) is the same local date: no second occurrence
        (utc(2026, 10, 25, 0, 30), "Europe/Berlin", SUN, time(2, 30), utc(2026, 11, 1, 1, 30)),
        (utc(2026, 10, 24, 12), "Europe/Berlin", SUN, time(3), utc(2026, 10, 25, 2)),
        (utc(2026, 10, 24, 12), "Europe/Berlin", SUN, time(1, 59), utc(2026, 10, 24, 23, 59)),
        (utc(2026, 10, 18, 16), "Europe/Berlin", SUN, time(18), utc(2026, 10, 25, 17)),
        (utc(2026, 10, 25, 0), "Europe/Berlin", MON, time(9), utc(2026, 10, 26, 8)),
        # --- America/New_York
        (utc(2026, 3, 6, 0), "America/New_York", FRI, time(17), utc(2026, 3, 6, 22)),
        (utc(2026, 3, 7, 12), "America/New_York", SUN, time(2, 30), utc(2026, 3, 8, 7)),
        (utc(2026, 3, 7, 12), "America/New_York", SUN, time(18), utc(2026, 3, 8, 22)),
        (utc(2026, 10, 31, 12), "America/New_York", SUN, time(1, 30), utc(2026, 11, 1, 5, 30)),
        (utc(2026, 11, 1, 5, 30), "America/New_York", SUN, time(1, 30), utc(2026, 11, 8, 6, 30)),
        # --- Australia/Sydney (southern hemisphere: DST ends in April, starts in October)
        (utc(2026, 4, 4, 0), "Australia/Sydney", SUN, time(2, 30), utc(2026, 4, 4, 15, 30)),
        (utc(2026, 4, 4, 15, 30), "Australia/Sydney", SUN, time(2, 30), utc(2026, 4, 11, 16, 30)),
        (utc(2026, 10, 1, 0), "Australia/Sydney", SUN, time(2, 30), utc(2026, 10, 3, 16)),
        (utc(2026, 10, 1, 0), "Australia/Sydney", SUN, time(18), utc(2026, 10, 4, 7)),
        (utc(2026, 9, 26, 0), "Australia/Sydney", SUN, time(18), utc(2026, 9, 27, 8)),
        # --- Australia/Lord_Howe: 30-minute DST
        (utc(2026, 10, 1, 0), "Australia/Lord_Howe", SUN, time(2, 0), utc(2026, 10, 3, 15, 30)),
        (utc(2026, 10, 1, 0), "Australia/Lord_Howe", SUN, time(2, 15), utc(2026, 10, 3, 15, 30)),
        (utc(2026, 10, 1, 0), "Australia/Lord_Howe", SUN, time(2, 30), utc(2026, 10, 3, 15, 30)),
        (utc(2026, 10, 1, 0), "Australia/Lord_Howe", SUN, time(1, 59), utc(2026, 10, 3, 15, 29)),
        (utc(2026, 4, 1, 0), "Australia/Lord_Howe", SUN, time(1, 45), utc(2026, 4, 4, 14, 45)),
        (
            utc(2026, 4, 4, 14, 45),
            "Australia/Lord_Howe",
            SUN,
            time(1, 45),
            utc(2026, 4, 11, 15, 15),
        ),
        # --- Asia/Kolkata (+05:30, no DST), across the year end
        (utc(2026, 12, 20, 0), "Asia/Kolkata", SUN, time(18), utc(2026, 12, 20, 12, 30)),
        (utc(2026, 12, 27, 12, 30), "Asia/Kolkata", SUN, time(18), utc(2027, 1, 3, 12, 30)),
        # --- Etc/GMT-2 is UTC+2
        (utc(2026, 6, 1, 0), "Etc/GMT-2", MON, time(9), utc(2026, 6, 1, 7)),
        (utc(2026, 6, 1, 7), "Etc/GMT-2", MON, time(9), utc(2026, 6, 8, 7)),
        # --- year end 2026 -> 2027
        (utc(2026, 12, 31, 18), "Europe/Berlin", THU, time(20), utc(2026, 12, 31, 19)),
        (utc(2026, 12, 31, 19), "Europe/Berlin", THU, time(20), utc(2027, 1, 7, 19)),
        (utc(2026, 12, 31, 12), "Europe/Berlin", FRI, time(0), utc(2026, 12, 31, 23)),
        (utc(2026, 12, 28, 0), "America/New_York", THU, time(23, 30), utc(2027, 1, 1, 4, 30)),
        (utc(2026, 12, 27, 0), "Australia/Sydney", FRI, time(9), utc(2026, 12, 31, 22)),
        # --- strictly after: a due time equal to `after` is skipped, a microsecond is not
        (utc(2026, 6, 7, 16), "Europe/Berlin", SUN, time(18), utc(2026, 6, 14, 16)),
        (
            utc(2026, 6, 7, 16) - timedelta(microseconds=1),
            "Europe/Berlin",
            SUN,
            time(18),
            utc(2026, 6, 7, 16),
        ),
    ],
)
def test_next_weekly_due(
    after: datetime, zone: str, weekday: int, at: time, expected: datetime
) -> None:
    due = next_weekly_due(after, zone, weekday, at)
    assert due == expected
    assert due.tzinfo is UTC


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Europe/Berlin", utc(2026, 6, 1, 16)),
        ("Europe/London", utc(2026, 6, 1, 17)),
        ("America/New_York", utc(2026, 6, 1, 22)),
        ("Asia/Kolkata", utc(2026, 6, 1, 12, 30)),
        ("Australia/Sydney", utc(2026, 6, 8, 8)),  # Monday 18:00 there was 08:00Z: passed
        ("Etc/GMT-2", utc(2026, 6, 1, 16)),
        ("UTC", utc(2026, 6, 1, 18)),
    ],
)
def test_zone_change_recomputes_from_the_same_instant(zone: str, expected: datetime) -> None:
    after = utc(2026, 6, 1, 12)  # a Monday
    assert next_weekly_due(after, zone, MON, time(18)) == expected


def test_non_utc_after_is_accepted() -> None:
    after = datetime(2026, 3, 28, 13, tzinfo=ZoneInfo("Europe/Berlin"))
    assert next_weekly_due(after, "Europe/Berlin", SUN, time(2, 30)) == utc(2026, 3, 29, 1)


@pytest.mark.parametrize("weekday", [-1, 7, 99])
def test_bad_weekday_is_rejected(weekday: int) -> None:
    with pytest.raises(ValueError, match="weekday"):
        next_weekly_due(utc(2026, 1, 1), "UTC", weekday, time(9))


def test_naive_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_weekly_due(datetime(2026, 1, 1), "UTC", MON, time(9))
    with pytest.raises(ValueError, match="naive"):
        local_to_utc(date(2026, 1, 1), time(9, tzinfo=UTC), "UTC")
    with pytest.raises(ValueError, match="aware"):
        local_now(datetime(2026, 1, 1), "UTC")


def test_unknown_zone_raises_key_error() -> None:
    with pytest.raises(KeyError):
        next_weekly_due(utc(2026, 1, 1), "Mars/Olympus_Mons", MON, time(9))


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected"),
    [
        (date(2026, 3, 29), time(2, 30), "Europe/Berlin", utc(2026, 3, 29, 1)),  # gap
        (date(2026, 10, 25), time(2, 30), "Europe/Berlin", utc(2026, 10, 25, 0, 30)),  # fold
        (date(2026, 3, 8), time(2, 0), "America/New_York", utc(2026, 3, 8, 7)),
        (date(2026, 11, 1), time(1, 0), "America/New_York", utc(2026, 11, 1, 5)),
        (date(2026, 10, 4), time(2, 15), "Australia/Lord_Howe", utc(2026, 10, 3, 15, 30)),
        (date(2026, 4, 5), time(1, 30), "Australia/Lord_Howe", utc(2026, 4, 4, 14, 30)),
        (date(2026, 7, 1), time(9, 0), "Asia/Kolkata", utc(2026, 7, 1, 3, 30)),
        (date(2027, 1, 1), time(0, 0), "Pacific/Auckland", utc(2026, 12, 31, 11)),
        # Samoa skipped 2011-12-30 entirely: the gap rule lands on 2011-12-31 00:00 (+14)
        (date(2011, 12, 30), time(10, 0), "Pacific/Apia", utc(2011, 12, 30, 10)),
        # Santiago's clocks jump at midnight: 00:00-01:00 is missing on 2026-09-06
        (date(2026, 9, 6), time(0, 30), "America/Santiago", utc(2026, 9, 6, 4)),
    ],
)
def test_local_to_utc(day: date, at: time, zone: str, expected: datetime) -> None:
    assert local_to_utc(day, at, zone) == expected


def test_local_now() -> None:
    now = local_now(utc(2026, 7, 1, 12), "America/New_York")
    assert now.replace(tzinfo=None) == datetime(2026, 7, 1, 8)
    assert now.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(
    ("moment", "zone", "week"),
    [
        (utc(2026, 6, 10, 12), "UTC", (2026, 24)),
        # Sunday 2027-01-03 23:30Z: still 2026-W53 in UTC and New York, 2027-W01 in Berlin
        (utc(2027, 1, 3, 23, 30), "UTC", (2026, 53)),
        (utc(2027, 1, 3, 23, 30), "America/New_York", (2026, 53)),
        (utc(2027, 1, 3, 23, 30), "Europe/Berlin", (2027, 1)),
        (utc(2026, 12, 31, 23, 30), "Europe/Berlin", (2026, 53)),
        (utc(2025, 12, 28, 14), "Australia/Sydney", (2026, 1)),  # Monday 01:00 there
        (utc(2025, 12, 28, 14), "UTC", (2025, 52)),
    ],
)
def test_iso_week_of(moment: datetime, zone: str, week: tuple[int, int]) -> None:
    assert iso_week_of(moment, zone) == week


@pytest.mark.parametrize(
    ("moment", "zone", "start", "end"),
    [
        (utc(2026, 6, 10, 12), "UTC", utc(2026, 6, 8), utc(2026, 6, 15)),
        # the week of the spring change is 167 hours long, the autumn one 169
        (utc(2026, 3, 25, 12), "Europe/Berlin", utc(2026, 3, 22, 23), utc(2026, 3, 29, 22)),
        (utc(2026, 10, 21, 12), "Europe/Berlin", utc(2026, 10, 18, 22), utc(2026, 10, 25, 23)),
        (utc(2026, 12, 31, 12), "Asia/Kolkata", utc(2026, 12, 27, 18, 30), utc(2027, 1, 3, 18, 30)),
        # Sunday 22:00 UTC is already Monday in Sydney: that week
        (utc(2026, 6, 7, 22), "Australia/Sydney", utc(2026, 6, 7, 14), utc(2026, 6, 14, 14)),
    ],
)
def test_week_bounds_utc(moment: datetime, zone: str, start: datetime, end: datetime) -> None:
    assert week_bounds_utc(moment, zone) == (start, end)


# ------------------------------------------------------------------------------ properties

ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Santiago",  # transitions at midnight
    "America/Havana",  # transitions at midnight
    "America/St_Johns",  # -03:30
    "Australia/Sydney",
    "Australia/Lord_Howe",  # 30-minute DST
    "Asia/Kolkata",
    "Asia/Kathmandu",  # +05:45
    "Asia/Tehran",  # +03:30, DST until 2022
    "Pacific/Chatham",  # +12:45 / +13:45
    "Africa/Casablanca",  # DST suspended during Ramadan
    "Etc/GMT-2",
    "Etc/GMT+12",
]

afters = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
)
times = st.builds(time, st.integers(0, 23), st.integers(0, 59))


def _exists(naive: datetime, zone: str) -> bool:
    tz = ZoneInfo(zone)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


def _check_occurrence(due: datetime, zone: str, weekday: int, at: time) -> None:
    """``due`` is ``weekday``/``at`` on the wall clock, or the end of the gap hiding it."""
    tz = ZoneInfo(zone)
    local = due.astimezone(tz)
    assert local.weekday() == weekday
    target = datetime.combine(local.date(), at)
    if local.time() == at:
        # a repeated time is taken at its first occurrence
        assert local.fold == 0 or not _exists(target, zone)
        return
    # otherwise the time was skipped: `due` is the instant a gap ends
    assert not _exists(target, zone)
    just_before = (due - timedelta(seconds=1)).astimezone(tz)
    assert just_before.utcoffset() != local.utcoffset()
    assert just_before.replace(tzinfo=None) < target < local.replace(tzinfo=None)


@settings(max_examples=300, deadline=None)
@given(
    after=afters,
    zone=st.sampled_from(ZONES),
    weekday=st.integers(0, 6),
    at=times,
    fraction=st.floats(min_value=0, max_value=1, exclude_max=True),
)
def test_next_weekly_due_properties(
    after: datetime, zone: str, weekday: int, at: time, fraction: float
) -> None:
    d1 = next_weekly_due(after, zone, weekday, at)
    d2 = next_weekly_due(d1, zone, weekday, at)
    assert d1.tzinfo is UTC
    assert after < d1 <= after + timedelta(days=8)
    assert timedelta(days=6) <= d2 - d1 <= timedelta(days=8)
    _check_occurrence(d1, zone, weekday, at)
    _check_occurrence(d2, zone, weekday, at)

    # d1 is the *first* occurrence after `after`: the one a week earlier (on the previous
    # matching local date) is not after `after` ...
    d1_date = d1.astimezone(ZoneInfo(zone)).date()
    assert local_to_utc(d1_date - timedelta(days=7), at, zone) <= after
    # ... and every instant in [after, d1) has d1 as its next occurrence.
    between = after + (d1 - after) * fraction
    if between < d1:
        assert next_weekly_due(between, zone, weekday, at) == d1
    assert next_weekly_due(d1 - timedelta(microseconds=1), zone, weekday, at) == d1


@settings(max_examples=300, deadline=None)
@given(day=st.dates(date(2000, 1, 1), date(2040, 12, 31)), zone=st.sampled_from(ZONES), at=times)
def test_local_to_utc_properties(day: date, zone: str, at: time) -> None:
    due = local_to_utc(day, at, zone)
    local = due.astimezone(ZoneInfo(zone))
    assert local.date() == day
    target = datetime.combine(day, at)
    if _exists(target, zone):
        assert local.replace(tzinfo=None) == target
        # first occurrence: 30 or 60 minutes earlier in UTC, the wall clock showed
        # something else (fall-back repeats are 60 minutes, 30 on Lord Howe)
        for minutes in (30, 60):
            earlier = (due - timedelta(minutes=minutes)).astimezone(ZoneInfo(zone))
            assert earlier.replace(tzinfo=None) != target
    else:
        assert local.replace(tzinfo=None) > target
    # strictly increasing from one local date to the next
    assert local_to_utc(day + timedelta(days=1), at, zone) > due


@settings(max_examples=300, deadline=None)
@given(moment=afters, zone=st.sampled_from(ZONES))
def test_week_bounds_contain_the_moment(moment: datetime, zone: str) -> None:
    start, end = week_bounds_utc(moment, zone)
    assert start <= moment < end
    assert timedelta(days=7) - timedelta(hours=2) <= end - start <= timedelta(days=7, hours=2)
    assert iso_week_of(start, zone) == iso_week_of(moment, zone)
    assert iso_week_of(end - timedelta(microseconds=1), zone) == iso_week_of(moment, zone)
    assert week_bounds_utc(end, zone)[0] == end
