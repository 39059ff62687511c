"""Accountability circles, the rules: what a share may contain, cheers, the weekly digest.

Plain functions without Telegram objects (tested directly in tests/test_groups_rules.py).
Everything that returns HTML escapes what users typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum

from bot import texts
from bot.plans import sentence
from bot.schedule.due import iso_week_of, local_now, local_to_utc

DIGEST_WINS_SHOWN = 15
DIGEST_TEXT_SHOWN = 200
NOTE_TEXT_SHOWN = 60
CHEER_NOTE_AT = time(19, 0)
DIGEST_GRACE = timedelta(hours=12)
PACING_QUANTUM = 0.001


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- what a share may contain ----------------------------------------------------------
@dataclass(frozen=True)
class RejectionFacts:
    """The rejection details a member may choose to include with a reframe: kind, where."""

    kind_label: str
    where: str | None


def win_post(author: str, win_text: str) -> str:
    """The group post for a shared win: the author's first name and the win, nothing else."""
    return texts.SHARE_WIN_POST.format(name=texts.esc(author), text=texts.esc(win_text))


def reframe_post(
    author: str,
    if_do: str,
    then_happens: str,
    rejection: RejectionFacts | None = None,
    *,
    include_details: bool = False,
) -> str:
    """The group post for a shared reframe: only the if-then sentence, unless the member
    explicitly chose to include the rejection's kind and place (``include_details``)."""
    plan = texts.esc(sentence(if_do, then_happens))
    if include_details and rejection is not None:
        where = (
            texts.SHARE_WHERE.format(where=texts.esc(rejection.where)) if rejection.where else ""
        )
        return texts.SHARE_REFRAME_DETAILS.format(
            kind=texts.esc(rejection.kind_label), where=where, name=texts.esc(author), sentence=plan
        )
    return texts.SHARE_REFRAME_POST.format(name=texts.esc(author), sentence=plan)


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


def cheer_label(count: int) -> str:
    return texts.BUTTON_CHEER_COUNT.format(count=count) if count > 0 else texts.BUTTON_CHEER


@dataclass(frozen=True)
class CheeredItem:
    kind: str  # "win" | "reframe"
    text: str
    people: int


def cheer_note(items: Sequence[CheeredItem]) -> str | None:
    """The author's one private note of the day; None when nothing is left to tell."""
    shown = [i for i in items if i.people > 0]
    if not shown:
        return None

    def people(n: int) -> str:
        return "person" if n == 1 else "people"

    if len(shown) == 1:
        item = shown[0]
        return texts.CHEER_NOTE_ONE.format(
            count=item.people,
            people=people(item.people),
            what=texts.CHEER_WHAT.get(item.kind, "post"),
            text=texts.esc(_cut(item.text, NOTE_TEXT_SHOWN)),
        )
    lines = [texts.CHEER_NOTE_MANY]
    lines += [
        texts.CHEER_NOTE_LINE.format(
            count=i.people, people=people(i.people), text=texts.esc(_cut(i.text, NOTE_TEXT_SHOWN))
        )
        for i in shown[:10]
    ]
    return "\n".join(lines)


def next_cheer_note_due(now: datetime, zone: str) -> datetime:
    """The next 19:00 in the author's zone strictly after ``now``: one note a day at most."""
    today = local_now(now, zone).date()
    for day in (today, today + timedelta(days=1), today + timedelta(days=2)):
        due = local_to_utc(day, CHEER_NOTE_AT, zone)
        if due > now:
            return due
    raise AssertionError("unreachable")


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


def digest_text(title: str, wins: Sequence[SharedWin], checked_in: int, members: int) -> str | None:
    """The weekly digest: the wins shared in the circle and how many members checked in.

    Only what members shared there (wins) and a count; never rejections, reframe details
    or anything private. None when there is nothing at all to report (no post then).
    """
    if not wins and checked_in == 0:
        return None
    lines = [texts.DIGEST_TITLE.format(title=texts.esc(title)), ""]
    if wins:
        lines += [
            texts.DIGEST_WIN_LINE.format(
                name=texts.esc(w.author), text=texts.esc(_cut(w.text, DIGEST_TEXT_SHOWN))
            )
            for w in wins[:DIGEST_WINS_SHOWN]
        ]
        if len(wins) > DIGEST_WINS_SHOWN:
            lines.append(texts.DIGEST_MORE_WINS.format(count=len(wins) - DIGEST_WINS_SHOWN))
    else:
        lines.append(texts.DIGEST_NO_WINS)
    lines += ["", texts.DIGEST_CHECKINS.format(count=checked_in, members=max(members, checked_in))]
    return "\n".join(lines)


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
