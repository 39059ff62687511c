"""Wins and history."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.ui import texts
from tests.harness import BotHarness


async def test_win_with_text_logs_at_once(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/win Got a <reply> from R&D!")
    msg = await alice.expect_message()
    assert "Got a <reply> from R&D!" in (msg.text or "")
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Got a <reply> from R&D!"


async def test_win_asks_and_refuses_too_long(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/win")
    assert (await alice.expect_message()).text == texts.ASK_WIN
    await alice.send("🎉" * 1001)
    assert "1000" in ((await alice.expect_message()).text or "")
    await alice.send("Finished my portfolio")
    assert "Finished my portfolio" in ((await alice.expect_message()).text or "")


async def test_win_from_menu_button(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/start")
    menu = await alice.expect_message()
    await alice.press(menu, "🏆 Log a win")
    assert (await alice.expect_message()).text == texts.ASK_WIN
    await alice.send("Sent 5 applications")
    await alice.expect_message()
    await alice.press(menu, "🏆 Log a win")  # menus are reusable
    assert (await alice.expect_message()).text == texts.ASK_WIN


async def test_history_pages(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/history")
    assert (await alice.expect_message()).text == texts.HISTORY_EMPTY
    for i in range(12):
        await alice.send(f"/win number {i} <i>")
        await alice.expect_message()
        bot.clock.advance(minutes=1)
    await alice.send("/history")
    page = await alice.expect_message()
    assert "1–5 of 12" in (page.text or "") and "number 11 <i>" in (page.text or "")
    assert page.button_texts() == [texts.BUTTON_NEXT, texts.BUTTON_HISTORY_FIX, texts.BUTTON_MENU]
    await alice.press(page, texts.BUTTON_NEXT)
    second = await alice.expect_edit(page)
    assert "6–10 of 12" in (second.text or "")
    assert second.button_texts() == [
        texts.BUTTON_PREV,
        texts.BUTTON_NEXT,
        texts.BUTTON_HISTORY_FIX,
        texts.BUTTON_MENU,
    ]
    await alice.press(second, texts.BUTTON_NEXT)
    third = await alice.expect_edit(second)
    assert "11–12 of 12" in (third.text or "") and "number 0 <i>" in (third.text or "")


async def test_history_with_long_entries_fits_a_message(alice: UserClient, bot: BotHarness) -> None:
    for _ in range(6):
        await alice.send("/win " + "&" * 1000)
        await alice.expect_message()
    await alice.send("/history")
    page = await alice.expect_message()
    assert len(page.text or "") < 4096
