"""Each person's updates in order, different people at once (PTB's ``BaseUpdateProcessor``).

PTB offers two ways to process updates: one at a time (every person waits for every
stranger's Bot API round trips) or all at once (two updates of one person race, which
breaks ``ConversationHandler`` and drafts). This processor keeps one queue per *key* — the
chat and the user of an update — and runs different keys concurrently:

* Two updates that share a key (the same private chat; the same group; the same person in
  a group and in private) run strictly in arrival order, one after the other.
* Updates with no key in common run at the same time, at most ``max_running`` of them;
  an update waiting for its key does not take one of those places, so one busy person
  never holds up anyone else.
* ``on_done`` (the inbox commit: persistence flushed, update marked handled) runs after an
  update and before the next update of the same key starts, so a key's next update always
  starts from committed state.
* :meth:`KeyedUpdateProcessor.stop_taking` (on the way out): updates already running are
  finished, the others are left alone, unmarked: the inbox hands them over again at the
  next start, in order. A stop never waits for a long queue (or for Telegram to come back).
* Each update is handled in its language (``language_of``, bot/ops/languages.py: the
  person's, or the circle's in a group), set in :mod:`bot.ui.i18n`'s ContextVar around that
  update's coroutine only. PTB runs each update in a task of its own, so concurrent updates
  of different people never see each other's language.
* The flood guard (:class:`FloodGuard`): beyond ``limit`` updates in ``window`` seconds a
  person gets one "slow down" note and their further updates are started no faster than
  that rate; typed text is never dropped, but a button pressed while several of their
  updates are still waiting is answered "slow down" and ignored.

Order is kept because PTB hands updates over in the order it took them from its queue and
this class registers each one on its keys before its first ``await``.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from bot.ops.pacing import INTERACTIVE
from bot.ui import texts
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

__all__ = ["FloodGuard", "KeyedUpdateProcessor", "keys_of"]

OnDone = Callable[[object], Awaitable[None]]
LanguageOf = Callable[[object], Awaitable[str | None]]
# PTB's own bound is not used: it would count updates that only wait for their key.
_UNBOUNDED = sys.maxsize


def keys_of(update: object) -> tuple[int, ...]:
    """The chat and the user of an update (one key in a private chat: the ids are equal)."""
    if not isinstance(update, Update):
        return ()
    found: set[int] = set()
    if update.effective_chat is not None:
        found.add(update.effective_chat.id)
    if update.effective_user is not None:
        found.add(update.effective_user.id)
    return tuple(sorted(found))


@dataclass
class _Person:
    arrived: deque[float] = field(default_factory=deque)  # arrival times within the window
    started: deque[float] = field(default_factory=deque)  # start times within the window
    waiting: int = 0  # updates that arrived and have not started
    warned: bool = False


class FloodGuard:
    """Per person: ``limit`` updates in ``window`` seconds, then one note and a slower pace."""

    def __init__(
        self,
        limit: int,
        window: float,
        max_waiting_buttons: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.max_waiting_buttons = limit, window, max_waiting_buttons
        self.clock = clock
        self._people: dict[int, _Person] = {}

    def _person(self, user_id: int) -> _Person:
        person = self._people.get(user_id)
        if person is None:
            if len(self._people) > 10_000:
                self._forget_idle()
            person = self._people[user_id] = _Person()
        return person

    def _forget_idle(self) -> None:
        cutoff = self.clock() - self.window
        for user_id, person in list(self._people.items()):
            if person.waiting == 0 and (not person.arrived or person.arrived[-1] <= cutoff):
                del self._people[user_id]

    def _trim(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def arrive(self, user_id: int, *, is_button: bool) -> tuple[bool, bool]:
        """Register an arriving update: (accept it, send the "slow down" note now)."""
        person = self._person(user_id)
        now = self.clock()
        self._trim(person.arrived, now)
        full = len(person.arrived) >= self.limit
        if is_button and full and person.waiting >= self.max_waiting_buttons:
            return False, False
        person.arrived.append(now)
        person.waiting += 1
        flooding = len(person.arrived) > self.limit
        note = flooding and not person.warned
        if flooding:
            person.warned = True
        elif not person.arrived or len(person.arrived) <= self.limit // 2:
            person.warned = False  # calm again: a later flood gets a note again
        return True, note

    def delay(self, user_id: int) -> float:
        """Seconds this person's next update should wait so that at most ``limit`` start in
        any ``window`` (zero while they are within it)."""
        person = self._person(user_id)
        now = self.clock()
        self._trim(person.started, now)
        if len(person.started) < self.limit:
            return 0.0
        return max(0.001, person.started[len(person.started) - self.limit] + self.window - now)

    def start(self, user_id: int) -> None:
        person = self._person(user_id)
        person.waiting -= 1
        person.started.append(self.clock())

    def abandon(self, user_id: int) -> None:
        """An accepted update that will not start after all (shutdown)."""
        self._person(user_id).waiting -= 1


class KeyedUpdateProcessor(BaseUpdateProcessor):
    """Updates of one chat/user in arrival order; different ones concurrently (bounded)."""

    def __init__(
        self,
        max_running: int,
        *,
        flood: FloodGuard | None = None,
        on_done: OnDone | None = None,
        language_of: LanguageOf | None = None,
    ) -> None:
        super().__init__(_UNBOUNDED)
        if max_running < 1:
            raise ValueError("max_running must be at least 1")
        self.max_running = max_running
        self.flood = flood
        self.on_done = on_done
        self.language_of = language_of
        self._running: asyncio.Semaphore | None = None
        # For each key, the completion of the last update registered on it.
        self._tails: dict[int, asyncio.Future[None]] = {}
        self.pending = 0  # accepted and not finished (the polling loop pauses when high)
        self.dropped = 0
        self.left = 0  # not started because the process was stopping
        self._stopping = False

    def stop_taking(self) -> None:
        """Start no more updates: those waiting stay in the inbox for the next start."""
        self._stopping = True

    async def initialize(self) -> None:
        self._running = asyncio.Semaphore(self.max_running)

    async def shutdown(self) -> None:
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # Nothing here may await before the update is registered on its keys (order).
        keys = keys_of(update)
        user = update.effective_user if isinstance(update, Update) else None
        if self.flood is not None and user is not None:
            is_button = isinstance(update, Update) and update.callback_query is not None
            accepted, note = self.flood.arrive(user.id, is_button=is_button)
            if note:
                _background(_slow_down_note(update, self.language_of))
            if not accepted:
                _close(coroutine)
                self.dropped += 1
                log.info("button ignored, too many waiting user_id=%s", user.id)
                await _answer_slow_down(update, self.language_of)
                await self._done(update)
                return
        earlier = [self._tails[k] for k in keys if k in self._tails]
        finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        for key in keys:
            self._tails[key] = finished
        self.pending += 1
        started = False
        try:
            for tail in earlier:
                await asyncio.shield(tail)
            if self.flood is not None and user is not None:
                wait = self.flood.delay(user.id)
                if wait > 0:
                    await asyncio.sleep(wait)
                self.flood.start(user.id)
            assert self._running is not None, "initialize() was not called"
            async with self._running:
                if self._stopping:
                    self.left += 1
                    return  # not handled, not marked: the inbox replays it
                started = True
                token = INTERACTIVE.set(True)
                try:
                    with use_language(await _language(self.language_of, update)):
                        await coroutine
                finally:
                    INTERACTIVE.reset(token)
            await self._done(update)
        finally:
            if not started:  # stopping, or cancelled while waiting
                _close(coroutine)
                if self.flood is not None and user is not None:
                    self.flood.abandon(user.id)
            self.pending -= 1
            _resolve_after(finished, earlier)
            for key in keys:
                if self._tails.get(key) is finished:
                    del self._tails[key]

    async def _done(self, update: object) -> None:
        if self.on_done is None:
            return
        try:
            await self.on_done(update)
        except Exception:
            log.exception("after-update step failed update_id=%s", _update_id(update))


def _resolve_after(finished: asyncio.Future[None], earlier: list[asyncio.Future[None]]) -> None:
    """Mark an update finished, but never before the earlier updates of its keys."""
    unfinished = [tail for tail in earlier if not tail.done()]
    if not unfinished:
        finished.set_result(None)
        return
    gathered = asyncio.gather(*unfinished, return_exceptions=True)
    gathered.add_done_callback(lambda _: finished.set_result(None))


async def _language(language_of: LanguageOf | None, update: object) -> str | None:
    """The update's language tag; English when it can't be read (the update still runs)."""
    if language_of is None:
        return None
    try:
        return await language_of(update)
    except Exception as exc:
        log.warning("language not read update_id=%s: %s", _update_id(update), type(exc).__name__)
        return None


def _update_id(update: object) -> int | None:
    return update.update_id if isinstance(update, Update) else None


def _close(coroutine: Awaitable[Any]) -> None:
    """An update's coroutine that will never run: closed, so Python does not warn."""
    if inspect.iscoroutine(coroutine):
        coroutine.close()


