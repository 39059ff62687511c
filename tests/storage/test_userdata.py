"""Export and erase find tables by their columns: also tables added after this feature."""

from __future__ import annotations

from pathlib import Path

from bot.storage import userdata
from bot.storage.db import Database

NOW = "2026-11-25T12:00:00Z"


async def test_tables_added_later_are_covered(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    try:
        conn = db.conn
        # A feature that never heard of /delete: no cascades, other column names.
        await conn.execute(
            "CREATE TABLE scribbles (id INTEGER PRIMARY KEY, "
            "author INTEGER NOT NULL REFERENCES users (user_id), body TEXT)"
        )
        await conn.execute(
            "CREATE TABLE scribble_tags "
            "(note_id INTEGER NOT NULL REFERENCES scribbles (id), tag TEXT)"
        )
        await conn.execute(
            "CREATE TABLE boards (id INTEGER PRIMARY KEY, "
            "made_by INTEGER REFERENCES users (user_id) ON DELETE SET NULL, name TEXT)"
        )
        await conn.execute("CREATE TABLE deliveries (chat_id INTEGER, what TEXT)")
        for uid in (1, 2):
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, ?)",
                (uid, uid, NOW),
            )
            await conn.execute(
                "INSERT INTO scribbles (id, author, body) VALUES (?, ?, 'hi')", (uid * 10, uid)
            )
            await conn.execute("INSERT INTO scribble_tags VALUES (?, 'x')", (uid * 10,))
            await conn.execute("INSERT INTO boards (made_by, name) VALUES (?, 'b')", (uid,))
            await conn.execute("INSERT INTO deliveries VALUES (?, 'sent')", (uid,))
        await conn.execute("INSERT INTO deliveries VALUES (-100, 'group')")

        found = {t.name: t for t in await userdata.collect(db, 1)}
        assert set(found) == {"users", "scribbles", "scribble_tags", "boards", "deliveries"}
        assert found["scribble_tags"].rows == ((10, "x"),)

        removed = await userdata.erase(db, 1)
        assert removed == {"users": 1, "scribbles": 1, "scribble_tags": 1, "deliveries": 1}
        assert await db.fetchval("SELECT COUNT(*) FROM scribbles") == 1
        assert await db.fetchval("SELECT COUNT(*) FROM scribble_tags") == 1
        rows = await db.fetchall("SELECT made_by FROM boards ORDER BY id")
        assert [tuple(r) for r in rows] == [(None,), (2,)]
        assert await db.fetchval("SELECT COUNT(*) FROM deliveries") == 2
        assert await userdata.collect(db, 1) == []
        assert len(await userdata.collect(db, 2)) == 5
    finally:
        await db.close()
