"""The focus: the one gap a user works on now, and the ones before it with their dates.

The /focus flow writes it; the check-in summary shows :func:`current` (ended_at NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class Focus:
    id: int
    user_id: int
    text: str
    source: str  # "typed" | "feedback"
    started_at: datetime
    ended_at: datetime | None

    @property
    def current(self) -> bool:
        return self.ended_at is None


def _focus(row: aiosqlite.Row) -> Focus:
    return Focus(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        source=row["source"],
        started_at=from_db(row["started_at"]),
        ended_at=opt_from_db(row["ended_at"]),
    )


async def current(db: Database, user_id: int) -> Focus | None:
    row = await db.fetchone(
        "SELECT * FROM focus WHERE user_id = ? AND ended_at IS NULL", (user_id,)
    )
    return None if row is None else _focus(row)


async def history(db: Database, user_id: int, limit: int = 5) -> list[Focus]:
    """Earlier foci, the most recently ended first."""
    rows = await db.fetchall(
        """
        SELECT * FROM focus WHERE user_id = ? AND ended_at IS NOT NULL
        ORDER BY ended_at DESC, id DESC LIMIT ?
        """,
        (user_id, limit),
    )
    return [_focus(row) for row in rows]


async def set_focus(db: Database, *, user_id: int, text: str, source: str, now: datetime) -> Focus:
    """Make ``text`` the current focus; the previous one ends now and stays in history."""
    if source not in ("typed", "feedback"):
        raise ValueError(source)
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE focus SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
            (to_db(now), user_id),
        )
        cursor = await conn.execute(
            "INSERT INTO focus (user_id, text, source, started_at) VALUES (?, ?, ?, ?)",
            (user_id, text, source, to_db(now)),
        )
        new_id = cursor.lastrowid
    row = await db.fetchone("SELECT * FROM focus WHERE id = ?", (new_id,))
    assert row is not None
    return _focus(row)


async def end_focus(db: Database, user_id: int, now: datetime) -> bool:
    changed = await db.execute(
        "UPDATE focus SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
        (to_db(now), user_id),
    )
    return changed == 1
