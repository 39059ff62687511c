"""The real `comeback run` process: logs, SIGTERM, backups while it runs, webhook mode."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from bot.__main__ import main
from bot.devtools.emulator import BotApiEmulator
from bot.ops.backup import backup
from bot.ui import texts
from tests.harness import TOKEN
from tests.ops.proc import kill_all, spawn

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+: ")
TYPED = (
    "Quokka Studios 4711",
    "tailor my quokka letter",
    "landed a quokka interview",
    "Zanzibar",
)


async def _rejection_and_win(emu: BotApiEmulator, name: str) -> None:
    user = emu.user(name)
    await user.send("/rejection")
    kind = await user.expect_message(timeout=30)
    await user.press(kind, "No response to an application")
    await user.expect_message()
    await user.send(TYPED[0])
    hurt = await user.expect_message()
    await user.press(hurt, "3")
    await user.expect_message()
    await user.send(TYPED[1])
    assert "Logged" in (await user.expect_message()).text
    await user.send("/win " + TYPED[2])
    assert TYPED[2] in (await user.expect_message()).text
    await user.send(TYPED[3])  # free text outside a flow
    await user.expect_message()


@pytest.mark.parametrize("fmt", ["text", "json"])
async def test_debug_logs_have_ids_but_never_the_token_or_typed_text(
    emu: BotApiEmulator, tmp_path: Path, fmt: str
) -> None:
    bot = spawn(emu, tmp_path / "c.sqlite3", LOG_LEVEL="DEBUG", LOG_FORMAT=fmt)
    try:
        await _rejection_and_win(emu, "Dee")
        await emu.settle(quiet=0.5)
        assert await bot.stop() == 0
    finally:
        await kill_all(bot)
    log = bot.stderr
    lines = log.splitlines()
    assert len(lines) > 50, log  # DEBUG is on
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    for typed in TYPED:
        assert typed not in log and typed.lower() not in log.lower()
    assert "rejection logged user_id=" in log  # ids are there
    for line in lines:  # one line per event
        if fmt == "json":
            event = json.loads(line)
            assert {"ts", "level", "logger", "msg"} <= set(event)
        else:
            assert LINE.match(line), line


async def test_sigterm_finishes_the_update_in_hand_flushes_and_exits_0(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "c.sqlite3"
    # Conversation state is flushed only at shutdown: a long interval proves the flush.
    bot = spawn(emu, db_path, PERSISTENCE_FLUSH_SECONDS="600")
    ann = emu.user("Ann")
    try:
        await ann.send("/rejection")
        kind = await ann.expect_message(timeout=30)
        await ann.press(kind, "No response to an application")
        assert (await ann.expect_message()).text == texts.ASK_WHERE
        emu.inject_delay("sendMessage", delay=1.5, chat_id=ann.id)
        await ann.send("Initech")
        calls = len(emu.calls("sendMessage"))
        await emu.wait_until(lambda: len(emu.calls("sendMessage")) > calls or None, 10)
        started = time.monotonic()
        code = await bot.stop(signal.SIGTERM)  # while the reply is in flight
        elapsed = time.monotonic() - started
    finally:
        await kill_all(bot)
    assert code == 0, bot.stderr
    assert elapsed < 6, elapsed
    assert (await ann.expect_message()).text == texts.ASK_HURT  # the update in hand finished
    assert "database closed" in bot.stderr and "Traceback" not in bot.stderr

    bot = spawn(emu, db_path, name="again")
    try:
        await ann.press(ann.emulator.chat(ann.id).bot_messages[-1], "4")
        assert (await ann.expect_message(timeout=30)).text == texts.ASK_CONTROL
        await ann.send("Follow up in a week")
        assert "Logged" in (await ann.expect_message()).text
        assert await bot.stop() == 0
    finally:
        await kill_all(bot)
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT where_text, hurt FROM rejections").fetchone()
    assert row == ("Initech", 4)


async def test_backup_while_running_and_restore_refused_until_stopped(
    emu: BotApiEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "c.sqlite3"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(db_path))
    bot = spawn(emu, db_path)
    bo = emu.user("Bo")
    try:
        for i in range(20):
            await bo.send(f"/win number {i}")
            if i == 10:  # a backup while the bot writes
                result = await asyncio.to_thread(backup, db_path, tmp_path / "b1.sqlite3")
                assert result.bytes > 0
            await bo.expect_message(timeout=30)
        assert main(["health"]) == 0  # heartbeat written on start
        assert main(["backup", str(tmp_path / "b2.sqlite3")]) == 0
        assert main(["restore", str(tmp_path / "b1.sqlite3")]) == 1  # a bot runs: refused
        assert await bot.stop() == 0
    finally:
        await kill_all(bot)
    with sqlite3.connect(tmp_path / "b2.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM wins").fetchone()[0] == 20
    with sqlite3.connect(tmp_path / "b1.sqlite3") as conn:
        assert 10 <= conn.execute("SELECT count(*) FROM wins").fetchone()[0] <= 11
    assert main(["restore", str(tmp_path / "b1.sqlite3")]) == 0
    with sqlite3.connect(db_path) as conn:
        assert 10 <= conn.execute("SELECT count(*) FROM wins").fetchone()[0] <= 11
    with sqlite3.connect(db_path.with_name("c.sqlite3.before-restore")) as conn:
        assert conn.execute("SELECT count(*) FROM wins").fetchone()[0] == 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_secret_generated_once_and_checked(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "c.sqlite3"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {"WEBHOOK_URL": url, "LISTEN_PORT": str(port), "LISTEN_HOST": "127.0.0.1"}
    wes = emu.user("Wes")
    message = await wes.send("/help")
    update = {"update_id": 900_001, "message": message}
    bot = spawn(emu, db_path, **env)
    try:
        await emu.wait_until(lambda: emu.webhook.get("url") or None, 30)
        assert emu.webhook["url"] == url
        secret = emu.webhook["secret_token"]
        assert len(secret) >= 32
        async with httpx.AsyncClient() as http:
            for attempt in range(50):  # the server starts listening right after setWebhook
                try:
                    denied = await http.post(url, json=update)
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1 * attempt)
            assert denied.status_code == 403
            wrong = await http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            assert wrong.status_code == 403
            ok = await http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
            )
            assert ok.status_code == 200
        assert "Comeback helps you" in (await wes.expect_message(timeout=15)).text
        assert await bot.stop() == 0
    finally:
        await kill_all(bot)
    assert "WEBHOOK_SECRET was generated" in bot.stdout
    assert secret not in bot.stdout and secret not in bot.stderr  # never printed nor logged
    kept = [str(c.params.get("drop_pending_updates", "")).lower() for c in emu.calls("setWebhook")]
    assert kept and all(k in ("", "false") for k in kept)  # pending updates never dropped

    again = spawn(emu, db_path, name="again", **env)
    try:
        await emu.wait_until(lambda: len(emu.calls("setWebhook")) > 1 or None, 30)
        assert await again.stop() == 0
    finally:
        await kill_all(again)
    assert emu.webhook["secret_token"] == secret  # kept in the database
    assert secret not in again.stdout  # not printed again
