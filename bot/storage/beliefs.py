"""A person's healthier belief: the current one (shown at each reframe and in the check-in)
and the ones before it, with the dates they held.

The reframe flow writes it (bot/flows/reframe.py). A suggested belief is stored in the words
the person read when they picked it (their language then), like a typed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.storage.db import Database

Source = Literal["suggested", "typed"]


@dataclass(frozen=True)
class Belief:
    id: int
    user_id: int
    text: str
    source: Source
    chosen_at: datetime
    replaced_at: datetime | None

    @property
    def current(self) -> bool:
        return self.replaced_at is None


def _belief(row: aiosqlite.Row) -> Belief:
    source: Source = "suggested" if row["source"] == "suggested" else "typed"
    return Belief(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        source=source,
        chosen_at=from_db(row["chosen_at"]),
        replaced_at=opt_from_db(row["replaced_at"]),
    )


async def current_belief(db: Database, user_id: int) -> Belief | None:
    """The belief ``user_id`` holds now; None before they chose one."""
    row = await db.fetchone(
        "SELECT * FROM beliefs WHERE user_id = ? AND replaced_at IS NULL", (user_id,)
    )
    return None if row is None else _belief(row)


async def earlier_beliefs(db: Database, user_id: int, limit: int = 5) -> list[Belief]:
    """Beliefs held before the current one, the most recently replaced first."""
    rows = await db.fetchall(
        """
        SELECT * FROM beliefs WHERE user_id = ? AND replaced_at IS NOT NULL
        ORDER BY replaced_at DESC, id DESC LIMIT ?
        """,
        (user_id, limit),
    )
    return [_belief(row) for row in rows]


async def set_belief(
    db: Database, *, user_id: int, text: str, source: Source, now: datetime
) -> Belief:
    """Make ``text`` the current belief; the one before it is replaced now and kept (the
    same words again change nothing)."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT * FROM beliefs WHERE user_id = ? AND replaced_at IS NULL", (user_id,)
        ) as cursor:
            held = await cursor.fetchone()
        if held is not None and held["text"] == text:
            return _belief(held)
        await conn.execute(
            "UPDATE beliefs SET replaced_at = ? WHERE user_id = ? AND replaced_at IS NULL",
            (to_db(now), user_id),
        )
        cursor = await conn.execute(
            "INSERT INTO beliefs (user_id, text, source, chosen_at) VALUES (?, ?, ?, ?)",
            (user_id, text, source, to_db(now)),
        )
        new_id = cursor.lastrowid
    row = await db.fetchone("SELECT * FROM beliefs WHERE id = ? AND user_id = ?", (new_id, user_id))
    assert row is not None
    return _belief(row)
