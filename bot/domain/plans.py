"""If-then plans as plain rules: the sentence, and when to ask "did you do it?"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bot.domain.due import local_now, local_to_utc

FOLLOW_UP_AT = time(18, 0)  # "did you do it?" at the end of the chosen day
LATEST_SAME_DAY = time(21, 0)
NEXT_MORNING = time(9, 0)
MIN_LEAD = timedelta(hours=1)
WHEN_CHOICES = ("today", "tomorrow", "week")

_IF_PREFIX = re.compile(r"^\s*(if\s+i\s+(do\s+)?|i\s+will\s+|i'?ll\s+|if\s+)", re.IGNORECASE)
_THEN_PREFIX = re.compile(r"^\s*(then\s+|…\s*then\s+|\.\.\.\s*then\s+)", re.IGNORECASE)
_TRAILING = re.compile(r"[\s.,;:!…]+$")


def clean_if(text: str) -> str:
    """What the user typed for "If I do …", without a repeated "If I" and end punctuation."""
    return _TRAILING.sub("", _IF_PREFIX.sub("", text, count=1)).strip() or text.strip()


def clean_then(text: str) -> str:
    """What the user typed for "… then …", without a repeated "then" and end punctuation."""
    return _TRAILING.sub("", _THEN_PREFIX.sub("", text, count=1)).strip() or text.strip()


def sentence(if_do: str, then_happens: str) -> str:
    """The finished plan: "If I <do>, then <happens>." (plain text; escape before HTML)."""
    return f"If I {clean_if(if_do)}, then {clean_then(then_happens)}."


def when_to_date(choice: str, today: date) -> date:
    """Today, tomorrow, or "this week": Friday, or Sunday once Friday has come."""
    if choice == "today":
        return today
    if choice == "tomorrow":
        return today + timedelta(days=1)
    if choice == "week":
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        if today.weekday() >= 4:
            return today + timedelta(days=6 - today.weekday())
        return friday
    raise ValueError(f"unknown choice {choice!r}")


def follow_up_due(day: date, now: datetime, zone: str) -> datetime:
    """When to ask about a plan meant for local ``day``: 18:00 that day, in the user's zone.

    If that's already (nearly) past, the evening of the same day if there's still time,
    otherwise 09:00 the next morning. Never in the past.
    """
    due = local_to_utc(day, FOLLOW_UP_AT, zone)
    if due >= now + MIN_LEAD:
        return due
    local = local_now(now, zone)
    if local.date() <= day:
        later = local_to_utc(local.date(), LATEST_SAME_DAY, zone)
        if later >= now + MIN_LEAD:
            return later
    return local_to_utc(max(local.date(), day) + timedelta(days=1), NEXT_MORNING, zone)


def pick_days(today: date, count: int = 7) -> list[date]:
    """The days offered by "Pick a day": tomorrow and the following ones."""
    return [today + timedelta(days=i) for i in range(1, count + 1)]


def format_day(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


def when_phrase(day: date, today: date) -> str:
    """For a sentence: "today", "tomorrow", "on Sat 28 Nov"."""
    label = format_day(day, today)
    return label if label in ("today", "tomorrow") else f"on {label}"
