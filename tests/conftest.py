"""Shared pytest fixtures."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator

import pytest

# PTB: RetryAfter.retry_after etc. as timedelta, without the deprecation warning
# (filterwarnings=error). Set before any test builds a Bot.
os.environ.setdefault("PTB_TIMEDELTA", "1")


# --- Bot API emulator (bot/devtools) ------------------------------------------------------------
from bot.devtools.emulator import BotApiEmulator


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    """A started local Bot API server; at teardown, fails on refusals the test did not expect."""
    token = f"{secrets.randbelow(9 * 10**9) + 10**9}:TEST-{secrets.token_urlsafe(16)}"
    emu = BotApiEmulator(token=token, bot_username="ComebackTestBot")
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()
    emu.assert_no_unexpected_refusals()


# --- end of Bot API emulator block ------------------------------------------------------------
