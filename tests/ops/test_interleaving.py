"""Many people at once: each person's updates in order, everyone's in parallel.

Twenty people go through onboarding, a rejection, its reframe and two wins at the same
time, with random pauses and a different Bot API latency per chat, and some of them type
ahead without waiting for the bot's question (the next update is already queued while the
previous one is being handled). Each person's chat must read exactly like the same script
run by one person alone, and the database must hold exactly their entries.
"""

from __future__ import annotations

import asyncio
import random
import re

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.harness import BotHarness

PEOPLE = 20
SEED = 14
NAME = "Sam"  # everyone has the same first name, so that the chats can be compared
_NONCE = re.compile(r"(?<=:)[0-9a-f]{4}(?=:)")
_DIGITS = re.compile(r"\d+")


class Person:
    def __init__(self, user: UserClient, tag: str, rng: random.Random) -> None:
        self.user, self.tag, self.rng = user, tag, rng

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, 0.03))

    async def send(self, text: str) -> None:
        await self.pause()
        await self.user.send(text)

    async def press(self, msg: BotMessage, label: str) -> None:
        await self.pause()
        await self.user.press(msg, label)

    async def next(self, count: int = 1) -> BotMessage:
        """The bot's next ``count`` messages here; returns the last."""
        msg: BotMessage | None = None
        for _ in range(count):
            msg = await self.user.expect_message(timeout=30)
        assert msg is not None
        return msg


async def script(p: Person) -> None:
    """Onboarding, a rejection and its reframe, two wins; typing ahead where marked."""
    t = p.tag
    await p.send("/start")
    await p.next(3)  # welcome, time-zone question, location hint
    await p.send("Berlin")
    await p.press(await p.next(), "✓ Yes")
    await p.press(await p.next(2), "✓ Sunday 18:00")
    await p.next()  # all set

    await p.send("/rejection")
    await p.press(await p.next(), "No offer after an interview")
    await p.send(f"Quokka {t} Ltd")  # ahead: sent before the "where?" question arrives
    hurt = await p.next(2)
    assert hurt.text == texts.ASK_HURT, hurt.text
    await p.press(hurt, "3")
    await p.send(f"ask {t} for feedback")  # ahead of the "in your control?" question
    saved = await p.next(2)
    await p.press(saved, texts.BUTTON_REFRAME_NOW)
    await p.press(await p.next(), texts.BELIEF_SUGGESTIONS[0])  # the first reframe's belief
    await p.next(2)  # belief saved; If I do ...?
    await p.send(f"If I call {t}")
    await p.send(f"then {t} refers me.")  # ahead of the "then ...?" question
    when = await p.next(2)
    await p.press(when, "Tomorrow")
    hurt_after = await p.next(2)
    await p.press(hurt_after, "2")
    await p.next()  # from 3 to 2

    await p.send(f"/win first {t}")
    await p.send(f"/win second {t}")  # ahead of the first one's answer
    await p.next(2)


def chat_as_read(emu: BotApiEmulator, user: UserClient, tag: str) -> list[str]:
    """The bot's messages in one chat as the person sees them now (edits included), with
    their own tag, button nonces and row ids made neutral."""
    lines = []
    for msg in emu.chat(user.id).bot_messages:
        line = msg.describe().replace(tag, "<tag>")
        data = [b.callback_data or "" for row in msg.buttons for b in row]
        data = [_DIGITS.sub("N", _NONCE.sub("nonce", d)) for d in data]
        lines.append(f"{line}  {data}")
    return lines


async def stored(bot: BotHarness, user: UserClient, tag: str) -> list[tuple[object, ...]]:
    db = bot.svc.db
    rows: list[tuple[object, ...]] = []
    for row in await db.fetchall(
        "SELECT kind, where_text, hurt, hurt_after, in_control FROM rejections "
        "WHERE user_id = ? ORDER BY id",
        (user.id,),
    ):
        rows.append(("rejection", *tuple(row)))
    for row in await db.fetchall(
        "SELECT if_do, then_happens, rejection_id IS NOT NULL FROM plans "
        "WHERE user_id = ? ORDER BY id",
        (user.id,),
    ):
        rows.append(("plan", *tuple(row)))
    for row in await db.fetchall("SELECT text FROM wins WHERE user_id = ? ORDER BY id", (user.id,)):
        rows.append(("win", *tuple(row)))
    return [tuple(str(v).replace(tag, "<tag>") for v in r) for r in rows]


async def test_twenty_people_at_once_read_like_one_alone(
    emu: BotApiEmulator, bot: BotHarness
) -> None:
    rng = random.Random(SEED)
    # Every Bot API call takes time, a different time in each chat (answers to button
    # presses have no chat: they get the last, common delay).
    alone = emu.user(NAME)
    people = [emu.user(NAME) for _ in range(PEOPLE)]
    for user in [alone, *people]:
        emu.inject_delay(None, delay=rng.uniform(0.005, 0.06), times=10**9, chat_id=user.id)
    emu.inject_delay(None, delay=0.02, times=10**9)

    await script(Person(alone, "solo", random.Random(0)))
    expected_chat = chat_as_read(emu, alone, "solo")
    expected_rows = await stored(bot, alone, "solo")
    assert len(expected_rows) == 4, expected_rows  # a rejection, a plan, two wins

    tags = [f"p{i:02d}x" for i in range(PEOPLE)]
    runs = [
        script(Person(user, tag, random.Random(rng.random())))
        for user, tag in zip(people, tags, strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*runs), 120)
    await emu.settle()

    for user, tag in zip(people, tags, strict=True):
        assert chat_as_read(emu, user, tag) == expected_chat, emu.transcript(user.id)
        assert await stored(bot, user, tag) == expected_rows
    assert bot.svc.unhandled_errors == 0
