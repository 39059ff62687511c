"""The closing number: how many messages a person with 30 open applications gets, at most.

Four weeks of the bot's clock, the due work run every hour, with the default interval (14
days) and quiet hours (21–8). Alice imports 30 applications sent over the last 30 days and
answers every question "Still nothing" (the answer that brings the most questions back),
then "Keep it open". Whatever is due, she gets at most one application message a day, never
in her quiet hours: at most 7 a week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from tests.harness import START, BotHarness, harness

BERLIN = ZoneInfo("Europe/Berlin")
STILL_NOTHING = "⏳ Still nothing"
KEEP_OPEN = "Keep it open"
REVIEW = "▶ Go through them"


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, flood_max_updates=1000):
        yield running


async def answer_everything(bot: BotHarness, alice: UserClient, start: int) -> int:
    """Press "Go through them", "Still nothing" or "Keep it open" on every bot message from
    ``start`` on, until the bot is quiet; returns where the next call starts."""
    chat = bot.emulator.chat(alice.id)
    while True:
        await bot.emulator.settle(quiet=0.1)
        pressed = False
        for message in chat.bot_messages[start:]:
            labels = message.button_texts()
            for label in (REVIEW, STILL_NOTHING, KEEP_OPEN):
                if label in labels:
                    await alice.press(message, label)
                    pressed = True
                    break
        start = len(chat.bot_messages)
        if not pressed:
            return start


async def test_thirty_open_applications_get_one_message_a_day_at_most(
    alice: UserClient, bot: BotHarness
) -> None:
    today = START.astimezone(BERLIN).date()
    lines = [
        f"Company {n},Role {n},{(today - timedelta(days=n)).isoformat()},applied" for n in range(30)
    ]
    await alice.send_document(("company,role,date,status\n" + "\n".join(lines)).encode(), "a.csv")
    preview = await alice.expect_message()
    await alice.press(preview, "✓ Import all 30")
    await alice.expect_message()

    chat = bot.emulator.chat(alice.id)
    answered = len(chat.bot_messages)
    per_day: Counter[date] = Counter()
    items_asked = 0
    for hour in range(1, 28 * 24 + 1):
        bot.clock.set(START + timedelta(hours=hour))
        before = len(chat.bot_messages)
        await bot.tick()
        for message in chat.bot_messages[before:]:
            labels = message.button_texts()
            if "▶ Start check-in" in labels:
                continue  # the weekly check-in: not about applications
            local = bot.clock.now().astimezone(BERLIN)
            assert 8 <= local.hour < 21, f"sent in quiet hours: {local}"
            per_day[local.date()] += 1
            assert message.text is not None
            items_asked += int(message.text.split()[1]) if REVIEW in labels else 1
        if len(chat.bot_messages) > answered:
            answered = await answer_everything(bot, alice, answered)

    assert max(per_day.values()) == 1  # never two in a day
    days = sorted(per_day)
    weeks = [
        sum(per_day[d] for d in days if start <= d < start + timedelta(days=7)) for start in days
    ]
    assert max(weeks) <= 7
    # Every application was asked about, and asked once more: 60 questions, in few messages.
    rows = await bot.svc.db.fetchall("SELECT asks, follow_up_due FROM applications")
    assert [tuple(r) for r in rows] == [(2, None)] * 30
    assert items_asked == 60
    assert sum(per_day.values()) == 15 and max(weeks) == 7
