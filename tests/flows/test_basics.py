"""Foundation flows end to end: /start, /help, /cancel, the unknown, the command menu."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.ui import texts
from tests.harness import BotHarness


async def test_start_welcomes_and_asks_for_the_time_zone(bot: BotHarness) -> None:
    ada = bot.emulator.user("Ada <&>")
    await ada.send("/start")
    welcome = await ada.expect_message()
    assert "Hi Ada <&>!" in (welcome.text or "")
    assert "/delete" in (welcome.text or "")
    question = await ada.expect_message()
    assert "time zone" in (question.text or "")
    assert "Berlin (Europe/Berlin)" in question.button_texts() or any(
        "Berlin" in b for b in question.button_texts()
    )


async def test_help_lists_every_private_command(bot: BotHarness) -> None:
    ada = bot.emulator.user("Ada")
    await ada.send("/help")
    msg = await ada.expect_message()
    for name, _ in texts.PRIVATE_COMMANDS:
        assert f"/{name}" in (msg.text or "")


async def test_cancel_with_nothing_to_cancel(bot: BotHarness) -> None:
    ada = bot.emulator.user("Ada")
    await ada.send("/cancel")
    msg = await ada.expect_message()
    assert msg.text == texts.NOTHING_TO_CANCEL
    assert "😞 Log a rejection" in msg.button_texts()


async def test_text_outside_a_flow_gets_the_menu_and_a_note(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("what is this")
    msg = await alice.expect_message()
    assert msg.text == texts.FREE_OTHER
    assert texts.BUTTON_SAVE_NOTE in msg.button_texts()
    assert "❓ Help" in msg.button_texts()


async def test_unknown_command_points_to_the_menu(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/frobnicate")
    msg = await alice.expect_message()
    assert msg.text == texts.UNKNOWN_COMMAND
    assert "❓ Help" in msg.button_texts()


async def test_command_menu_registered_for_private_and_group_scopes(bot: BotHarness) -> None:
    private = bot.emulator.bot_commands({"type": "all_private_chats"})
    group = bot.emulator.bot_commands({"type": "all_group_chats"})
    assert [c["command"] for c in private] == [name for name, _ in texts.PRIVATE_COMMANDS]
    assert [c["command"] for c in group] == [name for name, _ in texts.GROUP_COMMANDS]


async def test_onboarding_then_menu_on_second_start(alice: UserClient) -> None:
    await alice.send("/start")
    msg = await alice.expect_message()
    assert msg.text == texts.MENU
