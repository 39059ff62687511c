"""The one aiosqlite connection of the process, its pragmas, and transactions.

The database holds what people confide, so its files are private (0600, and SQLite gives
the ``-wal`` and ``-shm`` files the mode of the database), erased rows are overwritten
(``secure_delete``), and a confirmed write is on disk before the reply (``synchronous =
FULL``: in WAL mode, NORMAL may lose the last commits on a power cut).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import stat
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage.migrations import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
Params = Sequence[Any] | dict[str, Any]
PRIVATE_MODE = 0o600
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    # Erased rows are overwritten with zeros, not left in free space (not every SQLite
    # build has this on by default).
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
)


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600; tighten an existing file others could read."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)


def tighten(path: Path) -> None:
    """Take every right of group and others off ``path`` (a file written by an older version,
    or under a loose umask): 0644 becomes 0600, 0444 becomes 0400. A file we don't own is
    left as it is, logged."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
            log.warning("file mode tightened path=%s from=%o to=%o", path, mode, mode & 0o700)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("file mode not tightened path=%s: %s", path, type(exc).__name__)


class Database:
    """One connection per process: WAL, foreign keys on, busy timeout, migrated on open.

    Writes go through :meth:`transaction` (``BEGIN IMMEDIATE`` … ``COMMIT``), serialised by
    a lock so that coroutines sharing the connection never interleave their statements.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._open_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self.schema_version = 0

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self) -> None:
        """Connect and migrate; safe to call more than once."""
        async with self._open_lock:
            if self._conn is not None:
                return
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            private_file(self.path)
            for companion in ("-wal", "-shm"):
                tighten(self.path.with_name(self.path.name + companion))
            pending = aiosqlite.connect(self.path, isolation_level=None)
            # aiosqlite's worker thread is not a daemon: a connection left open by a crash
            # path would keep the interpreter alive forever. We always close in shutdown
            # (and SQLite's WAL survives an abrupt end), so never let it block exit.
            worker = getattr(pending, "_thread", None)
            if worker is not None and not worker.is_alive():
                worker.daemon = True
            conn = await pending
            try:
                conn.row_factory = aiosqlite.Row
                for pragma in PRAGMAS:
                    await conn.execute(pragma)
                self.schema_version = await migrate(conn)
            except BaseException:
                await conn.close()
                raise
            self._conn = conn
            log.info("database open path=%s schema=%d", self.path, self.schema_version)

    async def close(self) -> None:
        async with self._open_lock:
            if self._conn is None:
                return
            conn, self._conn = self._conn, None
            await conn.close()
            log.info("database closed path=%s", self.path)

    async def scrub(self) -> bool:
        """After an erasure: copy the write-ahead log into the database and truncate it, so
        the old versions of erased rows don't linger in the ``-wal`` file (``secure_delete``
        zeroes them in the database). False if a reader (a backup) kept the log in use; the
        next checkpoint after it finishes overwrites them."""
        async with self._write_lock:  # no transaction of ours is open meanwhile
            try:
                row = await self.fetchone("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError as exc:  # a read still in progress on it
                log.warning("write-ahead log not truncated path=%s: %s", self.path, exc)
                return False
        done = row is not None and row[0] == 0
        if not done:
            log.warning("write-ahead log not truncated path=%s: in use by a reader", self.path)
        return done

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction; commits on success, rolls back on any exception."""
        async with self._write_lock:
            conn = self.conn
            try:
                # Shielded: a task cancelled while waiting (shutdown, a test's teardown) must
                # not leave a BEGIN or COMMIT half-known. The connection runs statements on
                # one thread, in order, so the ROLLBACK below always comes after them.
                await asyncio.shield(conn.execute("BEGIN IMMEDIATE"))
                yield conn
                await asyncio.shield(conn.execute("COMMIT"))
            except BaseException:
                # SQLite may have rolled back already (a full disk does), or BEGIN may never
                # have run: a failing ROLLBACK must not mask the cause.
                with contextlib.suppress(sqlite3.Error):
                    await asyncio.shield(conn.execute("ROLLBACK"))
                raise

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement in its own transaction; returns the affected row count."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)
