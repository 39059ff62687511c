"""If-then plans as plain rules: the sentence, and when to ask "did you do it?"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.due import local_now, local_to_utc

FOLLOW_UP_AT = time(18, 0)  # "did you do it?" at the end of the chosen day
LATEST_SAME_DAY = time(21, 0)
NEXT_MORNING = time(9, 0)
MIN_LEAD = timedelta(hours=1)
WHEN_CHOICES = ("today", "tomorrow", "week")

_IF_PREFIX = re.compile(r"^\s*(if\s+i\s+(do\s+)?|i\s+will\s+|i'?ll\s+|if\s+)", re.IGNORECASE)
_THEN_PREFIX = re.compile(r"^\s*(then\s+|…\s*then\s+|\.\.\.\s*then\s+)", re.IGNORECASE)
_END_PUNCTUATION = frozenset(".,;:!…")


def _without_end(text: str) -> str:
    """``text`` without the spaces and punctuation it ends with. A loop, not a regex: the
    regex ``[\\s.,;:!…]+$`` tried every start in a long run of dots (quadratic)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _END_PUNCTUATION):
        end -= 1
    return text[:end]


def clean_if(text: str) -> str:
    """What the user typed for "If I do …", without a repeated "If I" and end punctuation."""
    return _without_end(_IF_PREFIX.sub("", text, count=1)).strip() or text.strip()


def clean_then(text: str) -> str:
    """What the user typed for "… then …", without a repeated "then" and end punctuation."""
    return _without_end(_THEN_PREFIX.sub("", text, count=1)).strip() or text.strip()


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


@dataclass(frozen=True, slots=True)
class FollowUp:
    """When "Did you do it?" is really asked about a plan meant for ``planned_for``."""

    planned_for: date  # the local day the person chose to do it
    due: datetime  # the moment the question is sent (aware, UTC): store as follow_up_due
    day: date  # the local date of ``due``: store as follow_up_on, say it ("tomorrow")
    at: time  # the local wall-clock time of ``due``: say it ("at 09:00")

    @property
    def moved(self) -> bool:
        """True when the question comes later than the chosen day's evening."""
        return self.day != self.planned_for


def plan_follow_up(chosen: date, now: datetime, zone: str) -> FollowUp:
    """When to ask about a plan meant for local ``chosen``, and how to say it honestly.

    18:00 on the chosen day in the user's zone. If that is less than an hour away and the
    follow-up hour has not come yet ("Today" at 17:30), 21:00 that evening. After the
    follow-up hour ("Today" at 22:00), 09:00 the next morning. Always at least an hour
    ahead; daylight-saving changes follow :func:`bot.domain.due.local_to_utc`.
    """
    local = local_now(now, zone)
    due = local_to_utc(chosen, FOLLOW_UP_AT, zone)
    if due < now + MIN_LEAD:
        evening = local_to_utc(local.date(), LATEST_SAME_DAY, zone)
        if chosen == local.date() and local.time() < FOLLOW_UP_AT and evening >= now + MIN_LEAD:
            due = evening
        else:
            due = local_to_utc(max(local.date(), chosen) + timedelta(days=1), NEXT_MORNING, zone)
    shown = local_now(due, zone)
    return FollowUp(planned_for=chosen, due=due, day=shown.date(), at=shown.time())


def follow_up_due(day: date, now: datetime, zone: str) -> datetime:
    """The UTC moment of :func:`plan_follow_up` (the real one: never "today" after 18:00)."""
    return plan_follow_up(day, now, zone).due


def pick_days(today: date, count: int = 7) -> list[date]:
    """The days offered by "Pick a day": tomorrow and the following ones."""
    return [today + timedelta(days=i) for i in range(1, count + 1)]


# --- closing the loop ---------------------------------------------------------------------
# "Did you do it?" is sent at most twice: on the chosen day, and once more two days later
# at the same local time. Unanswered after that, the plan is overdue: /plans and the check-in
# say so, and no message asks again.
MAX_FOLLOW_UPS = 2
ASK_AGAIN_AFTER_DAYS = 2
# After Done, "Did <then> happen?" is asked at once. "Not yet" is asked once more a week
# later, at the evening follow-up hour; a second "not yet" ends the asking (a win can be
# logged any time with /win).
MAX_OUTCOME_ASKS = 2
OUTCOME_AGAIN_AFTER_DAYS = 7


def follow_up_again(asked: datetime, asks: int, zone: str) -> datetime | None:
    """When "Did you do it?" is asked next, once it is asked now at ``asked`` (aware UTC)
    for the ``asks``-th time: the same local time two days later, or None (no more)."""
    if asks >= MAX_FOLLOW_UPS:
        return None
    local = local_now(asked, zone)
    return local_to_utc(local.date() + timedelta(days=ASK_AGAIN_AFTER_DAYS), local.time(), zone)


def is_overdue(follow_up_on: date | None, follow_up_due: datetime | None, today: date) -> bool:
    """An open plan whose day is past and about which nothing more will be asked."""
    return follow_up_due is None and follow_up_on is not None and follow_up_on < today


def outcome_again(now: datetime, asks: int, zone: str) -> datetime | None:
    """After "not yet" to the ``asks``-th "Did it happen?": when to ask once more (a week
    later at the follow-up hour, local), or None when it was the last time."""
    if asks >= MAX_OUTCOME_ASKS:
        return None
    day = local_now(now, zone).date() + timedelta(days=OUTCOME_AGAIN_AFTER_DAYS)
    return local_to_utc(day, FOLLOW_UP_AT, zone)


def win_text(then_happens: str) -> str:
    """The win a plan's "then" offers when it happened: the words, starting with a capital."""
    text = clean_then(then_happens)
    return text[:1].upper() + text[1:]
