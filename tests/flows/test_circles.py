"""Accountability circles end to end: a group chat, three users, the emulator."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.flows.circles_support import (
    circle_of_two,
    join,
    log_win,
    make_circle,
    onboarded,
    share_win,
)
from tests.harness import BotHarness


async def test_added_bot_introduces_itself_once_and_join_is_quiet_in_the_group(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    bob = await onboarded(bot, "Bob")
    circle = await make_circle(bot, [alice, bob])
    assert "nothing is posted here without the member's own tap" in (circle.intro.text or "")
    await join(circle, alice)
    await join(circle, bob)
    await circle.group.send(bob, "/join")  # again: told privately, nothing in the group
    again = await bob.expect_message()
    assert "already in the circle" in (again.text or "")
    await circle.group.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM memberships") == 2
    # Privacy mode: plain chatter in the group never reaches the bot.
    await circle.group.send(alice, "good luck everyone")
    await circle.group.expect_no_message()


async def test_join_without_a_private_chat_completes_on_start_then_onboarding(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    dave = emu.user("Dave")  # never wrote to the bot: it cannot write to him
    circle = await make_circle(bot, [alice, dave])
    await circle.group.send(dave, "/join")
    prompt = await circle.group.expect_message()
    assert "Dave" in (prompt.text or "") and prompt.reply_to_message_id is not None
    url = prompt.button(texts.BUTTON_OPEN_PRIVATE).url
    assert url is not None and url.startswith("https://t.me/ComebackTestBot?start=join_")
    start_arg = url.split("start=", 1)[1]
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM memberships") == 0

    await dave.send(f"/start {start_arg}")  # what Telegram sends when he taps Start
    joined = await dave.expect_message()
    assert "You joined the circle of <b>Job Club</b>" in (joined.html or "")
    welcome = await dave.expect_message()  # a new user goes straight on into onboarding
    assert "Hi Dave" in (welcome.text or "")
    assert (
        await bot.svc.db.fetchval("SELECT COUNT(*) FROM memberships WHERE user_id = ?", (dave.id,))
        == 1
    )
    await circle.group.expect_no_message()

    # An onboarded member tapping the link again: told, shown the menu, no set-up.
    await alice.send(f"/start {start_arg}")
    first = await alice.expect_message()
    assert "You joined" in (first.text or "")
    await alice.send(f"/start {start_arg}")
    second = await alice.expect_message()
    assert "already in the circle" in (second.text or "") and second.buttons
    await alice.expect_no_message()

    # Someone outside the group who got hold of the link cannot join.
    eve = await onboarded(bot, "Eve")
    await eve.send(f"/start {start_arg}")
    refused = await eve.expect_message()
    assert "Only members of" in (refused.text or "")
    assert (
        await bot.svc.db.fetchval("SELECT COUNT(*) FROM memberships WHERE user_id = ?", (eve.id,))
        == 0
    )
    await eve.send("/start join_nonsense")
    assert (await eve.expect_message()).text == texts.JOIN_LINK_INVALID


async def test_share_a_win_and_keep_one_private(alice: UserClient, bot: BotHarness) -> None:
    bob = await onboarded(bot, "Bob")
    circle = await make_circle(bot, [alice, bob], joined=[alice])
    prompt = await log_win(alice, "Got a <callback> from R&D")
    # The prompt shows exactly what the group would see.
    assert "Alice shares a win:\nGot a <callback> from R&D" in (prompt.text or "")
    share_data = prompt.button("Share with Job Club").callback_data or ""
    await alice.press(prompt, "Share with Job Club")
    assert (await alice.expect_callback_answer()).text == "📣 Shared with Job Club."
    edited = await alice.expect_edit(prompt)
    assert "✓ Shared in Job Club — unshare" in edited.button_texts()
    post = await circle.group.expect_message()
    assert post.text == "🏆 Alice shares a win:\nGot a <callback> from R&D"
    assert post.button_texts() == [texts.BUTTON_CHEER]
    # A double tap (the old button data) posts nothing more.
    await alice.press_data(prompt, share_data)
    assert (await alice.expect_callback_answer()).text == texts.SHARE_ALREADY

    private = await log_win(alice, "Finished the portfolio")
    await alice.press(private, texts.BUTTON_KEEP_PRIVATE)
    kept = await alice.expect_edit(private)
    assert "Kept private" in (kept.text or "") and not kept.buttons
    await circle.group.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares") == 1

    # Someone in no circle is not asked at all.
    await bob.send("/win Applied to three jobs")
    await bob.expect_message()
    await bob.expect_no_message()


async def test_cheers_toggle_count_on_the_button_and_one_note_within_the_hour(
    alice: UserClient, bot: BotHarness
) -> None:
    bob = await onboarded(bot, "Bob")
    carol = await onboarded(bot, "Carol")
    circle = await make_circle(bot, [alice, bob, carol], joined=[alice, bob])
    post = await share_win(alice, circle, "Second interview!")
    g = circle.group

    press = await g.press(carol, post, texts.BUTTON_CHEER)  # not in the circle yet
    assert (await press.answer()).text == texts.CHEER_JOIN_FIRST
    press = await g.press(alice, post, texts.BUTTON_CHEER)
    assert (await press.answer()).text == texts.CHEER_OWN

    press = await g.press(bob, post, texts.BUTTON_CHEER)
    assert (await press.answer()).text == texts.CHEERED
    await g.expect_edit(post)
    assert post.button_texts() == ["👏 Cheer · 1"]
    press = await g.press(bob, post, "👏 Cheer · 1")  # again: taken back
    assert (await press.answer()).text == texts.UNCHEERED
    await g.expect_edit(post)
    assert post.button_texts() == [texts.BUTTON_CHEER]

    await join(circle, carol)
    for user in (bob, carol):
        press = await g.press(user, post, 0)
        assert (await press.answer()).text == texts.CHEERED
    shown = await bot.emulator.wait_until(
        lambda: post.button_texts() == ["👏 Cheer · 2"] or None, 5
    )
    assert shown, post.button_texts()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM cheers") == 2

    # No private note per tap; one an hour after the first cheer, naming who cheered.
    await alice.expect_no_message()
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.advance(minutes=59)
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.advance(minutes=1)
    await bot.tick()
    note = await alice.expect_message()
    assert note.text == "👏 Bob and Carol cheered your win: Second interview!"
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.advance(days=1)
    await bot.tick()
    await alice.expect_no_message()  # nothing new: no note


async def test_leave_keeps_shares_and_stops_cheering(alice: UserClient, bot: BotHarness) -> None:
    _, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Networking call went well")
    await circle.group.send(alice, "/leave")
    left = await alice.expect_message()
    assert "You left the circle" in (left.text or "")
    await circle.group.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM shares") == 1
    assert not post.deleted
    await circle.group.send(alice, "/leave")
    assert "not in the circle" in ((await alice.expect_message()).text or "")
    # No more "Share with" for her.
    await alice.send("/win Another one")
    await alice.expect_message()
    await alice.expect_no_message()


async def test_share_buttons_work_while_another_flow_waits(
    alice: UserClient, bot: BotHarness
) -> None:
    """The check-in offers "Share with …" for each success while it is still running."""
    circle = await make_circle(bot, [alice], joined=[alice])
    prompt = await log_win(alice, "Mock interview done")
    await alice.send("/win")  # a flow now waits for text
    assert (await alice.expect_message()).text == texts.ASK_WIN
    await alice.press(prompt, "Share with Job Club")
    assert (await alice.expect_callback_answer()).text == "📣 Shared with Job Club."
    assert "Mock interview done" in ((await circle.group.expect_message()).text or "")
    await alice.send("Still in the win flow")
    assert "Still in the win flow" in ((await alice.expect_message()).text or "")


async def test_each_checkin_success_offers_sharing_while_the_checkin_runs(
    alice: UserClient, bot: BotHarness
) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    await alice.send("/checkin")
    assert (await alice.expect_message()).kind == "photo"
    worked = await alice.expect_message()
    await alice.press(worked, texts.BUTTON_SKIP)
    await alice.press(await alice.expect_message(), texts.BUTTON_SKIP)
    await alice.expect_message()  # what went well?
    await alice.send("Two applications sent")
    assert "Two applications sent" in ((await alice.expect_message()).text or "")
    first = await alice.expect_message()
    assert first.button_texts() == ["📣 Share with Job Club", texts.BUTTON_KEEP_PRIVATE]
    await alice.send("x" * 1001)  # refused with the limit named: not a win, nothing offered
    assert "1000" in ((await alice.expect_message()).text or "")

    await alice.press(first, "Share with Job Club")  # the check-in still waits for text
    assert (await alice.expect_callback_answer()).text == "📣 Shared with Job Club."
    await alice.expect_edit(first)
    post = await circle.group.expect_message()
    assert post.text == "🏆 Alice shares a win:\nTwo applications sent"
    await alice.send("Mock interview")
    assert "Mock interview" in ((await alice.expect_message()).text or "")
    second = await alice.expect_message()
    assert "Alice shares a win:\nMock interview" in (second.text or "")
    assert "📣 Share with Job Club" in second.button_texts()
    await alice.send("/cancel")
    await alice.expect_message()
    db = bot.svc.db
    assert await db.fetchval("SELECT COUNT(*) FROM wins WHERE source = 'checkin'") == 2
    assert await db.fetchval("SELECT COUNT(*) FROM shares") == 1
