"""Read-only access to the user's current focus (the /focus feature owns the table).

The ``focus`` table is created by the focus feature's migration; until it exists (or on an
older database) there is simply no focus. Columns: (user_id, text, started_at, ended_at),
``ended_at`` NULL for the current one.
"""

from __future__ import annotations

from bot.storage.db import Database


async def current_focus(db: Database, user_id: int) -> str | None:
    exists = await db.fetchval(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'focus'"
    )
    if exists is None:
        return None
    text = await db.fetchval(
        """
        SELECT text FROM focus WHERE user_id = ? AND ended_at IS NULL
        ORDER BY started_at DESC LIMIT 1
        """,
        (user_id,),
    )
    return None if text is None else str(text)
