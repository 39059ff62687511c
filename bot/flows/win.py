"""/win: log what went well. ``/win <text>`` logs it at once; ``/win`` asks for it.

Words the person chose to save after the care message ("Save it anyway",
bot/flows/care.py) are logged with a plain confirmation and never offered for sharing.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain.answers import Word
from bot.flows.care import was_saved_anyway
from bot.flows.circles import offer_sharing
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
    typed,
)
from bot.storage import entries
from bot.ui import texts
from bot.ui.callbacks import Menu

log = logging.getLogger(__name__)

TEXT = "text"


async def _ask_text(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_WIN, keyboard([[flow.cancel_button(context)]]))


flow = Flow(name="win", prefix="wn", command="win", prompts={TEXT: _ask_text})


async def begin(update: Update, context: Context) -> str | int | None:
    await answer(update)
    message = update.effective_message
    if update.callback_query is None and message is not None and message.text:
        parts = message.text.split(maxsplit=1)
        if len(parts) == 2:
            text = parts[1].strip()
            if len(text) > ENTRY_LIMIT:
                await reply(update, texts.too_long(length=len(text), limit=ENTRY_LIMIT))
                flow.fresh_draft(context)
                return await flow.go(TEXT, update, context)
            await _save(update, context, text)
            return END
    flow.fresh_draft(context)
    return await flow.go(TEXT, update, context)


async def text_typed(update: Update, context: Context) -> int | None:
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    await _save(update, context, text)
    return END


async def _save(update: Update, context: Context, text: str) -> None:
    flow.drop_draft(context)
    await save_text(update, context, text)


async def save_text(update: Update, context: Context, text: str) -> None:
    """Log ``text`` as a win (also "Log this as a win?" on a message outside a flow)."""
    s = context.services
    user = update.effective_user
    assert user is not None
    now = s.clock.now()
    win = await entries.add_win(
        s.db, user_id=user.id, text=text, now=now, update_id=update.update_id
    )
    log.info("win logged user_id=%s win_id=%s", user.id, win.id)
    if was_saved_anyway(update, context):
        await reply(update, texts.SAVED_QUIETLY.format(text=texts.esc(text)), menu_keyboard())
        return
    await reply(update, texts.WIN_SAVED.format(text=texts.esc(text)), menu_keyboard())
    await offer_sharing(update, context, win)


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("win", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="win")),
        ],
        states={
            TEXT: [
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, text_typed),
            ]
        },
    )
