"""Weekly check-ins: the due schedule (claims), the stored answers, pauses, streaks, and
the numbers of a week.

The schedule lives in ``users.next_checkin_due`` (UTC text). The ticker reads due rows
through the partial index ``users_checkin_due`` and claims each with a compare-and-swap
that moves the due time to the next weekly slot *before* anything is sent, so two ticks
(or two processes on one file) never send the same check-in twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.domain.due import next_weekly_due
from bot.domain.streaks import IsoWeek, checkin_streak
from bot.domain.weekly import paused_weeks, review_week, week_range_utc
from bot.storage import users
from bot.storage.db import Database
from bot.storage.entries import Plan, _plan
from bot.storage.users import User

ANSWER_FIELDS = frozenset({"worked", "didnt", "people", "focus_note"})


# --- the schedule -----------------------------------------------------------------------
@dataclass(frozen=True)
class DueUser:
    user_id: int
    chat_id: int
    timezone: str
    weekday: int
    at: time
    due: datetime


# Implies the partial index's WHERE, so SQLite walks ``users_checkin_due`` from the oldest
# due time and stops at ``:now``: the cost grows with the due rows, not with all users.
DUE_QUERY = """
    SELECT user_id, chat_id, timezone, checkin_weekday, checkin_time, next_checkin_due
    FROM users
    WHERE next_checkin_due IS NOT NULL AND paused = 0 AND blocked_since IS NULL
      AND next_checkin_due <= :now
    ORDER BY next_checkin_due
    LIMIT :limit
"""


async def due_users(db: Database, now: datetime, limit: int) -> list[DueUser]:
    rows = await db.fetchall(DUE_QUERY, {"now": to_db(now), "limit": limit})
    return [
        DueUser(
            user_id=row["user_id"],
            chat_id=row["chat_id"],
            timezone=row["timezone"],
            weekday=row["checkin_weekday"],
            at=time.fromisoformat(row["checkin_time"]),
            due=from_db(row["next_checkin_due"]),
        )
        for row in rows
    ]


async def claim(db: Database, user_id: int, due: datetime, next_due: datetime) -> bool:
    """Move ``due`` to ``next_due`` if it is still ``due``: True for the one caller that did."""
    changed = await db.execute(
        """
        UPDATE users SET next_checkin_due = :next
        WHERE user_id = :user AND next_checkin_due = :old
          AND paused = 0 AND blocked_since IS NULL
        """,
        {"next": to_db(next_due), "old": to_db(due), "user": user_id},
    )
    return changed == 1


async def put_back(db: Database, user_id: int, claimed_next: datetime, retry_at: datetime) -> bool:
    """After a failed send, due again at ``retry_at`` — unless the schedule changed since."""
    changed = await db.execute(
        """
        UPDATE users SET next_checkin_due = :retry
        WHERE user_id = :user AND next_checkin_due = :claimed
        """,
        {"retry": to_db(retry_at), "claimed": to_db(claimed_next), "user": user_id},
    )
    return changed == 1


def next_due_for(user: User, now: datetime) -> datetime:
    return next_weekly_due(now, user.timezone, user.checkin_weekday, user.checkin_time)


async def reschedule(db: Database, user_id: int, now: datetime) -> datetime | None:
    """A fresh future due time from the user's zone, day and time (never one in the past)."""
    user = await users.get(db, user_id)
    if user is None:
        return None
    due = next_due_for(user, now)
    await users.set_next_due(db, user_id, due)
    return due


# --- pauses -----------------------------------------------------------------------------
async def pause(db: Database, user_id: int, now: datetime) -> bool:
    """Stop check-ins; False if already paused. The period is kept for streaks."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE users SET paused = 1 WHERE user_id = ? AND paused = 0", (user_id,)
        )
        if cursor.rowcount != 1:
            return False
        await conn.execute(
            "INSERT INTO pauses (user_id, started_at) VALUES (?, ?)", (user_id, to_db(now))
        )
    return True


async def resume(db: Database, user_id: int, now: datetime) -> bool:
    """Start check-ins again from the next future slot; False if not paused."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE users SET paused = 0 WHERE user_id = ? AND paused = 1", (user_id,)
        )
        if cursor.rowcount != 1:
            return False
        await conn.execute(
            "UPDATE pauses SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
            (to_db(now), user_id),
        )
    await reschedule(db, user_id, now)
    return True


