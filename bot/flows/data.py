"""/export and /delete: everything the bot holds about a user, as a file or gone.

/export collects the rows (bot/storage/userdata.py finds the tables), builds the zip off
the event loop and sends it with sendDocument.

/delete asks once, then erases in a background task (group messages are paced by the rate
limiter, and updates are processed one at a time): PTB's in-memory state for them —
user_data, every ConversationHandler's state, jobs — every row in one transaction and the
persisted copies, then what stood in groups (bot/flows/circles/unpublish.py: posts
deleted or blanked, digests redrawn without them); the report says what could not be
taken back.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.domain.answers import Word, parse_word
from bot.flows.circles import unpublish
from bot.flows.common import (
    END,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    Handler,
    answer,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
)
from bot.services import App, Services
from bot.storage import userdata
from bot.storage.server_secret import server_key
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu

log = logging.getLogger(__name__)

ERASING = "erasing_user_ids"  # bot_data key (bot_data is not persisted)


# --- export ------------------------------------------------------------------------------
async def export(update: Update, context: Context) -> None:
    s = context.services
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    found = await userdata.collect(s.db, user.id)
    now = s.clock.now()
    readme = texts.EXPORT_README  # in the person's language
    data = await asyncio.to_thread(userdata.build_zip, user.id, now, found, readme)
    rows = sum(len(t.rows) for t in found)
    await chat.send_document(
        data,
        filename=f"comeback-export-{now:%Y-%m-%d}.zip",
        caption=texts.export_caption(rows, len(found)),
        reply_markup=menu_keyboard(),
    )
    log.info("export sent user_id=%s rows=%d bytes=%d", user.id, rows, len(data))


# --- delete ------------------------------------------------------------------------------
CONFIRM = "confirm"


@dataclass(frozen=True)
class Erase(FlowData):
    """Erase everything: yes, or no (keep it all)."""

    answer: Literal["yes", "no"]


async def _ask_confirm(update: Update, context: Context) -> None:
    buttons = [
        [(texts.BUTTON_DELETE_YES, flow.data(context, Erase("yes")))],
        [(texts.BUTTON_DELETE_NO, flow.data(context, Erase("no")))],
    ]
    settings = context.services.settings
    retention = (  # what stays for a while after the erasure (also in /privacy)
        texts.backups_kept(settings.backup_keep_days),
        texts.logs_kept(settings.log_keep_days),
    )
    await reply(update, "\n\n".join((texts.DELETE_CONFIRM, *retention)), keyboard(buttons))


flow = Flow(name="delete", prefix="dl", command="delete", prompts={CONFIRM: _ask_confirm})


async def begin(update: Update, context: Context) -> str:
    await answer(update)  # the Erase button of /privacy
    flow.fresh_draft(context)
    return await flow.go(CONFIRM, update, context)


async def answered(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, Erase)
    if tap is None:
        return None
    return await _answer(update, context, erase=tap.answer == "yes")


async def answer_typed(update: Update, context: Context) -> int | None:
    """ "Yes" or "no" typed, as on the buttons; anything else asks again."""
    word = parse_word((await read_text(update, SHORT_LIMIT)) or "")
    if word not in (Word.YES, Word.NO):
        await reply(update, texts.YES_NO_HINT)
        return None
    return await _answer(update, context, erase=word is Word.YES)


async def _answer(update: Update, context: Context, *, erase: bool) -> int:
    flow.drop_draft(context)
    if not erase:
        await reply(update, texts.DELETE_KEPT, menu_keyboard())
        return END
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    user_id, chat_id = user.id, chat.id if chat else 0
    erasing: set[int] = context.application.bot_data.setdefault(ERASING, set())
    if user_id in erasing:
        await reply(update, texts.DELETE_BUSY)
        return END
    erasing.add(user_id)
    await reply(update, texts.DELETE_WORKING)
    context.application.create_task(
        _erase_and_report(context.application, context.services, user_id, chat_id),
        name=f"erase-{user_id}",
    )
    return END


async def _erase_and_report(app: App, s: Services, user_id: int, chat_id: int) -> None:
    try:
        outcome = await erase_user(app, s, user_id)
    finally:
        app.bot_data.get(ERASING, set()).discard(user_id)
    report = texts.delete_done(outcome.removed)
    if outcome.kept:  # posts left standing in groups the bot can't reach any more: say so
        report += "\n\n" + texts.posts_not_removed(outcome.kept)
    try:
        await app.bot.send_message(chat_id, report)
    except TelegramError as exc:
        log.info("erase report not delivered user_id=%s: %s", user_id, type(exc).__name__)


def end_conversations(app: App, user_id: int) -> int:
    """End every conversation the user is in, in memory (and so in persistence).

    PTB has no public call for ending a conversation from outside its handlers;
    ``ConversationHandler._update_state(END, key)`` is what a handler returning END does.
    Keys are ``(chat_id, user_id)``: the user's private chat and any group.
    """
    ended = 0
    for handlers in app.handlers.values():
        for handler in handlers:
            if not isinstance(handler, ConversationHandler):
                continue
            for key in [k for k in handler._conversations if user_id in k]:
                handler._update_state(ConversationHandler.END, key)
                ended += 1
    return ended


async def erase_user(app: App, s: Services, user_id: int) -> unpublish.Outcome:
    """Erase everything about ``user_id``, then take back their posts in groups (deleted,
    or blanked when too old) and edit them out of the digests; returns how many posts were
    removed and how many could not be (bot/flows/circles/unpublish.py)."""
    published = await unpublish.of_user(s.db, user_id)
    ended = end_conversations(app, user_id)
    app.drop_user_data(user_id)
    if app.job_queue is not None:
        for job in app.job_queue.jobs():
            if job.user_id == user_id:
                job.schedule_removal()
    counts = await userdata.erase(s.db, user_id, giver_key=server_key(s.settings))
    await s.persistence.forget_user(user_id)
    await s.db.scrub()  # the erased rows' old versions out of the write-ahead log
    outcome = await unpublish.unpublish(app, published)  # digests redrawn without them
    log.info(
        "user erased user_id=%s rows=%d tables=%d conversations=%d group_messages=%d kept=%d",
        user_id,
        sum(counts.values()),
        len(counts),
        ended,
        outcome.removed,
        outcome.kept,
    )
    return outcome


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("delete", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="delete")),  # /privacy
        ],
        states={
            CONFIRM: [
                CallbackQueryHandler(answered, pattern=flow.pattern(Erase)),
                MessageHandler(PRIVATE & TEXT_INPUT, answer_typed),
            ]
        },
    )


def handlers() -> list[Handler]:
    return [
        CommandHandler("export", export, PRIVATE),
    ]
