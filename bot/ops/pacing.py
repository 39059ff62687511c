"""Telegram's limits, kept on our side: conversation replies first, bulk work after.

Telegram answers 429 ("retry after N") beyond about 30 messages a second per bot, about
one a second in one private chat (a short burst is allowed), and 20 a minute in one group.
A 429 costs more than the wait it replaces: the request is repeated after ``retry_after``,
and meanwhile the person sees nothing. So every message-producing request waits here
first (bot/ops/sending.py calls :meth:`Pacer.wait`):

* **Per chat**, a sliding window: at most ``limit`` messages in any ``seconds`` (plus a
  small margin for the network's jitter), in the order they were asked for. A private
  chat allows a burst of three, then about one a second; a group stays one below its
  20 a minute.
* **Overall**, evenly spaced: one message every ``1 / per_second`` seconds, never a burst
  (a bucket that lets 30 go at once puts up to 60 in one sliding second: bench/results.md).
  When requests wait for their turn, the ones made while handling an update (a person
  waiting for the bot's reply: :data:`INTERACTIVE`) go before the ones from jobs
  (check-ins, reminders, digests, notes), which get the turns nobody waiting needs.

Edits count like sends: Telegram counts them in practice.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["INTERACTIVE", "Pacer", "Window", "paced_method", "window_wait"]

# True while an update is being handled (bot/ops/processor.py sets it, and tasks started
# from a handler inherit it): what is sent then is a reply somebody is waiting for.
INTERACTIVE: contextvars.ContextVar[bool] = contextvars.ContextVar("interactive", default=False)

MARGIN_SECONDS = 0.1  # added to every chat window: requests do not arrive as evenly as sent
_NOT_MESSAGES = {"sendchataction"}
_MESSAGES = {"copymessage", "copymessages", "forwardmessage", "forwardmessages"}


def paced_method(endpoint: str) -> bool:
    """Whether a Bot API method puts or changes a message in a chat (counted by Telegram)."""
    name = endpoint.lower()
    if name in _NOT_MESSAGES:
        return False
    return name.startswith(("send", "edit")) or name in _MESSAGES


@dataclass(frozen=True)
class Window:
    """At most ``limit`` messages in any ``seconds``."""

    limit: int
    seconds: float


def window_wait(sent: Sequence[float], now: float, window: Window, margin: float = 0.0) -> float:
    """Seconds to wait so that one more message keeps every ``window.seconds + margin``
    stretch at ``window.limit`` or fewer (``sent``: earlier send times, ascending)."""
    span = window.seconds + margin
    recent = [t for t in sent if t > now - span]
    if len(recent) < window.limit:
        return 0.0
    return max(0.001, recent[len(recent) - window.limit] + span - now)


@dataclass
class _Chat:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    sent: deque[float] = field(default_factory=deque)


class Pacer:
    """Waits before each message so that none draws a 429 (see the module docstring)."""

    def __init__(
        self,
        *,
        per_second: float,
        private: Window | None,
        group: Window | None,
        margin: float = MARGIN_SECONDS,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.private, self.group, self.margin = private, group, margin
        self._chats: dict[int, _Chat] = {}
        self._waiting: dict[bool, deque[asyncio.Future[None]]] = {True: deque(), False: deque()}
        self._next = 0.0  # the earliest moment of the next overall turn
        self._paused_until = 0.0  # after a 429: no turn before this moment
        self._timer: asyncio.TimerHandle | None = None
        self.waited = 0.0  # seconds spent waiting here, all requests together (for benchmarks)

    def _window(self, chat_id: int) -> Window | None:
        return self.group if chat_id < 0 else self.private

    async def wait(self, chat_id: int | None, *, interactive: bool) -> None:
        """Return when a message to ``chat_id`` may go out."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        window = None if chat_id is None else self._window(chat_id)
        if chat_id is None or window is None:
            await self._turn(interactive)
        else:
            chat = self._chat(chat_id)
            async with chat.lock:  # one chat's messages keep their order
                delay = window_wait(chat.sent, loop.time(), window, self.margin)
                if delay > 0:
                    await asyncio.sleep(delay)
                await self._turn(interactive)
                chat.sent.append(loop.time())
                while len(chat.sent) > window.limit:
                    chat.sent.popleft()
        self.waited += loop.time() - started

    def _chat(self, chat_id: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            if len(self._chats) > 5_000:
                self._forget_quiet_chats()
            chat = self._chats[chat_id] = _Chat()
        return chat

    def _forget_quiet_chats(self) -> None:
        now = asyncio.get_running_loop().time()
        for chat_id, chat in list(self._chats.items()):
            window = self._window(chat_id)
            span = (window.seconds if window else 0.0) + self.margin
            if not chat.lock.locked() and (not chat.sent or chat.sent[-1] < now - span):
                del self._chats[chat_id]

    def pause(self, seconds: float) -> None:
        """Telegram answered 429 "retry after ``seconds``": no message goes out until then."""
        until = asyncio.get_running_loop().time() + seconds
        self._paused_until = max(self._paused_until, until)
        self._next = max(self._next, self._paused_until)

    # --- the overall turn ----------------------------------------------------------------
    async def _turn(self, interactive: bool) -> None:
        if not self.interval:
            delay = self._paused_until - asyncio.get_running_loop().time()
            if delay > 0:
                await asyncio.sleep(delay)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[interactive].append(turn)
        if self._timer is None:  # else the timer hands out the next turn
            self._dispatch()
        await turn

    def _dispatch(self) -> None:
        """Grant turns that are due, interactive ones first; wake up for the next one."""
        self._timer = None
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            queue = self._next_queue()
            if queue is None:
                return
            if now < self._next:
                self._timer = loop.call_at(self._next, self._dispatch)
                return
            queue.popleft().set_result(None)
            self._next = max(now, self._next) + self.interval

    def _next_queue(self) -> deque[asyncio.Future[None]] | None:
        for interactive in (True, False):
            queue = self._waiting[interactive]
            while queue and queue[0].done():  # given up (cancelled) while waiting
                queue.popleft()
            if queue:
                return queue
        return None
