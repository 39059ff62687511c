"""Privacy and hardening (issue 15): private file modes, a rejected token without a
traceback, erased data gone from the database files, backups pruned by the CLI."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops.backup import backup, daily_path, prune, restore
from bot.storage.db import Database
from bot.ui import texts
from tests.harness import BotHarness
from tests.ops.proc import bot_env, kill_all, spawn

ROOT = Path(__file__).resolve().parents[2]
REJECTED_TOKEN = "987654321:AAHrejectedTokenThatTelegramRefuses0"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most shells have (files 0644): what the code must not rely on."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def cli(db_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` as an operator runs it, under the usual umask 022."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**os.environ, "DATABASE_PATH": str(db_path), "PTB_TIMEDELTA": "1", **env},
        cwd=db_path.parent,
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )


# --- item 6: files readable by their owner only -------------------------------------------
async def test_database_wal_and_shm_are_created_0600(tmp_path: Path, loose_umask: None) -> None:
    db = Database(tmp_path / "data" / "c.sqlite3")
    await db.open()
    try:
        await db.execute("INSERT INTO ops_meta (key, value) VALUES ('k', 'v')")
        files = [db.path, *(db.path.with_name(db.path.name + s) for s in ("-wal", "-shm"))]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(db.path.parent) == 0o700
    finally:
        await db.close()


async def test_an_existing_world_readable_database_is_tightened(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "c.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    db = Database(path)
    await db.open()
    await db.close()
    assert mode(path) == 0o600


async def test_backup_and_restore_write_0600_under_any_umask(
    tmp_path: Path, loose_umask: None
) -> None:
    """The explicit modes, without the CLI's umask (as the bot's own code would call them)."""
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    await db.close()
    copy = backup(db.path, tmp_path / "backups" / "copy.sqlite3").path
    db.path.unlink()
    restore(db.path, copy)  # into a database that isn't there: created private
    restore(db.path, copy)  # keeps the current one as .before-restore
    files = [copy, db.path, tmp_path / "c.sqlite3.before-restore"]
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(copy.parent) == 0o700


def test_cli_migrate_backup_and_restore_write_private_files(tmp_path: Path) -> None:
    db_path = tmp_path / "c.sqlite3"
    assert cli(db_path, "migrate").returncode == 0
    backups = tmp_path / "backups"
    made = cli(db_path, "backup", f"{backups}/")
    assert made.returncode == 0, made.stderr
    [copy] = backups.iterdir()
    single = cli(db_path, "backup", str(tmp_path / "one.sqlite3"))
    assert single.returncode == 0, single.stderr
    restored = cli(db_path, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    files = [
        db_path,
        copy,
        tmp_path / "one.sqlite3",
        tmp_path / "c.sqlite3.before-restore",
        tmp_path / "c.sqlite3.lock",
    ]
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(backups) == 0o700


async def test_a_running_bot_keeps_its_files_private(
    emu: BotApiEmulator, tmp_path: Path, loose_umask: None
) -> None:
    db_path = tmp_path / "c.sqlite3"
    bot = spawn(emu, db_path)
    try:
        user = emu.user("Uma")
        await user.send("/start")
        await user.expect_message(timeout=30)
        await emu.settle()
        names = [db_path.name + s for s in ("", "-wal", "-shm", ".lock")]
        assert {n: mode(tmp_path / n) for n in names} == {n: 0o600 for n in names}
        assert await bot.stop() == 0
    finally:
        await kill_all(bot)


# --- item 7: a rejected token -------------------------------------------------------------
async def test_rejected_token_is_one_line_exit_2_and_never_printed(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    env = bot_env(emu, tmp_path / "c.sqlite3", BOT_TOKEN=REJECTED_TOKEN)
    with emu.expecting_refusal("Unauthorized"):
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        await emu.settle()
    assert done.returncode == 2, done.stderr
    output = done.stdout + done.stderr
    secret = REJECTED_TOKEN.split(":")[1]
    assert secret not in output and secret[:8] not in output
    assert "Traceback" not in output
    [line] = done.stderr.splitlines()
    assert line.startswith("comeback: Telegram rejected BOT_TOKEN"), line
    assert done.stdout == ""


# --- item 10: secure_delete and synchronous=FULL ------------------------------------------
async def test_pragmas_set_by_the_code(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    try:
        assert await db.fetchval("PRAGMA secure_delete") == 1
        assert await db.fetchval("PRAGMA synchronous") == 2  # FULL: a confirmed write is on disk
        assert await db.fetchval("PRAGMA journal_mode") == "wal"
    finally:
        await db.close()


async def test_erased_text_is_gone_from_every_database_file(
    bot: BotHarness, alice: UserClient
) -> None:
    marker = "quokka-marker-7f3e"
    await alice.send(f"/win Sent the {marker} portfolio")
    await alice.expect_message()
    await bot.emulator.settle(quiet=0.5)  # a persistence flush
    path = bot.svc.db.path
    files = [path, path.with_name(path.name + "-wal")]
    assert any(marker.encode() in f.read_bytes() for f in files)  # written somewhere

    await alice.send("/delete")
    await alice.press(await alice.expect_message(), texts.BUTTON_DELETE_YES)
    assert (await alice.expect_message()).text == texts.DELETE_WORKING
    await alice.expect_message()  # done
    await bot.emulator.settle(quiet=0.5)
    for f in files:
        # Not in free space in the database (secure_delete), nor in an old page image in the
        # write-ahead log (truncated after the erasure).
        assert marker.encode() not in f.read_bytes(), f.name


# --- item 5: backups are pruned where they are made ---------------------------------------
def test_prune_deletes_only_daily_copies_older_than_the_kept_days(tmp_path: Path) -> None:
    today = date(2026, 11, 25)
    names = [
        "comeback-2026-11-25.sqlite3",
        "comeback-2026-11-11.sqlite3",  # 14 days old: kept
        "comeback-2026-11-10.sqlite3",  # 15: deleted
        "comeback-2025-01-01.sqlite3",  # deleted
        "comeback-2026-02-31.sqlite3",  # not a date: not ours
        "comeback-2020-01-01.sqlite3.keep",
        "notes.txt",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    removed = prune(tmp_path, 14, today)
    assert sorted(p.name for p in removed) == [
        "comeback-2025-01-01.sqlite3",
        "comeback-2026-11-10.sqlite3",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        set(names)
        - {
            "comeback-2025-01-01.sqlite3",
            "comeback-2026-11-10.sqlite3",
        }
    )
    assert daily_path(tmp_path, today).name == "comeback-2026-11-25.sqlite3"


def test_backup_into_a_folder_writes_todays_copy_and_prunes_by_the_setting(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "c.sqlite3"
    assert cli(db_path, "migrate").returncode == 0
    backups = tmp_path / "backups"
    backups.mkdir()
    today = datetime.now(UTC).date()
    old = backups / "comeback-2001-01-01.sqlite3"
    old.write_bytes(b"old")
    made = cli(db_path, "backup", str(backups), BACKUP_KEEP_DAYS="3")
    assert made.returncode == 0, made.stderr
    assert not old.exists()
    assert [p.name for p in backups.iterdir()] == [f"comeback-{today.isoformat()}.sqlite3"]
    assert "deleted: 1" in made.stdout
    # A copy to a named file prunes nothing next to it.
    old.write_bytes(b"old")
    assert cli(db_path, "backup", str(backups / "manual.sqlite3")).returncode == 0
    assert old.exists()
