"""Parsing typed weekdays and times (bot.domain.parsing)."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.parsing import parse_checkin_spec, parse_time_of_day, parse_weekday
from bot.ui.dates import format_time, format_weekday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", 0),
        ("Mon", 0),
        ("tue", 1),
        ("Tues", 1),
        ("tuesday", 1),
        ("wed", 2),
        ("Wednesday", 2),
        ("thu", 3),
        ("thurs", 3),
        ("fri", 4),
        ("sat", 5),
        ("Saturdays", 5),
        ("sun", 6),
        ("Sunday", 6),
        ("SUNDAYS", 6),
        ("  sunday  ", 6),
        ("sunday,", 6),
        ("sonntag", None),
        ("su", None),
        ("", None),
        ("7", None),
        ("0", None),
        ("sundayy", None),
    ],
)
def test_parse_weekday(text: str, expected: int | None) -> None:
    assert parse_weekday(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:00", time(18, 0)),
        ("18", time(18, 0)),
        ("9", time(9, 0)),
        ("09:05", time(9, 5)),
        ("0:00", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("18.30", time(18, 30)),
        ("18h30", time(18, 30)),
        ("18h", time(18, 0)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("1800", time(18, 0)),
        ("6pm", time(18, 0)),
        ("6 pm", time(18, 0)),
        ("6PM", time(18, 0)),
        ("6 p.m.", time(18, 0)),
        ("6:30 pm", time(18, 30)),
        ("6:30pm", time(18, 30)),
        ("6.30p.m.", time(18, 30)),
        ("6am", time(6, 0)),
        ("6 a.m.", time(6, 0)),
        ("12am", time(0, 0)),
        ("12:30 am", time(0, 30)),
        ("12pm", time(12, 0)),
        ("12:15pm", time(12, 15)),
        ("11pm", time(23, 0)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
        ("  18:00  ", time(18, 0)),
        # rejected
        ("24:00", None),
        ("25:00", None),
        ("24", None),
        ("99", None),
        ("2400", None),
        ("18:60", None),
        ("7:5", None),
        ("13pm", None),
        ("0am", None),
        ("6m", None),
        ("6:00:00", None),
        ("-1", None),
        ("six", None),
        ("", None),
        ("18:00 sunday", None),
        ("１８:００", time(18, 0)),  # full-width digits (CJK keyboards) are digits too
    ],
)
def test_parse_time_of_day(text: str, expected: time | None) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sunday 18:00", (6, time(18, 0))),
        ("sun 6pm", (6, time(18, 0))),
        ("Sun 6 pm", (6, time(18, 0))),
        ("SUNDAY 6:30 PM", (6, time(18, 30))),
        ("monday at 9", (0, time(9, 0))),
        ("fri, 17:30", (4, time(17, 30))),
        ("  wed   0930 ", (2, time(9, 30))),
        ("sunday", None),
        ("18:00", None),
        ("18:00 sunday", None),
        ("sunday 25:00", None),
        ("someday 18:00", None),
        ("sunday at", None),
        ("", None),
    ],
)
def test_parse_checkin_spec(text: str, expected: tuple[int, time] | None) -> None:
    assert parse_checkin_spec(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.builds(time, st.integers(0, 23), st.integers(0, 59)))
def test_format_then_parse_round_trips(at: time) -> None:
    assert parse_time_of_day(format_time(at)) == at


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 6), st.builds(time, st.integers(0, 23), st.integers(0, 59)))
def test_spec_round_trips(weekday: int, at: time) -> None:
    for day in (format_weekday(weekday), format_weekday(weekday)[:3].lower()):
        assert parse_checkin_spec(f"{day} {format_time(at)}") == (weekday, at)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_parsers_never_raise(text: str) -> None:
    result = parse_time_of_day(text)
    assert result is None or (result.second == 0 and result.tzinfo is None)
    weekday = parse_weekday(text)
    assert weekday is None or 0 <= weekday <= 6
    parse_checkin_spec(text)
