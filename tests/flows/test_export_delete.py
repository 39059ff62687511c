"""/export and /delete end to end: the file's contents, a large history, erasing table by table."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import ConversationHandler

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.domain import feedback as feedback_rules
from bot.storage import feedback as feedback_store
from bot.storage import userdata
from bot.storage.server_secret import server_key
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.flows.test_feedback_round import give, open_round
from tests.harness import BotHarness, harness

NOW = "2026-11-25T12:00:00Z"


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """These chats are long and quick: no flood guard slowing Alice down."""
    async for running in harness(emu, tmp_path, flood_max_updates=1000):
        yield running


def unzip(message: BotMessage) -> tuple[dict[str, Any], dict[str, list[list[str]]]]:
    assert message.kind == "document" and message.document_bytes is not None
    assert (message.file_name or "").endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(message.document_bytes)) as zf:
        document = json.loads(zf.read("comeback-export.json"))
        tables = {
            name.removeprefix("csv/").removesuffix(".csv"): list(
                csv.reader(io.StringIO(zf.read(name).decode()))
            )
            for name in zf.namelist()
            if name.startswith("csv/")
        }
    return document, tables


async def test_export_has_what_was_entered(bot: BotHarness, alice: UserClient) -> None:
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "No offer after an interview")
    await alice.expect_message()
    await alice.send("Initech, <b>QA</b> lead")
    await alice.press(await alice.expect_message(), "4")
    await alice.expect_message()
    await alice.send("Prepare a story about a hard bug")
    saved = await alice.expect_message()
    await alice.press(saved, texts.BUTTON_NOT_NOW)
    await alice.expect_message()
    await alice.send("/win Got a callback from ACME 🎉")
    await alice.expect_message()
    param = await open_round(alice, goal="a QA lead role")
    gina, hank = bot.emulator.user("Gina"), bot.emulator.user("Hank")
    await give(gina, param, better="Show numbers", adjectives="calm, precise", other=None)
    await give(hank, param, better=None, adjectives="Precise and calm", other="Blog more")
    await alice.send("/focus")
    await alice.expect_message()
    await alice.send("Quantify my impact")
    await alice.expect_message()
    await bot.emulator.settle()

    await alice.send("/export")
    message = await alice.expect_message()
    assert "JSON" in (message.text or "")
    document, tables = unzip(message)
    assert document["user_id"] == alice.id and document["exported_at"] == NOW
    data = document["tables"]
    (profile,) = data["users"]
    assert (profile["first_name"], profile["timezone"]) == ("Alice", "Europe/Berlin")
    (rejection,) = data["rejections"]
    assert rejection["where_text"] == "Initech, <b>QA</b> lead"
    assert (rejection["kind"], rejection["hurt"]) == ("interview", 4)
    assert rejection["in_control"] == "Prepare a story about a hard bug"
    (win,) = data["wins"]
    assert win["text"] == "Got a callback from ACME 🎉"
    (round_,) = data["feedback_rounds"]
    assert round_["goal"] == "a QA lead role" and round_["asked"] == 10
    # Two answers: /feedback shows none yet, and neither does the file.
    assert "feedback_answers" not in data and "feedback_givers" not in data
    (results,) = document["feedback_results"]
    assert results == {
        "round_id": round_["id"],
        "answers": 2,
        "shown": False,
        "adjectives_ranked": [],
        "do_better": [],
        "other": [],
    }
    for answered in ("Show numbers", "precise", "Blog more"):
        assert answered not in json.dumps(document)
    (focus,) = data["focus"]
    assert focus["text"] == "Quantify my impact" and focus["ended_at"] is None
    # Nothing about anyone else; every table also as CSV, row for row.
    raw = json.dumps(document)
    for other in (gina, hank):
        assert not re.search(rf"\b{other.id}\b", raw)
    assert set(tables) == {*data, "feedback_results"}
    for name, rows in data.items():
        header, *body = tables[name]
        assert header == list(rows[0]) and len(body) == len(rows)
    assert tables["wins"][1][tables["wins"][0].index("text")] == "Got a callback from ACME 🎉"


async def test_export_of_ten_thousand_entries(bot: BotHarness, alice: UserClient) -> None:
    rows = [
        (alice.id, "application", f"Company {i} — role “{i}”, <b>&</b>", 1 + i % 5, NOW)
        for i in range(10_000)
    ]
    await bot.svc.db.executemany(
        "INSERT INTO rejections (user_id, kind, where_text, hurt, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    await alice.send("/export")
    message = await alice.expect_message(timeout=60)
    document, tables = unzip(message)
    assert len(document["tables"]["rejections"]) == 10_000
    assert len(tables["rejections"]) == 10_001
    assert tables["rejections"][-1][tables["rejections"][0].index("where_text")] == (
        "Company 9999 — role “9999”, <b>&</b>"
    )
    # The caption counts every row in the file: the rejections, the profile, and whatever
    # conversation state had been flushed by then.
    total = sum(len(rows) - 1 for rows in tables.values())
    assert total >= 10_001
    assert f"{total} rows from {len(tables)} tables" in (message.text or "")


# --- delete ----------------------------------------------------------------------------------
async def seed_everything(bot: BotHarness, user_id: int, circle_id: int) -> dict[str, int]:
    """One row or more in every table that can hold something about ``user_id``."""
    db = bot.svc.db
    ids: dict[str, int] = {}
    async with db.transaction() as conn:
        cur = await conn.execute(
            "INSERT INTO rejections (user_id, kind, hurt, hurt_after, created_at) "
            "VALUES (?, 'meeting', 3, 2, ?)",
            (user_id, NOW),
        )
        ids["rejection"] = int(cur.lastrowid or 0)
        cur = await conn.execute(
            "INSERT INTO plans (user_id, rejection_id, if_do, then_happens, follow_up_due, "
            "created_at) VALUES (?, ?, 'call', 'learn', '2026-11-26T17:00:00Z', ?)",
            (user_id, ids["rejection"], NOW),
        )
        ids["plan"] = int(cur.lastrowid or 0)
        cur = await conn.execute(
            "INSERT INTO wins (user_id, text, created_at) VALUES (?, 'shipped', ?)",
            (user_id, NOW),
        )
        ids["win"] = int(cur.lastrowid or 0)
        await conn.execute(
            "INSERT INTO checkins (user_id, iso_year, iso_week, worked, started_at, "
            "completed_at) VALUES (?, 2026, 47, 'x', ?, ?)",
            (user_id, NOW, NOW),
        )
        await conn.execute(
            "INSERT INTO pauses (user_id, started_at, ended_at) VALUES (?, ?, ?)",
            (user_id, "2026-10-01T00:00:00Z", "2026-10-08T00:00:00Z"),
        )
        await conn.execute(
            "INSERT INTO focus (user_id, text, started_at) VALUES (?, 'one gap', ?)",
            (user_id, NOW),
        )
        await conn.execute(
            "INSERT OR IGNORE INTO memberships (circle_id, user_id, joined_at) VALUES (?, ?, ?)",
            (circle_id, user_id, NOW),
        )
        await conn.execute(
            "INSERT INTO cheer_notes (user_id, due_at) VALUES (?, ?)", (user_id, NOW)
        )
    return ids


async def add_share(
    bot: BotHarness, user_id: int, circle_id: int, chat_id: int, win_id: int, message_id: int
) -> int:
    async with bot.svc.db.transaction() as conn:
        cur = await conn.execute(
            "INSERT INTO shares (circle_id, user_id, win_id, chat_id, message_id, shared_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (circle_id, user_id, win_id, chat_id, message_id, NOW),
        )
        return int(cur.lastrowid or 0)


async def snapshot(bot: BotHarness) -> dict[str, set[tuple[Any, ...]]]:
    db = bot.svc.db
    names = [
        r[0]
        for r in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: {tuple(r) for r in await db.fetchall(f'SELECT * FROM "{n}"')} for n in names}


def mentions(row: tuple[Any, ...], user_id: int) -> bool:
    return any(
        v == user_id or (isinstance(v, str) and re.search(rf"(^|\D){user_id}(\D|$)", v))
        for v in row
    )


async def test_delete_erases_everything_table_by_table(bot: BotHarness, alice: UserClient) -> None:
    emu = bot.emulator
    bob = emu.user("Bob")
    await onboard(bob)
    db = bot.svc.db
    group = emu.group("Job club", [alice, bob])
    await group.add_bot(by=alice)
    await emu.settle()
    circle_id = await db.fetchval("SELECT id FROM circles WHERE chat_id = ?", (group.chat_id,))
    if circle_id is None:
        circle_id = await db.fetchval(
            "INSERT INTO circles (chat_id, title, join_token, created_at) "
            "VALUES (?, 'Job club', 'tok', ?) RETURNING id",
            (group.chat_id, NOW),
        )
    alice_ids = await seed_everything(bot, alice.id, circle_id)
    bob_ids = await seed_everything(bot, bob.id, circle_id)
    # Shares: two of Alice's posted in the group, one already gone; one of Bob's.
    posted = [await bot.app.bot.send_message(group.chat_id, f"🏆 share {i}") for i in range(3)]
    alice_share = await add_share(
        bot, alice.id, circle_id, group.chat_id, alice_ids["win"], posted[0].message_id
    )
    async with db.transaction() as conn:
        cur = await conn.execute(
            "INSERT INTO shares (circle_id, user_id, plan_id, chat_id, message_id, shared_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (circle_id, alice.id, alice_ids["plan"], group.chat_id, posted[1].message_id, NOW),
        )
    gone_id = 987_654
    await db.execute(
        "UPDATE shares SET message_id = ? WHERE id = ?", (gone_id, int(cur.lastrowid or 0))
    )
    await db.execute(
        "INSERT INTO wins (user_id, text, created_at) VALUES (?, 'second', ?)", (alice.id, NOW)
    )
    second_win = await db.fetchval("SELECT MAX(id) FROM wins WHERE user_id = ?", (alice.id,))
    await add_share(bot, alice.id, circle_id, group.chat_id, second_win, posted[1].message_id)
    bob_share = await add_share(
        bot, bob.id, circle_id, group.chat_id, bob_ids["win"], posted[2].message_id
    )
    await db.executemany(
        "INSERT INTO cheers (share_id, user_id, created_at) VALUES (?, ?, ?)",
        [(alice_share, bob.id, NOW), (bob_share, alice.id, NOW)],
    )
    # Feedback both ways: Bob answers Alice's round, Alice answers Bob's.
    alice_param = await open_round(alice)
    bob_param = await open_round(bob)
    await give(bob, alice_param, better="Rest", adjectives="kind", other=None)
    await give(alice, bob_param, better="Ship", adjectives="bold", other=None)
    # Alice leaves a flow half-way (the draft stays in user_data), and has a conversation
    # going in another chat (a group), in memory and persisted.
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "Meeting request ignored")
    await alice.expect_message()
    await alice.send("/cancel")
    assert "kept" in ((await alice.expect_message()).text or "")
    rejection_flow = next(
        h
        for h in bot.app.handlers[0]
        if isinstance(h, ConversationHandler) and h.name == "rejection"
    )
    rejection_flow._conversations[(group.chat_id, alice.id)] = "kind"
    await alice.send("/delete")
    confirm = await alice.expect_message()
    assert "cannot be undone" in (confirm.text or "") and "groups" in (confirm.text or "")
    await alice.press(confirm, texts.BUTTON_DELETE_NO)
    assert (await alice.expect_message()).text == texts.DELETE_KEPT
    await alice.send("/delete")
    confirm = await alice.expect_message()
    await emu.settle(quiet=0.5)  # a persistence flush
    before = await snapshot(bot)
    keys = {json.dumps([group.chat_id, alice.id]), json.dumps([alice.id, alice.id])}
    assert {r[1] for r in before["ptb_conversations"]} >= keys
    assert [r for r in before["ptb_user_data"] if r[0] == alice.id]

    with emu.expecting_refusal("message to delete not found"):
        await alice.press(confirm, texts.BUTTON_DELETE_YES)
        assert (await alice.expect_message()).text == texts.DELETE_WORKING
        done = await alice.expect_message()
        assert "2 group messages were removed" in (done.text or "")
        await emu.settle(quiet=0.6)  # and one persistence flush

    chat = emu.chat(group.chat_id)
    deleted = {m.message_id for m in chat.bot_messages if m.deleted}
    assert deleted == {posted[0].message_id, posted[1].message_id}

    after = await snapshot(bot)
    alice_rounds = {r[0] for r in before["feedback_rounds"] if r[1] == alice.id}
    alice_shares = {r[0] for r in before["shares"] if r[2] == alice.id}
    bob_round = next(r for r in before["feedback_rounds"] if r[1] == bob.id)
    alice_hash = feedback_rules.giver_hash(server_key(bot.svc.settings), bob_round[3], alice.id)
    for table, rows in after.items():
        # Nothing with Alice's id anywhere (ptb_conversations keys included) ...
        assert not [r for r in rows if mentions(r, alice.id)], table
        # ... and everything of everyone else is still there, unchanged.
        others = {r for r in before[table] if not mentions(r, alice.id)}
        if table == "cheers":
            others = {r for r in others if r[0] not in alice_shares}
        if table == "feedback_answers":
            others = {r for r in others if r[1] not in alice_rounds}
        if table == "feedback_givers":
            others = {r for r in others if r[0] not in alice_rounds and r[1] != alice_hash}
        if table.startswith("ops_"):
            assert others <= rows, table
        else:
            assert rows == others, table
    assert len(after["feedback_answers"]) == 1  # the one Alice gave Bob: kept, unlinked
    assert not [r for r in after["feedback_givers"] if r[1] == alice_hash]
    assert await userdata.collect(db, alice.id) == []
    # In memory too: no user_data, no conversation, nothing to resume.
    assert not bot.app.user_data.get(alice.id)
    assert not [
        k
        for h in bot.app.handlers[0]
        if isinstance(h, ConversationHandler)
        for k in h._conversations
        if alice.id in k
    ]
    await alice.send("/rejection")
    assert (await alice.expect_message()).text == texts.ASK_KIND
    # Bob is untouched and carries on.
    await bob.send("/feedback")
    assert "1 of the 10" in ((await bob.expect_message()).text or "")


async def test_export_holds_feedback_only_as_feedback_shows_it(
    bot: BotHarness, alice: UserClient
) -> None:
    """Issue 15, item 1: one answer in, /feedback shows nothing (it could be traced back),
    and neither does the file; with enough answers, the file holds what /feedback shows:
    merged and ranked, without ids, dates or arrival order, without a giver's distress."""
    param = await open_round(alice)
    gina, hank = bot.emulator.user("Gina"), bot.emulator.user("Hank")
    await give(gina, param, better="Tell more stories", adjectives="calm", other=None)
    await alice.send("/export")
    document, tables = unzip(await alice.expect_message())
    raw = json.dumps(document, ensure_ascii=False)
    assert "Tell more stories" not in raw and "calm" not in raw
    assert "feedback_answers" not in document["tables"] and "feedback_answers" not in tables
    (results,) = document["feedback_results"]
    assert (results["answers"], results["shown"]) == (1, False)

    # Two more: one a giver wrote in distress (stored as their answer would be).
    round_ = await feedback_store.round_by_token(bot.svc.db, param.removeprefix("fb_"))
    assert round_ is not None
    await feedback_store.add_answer(
        bot.svc.db,
        key=server_key(bot.svc.settings),
        token=round_.token,
        giver_id=999_001,
        answer=feedback_rules.Answer("I want to kill myself", ("calm",), "I can't go on"),
        now=bot.clock.now(),
    )
    await give(hank, param, better="tell more stories!", adjectives="Calm, bold", other="Rest")
    await alice.send("/export")
    document, tables = unzip(await alice.expect_message())
    raw = json.dumps(document, ensure_ascii=False)
    assert "kill myself" not in raw and "can't go on" not in raw
    assert "created_on" not in raw and "feedback_answers" not in tables
    (results,) = document["feedback_results"]
    assert results == {
        "round_id": round_.id,
        "answers": 3,
        "shown": True,
        "adjectives_ranked": [
            {"adjective": "calm", "count": 3},
            {"adjective": "bold", "count": 1},
        ],
        "do_better": [{"text": "Tell more stories", "count": 2}],
        "other": [{"text": "Rest", "count": 1}],
    }
    await alice.send("/feedback")
    shown = await alice.expect_message()
    while not shown.buttons:
        shown = await alice.expect_message()
    await bot.emulator.settle()
    seen = "\n".join(m.text or "" for m in await alice.messages())
    assert "Tell more stories (×2)" in seen and "Rest" in seen and "kill myself" not in seen
