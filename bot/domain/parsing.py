"""Parse what users type in settings: a weekday, a time of day, or both.

Weekdays use Python's numbering, 0 = Monday ... 6 = Sunday (not PTB's 0 = Sunday).

Accepted times (24 hours unless am/pm is given; surrounding spaces and case ignored):
"18:00", "18.30", "18h30", "18h", "18", "9", "0930", "930", "6pm", "6 pm", "6:30 pm",
"6.30p.m.", "12am" (00:00), "12pm" (12:00), "noon", "midnight"; any Unicode decimal digits
count (full-width "１８:００" from CJK keyboards too). Rejected: hours >= 24 ("24:00",
"25:00", "99"), minutes >= 60, "13pm", "0am", seconds, and anything else.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Final

__all__ = [
    "WEEKDAY_NAMES",
    "parse_checkin_spec",
    "parse_time_of_day",
    "parse_weekday",
]

WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

_WEEKDAYS: Final[dict[str, int]] = {}
for _i, _name in enumerate(WEEKDAY_NAMES):
    _lower = _name.lower()
    _WEEKDAYS[_lower] = _i
    _WEEKDAYS[_lower + "s"] = _i  # "sundays"
    _WEEKDAYS[_lower[:3]] = _i  # "sun"
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_TIME_RE: Final = re.compile(
    r"""^
    (?P<hour>\d{1,2})
    (?:
        (?:\s*[:.h]\s*)(?P<minute>\d{2})   # 18:00, 18.30, 18h30
      | (?P<compact>\d{2})                 # 0930, 930
      | \s*h                               # 18h
    )?
    \s*
    (?:(?P<ampm>[ap])\.?\s*(?:m\.?)?)?      # pm, p.m., p, am, a.m.
    $""",
    re.VERBOSE,
)
_WORDS: Final = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def parse_weekday(text: str) -> int | None:
    """0 = Monday ... 6 = Sunday for an English day name or abbreviation, else None."""
    return _WEEKDAYS.get(text.strip().rstrip(".,").lower())


def parse_time_of_day(text: str) -> time | None:
    """A wall-clock time from "18:00", "6pm", "6:30 pm", "18.30", "0930"...; else None."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    m = _TIME_RE.match(cleaned)
    if m is None:
        return None
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or m.group("compact") or 0)
    if minute >= 60:
        return None
    ampm = m.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour >= 24:
        return None
    return time(hour, minute)


def parse_checkin_spec(text: str) -> tuple[int, time] | None:
    """(weekday, time) from "sunday 18:00", "sun 6pm", "Sun 6 pm", "sunday at 18:00"."""
    parts = text.replace(",", " ").split()
    if len(parts) < 2:
        return None
    weekday = parse_weekday(parts[0])
    rest = parts[1:]
    if rest and rest[0].lower() == "at":
        rest = rest[1:]
    if weekday is None or not rest:
        return None
    at = parse_time_of_day(" ".join(rest))
    if at is None:
        return None
    return weekday, at
