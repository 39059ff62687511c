"""The languages migration on a file with people and circles from the schema before it."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.storage import circles, users
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

LANGUAGES = next(
    i for i, m in enumerate(MIGRATIONS) if "ALTER TABLE users ADD COLUMN language TEXT" in m
)


async def test_people_and_circles_from_before_keep_speaking_as_they_did(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=LANGUAGES) == LANGUAGES  # the schema before
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, first_name, language_code, created_at) "
            "VALUES (7, 7, 'Ana', 'es-419', '2026-01-01T00:00:00Z'), "
            "(8, 8, 'Ben', NULL, '2026-01-01T00:00:00Z')"
        )
        await conn.execute(
            "INSERT INTO circles (chat_id, title, join_token, created_at) "
            "VALUES (-100, 'Old club', 'tok', '2026-01-01T00:00:00Z')"
        )
    db = Database(path)  # opening migrates to the latest version
    await db.open()
    try:
        ana, ben = await users.get(db, 7), await users.get(db, 8)
        assert ana is not None and ana.language is None and ana.speaks == "es-419"
        assert ben is not None and ben.speaks is None  # English
        old = await circles.by_chat(db, -100)
        assert old is not None and old.language is None  # it spoke English: it still does
        assert await circles.language_of_chat(db, -100) == (True, None)
        assert await circles.language_of_chat(db, -200) == (False, None)

        # A choice in /settings outlasts a later change of Telegram's language.
        await users.set_language(db, 7, "pt_BR")
        await users.seen(
            db,
            user_id=7,
            chat_id=7,
            first_name="Ana",
            language_code="de",
            default_timezone="UTC",
            now=START,
        )
        assert await users.speaks(db, 7) == "pt_BR"
        assert await users.speaks(db, 8) is None
        assert await users.speaks(db, 9) is None  # nobody

        # A new circle speaks its creator's language; re-adding the bot keeps it.
        made = await circles.circle_added(db, -300, "Club", START, "ru")
        assert made.language == "ru"
        await circles.circle_removed(db, -300, START)
        again = await circles.circle_added(db, -300, "Club", START, "en")
        assert again.language == "ru" and again.active
        await circles.set_language(db, again.id, "de")
        assert await circles.language_of_chat(db, -300) == (True, "de")
    finally:
        await db.close()
