"""Quiet hours and muted kinds of message, without Telegram: table tests in the person's zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.quiet import (
    SNOOZE,
    Pref,
    QuietHours,
    allowed_from,
    daily_slot,
    format_quiet_hours,
    hold_until,
    muted_until,
    next_slot,
    parse_quiet_hours,
)

NIGHT = QuietHours(21, 8)
BERLIN = "Europe/Berlin"


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Berlin wall time in winter (UTC+1) as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21-8", QuietHours(21, 8)),
        (" 22 - 7 ", QuietHours(22, 7)),
        ("9–17", QuietHours(9, 17)),
        ("", None),
        ("off", None),
        ("OFF", None),
        ("none", None),
    ],
)
def test_parse(text: str, expected: QuietHours | None) -> None:
    assert parse_quiet_hours(text) == expected


@pytest.mark.parametrize("text", ["21", "21-21", "25-8", "9pm-8am", "21-8-3", "-1-5"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="QUIET_HOURS"):
        parse_quiet_hours(text)


@given(st.integers(0, 23), st.integers(0, 23))
def test_stored_form_reads_back(start: int, end: int) -> None:
    quiet = None if start == end else QuietHours(start, end)
    assert parse_quiet_hours(format_quiet_hours(quiet)) == quiet


@pytest.mark.parametrize(
    ("hour", "covered"),
    [(20, False), (21, True), (23, True), (0, True), (7, True), (8, False), (12, False)],
)
def test_the_end_hour_is_not_quiet(hour: int, covered: bool) -> None:
    assert NIGHT.covers(time(hour, 59 if hour == 7 else 0)) is covered


@pytest.mark.parametrize(
    ("now", "quiet", "expected"),
    [
        (berlin(25, 20, 59), NIGHT, None),
        (berlin(25, 21, 0), NIGHT, berlin(26, 8)),  # evening: the next morning
        (berlin(26, 3, 0), NIGHT, berlin(26, 8)),  # after midnight: this morning
        (berlin(26, 8, 0), NIGHT, None),
        (berlin(26, 13, 0), QuietHours(12, 14), berlin(26, 14)),  # within a day
        (berlin(25, 23, 0), None, None),  # turned off
    ],
)
def test_hold_until(now: datetime, quiet: QuietHours | None, expected: datetime | None) -> None:
    assert hold_until(now, BERLIN, quiet) == expected


def test_quiet_hours_follow_the_zone_across_the_dst_change() -> None:
    # Sun 25 Oct 2026, 01:00 UTC is 02:00 CET after the change; quiet until 08:00 CET = 07:00 UTC
    now = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert allowed_from(now, BERLIN, NIGHT) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    # In summer 08:00 CEST is 06:00 UTC
    summer = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
    assert allowed_from(summer, BERLIN, NIGHT) == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1)))
def test_never_lands_in_quiet_hours(naive: datetime) -> None:
    now = naive.replace(tzinfo=UTC)
    for zone in (BERLIN, "America/New_York", "Asia/Kolkata"):
        moment = allowed_from(now, zone, NIGHT)
        assert moment >= now
        assert not NIGHT.covers(moment.astimezone(ZoneInfo(zone)).time())


def test_daily_slot_moves_out_of_quiet_hours() -> None:
    assert daily_slot(time(19), NIGHT) == time(19)
    assert daily_slot(time(19), QuietHours(18, 9)) == time(9)
    assert daily_slot(time(19), None) == time(19)


def test_next_slot_is_once_a_day() -> None:
    quiet = QuietHours(18, 9)
    first = next_slot(berlin(25, 19), BERLIN, time(19), quiet)
    assert first == berlin(26, 9)
    assert next_slot(first, BERLIN, time(19), quiet) == berlin(27, 9)


def test_muted() -> None:
    now = berlin(25, 12)
    assert not Pref().mutes(now)
    assert Pref(off=True).mutes(now)
    snoozed = Pref(snoozed_until=now + SNOOZE)
    assert snoozed.mutes(now) and not snoozed.mutes(now + SNOOZE)
    assert muted_until(Pref(), now) is None
    assert muted_until(snoozed, now) == now + SNOOZE
    off = muted_until(Pref(off=True), now)
    assert off is not None and off > now
