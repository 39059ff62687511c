"""Accountability circles, the rules: what a share may contain, cheers, the weekly digest,
and pacing posts to a group. Plain functions without Telegram objects, tested directly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.domain.due import iso_week_of

CHEER_NOTE_WAIT = timedelta(hours=1)
DIGEST_GRACE = timedelta(hours=12)
PACING_QUANTUM = 0.001


# --- what a share may contain ----------------------------------------------------------
@dataclass(frozen=True)
class RejectionFacts:
    """The rejection details a member may choose to include with a reframe: kind, where."""

    kind_label: str
    where: str | None


# --- cheers ----------------------------------------------------------------------------
class Cheer(Enum):
    ADDED = "added"
    REMOVED = "removed"
    NOT_MEMBER = "not_member"
    OWN = "own"


def cheer_outcome(*, presser: int, author: int, is_member: bool, had_cheered: bool) -> Cheer:
    """What a tap on 👏 does: members toggle their one cheer; others are refused."""
    if presser == author:
        return Cheer.OWN
    if not is_member:
        return Cheer.NOT_MEMBER
    return Cheer.REMOVED if had_cheered else Cheer.ADDED


@dataclass(frozen=True)
class CheeredItem:
    kind: str  # "win" | "reframe"
    text: str
    names: tuple[str, ...]  # who cheered, first first (first names; "" when Telegram gave none)

    @property
    def people(self) -> int:
        return len(self.names)


def cheer_note_due(now: datetime) -> datetime:
    """When the author hears of a cheer given ``now``: within the hour, so that the cheers
    of the next hour come in the same note (the sender then waits out quiet hours)."""
    return now + CHEER_NOTE_WAIT


# --- the weekly digest -----------------------------------------------------------------
@dataclass(frozen=True)
class DigestWindow:
    start: datetime
    end: datetime
    iso_year: int
    iso_week: int


def digest_window(due: datetime, zone: str) -> DigestWindow:
    """The seven days before the digest's due time; check-ins are counted for the ISO week
    (in the group's zone) that holds most of those days."""
    start = due - timedelta(days=7)
    year, week = iso_week_of(due - timedelta(days=3, hours=12), zone)
    return DigestWindow(start, due, year, week)


def digest_is_stale(due: datetime, now: datetime) -> bool:
    """A digest missed by more than the grace (the bot was down) is skipped, not sent late."""
    return now - due > DIGEST_GRACE


@dataclass(frozen=True)
class SharedWin:
    author: str
    text: str


# --- pacing group messages -------------------------------------------------------------
def pacing_wait(sent: Sequence[float], now: float, limit: int, window: float) -> float:
    """Seconds to wait before the next message to a group, given when earlier ones were
    sent (ascending), so that no ``window``-second stretch holds ``limit`` or more.

    Telegram's "about 20 messages a minute per group" read as a sliding window, kept one
    below. PTB's AIORateLimiter is a leaky bucket (20 at once, then one per 3 s), which can
    put up to 39 sends in one minute; a 429 then pauses *every* request of the bot.
    """
    allowed = max(1, limit - 1)
    recent = [t for t in sent if t > now - window]
    if len(recent) < allowed:
        return 0.0
    # At least a millisecond: float rounding must not report "no wait" for a full window.
    return max(PACING_QUANTUM, recent[len(recent) - allowed] + window - now)
