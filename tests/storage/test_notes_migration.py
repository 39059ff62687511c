"""The notes migration (issue 13) on a file that holds data from the schema before it."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.storage import entries, userdata
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

NOTES = next(i for i, m in enumerate(MIGRATIONS) if any("CREATE TABLE notes" in s for s in m))


async def test_entries_from_before_notes_survive_and_notes_are_the_persons(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=NOTES) == NOTES  # the schema before notes
        for uid in (7, 8):
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) "
                "VALUES (?, ?, '2026-01-01T00:00:00Z')",
                (uid, uid),
            )
        await conn.execute(
            "INSERT INTO rejections (user_id, kind, where_text, hurt, created_at) "
            "VALUES (7, 'interview', 'Acme', 3, '2026-01-02T00:00:00Z')"
        )
        await conn.execute(
            "INSERT INTO wins (user_id, text, created_at) VALUES (7, 'old win', "
            "'2026-01-03T00:00:00Z')"
        )
    db = Database(path)  # opening migrates to the latest version
    await db.open()
    try:
        old = await db.fetchone("SELECT * FROM rejections WHERE user_id = 7")
        assert old is not None and old["where_text"] == "Acme" and old["note"] is None
        logged = await entries.add_rejection(
            db,
            user_id=7,
            kind="other",
            other_text="Got rejected from Google today",
            where_text=None,
            hurt=2,
            in_control=None,
            now=START,
            update_id=5,
            note="Got rejected from Google today",
        )
        assert logged.note == "Got rejected from Google today"
        first = await entries.add_note(db, user_id=7, text="call Jo back", now=START, update_id=6)
        again = await entries.add_note(db, user_id=7, text="call Jo back", now=START, update_id=6)
        assert first.id == again.id  # a replayed update saves once
        await entries.add_note(db, user_id=8, text="someone else's", now=START)
        # /history: the note among the rest, newest first, only the person's own.
        assert await entries.history_count(db, 7) == 4
        kinds = [item.kind for item in await entries.history_page(db, 7, 0, 10)]
        assert sorted(kinds) == ["note", "rejection", "rejection", "win"]
        assert kinds[0] in ("note", "rejection")  # both at START, the newest time
        # /export and /delete cover the new table without being told about it.
        found = {t.name: t for t in await userdata.collect(db, 7)}
        notes = found["notes"]
        text = notes.columns.index("text")
        assert [row[text] for row in notes.rows] == ["call Jo back"]
        await userdata.erase(db, 7)
        assert await db.fetchval("SELECT COUNT(*) FROM notes WHERE user_id = 7") == 0
        assert await db.fetchval("SELECT COUNT(*) FROM notes WHERE user_id = 8") == 1
    finally:
        await db.close()
