"""`comeback backup PATH` and `comeback restore PATH`, with SQLite's online backup API.

Backup copies the live database page by page from a separate connection while the bot runs
(WAL mode: the bot keeps reading and writing; the copy is one consistent snapshot). It is
written next to PATH under a temporary name, checked with ``PRAGMA integrity_check``, then
renamed into place, so PATH is always either the old backup or a complete new one.

Restore refuses while a bot holds the database (:mod:`bot.ops.lock`), checks the backup first,
keeps the current file as ``<database>.before-restore`` and copies the backup in.

Every file written here is private (0600), like the database. Backed up into a folder, a copy
is named by its UTC date (``comeback-YYYY-MM-DD.sqlite3``) and copies older than the kept
number of days are deleted (:func:`prune`): what a person erased is gone from the backups
after that many days.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bot.ops.lock import InstanceLock
from bot.storage.db import private_file
from bot.storage.migrations import LATEST_VERSION

log = logging.getLogger(__name__)

PAGES_PER_STEP = 1024  # copy in steps, so the bot's writes are never held up for long


class BackupError(RuntimeError):
    """The copy could not be made or would not be sound; the message says why."""


@dataclass(frozen=True)
class CopyResult:
    path: Path
    bytes: int
    seconds: float
    schema_version: int


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=PAGES_PER_STEP, sleep=0.005)


def check_file(path: Path) -> int:
    """Integrity-check an SQLite file; returns its schema version."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} does not open: {exc}") from None
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{path} failed the integrity check: {result}")
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a Comeback database: {exc}") from None
    finally:
        conn.close()


def backup(database: Path, target: Path) -> CopyResult:
    if not database.exists():
        raise BackupError(f"{database} does not exist")
    target = target.resolve()
    if target == database.resolve():
        raise BackupError("the backup must not be the database itself")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    private_file(partial)
    started = time.perf_counter()
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30.0)
    try:
        dest = sqlite3.connect(partial)
        try:
            _copy(source, dest)
            # A backup is one self-contained file, whatever the journal mode of the source.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from None
    finally:
        source.close()
    try:
        version = check_file(partial)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    seconds = time.perf_counter() - started
    size = target.stat().st_size
    log.info("backup written path=%s bytes=%d seconds=%.3f", target, size, seconds)
    return CopyResult(target, size, seconds, version)


def restore(database: Path, source: Path) -> CopyResult:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    if source.resolve() == database.resolve():
        raise BackupError("the backup is the database itself")
    version = check_file(source)
    if version > LATEST_VERSION:
        raise BackupError(
            f"{source} has schema version {version}; this Comeback knows up to {LATEST_VERSION}"
        )
    started = time.perf_counter()
    with InstanceLock(database, "restore"):  # raises LockedError while a bot runs
        database.parent.mkdir(parents=True, exist_ok=True)
        if database.exists():
            keep = database.with_name(database.name + ".before-restore")
            backup(database, keep)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            private_file(database)
            dest = sqlite3.connect(database, timeout=30.0)
            try:
                _copy(src, dest)
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
        finally:
            src.close()
    seconds = time.perf_counter() - started
    log.info("database restored from path=%s seconds=%.3f", source, seconds)
    return CopyResult(database, database.stat().st_size, seconds, version)


# --- daily copies in a folder, and how long they are kept ------------------------------------
DAILY_NAME = re.compile(r"comeback-(\d{4}-\d{2}-\d{2})\.sqlite3")


def daily_path(folder: Path, day: date) -> Path:
    """Where the copy of ``day`` (UTC) goes in a backup folder; a second one that day
    replaces it."""
    return folder / f"comeback-{day.isoformat()}.sqlite3"


def prune(folder: Path, keep_days: int, today: date) -> list[Path]:
    """Delete the daily copies in ``folder`` dated more than ``keep_days`` days before
    ``today``; returns what was deleted. Only names :func:`daily_path` gives are touched."""
    oldest = today - timedelta(days=keep_days)
    removed = []
    for path in sorted(folder.iterdir()):
        match = DAILY_NAME.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:  # a 31st of February: not one of ours
            continue
        if day < oldest:
            path.unlink(missing_ok=True)
            removed.append(path)
    if removed:
        log.info(
            "old backups deleted folder=%s count=%d keep_days=%d", folder, len(removed), keep_days
        )
    return removed
