"""/stats arithmetic without Telegram or SQL: the last weeks in a zone, bucketing, averages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.due import iso_week_of, local_now, week_bounds_utc

__all__ = ["WEEKS", "Week", "average_drop", "bucket", "last_weeks"]

WEEKS = 12


@dataclass(frozen=True)
class Week:
    iso: tuple[int, int]
    start: datetime  # Monday 00:00 local, as UTC
    end: datetime  # the next Monday 00:00 local, as UTC
    label: str  # the Monday, as the user reads it, on two lines: "23\nNov"


def last_weeks(now: datetime, zone: str, count: int = WEEKS) -> list[Week]:
    """The ``count`` local ISO weeks up to and including the running one, oldest first."""
    weeks: list[Week] = []
    moment = now
    for _ in range(count):
        start, end = week_bounds_utc(moment, zone)
        monday = local_now(start, zone)
        weeks.append(Week(iso_week_of(start, zone), start, end, f"{monday.day}\n{monday:%b}"))
        moment = start - timedelta(seconds=1)
    return weeks[::-1]


def bucket(moments: Iterable[datetime], weeks: Sequence[Week]) -> list[int]:
    """How many of ``moments`` fall in each week ([start, end)); others are ignored."""
    counts = [0] * len(weeks)
    for moment in moments:
        for i, week in enumerate(weeks):
            if week.start <= moment < week.end:
                counts[i] += 1
                break
    return counts


def average_drop(pairs: Iterable[tuple[int, int | None]]) -> tuple[float | None, int]:
    """Mean of ``before - after`` over the pairs that have an ``after``, and how many did.

    Positive means a rejection felt lighter after the reframe.
    """
    drops = [before - after for before, after in pairs if after is not None]
    if not drops:
        return None, 0
    return sum(drops) / len(drops), len(drops)
