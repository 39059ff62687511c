"""When the bot may write on its own: quiet hours, and each kind of note turned off or snoozed.

Everything the bot sends that the person did not schedule themselves (cheer notes, feedback
notes, application questions, plan follow-ups) asks :func:`hold_until` first. The weekly
check-in at the time they chose is never held: they asked for it then.

Quiet hours are whole local hours of the person's zone, from ``start`` o'clock to ``end``
o'clock, the end hour excluded: "21-8" is 21:00 to 07:59, across midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Final

from bot.domain.due import local_now, local_to_utc

__all__ = [
    "SNOOZE",
    "Kind",
    "Pref",
    "QuietHours",
    "allowed_from",
    "daily_slot",
    "format_quiet_hours",
    "hold_until",
    "muted_until",
    "next_slot",
    "parse_quiet_hours",
]

SNOOZE: Final = timedelta(days=7)


@dataclass(frozen=True)
class QuietHours:
    """Local hours in which the bot sends nothing on its own."""

    start: int
    end: int

    def covers(self, at: time) -> bool:
        hour = at.hour
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end


_QUIET: Final = re.compile(r"^\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*$")
_OFF: Final = frozenset({"", "off", "none", "no", "0"})


def parse_quiet_hours(text: str) -> QuietHours | None:
    """ "21-8" -> 21:00 to 08:00; "" or "off" -> none. ValueError for anything else."""
    if text.strip().casefold() in _OFF:
        return None
    m = _QUIET.match(text)
    if m is None:
        raise ValueError("QUIET_HOURS must look like 21-8 (from hour - to hour), or be empty")
    start, end = int(m.group(1)), int(m.group(2))
    if not (0 <= start <= 23 and 0 <= end <= 23) or start == end:
        raise ValueError("QUIET_HOURS hours must be 0-23 and differ")
    return QuietHours(start, end)


def format_quiet_hours(quiet: QuietHours | None) -> str:
    """The stored form: "21-8", or "" for none."""
    return "" if quiet is None else f"{quiet.start}-{quiet.end}"


def allowed_from(moment: datetime, zone: str, quiet: QuietHours | None) -> datetime:
    """``moment`` itself, or the end of the quiet hours it falls in (UTC)."""
    local = local_now(moment, zone)
    if quiet is None or not quiet.covers(local.time()):
        return moment
    day = local.date() if local.hour < quiet.end else local.date() + timedelta(days=1)
    return local_to_utc(day, time(quiet.end), zone)


class Kind(Enum):
    """The kinds of message a person can turn off or snooze in /settings."""

    CHEERS = "cheers"
    FEEDBACK = "feedback"
    APPLICATIONS = "applications"


@dataclass(frozen=True)
class Pref:
    """A person's choice for one kind: on (the default), off, or snoozed until a moment."""

    off: bool = False
    snoozed_until: datetime | None = None

    def mutes(self, now: datetime) -> bool:
        """Whether a note of this kind due ``now`` is dropped (off, or snoozed)."""
        return self.off or (self.snoozed_until is not None and now < self.snoozed_until)


def hold_until(now: datetime, zone: str, quiet: QuietHours | None) -> datetime | None:
    """None if a message the person did not schedule may go to them now; else the first
    moment it may (UTC): the end of their quiet hours."""
    allowed = allowed_from(now, zone, quiet)
    return None if allowed == now else allowed


def daily_slot(at: time, quiet: QuietHours | None) -> time:
    """A daily note's local time: ``at``, or the end of the quiet hours when they cover it."""
    return time(quiet.end) if quiet is not None and quiet.covers(at) else at


def next_slot(now: datetime, zone: str, at: time, quiet: QuietHours | None) -> datetime:
    """The next daily slot (:func:`daily_slot`) strictly after ``now``, in UTC. A note that
    only ever goes out at its slot goes out at most once a local day."""
    slot = daily_slot(at, quiet)
    today = local_now(now, zone).date()
    for day in (today, today + timedelta(days=1), today + timedelta(days=2)):
        due = local_to_utc(day, slot, zone)
        if due > now:
            return due
    raise AssertionError("unreachable")


OFF_RECHECK: Final = timedelta(days=1)


def muted_until(pref: Pref, now: datetime) -> datetime | None:
    """For a sender that keeps what is due rather than dropping it: None when ``pref`` lets
    it through now, else when to look again (the snooze's end; a day later when off)."""
    if not pref.mutes(now):
        return None
    if pref.off or pref.snoozed_until is None:
        return now + OFF_RECHECK
    return pref.snoozed_until
