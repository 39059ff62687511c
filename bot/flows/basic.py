"""Always-on handlers: who wrote, /help, /cancel outside a flow, blocks, and the catch-alls.

Never "I didn't catch that" alone: text outside a flow is read in bot/flows/free_text.py;
what is left here is an unknown command (the menu), a voice note, a photo without words or
a file (one line: text works best, and the menu), and, in a group, a command that belongs
in the private chat (one line and a button that opens it, paced like every group post).
"""

from __future__ import annotations

import logging

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.flows import feedback
from bot.flows.circles.posting import group_reply
from bot.flows.common import (
    PRIVATE,
    Context,
    Handler,
    answer,
    expired,
    menu_keyboard,
    reply,
)
from bot.storage import checkins, users
from bot.ui import texts
from bot.ui.callbacks import Menu

log = logging.getLogger(__name__)


async def seen(update: Update, context: Context) -> None:
    """Every private update: make sure the user exists; a message from them lifts a block."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private" or user.is_bot:
        return
    if update.my_chat_member is not None:
        return  # handled by on_my_chat_member: a block is not a sign of life
    s = context.services
    if feedback.is_giver_update(update, context) and await users.get(s.db, user.id) is None:
        return  # someone who only gives feedback is not kept as a user
    found, was_blocked = await users.seen(
        s.db,
        user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name or "",
        language_code=user.language_code,
        default_timezone=s.settings.default_timezone,
        now=s.clock.now(),
    )
    if was_blocked:
        await checkins.after_unblock(s.db, found, s.clock.now())
        log.info("user came back user_id=%s", user.id)


async def on_my_chat_member(update: Update, context: Context) -> None:
    """A private chat's member status changed: the user blocked or unblocked the bot."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    s = context.services
    user_id = change.from_user.id
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        await users.mark_blocked(s.db, user_id, s.clock.now())
        log.info("user blocked the bot user_id=%s", user_id)
    elif await users.get(s.db, user_id) is not None:
        found, was_blocked = await users.seen(
            s.db,
            user_id=user_id,
            chat_id=change.chat.id,
            first_name=change.from_user.first_name or "",
            language_code=change.from_user.language_code,
            default_timezone=s.settings.default_timezone,
            now=s.clock.now(),
        )
        if was_blocked:
            await checkins.after_unblock(s.db, found, s.clock.now())
        log.info("user unblocked the bot user_id=%s", user_id)
    raise ApplicationHandlerStop


async def help_command(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        await reply(update, texts.GROUP_HELP)
        return
    await reply(update, texts.HELP, menu_keyboard())


async def help_button(update: Update, context: Context) -> None:
    await answer(update)
    await reply(update, texts.HELP, menu_keyboard())


async def show_menu(update: Update, context: Context) -> None:
    await answer(update)
    await reply(update, texts.MENU, menu_keyboard())


async def cancel_outside_flow(update: Update, context: Context) -> None:
    await reply(update, texts.NOTHING_TO_CANCEL, menu_keyboard())


async def unknown(update: Update, context: Context) -> None:
    """Anything in a private chat that no flow, command or free-text reading took: an
    unknown command, or a voice note, a photo without words, a file, a sticker…"""
    message = update.effective_message
    command = message is not None and (message.text or "").startswith("/")
    await reply(update, texts.UNKNOWN_COMMAND if command else texts.MEDIA_HINT, menu_keyboard())


# Commands that only make sense in the private chat (help and cancel have group answers or
# none). Read when registering: command names are never translated.
PRIVATE_ONLY = tuple(name for name, _ in texts.PRIVATE_COMMANDS if name not in ("help", "cancel"))


async def private_only_in_group(update: Update, context: Context) -> None:
    """/win, /rejection, /start… in a group: one line, and a button to the private chat."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    link = f"https://t.me/{context.bot.username}?start=from_group"
    button = InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_OPEN_PRIVATE, url=link)]])
    await group_reply(update, context, texts.GROUP_PRIVATE_ONLY, button)
    chat = update.effective_chat
    log.info("private command in a group chat_id=%s user_id=%s", chat.id if chat else None, user.id)


def membership_handler() -> Handler:
    return ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)


def seen_handler() -> Handler:
    return TypeHandler(Update, seen)


def catch_alls() -> list[Handler]:
    """Help, the menu, /cancel outside a flow, stale buttons and unknown input: last."""
    return [
        CommandHandler(PRIVATE_ONLY, private_only_in_group, filters.ChatType.GROUPS),
        CommandHandler("help", help_command),
        CallbackQueryHandler(help_button, pattern=Menu.pattern(action="help")),
        CallbackQueryHandler(show_menu, pattern=Menu.pattern(action="show")),
        CommandHandler("cancel", cancel_outside_flow, PRIVATE),
        CallbackQueryHandler(expired),
        MessageHandler(PRIVATE & ~filters.StatusUpdate.ALL, unknown),
    ]
