"""/dashboard: the Mini App (bot/web/) opened from the chat.

In the private chat: a ``web_app`` button, and the chat's menu button set to open it too
(per person, each time they ask, so a changed WEBAPP_URL reaches them). In a group, where
Telegram refuses ``web_app`` buttons, a link to the private chat (``/start dashboard``),
which answers with the button. With WEBAPP_URL unset: one line that says so and where the
same things are in the chat; /help says it too (:func:`help_line`).
"""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonWebApp,
    Update,
    WebAppInfo,
)
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CommandHandler, filters

from bot.config import Settings
from bot.flows.circles.posting import group_reply
from bot.flows.common import PRIVATE, Context, Handler, reply
from bot.storage import users
from bot.ui import texts

log = logging.getLogger(__name__)

START_PAYLOAD = "dashboard"


def help_line(settings: Settings) -> str:
    """The line /help adds about the dashboard: what it is, or that it is off."""
    return texts.HELP_DASHBOARD if settings.webapp_url else texts.HELP_DASHBOARD_OFF


def _button(url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BUTTON_DASHBOARD, web_app=WebAppInfo(url))]]
    )


async def _offer(update: Update, context: Context) -> None:
    """The button, and the menu button beside the message field, in the private chat."""
    url = context.services.settings.webapp_url
    chat = update.effective_chat
    assert chat is not None
    if not url:
        await reply(update, texts.DASHBOARD_OFF)
        return
    await reply(update, texts.DASHBOARD_OPEN, _button(url))
    try:
        await context.bot.set_chat_menu_button(
            chat_id=chat.id,
            menu_button=MenuButtonWebApp(texts.MENU_BUTTON_DASHBOARD, WebAppInfo(url)),
        )
    except TelegramError as exc:  # the button above works without it
        log.warning("menu button not set chat_id=%s: %s", chat.id, type(exc).__name__)
    log.info("dashboard offered chat_id=%s", chat.id)


async def dashboard_command(update: Update, context: Context) -> None:
    await _offer(update, context)


async def in_group(update: Update, context: Context) -> None:
    """In a group: the dashboard is private, so a link to the private chat instead."""
    if not context.services.settings.webapp_url:
        await group_reply(update, context, texts.DASHBOARD_OFF)
        return
    link = f"https://t.me/{context.bot.username}?start={START_PAYLOAD}"
    button = InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_OPEN_PRIVATE, url=link)]])
    await group_reply(update, context, texts.GROUP_PRIVATE_ONLY, button)


async def from_link(update: Update, context: Context) -> None:
    """``/start dashboard`` (the group's link): the button, for someone already set up;
    someone new goes on into onboarding's /start."""
    user = update.effective_user
    assert user is not None
    found = await users.get(context.services.db, user.id)
    if found is None or not found.onboarded:
        return
    await _offer(update, context)
    raise ApplicationHandlerStop


def link_handlers() -> list[Handler]:
    """Before the flows: the deep link from a group opens the dashboard from anywhere."""
    return [
        CommandHandler(
            "start", from_link, PRIVATE & filters.Regex(rf"^/start(@\w+)? {START_PAYLOAD}$")
        )
    ]


def handlers() -> list[Handler]:
    return [
        CommandHandler("dashboard", dashboard_command, PRIVATE),
        CommandHandler("dashboard", in_group, filters.ChatType.GROUPS),
    ]
