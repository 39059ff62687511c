"""Taking back what stands in a group (issue 15, item 2): /delete and unsharing go through one
path; a post Telegram won't delete any more (older than 48 hours) is blanked, digests are
edited to drop what was taken back, and what can't be reached is counted and said."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.flows.circles_support import (
    NO_FLOOD_GUARD,
    Circle,
    circle_of_two,
    db_value,
    share_screen,
    share_win,
)
from tests.harness import BotHarness, harness

DUE = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)  # Saturday 19:00 in Berlin (no check-ins)
TOO_OLD = "Bad Request: message can't be deleted"  # Telegram's answer after 48 hours


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        yield running


async def weekly_digest(bot: BotHarness, circle: Circle) -> BotMessage:
    """The digest of the week so far, posted at its time (Alice turned it on)."""
    bot.clock.set(DUE.replace(minute=1))
    await bot.tick()
    digest = await circle.group.expect_message()
    assert "This week in Job Club" in (digest.text or "")
    return digest


async def digest_on(circle: Circle, admin: UserClient) -> None:
    await circle.group.send(admin, "/digest on")
    await circle.group.expect_message()
    await circle.group.send(admin, "/digest time saturday 19:00")
    assert "Saturdays at 19:00" in ((await circle.group.expect_message()).text or "")


async def test_delete_blanks_old_posts_and_edits_the_digest(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    await digest_on(circle, alice)
    alices = await share_win(alice, circle, "Alice got a callback")
    bobs = await share_win(bob, circle, "Bob sent ten applications")
    digest = await weekly_digest(bot, circle)
    assert "Alice: Alice got a callback" in (digest.text or "")

    # Three days on, Telegram refuses to delete Alice's post: it is blanked instead.
    bot.clock.set(DUE + timedelta(days=3))
    emu.inject_fault("deleteMessage", status=400, description=TOO_OLD, chat_id=circle.group.chat_id)
    await alice.send("/delete")
    confirm = await alice.expect_message()
    await alice.press(confirm, texts.BUTTON_DELETE_YES)
    assert (await alice.expect_message()).text == texts.DELETE_WORKING
    done = await alice.expect_message()
    assert "1 group message was removed" in (done.text or "")
    assert "could not be taken back" not in (done.text or "")
    await emu.settle()

    assert not alices.deleted and alices.text == texts.SHARE_REMOVED_POST and not alices.buttons
    assert "Alice" not in (digest.text or "") and "callback" not in (digest.text or "")
    assert "Bob: Bob sent ten applications" in (digest.text or "")
    assert not bobs.edits and not bobs.deleted  # Bob's own post stays as it was
    await circle.group.expect_no_message()


async def test_unshare_edits_the_digest_and_says_what_stayed(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    await digest_on(circle, alice)
    first = await share_win(alice, circle, "First interview")
    second = await share_win(alice, circle, "Second interview")
    digest = await weekly_digest(bot, circle)
    assert "First interview" in (digest.text or "") and "Second interview" in (digest.text or "")

    screen = await share_screen(alice, "First interview")
    await alice.press(screen, "✓ Shared in Job Club — unshare")
    assert (await alice.expect_callback_answer()).text == "Removed from Job Club."
    await alice.expect_edit(screen)
    await emu.settle()
    assert first.deleted
    assert "First interview" not in (digest.text or "")
    assert "Second interview" in (digest.text or "")

    # The bot is removed from the group: the post and the digest can't be reached.
    await circle.group.remove_bot(by=bob)
    await db_value(bot, "SELECT active FROM circles", 0)
    screen = await share_screen(alice, "Second interview")
    with emu.expecting_refusal("bot was kicked"):
        await alice.press(screen, "✓ Shared in Job Club — unshare")
        told = await alice.expect_message()
        await emu.settle()
    assert told.text == texts.posts_not_removed(2)
    assert "2 messages in groups could not be taken back" in (told.text or "")
    assert not second.deleted and "Second interview" in (digest.text or "")
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares") == 0


async def test_a_digest_left_with_nothing_is_taken_down(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    _, circle = await circle_of_two(bot, alice)
    await digest_on(circle, alice)
    await share_win(alice, circle, "The only win this week")
    digest = await weekly_digest(bot, circle)
    await alice.send("/delete")
    await alice.press(await alice.expect_message(), texts.BUTTON_DELETE_YES)
    await alice.expect_message()  # erasing…
    done = await alice.expect_message()
    assert "could not be taken back" not in (done.text or "")
    await emu.settle()
    assert digest.deleted
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM digest_posts") == 0
