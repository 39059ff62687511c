"""One bot per database file: an exclusive ``flock`` on ``<database>.lock``.

`comeback run` holds the lock for as long as the process lives; the kernel drops it when the
process ends in any way (exit, crash, SIGKILL), so there is never a stale lock to clean up.
The file also holds the PID of the holder, for the messages. `comeback restore` takes the
same lock before touching the database, so it cannot overwrite a running bot's file, and a
bot cannot start while a restore is writing. (flock works on local file systems and Docker
volumes; it is not reliable on some network file systems: keep the database local.)
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class LockedError(RuntimeError):
    """Another process holds the database: a running bot, or a restore in progress."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    def __init__(self, database: Path, purpose: str = "run") -> None:
        self.path = lock_path(database)
        self.purpose = purpose
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise LockedError(
                f"{self.path.name} is held by another process ({holder}): a bot is running "
                "on this database, or a restore is in progress"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} {self.purpose}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def is_locked(database: Path) -> bool:
    try:
        with InstanceLock(database, "probe"):
            return False
    except LockedError:
        return True
