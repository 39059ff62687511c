"""Telegram's limits on our side: no 429 in a conversation, replies before bulk work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops.pacing import Pacer, Window, paced_method, window_wait
from bot.ui import texts
from tests.harness import TOKEN, harness

W = Window(3, 3.0)


@pytest.mark.parametrize(
    ("sent", "now", "expected"),
    [
        ([], 10.0, 0.0),
        ([9.0, 9.5], 10.0, 0.0),  # two in the window: a third may go
        ([8.0, 9.0, 9.5], 10.0, 1.0),  # three: wait until the first leaves (8 + 3)
        ([6.0, 9.0, 9.5], 10.0, 0.0),  # the first already left
        ([7.5, 8.0, 9.0, 9.5], 10.0, 1.0),  # the third-last decides (8 + 3)
        ([7.0, 9.0, 9.5], 10.0, 0.0),  # exactly 3 s ago has left, as in Telegram's window
    ],
)
def test_window_wait(sent: list[float], now: float, expected: float) -> None:
    assert window_wait(sent, now, W) == pytest.approx(expected)


def test_window_wait_with_margin() -> None:
    assert window_wait([8.0, 9.0, 9.5], 10.0, W, margin=0.1) == pytest.approx(1.1)


@pytest.mark.parametrize(
    ("method", "paced"),
    [
        ("sendMessage", True),
        ("sendPhoto", True),
        ("editMessageText", True),
        ("editMessageReplyMarkup", True),
        ("copyMessage", True),
        ("sendChatAction", False),
        ("answerCallbackQuery", False),
        ("deleteMessage", False),
        ("getChatMember", False),
        ("setMyCommands", False),
    ],
)
def test_which_methods_count(method: str, paced: bool) -> None:
    assert paced_method(method) is paced


async def test_waiting_replies_go_before_waiting_bulk_work() -> None:
    pacer = Pacer(per_second=50, private=None, group=None)
    order: list[str] = []

    async def send(name: str, interactive: bool) -> None:
        await pacer.wait(None, interactive=interactive)
        order.append(name)

    bulk = [asyncio.create_task(send(f"bulk{i}", False)) for i in range(6)]
    await asyncio.sleep(0)  # the first bulk one takes the free turn; five wait
    replies = [asyncio.create_task(send(f"reply{i}", True)) for i in range(2)]
    await asyncio.gather(*bulk, *replies)
    assert order == ["bulk0", "reply0", "reply1", "bulk1", "bulk2", "bulk3", "bulk4", "bulk5"]


async def test_one_chat_keeps_its_window_and_its_order_other_chats_do_not_wait() -> None:
    pacer = Pacer(per_second=0, private=Window(2, 0.3), group=None, margin=0.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []
    order: list[tuple[int, int]] = []

    async def send(chat_id: int, n: int) -> None:
        await pacer.wait(chat_id, interactive=True)
        order.append((chat_id, n))
        if chat_id == 1:
            times.append(loop.time())

    await asyncio.gather(*(send(1, n) for n in range(5)), send(2, 0))
    assert [n for chat, n in order if chat == 1] == [0, 1, 2, 3, 4]
    for i in range(2, len(times)):  # never three within 0.3 s
        assert times[i] - times[i - 2] >= 0.3 - 0.005
    assert order.index((2, 0)) < order.index((1, 2))  # chat 2 did not wait for chat 1


@pytest.fixture
async def limited() -> AsyncIterator[BotApiEmulator]:
    """The emulator with Telegram's limits: 429 beyond 30/s, 3 in 3 s per private chat."""
    emulator = BotApiEmulator(TOKEN, "ComebackTestBot", enforce_rate_limits=True)
    await emulator.start()
    try:
        yield emulator
        emulator.assert_no_unexpected_refusals()
    finally:
        await emulator.stop()


async def log_and_reframe(user: UserClient) -> None:
    """A rejection and its reframe, each answer given as soon as the question is there."""
    await user.send("/rejection")
    kind = await user.expect_message(timeout=15)
    await user.press(kind, "No offer after an interview")
    await user.expect_message(timeout=15)
    await user.send("Initech")
    hurt = await user.expect_message(timeout=15)
    await user.press(hurt, "4")
    await user.expect_message(timeout=15)
    await user.send("Ask for feedback next time")
    saved = await user.expect_message(timeout=15)
    await user.press(saved, texts.BUTTON_REFRAME_NOW)
    belief = await user.expect_message(timeout=15)  # the first reframe asks for a belief
    await user.press(belief, 0)
    await user.expect_message(timeout=15)
    await user.expect_message(timeout=15)
    await user.send("If I message two former colleagues")
    await user.expect_message(timeout=15)
    await user.send("then one of them refers me.")
    when = await user.expect_message(timeout=15)
    await user.press(when, "Tomorrow")
    await user.expect_message(timeout=15)
    hurt_after = await user.expect_message(timeout=15)
    await user.press(hurt_after, "2")
    await user.expect_message(timeout=15)


async def test_log_and_reframe_under_telegrams_limits_draws_no_429(
    limited: BotApiEmulator, tmp_path: Path
) -> None:
    async for bot in harness(limited, tmp_path):
        people = [limited.user(f"P{i}") for i in range(3)]
        await asyncio.gather(*(log_and_reframe(p) for p in people))
        await limited.settle()
        assert [r for r in limited.refusals if r.error_code == 429] == []
        assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM plans") == 3


async def test_a_reply_takes_the_next_turn_while_a_check_in_fan_out_runs(
    limited: BotApiEmulator, tmp_path: Path
) -> None:
    """A reply does not queue behind the whole fan-out: it takes the next free turn."""
    due = [800_000 + i for i in range(100)]
    for uid in due:  # a hundred people who talked to the bot before, due for their check-in
        limited.user(f"D{uid}", user_id=uid)
        limited.chat(uid).started = True
    async for bot in harness(limited, tmp_path, overall_messages_per_second=20):
        slot = "2026-11-25T11:58:00Z"  # START is Wednesday 12:00 UTC
        await bot.svc.db.executemany(
            "INSERT INTO users (user_id, chat_id, first_name, timezone, checkin_weekday, "
            "checkin_time, next_checkin_due, onboarded_at, created_at) "
            "VALUES (?, ?, 'D', 'UTC', 2, '11:58', ?, ?, ?)",
            [(uid, uid, slot, slot, slot) for uid in due],
        )
        fan_out = asyncio.create_task(bot.tick())
        await limited.wait_until(lambda: len(limited.calls("sendMessage")) >= 5 or None, 10)
        bob = limited.user("Bob")
        await bob.send("/help")
        await bob.expect_message(timeout=10)
        sent = [c for c in limited.calls("sendMessage") if int(c.params["chat_id"]) in due]
        assert len(sent) < len(due) // 2  # answered early in the fan-out (5 s at 20/s)
        await fan_out
        await limited.settle()
        assert sum(
            1 for c in limited.calls("sendMessage") if int(c.params["chat_id"]) in due
        ) == len(due)
        assert [r for r in limited.refusals if r.error_code == 429] == []
