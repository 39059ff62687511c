"""Circles over time: the weekly digest (once per week, across a restart), the bot removed,
the group upgraded to a supergroup (service message, and ChatMigrated on send)."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp

from bot.clock import to_db
from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.storage import entries
from bot.ui import texts
from tests.flows.circles_support import (
    circle_of_two,
    db_value,
    log_win,
    make_circle,
    onboarded,
    row_counts,
    share_win,
)
from tests.harness import BotHarness

DUE = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # Sunday 19:00 in Berlin


async def checked_in(bot: BotHarness, user: UserClient, week: int) -> None:
    now = to_db(bot.clock.now())
    await bot.svc.db.execute(
        "INSERT INTO checkins (user_id, iso_year, iso_week, started_at, completed_at) "
        "VALUES (?, 2026, ?, ?, ?)",
        (user.id, week, now, now),
    )


async def test_digest_admins_only_once_a_week_across_a_restart(
    alice: UserClient, bot: BotHarness
) -> None:
    bob = await onboarded(bot, "Bob")
    carol = await onboarded(bot, "Carol")
    circle = await make_circle(bot, [alice, bob, carol], joined=[alice, bob, carol])
    g = circle.group

    await g.send(bob, "/digest on")  # Bob isn't an admin
    assert (await g.expect_message()).text == texts.DIGEST_ADMINS_ONLY
    await g.send(alice, "/digest on")  # Alice created the group
    on = await g.expect_message()
    assert "Sundays at 19:00" in (on.text or "") and "Berlin" in (on.text or "")
    g.set_admin(bob)
    await g.send(bob, "/digest time saturday 9am")
    assert "Saturdays at 09:00" in ((await g.expect_message()).text or "")
    await g.send(bob, "/digest time sunday 19:00")
    await g.expect_message()

    await share_win(alice, circle, "Landed a <b>referral</b>")
    # What the digest must never show: rejections, private wins, unshared reframes.
    await entries.add_rejection(
        bot.svc.db,
        user_id=bob.id,
        kind="interview",
        other_text=None,
        where_text="SecretCorp",
        hurt=5,
        in_control=None,
        now=bot.clock.now(),
    )
    private = await log_win(bob, "Private little win")
    await bob.press(private, texts.BUTTON_KEEP_PRIVATE)
    await bob.expect_edit(private)
    await checked_in(bot, bob, 48)
    await checked_in(bot, carol, 47)  # last week: doesn't count

    bot.clock.set(DUE.replace(hour=17))
    await bot.tick()
    await g.expect_no_message()
    bot.clock.set(DUE.replace(minute=1))
    await bot.tick()
    digest = await g.expect_message()
    text = digest.text or ""
    assert "This week in Job Club" in text
    assert "Alice: Landed a <b>referral</b>" in text
    assert "1 of 3 members checked in" in text
    assert "SecretCorp" not in text and "Private little win" not in text
    await bot.tick()
    await bot.restart()
    await bot.tick()
    await g.expect_no_message()

    bot.clock.set(DUE.replace(day=30))
    await bot.tick()
    await g.expect_no_message()  # an empty week posts nothing
    await checked_in(bot, alice, 49)
    bot.clock.set(datetime(2026, 12, 6, 18, 0, 30, tzinfo=UTC))
    await bot.tick()
    second = await g.expect_message()
    assert "1 of 3 members checked in" in (second.text or "")
    assert "referral" not in (second.text or "")  # last week's share

    await g.send(alice, "/digest off")
    assert (await g.expect_message()).text == texts.DIGEST_OFF
    bot.clock.set(datetime(2026, 12, 13, 18, 0, 30, tzinfo=UTC))
    await bot.tick()
    await g.expect_no_message()


async def test_bot_removed_deactivates_without_losing_anything(
    alice: UserClient, bot: BotHarness
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    await share_win(alice, circle, "Offer call scheduled")
    await circle.group.remove_bot(by=bob)
    await db_value(bot, "SELECT active FROM circles", 0)
    assert await row_counts(bot, "memberships", "shares") == (2, 1)
    await alice.send("/win No group to share with now")
    await alice.expect_message()
    await alice.expect_no_message()  # no "Share with" for a group the bot left
    await circle.group.add_bot(by=alice)
    assert "/join" in ((await circle.group.expect_message()).text or "")
    assert await bot.svc.db.fetchval("SELECT active FROM circles") == 1
    assert await row_counts(bot, "memberships") == (2,)


async def test_bot_removed_while_a_share_waits(alice: UserClient, bot: BotHarness) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    prompt = await log_win(alice, "Sent the follow-up email")
    bot.emulator.chat(circle.group.chat_id).bot_status = "left"  # removed, update not seen yet
    bot.emulator.chat(circle.group.chat_id).bot_removed = True
    with bot.emulator.expecting_refusal("bot was kicked"):
        await alice.press(prompt, "Share with Job Club")
        failed = await alice.expect_message()
        await bot.emulator.settle()
    assert "couldn't post to <b>Job Club</b>" in (failed.html or "")
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares") == 0
    assert await bot.svc.db.fetchval("SELECT active FROM circles") == 0


async def test_supergroup_migration_keeps_members_and_shares(
    alice: UserClient, bot: BotHarness
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    await share_win(alice, circle, "Before the upgrade")
    new_id = await circle.group.migrate_to_supergroup()
    await db_value(bot, "SELECT chat_id FROM circles", new_id)
    assert await row_counts(bot, "memberships", "shares") == (2, 1)
    post = await share_win(bob, circle, "After the upgrade")
    assert post.chat_id == new_id
    await circle.group.send(bob, "/join")
    assert "already" in ((await bob.expect_message()).text or "")


async def test_chat_migrated_on_send_follows_the_new_id(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    prompt = await log_win(alice, "Shared after a missed upgrade")
    await bot.stop()
    old_id = circle.group.chat_id
    new_id = await circle.group.migrate_to_supergroup()
    # The bot never sees the service message (as if it was lost while it was down).
    async with aiohttp.ClientSession() as http:
        await http.post(emu.api_url + "deleteWebhook", data={"drop_pending_updates": "true"})
    await bot.start()
    assert await bot.svc.db.fetchval("SELECT chat_id FROM circles") == old_id
    with emu.expecting_refusal("upgraded to a supergroup"):
        await alice.press(prompt, "Share with Job Club")
        post = await circle.group.expect_message()
        await emu.settle()
    assert post.chat_id == new_id and "missed upgrade" in (post.text or "")
    assert await bot.svc.db.fetchval("SELECT chat_id FROM circles") == new_id
    assert await bot.svc.db.fetchval("SELECT chat_id FROM shares") == new_id
