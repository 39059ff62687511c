"""Privacy and authorisation: forged callback data, unsharing from /history, reframes shared
without (or, from the preview, with) the rejection's details."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.flows.circles.cheers import CheerTap
from bot.flows.circles.sharing import SharePick, ShareScreen, ShareTo, Unshare
from bot.storage import entries
from bot.ui import texts
from tests.flows.circles_support import (
    circle_of_two,
    make_circle,
    onboarded,
    row_counts,
    share_screen,
    share_win,
)
from tests.harness import BotHarness


async def test_forged_callbacks_are_refused(alice: UserClient, bot: BotHarness) -> None:
    bob = await onboarded(bot, "Bob")
    carol = await onboarded(bot, "Carol")
    circle = await make_circle(bot, [alice, bob, carol], joined=[alice, bob])
    other = await make_circle(bot, [carol], "Carol's own", joined=[carol])
    post = await share_win(alice, circle, "Alice's win")
    db = bot.svc.db
    alice_win = await db.fetchval("SELECT id FROM wins WHERE user_id = ?", (alice.id,))
    share_id = await db.fetchval("SELECT id FROM shares")
    await bob.send("/win Bob's win")
    bob_menu = await bob.expect_message()
    await bob.expect_message()  # his own share prompt
    bob_win = await db.fetchval("SELECT id FROM wins WHERE user_id = ?", (bob.id,))

    async def bob_presses(data: str) -> str | None:
        await bob.press_data(bob_menu, data)
        return (await bob.expect_callback_answer()).text

    # Sharing, viewing or unsharing Alice's entries from Bob's chat.
    share_alices = ShareTo("win", alice_win, circle.circle_id).pack()
    assert await bob_presses(share_alices) == texts.SHARE_NOT_FOUND
    assert await bob_presses(ShareScreen("win", alice_win).pack()) == texts.SHARE_NOT_FOUND
    assert await bob_presses(Unshare(share_id).pack()) == texts.UNSHARE_GONE
    # His own win into a circle he is not in.
    into_other = ShareTo("win", bob_win, other.circle_id).pack()
    assert await bob_presses(into_other) == texts.SHARE_NOT_MEMBER
    assert await bob_presses(f"{share_alices}:2:3") == texts.EXPIRED  # malformed
    assert (await bob.expect_message()).text == texts.EXPIRED_WITH_MENU
    # Cheering from outside the circle, or with data copied onto another message.
    cheer = CheerTap(share_id).pack()
    press = await circle.group.press_data(carol, post, cheer)
    assert (await press.answer()).text == texts.CHEER_JOIN_FIRST
    press = await circle.group.press_data(bob, circle.intro, cheer)
    assert (await press.answer()).text == texts.EXPIRED
    press = await other.group.press_data(carol, other.intro, cheer)
    assert (await press.answer()).text == texts.EXPIRED
    # Sharing buttons pressed in a group do nothing there.
    press = await circle.group.press_data(bob, post, ShareScreen("win", bob_win).pack())
    assert (await press.answer()).text == texts.EXPIRED
    press = await circle.group.press_data(bob, post, "menu:nonsense")
    assert (await press.answer()).text == texts.EXPIRED

    await bot.emulator.settle()
    assert await row_counts(bot, "shares", "cheers") == (1, 0)
    assert not post.deleted and not post.edits
    await circle.group.expect_no_message()
    await other.group.expect_no_message()
    await bob.expect_no_message()


async def test_ids_and_data_no_button_carries_are_refused(
    alice: UserClient, bot: BotHarness
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Alice's win")
    await bob.send("/history")
    empty = await bob.expect_message()

    async def bob_presses(data: str) -> str | None:
        await bob.press_data(empty, data)
        return (await bob.expect_callback_answer()).text

    # The largest ids a button can carry, and beyond.
    assert await bob_presses(Unshare(-(2**63)).pack()) == texts.UNSHARE_GONE
    assert await bob_presses(ShareScreen("reframe", 2**63 - 1).pack()) == texts.SHARE_NOT_FOUND
    press = await circle.group.press_data(bob, post, CheerTap(2**63 - 1).pack())
    assert (await press.answer()).text == texts.CHEER_GONE
    press = await circle.group.press_data(bob, post, "ch:" + "9" * 19)
    assert (await press.answer()).text == texts.EXPIRED
    # Old or malformed share data: "expired", and the menu.
    for malformed in ("sh:win:1", "sh:w:1:2", "sh:list:0"):
        assert await bob_presses(malformed) == texts.EXPIRED
        assert (await bob.expect_message()).text == texts.EXPIRED_WITH_MENU
    # The share list belongs in the private chat.
    press = await circle.group.press_data(bob, post, SharePick(0, 5).pack())
    assert (await press.answer()).text == texts.EXPIRED

    await bot.emulator.settle()
    assert await row_counts(bot, "shares", "cheers") == (1, 0)
    assert not post.edits
    await circle.group.expect_no_message()
    await bob.expect_no_message()


async def test_history_marks_shares_and_unshares(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Recruiter called back")
    press = await circle.group.press(bob, post, texts.BUTTON_CHEER)
    await press.answer()
    old_post = await share_win(alice, circle, "Old share")

    await alice.send("/history")
    page = await alice.expect_message()
    assert page.text is not None and page.text.count("📣 shared in Job Club") == 2
    await alice.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await alice.expect_message()
    await alice.press(pick, "Recruiter called back")
    screen = await alice.expect_edit(pick)
    await alice.press(screen, "✓ Shared in Job Club — unshare")
    assert (await alice.expect_callback_answer()).text == "Removed from Job Club."
    after = await alice.expect_edit(screen)
    assert "📣 Share with Job Club" in after.button_texts()
    assert post.deleted
    assert await row_counts(bot, "shares", "cheers", "wins") == (1, 0, 2)  # the win stays

    # Older than 48 hours Telegram refuses the delete: the post is blanked instead.
    emu.inject_fault(
        "deleteMessage", status=400, description="Bad Request: message can't be deleted"
    )
    screen = await share_screen(alice, "Old share")
    await alice.press(screen, "✓ Shared in Job Club — unshare")
    await alice.expect_edit(screen)
    await emu.settle()
    assert not old_post.deleted and old_post.text == texts.SHARE_REMOVED_POST
    assert not old_post.buttons
    assert await row_counts(bot, "shares") == (0,)


async def test_reframe_shares_only_the_sentence_unless_details_chosen_on_the_preview(
    alice: UserClient, bot: BotHarness
) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    db, now = bot.svc.db, bot.clock.now()
    rejection = await entries.add_rejection(
        db,
        user_id=alice.id,
        kind="interview",
        other_text=None,
        where_text="Acme <Corp>",
        hurt=4,
        in_control="I rambled",
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
    assert "Acme" not in (screen.text or "") and "If I practise answers aloud" in (
        screen.text or ""
    )
    await alice.press(screen, "📣 Share with Job Club")
    post = await circle.group.expect_message()
    assert post.text == "🔁 Alice made a plan:\nIf I practise answers aloud, then I'll feel ready."
    assert "Acme" not in (post.text or "") and "rambled" not in (post.text or "")

    screen = await share_screen(alice, "ask for feedback")
    await alice.press(screen, texts.BUTTON_INCLUDE_DETAILS)
    preview = await alice.expect_edit(screen)
    expected = (
        "After a setback (No offer after an interview — Acme <Corp>), Alice made a plan:\n"
        "If I ask for feedback, then I'll feel ready."
    )
    assert expected in (preview.text or "")
    await alice.press(preview, "📣 Share with Job Club, with details")
    post = await circle.group.expect_message()
    assert post.text == expected and "rambled" not in (post.text or "")
    assert await db.fetchval("SELECT SUM(with_details) FROM shares") == 1


async def test_the_share_list_is_the_page_being_read(alice: UserClient, bot: BotHarness) -> None:
    await make_circle(bot, [alice], joined=[alice])
    for i in range(12):
        await entries.add_win(bot.svc.db, user_id=alice.id, text=f"win {i}", now=bot.clock.now())
    await alice.send("/history")
    page = await alice.expect_message()
    await alice.press(page, texts.BUTTON_NEXT)
    page = await alice.expect_edit(page)
    await alice.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await alice.expect_message()
    assert pick.button_texts() == [f"🏆 win {i}" for i in (6, 5, 4, 3, 2)]
    # Forged bounds: never more than ten entries, never before the first.
    await alice.press_data(pick, SharePick(0, 10**6).pack())
    assert len((await alice.expect_message()).button_texts()) == 10
    await alice.press_data(pick, SharePick(-5, 2).pack())
    assert (await alice.expect_message()).button_texts() == ["🏆 win 11", "🏆 win 10"]
