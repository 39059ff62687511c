"""Which language the bot speaks with a person, and its command menus in every language.

A person starts in their Telegram's language (``es*`` → Spanish, ``pt*`` → Portuguese
(Brazil), ``de*``, ``ru*``, anything else English; bot/ops/languages.py reads it for each
update) and follows it until they choose one here: the 🌐 button of /settings, or typed,
``/settings language es`` (a code or a name: ``pt``, ``Deutsch``, ``russian``). Their choice
is stored and wins over whatever their Telegram says later. The chat's command menu follows
the choice too (a per-chat menu; every other chat gets the menu of its Telegram language,
registered at start-up by :func:`set_command_menus`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot.flows.common import PRIVATE, Context, Handler, answer, keyboard, reply
from bot.storage import users
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.i18n import (
    SOURCE,
    native_name,
    parse_language,
    shipped,
    telegram_code,
    use_language,
)

log = logging.getLogger(__name__)

__all__ = [
    "LanguagePick",
    "anytime_handlers",
    "codes",
    "handlers",
    "picker",
    "set_command_menus",
    "typed",
]


@dataclass(frozen=True)
class LanguagePick(CallbackData, prefix="lang"):
    """A language button (``code`` empty: show the language buttons)."""

    code: str = ""


def picker() -> InlineKeyboardMarkup:
    """One button per shipped language, each in its own name, two to a row."""
    buttons = [(native_name(code), LanguagePick(code).pack()) for code in shipped()]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def codes() -> str:
    """The codes to type, for the texts that list them: "en, de, es, pt, ru"."""
    return ", ".join(telegram_code(code) for code in shipped())


def menu_button() -> tuple[str, str]:
    """The 🌐 button of the /settings panel."""
    return (texts.BUTTON_LANGUAGE, LanguagePick().pack())


# --- command menus ---------------------------------------------------------------------------
def _commands(pairs: tuple[tuple[str, str], ...]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in pairs]


async def set_command_menus(bot: Bot) -> None:
    """At start-up: the private and group menus in every shipped language (Telegram shows
    each client the one of its language, English when it has none)."""
    for code in shipped():
        tag = None if code == SOURCE else telegram_code(code)
        with use_language(code):
            private, groups = _commands(texts.PRIVATE_COMMANDS), _commands(texts.GROUP_COMMANDS)
        await bot.set_my_commands(
            private, scope=BotCommandScopeAllPrivateChats(), language_code=tag
        )
        await bot.set_my_commands(groups, scope=BotCommandScopeAllGroupChats(), language_code=tag)


async def _chat_menu(bot: Bot, chat_id: int, code: str) -> None:
    """The chosen language's menu in this one chat, whatever the client's language."""
    with use_language(code):
        private = _commands(texts.PRIVATE_COMMANDS)
    try:
        await bot.set_my_commands(private, scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # the menu is a nicety: the choice is saved regardless
        log.info("chat menu not set chat_id=%s: %s", chat_id, type(exc).__name__)


# --- choosing -----------------------------------------------------------------------------
async def _choose(update: Update, context: Context, code: str) -> str:
    """Store the choice; the confirmation, in the language chosen."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    await users.set_language(context.services.db, user.id, code)
    log.info("language chosen user_id=%s language=%s", user.id, code)
    await _chat_menu(context.bot, chat.id, code)
    with use_language(code):
        return texts.LANGUAGE_SAVED


async def typed(update: Update, context: Context, wanted: str) -> None:
    """``/settings language <code or name>`` (no argument: the buttons)."""
    if not wanted:
        await reply(update, texts.LANGUAGE_ASK.format(codes=codes()), picker())
        return
    code = parse_language(wanted)
    if code is None:
        await reply(update, texts.LANGUAGE_UNKNOWN.format(text=texts.esc(wanted[:40])), picker())
        return
    await reply(update, await _choose(update, context, code))


async def pick(update: Update, context: Context) -> None:
    """A language button: the buttons themselves, or a language (the message becomes the
    confirmation). Stateless: an old set of buttons keeps working; a flow in progress waits
    (nothing after this handler sees the tap)."""
    await _pick(update, context)
    raise ApplicationHandlerStop


async def _pick(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = LanguagePick.parse(query.data if query else None)
    await answer(update)
    if tap is None or query is None:
        return
    if tap.code not in shipped():
        await reply(update, texts.LANGUAGE_ASK.format(codes=codes()), picker())
        return
    saved = await _choose(update, context, tap.code)
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(saved, reply_markup=None)
            return
        except BadRequest as exc:
            log.info("language buttons not settled: %s", exc.message)
    await reply(update, saved)


async def command(update: Update, context: Context) -> None:
    """/language in the private chat: the same as /settings language."""
    await typed(update, context, " ".join(context.args or []).strip())


def anytime_handlers() -> list[Handler]:
    """The language buttons, inside or outside a flow (Group.BEFORE_FLOWS): a flow in
    progress goes on, in the new language."""
    return [CallbackQueryHandler(pick, pattern=LanguagePick.pattern())]


def handlers() -> list[Handler]:
    return [CommandHandler("language", command, PRIVATE)]
