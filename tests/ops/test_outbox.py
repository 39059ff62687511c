"""The outbox: posts leave the handler at once, go out per chat in order, errors are kept."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import pytest

from bot.ops.outbox import Outbox
from bot.ops.pacing import INTERACTIVE, Pacer, Window


async def test_posts_go_out_in_order_per_chat_and_chats_do_not_wait_for_each_other() -> None:
    # A group that allows 2 messages a second: its third and fourth post must wait.
    pacer = Pacer(per_second=0, private=None, group=Window(2, 1.0), margin=0.0)
    outbox = Outbox()
    sent: list[tuple[int, int, bool]] = []

    def sender(chat_id: int, n: int) -> Callable[[], Awaitable[int]]:
        async def send() -> int:
            await pacer.wait(chat_id, interactive=INTERACTIVE.get())
            sent.append((chat_id, n, INTERACTIVE.get()))
            return n

        return send

    token = INTERACTIVE.set(True)  # posted while handling an update
    try:
        group = [outbox.post(-100, sender(-100, n)) for n in range(4)]
    finally:
        INTERACTIVE.reset(token)
    other = outbox.post(-200, sender(-200, 0))
    assert outbox.waiting() == 5  # nothing sent yet: the poster did not wait
    assert await other == 0
    assert [n for chat, n, _ in sent if chat == -100] == [0, 1]  # -200 did not wait for -100
    assert await asyncio.gather(*group) == [0, 1, 2, 3]
    assert [n for chat, n, _ in sent if chat == -100] == [0, 1, 2, 3]
    assert all(interactive for chat, _, interactive in sent if chat == -100)
    assert [interactive for chat, _, interactive in sent if chat == -200] == [False]
    await outbox.drain()
    assert outbox.waiting() == 0


async def test_a_failed_post_is_logged_and_the_next_ones_still_go(
    caplog: pytest.LogCaptureFixture,
) -> None:
    outbox = Outbox()

    async def fails() -> None:
        raise RuntimeError("bot removed")

    async def works() -> str:
        return "ok"

    with caplog.at_level(logging.WARNING):
        first = outbox.post(-1, fails)
        second = outbox.post(-1, works)
        assert await second == "ok"
        with pytest.raises(RuntimeError):
            await first
    assert "posted message not sent chat_id=-1: RuntimeError" in caplog.text
