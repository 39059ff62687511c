"""/stats arithmetic without Telegram or SQL: weeks in a zone, averages, and what a person
said worked most often."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.due import iso_week_of, local_now, week_bounds_utc
from bot.domain.phrases import normalise

__all__ = [
    "RECENT_WEEKS",
    "WEEKS",
    "Week",
    "Worked",
    "average_drop",
    "chart_weeks",
    "last_weeks",
    "top_worked",
]

WEEKS = 12  # the chart shows at most this many weeks
RECENT_WEEKS = 4  # "the last 4 weeks": this week and the three before it


@dataclass(frozen=True)
class Week:
    iso: tuple[int, int]
    start: datetime  # Monday 00:00 local, as UTC
    end: datetime  # the next Monday 00:00 local, as UTC
    monday: date  # the local Monday (shown under the week's bars)


def last_weeks(now: datetime, zone: str, count: int = WEEKS) -> list[Week]:
    """The ``count`` local ISO weeks up to and including the running one, oldest first."""
    weeks: list[Week] = []
    moment = now
    for _ in range(count):
        start, end = week_bounds_utc(moment, zone)
        monday = local_now(start, zone).date()
        weeks.append(Week(iso_week_of(start, zone), start, end, monday))
        moment = start - timedelta(seconds=1)
    return weeks[::-1]


def chart_weeks(now: datetime, zone: str, first: datetime | None, most: int = WEEKS) -> list[Week]:
    """The weeks a chart shows: from the week of ``first`` (the person's first entry or
    their set-up, whichever came first) to the running week, at most ``most`` of them.
    A newcomer sees one week, not eleven empty ones before it."""
    if first is None or first >= now:
        return last_weeks(now, zone, 1)
    this_monday = local_now(now, zone).date()
    this_monday -= timedelta(days=this_monday.weekday())
    first_day = local_now(first, zone).date()
    first_monday = first_day - timedelta(days=first_day.weekday())
    count = (this_monday - first_monday).days // 7 + 1
    return last_weeks(now, zone, max(1, min(count, most)))


def average_drop(pairs: Iterable[tuple[int, int | None]]) -> tuple[float | None, int]:
    """Mean of ``before - after`` over the pairs that have an ``after``, and how many did.

    Positive means a rejection felt lighter after the reframe.
    """
    drops = [before - after for before, after in pairs if after is not None]
    if not drops:
        return None, 0
    return sum(drops) / len(drops), len(drops)


# --- what worked ---------------------------------------------------------------------
@dataclass(frozen=True)
class Worked:
    text: str  # as the person wrote it most recently
    weeks: int  # in how many check-ins it was named


# One answer often lists several things: "mock interview, called Ana; updated my CV".
_SPLIT = re.compile(r"[\n;,•·]+|(?:^|\s)[-–*]\s")
# Answers that say nothing worked are not things that worked.
_NOTHING = frozenset(
    {"", "nothing", "none", "no", "nope", "nothing really", "not much", "n a", "na", "idk"}
)


def _items(answer: str) -> list[str]:
    return [part.strip(" .!-–*\t") for part in _SPLIT.split(answer)]


def top_worked(answers: Iterable[tuple[str, datetime]], limit: int = 3) -> list[Worked]:
    """The things named most often in check-ins' "what worked" answers (``answers``: the
    text and when it was given), each counted once per check-in; ties go to the most
    recent. Spelling differences (case, accents, punctuation) count as one thing, shown
    the way it was written last. Only things named in at least two check-ins: one mention
    is not yet a pattern."""
    seen: dict[str, tuple[int, datetime, str]] = {}  # key -> (weeks, latest, text)
    for answer, at in answers:
        keys: set[str] = set()
        for item in _items(answer):
            key = normalise(item)
            if key in _NOTHING or key in keys:
                continue
            keys.add(key)
            weeks, latest, text = seen.get(key, (0, at, item))
            if at >= latest:
                latest, text = at, item
            seen[key] = (weeks + 1, latest, text)
    ranked = sorted(seen.values(), key=lambda v: (v[0], v[1]), reverse=True)
    return [Worked(text, weeks) for weeks, _, text in ranked if weeks >= 2][:limit]
