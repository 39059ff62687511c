"""Check-in streaks, counted in ISO weeks ``(iso_year, iso_week)``.

Week arithmetic goes through ``date.fromisocalendar`` so years with 53 ISO weeks
(2020, 2026, 2032, ...) are handled by the calendar, not by guessing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypeAlias

__all__ = ["IsoWeek", "checkin_streak", "next_iso_week", "previous_iso_week"]

IsoWeek: TypeAlias = tuple[int, int]


def _monday(week: IsoWeek) -> date:
    return date.fromisocalendar(week[0], week[1], 1)


def _week_of(day: date) -> IsoWeek:
    iso = day.isocalendar()
    return iso.year, iso.week


def previous_iso_week(week: IsoWeek) -> IsoWeek:
    """The ISO week before ``week``: (2027, 1) -> (2026, 53); raises ValueError if invalid."""
    return _week_of(_monday(week) - timedelta(days=7))


def next_iso_week(week: IsoWeek) -> IsoWeek:
    """The ISO week after ``week``: (2026, 53) -> (2027, 1); raises ValueError if invalid."""
    return _week_of(_monday(week) + timedelta(days=7))


def checkin_streak(
    completed: set[IsoWeek] | frozenset[IsoWeek],
    paused: set[IsoWeek] | frozenset[IsoWeek],
    current: IsoWeek,
) -> int:
    """Consecutive ISO weeks with a completed check-in, counting back from ``current``.

    * The current week counts if it is completed. If it is not (and not paused) it is
      still running, so counting starts from the previous week instead: an unfinished
      week never breaks a streak.
    * Paused weeks are skipped: they neither break nor extend the streak (a week that is
      both paused and completed counts as completed).
    * The first earlier week that is neither completed nor paused ends the streak.

    Weeks after ``current`` are ignored. The result never exceeds ``len(completed)``.
    """
    week = current
    if week not in completed:
        week = previous_iso_week(week)
    # Nothing before the earliest week mentioned can be completed: stop there, so a long
    # run of paused weeks cannot loop forever.
    earliest = min((*completed, *paused), default=current)
    streak = 0
    while week >= earliest:
        if week in completed:
            streak += 1
        elif week not in paused:
            break
        week = previous_iso_week(week)
    return streak
