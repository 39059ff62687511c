"""Long polling that stores each fetched batch before Telegram is told it arrived.

PTB's ``Updater`` asks for the next offset (which confirms the batch to Telegram) as soon as
it has put the batch in memory. This loop writes the batch to the inbox first (one
transaction, bot/ops/inbox.py), hands the new updates to the application, and only then
moves the offset. It starts without an offset, so Telegram sends again whatever was fetched
and not confirmed before a crash; the inbox recognises those and skips them.

Fetching pauses while ``max_queued`` updates wait in memory (they are safe in Telegram
until confirmed), so a burst never grows the process without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Update
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.ops import inbox
from bot.ops.processor import KeyedUpdateProcessor
from bot.services import App, services_of

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0
FULL_PAUSE_SECONDS = 0.05


async def replay(app: App) -> int:
    """Hand the updates stored but not handled before the last stop to the application."""
    svc = services_of(app)
    found = await inbox.pending(svc.db, app.bot)
    for update in found:
        app.update_queue.put_nowait(update)
    if found:
        log.info("inbox replayed count=%d first_update_id=%s", len(found), found[0].update_id)
    return len(found)


class Poller:
    """``await start()`` after the application started; ``await stop()`` before it stops."""

    def __init__(self, app: App, *, timeout: int = 10, max_queued: int | None = None) -> None:
        self.app = app
        self.timeout = timeout
        self.max_queued = max_queued or services_of(app).settings.max_queued_updates
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.fetched = 0

    async def start(self) -> None:
        await self.app.bot.delete_webhook(drop_pending_updates=False)
        await replay(self.app)
        self._task = asyncio.create_task(self._run(), name="polling")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None

    def _queued(self) -> int:
        processor = self.app.update_processor
        queued = self.app.update_queue.qsize()
        if isinstance(processor, KeyedUpdateProcessor):
            queued += processor.pending
        return queued

    async def _fetch(self, offset: int) -> tuple[Update, ...] | None:
        """One long poll; None if stop() came first (the poll is abandoned, unconfirmed)."""
        poll: asyncio.Future[tuple[Update, ...]] = asyncio.ensure_future(
            self.app.bot.get_updates(
                offset=offset or None, timeout=self.timeout, allowed_updates=Update.ALL_TYPES
            )
        )
        stopped = asyncio.ensure_future(self._stop.wait())
        either: set[asyncio.Future[Any]] = {poll, stopped}
        try:
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
        if not poll.done():
            poll.cancel()
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                await poll
            return None
        return poll.result()

    async def _run(self) -> None:
        svc = services_of(self.app)
        offset = 0
        failures = 0
        while not self._stop.is_set():
            if self._queued() >= self.max_queued:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), FULL_PAUSE_SECONDS)
                continue
            try:
                updates = await self._fetch(offset)
                if updates is None:
                    return
                # Written before the next poll confirms them to Telegram.
                fresh = await inbox.accept(svc.db, updates, svc.clock.now())
            except TimedOut:
                continue  # a long poll that ran out on the way: ask again
            except (TelegramError, OSError) as exc:
                failures += 1
                delay = min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** min(failures, 6))
                level = logging.WARNING if isinstance(exc, NetworkError) else logging.ERROR
                log.log(level, "polling failed (%s), again in %.1fs", type(exc).__name__, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), delay)
                continue
            except Exception:  # not stored: the batch stays with Telegram, fetched again
                failures += 1
                log.exception("fetched updates not stored; fetching them again")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), min(MAX_BACKOFF_SECONDS, failures))
                continue
            failures = 0
            for update in fresh:
                self.app.update_queue.put_nowait(update)
            self.fetched += len(fresh)
            if updates:
                offset = updates[-1].update_id + 1
