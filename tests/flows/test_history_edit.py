"""Fixing one entry from /history: edit a text field, or remove it after a yes; its group
post follows (edited, or taken down), and /stats counts what is left."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.devtools.objects import BotMessage
from bot.flows.history_edit import EditField, EntryTap
from bot.storage import entries
from bot.ui import texts
from tests.flows.circles_support import (
    circle_of_two,
    log_win,
    make_circle,
    onboarded,
    row_counts,
    share_screen,
    share_win,
)
from tests.harness import BotHarness, harness


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """A bot whose flood guard lets one person tap and type as fast as these tests do for
    this long (the guard has its own tests)."""
    async for running_bot in harness(emu, tmp_path, flood_max_updates=1000):
        yield running_bot


async def win(user: UserClient, text: str) -> None:
    await user.send(f"/win {text}")
    assert text in ((await user.expect_message()).text or "")


async def entry_screen(user: UserClient, label: str) -> BotMessage:
    """/history, "Fix or remove…", then the entry whose button starts with ``label``."""
    await user.send("/history")
    page = await user.expect_message()
    await user.press(page, texts.BUTTON_HISTORY_FIX)
    pick = await user.expect_message()
    assert pick.text == texts.HISTORY_FIX_PICK
    button = next(b for b in pick.button_texts() if b.startswith(label))
    await user.press(pick, button)
    return await user.expect_edit(pick)


async def test_edit_a_win_with_a_bad_answer_first(alice: UserClient, bot: BotHarness) -> None:
    await win(alice, "Got a reply from Acme")
    screen = await entry_screen(alice, "🏆 Got a reply")
    assert "Got a reply from Acme" in (screen.text or "")
    assert screen.button_texts() == [texts.BUTTON_EDIT_TEXT, texts.BUTTON_REMOVE]
    await alice.press(screen, texts.BUTTON_EDIT_TEXT)
    ask = await alice.expect_message()
    assert "Right now it says" in (ask.text or "") and "Got a reply from Acme" in (ask.text or "")
    await alice.send("x" * 1001)  # too long: refused, the limit named, nothing lost
    assert "1000" in ((await alice.expect_message()).text or "")
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Got a reply from Acme"
    await alice.send("Got a <reply> from Acme & Co")
    done = await alice.expect_message()
    assert (done.text or "").startswith("✅ Changed:")
    assert "Got a <reply> from Acme & Co" in (done.text or "")
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Got a <reply> from Acme & Co"
    await alice.expect_no_message()


async def test_edit_where_a_rejection_was(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, "No offer after an interview")
    await alice.expect_message()  # where?
    await alice.send("Globx")
    hurt = await alice.expect_message()
    await alice.press(hurt, "3")
    await alice.press(await alice.expect_message(), texts.BUTTON_SKIP)  # in my control?
    await alice.expect_message()  # logged
    await bot.emulator.settle()
    await alice.messages()
    screen = await entry_screen(alice, "😞 Globx")
    assert screen.button_texts() == [texts.BUTTON_EDIT_WHERE, texts.BUTTON_REMOVE]
    await alice.press(screen, texts.BUTTON_EDIT_WHERE)
    await alice.expect_message()
    await alice.send("Globex, data analyst")
    done = await alice.expect_message()
    assert "at Globex, data analyst" in (done.text or "")
    assert await bot.svc.db.fetchval("SELECT where_text FROM rejections") == (
        "Globex, data analyst"
    )


async def test_editing_a_shared_win_updates_the_group_post(
    alice: UserClient, bot: BotHarness
) -> None:
    _, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "First interview booked")
    screen = await entry_screen(alice, "🏆 First interview")
    await alice.press(screen, texts.BUTTON_EDIT_TEXT)
    await alice.expect_message()
    await alice.send("Second interview booked")
    done = await alice.expect_message()
    assert texts.entry_posts_updated(1) in (done.text or "")
    edited = await circle.group.expect_edit(post)
    assert "Second interview booked" in (edited.text or "")
    assert "First" not in (edited.text or "")
    assert edited.button_texts() == [texts.BUTTON_CHEER]  # the 👏 stays


async def test_removing_a_shared_win_takes_the_post_down(
    alice: UserClient, bot: BotHarness
) -> None:
    _, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Offer from Initech")
    await log_win(alice, "Finished the course")
    offer_id = int(await bot.svc.db.fetchval("SELECT MIN(id) FROM wins") or 0)
    screen = await entry_screen(alice, "🏆 Offer from")
    await alice.press(screen, texts.BUTTON_REMOVE)
    confirm = await alice.expect_edit(screen)
    assert "Remove this entry for good?" in (confirm.text or "")
    assert texts.entry_remove_shared(1) in (confirm.text or "")
    assert confirm.button_texts() == [texts.BUTTON_REMOVE_YES, texts.BUTTON_REMOVE_NO]
    await alice.press(confirm, texts.BUTTON_REMOVE_YES)
    removed = await alice.expect_edit(confirm)
    assert removed.text == texts.ENTRY_REMOVED
    await bot.emulator.settle()
    assert post.deleted
    assert await row_counts(bot, "wins", "shares") == (1, 0)
    await alice.press_data(removed, EntryTap("win", offer_id, "yes").pack())  # again: gone
    assert (await alice.expect_callback_answer()).text == texts.ENTRY_GONE
    await alice.send("/stats")
    numbers = (await alice.expect_message()).text or ""
    assert "🏆 Wins: 1" in numbers and "🏆 Wins: 2" not in numbers


async def test_removing_a_rejection_takes_its_plans(alice: UserClient, bot: BotHarness) -> None:
    db = bot.svc.db
    await db.execute(
        "INSERT INTO rejections (user_id, kind, where_text, hurt, created_at) "
        "VALUES (?, 'interview', 'Hooli', 4, '2026-11-24T10:00:00Z')",
        (alice.id,),
    )
    rejection_id = await db.fetchval("SELECT id FROM rejections")
    await db.executemany(
        "INSERT INTO plans (user_id, rejection_id, if_do, then_happens, status, created_at) "
        "VALUES (?, ?, ?, 'learn', 'open', '2026-11-24T11:00:00Z')",
        [(alice.id, rejection_id, "ask"), (alice.id, rejection_id, "call")],
    )
    await win(alice, "Kept going")
    screen = await entry_screen(alice, "😞 Hooli")
    await alice.press(screen, texts.BUTTON_REMOVE)
    confirm = await alice.expect_edit(screen)
    assert texts.entry_remove_plans(2) in (confirm.text or "")
    await alice.press(confirm, texts.BUTTON_REMOVE_NO)
    assert (await alice.expect_edit(confirm)).text == texts.ENTRY_KEPT
    assert await row_counts(bot, "rejections", "plans") == (1, 2)
    screen = await entry_screen(alice, "😞 Hooli")
    buttons = [texts.BUTTON_EDIT_WHERE, "🔁 ask", "🔁 call", texts.BUTTON_REMOVE]
    assert screen.button_texts() == buttons
    await alice.press(screen, "🔁 call")  # one of its plans
    plan = await alice.expect_edit(screen)
    assert "If I call, then learn." in (plan.text or "")
    await alice.press(plan, texts.BUTTON_EDIT_THEN)
    await alice.expect_message()
    await alice.send("I hear about openings")
    assert "If I call, then I hear about openings." in ((await alice.expect_message()).text or "")
    screen = await entry_screen(alice, "😞 Hooli")
    await alice.press(screen, texts.BUTTON_REMOVE)
    confirm = await alice.expect_edit(screen)
    await alice.press(confirm, texts.BUTTON_REMOVE_YES)
    assert (await alice.expect_edit(confirm)).text == texts.ENTRY_REMOVED
    assert await row_counts(bot, "rejections", "plans", "wins") == (0, 0, 1)


async def test_someone_elses_entry_is_refused(alice: UserClient, bot: BotHarness) -> None:
    await win(alice, "Alice's win")
    win_id = int(await bot.svc.db.fetchval("SELECT id FROM wins") or 0)
    mallory = await onboarded(bot, "Mallory")
    await mallory.send("/start")
    first = await mallory.expect_message()
    for data in (
        EntryTap("win", win_id, "show").pack(),
        EntryTap("win", win_id, "yes").pack(),
        EditField("win", win_id, "text").pack(),
    ):
        await mallory.press_data(first, data)
        assert (await mallory.expect_callback_answer()).text == texts.ENTRY_GONE
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Alice's win"


async def test_fixing_where_updates_a_plan_shared_with_details(
    alice: UserClient, bot: BotHarness
) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    db, now = bot.svc.db, bot.clock.now()
    rejection = await entries.add_rejection(
        db,
        user_id=alice.id,
        kind="interview",
        other_text=None,
        where_text="Acme",
        hurt=4,
        in_control=None,
        now=now,
    )
    for if_do in ("practise answers aloud", "ask for feedback"):
        await entries.add_plan(
            db,
            user_id=alice.id,
            rejection_id=rejection.id,
            if_do=if_do,
            then_happens="I'll feel ready",
            follow_up_on=None,
            follow_up_due=None,
            now=now,
        )
    screen = await share_screen(alice, "practise answers")
    await alice.press(screen, "📣 Share with Job Club")
    plain = await circle.group.expect_message()
    screen = await share_screen(alice, "ask for feedback")
    await alice.press(screen, texts.BUTTON_INCLUDE_DETAILS)
    preview = await alice.expect_edit(screen)
    await alice.press(preview, "📣 Share with Job Club, with details")
    detailed = await circle.group.expect_message()
    assert "Acme" in (detailed.text or "")
    await bot.emulator.settle()
    await alice.messages()

    fix = await entry_screen(alice, "😞 Acme")
    await alice.press(fix, texts.BUTTON_EDIT_WHERE)
    await alice.expect_message()
    await alice.send("Globex")
    done = await alice.expect_message()
    assert texts.entry_posts_updated(1) in (done.text or "")
    edited = await circle.group.expect_edit(detailed)
    assert edited.text == (
        "After a setback (No offer after an interview — Globex), Alice made a plan:\n"
        "If I ask for feedback, then I'll feel ready."
    )
    # The plan shared without the details doesn't show them: left as it is.
    assert not plain.edits
    assert plain.text == "🔁 Alice made a plan:\nIf I practise answers aloud, then I'll feel ready."

    fix = await entry_screen(alice, "😞 Globex")
    await alice.press(fix, texts.BUTTON_REMOVE)
    confirm = await alice.expect_edit(fix)
    assert texts.entry_remove_plans(2) in (confirm.text or "")
    assert texts.entry_remove_shared(1) in (confirm.text or "")
    await alice.press(confirm, texts.BUTTON_REMOVE_YES)
    assert (await alice.expect_edit(confirm)).text == texts.ENTRY_REMOVED
    await bot.emulator.settle()
    assert plain.deleted and detailed.deleted
    assert await row_counts(bot, "rejections", "plans", "shares") == (0, 0, 0)
