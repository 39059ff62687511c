"""The flood guard: one person's burst waits in their own queue; nobody else waits for it.

The guard's window is scaled down (5 updates a second instead of 20 in 10 s) so that the
test is quick; the rule is the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.client import CallbackAnswer
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts
from tests.harness import BotHarness, harness

BURST = 15


@pytest.fixture
async def guarded(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for bot in harness(
        emu, tmp_path, flood_max_updates=5, flood_window_seconds=1.0, flood_max_waiting_buttons=2
    ):
        yield bot


async def test_a_burst_of_typing_is_all_kept_in_order_with_one_note(
    emu: BotApiEmulator, guarded: BotHarness
) -> None:
    ann, bea = emu.user("Ann"), emu.user("Bea")
    for i in range(BURST):  # a long paste that arrives as many messages
        await ann.send(f"/win piece {i}")
    await bea.send("/help")
    helped = await bea.expect_message(timeout=10)
    assert helped.text is not None
    answered_before_bea = sum(
        1 for m in emu.chat(ann.id).bot_messages if (m.text or "").startswith("🏆")
    )
    assert answered_before_bea < BURST  # Bea did not wait for Ann's burst

    await emu.wait_until(lambda: len(emu.chat(ann.id).bot_messages) >= BURST + 1 or None, 30)
    await emu.settle()
    texts_seen = [m.text or "" for m in emu.chat(ann.id).bot_messages]
    assert texts_seen.count(texts.FLOOD_SLOW_DOWN) == 1
    rows = await guarded.svc.db.fetchall(
        "SELECT text FROM wins WHERE user_id = ? ORDER BY id", (ann.id,)
    )
    assert [r["text"] for r in rows] == [f"piece {i}" for i in range(BURST)]  # none dropped
    assert guarded.svc.unhandled_errors == 0


async def test_buttons_beyond_the_cap_are_answered_slow_down_and_ignored(
    emu: BotApiEmulator, guarded: BotHarness
) -> None:
    cy = emu.user("Cy")
    await cy.send("/win first")
    saved = await cy.expect_message()
    help_label = next(label for label, action in texts.MENU_BUTTONS if action == "help")
    presses = [await cy.press(saved, help_label) for _ in range(BURST)]  # hammering a button
    answers: list[CallbackAnswer] = await asyncio.gather(*(p.answer(30) for p in presses))
    ignored = [a for a in answers if a.text == texts.FLOOD_BUTTON_IGNORED]
    assert 0 < len(ignored) < BURST  # every press answered; the ones beyond the cap ignored
    await emu.settle()
    assert guarded.svc.unhandled_errors == 0
    # Typing still gets through while the buttons were being ignored.
    await cy.send("/win second")
    await emu.wait_until(
        lambda: any("second" in (m.text or "") for m in emu.chat(cy.id).bot_messages) or None, 10
    )
    rows = await guarded.svc.db.fetchall("SELECT text FROM wins WHERE user_id = ?", (cy.id,))
    assert sorted(r["text"] for r in rows) == ["first", "second"]
