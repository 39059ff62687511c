"""What the running bot leaves for `comeback health`: a heartbeat and failed sends.

Both live in the database (tables ``ops_meta`` and ``ops_send_failures``), so a separate
process (a Docker HEALTHCHECK, a monitoring script) can read them without talking to the bot.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.clock import to_db
from bot.storage.db import Database

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "last_tick"
WEBHOOK_SECRET_KEY = "webhook_secret"
KEEP_FAILURES = timedelta(days=7)
ERROR_TEXT_LIMIT = 200


async def get_meta(db: Database, key: str) -> str | None:
    value = await db.fetchval("SELECT value FROM ops_meta WHERE key = ?", (key,))
    return None if value is None else str(value)


async def set_meta(db: Database, key: str, value: str) -> None:
    await db.execute(
        """
        INSERT INTO ops_meta (key, value) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """,
        (key, value),
    )


async def record_heartbeat(db: Database, now: datetime) -> None:
    """The bot is alive and its due-work ticker ran at ``now``; also prunes old failures."""
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO ops_meta (key, value) VALUES (?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
            (HEARTBEAT_KEY, to_db(now)),
        )
        await conn.execute(
            "DELETE FROM ops_send_failures WHERE at < ?", (to_db(now - KEEP_FAILURES),)
        )


async def record_send_failure(
    db: Database, now: datetime, method: str, chat_id: int | None, error: str
) -> None:
    await db.execute(
        "INSERT INTO ops_send_failures (at, method, chat_id, error) VALUES (?, ?, ?, ?)",
        (to_db(now), method, chat_id, error[:ERROR_TEXT_LIMIT]),
    )
