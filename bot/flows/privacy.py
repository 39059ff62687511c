"""/privacy: what the bot keeps about a person, for how long (database, backups, logs) and
who sees what, with buttons for /export and /delete (bot/flows/data.py handles both).

The retention numbers come from the settings (BACKUP_KEEP_DAYS, which `comeback backup`
enforces, and LOG_KEEP_DAYS), so what people are told is what the operator configured.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.flows import data
from bot.flows.common import PRIVATE, Context, Handler, answer, keyboard, reply
from bot.ui import texts
from bot.ui.callbacks import Menu

log = logging.getLogger(__name__)


def render(backup_days: int, log_days: int) -> str:
    return "\n\n".join(
        (
            texts.PRIVACY_KEPT,
            texts.backups_kept(backup_days),
            texts.logs_kept(log_days),
            texts.PRIVACY_WHO,
        )
    )


async def show(update: Update, context: Context) -> None:
    settings = context.services.settings
    buttons = keyboard(
        [
            [
                (texts.BUTTON_PRIVACY_EXPORT, Menu("export").pack()),
                (texts.BUTTON_PRIVACY_DELETE, Menu("delete").pack()),
            ]
        ]
    )
    await reply(update, render(settings.backup_keep_days, settings.log_keep_days), buttons)
    user = update.effective_user
    log.info("privacy shown user_id=%s", user.id if user else None)


async def export_button(update: Update, context: Context) -> None:
    """The Export button: the same file as /export, in a private chat only."""
    await answer(update)
    chat = update.effective_chat
    if chat is None or chat.type != chat.PRIVATE:
        return
    await data.export(update, context)


def handlers() -> list[Handler]:
    """The Erase button is an entry point of /delete's conversation (bot/flows/data.py)."""
    return [
        CommandHandler("privacy", show, PRIVATE),
        CallbackQueryHandler(export_button, pattern=Menu.pattern(action="export")),
    ]
