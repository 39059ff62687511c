"""Timely human signals: cheers reach the author within the hour, by name, never in their
quiet hours; each kind of unscheduled message can be turned off or snoozed in /settings,
and quiet hours changed; the check-in at the chosen time is never held; the digest leaves
out a zero count."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.flows.circles_support import (
    NO_FLOOD_GUARD,
    Circle,
    circle_of_two,
    join,
    onboarded,
    share_win,
)
from tests.flows.conftest import onboard
from tests.flows.test_feedback_round import give, open_round
from tests.harness import BotHarness, harness

# Wed 25 Nov 2026 in Berlin (UTC+1)
EVENING = datetime(2026, 11, 25, 19, 30, tzinfo=UTC)  # 20:30 in Berlin


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        yield running


async def cheer(circle: Circle, user: UserClient, post: BotMessage) -> None:
    press = await circle.group.press(user, post, 0)
    assert (await press.answer()).text == texts.CHEERED


async def messages_screen(user: UserClient) -> BotMessage:
    """/settings → 🔔 Messages and quiet hours."""
    await user.send("/settings")
    panel = await user.expect_message()
    await user.press(panel, texts.BUTTON_NOTIFICATIONS)
    screen = await user.expect_message()
    assert screen.text is not None and screen.text.startswith("🔔 Messages I send on my own")
    return screen


async def test_a_late_cheer_waits_out_the_quiet_hours(alice: UserClient, bot: BotHarness) -> None:
    bob, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Got the interview")
    bot.clock.set(EVENING)
    await cheer(circle, bob, post)
    bot.clock.advance(hours=1)  # 21:30 in Berlin: quiet hours (21-8 by default)
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 11, 26, 6, 59, tzinfo=UTC))  # 07:59
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))  # 08:00: the quiet hours are over
    await bot.tick()
    note = await alice.expect_message()
    assert note.text == "👏 Bob cheered your win: Got the interview"
    bot.clock.advance(hours=2)
    await bot.tick()
    await alice.expect_no_message()  # told once


async def test_quiet_hours_are_the_persons_own(alice: UserClient, bot: BotHarness) -> None:
    bob, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Sent five applications")
    await alice.send("/settings quiet 25-3")  # not an hour of the day
    assert (await alice.expect_message()).text == (
        "Quiet hours are two hours of the day, from - to, like /settings quiet 22-7 "
        "(22:00 to 7:00), or /settings quiet off."
    )
    await alice.send("/settings quiet off")
    assert (await alice.expect_message()).text == "🌙 Quiet hours: none."
    bot.clock.set(EVENING)
    await cheer(circle, bob, post)
    bot.clock.advance(hours=1)  # 21:30 in Berlin, no quiet hours any more
    await bot.tick()
    assert (await alice.expect_message()).text == "👏 Bob cheered your win: Sent five applications"

    screen = await messages_screen(alice)
    assert "🌙 Quiet hours: none" in (screen.text or "")
    await alice.press(screen, "🌙 22–7")
    await alice.expect_edit(screen)
    assert "🌙 Quiet hours: 22:00–07:00" in (screen.text or "")


async def test_cheer_notes_turned_off_and_on(alice: UserClient, bot: BotHarness) -> None:
    bob, circle = await circle_of_two(bot, alice)
    post = await share_win(alice, circle, "Finished the portfolio")
    screen = await messages_screen(alice)
    assert "👏 Cheer notes: on" in (screen.text or "")
    assert "/digest off" in (screen.text or "")  # digests are the group's to turn off
    await alice.press(screen, "👏 Off")
    await alice.expect_edit(screen)
    assert "👏 Cheer notes: off" in (screen.text or "")
    assert "👏 On" in screen.button_texts()

    await cheer(circle, bob, post)
    bot.clock.advance(hours=1, minutes=1)
    await bot.tick()
    await alice.expect_no_message()  # off: dropped, not kept for later
    await alice.press(screen, "👏 On")
    await alice.expect_edit(screen)
    assert "👏 Cheer notes: on" in (screen.text or "")
    bot.clock.advance(hours=1)
    await bot.tick()
    await alice.expect_no_message()  # the cheer given while off is not told later

    carol = await _member(bot, circle, "Carol")
    await cheer(circle, carol, post)
    bot.clock.advance(hours=1)
    await bot.tick()
    assert (
        await alice.expect_message()
    ).text == "👏 Carol cheered your win: Finished the portfolio"


async def _member(bot: BotHarness, circle: Circle, name: str) -> UserClient:
    user = await onboarded(bot, name)
    circle.group.add_member(user)
    await join(circle, user)
    return user


async def test_feedback_notes_snoozed_for_a_week(alice: UserClient, bot: BotHarness) -> None:
    param = await open_round(alice)
    screen = await messages_screen(alice)
    await alice.press(screen, "📬 Snooze 7 days")
    await alice.expect_edit(screen)
    assert "📬 New feedback answers: snoozed until Wed 2 Dec" in (screen.text or "")
    await give(
        bot.emulator.user("Gina"), param, better="Network more", adjectives="kind", other=None
    )
    bot.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))  # 19:00 in Berlin
    await bot.tick()
    await alice.expect_no_message()  # snoozed: no note (the answer is in /feedback)

    bot.clock.set(datetime(2026, 12, 2, 13, 0, tzinfo=UTC))  # the snooze is over
    await give(bot.emulator.user("Hank"), param, better=None, adjectives="calm", other=None)
    bot.clock.set(datetime(2026, 12, 2, 18, 0, tzinfo=UTC))
    await bot.tick()
    assert (await alice.expect_message()).text == texts.feedback_new_answers(1)


async def test_a_feedback_note_in_quiet_hours_comes_once_a_day_at_their_end(
    alice: UserClient, bot: BotHarness
) -> None:
    param = await open_round(alice)
    await alice.send("/settings quiet 18-9")  # 19:00 is quiet: the day's note comes at 9:00
    await alice.expect_message()
    await give(
        bot.emulator.user("Gina"), param, better="Network more", adjectives="kind", other=None
    )
    bot.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))  # 19:00
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 09:00 the next day
    await bot.tick()
    assert (await alice.expect_message()).text == texts.feedback_new_answers(1)
    # Another answer later that day: told at the next 9:00, not the same day's 19:00.
    bot.clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    await give(bot.emulator.user("Hank"), param, better=None, adjectives="calm", other=None)
    bot.clock.set(datetime(2026, 11, 26, 18, 0, tzinfo=UTC))
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    await bot.tick()
    assert (await alice.expect_message()).text == texts.feedback_new_answers(1)


async def test_the_chosen_check_in_time_is_never_held(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/settings checkin sunday 22:00")  # inside the default quiet hours
    await alice.expect_message()
    bot.clock.set(datetime(2026, 11, 29, 21, 0, tzinfo=UTC))  # Sunday 22:00 in Berlin
    await bot.tick()
    checkin = await alice.expect_message()
    assert checkin.text is not None and checkin.kind == "text"


async def test_the_digest_leaves_out_a_zero_count(alice: UserClient, bot: BotHarness) -> None:
    _, circle = await circle_of_two(bot, alice)
    await circle.group.send(alice, "/digest on")
    await circle.group.expect_message()
    await circle.group.send(alice, "/digest time saturday 19:00")
    await circle.group.expect_message()
    await share_win(alice, circle, "Sent my portfolio")
    bot.clock.set(datetime(2026, 11, 28, 18, 1, tzinfo=UTC))  # Saturday 19:01 in Berlin
    await bot.tick()
    digest = await circle.group.expect_message()
    text = digest.text or ""
    assert "Alice: Sent my portfolio" in text
    assert "checked in" not in text  # nobody checked in yet: no "0 of 2 members"


async def test_a_forged_button_changes_nothing(alice: UserClient, bot: BotHarness) -> None:
    screen = await messages_screen(alice)
    press = await alice.press_data(screen, "nt:off:everything")
    await press.answer()
    await alice.expect_message()  # the app's answer to a button it doesn't know: the menu
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM message_prefs") == 0
    screen = await messages_screen(alice)
    await alice.press(screen, "🌙 No quiet hours")
    await alice.expect_edit(screen)
    assert "🌙 Quiet hours: none" in (screen.text or "")


async def test_application_questions_follow_the_persons_settings(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    async for bot in harness(emu, tmp_path, application_follow_up_days=1, **NO_FLOOD_GUARD):
        alice = bot.emulator.user("Alice")
        await onboard(alice)
        bot.clock.set(datetime(2026, 11, 25, 20, 0, tzinfo=UTC))  # 21:00 in Berlin
        await alice.send("/applied Globex")
        await alice.expect_message()
        await alice.send("/settings quiet 23-7")  # their own: 21:00 is fine for them
        await alice.expect_message()
        bot.clock.set(datetime(2026, 11, 26, 20, 30, tzinfo=UTC))  # 21:30, quiet by default
        await bot.tick()
        asked = await alice.expect_message()
        assert asked.text == "Heard back from Globex? You applied 1 day ago."

        # Snoozed: the questions wait (kept, not dropped) until the week is over.
        await alice.send("/applied Initech")
        await alice.expect_message()
        screen = await messages_screen(alice)
        await alice.press(screen, "📋 Snooze 7 days")
        await alice.expect_edit(screen)
        bot.clock.set(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
        await bot.tick()
        await alice.expect_no_message()
        bot.clock.set(datetime(2026, 12, 3, 20, 31, tzinfo=UTC))  # the snooze is over
        await bot.tick()
        later = await alice.expect_message()
        assert later.text is not None and "Initech" in later.text
