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
        ("sonntag", 6),  # every language the bot speaks is read
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


WEEKDAYS_BY_LANGUAGE: dict[str, list[tuple[str, int | None]]] = {
    "es": [
        ("domingo", 6),
        ("Domingo", 6),
        ("el domingo", 6),
        ("los domingos", 6),
        ("lunes", 0),
        ("miércoles", 2),
        ("miercoles", 2),
        ("sábado", 5),
        ("sab", 5),
        ("jue", 3),
        ("mar", 1),
        ("DO", 3),  # German Thursday: CLDR's short Spanish "DO" (Sunday) is not read
    ],
    "pt": [
        ("domingo", 6),
        ("no domingo", 6),
        ("aos domingos", 6),
        ("segunda-feira", 0),
        ("segunda", 0),
        ("terça", 1),
        ("terca feira", 1),
        ("quarta", 2),
        ("sexta", 4),
        ("sexta-feira", 4),
        ("sáb.", 5),
        ("no sunday", None),  # English "not Sunday", not Portuguese "no domingo"
        ("on sunday", 6),
    ],
    "de": [
        ("Sonntag", 6),
        ("sonntag", 6),
        ("am Sonntag", 6),
        ("sonntags", 6),
        ("Montag", 0),
        ("Mittwoch", 2),
        ("Do", 3),
        ("Fr.", 4),
        ("Samstag", 5),
        ("Sonnabend", None),  # regional; not in CLDR
    ],
    "ru": [
        ("воскресенье", 6),
        ("Воскресенье", 6),
        ("в воскресенье", 6),
        ("понедельник", 0),
        ("в среду", 2),
        ("в пятницу", 4),
        ("в субботу", 5),
        ("по пятницам", 4),
        ("пн", 0),
        ("вс", 6),
        ("завтра", None),
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [(lang, *row) for lang, rows in WEEKDAYS_BY_LANGUAGE.items() for row in rows],
)
def test_parse_weekday_by_language(language: str, text: str, expected: int | None) -> None:
    assert parse_weekday(text) == expected, (language, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("domingo 18:00", (6, time(18, 0))),
        ("domingo a las 18", (6, time(18, 0))),
        ("el domingo a las 6 de la tarde", (6, time(18, 0))),
        ("todos los domingos a las 18:00", (6, time(18, 0))),
        ("domingo às 18h", (6, time(18, 0))),
        ("segunda-feira 9:00", (0, time(9, 0))),
        ("Sonntag 18 Uhr", (6, time(18, 0))),
        ("am Sonntag um 18 Uhr", (6, time(18, 0))),
        ("воскресенье 18:00", (6, time(18, 0))),
        ("в воскресенье в 18:00", (6, time(18, 0))),
        ("в пятницу в 6 вечера", (4, time(18, 0))),
        ("domingo", None),
        ("am Sonntag um", None),
        ("в воскресенье в 25:00", None),
    ],
)
def test_parse_checkin_spec_by_language(text: str, expected: tuple[int, time] | None) -> None:
    assert parse_checkin_spec(text) == expected


@pytest.mark.parametrize("language", ["es", "pt_BR", "de", "ru"])
def test_every_cldr_day_name_reads_back(language: str) -> None:
    """The names the bot shows (Babel, bot/ui/dates.py) are names it reads."""
    from babel.dates import get_day_names

    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for day, name in get_day_names(width, context, language).items():
                assert parse_weekday(name) == day, (language, name)
                assert parse_checkin_spec(f"{name} 18:00") == (day, time(18, 0))
