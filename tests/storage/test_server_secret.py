"""The server secret (issue 15, item 4): made once beside the database, private, stable; or a
setting."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.storage import server_secret


def settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, database_path=tmp_path / "data" / "c.sqlite3", **values)  # type: ignore[call-arg]


def test_made_once_beside_the_database_private(tmp_path: Path) -> None:
    path = server_secret.secret_path(tmp_path / "data" / "c.sqlite3")
    assert path == tmp_path / "data" / "c.sqlite3.secret"
    key = server_secret.server_key(settings(tmp_path))
    assert len(key) == server_secret.SECRET_BYTES
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert server_secret.load_or_create(path) == key  # read again, not made again
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no draft left behind


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3.secret"
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: server_secret.load_or_create(path), range(32)))
    assert len(keys) == 1


def test_a_loose_file_is_tightened_and_a_foreign_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3.secret"
    key = server_secret.load_or_create(path)
    path.chmod(0o644)
    assert server_secret.load_or_create(path) == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    path.write_text("not a key\n")
    with pytest.raises(ConfigError, match="not a server secret"):
        server_secret.load_or_create(path)


def test_the_setting_wins_and_writes_no_file(tmp_path: Path) -> None:
    configured = "s" * 40
    assert server_secret.server_key(settings(tmp_path, server_secret=configured)) == b"s" * 40
    assert not (tmp_path / "data").exists()
    with pytest.raises(ConfigError, match="SERVER_SECRET"):
        load_settings(_env_file=None, server_secret="too short")
