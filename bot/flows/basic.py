"""Always-on handlers: who wrote, /help, /cancel outside a flow, blocks, and the catch-alls."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.flows.common import (
    PRIVATE,
    Context,
    answer,
    care_if_needed,
    expired,
    menu_keyboard,
    reply,
    svc,
)
from bot.storage import checkins, users

log = logging.getLogger(__name__)

SEEN_GROUP = -10
CATCH_ALL_GROUP = 0  # same group as the flows, registered last: first match wins


async def seen(update: Update, context: Context) -> None:
    """Every private update: make sure the user exists; a message from them lifts a block."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private" or user.is_bot:
        return
    if update.my_chat_member is not None:
        return  # handled by on_my_chat_member: a block is not a sign of life
    s = svc(context)
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
    s = svc(context)
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


async def not_ready(update: Update, context: Context) -> None:
    await reply(update, texts.NOT_AVAILABLE_YET, menu_keyboard())


async def unknown(update: Update, context: Context) -> None:
    """Anything in a private chat that no flow or command took."""
    message = update.effective_message
    if message is not None and message.text:
        await care_if_needed(update, context, message.text)
    await reply(update, texts.UNKNOWN, menu_keyboard())


def register(app: Application, *, later_commands: tuple[str, ...] = ()) -> None:  # type: ignore[type-arg]
    """Handlers that run before every flow, and the catch-alls registered after all of them."""
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER), -20)
    app.add_handler(TypeHandler(Update, seen), SEEN_GROUP)
    app.add_handler(CommandHandler("help", help_command), CATCH_ALL_GROUP)
    app.add_handler(CallbackQueryHandler(help_button, pattern=r"^menu:help$"), CATCH_ALL_GROUP)
    app.add_handler(CallbackQueryHandler(show_menu, pattern=r"^menu:show$"), CATCH_ALL_GROUP)
    app.add_handler(CommandHandler("cancel", cancel_outside_flow, PRIVATE), CATCH_ALL_GROUP)
    if later_commands:
        app.add_handler(CommandHandler(list(later_commands), not_ready, PRIVATE), CATCH_ALL_GROUP)
    app.add_handler(CallbackQueryHandler(expired), CATCH_ALL_GROUP)
    app.add_handler(MessageHandler(PRIVATE & ~filters.StatusUpdate.ALL, unknown), CATCH_ALL_GROUP)
