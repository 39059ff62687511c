"""Every request the bot makes (except getUpdates) passes through here.

PTB's AIORateLimiter keeps within Telegram's limits and retries ``RetryAfter`` (429). This
subclass adds what it leaves out: a server error (5xx) or a timeout is retried a bounded
number of times with exponential backoff, and a request that failed for good is reported
(``on_failure``) so that `comeback health` can count it.

What is not retried: Telegram refusing the request (400 BadRequest: a bug, or harmless like
"message is not modified"), a blocked user (403 Forbidden; the callers mark them blocked).
Neither is counted as a failed send: a refusal is logged where it happens, a block is the
user's choice.

Timeouts: a connect or pool timeout means the request never reached Telegram, so it is
retried like a 5xx. A read or write timeout on a request that *sends* a message
(``send*``) is not retried: the message may have arrived, Telegram has no idempotency key,
and "never twice" is the promise for check-ins and reminders — the caller's own policy
(put back on the schedule, or tell the user) decides. Read timeouts on other requests
(edits, callback answers, deletions) are retried: doing them twice changes nothing.

Pacing (bot/ops/pacing.py): every message waits for its chat's window and its overall
turn before it goes out, conversation replies before bulk work; PTB's own buckets are
switched off (its overall one lets a burst of 30 through, and it does not pace a private
chat at all). A 429 that comes anyway is still honoured: the pacer gives no turn for
``retry_after`` seconds (every message waits, as Telegram asks) and the request tries again,
``max_retries`` times. The pause is the pacer's, not a gate in front of requests that were
already given their turn: those would all go out at once when it lifts, and draw the next
429 (bench/results.md: a fan-out stuck at a third of 30/s that way).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

import httpx
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter

from bot.ops.pacing import INTERACTIVE, Pacer, paced_method

log = logging.getLogger(__name__)

OnFailure = Callable[[str, int | None, Exception], Awaitable[None]]
Result = bool | dict[str, Any] | list[dict[str, Any]]


def _chat_id(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _maybe_delivered(endpoint: str, exc: NetworkError) -> bool:
    """A send that timed out after the request went out: it may have reached the chat."""
    if not isinstance(exc, TimedOut) or not endpoint.lower().startswith("send"):
        return False
    return not isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)


def _interrupted(exc: BaseException) -> bool:
    """Whether the error comes from the request being cancelled or closed, not from Telegram."""
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop: the coroutine is being closed
        return True
    if task is None or task.cancelling():
        return True
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, GeneratorExit):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class ResilientRateLimiter(AIORateLimiter):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 3,
        backoff_seconds: float = 1.0,
        on_failure: OnFailure | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        # PTB's overall and per-group buckets and its 429 retries off: see the docstring.
        super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=0)
        self.max_retries = max_retries
        self.pacer = pacer
        self.network_retries = network_retries
        self.backoff_seconds = backoff_seconds
        self.on_failure = on_failure

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat_id = _chat_id(data)
        paced = self.pacer is not None and paced_method(endpoint)
        attempt = 0
        too_many = 0
        while True:
            if paced and self.pacer is not None:
                await self.pacer.wait(chat_id, interactive=INTERACTIVE.get())
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except (BadRequest, Forbidden, InvalidToken):  # InvalidToken: the CLI says so
                raise
            except NetworkError as exc:  # 5xx, timeouts, connection refused or reset
                if _interrupted(exc):
                    raise  # the request was torn down (shutdown): nothing to retry
                if attempt >= self.network_retries or _maybe_delivered(endpoint, exc):
                    await self._failed(endpoint, chat_id, exc, attempt)
                    raise
                delay = self.backoff_seconds * 2**attempt
                attempt += 1
                log.warning(
                    "request %s failed (%s), retry %d/%d in %.1fs chat_id=%s",
                    endpoint,
                    type(exc).__name__,
                    attempt,
                    self.network_retries,
                    delay,
                    chat_id,
                )
                await asyncio.sleep(delay)
            except RetryAfter as exc:  # 429: Telegram says how long to wait
                if too_many >= self.max_retries:
                    await self._failed(endpoint, chat_id, exc, too_many)
                    raise
                too_many += 1
                wait = exc.retry_after
                seconds = (wait.total_seconds() if isinstance(wait, timedelta) else wait) + 0.1
                log.info("429 on %s, pausing %.1fs chat_id=%s", endpoint, seconds, chat_id)
                if self.pacer is not None:
                    self.pacer.pause(seconds)
                if not paced or self.pacer is None:
                    await asyncio.sleep(seconds)
            except TelegramError as exc:
                await self._failed(endpoint, chat_id, exc, attempt)
                raise

    async def _failed(self, endpoint: str, chat_id: int | None, exc: Exception, tries: int) -> None:
        log.error(
            "request %s given up after %d retries chat_id=%s: %s",
            endpoint,
            tries,
            chat_id,
            type(exc).__name__,
        )
        if self.on_failure is None:
            return
        try:
            await self.on_failure(endpoint, chat_id, exc)
        except Exception as record_exc:  # the database may be the problem; never mask exc
            log.warning("failed send not recorded: %s", type(record_exc).__name__)
