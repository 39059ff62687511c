"""Who is in a circle follows who is in the group (issue 15, item 3): someone removed from the
Telegram group can't post there, leaving is noticed however Telegram says it, and the weekly
digest counts current members only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import to_db
from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.flows.circles.membership import MEMBER_CHECK_FOR
from bot.ui import texts
from tests.flows.circles_support import (
    NO_FLOOD_GUARD,
    db_value,
    log_win,
    make_circle,
    onboarded,
    share_win,
)
from tests.harness import BotHarness, harness

DUE = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)  # Saturday 19:00 in Berlin


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        yield running


async def is_member(bot: BotHarness, user: UserClient) -> bool:
    found = await bot.svc.db.fetchval("SELECT 1 FROM memberships WHERE user_id = ?", (user.id,))
    return found is not None


async def test_someone_removed_from_the_group_cannot_post_there(
    alice: UserClient, bot: BotHarness
) -> None:
    bob = await onboarded(bot, "Bob")
    circle = await make_circle(bot, [alice, bob], joined=[alice, bob])
    prompt = await log_win(bob, "Bob's win")
    # Alice removes Bob; the bot sees nothing of it (large groups show no service message).
    circle.group.remove_member(bob)
    await bob.press(prompt, "Share with Job Club")
    assert (await bob.expect_callback_answer()).text == texts.SHARE_NOT_MEMBER
    screen = await bob.expect_edit(prompt)
    assert "📣 Share with Job Club" not in screen.button_texts()  # out of the circle too
    await circle.group.expect_no_message()
    assert not await is_member(bot, bob)
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares") == 0

    # Alice is still in: her share goes out, and Telegram is asked once in a while only.
    await share_win(alice, circle, "Alice's win")
    await share_win(alice, circle, "Another one")
    asked = [c for c in bot.emulator.calls("getChatMember") if c.params["user_id"] == str(alice.id)]
    assert len(asked) == 1
    bot.clock.advance(seconds=MEMBER_CHECK_FOR.total_seconds() + 1)
    await share_win(alice, circle, "A third")
    asked = [c for c in bot.emulator.calls("getChatMember") if c.params["user_id"] == str(alice.id)]
    assert len(asked) == 2


async def test_leaving_is_seen_and_the_digest_counts_current_members(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob, carol, dave = [await onboarded(bot, name) for name in ("Bob", "Carol", "Dave")]
    circle = await make_circle(bot, [alice, bob, carol, dave], joined=[alice, bob, carol, dave])
    g = circle.group
    await g.send(alice, "/digest on")
    await g.expect_message()
    await g.send(alice, "/digest time saturday 19:00")
    await g.expect_message()
    await share_win(bob, circle, "Bob's offer")  # Telegram said Bob is in: remembered

    # Bob leaves: the service message (the bot sees it in privacy mode too).
    await g.leave(bob)
    await db_value(bot, f"SELECT COUNT(*) FROM memberships WHERE user_id = {bob.id}", 0)
    await bob.send("/win Another offer")
    await bob.expect_message()
    await bob.expect_no_message()  # no circle left to offer sharing with

    # Carol is removed by an admin while the bot is an admin: a chat_member update only.
    emu.change_bot_status(emu.chat(g.chat_id), alice.info, "administrator")
    await g.leave(carol, by=alice, service_message=False)
    await db_value(bot, f"SELECT COUNT(*) FROM memberships WHERE user_id = {carol.id}", 0)

    # Dave is removed and nothing at all is said: the digest asks Telegram first.
    g.remove_member(dave)
    now = to_db(bot.clock.now())
    await bot.svc.db.executemany(
        "INSERT INTO checkins (user_id, iso_year, iso_week, started_at, completed_at) "
        "VALUES (?, 2026, 48, ?, ?)",
        [(user.id, now, now) for user in (alice, carol, dave)],
    )
    bot.clock.set(DUE.replace(minute=1))
    await bot.tick()
    digest = await g.expect_message()
    text = digest.text or ""
    assert "1 of 1 member checked in" in text  # Alice, the one member left
    assert "Bob" not in text  # his win went with him
    assert not await is_member(bot, dave)
    assert await is_member(bot, alice)
