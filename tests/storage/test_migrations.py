"""Schema migrations on a real SQLite file: from empty, from each earlier version, too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.db import Database
from bot.storage.migrations import LATEST_VERSION, MIGRATIONS, SchemaTooNewError, migrate


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


async def test_from_empty_reaches_latest_with_pragmas(tmp_path: Path) -> None:
    db = Database(tmp_path / "sub" / "c.sqlite3")
    await db.open()
    try:
        assert db.schema_version == LATEST_VERSION
        assert await db.fetchval("PRAGMA journal_mode") == "wal"
        assert await db.fetchval("PRAGMA foreign_keys") == 1
        assert await db.fetchval("PRAGMA busy_timeout") >= 1000
    finally:
        await db.close()
    assert {"users", "rejections", "plans", "wins", "ptb_conversations"} <= tables(db.path)


@pytest.mark.parametrize("start", range(LATEST_VERSION))
async def test_from_each_earlier_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=start) == start
        if start >= 1:
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) "
                "VALUES (1, 1, '2026-01-01T00:00:00Z')"
            )
    db = Database(path)
    await db.open()
    try:
        assert db.schema_version == LATEST_VERSION
        if start >= 1:  # data written under the old schema survives
            assert await db.fetchval("SELECT COUNT(*) FROM users") == 1
    finally:
        await db.close()


async def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    for _ in range(2):
        db = Database(path)
        await db.open()
        assert db.schema_version == LATEST_VERSION
        await db.close()


async def test_newer_schema_refuses_to_start(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db = Database(path)
    with pytest.raises(SchemaTooNewError, match="upgrade Comeback"):
        await db.open()
    assert not db.is_open


async def test_failed_migration_leaves_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    broken = (*MIGRATIONS, ("CREATE TABLE wins (x)",))  # collides: must roll back whole
    monkeypatch.setattr("bot.storage.migrations.MIGRATIONS", broken)
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(conn, target=len(broken))
        async with conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        assert row is not None and row[0] == LATEST_VERSION
