"""The scheduled check-in through the real bot and the emulator: late after downtime,
Forbidden marks the user blocked, a comeback gets a fresh future slot, 5xx is retried."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.storage import users
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.harness import BotHarness, harness

SLOT = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Sunday 18:00 in Berlin


async def user_row(bot: BotHarness, user: UserClient) -> users.User:
    found = await users.get(bot.svc.db, user.id)
    assert found is not None
    return found


async def test_late_after_downtime_says_so_and_starts_the_checkin(
    alice: UserClient, bot: BotHarness
) -> None:
    await bot.stop()
    bot.clock.set(SLOT + timedelta(hours=3))
    await bot.start()
    await bot.tick()
    late = await alice.expect_message()
    assert late.text is not None and "late" in late.text and "Sunday 29 Nov, 18:00" in late.text
    await bot.tick()
    await alice.expect_no_message()
    await alice.press(late, texts.BUTTON_START_CHECKIN)
    assert (await alice.expect_message()).kind == "photo"
    worked = await alice.expect_message()
    assert (worked.text or "").startswith(texts.ASK_WORKED)


async def test_too_late_after_downtime_is_skipped(alice: UserClient, bot: BotHarness) -> None:
    bot.clock.set(SLOT + timedelta(hours=13))
    await bot.tick()
    await alice.expect_no_message()
    assert (await user_row(bot, alice)).next_checkin_due == SLOT + timedelta(weeks=1)


async def test_forbidden_blocks_and_a_comeback_gets_a_fresh_slot(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    emu.inject_fault(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    bot.clock.set(SLOT)
    await bot.tick()
    row = await user_row(bot, alice)
    assert row.blocked_since == SLOT
    for _ in range(3):  # weeks pass: nothing is sent, nothing piles up
        bot.clock.advance(weeks=1)
        await bot.tick()
    await alice.expect_no_message()

    bot.clock.advance(hours=1)  # Sunday 19:00, three weeks later: the slot was an hour ago
    await alice.send("/help")
    await alice.expect_message()
    row = await user_row(bot, alice)
    assert row.blocked_since is None
    assert row.next_checkin_due is not None and row.next_checkin_due > bot.clock.now()
    assert row.next_checkin_due == SLOT + timedelta(weeks=4)
    await bot.tick()
    await alice.expect_no_message()  # no burst of the missed weeks
    bot.clock.set(SLOT + timedelta(weeks=4))
    await bot.tick()
    assert (await alice.expect_message()).text == texts.CHECKIN_DUE


async def test_blocking_in_telegram_stops_and_unblocking_reschedules(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    alice.block_bot()
    await emu.settle()
    assert (await user_row(bot, alice)).blocked_since is not None
    sends_before = len(emu.calls("sendMessage"))
    bot.clock.set(SLOT)
    await bot.tick()
    assert len(emu.calls("sendMessage")) == sends_before  # not even tried
    bot.clock.set(SLOT + timedelta(weeks=2, hours=2))
    alice.unblock_bot()
    await emu.settle()
    row = await user_row(bot, alice)
    assert row.blocked_since is None
    assert row.next_checkin_due == SLOT + timedelta(weeks=3)
    await bot.tick()
    await alice.expect_no_message()


@pytest.fixture
async def quick_bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    # One attempt per send, no backoff sleeps, whatever the rate limiter would do.
    async for running in harness(emu, tmp_path, send_retries=0, send_retry_backoff_seconds=0):
        yield running


async def test_server_error_is_retried_once_later(
    quick_bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob = emu.user("Bob")
    await onboard(bob)
    emu.inject_fault("sendMessage", status=502, description="Bad Gateway", chat_id=bob.chat_id)
    quick_bot.clock.set(SLOT)
    await quick_bot.tick()
    await bob.expect_no_message()
    row = await user_row(quick_bot, bob)
    assert row.next_checkin_due == SLOT + timedelta(minutes=10)
    quick_bot.clock.set(SLOT + timedelta(minutes=10))
    await quick_bot.tick()
    assert (await bob.expect_message()).text == texts.CHECKIN_DUE
    await quick_bot.tick()
    await bob.expect_no_message()
    assert (await user_row(quick_bot, bob)).next_checkin_due == SLOT + timedelta(weeks=1)
