"""Due-time math: when is the next weekly check-in, in UTC, for a user's zone.

All datetimes in and out are timezone-aware; results are in UTC (``datetime.UTC``).

WEEKDAYS ARE PYTHON'S: 0 = Monday ... 6 = Sunday (``date.weekday()``).
PTB's ``JobQueue.run_daily`` numbers days 0 = Sunday ... 6 = Saturday: never pass these
numbers to it (we don't use ``run_daily`` for check-ins at all; see ENGINEERING.md).

Wall-clock rules, shared by every function here:

* one occurrence per local date;
* a local time that does not exist (the spring-forward gap) moves to the instant the gap
  ends, i.e. the first valid minute after it: 02:30 in Europe/Berlin on the last Sunday
  of March is 03:00 CEST = 01:00 UTC;
* a local time that occurs twice (the fall-back hour) is its first occurrence (fold=0).

Zone names are IANA names; an unknown one raises ``zoneinfo.ZoneInfoNotFoundError``
(a ``KeyError``). Extremely rare calendar jumps that skip a whole local date (Pacific/Apia
on 2011-12-30) follow the gap rule too, so that occurrence lands on the next date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "MONDAY",
    "SUNDAY",
    "iso_week_of",
    "local_now",
    "local_to_utc",
    "next_weekly_due",
    "week_bounds_utc",
]

MONDAY = 0
SUNDAY = 6

_ONE_SECOND = timedelta(seconds=1)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _gap_end(naive: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant a spring-forward gap containing ``naive`` (local) ends."""
    before = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)  # pre-transition offset
    after = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)  # post-transition offset
    lo, hi = min(before, after), max(before, after)
    end_offset = hi.astimezone(tz).utcoffset()
    # Smallest whole second in (lo, hi] whose offset is already the post-gap one.
    lo_s, hi_s = 0, int((hi - lo).total_seconds())
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if (lo + timedelta(seconds=mid)).astimezone(tz).utcoffset() == end_offset:
            hi_s = mid
        else:
            lo_s = mid
    return lo + timedelta(seconds=hi_s)


def local_to_utc(local_date: date, at: time, zone: str) -> datetime:
    """The UTC instant at which the wall clock in ``zone`` shows ``local_date`` ``at``.

    Gap times move to the end of the gap; repeated times take the first occurrence.
    ``at`` must be naive (its wall-clock meaning comes from ``zone``).
    """
    if at.tzinfo is not None:
        raise ValueError("at must be a naive wall-clock time")
    tz = ZoneInfo(zone)
    naive = datetime.combine(local_date, at.replace(fold=0))
    candidate = naive.replace(tzinfo=tz).astimezone(UTC)
    if candidate.astimezone(tz).replace(tzinfo=None) == naive:
        return candidate
    return _gap_end(naive, tz)


def next_weekly_due(after: datetime, zone: str, weekday: int, at: time) -> datetime:
    """The first instant strictly after ``after`` at which ``zone``'s wall clock shows
    ``weekday`` (0 = MONDAY ... 6 = SUNDAY, Python's convention) at ``at``, in UTC.
    """
    _require_aware(after, "after")
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {weekday}")
    after_utc = after.astimezone(UTC)
    today = after_utc.astimezone(ZoneInfo(zone)).date()
    # Start one week early: gap shifts can only move an occurrence later, never earlier,
    # but starting early is cheap and keeps the loop obviously correct.
    day = today + timedelta(days=(weekday - today.weekday()) % 7 - 7)
    for _ in range(4):
        due = local_to_utc(day, at, zone)
        if due > after_utc:
            return due
        day += timedelta(days=7)
    raise AssertionError("unreachable: an occurrence exists within three weeks")


def local_now(now_utc: datetime, zone: str) -> datetime:
    """``now_utc`` as an aware datetime in ``zone``."""
    _require_aware(now_utc, "now_utc")
    return now_utc.astimezone(ZoneInfo(zone))


def iso_week_of(moment_utc: datetime, zone: str) -> tuple[int, int]:
    """(ISO year, ISO week) of ``moment_utc`` on the calendar of ``zone``."""
    iso = local_now(moment_utc, zone).date().isocalendar()
    return iso.year, iso.week


def week_bounds_utc(moment_utc: datetime, zone: str) -> tuple[datetime, datetime]:
    """[start, end) of the local ISO week containing ``moment_utc``: Monday 00:00 local to
    the next Monday 00:00 local, as UTC (a midnight in a gap moves to the gap's end)."""
    today = local_now(moment_utc, zone).date()
    monday = today - timedelta(days=today.weekday())
    midnight = time(0, 0)
    return (
        local_to_utc(monday, midnight, zone),
        local_to_utc(monday + timedelta(days=7), midnight, zone),
    )
