"""Dates and times in English read exactly as they did before Babel formatted them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.parsing import WEEKDAY_NAMES
from bot.ui.dates import (
    day_label,
    follow_up_when,
    format_date,
    format_day,
    format_day_month,
    format_moment,
    format_short_date,
    format_time,
    format_weekday,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def test_format_weekday() -> None:
    assert [format_weekday(i) for i in range(7)] == list(WEEKDAY_NAMES)
    for bad in (-1, 7):
        with pytest.raises(ValueError):
            format_weekday(bad)


@pytest.mark.parametrize(
    ("at", "text"),
    [
        (time(18, 0), "18:00"),
        (time(6, 5), "06:05"),
        (time(0, 0), "00:00"),
        (time(9, 30, 59), "09:30"),
        (time(23, 59, tzinfo=ZoneInfo("Asia/Kolkata")), "23:59"),
    ],
)
def test_format_time(at: time, text: str) -> None:
    assert format_time(at) == text


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "UTC"]),
)
def test_format_moment_reads_as_before(moment: datetime, zone: str) -> None:
    local = moment.replace(tzinfo=ZoneInfo(zone))
    before = f"{WEEKDAY_NAMES[local.weekday()]} {local.day} {local:%b}, {local:%H:%M}"
    assert format_moment(local) == before


@settings(max_examples=300, deadline=None)
@given(days)
def test_day_formats_read_as_before(day: date) -> None:
    assert format_day(day) == f"{day:%a} {day.day} {day:%b}"
    assert format_day_month(day) == f"{day.day} {day:%b}"
    assert format_short_date(day) == f"{day:%d %b}"
    assert format_date(day) == f"{day:%d %b %Y}"


def test_relative_days() -> None:
    today = date(2026, 11, 25)
    assert day_label(today, today) == "today"
    assert day_label(today + timedelta(days=1), today) == "tomorrow"
    assert day_label(date(2026, 11, 28), today) == "Sat 28 Nov"
    assert follow_up_when(today, time(21, 0), today) == "today at 21:00"
    assert follow_up_when(today + timedelta(days=1), time(9, 0), today) == "tomorrow at 09:00"
    assert follow_up_when(date(2026, 11, 28), time(18, 0), today) == "on Sat 28 Nov at 18:00"
