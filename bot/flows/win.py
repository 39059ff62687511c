"""/win: log what went well. ``/win <text>`` logs it at once; ``/win`` asks for it."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

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
    s = context.services
    user = update.effective_user
    assert user is not None
    now = s.clock.now()
    win = await entries.add_win(
        s.db, user_id=user.id, text=text, now=now, update_id=update.update_id
    )
    flow.drop_draft(context)
    log.info("win logged user_id=%s win_id=%s", user.id, win.id)
    await reply(update, texts.WIN_SAVED.format(text=texts.esc(text)), menu_keyboard())
    await offer_sharing(update, context, win)


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("win", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="win")),
        ],
        states={TEXT: [MessageHandler(PRIVATE & TEXT_INPUT, text_typed)]},
    )