async def pause_periods(db: Database, user_id: int) -> list[tuple[datetime, datetime | None]]:
    rows = await db.fetchall(
        "SELECT started_at, ended_at FROM pauses WHERE user_id = ? ORDER BY started_at",
        (user_id,),
    )
    return [(from_db(r["started_at"]), opt_from_db(r["ended_at"])) for r in rows]


# --- check-ins --------------------------------------------------------------------------
@dataclass(frozen=True)
class Checkin:
    id: int
    user_id: int
    week: IsoWeek
    worked: str | None
    didnt: str | None
    people: str | None
    started_at: datetime
    completed_at: datetime | None
    people_met: str | None = None  # "Did you talk to …?" about last week's people: yes | no
    focus_note: str | None = None  # "How is <focus> going?"


def _checkin(row: aiosqlite.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        week=(row["iso_year"], row["iso_week"]),
        worked=row["worked"],
        didnt=row["didnt"],
        people=row["people"],
        started_at=from_db(row["started_at"]),
        completed_at=opt_from_db(row["completed_at"]),
        people_met=row["people_met"],
        focus_note=row["focus_note"],
    )


async def get(db: Database, user_id: int, week: IsoWeek) -> Checkin | None:
    row = await db.fetchone(
        "SELECT * FROM checkins WHERE user_id = ? AND iso_year = ? AND iso_week = ?",
        (user_id, *week),
    )
    return None if row is None else _checkin(row)


async def get_by_id(db: Database, user_id: int, checkin_id: int) -> Checkin | None:
    """A check-in, only if it belongs to ``user_id``."""
    row = await db.fetchone(
        "SELECT * FROM checkins WHERE id = ? AND user_id = ?", (checkin_id, user_id)
    )
    return None if row is None else _checkin(row)


async def previous(db: Database, user_id: int, week: IsoWeek) -> Checkin | None:
    """The latest check-in of a week before ``week`` (what was said last time)."""
    row = await db.fetchone(
        """
        SELECT * FROM checkins
        WHERE user_id = ? AND (iso_year < ? OR (iso_year = ? AND iso_week < ?))
        ORDER BY iso_year DESC, iso_week DESC LIMIT 1
        """,
        (user_id, week[0], week[0], week[1]),
    )
    return None if row is None else _checkin(row)


async def set_people_met(db: Database, user_id: int, week: IsoWeek, met: bool) -> None:
    await db.execute(
        """
        UPDATE checkins SET people_met = ?
        WHERE user_id = ? AND iso_year = ? AND iso_week = ?
        """,
        ("yes" if met else "no", user_id, *week),
    )


async def start(db: Database, user_id: int, week: IsoWeek, now: datetime) -> Checkin:
    """The week's check-in, created on first use; a second run edits the same row."""
    await db.execute(
        """
        INSERT INTO checkins (user_id, iso_year, iso_week, started_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id, iso_year, iso_week) DO NOTHING
        """,
        (user_id, *week, to_db(now)),
    )
    found = await get(db, user_id, week)
    assert found is not None
    return found


async def set_answer(db: Database, user_id: int, week: IsoWeek, field: str, text: str) -> None:
    if field not in ANSWER_FIELDS:
        raise ValueError(field)
    # The column name comes from the fixed set above, never from the user.
    await db.execute(
        f"UPDATE checkins SET {field} = ? WHERE user_id = ? AND iso_year = ? AND iso_week = ?",
        (text, user_id, *week),
    )


async def complete(db: Database, user_id: int, week: IsoWeek, now: datetime) -> None:
    await db.execute(
        """
        UPDATE checkins SET completed_at = ?
        WHERE user_id = ? AND iso_year = ? AND iso_week = ?
        """,
        (to_db(now), user_id, *week),
    )


