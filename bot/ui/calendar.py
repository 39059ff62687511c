"""The weekly check-in as an iCalendar file (RFC 5545) that any calendar app imports.

One ``VEVENT`` that repeats weekly (``RRULE:FREQ=WEEKLY;BYDAY=..``) at the person's local
time, written with ``DTSTART;TZID=<their IANA zone>`` and that zone's ``VTIMEZONE``, so the
calendar keeps the local hour across daylight saving changes. The ``VTIMEZONE`` is built
from Python's own zone data (zoneinfo): the offset changes are found by looking, and when
they follow a yearly rule ("last Sunday of March at 02:00") it is written as one, else each
change is listed for the years ahead.

The event's ``UID`` is the same for a person every time, with a growing ``SEQUENCE``: a
calendar importing a new file updates the event it already has instead of adding one.
Lines end in CRLF and are folded at 75 octets. No Telegram here: bytes in, bytes out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["CheckinEvent", "checkin_calendar", "escape_text", "fold"]

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVENT_LENGTH = timedelta(minutes=15)
RULE_YEARS = 12  # years looked at; a zone whose changes follow no yearly rule: listed one by one
PRODID = "-//Comeback//Weekly check-in//EN"
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CheckinEvent:
    """What the file says: a person's weekly check-in, from ``first`` on."""

    uid: str  # stable per person
    zone: str  # IANA name
    weekday: int  # 0 = Monday … 6 = Sunday
    at: time  # local time of day
    first: date  # the first check-in's local date (on ``weekday``)
    summary: str
    description: str
    url: str


# --- text ------------------------------------------------------------------------------
def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character:
    each continuation starts with a space, and lines end in CRLF."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "".join(part + "\r\n" for part in out)


def _local_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{rest:02d}"


# --- the zone --------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One offset change of a zone: the local wall time it happens at (before the change),
    the offsets before and after, whether daylight time starts, and its abbreviation."""

    local: datetime  # naive, in the offset before
    before: timedelta
    after: timedelta
    daylight: bool
    name: str


def _offset_at(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def changes(zone_name: str, year: int) -> list[Change]:
    """The zone's offset changes in ``year`` (UTC), found day by day then to the second."""
    zone = ZoneInfo(zone_name)
    found: list[Change] = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        step = moment + timedelta(days=1)
        if _offset_at(zone, moment) != _offset_at(zone, step):
            low, high = moment, step  # the change is after low, at or before high
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset_at(zone, middle) == _offset_at(zone, low):
                    low = middle
                else:
                    high = middle
            before, after = _offset_at(zone, low), _offset_at(zone, high)
            local = high.astimezone(zone)
            found.append(
                Change(
                    local=(high + before).replace(tzinfo=None),
                    before=before,
                    after=after,
                    daylight=bool(local.dst()),
                    name=local.tzname() or "",
                )
            )
        moment = step
    return found


def _byday(day: date) -> str:
    """The day as a yearly rule reads it: "-1SU" (the month's last Sunday) or "2SU"."""
    code = DAY_CODES[day.weekday()]
    if (day + timedelta(days=7)).month != day.month:
        return f"-1{code}"
    return f"{(day.day - 1) // 7 + 1}{code}"


def _rule_key(change: Change) -> tuple[int, str, time, timedelta, timedelta]:
    day = change.local.date()
    return (day.month, _byday(day), change.local.time(), change.before, change.after)


def _observance(change: Change, rrule: str | None) -> list[str]:
    kind = "DAYLIGHT" if change.daylight else "STANDARD"
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{_local_stamp(change.local)}",
        f"TZOFFSETFROM:{_offset(change.before)}",
        f"TZOFFSETTO:{_offset(change.after)}",
    ]
    if rrule:
        lines.append(rrule)
    if change.name:
        lines.append(f"TZNAME:{escape_text(change.name)}")
    lines.append(f"END:{kind}")
    return lines


@functools.lru_cache(maxsize=64)
def vtimezone(zone_name: str, from_year: int) -> tuple[str, ...]:
    """The ``VTIMEZONE`` of ``zone_name``, right for events from ``from_year`` on (cached:
    looking through twelve years of a zone takes ~50 ms; bench/calendar.py)."""
    zone = ZoneInfo(zone_name)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone_name}"]
    start = from_year - 1  # an observance must begin before the first event
    # Twelve years put each rule's month start on every weekday at least once, which tells
    # "the first Sunday" from "the Sunday on or after the 2nd" (Chile).
    years = [changes(zone_name, y) for y in range(start, start + RULE_YEARS)]
    if not any(years):  # no change at all lately: one fixed offset
        moment = datetime(from_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = moment.utcoffset()
        assert offset is not None
        fixed = Change(datetime(1970, 1, 1), offset, offset, False, moment.tzname() or "")
        return (*lines, *_observance(fixed, None), "END:VTIMEZONE")
    keys = [[_rule_key(c) for c in year] for year in years]
    if years[0] and all(k == keys[0] for k in keys):  # the same changes every year
        for change in years[0]:
            month, byday = change.local.month, _byday(change.local.date())
            rrule = f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={byday}"
            lines += _observance(change, rrule)
    else:
        listed = years
        for year in listed:
            for change in year:
                lines += _observance(change, None)
        if not years[0]:  # the offset in force before the first listed change
            first = next(c for year in listed for c in year)
            lines += _observance(
                Change(datetime(1970, 1, 1), first.before, first.before, False, ""), None
            )
    return (*lines, "END:VTIMEZONE")


# --- the file --------------------------------------------------------------------------
def checkin_calendar(event: CheckinEvent, now: datetime) -> bytes:
    """The whole ``.ics`` file for ``event``, stamped ``now`` (UTC)."""
    start = datetime.combine(event.first, event.at)
    sequence = max(0, int((now - SEQUENCE_EPOCH).total_seconds()) // 60)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *vtimezone(event.zone, event.first.year),
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{_utc_stamp(now)}",
        f"DTSTART;TZID={event.zone}:{_local_stamp(start)}",
        f"DURATION:PT{int(EVENT_LENGTH.total_seconds()) // 60}M",
        f"RRULE:FREQ=WEEKLY;BYDAY={DAY_CODES[event.weekday]}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        f"URL:{event.url}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(event.summary)}",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) for line in lines).encode("utf-8")
