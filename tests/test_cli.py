"""The command line: clear one-line errors, exit status 2, no traceback, no token in logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.logs import RedactFilter

TOKEN = "123456789:AAHtestTokenForComebackEmulator01"


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("token", "expected"),
    [("", "BOT_TOKEN is not set"), ("not-a-token", "BOT_TOKEN is malformed")],
)
def test_run_without_a_valid_token_says_so_in_one_line(
    tmp_path: Path, token: str, expected: str
) -> None:
    result = run_cli("run", cwd=tmp_path, BOT_TOKEN=token)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0] and "@BotFather" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_setting_is_named(tmp_path: Path) -> None:
    result = run_cli("migrate", cwd=tmp_path, TICK_SECONDS="soon")
    assert result.returncode == 2
    assert "TICK_SECONDS" in result.stderr and "Traceback" not in result.stderr


def test_migrate_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    result = run_cli("migrate", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "d" / "c.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert "schema version" in result.stdout
    assert (tmp_path / "d" / "c.sqlite3").exists()


def test_settings_read_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nDEFAULT_TIMEZONE=Europe/Berlin\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    settings = load_settings()
    assert settings.require_token() == TOKEN
    assert settings.default_timezone == "Europe/Berlin"
    assert TOKEN not in repr(settings)
    with pytest.raises(ConfigError, match="DEFAULT_TIMEZONE"):
        load_settings(default_timezone="Mars/Olympus")


def test_redact_filter_hides_the_token(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactFilter(TOKEN))
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    assert TOKEN not in caplog.text and "<token>" in caplog.text
