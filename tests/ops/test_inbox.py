"""The inbox: stored before Telegram is told, replayed after a crash, never applied twice."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram import Bot, Update

from bot.clock import to_db
from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.flows import rejection
from bot.ops import inbox
from bot.storage import userdata
from bot.storage.db import Database
from bot.ui import texts
from tests.harness import START, TOKEN, BotHarness


def message(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    """A private text message as Telegram sends it ("/command" gets its entity)."""
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": int(START.timestamp()),
        "chat": {"id": user_id, "type": "private", "first_name": "Kim"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Kim", "language_code": "en"},
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split(maxsplit=1)[0])
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update_id, "message": body}


def updates(*raw: dict[str, Any]) -> list[Update]:
    bot = Bot(TOKEN)
    found = [Update.de_json(r, bot) for r in raw]
    return [u for u in found if u is not None]


async def test_store_skips_repeats_keeps_order_and_forgets_the_text(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    try:
        batch = updates(message(11, 5, "/win one"), message(12, 5, "two"), message(13, 6, "x"))
        assert [u.update_id for u in await inbox.store(db, batch, START)] == [11, 12, 13]
        # Telegram sends 12 and 13 again (not confirmed before a crash), and a new one.
        again = updates(message(12, 5, "two"), message(13, 6, "x"), message(14, 5, "three"))
        assert [u.update_id for u in await inbox.store(db, again, START)] == [14]

        waiting = await inbox.pending(db, Bot(TOKEN))
        assert [
            (u.update_id, u.effective_message.text) for u in waiting if u.effective_message
        ] == [
            (11, "/win one"),
            (12, "two"),
            (13, "x"),
            (14, "three"),
        ]
        await inbox.mark_handled(db, [11, 12], START)
        assert [u.update_id for u in await inbox.pending(db, Bot(TOKEN))] == [13, 14]
        handled = await db.fetchall("SELECT raw FROM inbox WHERE update_id IN (11, 12)")
        assert [r["raw"] for r in handled] == [None, None]  # only the id stays
        assert await inbox.store(db, updates(message(11, 5, "/win one")), START) == []

        assert await inbox.prune(db, START + timedelta(hours=23), timedelta(hours=24)) == 0
        assert await inbox.prune(db, START + timedelta(hours=25), timedelta(hours=24)) == 2
        assert await db.fetchval("SELECT COUNT(*) FROM inbox") == 2  # the unhandled stay
    finally:
        await db.close()


async def test_delete_erases_the_persons_inbox_rows(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3")
    await db.open()
    try:
        for uid in (5, 6):
            await db.execute(
                "INSERT INTO users (user_id, chat_id, created_at) VALUES (?, ?, ?)",
                (uid, uid, to_db(START)),
            )
        batch = updates(message(21, 5, "private words"), message(22, 6, "other person"))
        await inbox.store(db, batch, START)
        await inbox.mark_handled(db, [21], START)
        await inbox.store(db, updates(message(23, 5, "still waiting")), START)
        found = {t.name: t for t in await userdata.collect(db, 5)}
        assert len(found["inbox"].rows) == 2
        removed = await userdata.erase(db, 5)
        assert removed["inbox"] == 2
        rows = await db.fetchall("SELECT update_id FROM inbox")
        assert [r["update_id"] for r in rows] == [22]
    finally:
        await db.close()


async def _stored_while_down(bot: BotHarness, *raw: dict[str, Any]) -> None:
    """Updates fetched and stored by a process that died before handling them."""
    await bot.stop()
    db = Database(bot.db_path)
    await db.open()
    try:
        await inbox.store(db, updates(*raw), START)
    finally:
        await db.close()


async def test_stored_updates_are_handled_after_a_restart_in_order(
    alice: UserClient, bot: BotHarness
) -> None:
    await _stored_while_down(
        bot,
        message(900_001, alice.id, "/win first after the crash"),
        message(900_002, alice.id, "/win second after the crash"),
    )
    await bot.start()
    first = await alice.expect_message(timeout=15)
    second = await alice.expect_message(timeout=15)
    assert "first after the crash" in (first.text or "")
    assert "second after the crash" in (second.text or "")
    await bot.emulator.settle()
    rows = await bot.svc.db.fetchall(
        "SELECT text, update_id FROM wins WHERE user_id = ? ORDER BY id", (alice.id,)
    )
    assert [(r["text"], r["update_id"]) for r in rows] == [
        ("first after the crash", 900_001),
        ("second after the crash", 900_002),
    ]
    assert [u.update_id for u in await inbox.pending(bot.svc.db, Bot(TOKEN))] == []


async def test_a_replayed_update_finds_its_entry_instead_of_saving_another(
    alice: UserClient, bot: BotHarness
) -> None:
    """The process died after saving the win and before marking the update handled."""
    await alice.send("/win Sent the portfolio")
    await alice.expect_message()
    await bot.emulator.settle()
    db = bot.svc.db
    update_id = await db.fetchval("SELECT update_id FROM wins WHERE user_id = ?", (alice.id,))
    raw = message(int(update_id), alice.id, "/win Sent the portfolio")
    await bot.stop()
    plain = Database(bot.db_path)
    await plain.open()
    try:  # as if it had never been marked handled
        await plain.execute(
            "UPDATE inbox SET raw = ?, handled_at = NULL WHERE update_id = ?",
            (json.dumps(raw), update_id),
        )
    finally:
        await plain.close()
    await bot.start()
    again = await alice.expect_message(timeout=15)
    assert "Sent the portfolio" in (again.text or "")  # answered again, saved once
    await bot.emulator.settle()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM wins") == 1


async def test_each_update_is_committed_with_its_state_before_the_next(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    """With PTB's periodic flush an hour away, the state after each update is in the
    database as soon as the update is marked handled."""
    from tests.harness import harness

    async for bot in harness(emu, tmp_path, persistence_flush_seconds=3600):
        kim = emu.user("Kim")
        await kim.send("/rejection")
        kind = await kim.expect_message()
        await kim.press(kind, "No offer after an interview")
        assert (await kim.expect_message()).text == texts.ASK_WHERE
        db = bot.svc.db
        deadline = time.monotonic() + 5
        while await db.fetchval("SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL"):
            assert time.monotonic() < deadline, "updates not marked handled"
            await asyncio.sleep(0.02)
        state = await db.fetchval(
            "SELECT state FROM ptb_conversations WHERE name = 'rejection' AND key = ?",
            (json.dumps([kim.id, kim.id]),),
        )
        assert json.loads(state) == rejection.WHERE
        data = json.loads(
            await db.fetchval("SELECT data FROM ptb_user_data WHERE user_id = ?", (kim.id,))
        )
        assert "rejection" in data  # the draft, with the kind chosen
        assert await db.fetchval("SELECT COUNT(*) FROM inbox WHERE raw IS NOT NULL") == 0


async def test_a_stop_finishes_what_runs_and_leaves_the_queue_for_the_next_start(
    alice: UserClient, bot: BotHarness
) -> None:
    emu = bot.emulator
    emu.inject_delay("sendMessage", delay=0.3, times=10**6, chat_id=alice.id)
    for i in range(6):
        await alice.send(f"/win step {i}")
    await alice.expect_message(timeout=15)  # the first is answered; the rest wait their turn
    await bot.stop()
    plain = Database(bot.db_path)
    await plain.open()
    try:
        left = await plain.fetchval("SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL")
        done = await plain.fetchval("SELECT COUNT(*) FROM wins WHERE user_id = ?", (alice.id,))
    finally:
        await plain.close()
    assert left > 0 and done < 6  # the stop did not wait for the whole queue
    await bot.start()
    await emu.wait_until(
        lambda: sum("step" in (m.text or "") for m in emu.chat(alice.id).bot_messages) >= 6 or None,
        30,
    )
    await emu.settle()
    rows = await bot.svc.db.fetchall(
        "SELECT text FROM wins WHERE user_id = ? ORDER BY id", (alice.id,)
    )
    assert [r["text"] for r in rows] == [f"step {i}" for i in range(6)]  # in order, once each
