"""Messages sent off the update path: each chat's in order, paced, while the handler moves on.

A group allows the bot about 20 messages a minute (bot/ops/pacing.py keeps that). A handler
that *awaits* a paced group message holds its person's and its group's queue for as long as
the wait lasts (bot/ops/processor.py), up to a minute. Instead, a handler posts::

    outbox_of(context.application).post(chat_id, lambda: context.bot.send_message(...))

and returns at once. The outbox keeps one queue per chat and sends them in order through
the bot (so through the pacing and the retries of bot/ops/sending.py). ``post`` returns a
future for whoever needs the sent message (a message id to store); an error nobody awaits
is logged. A post made while handling an update keeps that update's priority (a reply
before bulk work), one made by a job is bulk.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bot.ops.pacing import INTERACTIVE
from bot.services import App

log = logging.getLogger(__name__)

__all__ = ["Outbox", "outbox_of"]

T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, None]], "asyncio.Task[None]"]
_KEY = "ops_outbox"


@dataclass
class _Post(Generic[T]):
    send: Callable[[], Awaitable[T]]
    done: asyncio.Future[T]
    interactive: bool


class Outbox:
    def __init__(self, spawn: Spawn | None = None) -> None:
        self._spawn = spawn
        self._queues: dict[int, deque[_Post[Any]]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}

    def post(
        self, chat_id: int, send: Callable[[], Awaitable[T]], *, interactive: bool | None = None
    ) -> asyncio.Future[T]:
        """Queue ``send`` for ``chat_id``; the future holds its result (or its error)."""
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        done.add_done_callback(_log_unclaimed(chat_id))
        priority = INTERACTIVE.get() if interactive is None else interactive
        self._queues.setdefault(chat_id, deque()).append(_Post(send, done, priority))
        if chat_id not in self._workers:
            spawn = self._spawn or asyncio.get_running_loop().create_task
            self._workers[chat_id] = spawn(self._work(chat_id))
        return done

    def waiting(self, chat_id: int | None = None) -> int:
        """Posts not sent yet (for one chat, or all)."""
        if chat_id is not None:
            return len(self._queues.get(chat_id, ()))
        return sum(len(q) for q in self._queues.values())

    async def drain(self) -> None:
        """Wait until every queued post has gone out (or failed)."""
        while self._workers:
            await asyncio.gather(*list(self._workers.values()), return_exceptions=True)

    async def _work(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                item = queue.popleft()
                if item.done.done():  # cancelled by whoever posted it
                    continue
                token = INTERACTIVE.set(item.interactive)
                try:
                    result = await item.send()
                except Exception as exc:
                    item.done.set_exception(exc)
                else:
                    item.done.set_result(result)
                finally:
                    INTERACTIVE.reset(token)
        finally:
            del self._workers[chat_id]
            if not queue:
                del self._queues[chat_id]


def _log_unclaimed(chat_id: int) -> Callable[[asyncio.Future[Any]], None]:
    def check(done: asyncio.Future[Any]) -> None:
        if done.cancelled():
            return
        exc = done.exception()  # marks it retrieved: no "never retrieved" noise
        if exc is not None:
            log.warning("posted message not sent chat_id=%s: %s", chat_id, type(exc).__name__)

    return check


def outbox_of(app: App) -> Outbox:
    """The application's outbox (tasks started through ``app.create_task``, so that
    stopping the application waits for what is still queued)."""
    found = app.bot_data.get(_KEY)
    if not isinstance(found, Outbox):
        found = Outbox(spawn=lambda coroutine: app.create_task(coroutine, name="outbox"))
        app.bot_data[_KEY] = found
    return found
