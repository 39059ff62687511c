"""A bot restarted mid-conversation continues at the same step: after a clean shutdown, and
after SIGKILL of a real `comeback run` process once persistence has flushed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.harness import TOKEN, BotHarness


async def test_clean_shutdown_mid_flow_resumes_at_the_same_step(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("send my portfolio to 3 studios")
    ask_then = await alice.expect_message()
    assert "then" in ask_then.text
    await bot.restart()
    await alice.send("one of them invites me to talk")
    when = await alice.expect_message()
    assert "If I send my portfolio to 3 studios, then one of them invites me to talk." in when.text


def spawn_bot(emu: BotApiEmulator, db_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": emu.base_url,
        "BOT_API_FILE_URL": emu.base_file_url,
        "DATABASE_PATH": str(db_path),
        "TICK_SECONDS": "3600",
        "PERSISTENCE_FLUSH_SECONDS": "0.2",
        "PTB_TIMEDELTA": "1",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=db_path.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def stop(process: subprocess.Popen[bytes], sig: int) -> bytes:
    process.send_signal(sig)
    await asyncio.to_thread(process.wait, 30)
    assert process.stderr is not None
    with process.stderr:
        return process.stderr.read()


async def test_sigkill_after_flush_resumes_at_the_same_step(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "c.sqlite3"
    ann = emu.user("Ann")
    process = spawn_bot(emu, db_path)
    try:
        await ann.send("/rejection")
        kind = await ann.expect_message(timeout=30)
        await ann.press(kind, "No response to an application")
        await ann.expect_message()
        await ann.send("Hooli <b>")
        hurt = await ann.expect_message()
        assert hurt.text == texts.ASK_HURT
        await emu.settle(quiet=1.0)  # several flush intervals pass
    finally:
        await stop(process, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL

    process = spawn_bot(emu, db_path)
    try:
        await ann.press(hurt, "3")
        control = await ann.expect_message(timeout=30)
        assert control.text == texts.ASK_CONTROL
        await ann.send("Tailor the CV to the posting")
        saved = await ann.expect_message()
        assert "Logged" in saved.text
    finally:
        stderr = await stop(process, signal.SIGTERM)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    assert TOKEN.encode() not in stderr

    import sqlite3

    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT kind, where_text, hurt, in_control FROM rejections").fetchone()
    assert row == ("application", "Hooli <b>", 3, "Tailor the CV to the posting")
