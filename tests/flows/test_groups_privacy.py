"""Privacy and authorisation: forged callback data, unsharing from /history, reframes shared
without (or, from the preview, with) the rejection's details."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.storage import entries
from bot.ui import texts
from tests.flows.groups_support import join, make_circle, onboarded, share_win
from tests.harness import BotHarness


async def test_forged_callbacks_are_refused(alice: UserClient, bot: BotHarness) -> None:
    bob = await onboarded(bot, "Bob")
    carol = await onboarded(bot, "Carol")
    circle = await make_circle(bot, [alice, bob, carol])
    other = await make_circle(bot, [carol], "Carol's own")
    for user in (alice, bob):
        await join(circle, user)
    await join(other, carol)
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
    assert await bob_presses(f"sh:w:{alice_win}:{circle.circle_id}") == texts.SHARE_NOT_FOUND
    assert await bob_presses(f"sh:iw:{alice_win}") == texts.SHARE_NOT_FOUND
    assert await bob_presses(f"sh:u:{share_id}") == texts.UNSHARE_GONE
    # His own win into a circle he is not in.
    assert await bob_presses(f"sh:w:{bob_win}:{other.circle_id}") == texts.SHARE_NOT_MEMBER
    assert await bob_presses("sh:w:999:1:2:3:4") == texts.EXPIRED  # malformed
    assert (await bob.expect_message()).text == texts.EXPIRED_WITH_MENU
    # Cheering from outside the circle, or with data copied onto another message.
    press = await circle.group.press_data(carol, post, f"ch:{share_id}")
    assert (await press.answer()).text == texts.CHEER_JOIN_FIRST
    press = await circle.group.press_data(bob, circle.intro, f"ch:{share_id}")
    assert (await press.answer()).text == texts.EXPIRED
    press = await other.group.press_data(carol, other.intro, f"ch:{share_id}")
    assert (await press.answer()).text == texts.EXPIRED
    # Sharing buttons pressed in a group do nothing there.
    press = await circle.group.press_data(bob, post, f"sh:iw:{bob_win}")
    assert (await press.answer()).text == texts.EXPIRED
    press = await circle.group.press_data(bob, post, "menu:nonsense")
    assert (await press.answer()).text == texts.EXPIRED

    await bot.emulator.settle()
    assert await db.fetchval("SELECT COUNT(*) FROM shares") == 1
    assert await db.fetchval("SELECT COUNT(*) FROM cheers") == 0
    assert not post.deleted and not post.edits
    await circle.group.expect_no_message()
    await other.group.expect_no_message()
    await bob.expect_no_message()


async def test_history_marks_shares_and_unshares(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob = await onboarded(bot, "Bob")
    circle = await make_circle(bot, [alice, bob])
    await join(circle, alice)
    await join(circle, bob)
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
    db = bot.svc.db
    assert await db.fetchval("SELECT COUNT(*) FROM shares") == 1
    assert await db.fetchval("SELECT COUNT(*) FROM cheers") == 0
    assert await db.fetchval("SELECT COUNT(*) FROM wins") == 2  # the win itself stays

    # Older than 48 hours Telegram refuses the delete: the post is blanked instead.
    emu.inject_fault(
        "deleteMessage", status=400, description="Bad Request: message can't be deleted"
    )
    await alice.send("/history")
    page = await alice.expect_message()
    await alice.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await alice.expect_message()
    await alice.press(pick, "Old share")
    screen = await alice.expect_edit(pick)
    await alice.press(screen, "✓ Shared in Job Club — unshare")
    await alice.expect_edit(screen)
    await emu.settle()
    assert not old_post.deleted and old_post.text == texts.SHARE_REMOVED_POST
    assert not old_post.buttons
    assert await db.fetchval("SELECT COUNT(*) FROM shares") == 0


async def test_reframe_shares_only_the_sentence_unless_details_chosen_on_the_preview(
    alice: UserClient, bot: BotHarness
) -> None:
    circle = await make_circle(bot, [alice])
    await join(circle, alice)
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
    await alice.send("/history")
    page = await alice.expect_message()
    await alice.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await alice.expect_message()

    await alice.press(pick, "practise answers")
    screen = await alice.expect_edit(pick)
    assert "Acme" not in (screen.text or "") and "If I practise answers aloud" in (
        screen.text or ""
    )
    await alice.press(screen, "📣 Share with Job Club")
    post = await circle.group.expect_message()
    assert post.text == "🔁 Alice made a plan:\nIf I practise answers aloud, then I'll feel ready."
    assert "Acme" not in (post.text or "") and "rambled" not in (post.text or "")

    await alice.send("/history")
    page = await alice.expect_message()
    await alice.press(page, texts.BUTTON_HISTORY_SHARE)
    pick = await alice.expect_message()
    await alice.press(pick, "ask for feedback")
    screen = await alice.expect_edit(pick)
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
