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


async def test_privacy_migration_from_the_schema_before_it(tmp_path: Path) -> None:
    """Issue 15: the unkeyed giver hashes go (they could be matched to ids), answers lose
    their date and arrival order, rounds count the answers already there as told, and digest
    posts are tracked from now on; everything else stays."""
    mine = next(i for i, m in enumerate(MIGRATIONS) if any("digest_posts" in s for s in m))
    path = tmp_path / "c.sqlite3"
    now = "2026-11-25T12:00:00Z"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate(conn, target=mine)
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, created_at) VALUES (1, 1, ?)", (now,)
        )
        for round_id, closed in ((1, now), (2, None)):
            await conn.execute(
                "INSERT INTO feedback_rounds (id, user_id, token, salt, created_at, expires_at, "
                "closed_at) VALUES (?, 1, ?, 'salt', ?, '2026-12-25T12:00:00Z', ?)",
                (round_id, f"token{round_id}", now, closed),
            )
        for answer_id, round_id, text in ((1, 1, "a"), (2, 2, "b"), (3, 2, "c")):
            await conn.execute(
                "INSERT INTO feedback_answers (id, round_id, do_better, created_on) "
                "VALUES (?, ?, ?, '2026-11-25')",
                (answer_id, round_id, text),
            )
            await conn.execute(
                "INSERT INTO feedback_givers (round_id, giver_hash) VALUES (?, ?)",
                (round_id, f"unkeyed{answer_id}"),
            )
    db = Database(path)
    await db.open()
    try:
        assert await db.fetchval("SELECT COUNT(*) FROM feedback_givers") == 0
        rows = await db.fetchall("SELECT id, round_id, do_better FROM feedback_answers")
        assert sorted((r["round_id"], r["do_better"]) for r in rows) == [
            (1, "a"),
            (2, "b"),
            (2, "c"),
        ]
        columns = {r["name"] for r in await db.fetchall("PRAGMA table_info(feedback_answers)")}
        assert "created_on" not in columns
        told = await db.fetchall("SELECT id, answers_told FROM feedback_rounds ORDER BY id")
        assert [tuple(r) for r in told] == [(1, 1), (2, 2)]
        assert {"digest_posts", "digest_lines"} <= tables(path)
        # Who answered is kept in no order: the table has no rowid.
        await db.execute("INSERT INTO feedback_givers VALUES (2, 'keyed')")
        with pytest.raises(sqlite3.OperationalError, match="rowid"):
            await db.fetchval("SELECT rowid FROM feedback_givers")
    finally:
        await db.close()
