"""Errors that are not bugs: the database is locked, read-only or full; Telegram is out of
reach after the retries; the user blocked the bot. The error handler asks here first: a
known error gets one clear log line (ids only) and, for storage trouble, one kind reply."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.ops import state
from bot.ui import texts

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

_REPLIED_KEY = "ops_db_trouble_replied"


def database_problem(exc: BaseException | None) -> str | None:
    """The kind of storage trouble (locked, read-only, full, i/o error, corrupt), else None."""
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    message = str(exc).lower()
    for needle, kind in (
        ("locked", "locked"),
        ("busy", "locked"),
        ("readonly", "read-only"),
        ("read-only", "read-only"),
        ("full", "full"),
        ("disk i/o", "i/o error"),
        ("malformed", "corrupt"),
        ("not a database", "corrupt"),
        ("unable to open", "unavailable"),
    ):
        if needle in message:
            return kind
    return None


def describe(exc: BaseException) -> str:
    problem = database_problem(exc)
    return f"database {problem}" if problem else type(exc).__name__


def _ids(update: object) -> tuple[int | None, int | None, int | None, bool]:
    if not isinstance(update, Update):
        return None, None, None, False
    chat = update.effective_chat
    user = update.effective_user
    private = chat is not None and chat.type == "private"
    return update.update_id, user.id if user else None, chat.id if chat else None, private


async def handle_known(update: object, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Deal with an error that is not a bug; False leaves it to the generic handler."""
    error = context.error
    update_id, user_id, chat_id, private = _ids(update)
    problem = database_problem(error)
    if problem is not None:
        log.error(
            "database %s: update not saved, the bot keeps running update_id=%s user_id=%s: %s",
            problem,
            update_id,
            user_id,
            error,
        )
        replied = context.application.bot_data.setdefault(_REPLIED_KEY, set())
        # One kind reply per update, even when several handlers of it hit the database.
        if private and chat_id is not None and update_id not in replied:
            replied.add(update_id)
            if len(replied) > 1000:
                replied.clear()
            try:
                await context.bot.send_message(chat_id, texts.DB_TROUBLE)
            except TelegramError as exc:
                log.warning("storage-trouble reply not delivered: %s", type(exc).__name__)
        return True
    if isinstance(error, Forbidden):
        log.info("not delivered, the user blocked the bot user_id=%s", user_id)
        return True
    if isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest):
        log.warning(
            "Telegram out of reach after retries update_id=%s user_id=%s: %s",
            update_id,
            user_id,
            type(error).__name__,
        )
        return True
    return False


async def record_failed_send(
    svc: Services, method: str, chat_id: int | None, exc: Exception
) -> None:
    svc.failed_sends += 1
    await state.record_send_failure(svc.db, svc.clock.now(), method, chat_id, type(exc).__name__)
