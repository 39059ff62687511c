"""Opening the dashboard from the chat: the web_app button, the menu button, the link from a
group, and the bot without a dashboard. The emulator refuses what Telegram refuses."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MenuButtonWebApp, WebAppInfo
from telegram.error import BadRequest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.harness import TOKEN, BotHarness, harness
from tests.web.conftest import PUBLIC_URL, person


async def test_dashboard_button_and_menu_button(bot: BotHarness, alice: UserClient) -> None:
    assert bot.emulator.menu_button(alice.chat_id) == {"type": "default"}
    await alice.send("/dashboard")
    offer = await alice.expect_message()
    assert offer.html == texts.DASHBOARD_OPEN
    [[button]] = offer.buttons
    assert button.text == texts.BUTTON_DASHBOARD
    assert button.raw["web_app"] == {"url": PUBLIC_URL}
    await bot.emulator.settle()
    assert bot.emulator.menu_button(alice.chat_id) == {
        "type": "web_app",
        "text": texts.MENU_BUTTON_DASHBOARD,
        "web_app": {"url": PUBLIC_URL},
    }
    await alice.send("/help")
    assert ((await alice.expect_message()).html or "").endswith("\n\n" + texts.HELP_DASHBOARD)


async def test_in_a_group_a_link_to_the_private_chat(bot: BotHarness, alice: UserClient) -> None:
    group = bot.emulator.group("Job hunters", [alice])
    await group.add_bot(by=alice)
    await bot.emulator.settle()
    await group.messages()  # the bot's hello
    await group.send(alice, "/dashboard")
    answer = await group.expect_message()
    [[button]] = answer.buttons
    assert button.url == "https://t.me/ComebackTestBot?start=dashboard"
    assert "web_app" not in button.raw
    await alice.send("/start dashboard")
    offer = await alice.expect_message()
    assert offer.html == texts.DASHBOARD_OPEN
    assert offer.buttons[0][0].raw["web_app"] == {"url": PUBLIC_URL}


async def test_without_webapp_url_it_says_so(emu: BotApiEmulator, tmp_path: Path) -> None:
    async for plain in harness(emu, tmp_path):
        alice = await person(plain, "Alice")
        await alice.send("/dashboard")
        assert (await alice.expect_message()).html == texts.DASHBOARD_OFF
        await alice.send("/help")
        assert ((await alice.expect_message()).html or "").endswith(texts.HELP_DASHBOARD_OFF)
        assert emu.menu_button(alice.chat_id) == {"type": "default"}


async def test_emulator_refuses_what_telegram_refuses(emu: BotApiEmulator) -> None:
    alice = emu.user("Alice")
    await alice.send("/start")
    group = emu.group("Job hunters", [alice])
    await group.add_bot(by=alice)
    web_app = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Open", web_app=WebAppInfo("https://dash.example.org/"))]]
    )
    plain_http = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Open", web_app=WebAppInfo("http://dash.example.org/"))]]
    )
    async with Bot(TOKEN, base_url=emu.base_url) as api:
        await api.send_message(alice.chat_id, "ok", reply_markup=web_app)
        http_menu = MenuButtonWebApp("Go", WebAppInfo("http://dash.example.org/"))
        https_menu = MenuButtonWebApp("Go", WebAppInfo("https://dash.example.org/"))
        cases: list[tuple[str, Callable[[], Awaitable[object]]]] = [
            (
                "BUTTON_TYPE_INVALID",
                lambda: api.send_message(group.chat_id, "x", reply_markup=web_app),
            ),
            (
                "Only HTTPS links are allowed",
                lambda: api.send_message(alice.chat_id, "x", reply_markup=plain_http),
            ),
            (
                "Only HTTPS links are allowed",
                lambda: api.set_chat_menu_button(alice.chat_id, http_menu),
            ),
            ("chat not found", lambda: api.set_chat_menu_button(group.chat_id, https_menu)),
        ]
        for expected, call in cases:
            pattern = "(?i)" + re.escape(expected)
            with emu.expecting_refusal(expected), pytest.raises(BadRequest, match=pattern):
                await call()
        await api.set_chat_menu_button(
            alice.chat_id, MenuButtonWebApp("Go", WebAppInfo("https://dash.example.org/"))
        )
        found = await api.get_chat_menu_button(alice.chat_id)
        assert (
            isinstance(found, MenuButtonWebApp) and found.web_app.url == "https://dash.example.org/"
        )
