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

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.storage import applications as store
from tests.harness import START, BotHarness, harness

BERLIN = ZoneInfo("Europe/Berlin")
STILL_NOTHING = "⏳ Still nothing"
KEEP_OPEN = "Keep it open"
REVIEW = "▶ Go through them"


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, flood_max_updates=1000):
        yield running


async def go_through(bot: BotHarness, alice: UserClient, question: BotMessage) -> None:
    """Answer ``question`` "Still nothing" ("Keep it open" when that is offered), and every
    question that follows it (the bot sends the next while one is unanswered)."""
    while True:
        await alice.press(question, STILL_NOTHING)
        answer = await alice.expect_message()  # "I'll ask once more" or "log it?"
        if KEEP_OPEN in answer.button_texts():
            await alice.press(answer, KEEP_OPEN)
            await alice.expect_message()  # kept open
        if not await store.awaiting(bot.svc.db, alice.id):
            return
        question = await alice.expect_message()


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
    per_day: Counter[date] = Counter()
    items_asked = 0
    for hour in range(1, 28 * 24 + 1):
        bot.clock.set(START + timedelta(hours=hour))
        before = len(chat.bot_messages)
        await bot.tick()
        sent = chat.bot_messages[before:]
        await alice.messages()  # read (every earlier exchange had finished)
        for message in sent:
            labels = message.button_texts()
            if "▶ Start check-in" in labels:
                continue  # the weekly check-in: not about applications
            local = bot.clock.now().astimezone(BERLIN)
            assert 8 <= local.hour < 21, f"sent in quiet hours: {local}"
            per_day[local.date()] += 1
            assert message.text is not None
            if REVIEW in labels:
                items_asked += int(message.text.split()[1])  # "📋 23 things about …"
                await alice.press(message, REVIEW)
                await go_through(bot, alice, await alice.expect_message())
            else:
                items_asked += 1
                await go_through(bot, alice, message)

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
