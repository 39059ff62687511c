"""`comeback demo` scripted through stdin: the real bot answers, buttons are numbered."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from bot.app import build_application
from bot.config import Settings
from bot.devtools.demo import run_demo


async def test_scripted_demo_logs_a_rejection(tmp_path: Path) -> None:
    script = "\n".join(
        ["/start", "Berlin", "1", "1", "/rejection", "2", "\\3", "4", "skip it", ":location x"]
    )
    out = io.StringIO()
    db = tmp_path / "demo.sqlite3"
    code = await run_demo(
        Settings(_env_file=None),  # type: ignore[call-arg]
        build_application,
        database=str(db),
        stdin=io.StringIO(script + "\n"),
        out=out,
    )
    text = out.getvalue()
    assert code == 0
    assert "Comeback: It's" in text and "Europe/Berlin" in text
    assert "[1] ✓ Yes" in text
    assert "(you pressed “No response to an application”)" in text
    assert "usage: :location 52.52 13.40" in text
    assert "Logged. That took courage." in text
    assert text.rstrip().endswith("Bye.")
    import sqlite3

    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT kind, where_text, hurt, in_control FROM rejections").fetchone()
    assert row == ("application", "3", 4, "skip it")  # "\3" sent a literal 3


def test_demo_command_runs_without_token_or_network(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        input="/help\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PTB_TIMEDELTA": "1", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "/rejection" in result.stdout and "Bye." in result.stdout
