"""The bot with its dashboard switched on, against the emulator, and an HTTP client for it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.web import auth
from tests.flows.conftest import onboard
from tests.harness import TOKEN, BotHarness, harness

PUBLIC_URL = "https://dash.example.org/dashboard"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Page:
    """The dashboard as the page talks to it: plain HTTP on 127.0.0.1."""

    def __init__(self, bot: BotHarness, session: aiohttp.ClientSession) -> None:
        self.bot = bot
        self.session = session
        port = bot.svc.settings.listen_port
        self.url = f"http://127.0.0.1:{port}/dashboard"

    def init_data(
        self, user: UserClient, *, now: datetime | None = None, token: str = TOKEN
    ) -> str:
        moment = now or self.bot.clock.now()
        return auth.init_data_for(user.id, user.name, "en", moment, token)

    def address(self, user: UserClient) -> str:
        """What Telegram opens: the page, with the signed data after #."""
        from urllib.parse import quote

        return f"{self.url}/#tgWebAppData={quote(self.init_data(user), safe='')}"

    async def get(self, init_data: str | None) -> tuple[int, Any]:
        headers = {} if init_data is None else {"Authorization": f"tma {init_data}"}
        async with self.session.get(self.url + "/api/summary", headers=headers) as response:
            return response.status, await response.json()

    async def post(self, init_data: str, plan_id: int, body: object) -> tuple[int, Any]:
        headers = {"Authorization": f"tma {init_data}"}
        url = f"{self.url}/api/plans/{plan_id}"
        async with self.session.post(url, json=body, headers=headers) as response:
            return response.status, await response.json()


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(TOKEN, "ComebackTestBot")
    await emulator.start()
    try:
        yield emulator
        emulator.assert_no_unexpected_refusals()
    finally:
        await emulator.stop()


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running_bot in harness(emu, tmp_path, webapp_url=PUBLIC_URL, listen_port=free_port()):
        yield running_bot


@pytest.fixture
async def page(bot: BotHarness) -> AsyncIterator[Page]:
    async with aiohttp.ClientSession() as session:
        yield Page(bot, session)


async def person(bot: BotHarness, name: str) -> UserClient:
    """Someone set up in Berlin, with whatever onboarding sends at the end already read."""
    user = bot.emulator.user(name)
    await onboard(user)
    await bot.emulator.settle()
    await user.messages()
    return user


@pytest.fixture
async def alice(bot: BotHarness) -> UserClient:
    return await person(bot, "Alice")
