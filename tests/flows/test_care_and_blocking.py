"""Safety replies, blocking and unblocking, groups see nothing of private flows."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.storage import users
from tests.flows.conftest import plan_for_today
from tests.harness import BotHarness


async def test_blocking_stops_reminders_and_writing_again_resumes(
    alice: UserClient, bot: BotHarness
) -> None:
    await plan_for_today(alice)
    alice.block_bot()
    await bot.emulator.settle()
    user = await users.get(bot.svc.db, alice.id)
    assert user is not None and user.blocked_since is not None
    bot.clock.advance(hours=7)
    await bot.tick()
    await bot.emulator.settle()
    alice.unblock_bot()
    await alice.send("/plans")
    await alice.expect_message()
    user = await users.get(bot.svc.db, alice.id)
    assert user is not None and user.blocked_since is None


async def test_blocked_at_send_time_marks_the_user(alice: UserClient, bot: BotHarness) -> None:
    await plan_for_today(alice)
    await bot.emulator.settle()
    # Blocked without the bot hearing about it: the send itself gets 403.
    bot.emulator.inject_fault(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    bot.clock.advance(hours=7)
    await bot.tick()
    user = await users.get(bot.svc.db, alice.id)
    assert user is not None and user.blocked_since is not None


async def test_private_commands_in_a_group_are_ignored(bot: BotHarness) -> None:
    a, b = bot.emulator.user("A"), bot.emulator.user("B")
    group = bot.emulator.group("Club", [a, b])
    await group.add_bot(by=a)
    await group.send(a, "/rejection")
    await bot.emulator.settle()
    assert not [m for m in await group.messages() if "What happened" in (m.text or "")]