async def completed_weeks(db: Database, user_id: int) -> set[IsoWeek]:
    rows = await db.fetchall(
        "SELECT iso_year, iso_week FROM checkins WHERE user_id = ? AND completed_at IS NOT NULL",
        (user_id,),
    )
    return {(r["iso_year"], r["iso_week"]) for r in rows}


async def streak(db: Database, user: User, now: datetime) -> int:
    """Consecutive weeks checked in up to now; paused weeks neither break nor extend it."""
    completed = await completed_weeks(db, user.user_id)
    paused = paused_weeks(await pause_periods(db, user.user_id), user.timezone, now)
    return checkin_streak(completed, paused, review_week(now, user.timezone))


# --- the numbers of a week --------------------------------------------------------------
SERIES = ("rejections", "reframes", "plans_done", "wins")


@dataclass(frozen=True)
class WeekSummary:
    rejections: int
    reframes: int
    plans_done: int
    plans_open: int
    wins: int


async def weekly_counts(
    db: Database, user_id: int, zone: str, weeks: Sequence[IsoWeek]
) -> dict[str, list[int]]:
    """Per week (in ``zone``): rejections logged, reframes (plans made), plans done, wins."""
    bounds = [week_range_utc(w, zone) for w in weeks]
    lo, hi = to_db(bounds[0][0]), to_db(bounds[-1][1])
    params = {"u": user_id, "lo": lo, "hi": hi}
    stamps: dict[str, list[str]] = {
        "rejections": await _stamps(
            db,
            "SELECT created_at FROM rejections "
            "WHERE user_id = :u AND created_at >= :lo AND created_at < :hi",
            params,
        ),
        "reframes": await _stamps(
            db,
            "SELECT created_at FROM plans "
            "WHERE user_id = :u AND created_at >= :lo AND created_at < :hi",
            params,
        ),
        "plans_done": await _stamps(
            db,
            "SELECT closed_at FROM plans WHERE user_id = :u AND status = 'done' "
            "AND closed_at >= :lo AND closed_at < :hi",
            params,
        ),
        "wins": await _stamps(
            db,
            "SELECT created_at FROM wins "
            "WHERE user_id = :u AND created_at >= :lo AND created_at < :hi",
            params,
        ),
    }
    text_bounds = [(to_db(a), to_db(b)) for a, b in bounds]
    return {
        name: [sum(1 for s in values if a <= s < b) for a, b in text_bounds]
        for name, values in stamps.items()
    }


async def _stamps(db: Database, sql: str, params: dict[str, object]) -> list[str]:
    return [str(row[0]) for row in await db.fetchall(sql, params)]


async def open_plan_count(db: Database, user_id: int) -> int:
    value = await db.fetchval(
        "SELECT COUNT(*) FROM plans WHERE user_id = ? AND status = 'open'", (user_id,)
    )
    return int(value or 0)


def summary_of(counts: dict[str, list[int]], plans_open: int, index: int = -1) -> WeekSummary:
    """One week (default: the last) of :func:`weekly_counts` as a summary."""
    return WeekSummary(
        rejections=counts["rejections"][index],
        reframes=counts["reframes"][index],
        plans_done=counts["plans_done"][index],
        plans_open=plans_open,
        wins=counts["wins"][index],
    )


async def plans_due_by(db: Database, user_id: int, last_day: date, limit: int = 5) -> list[Plan]:
    """Open plans whose follow-up day is ``last_day`` or earlier (overdue ones included)."""
    rows = await db.fetchall(
        """
        SELECT * FROM plans
        WHERE user_id = ? AND status = 'open' AND follow_up_on IS NOT NULL AND follow_up_on <= ?
        ORDER BY follow_up_on, id LIMIT ?
        """,
        (user_id, last_day.isoformat(), limit),
    )
    return [_plan(row) for row in rows]


async def after_unblock(db: Database, user: User, now: datetime) -> None:
    """A user who had blocked the bot wrote again: a fresh future slot, never a backlog."""
    if user.next_checkin_due is not None:
        await users.set_next_due(db, user.user_id, next_due_for(user, now))
