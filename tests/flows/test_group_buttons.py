"""Buttons of the private chat pressed in a group (issue 15, item 9): every codec the bot
knows, forged onto a group message, is answered "expired" and nothing is posted anywhere.

Data copied from a private screen (or typed into a client) arrives as a callback query from
the group; before, ``menu:history`` posted the presser's own history there."""

from __future__ import annotations

import dataclasses
import itertools
import re
import typing
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackQueryHandler, ConversationHandler

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.flows.circles.cheers import CheerTap
from bot.flows.common import FLOWS
from bot.storage import entries
from bot.ui import texts
from bot.ui.callbacks import CallbackData, FlowData
from tests.flows.circles_support import NO_FLOOD_GUARD, make_circle
from tests.harness import BotHarness, harness

GROUP_CODECS = {CheerTap}  # the one button that belongs in a group


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        yield running


def _codecs(base: type[CallbackData] = CallbackData) -> Iterator[type[CallbackData]]:
    for sub in base.__subclasses__():
        yield sub
        yield from _codecs(sub)


def _choices(annotation: Any) -> list[Any]:
    """Values to try for a field: each choice of a Literal, one value of anything else."""
    if typing.get_origin(annotation) in (typing.Union, type(int | None)):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [{int: 1, bool: True, str: "x", date: date(2026, 11, 25)}[annotation]]


def _samples(codec: type[CallbackData]) -> Iterator[CallbackData]:
    """The codec with every choice of each field (the other fields at their first)."""
    hints = typing.get_type_hints(codec)
    framed = ("flow", "nonce") if issubclass(codec, FlowData) else ()
    fields = [f.name for f in dataclasses.fields(codec) if f.name not in framed]
    options = {name: _choices(hints[name]) for name in fields}
    first = {name: values[0] for name, values in options.items()}
    yield codec(**first)
    for name, values in options.items():
        for value in values[1:]:
            yield codec(**{**first, name: value})


def _patterns(handlers: list[Any]) -> Iterator[re.Pattern[str]]:
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            nested = [*handler.entry_points, *handler.fallbacks]
            nested += list(itertools.chain.from_iterable(handler.states.values()))
            yield from _patterns(nested)
        elif isinstance(handler, CallbackQueryHandler) and isinstance(handler.pattern, re.Pattern):
            yield handler.pattern


def forged_data(bot: BotHarness) -> list[str]:
    """Every button's data a private handler of this bot would take: each stateless codec's,
    and each flow's codecs with that flow's prefix (an old nonce: from a private screen)."""
    assert bot.app is not None
    patterns = list(_patterns([h for group in bot.app.handlers.values() for h in group]))
    found: set[str] = set()
    for codec in _codecs():
        if codec in GROUP_CODECS or codec is FlowData:
            continue
        for sample in _samples(codec):
            if isinstance(sample, FlowData):
                packed = [
                    dataclasses.replace(sample, flow=flow.prefix, nonce="0a0a").pack()
                    for flow in FLOWS.values()
                ]
            else:
                packed = [sample.pack()]
            found.update(d for d in packed if any(p.match(d) for p in patterns))
    return sorted(found)


async def test_private_buttons_pressed_in_a_group_do_nothing_there(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    circle = await make_circle(bot, [alice], joined=[alice])
    db, now = bot.svc.db, bot.clock.now()
    # Something behind the buttons: a win, a rejection, a plan (each the first: id 1).
    await entries.add_win(db, user_id=alice.id, text="Private win", now=now)
    rejection = await entries.add_rejection(
        db,
        user_id=alice.id,
        kind="interview",
        other_text=None,
        where_text="Private Corp",
        hurt=4,
        in_control=None,
        now=now,
    )
    await entries.add_plan(
        db,
        user_id=alice.id,
        rejection_id=rejection.id,
        if_do="call Jo",
        then_happens="I learn",
        follow_up_on=None,
        follow_up_due=None,
        now=now,
    )
    data = forged_data(bot)
    for wanted in ("menu:history", "menu:stats", "menu:export", "menu:delete", "care:carry"):
        assert wanted in data
    assert len(data) > 40

    before = await db.fetchval("SELECT COUNT(*) FROM shares")
    for forged in data:
        press = await circle.group.press_data(alice, circle.intro, forged)
        assert (await press.answer()).text == texts.EXPIRED, forged
    await circle.group.expect_no_message()
    await alice.expect_no_message()
    assert await db.fetchval("SELECT COUNT(*) FROM shares") == before
    assert not circle.intro.edits
    assert bot.app is not None
    in_group = [
        key
        for handlers in bot.app.handlers.values()
        for h in handlers
        if isinstance(h, ConversationHandler)
        for key in h._conversations
        if key[0] == circle.group.chat_id
    ]
    assert in_group == []
