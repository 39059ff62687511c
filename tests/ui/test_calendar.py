"""The check-in's .ics file, read back as calendar apps read it (the icalendar package): the
format (CRLF, folding, escaping), and each zone's VTIMEZONE against Python's zone data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ui.calendar import CheckinEvent, checkin_calendar, escape_text, fold

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def event(zone: str = "Europe/Berlin", **changes: object) -> CheckinEvent:
    values: dict[str, object] = {
        "uid": "checkin-7@ComebackTestBot.comeback",
        "zone": zone,
        "weekday": 6,
        "at": time(18, 0),
        "first": date(2026, 11, 29),
        "summary": "Comeback check-in",
        "description": "Your weekly check-in: what worked; what's next, and a link — "
        "https://t.me/ComebackTestBot",
        "url": "https://t.me/ComebackTestBot",
    }
    values.update(changes)
    return CheckinEvent(**values)  # type: ignore[arg-type]


def test_lines_are_crlf_and_at_most_75_octets() -> None:
    data = checkin_calendar(event(description="ü" * 300), NOW)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a character


@given(st.text(min_size=0, max_size=400))
def test_folding_unfolds_to_the_same_line(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    assert folded.endswith("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded[:-2].split("\r\n"))
    assert folded[:-2].replace("\r\n ", "") == line


def test_text_reads_back_as_written() -> None:
    tricky = "a, b; c\\d\nnext line"
    parsed = icalendar.Calendar.from_ical(checkin_calendar(event(description=tricky), NOW))
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["DESCRIPTION"]) == tricky
    assert str(vevent["UID"]) == "checkin-7@ComebackTestBot.comeback"
    assert str(vevent["URL"]) == "https://t.me/ComebackTestBot"
    assert vevent["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    assert vevent.decoded("DURATION") == timedelta(minutes=15)


def test_a_later_file_is_a_later_version_of_the_same_event() -> None:
    def read(now: datetime) -> icalendar.Event:
        (vevent,) = icalendar.Calendar.from_ical(checkin_calendar(event(), now)).walk("VEVENT")
        return vevent

    first, second = read(NOW), read(NOW + timedelta(minutes=1))
    assert str(first["UID"]) == str(second["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",  # half an hour off
    "America/Santiago",  # "the Sunday on or after the 2nd": listed, not a rule
    "Australia/Sydney",  # the southern summer
    "Pacific/Chatham",  # +12:45 / +13:45
    "Asia/Tokyo",  # no daylight time
    "Asia/Kolkata",
    "Africa/Casablanca",  # no yearly rule at all
    "UTC",
]


@pytest.mark.parametrize("zone", ZONES)
def test_the_files_zone_agrees_with_pythons_for_ten_years(zone: str) -> None:
    parsed = icalendar.Calendar.from_ical(checkin_calendar(event(zone), NOW))
    (vtimezone,) = parsed.walk("VTIMEZONE")
    from_file = vtimezone.to_tz(lookup_tzid=False)  # the file's own rules, not a lookup
    python = ZoneInfo(zone)
    moment = datetime(2026, 11, 29, tzinfo=UTC)
    wrong = []
    while moment < datetime(2035, 12, 31, tzinfo=UTC):
        if moment.astimezone(from_file).utcoffset() != moment.astimezone(python).utcoffset():
            wrong.append(moment)
        moment += timedelta(hours=23)  # every hour of the day, over the years
    assert not wrong, wrong[:3]


@pytest.mark.parametrize(
    ("zone", "summer", "winter"),
    [
        (
            "Europe/Berlin",
            datetime(2027, 7, 4, 16, tzinfo=UTC),
            datetime(2027, 1, 3, 17, tzinfo=UTC),
        ),
        (
            "America/New_York",
            datetime(2027, 7, 4, 22, tzinfo=UTC),
            datetime(2027, 1, 3, 23, tzinfo=UTC),
        ),
    ],
)
def test_the_check_in_keeps_its_local_hour_in_summer_and_winter(
    zone: str, summer: datetime, winter: datetime
) -> None:
    parsed = icalendar.Calendar.from_ical(checkin_calendar(event(zone), NOW))
    (vtimezone,) = parsed.walk("VTIMEZONE")
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["DTSTART"].params["TZID"]) == zone
    local = vevent.decoded("DTSTART").replace(tzinfo=None)
    assert local == datetime(2026, 11, 29, 18, 0)
    from_file = vtimezone.to_tz(lookup_tzid=False)
    for utc in (summer, winter):  # both Sundays at 18:00 local
        assert utc.astimezone(from_file).replace(tzinfo=None) == datetime.combine(
            utc.date(), time(18)
        )