_tasks: set[asyncio.Task[None]] = set()


def _background(coroutine: Awaitable[None]) -> None:
    async def run() -> None:
        await coroutine

    task = asyncio.get_running_loop().create_task(run())
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


async def _slow_down_note(update: object, language_of: LanguageOf | None) -> None:
    assert isinstance(update, Update)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != "private":
        return  # in a group the note would be noise for everyone else
    log.info("flood note sent user_id=%s", user.id)
    token = INTERACTIVE.set(True)
    try:
        with use_language(await _language(language_of, update)):
            note = texts.FLOOD_SLOW_DOWN
        await update.get_bot().send_message(chat.id, note)
    except TelegramError as exc:  # a user who never opened a private chat, a block, ...
        log.info("flood note not delivered user_id=%s: %s", user.id, type(exc).__name__)
    finally:
        INTERACTIVE.reset(token)


async def _answer_slow_down(update: object, language_of: LanguageOf | None) -> None:
    if not isinstance(update, Update) or update.callback_query is None:
        return
    try:
        with use_language(await _language(language_of, update)):
            ignored = texts.FLOOD_BUTTON_IGNORED
        await update.callback_query.answer(ignored)
    except TelegramError as exc:
        log.info("slow-down answer failed: %s", type(exc).__name__)
