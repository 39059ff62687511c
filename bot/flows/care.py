"""Care comes first: every private message is read for distress before any flow sees it.

When a message suggests a crisis (``bot.domain.safety``), the bot answers with the helpline
first and nothing cheerful, and no flow gets the message: a flow in progress waits at its
step, its draft kept. The words are held in memory only (never stored) until the person
chooses: "Carry on" (the flow asks its question again; the words are let go), "Save it
anyway" (the message goes on as if the check had not fired) or "Leave it". A message saved
that way is never offered for sharing with a group (see :func:`was_saved_anyway`).
See ../shared/SAFETY.md for the principles.

The helpline comes first, in the person's language: the operator's line for the country of
their time zone (HELPLINES, checked by the operator: never an invented number) above the
international directory; where none is configured, HELPLINE_TEXT (the directory,
findahelpline.com, by default: translated unless the operator wrote their own).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.config import DEFAULT_HELPLINE, Settings
from bot.domain.safety import keyed_user_hash, suggests_self_harm
from bot.domain.zone_names import zone_tab
from bot.flows import conversations
from bot.flows.common import FLOWS, Context, Handler, answer, keyboard, reply, settle_button
from bot.storage import users
from bot.storage.server_secret import server_key
from bot.ui import texts
from bot.ui.callbacks import CallbackData

log = logging.getLogger(__name__)

_HELD = "care_held"  # bot_data: user_id -> the Update held back (memory only, by design)
_SAVED = "care_saved"  # bot_data: ids of updates the person chose to save anyway


@dataclass(frozen=True)
class CareTap(CallbackData, prefix="care"):
    action: Literal["carry", "save", "leave"]


def _held(context: Context) -> dict[int, Update]:
    found: dict[int, Update] = context.bot_data.setdefault(_HELD, {})
    return found


def _saved(context: Context) -> set[int]:
    found: set[int] = context.bot_data.setdefault(_SAVED, set())
    return found


def was_saved_anyway(update: Update, context: Context) -> bool:
    """True for a message that tripped the check and that the person chose to save."""
    return update.update_id in _saved(context)


def _log_key(context: Context) -> bytes:
    """The key of the user hash in the log line: the server secret, kept outside the
    database, so the log alone can't be matched to user ids."""
    return server_key(context.services.settings)


def _text_of(update: Update) -> str | None:
    message = update.effective_message
    if message is None:
        return None
    return message.text or message.caption


@functools.cache
def _countries() -> dict[str, str]:
    """Zone -> its country: zone.tab's one country per zone (read first), else the first
    of zone1970.tab's (a zone shared by several countries)."""
    found: dict[str, str] = {}
    for code, zone in zone_tab():
        found.setdefault(zone, code)
    return found


def country_of(zone: str) -> str | None:
    """The ISO 3166 code of the country of an IANA zone ("Europe/Berlin" -> "DE"), or None
    (UTC, an offset)."""
    return _countries().get(zone)


def helpline(settings: Settings, zone: str | None) -> str:
    """The helpline line (HTML) for someone in ``zone``, in the active language."""
    line = settings.helplines.get(country_of(zone) or "") if zone else None
    if line:
        return texts.HELPLINE_COUNTRY.format(helpline=texts.esc(line))
    if settings.helpline_text == DEFAULT_HELPLINE:
        return texts.HELPLINE_DIRECTORY
    return texts.esc(settings.helpline_text)


def _buttons(in_flow: bool) -> list[list[tuple[str, str]]]:
    if in_flow:
        return [
            [(texts.CARE_CARRY_ON, CareTap("carry").pack())],
            [(texts.CARE_SAVE_ANSWER, CareTap("save").pack())],
        ]
    return [
        [(texts.CARE_LEAVE, CareTap("leave").pack())],
        [(texts.CARE_SAVE, CareTap("save").pack())],
    ]


async def check(update: Update, context: Context) -> None:
    """Every private message, first: answer distress with care and hold the message back.

    While a message is held in a flow, the flow waits: a further message is held in its
    place (not taken as the step's answer) until the person taps Carry on or Save.
    """
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    text = _text_of(update)
    if user is None or chat is None or message is None or not text:
        return
    if was_saved_anyway(update, context):
        return
    held = _held(context)
    in_flow = conversations.active(context.application, chat.id, user.id) is not None
    if not suggests_self_harm(text):
        if user.id in held and in_flow and not text.startswith("/"):
            held[user.id] = update
            await reply(update, texts.CARE_WAITING, keyboard(_buttons(in_flow)))
            raise ApplicationHandlerStop
        return
    held[user.id] = update
    log.warning("care message sent user=%s", keyed_user_hash(user.id, _log_key(context)))
    person = await users.get(context.services.db, user.id)
    line = helpline(context.services.settings, person.timezone if person else None)
    await reply(
        update,
        texts.SAFETY.format(helpline=line),
        keyboard(_buttons(in_flow)),
        disable_web_page_preview=True,
    )
    raise ApplicationHandlerStop


async def tapped(update: Update, context: Context) -> None:
    """Carry on, Save it anyway, or Leave it."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    tap = CareTap.parse(query.data if query else None)
    if tap is None or user is None or chat is None:
        return
    held = _held(context).pop(user.id, None)
    labels = {"carry": texts.CARE_CARRY_ON, "save": texts.CARE_SAVE, "leave": texts.CARE_LEAVE}
    await answer(update)
    await settle_button(update, labels[tap.action])
    if tap.action == "save" and held is not None:
        saved = _saved(context)
        if len(saved) > 1000:
            saved.clear()
        saved.add(held.update_id)
        # Handled after this update, in order, as if the check had not fired.
        await context.application.update_queue.put(held)
        raise ApplicationHandlerStop
    name = conversations.active(context.application, chat.id, user.id)
    flow = FLOWS.get(name) if name else None
    if flow is not None:
        await flow.reprompt(update, context)
    else:
        await reply(update, texts.CARE_HERE)
    raise ApplicationHandlerStop


def handlers() -> list[Handler]:
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(private & (filters.TEXT | filters.CAPTION), check),
        CallbackQueryHandler(tapped, pattern=CareTap.pattern()),
    ]
