"""Which week a check-in reviews, the weeks a pause covers, and when a due check-in is sent.

Plain functions, no Telegram and no database: the check-in flow, the ticker and /stats use
them, and tests call them directly.

The week a check-in reviews ("this week" in its questions) is an ISO week in the user's
zone: a check-in on Wednesday to Sunday reviews the running week; one on Monday or
Tuesday reviews the week that just ended (someone who checks in on Monday morning talks
about last week, not about the hours since midnight). One check-in is stored per
reviewed week, so running /checkin twice in that window edits the same entry.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from bot.domain.due import local_now, local_to_utc, next_weekly_due
from bot.domain.streaks import IsoWeek, next_iso_week, previous_iso_week

__all__ = [
    "LATE_NOTICE_AFTER",
    "Send",
    "decide",
    "paused_weeks",
    "reads_as_names",
    "recent_weeks",
    "review_week",
    "slot_of",
    "week_dates",
    "week_range_utc",
]

# A check-in sent more than this after its slot says that it is late.
LATE_NOTICE_AFTER = timedelta(minutes=15)
_LOOKBACK_DAYS = 2  # Monday and Tuesday look back at the week before


def review_week(now_utc: datetime, zone: str) -> IsoWeek:
    """The ISO week (in ``zone``) that a check-in made at ``now_utc`` is about."""
    day = local_now(now_utc, zone).date() - timedelta(days=_LOOKBACK_DAYS)
    iso = day.isocalendar()
    return iso.year, iso.week


def week_dates(week: IsoWeek) -> tuple[date, date]:
    """Monday and Sunday of an ISO week."""
    monday = date.fromisocalendar(week[0], week[1], 1)
    return monday, monday + timedelta(days=6)


def week_range_utc(week: IsoWeek, zone: str) -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) of ``week`` on ``zone``'s wall clock, in UTC."""
    monday, _ = week_dates(week)
    midnight = time(0, 0)
    return local_to_utc(monday, midnight, zone), local_to_utc(
        monday + timedelta(days=7), midnight, zone
    )


def recent_weeks(last: IsoWeek, count: int) -> list[IsoWeek]:
    """``count`` consecutive ISO weeks ending with ``last``, oldest first."""
    weeks = [last]
    while len(weeks) < count:
        weeks.append(previous_iso_week(weeks[-1]))
    return weeks[::-1]


def paused_weeks(
    periods: Iterable[tuple[datetime, datetime | None]], zone: str, now_utc: datetime
) -> set[IsoWeek]:
    """Every ISO week (in ``zone``) that a pause period touches; an open period runs to now."""
    found: set[IsoWeek] = set()
    for started, ended in periods:
        end = ended if ended is not None else now_utc
        if end < started:
            continue
        first = local_now(started, zone).date().isocalendar()
        last = local_now(end, zone).date().isocalendar()
        week: IsoWeek = (first.year, first.week)
        while week <= (last.year, last.week):
            found.add(week)
            week = next_iso_week(week)
    return found


# --- the ticker's decision -------------------------------------------------------------
class Send(enum.Enum):
    ON_TIME = "on_time"
    LATE = "late"
    SKIP = "skip"


def slot_of(moment: datetime, zone: str, weekday: int, at: time) -> datetime:
    """The latest weekly slot at or before ``moment``.

    For a claimed check-in, ``slot_of(now)`` is the slot to send: the one a retry retries
    (retries come minutes after their slot), or after an outage the most recent slot that
    was missed, never an older one, so grace is counted from it.
    """
    slot = next_weekly_due(moment - timedelta(days=8), zone, weekday, at)
    while (following := next_weekly_due(slot, zone, weekday, at)) <= moment:
        slot = following
    return slot


def decide(slot: datetime, now: datetime, grace: timedelta) -> Send:
    """Send a claimed check-in on time, late (saying so) within ``grace``, or skip it."""
    lateness = now - slot
    if lateness > grace:
        return Send.SKIP
    if lateness > LATE_NOTICE_AFTER:
        return Send.LATE
    return Send.ON_TIME


def reads_as_names(text: str) -> bool:
    """Whether a "who will you call or meet" answer can be asked back as "Did you talk to
    <text>?" ("Ana", "Ana and Ben", "my old boss"): a few words, no sentence in it."""
    words = text.split()
    return 0 < len(words) <= 4 and not any(c in text for c in ".!?;:\n")
