"""Feedback givers can't be unmasked (issue 15, item 4): the database keeps no trace of who
gave feedback that anyone holding it could match to an id, and the seeker hears about new
answers once a day, as a count, never right after someone answered."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.domain import feedback as rules
from bot.storage import feedback as store
from bot.storage.server_secret import secret_path, server_key
from bot.ui import texts
from tests.flows.circles_support import NO_FLOOD_GUARD
from tests.flows.test_feedback_round import give, open_round
from tests.harness import BotHarness, harness

SEVEN_PM_BERLIN = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    async for running in harness(emu, tmp_path, **NO_FLOOD_GUARD):
        yield running


async def test_givers_leave_nothing_that_names_them(alice: UserClient, bot: BotHarness) -> None:
    param = await open_round(alice)
    gina, hank = bot.emulator.user("Gina"), bot.emulator.user("Hank")
    await give(gina, param, better="Show numbers", adjectives="calm", other=None)
    await give(hank, param, better=None, adjectives="precise", other="Blog more")
    await hank.send(f"/start {param}")  # again: refused, and still nothing kept
    assert (await hank.expect_message()).text == texts.GIVE_ALREADY
    await bot.emulator.settle()

    db = bot.svc.db
    for giver in (gina, hank):
        for table in ("users", "ptb_user_data"):
            found = await db.fetchval(f"SELECT 1 FROM {table} WHERE user_id = ?", (giver.id,))
            assert found is None, table
        assert not await db.fetchval(
            "SELECT COUNT(*) FROM ptb_conversations WHERE key LIKE ?", (f"%{giver.id}%",)
        )
    # The hashes can't be recomputed from what the database holds (salt, every id in it):
    # they are keyed with the server secret, kept in a private file beside the database.
    round_ = await store.round_by_token(db, param.removeprefix("fb_"))
    assert round_ is not None
    hashes = {r[0] for r in await db.fetchall("SELECT giver_hash FROM feedback_givers")}
    assert len(hashes) == 2
    ids = {int(r[0]) for r in await db.fetchall("SELECT user_id FROM users")}
    for user_id in ids | {gina.id, hank.id}:
        assert hashlib.sha256(f"{round_.salt}:{user_id}".encode()).hexdigest() not in hashes
    key = server_key(bot.svc.settings)
    assert hashes == {rules.giver_hash(key, round_.salt, g.id) for g in (gina, hank)}
    secret = secret_path(bot.svc.settings.database_path)
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    # No date or arrival order with the answers.
    columns = [r["name"] for r in await db.fetchall("PRAGMA table_info(feedback_answers)")]
    assert "created_on" not in columns

    # Once the round closes, who answered it doesn't matter any more: the hashes go.
    await alice.send("/feedback")
    status = await alice.expect_message()
    await alice.press(status, texts.BUTTON_CLOSE_ROUND)
    await alice.expect_message()
    await alice.expect_message()
    assert await db.fetchval("SELECT COUNT(*) FROM feedback_givers") == 0


async def test_the_seeker_hears_once_a_day_as_a_count(alice: UserClient, bot: BotHarness) -> None:
    param = await open_round(alice)
    givers = [bot.emulator.user(name) for name in ("Gina", "Hank", "Ivy")]
    for giver in givers[:2]:
        await give(giver, param, better="Network more", adjectives="kind", other=None)
    await bot.tick()
    await alice.expect_no_message()  # nothing right after an answer

    bot.clock.set(SEVEN_PM_BERLIN)
    await bot.tick()
    note = await alice.expect_message()
    assert note.text == texts.feedback_new_answers(2)
    assert "2 new answers" in (note.text or "")
    await bot.tick()
    await alice.expect_no_message()

    # One more at 19:30: told the next evening, not now.
    bot.clock.advance(minutes=30)
    await give(givers[2], param, better=None, adjectives="calm", other="Rest")
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(SEVEN_PM_BERLIN + timedelta(days=1))
    await bot.tick()
    assert (await alice.expect_message()).text == texts.feedback_new_answers(1)
    await alice.expect_no_message()
