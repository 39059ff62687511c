"""The server secret: a key kept outside the database, for hashes that whoever holds the
database (or a backup of it) must not be able to reverse by trying ids: the feedback givers'.

``SERVER_SECRET`` (a setting) when it is set; otherwise 32 random bytes, generated on first
start into ``<database file>.secret`` beside the database, mode 0600. The file is written
under another name and linked into place, so two processes starting at once agree on one
key and a reader never sees it half-written. Lose it, and the hashes of rounds still open
stop matching (someone who already answered could answer once more); nothing else depends
on it.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from bot.config import ConfigError, Settings
from bot.storage.db import PRIVATE_MODE, tighten

log = logging.getLogger(__name__)

SECRET_BYTES = 32
SUFFIX = ".secret"
_loaded: dict[Path, bytes] = {}  # one read per file and process


def secret_path(database_path: Path) -> Path:
    """Where the generated secret lives: beside the database, named after it."""
    return database_path.with_name(database_path.name + SUFFIX)


def server_key(settings: Settings) -> bytes:
    """The key: the ``SERVER_SECRET`` setting, or the secret file (created if missing)."""
    configured = settings.server_secret.get_secret_value()
    if configured:
        return configured.encode()
    path = secret_path(settings.database_path).resolve()
    key = _loaded.get(path)
    if key is None:
        key = _loaded[path] = load_or_create(path)
    return key


def load_or_create(path: Path) -> bytes:
    """The key in ``path``; a new random one written there (0600) if there is none."""
    if not path.exists():
        _create(path)
    tighten(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (UnicodeDecodeError, ValueError):
        key = b""
    if len(key) < SECRET_BYTES // 2:
        raise ConfigError(
            f"{path} is not a server secret written by Comeback: restore it, or move it away "
            "to have a new one made (open feedback rounds then accept one more answer from "
            "people who already answered)"
        )
    return key


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f"{path.name}.{secrets.token_hex(4)}.new")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(SECRET_BYTES) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)  # fails if another process got there first: theirs wins
            log.info("server secret created path=%s", path)
        except FileExistsError:
            pass
    finally:
        draft.unlink(missing_ok=True)
