"""The inbox migration on a file that holds data from the schema before it."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from bot.storage import entries
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

INBOX = next(i for i, m in enumerate(MIGRATIONS) if any("CREATE TABLE inbox" in s for s in m))


async def test_entries_written_before_the_inbox_survive_and_stay_unkeyed(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=INBOX) == INBOX
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, created_at) VALUES (7, 7, '2026-01-01T00:00:00Z')"
        )
        for _ in range(2):  # two old rows each: no update id, so no unique clash
            await conn.execute(
                "INSERT INTO rejections (user_id, kind, hurt, created_at) "
                "VALUES (7, 'interview', 3, '2026-01-02T00:00:00Z')"
            )
            await conn.execute(
                "INSERT INTO wins (user_id, text, created_at) "
                "VALUES (7, 'old win', '2026-01-02T00:00:00Z')"
            )
            await conn.execute(
                "INSERT INTO plans (user_id, if_do, then_happens, created_at) "
                "VALUES (7, 'call Jo', 'I hear back', '2026-01-02T00:00:00Z')"
            )
    db = Database(path)
    await db.open()
    try:
        for table in ("rejections", "wins", "plans"):
            rows = await db.fetchall(f"SELECT update_id FROM {table} WHERE user_id = 7")
            assert [r["update_id"] for r in rows] == [None, None]
        assert await db.fetchval("SELECT COUNT(*) FROM inbox") == 0
        # Old rows without an update id never block a new one, and one update saves once.
        first = await entries.add_win(db, user_id=7, text="new", now=START, update_id=1001)
        again = await entries.add_win(db, user_id=7, text="new", now=START, update_id=1001)
        other = await entries.add_win(db, user_id=7, text="new", now=START, update_id=1002)
        assert first.id == again.id != other.id
        assert await db.fetchval("SELECT COUNT(*) FROM wins WHERE user_id = 7") == 4
    finally:
        await db.close()


@pytest.mark.parametrize("table", ["rejections", "wins", "plans"])
async def test_one_row_per_update_and_person(tmp_path: Path, table: str) -> None:
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    try:
        for uid in (1, 2):
            await db.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, ?)",
                (uid, uid, "2026-01-01T00:00:00Z"),
            )
        ids = []
        for uid in (1, 1, 2):  # the same update handled twice, then another person's
            if table == "rejections":
                saved: entries.Rejection | entries.Win | entries.Plan = await entries.add_rejection(
                    db,
                    user_id=uid,
                    kind="interview",
                    other_text=None,
                    where_text=None,
                    hurt=2,
                    in_control=None,
                    now=START,
                    update_id=5,
                )
            elif table == "wins":
                saved = await entries.add_win(db, user_id=uid, text="w", now=START, update_id=5)
            else:
                saved = await entries.add_plan(
                    db,
                    user_id=uid,
                    rejection_id=None,
                    if_do="a",
                    then_happens="b",
                    follow_up_on=None,
                    follow_up_due=None,
                    now=START,
                    update_id=5,
                )
            ids.append(saved.id)
        assert ids[0] == ids[1] != ids[2]
        assert await db.fetchval(f"SELECT COUNT(*) FROM {table}") == 2
    finally:
        await db.close()
