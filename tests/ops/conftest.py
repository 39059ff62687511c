"""Fixtures for the operations tests: the flows' emulator and users, with fast retries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.storage import entries
from tests.flows.conftest import alice, emu, onboard
from tests.harness import BotHarness, harness

__all__ = ["alice", "emu", "onboard"]

FAST = {
    "send_retry_backoff_seconds": 0.05,
    "send_retries": 3,
    "request_timeout_seconds": 1.0,
}


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running_bot in harness(emu, tmp_path, **FAST):
        yield running_bot


async def idle(bot: BotHarness) -> None:
    """The bot has answered everything and committed it (each update's state and inbox mark
    are written right after it, bot/ops/inbox.py): no write transaction is open."""
    await bot.emulator.settle()
    async with bot.svc.db.transaction():  # waits for a commit in progress
        pass


async def due_plans(bot: BotHarness, user: UserClient, count: int) -> list[int]:
    """``count`` open plans whose "did you do it?" reminder is due now."""
    now = bot.clock.now()
    ids = []
    for i in range(count):
        plan = await entries.add_plan(
            bot.svc.db,
            user_id=user.id,
            rejection_id=None,
            if_do=f"apply to studio {i}",
            then_happens="I hear back",
            follow_up_on=now.date(),
            follow_up_due=now - timedelta(minutes=1),
            now=now,
        )
        ids.append(plan.id)
    return ids
