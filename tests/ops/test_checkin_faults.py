"""The weekly check-in ticker under faults: a 429 burst, server errors, a block."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.harness import BotHarness
from tests.ops.conftest import onboard

SUNDAY_1801_BERLIN = datetime(2026, 11, 29, 17, 1, tzinfo=UTC)


def checkins_sent(emu: BotApiEmulator, user: UserClient) -> int:
    return sum(1 for m in emu.chat(user.id).bot_messages if m.text == texts.CHECKIN_DUE)


async def _users(emu: BotApiEmulator, count: int) -> list[UserClient]:
    people = [emu.user(f"Member{i}") for i in range(count)]
    for person in people:
        await onboard(person)
    return people


async def test_429_burst_during_check_ins_each_delivered_once_after_the_wait(
    bot: BotHarness, emu: BotApiEmulator
) -> None:
    people = await _users(emu, 6)
    bot.clock.set(SUNDAY_1801_BERLIN)
    # 429 three times in a row: the rate limiter waits as told and the send goes through.
    emu.inject_fault("sendMessage", status=429, retry_after=1, times=3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.tick()
    assert loop.time() - started >= 1.0
    assert [checkins_sent(emu, p) for p in people] == [1] * 6
    await bot.tick()  # claimed: nothing is sent again
    assert [checkins_sent(emu, p) for p in people] == [1] * 6
    # The next week, 429 four times in a row: beyond the retries for one user, whose
    # check-in goes back on the schedule and is delivered, once, on a later tick.
    bot.clock.advance(days=7)
    emu.inject_fault("sendMessage", status=429, retry_after=1, times=4)
    await bot.tick()
    assert [checkins_sent(emu, p) for p in people] == [1] + [2] * 5
    bot.clock.advance(minutes=11)
    await bot.tick()
    await bot.tick()
    assert [checkins_sent(emu, p) for p in people] == [2] * 6
    assert bot.svc.unhandled_errors == 0


async def test_server_errors_during_check_ins_retried_then_delivered_once(
    bot: BotHarness, emu: BotApiEmulator
) -> None:
    [ann, ben] = await _users(emu, 2)
    bot.clock.set(SUNDAY_1801_BERLIN)
    emu.inject_fault("sendMessage", status=502, times=2, chat_id=ann.id)
    await bot.tick()
    assert (checkins_sent(emu, ann), checkins_sent(emu, ben)) == (1, 1)


async def test_403_during_check_ins_marks_blocked_and_sends_nothing_more(
    bot: BotHarness, emu: BotApiEmulator
) -> None:
    [ann] = await _users(emu, 1)
    bot.clock.set(SUNDAY_1801_BERLIN)
    emu.inject_fault(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    await bot.tick()
    assert checkins_sent(emu, ann) == 0
    assert await bot.svc.db.fetchval("SELECT blocked_since FROM users") is not None
    sends = len(emu.calls("sendMessage"))
    bot.clock.advance(days=7)
    await bot.tick()
    assert len(emu.calls("sendMessage")) == sends
