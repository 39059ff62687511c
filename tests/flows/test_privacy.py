"""/privacy: what is kept, for how long (database, backups, logs), who sees what; its buttons
reach /export and /delete, and /delete says how long backups and logs keep what it erases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.flows.test_export_delete import unzip
from tests.harness import BotHarness, harness


async def test_privacy_tells_what_is_kept_for_how_long_and_who_sees_it(
    bot: BotHarness, alice: UserClient
) -> None:
    await alice.send("/privacy")
    shown = await alice.expect_message()
    text = shown.text or ""
    # What is kept, and until when in the database.
    for kept in ("Telegram id", "rejections", "wins", "feedback rounds", "circles"):
        assert kept in text, kept
    assert "until you remove it" in text and "/delete" in text
    # How long backups and logs keep it (the default settings: 14 days each).
    assert "Backup copies of the database are kept for 14 days" in text
    assert "logs" in text and "never what you write" in text and "kept for 14 days" in text
    # Who sees what: the person alone, circles only what is shared, feedback givers.
    assert "for you alone" in text
    assert "circle sees only what you share" in text
    assert "People you ask for feedback" in text and "anonymous" in text
    assert shown.button_texts() == [texts.BUTTON_PRIVACY_EXPORT, texts.BUTTON_PRIVACY_DELETE]


async def test_privacy_buttons_export_and_erase(bot: BotHarness, alice: UserClient) -> None:
    await alice.send("/win Finished the portfolio")
    await alice.expect_message()
    await alice.send("/privacy")
    shown = await alice.expect_message()

    await alice.press(shown, texts.BUTTON_PRIVACY_EXPORT)
    assert (await alice.expect_callback_answer()) is not None
    document, _ = unzip(await alice.expect_message())
    assert [w["text"] for w in document["tables"]["wins"]] == ["Finished the portfolio"]

    await alice.press(shown, texts.BUTTON_PRIVACY_DELETE)
    confirm = await alice.expect_message()
    text = confirm.text or ""
    assert "cannot be undone" in text
    # Before deciding, the person learns how long backups and logs keep what is erased.
    assert "Backup copies of the database are kept for 14 days" in text
    assert "never what you write" in text
    await alice.press(confirm, texts.BUTTON_DELETE_YES)
    assert (await alice.expect_message()).text == texts.DELETE_WORKING
    assert "everything about you is erased" in ((await alice.expect_message()).text or "")
    count = await bot.svc.db.fetchval("SELECT COUNT(*) FROM wins WHERE user_id = ?", (alice.id,))
    assert count == 0


@pytest.fixture
async def bot_keeping_30_and_7(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running_bot in harness(emu, tmp_path, backup_keep_days=30, log_keep_days=7):
        yield running_bot


async def test_the_numbers_are_the_operators_settings(bot_keeping_30_and_7: BotHarness) -> None:
    sam = bot_keeping_30_and_7.emulator.user("Sam")
    await sam.send("/start")
    welcome = await sam.expect_message()
    assert "/privacy" in (welcome.text or "")  # the welcome points to it
    await sam.expect_message()
    await sam.expect_message()
    await sam.send("Berlin")
    await sam.press(await sam.expect_message(), "✓ Yes")
    await sam.expect_message()
    await sam.press(await sam.expect_message(), "✓ Sunday 18:00")
    await sam.expect_message()

    await sam.send("/privacy")
    text = (await sam.expect_message()).text or ""
    assert "kept for 30 days" in text and "30 days later" in text
    assert "are kept for 7 days" in text
    await sam.send("/delete")
    text = (await sam.expect_message()).text or ""
    assert "kept for 30 days" in text and "kept for 7 days" in text


async def test_privacy_is_in_the_command_menu_and_help(bot: BotHarness) -> None:
    private = bot.emulator.bot_commands({"type": "all_private_chats"})
    assert "privacy" in [c["command"] for c in private]
    user = bot.emulator.user("Nia")
    await onboard(user)
    await user.send("/help")
    assert "/privacy" in ((await user.expect_message()).text or "")
