"""Faults survived, through the emulator's fault injection: rate limits, server errors,
timeouts, blocks, an outage of the Bot API, and a database that is locked, read-only or full.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops import health
from bot.ui import texts
from tests.harness import BotHarness
from tests.ops.conftest import due_plans, idle

FOLLOW_UP = re.compile(r"apply to studio (\d+)")


def follow_ups(emu: BotApiEmulator, user: UserClient) -> list[int]:
    """The plan numbers of every follow-up delivered to ``user``, in order."""
    found = []
    for msg in emu.chat(user.id).bot_messages:
        match = FOLLOW_UP.search(msg.text or "")
        if match and "Did you" in (msg.text or ""):
            found.append(int(match.group(1)))
    return found


async def test_429_during_a_burst_every_reminder_once_after_the_wait(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    await due_plans(bot, alice, 8)
    emu.inject_fault("sendMessage", status=429, retry_after=1, times=3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.tick()
    assert loop.time() - started >= 1.0  # waited as told
    assert sorted(follow_ups(emu, alice)) == list(range(8))  # each once, none lost
    assert len([c for c in emu.calls("sendMessage") if c.injected]) == 3
    asked = "SELECT count(*) FROM plans WHERE follow_up_asks = 1 AND follow_up_due IS NOT NULL"
    assert await bot.svc.db.fetchval(asked) == 8  # each claimed once (asked again in 2 days)
    assert bot.svc.failed_sends == 0 and bot.svc.unhandled_errors == 0


async def test_5xx_is_retried_with_backoff_then_delivered_once(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    await due_plans(bot, alice, 1)
    emu.inject_fault("sendMessage", status=502, times=2)
    await bot.tick()
    assert follow_ups(emu, alice) == [0]
    assert bot.svc.failed_sends == 0


async def test_a_send_that_timed_out_is_never_repeated(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    await due_plans(bot, alice, 1)
    # The emulator answers after 1.5 s; the bot waits 1 s (REQUEST_TIMEOUT_SECONDS). The
    # request went out, so the reminder may have arrived: it is not sent again, ever.
    sent_before = len(emu.calls("sendMessage"))
    emu.inject_fault("sendMessage", status=500, delay=1.5, times=1)
    await bot.tick()
    bot.clock.advance(hours=1)
    await bot.tick()
    assert follow_ups(emu, alice) == []
    assert len(emu.calls("sendMessage")) == sent_before + 1


async def test_an_edit_that_timed_out_is_retried(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    await due_plans(bot, alice, 1)
    await bot.tick()
    reminder = await alice.expect_message()
    # Doing an edit twice changes nothing, so a timed-out edit is simply retried.
    emu.inject_fault("editMessageText", status=500, delay=1.5, times=1)
    await alice.press(reminder, texts.BUTTON_DONE)
    done = await alice.expect_edit(reminder, timeout=15)
    assert done.text.startswith("✅ Done")


async def test_persistent_5xx_gives_up_with_a_reason_and_tries_later(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    await due_plans(bot, alice, 1)
    emu.inject_fault("sendMessage", status=500, times=4)  # the first try and 3 retries
    with caplog.at_level(logging.INFO):
        await bot.tick()
    assert follow_ups(emu, alice) == []
    assert "given up after 3 retries" in caplog.text
    assert "follow-up not sent, retry at" in caplog.text
    due = await bot.svc.db.fetchval("SELECT follow_up_due FROM plans")
    assert due is not None  # not marked done: back on the schedule
    assert bot.svc.failed_sends == 1
    report = health.check(bot.db_path, now=bot.clock.now(), tick_seconds=30, max_failed_sends=0)
    assert report.failed_sends_last_hour == 1 and not report.healthy
    bot.clock.advance(minutes=11)
    await bot.tick()
    assert follow_ups(emu, alice) == [0]


@pytest.mark.parametrize("failures", [1, 4])
async def test_a_failed_reply_never_loses_the_entry(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator, failures: int
) -> None:
    await alice.send("/win")
    assert (await alice.expect_message()).text == texts.ASK_WIN
    # The confirmation fails once (retried: delivered) or beyond the retries (given up).
    emu.inject_fault("sendMessage", status=500, times=failures, chat_id=alice.id)
    await alice.send("Called the recruiter back")
    await emu.settle()
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Called the recruiter back"
    confirmed = [m for m in emu.chat(alice.id).bot_messages if "Logged" in (m.text or "")]
    assert len(confirmed) == (1 if failures == 1 else 0)
    if confirmed:
        assert "Logged" in (await alice.expect_message()).text
    assert bot.svc.unhandled_errors == 0
    # The conversation is over and the bot answers sensibly.
    await alice.send("/win")
    assert (await alice.expect_message(timeout=10)).text == texts.ASK_WIN


async def test_403_marks_blocked_no_more_sends_until_they_write_again(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    await due_plans(bot, alice, 2)
    emu.inject_fault(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    await bot.tick()
    assert follow_ups(emu, alice) == []
    assert await bot.svc.db.fetchval("SELECT blocked_since FROM users") is not None
    bot.clock.advance(hours=1)
    await bot.tick()
    assert follow_ups(emu, alice) == []  # nothing more while blocked
    sends = len(emu.calls("sendMessage"))
    await bot.tick()
    assert len(emu.calls("sendMessage")) == sends
    await alice.send("hi again")  # writing again lifts the block
    await alice.expect_message()
    assert await bot.svc.db.fetchval("SELECT blocked_since FROM users") is None
    await bot.tick()
    assert follow_ups(emu, alice) == [1]  # the one that was not claimed yet


async def test_bot_api_outage_polling_resumes_nothing_lost(
    alice: UserClient, bot: BotHarness, emu: BotApiEmulator
) -> None:
    # A short outage (4 s) stands in for the minute of the issue: same code path.
    await due_plans(bot, alice, 1)
    await emu.go_offline()
    await alice.send("/win Finished the take-home task")  # queued at "Telegram"
    await bot.tick()  # the reminder fails after its retries and goes back on the schedule
    await asyncio.sleep(4)
    await emu.come_back()
    saved = await alice.expect_message(timeout=40)
    assert "Finished the take-home task" in saved.text
    assert await bot.svc.db.fetchval("SELECT count(*) FROM wins") == 1
    bot.clock.advance(minutes=11)
    await bot.tick()
    assert follow_ups(emu, alice) == [0]
    assert "Did you" in (await alice.expect_message()).text
    await alice.send("/win")
    assert (await alice.expect_message()).text == texts.ASK_WIN
    assert bot.svc.unhandled_errors == 0


async def _storage_trouble(
    alice: UserClient, bot: BotHarness, caplog: pytest.LogCaptureFixture, expected: str
) -> None:
    with caplog.at_level(logging.ERROR):
        await alice.send("/win Got an interview")
        reply = await alice.expect_message(timeout=15)
        assert reply.text == texts.DB_TROUBLE
        await alice.expect_no_message()  # one kind reply, not one per failing handler
    assert f"database {expected}" in caplog.text
    assert "Traceback" not in caplog.text
    assert bot.svc.unhandled_errors == 0


async def test_database_full(
    alice: UserClient, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await idle(bot)
    db = bot.svc.db
    pages = await db.fetchval("PRAGMA page_count")
    await db.fetchval(f"PRAGMA max_page_count = {int(pages)}")
    await db.fetchval("PRAGMA wal_checkpoint(TRUNCATE)")
    # Fill the last free pages so that the next insert needs a new one.
    n = 0
    fillers = (
        "INSERT INTO ops_meta (key, value) VALUES ('filler' || ?, ?)",
        f"INSERT INTO wins (user_id, text, created_at) VALUES ({alice.id}, 'filler' || ?, ?)",
    )
    for sql in fillers:  # fill the free pages, then the wins table's own page, to the brim
        for size in (1000, 100, 10, 1):
            try:
                while True:
                    n += 1
                    await db.execute(sql, (n, "x" * size))
            except Exception as exc:
                assert "full" in str(exc)
    await _storage_trouble(alice, bot, caplog, "full")
    await db.execute("DELETE FROM ops_meta WHERE key LIKE 'filler%'")
    await db.execute("DELETE FROM wins WHERE text LIKE 'filler%'")
    await db.fetchval("PRAGMA max_page_count = 1073741823")
    await alice.send("/win Got an interview")
    assert "Got an interview" in (await alice.expect_message()).text


async def test_database_read_only(
    alice: UserClient, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.svc.db.fetchval("PRAGMA query_only = ON")
    await _storage_trouble(alice, bot, caplog, "read-only")
    await bot.svc.db.fetchval("PRAGMA query_only = OFF")
    await alice.send("/win Got an interview")
    assert "Got an interview" in (await alice.expect_message()).text


async def test_database_locked(
    alice: UserClient, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    await idle(bot)
    await bot.svc.db.fetchval("PRAGMA busy_timeout = 300")
    # Another process holds the write lock. Taken off the event loop: if the bot were in
    # the middle of a transaction, its next statement needs the loop, and a blocked loop
    # would wait out the 5 s timeout of connect() and fail this test instead of the bot.
    other = sqlite3.connect(bot.db_path, isolation_level=None, check_same_thread=False)
    await asyncio.to_thread(other.execute, "BEGIN EXCLUSIVE")
    try:
        await _storage_trouble(alice, bot, caplog, "locked")
    finally:
        await asyncio.to_thread(other.execute, "ROLLBACK")
        other.close()
    await alice.send("/win Got an interview")
    assert "Got an interview" in (await alice.expect_message()).text


async def test_tick_survives_storage_trouble(
    alice: UserClient, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.app import _tick
    from bot.services import BotContext

    await bot.svc.db.fetchval("PRAGMA query_only = ON")
    with caplog.at_level(logging.ERROR):
        await _tick(BotContext(bot.app))
    assert "heartbeat not recorded: database read-only" in caplog.text
    await bot.svc.db.fetchval("PRAGMA query_only = OFF")
    bot.clock.advance(minutes=1)
    await _tick(BotContext(bot.app))
    report = health.check(bot.db_path, now=bot.clock.now(), tick_seconds=30, max_failed_sends=5)
    assert report.healthy and report.tick_age_seconds == 0
    assert timedelta(seconds=0) == timedelta(seconds=report.tick_age_seconds or 0)
