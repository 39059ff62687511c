"""Always-on handlers: who wrote, /help, the menu's two screens, /cancel outside a flow,
blocks, and the catch-alls.

Never "I didn't catch that" alone: text outside a flow is read in bot/flows/free_text.py;
what is left here is an unknown command (the menu), a voice note, a photo without words or
a file (one line: text works best, and the menu), and, in a group, a command that belongs
in the private chat (one line and a button that opens it, paced like every group post).
"""

from __future__ import annotations

import logging

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.flows import dashboard, feedback, privacy
from bot.flows.applications.codecs import LogNew
from bot.flows.applications.codecs import Page as ApplicationsPage
from bot.flows.circles.posting import group_reply
from bot.flows.common import (
    PRIVATE,
    Buttons,
    Context,
    Handler,
    answer,
    expired,
    keyboard,
    menu_keyboard,
    menu_rows,
    reply,
)
from bot.flows.settings import Panel
from bot.storage import checkins, users
from bot.ui import texts
from bot.ui.callbacks import Menu, MenuPage, PickFocus

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
    await reply(update, _help(context), menu_keyboard())


async def help_button(update: Update, context: Context) -> None:
    await answer(update)
    await reply(update, _help(context), menu_keyboard())


def _help(context: Context) -> str:
    return texts.HELP + "\n\n" + dashboard.help_line(context.services.settings)


async def show_menu(update: Update, context: Context) -> None:
    await answer(update)
    await reply(update, texts.MENU, menu_keyboard())


# --- the menu's second screen ------------------------------------------------------------
def _more_data() -> dict[str, str]:
    """What each "More…" button does: the entry point each feature already has."""
    return {
        "history": Menu("history").pack(),
        "applied": LogNew().pack(),
        "applications": ApplicationsPage(0, new=True).pack(),
        "stats": Menu("stats").pack(),
        "feedback": Menu("feedback").pack(),
        "focus": PickFocus().pack(),
        "settings": Panel("show").pack(),
        "privacy": Menu("privacy").pack(),
        "export": Menu("export").pack(),
        "delete": Menu("delete").pack(),
    }


def more_rows() -> Buttons:
    """The rest of the features, two a row, and "‹ Back" to the first screen."""
    data = _more_data()
    buttons = [(label, data[code]) for label, code in texts.MENU_MORE_BUTTONS]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return [*rows, [(texts.BUTTON_MENU_BACK, MenuPage("main").pack())]]


async def turn_menu(update: Update, context: Context) -> None:
    """The menu's "More…" and "‹ Back": the same message shows the other screen. Works inside
    a flow too (Group.BEFORE_FLOWS): looking at the menu leaves nothing."""
    query = update.callback_query
    assert query is not None
    tap = MenuPage.parse(query.data)
    assert tap is not None  # routed by MenuPage.pattern()
    await answer(update)
    markup = keyboard(more_rows() if tap.page == "more" else menu_rows())
    if isinstance(query.message, Message):
        try:
            await query.message.edit_reply_markup(markup)
            raise ApplicationHandlerStop
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                raise ApplicationHandlerStop from None
    await reply(update, texts.MENU, markup)  # the message is too old to edit
    raise ApplicationHandlerStop


async def privacy_button(update: Update, context: Context) -> None:
    await answer(update)
    await privacy.show(update, context)


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


def anytime_handlers() -> list[Handler]:
    """The menu's "More…" and "‹ Back", inside a flow or not (Group.BEFORE_FLOWS)."""
    return [CallbackQueryHandler(turn_menu, pattern=MenuPage.pattern())]


def catch_alls() -> list[Handler]:
    """Help, the menu, /cancel outside a flow, stale buttons and unknown input: last."""
    return [
        CommandHandler(PRIVATE_ONLY, private_only_in_group, filters.ChatType.GROUPS),
        CommandHandler("help", help_command),
        CallbackQueryHandler(help_button, pattern=Menu.pattern(action="help")),
        CallbackQueryHandler(show_menu, pattern=Menu.pattern(action="show")),
        CallbackQueryHandler(privacy_button, pattern=Menu.pattern(action="privacy")),
        CommandHandler("cancel", cancel_outside_flow, PRIVATE),
        CallbackQueryHandler(expired),
        MessageHandler(PRIVATE & ~filters.StatusUpdate.ALL, unknown),
    ]
