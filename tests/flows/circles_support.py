"""Helpers for the circle tests: a group with members, joining, logging and sharing wins."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from bot.devtools.client import BotMessage, GroupClient, UserClient
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.harness import BotHarness

# A test that plays one person through many steps in a few seconds would trip the flood
# guard (issue 14), which then slows them and says so; tests about other things lift it.
NO_FLOOD_GUARD = {"flood_max_updates": 10_000, "flood_max_waiting_buttons": 10_000}


@dataclass
class Circle:
    group: GroupClient
    intro: BotMessage
    circle_id: int
    bot: BotHarness


async def make_circle(
    bot: BotHarness,
    members: list[UserClient],
    title: str = "Job Club",
    *,
    added_by: int = 0,
    joined: Sequence[UserClient] = (),
) -> Circle:
    """A group with ``members`` (members[0] creates it); the bot is added; its intro read;
    then each of ``joined`` sends /join."""
    group = bot.emulator.group(title, members)
    await group.add_bot(by=members[added_by])
    intro = await group.expect_message()
    assert intro.text is not None and "/join" in intro.text
    circle_id = await bot.svc.db.fetchval(
        "SELECT id FROM circles WHERE chat_id = ?", (group.chat_id,)
    )
    assert circle_id is not None
    circle = Circle(group, intro, int(circle_id), bot)
    for user in joined:
        await join(circle, user)
    return circle


async def circle_of_two(bot: BotHarness, alice: UserClient) -> tuple[UserClient, Circle]:
    """Alice and Bob (onboarded here) in "Job Club", both joined its circle."""
    bob = await onboarded(bot, "Bob")
    return bob, await make_circle(bot, [alice, bob], joined=[alice, bob])


async def join(circle: Circle, user: UserClient) -> BotMessage:
    """``user`` sends /join in the group (they started the bot): the confirmation is private."""
    await circle.group.send(user, "/join")
    done = await user.expect_message()
    assert done.text is not None and "You joined the circle" in done.text
    return done


async def onboarded(bot: BotHarness, name: str) -> UserClient:
    user = bot.emulator.user(name)
    await onboard(user)
    return user


async def log_win(user: UserClient, text: str) -> BotMessage:
    """/win <text>; returns the "Share with …" prompt that follows the confirmation."""
    await user.send(f"/win {text}")
    saved = await user.expect_message()
    assert saved.text is not None and text in saved.text
    prompt = await user.expect_message()
    assert texts.BUTTON_KEEP_PRIVATE in prompt.button_texts()
    return prompt


async def share_win(user: UserClient, circle: Circle, text: str) -> BotMessage:
    """Log a win, share it with the circle; returns the group post."""
    prompt = await log_win(user, text)
    await user.press(prompt, f"Share with {circle.group.title}")
    await user.expect_edit(prompt)
    post = await circle.group.expect_message()
    assert post.text is not None and text in post.text
    # The bot records where it posted right after the post (cheers need that record).
    db = circle.bot.svc.db
    for _ in range(500):
        if not await db.fetchval("SELECT COUNT(*) FROM shares WHERE message_id IS NULL"):
            break
        await asyncio.sleep(0.01)
    return post


async def share_screen(user: UserClient, entry: str) -> BotMessage:
    """/history, "Share / unshare…", then the entry whose button holds ``entry``: its screen."""
    await user.send("/history")
    page = await user.expect_message()
    await user.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await user.expect_message()
    await user.press(pick, entry)
    return await user.expect_edit(pick)


async def row_counts(bot: BotHarness, *tables: str) -> tuple[int, ...]:
    """How many rows each of ``tables`` holds."""
    db = bot.svc.db
    return tuple([int(await db.fetchval(f"SELECT COUNT(*) FROM {t}") or 0) for t in tables])


async def db_value(bot: BotHarness, sql: str, expected: object, within: float = 5.0) -> None:
    """Wait until ``sql`` returns ``expected`` (an update's effect on the database)."""
    value: object = None
    for _ in range(int(within / 0.01)):
        value = await bot.svc.db.fetchval(sql)
        if value == expected:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{sql!r} gave {value!r}, expected {expected!r}")
