from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from tests.harness import TOKEN, BotHarness, harness


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(TOKEN, "ComebackTestBot")
    await emulator.start()
    try:
        yield emulator
        emulator.assert_no_unexpected_refusals()
    finally:
        await emulator.stop()


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running_bot in harness(emu, tmp_path):
        yield running_bot


async def onboard(user: UserClient, zone_text: str = "Berlin") -> None:
    """The shortest onboarding: /start, type a city, confirm, keep Sunday 18:00."""
    await user.send("/start")
    await user.expect_message()  # welcome
    await user.expect_message()  # time zone question
    await user.expect_message()  # location hint
    await user.send(zone_text)
    confirm = await user.expect_message()
    await user.press(confirm, "✓ Yes")
    await user.expect_message()  # time zone saved
    checkin = await user.expect_message()
    await user.press(checkin, "✓ Sunday 18:00")
    await user.expect_message()  # all set


async def plan_for_today(user: UserClient) -> None:
    """A stand-alone plan, "If I call Jo, then I hear about the opening.", for today
    (Berlin: the follow-up is due at 18:00 local, 17:00 UTC)."""
    await user.send("/reframe")
    await user.expect_message()
    await user.send("call Jo")
    await user.expect_message()
    await user.send("I hear about the opening")
    when = await user.expect_message()
    await user.press(when, "Today")
    await user.expect_message()  # saved: I'll ask you today
    await user.expect_message()  # the menu


@pytest.fixture
async def alice(bot: BotHarness) -> UserClient:
    user = bot.emulator.user("Alice")
    await onboard(user)
    return user
