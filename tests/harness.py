"""The real Application, on a real SQLite file, polling the emulator over loopback HTTP."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.clock import FrozenClock
from bot.config import Settings
from bot.devtools.emulator import BotApiEmulator
from bot.ops.runner import running
from bot.services import Services

os.environ.setdefault("PTB_TIMEDELTA", "1")

TOKEN = "123456789:AAHtestTokenForComebackEmulator01"
START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday


def make_settings(emulator: BotApiEmulator, db_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "bot_api_base_url": emulator.base_url,
        "bot_api_file_url": emulator.base_file_url,
        "database_path": db_path,
        "tick_seconds": 3600.0,  # tests run the due work themselves with tick()
        "persistence_flush_seconds": 0.2,
    }
    # The bot paces each private chat to Telegram's limit; against an emulator that enforces
    # none (most tests) it does not, and it keeps whatever limit the emulator enforces.
    limits = emulator.rate_limiter
    if limits is None:
        values["private_chat_messages_per_window"] = 0
    else:
        limit, window = limits.per_private_chat
        values["private_chat_messages_per_window"] = limit
        values["private_chat_window_seconds"] = window
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class BotHarness:
    """Starts, stops and restarts the bot; runs due work on demand with an injected clock."""

    def __init__(self, emulator: BotApiEmulator, db_path: Path, **overrides: Any) -> None:
        self.emulator = emulator
        self.db_path = db_path
        self.overrides = overrides
        self.clock = FrozenClock(START)
        self.app: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._stack: AsyncExitStack | None = None

    @property
    def svc(self) -> Services:
        assert self.app is not None
        found = self.app.bot_data["services"]
        assert isinstance(found, Services)
        return found

    async def start(self) -> None:
        settings = make_settings(self.emulator, self.db_path, **self.overrides)
        self.app = build_application(settings, clock=self.clock)
        self._stack = AsyncExitStack()
        await self._stack.enter_async_context(running(self.app, poll_timeout=1))

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def restart(self) -> None:
        await self.emulator.settle()
        await self.stop()
        await self.start()

    async def tick(self) -> None:
        """One run of every due-work function, as the repeating job would do it."""
        assert self.app is not None
        for work in self.svc.due_work:
            await work(self.svc, self.app)


async def harness(
    emulator: BotApiEmulator, tmp_path: Path, **overrides: Any
) -> AsyncIterator[BotHarness]:
    bot = BotHarness(emulator, tmp_path / "comeback.sqlite3", **overrides)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
