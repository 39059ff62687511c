"""Telegram's per-group limit (~20 messages a minute): the emulator enforces it (429 on the
next send) and the bot must never earn one, however many shares arrive at once.

Private chats are not what is tested here, so their limit is relaxed (PTB does not pace
one private chat; logging 30 wins in a second would trip it). The bot-wide 30/s limit stays
real; the tests let a second pass after the set-up (logging the wins) before sharing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from telegram.ext import AIORateLimiter

from bot.devtools import checks
from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.flows.circles_support import log_win, make_circle
from tests.flows.conftest import onboard
from tests.harness import BotHarness, harness

# One person taps every share prompt at once, which the per-person flood guard rightly slows
# down; these tests are about the group's limit, so the guard is lifted.
NO_FLOOD_GUARD = {"flood_max_updates": 10_000, "flood_max_waiting_buttons": 10_000}


def scale_ptb_group_bucket(bot: BotHarness, window: float) -> None:
    """PTB's own per-group bucket (20 at once, then 20 per 60 s) on the test's time scale
    too; app.py builds it with Telegram's minute, and it has no public setting."""
    assert bot.app is not None
    limiter = bot.app.bot.rate_limiter
    assert isinstance(limiter, AIORateLimiter)
    limiter._group_time_period = window
    limiter._group_limiters.clear()


async def set_up(
    bot: BotHarness, emu: BotApiEmulator, wins: int
) -> tuple[UserClient, list[BotMessage], int]:
    """Alice in a circle with ``wins`` share prompts. Logging them takes a second or two and
    ~2 private messages each, which would trip the bot-wide 30/s limit (PTB's bucket lets
    30 + 30 through in one second): that limit is lifted for the set-up only."""
    limiter = emu.rate_limiter
    assert limiter is not None
    limiter.per_bot = (10_000, 1.0)
    alice: UserClient = emu.user("Alice")
    await onboard(alice)
    circle = await make_circle(bot, [alice], joined=[alice])
    prompts = [await log_win(alice, f"win number {i}") for i in range(wins)]
    await emu.settle()
    await asyncio.sleep(1.05)  # the set-up's sends leave the bot-wide one-second window
    limiter.per_bot = (30, 1.0)
    return alice, prompts, circle.group.chat_id


async def share_many_at_once(
    bot: BotHarness, emu: BotApiEmulator, count: int, *, within: float
) -> tuple[list[BotMessage], float]:
    alice, prompts, circle_chat = await set_up(bot, emu, count)
    started = time.monotonic()
    for prompt in prompts:  # every tap at once, without waiting for the bot
        await alice.press(prompt, "Share with Job Club")
    chat = emu.chat(circle_chat)
    posted = await emu.wait_until(
        lambda: chat.bot_messages if len(chat.bot_messages) == count + 1 else None, within
    )
    elapsed = time.monotonic() - started
    assert posted is not None, f"{len(chat.bot_messages) - 1} of {count} posted"
    await emu.settle()
    assert [r for r in emu.refusals if r.error_code == 429] == []
    shares = posted[1:]
    assert sorted(m.text or "" for m in shares) == sorted(
        f"🏆 Alice shares a win:\nwin number {i}" for i in range(count)
    )
    assert all(m.button_texts() == [texts.BUTTON_CHEER] for m in shares)
    assert (
        await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares WHERE message_id IS NOT NULL")
        == count
    )
    return shares, elapsed


async def test_ten_wins_shared_at_once_within_telegrams_group_limit(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    emu.rate_limiter = checks.RateLimiter(per_private_chat=(10_000, 1.0))
    async for bot in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        _, elapsed = await share_many_at_once(bot, emu, 10, within=30)
        # intro + 10 fit in one minute's allowance: no waiting at all.
        assert elapsed < 5


async def test_pacing_holds_a_sliding_window_when_shares_exceed_it(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    """Same rule, a 2-second window instead of a minute (GROUP_WINDOW_SECONDS), so that
    31 group messages (intro + 30 shares) need the pacing: 19, then the rest a window on."""
    window = 2.0
    emu.rate_limiter = checks.RateLimiter(per_private_chat=(10_000, 1.0), per_group=(20, window))
    async for bot in harness(emu, tmp_path, group_window_seconds=window, **NO_FLOOD_GUARD):
        scale_ptb_group_bucket(bot, window)
        shares, elapsed = await share_many_at_once(bot, emu, 30, within=20)
        assert elapsed >= window * 0.9  # it did have to wait
        assert elapsed < window * 4
        assert len(shares) == 30


async def test_the_update_loop_is_not_blocked_while_shares_wait(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    # Wide enough that a loaded machine still answers /help inside it: 25 shares at 20 per
    # window keep the last five waiting a whole window.
    window = 10.0
    emu.rate_limiter = checks.RateLimiter(per_private_chat=(10_000, 1.0), per_group=(20, window))
    async for bot in harness(emu, tmp_path, group_window_seconds=window, **NO_FLOOD_GUARD):
        scale_ptb_group_bucket(bot, window)
        alice, prompts, circle_chat = await set_up(bot, emu, 25)
        for prompt in prompts:
            await alice.press(prompt, "Share with Job Club")
        await asyncio.sleep(0.5)
        await alice.send("/help")
        while True:  # the next new message that is /help's answer
            msg = await alice.expect_message(timeout=8)
            if (msg.html or "").startswith(texts.HELP):  # then the dashboard's line
                break
        chat = emu.chat(circle_chat)
        assert len(chat.bot_messages) < 26  # answered while shares still wait for the window
        done = await emu.wait_until(lambda: len(chat.bot_messages) == 26 or None, 40)  # noqa: B023
        assert done
