"""`comeback demo`: the real bot, a SQLite file and the local emulator, chatted with in a terminal.

What you type is sent as the user. The bot's messages are printed with their buttons
numbered; type a number to press one (start with a backslash to send a number as text,
e.g. ``\\3``). ``:location 52.52 13.40`` shares a location, ``:sticker`` and ``:photo`` send
those, ``:quit`` leaves. With stdin not a terminal, each line is one message: the demo waits
for the bot's answer to each and exits at the end of input, so it can be scripted:
``printf '/start\\nBerlin\\n' | comeback demo``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.devtools.client import BotMessage, Button, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops.runner import running
from bot.services import App

DEMO_TOKEN = "123456789:AAdemoTokenForTheLocalEmulatorOnly"
QUIET_SECONDS = 0.4


class Screen:
    """Prints what's new in the chat since the last look, numbering the latest buttons."""

    def __init__(self, user: UserClient, out: TextIO) -> None:
        self.user = user
        self.out = out
        self.shown: dict[int, int] = {}  # message_id -> number of edits already shown
        self.buttons: list[tuple[BotMessage, Button]] = []
        self.first_texts: dict[int, str] = {}

    async def refresh(self) -> None:
        numbered: list[tuple[BotMessage, Button]] = []
        for msg in await self.user.messages():
            seen = self.shown.get(msg.message_id)
            if seen is not None and seen == len(msg.edits) and not msg.deleted:
                continue
            if msg.deleted:
                if seen is not None and seen >= 0:
                    self.out.write("  (the bot deleted a message)\n")
                self.shown[msg.message_id] = -1
                continue
            if seen is None:
                self._print("Comeback", msg.text or "", msg)
            else:
                before = msg.edits[seen - 1].text if seen > 0 else self._first_text(msg)
                now = msg.text or ""
                added = now[len(before) :].strip() if before and now.startswith(before) else now
                self._print("Comeback (edited)", added, msg)
            self.shown[msg.message_id] = len(msg.edits)
            for row in msg.buttons:
                for button in row:
                    numbered.append((msg, button))
        if numbered:
            self.buttons = numbered
            for i, (_, button) in enumerate(self.buttons, start=1):
                self.out.write(f"    [{i}] {button.text}\n")
        self.out.flush()

    def _first_text(self, msg: BotMessage) -> str:
        return self.first_texts.get(msg.message_id, "")

    def _print(self, prefix: str, body: str, msg: BotMessage) -> None:
        self.first_texts.setdefault(msg.message_id, msg.text or "")
        if msg.kind == "photo":
            body = f"[picture] {body}"
        elif msg.kind == "document":
            body = f"[file {msg.file_name}] {body}"
        lines = body.splitlines() or [""]
        self.out.write(f"\n{prefix}: {lines[0]}\n")
        for line in lines[1:]:
            self.out.write(f"  {line}\n")
        keys = [t for row in msg.keyboard for t in row]
        if keys:
            self.out.write(f"  (keyboard: {' | '.join(keys)} — type :location LAT LON)\n")


async def _handle(line: str, user: UserClient, screen: Screen, out: TextIO) -> bool:
    """Act on one line of input; False to stop."""
    text = line.rstrip("\n")
    if not text.strip():
        return True
    if text.strip() == ":quit":
        return False
    if text.startswith(":location"):
        parts = text.split()
        try:
            await user.send_location(float(parts[1]), float(parts[2]))
        except (IndexError, ValueError):
            out.write("  usage: :location 52.52 13.40\n")
        return True
    if text.strip() == ":sticker":
        await user.send_sticker()
        return True
    if text.strip() == ":photo":
        await user.send_photo()
        return True
    if text.strip().isdigit() and screen.buttons:
        number = int(text.strip())
        if 1 <= number <= len(screen.buttons):
            msg, button = screen.buttons[number - 1]
            if button.callback_data is not None:
                out.write(f"  (you pressed “{button.text}”)\n")
                await user.press_data(msg, button.callback_data)
                return True
    if text.startswith("\\"):
        text = text[1:]
    await user.send(text)
    return True


async def run_demo(
    settings: Settings,
    build: Callable[[Settings], App],
    *,
    database: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="comeback-demo-") as tmp:
        db_path = Path(database) if database else Path(tmp) / "demo.sqlite3"
        async with BotApiEmulator(DEMO_TOKEN, "ComebackDemoBot") as emu:
            demo_settings = settings.model_copy(
                update={
                    "bot_token": settings.bot_token.__class__(DEMO_TOKEN),
                    "bot_api_base_url": emu.base_url,
                    "bot_api_file_url": emu.base_file_url,
                    "database_path": db_path,
                    "tick_seconds": 5.0,
                }
            )
            app = build(demo_settings)
            async with running(app, poll_timeout=1):
                name = os.environ.get("USER", "").capitalize()
                user = emu.user(name if name and name != "Root" else "Sam")
                screen = Screen(user, out)
                interactive = stdin.isatty()
                out.write(
                    f"Comeback demo — you are {user.name}; the database is {db_path}.\n"
                    "Type messages; a number presses a button; :location LAT LON; :quit.\n"
                    "Try /start.\n"
                )
                out.flush()
                while True:
                    if interactive:
                        out.write("\nyou> ")
                        out.flush()
                    line = await asyncio.to_thread(stdin.readline)
                    if not line:
                        break
                    if not interactive:
                        out.write(f"\nyou> {line.rstrip()}\n")
                    if not await _handle(line, user, screen, out):
                        break
                    await emu.settle(quiet=QUIET_SECONDS, timeout=30)
                    await screen.refresh()
                out.write("\nBye.\n")
    return 0
