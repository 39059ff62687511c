"""Users: who talks to the bot, their zone and check-in schedule, and whether we may write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class User:
    user_id: int
    chat_id: int
    first_name: str
    language_code: str | None
    timezone: str
    checkin_weekday: int  # 0 = Monday … 6 = Sunday
    checkin_time: time
    next_checkin_due: datetime | None
    paused: bool
    blocked_since: datetime | None
    onboarded_at: datetime | None
    created_at: datetime
    language: str | None = None  # chosen in /settings; None: follow Telegram's language_code

    @property
    def onboarded(self) -> bool:
        return self.onboarded_at is not None

    @property
    def speaks(self) -> str | None:
        """The language to write to them in: the one they chose, else their Telegram's
        (a tag that bot.ui.i18n.use_language negotiates; None: English)."""
        return self.language or self.language_code


def _row(row: aiosqlite.Row) -> User:
    return User(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        first_name=row["first_name"],
        language_code=row["language_code"],
        timezone=row["timezone"],
        checkin_weekday=row["checkin_weekday"],
        checkin_time=time.fromisoformat(row["checkin_time"]),
        next_checkin_due=opt_from_db(row["next_checkin_due"]),
        paused=bool(row["paused"]),
        blocked_since=opt_from_db(row["blocked_since"]),
        onboarded_at=opt_from_db(row["onboarded_at"]),
        created_at=from_db(row["created_at"]),
        language=row["language"],
    )


async def get(db: Database, user_id: int) -> User | None:
    row = await db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
    return None if row is None else _row(row)


async def seen(
    db: Database,
    *,
    user_id: int,
    chat_id: int,
    first_name: str,
    language_code: str | None,
    default_timezone: str,
    now: datetime,
) -> tuple[User, bool]:
    """Record that a user wrote to us: create them, refresh their name, clear a block.

    Returns the user and whether they had blocked the bot before this message.
    """
    # Runs on every private update: when nothing changed (the usual case) one read is all,
    # no write transaction (bench/throughput.py measured the upsert as ~6% of an update).
    current = await get(db, user_id)
    if (
        current is not None
        and current.blocked_since is None
        and current.chat_id == chat_id
        and current.first_name == first_name
        and current.language_code == language_code
    ):
        return current, False
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT blocked_since FROM users WHERE user_id = ?", (user_id,)
        ) as cursor:
            before = await cursor.fetchone()
        await conn.execute(
            """
            INSERT INTO users (user_id, chat_id, first_name, language_code, timezone, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                chat_id = excluded.chat_id,
                first_name = excluded.first_name,
                language_code = excluded.language_code,
                blocked_since = NULL
            """,
            (user_id, chat_id, first_name, language_code, default_timezone, to_db(now)),
        )
    user = await get(db, user_id)
    assert user is not None
    was_blocked = before is not None and before["blocked_since"] is not None
    return user, was_blocked


async def set_timezone(db: Database, user_id: int, zone: str) -> None:
    await db.execute("UPDATE users SET timezone = ? WHERE user_id = ?", (zone, user_id))


async def set_schedule(
    db: Database,
    user_id: int,
    *,
    weekday: int,
    at: time,
    next_due: datetime | None,
) -> None:
    await db.execute(
        """
        UPDATE users SET checkin_weekday = ?, checkin_time = ?, next_checkin_due = ?
        WHERE user_id = ?
        """,
        (weekday, at.strftime("%H:%M"), None if next_due is None else to_db(next_due), user_id),
    )


async def set_next_due(db: Database, user_id: int, next_due: datetime | None) -> None:
    await db.execute(
        "UPDATE users SET next_checkin_due = ? WHERE user_id = ?",
        (None if next_due is None else to_db(next_due), user_id),
    )


async def mark_onboarded(db: Database, user_id: int, now: datetime) -> None:
    await db.execute(
        "UPDATE users SET onboarded_at = COALESCE(onboarded_at, ?) WHERE user_id = ?",
        (to_db(now), user_id),
    )


async def set_paused(db: Database, user_id: int, paused: bool) -> None:
    await db.execute("UPDATE users SET paused = ? WHERE user_id = ?", (int(paused), user_id))


async def mark_blocked(db: Database, user_id: int, now: datetime) -> None:
    """The user blocked the bot: stop writing to them until they write to us again."""
    await db.execute(
        "UPDATE users SET blocked_since = COALESCE(blocked_since, ?) WHERE user_id = ?",
        (to_db(now), user_id),
    )


# --- language ---------------------------------------------------------------------------
async def speaks(db: Database, user_id: int) -> str | None:
    """The language tag to write to ``user_id`` in (see :attr:`User.speaks`); None when
    unknown (no such user, or neither a choice nor a Telegram language)."""
    row = await db.fetchone(
        "SELECT COALESCE(language, language_code) AS tag FROM users WHERE user_id = ?",
        (user_id,),
    )
    return None if row is None else row["tag"]


async def languages(db: Database, user_id: int) -> tuple[str | None, str | None]:
    """(the language they chose, their Telegram's as last seen); (None, None) for nobody."""
    row = await db.fetchone(
        "SELECT language, language_code FROM users WHERE user_id = ?", (user_id,)
    )
    return (None, None) if row is None else (row["language"], row["language_code"])


async def set_language(db: Database, user_id: int, language: str) -> None:
    """Their choice in /settings: kept over whatever their Telegram says from now on."""
    await db.execute("UPDATE users SET language = ? WHERE user_id = ?", (language, user_id))
