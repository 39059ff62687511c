"""Health, backups, the instance lock and log formatting, without a running bot."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import logs
from bot.__main__ import main
from bot.clock import to_db
from bot.ops import health
from bot.ops.backup import BackupError, backup, restore
from bot.ops.lock import InstanceLock, LockedError, is_locked
from bot.storage.db import Database
from bot.storage.migrations import LATEST_VERSION
from tests.harness import TOKEN

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def _database(path: Path, last_tick: datetime | None = None, failures: int = 0) -> None:
    db = Database(path)
    await db.open()
    if last_tick is not None:
        await db.execute(
            "INSERT INTO ops_meta (key, value) VALUES ('last_tick', ?)", (to_db(last_tick),)
        )
    for _ in range(failures):
        await db.execute(
            "INSERT INTO ops_send_failures (at, method, error) VALUES (?, 'sendMessage', 'x')",
            (to_db(NOW - timedelta(minutes=5)),),
        )
    await db.execute(  # an old failure does not count
        "INSERT INTO ops_send_failures (at, method, error) VALUES (?, 'sendMessage', 'x')",
        (to_db(NOW - timedelta(hours=2)),),
    )
    await db.close()


def _check(path: Path) -> health.Health:
    return health.check(path, now=NOW, tick_seconds=30, max_failed_sends=3)


async def test_health_reports_each_part(tmp_path: Path) -> None:
    missing = _check(tmp_path / "nope.sqlite3")
    assert not missing.healthy and not missing.database_ok
    assert not (tmp_path / "nope.sqlite3").exists()  # health never creates the file

    fresh = tmp_path / "fresh.sqlite3"
    await _database(fresh)
    report = _check(fresh)
    assert report.healthy, report.problems  # no bot ran yet: no tick is not a failure
    assert report.schema_version == LATEST_VERSION and report.last_tick is None
    assert report.failed_sends_last_hour == 0

    alive = tmp_path / "alive.sqlite3"
    await _database(alive, last_tick=NOW - timedelta(seconds=20), failures=2)
    report = _check(alive)
    assert report.healthy and report.tick_age_seconds == 20
    assert report.failed_sends_last_hour == 2
    assert json.loads(report.to_json())["healthy"] is True
    assert "failed sends in the last hour: 2" in report.to_text()

    stale = tmp_path / "stale.sqlite3"
    await _database(stale, last_tick=NOW - timedelta(minutes=10), failures=4)
    report = _check(stale)
    assert not report.healthy and len(report.problems) == 2

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.execute("PRAGMA user_version = 1")
    assert "schema version 1" in _check(old).problems[0]

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    report = _check(garbage)
    assert not report.healthy and not report.database_ok


def test_health_cli_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "c.sqlite3"))
    assert main(["health"]) == 1
    assert main(["migrate"]) == 0
    assert main(["health", "--json"]) == 0


async def test_backup_restore_and_lock(tmp_path: Path) -> None:
    db_path = tmp_path / "c.sqlite3"
    await _database(db_path, last_tick=NOW)
    result = backup(db_path, tmp_path / "backups" / "b.sqlite3")
    assert result.schema_version == LATEST_VERSION and result.bytes > 0
    with pytest.raises(BackupError):
        backup(db_path, db_path)
    with pytest.raises(BackupError):
        restore(db_path, tmp_path / "missing.sqlite3")
    (tmp_path / "bad.sqlite3").write_bytes(b"nope" * 1000)
    with pytest.raises(BackupError):
        restore(db_path, tmp_path / "bad.sqlite3")
    with InstanceLock(db_path):  # a running bot
        assert is_locked(db_path)
        with pytest.raises(LockedError, match="pid"):
            restore(db_path, result.path)
        with pytest.raises(LockedError):
            InstanceLock(db_path).acquire()  # and no second bot on the same file
    assert not is_locked(db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM ops_meta")
    restore(db_path, result.path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM ops_meta").fetchone()[0] == 1


def _record(name: str, msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError(f"boom {TOKEN}\nsecond line")
        except ValueError:
            import sys

            exc_info = sys.exc_info()
    return logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, exc_info)


def test_log_lines_one_per_event_no_secrets_no_user_text() -> None:
    text = logs.TextFormatter({TOKEN: "<token>", "s3cret-value": "<secret>"}, logs.FORMAT)
    line = text.format(_record("bot.x", "url %s secret %s", TOKEN, "s3cret-value", exc=True))
    assert "\n" not in line and TOKEN not in line and "s3cret-value" not in line
    assert "<token>" in line and "<secret>" in line

    hide = logs.LibraryArgsFilter()
    typed = _record(
        "telegram.ext.ExtBot",
        "Calling Bot API endpoint `%s` with parameters `%s`",
        "sendMessage",
        {"chat_id": 1, "text": "my private words"},
    )
    hide.filter(typed)
    assert typed.getMessage() == "Calling Bot API endpoint `sendMessage` with parameters `<…>`"
    ours = _record("bot.flows", "user_id=%s %s", 5, "kept as is")
    hide.filter(ours)
    assert ours.getMessage() == "user_id=5 kept as is"

    as_json = logs.JsonFormatter({TOKEN: "<token>"})
    event = json.loads(as_json.format(_record("bot.x", "token %s", TOKEN, exc=True)))
    assert event["msg"] == "token <token>" and "second line" in event["exc"]
    assert TOKEN not in json.dumps(event)
