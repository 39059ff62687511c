"""/settings → 🔔: the messages the bot sends on its own, and the person's quiet hours.

Each kind of unscheduled message (cheer notes, new feedback answers, application
questions) can be on, off, or snoozed for a week; quiet hours can be changed with a tap
(a few common choices) or typed: ``/settings quiet 22-7``, ``/settings quiet off``. Circle
digests are posts in a group, not private messages: the screen points to the group's own
``/digest off``. The weekly check-in is not here: it comes at the time the person chose.

The buttons are stateless (``nt:…``, ``nq:…``) and work inside any flow: a tap edits the
screen in place and the flow in progress goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.domain.due import local_now
from bot.domain.quiet import (
    SNOOZE,
    Kind,
    Pref,
    QuietHours,
    parse_quiet_hours,
)
from bot.flows.common import Context, Handler, answer, keyboard, me, reply
from bot.storage import preferences
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.dates import format_day, format_time

log = logging.getLogger(__name__)

KindCode = Literal["cheers", "feedback", "applications"]
Action = Literal["show", "on", "off", "snooze"]
QuietChoice = Literal["21-8", "22-7", "23-9", "20-9", "none"]
QUIET_CHOICES: tuple[QuietChoice, ...] = ("21-8", "22-7", "23-9", "20-9")
EMOJI: dict[Kind, str] = {Kind.CHEERS: "👏", Kind.FEEDBACK: "📬", Kind.APPLICATIONS: "📋"}


@dataclass(frozen=True)
class Notify(CallbackData, prefix="nt"):
    """A kind of message turned on, off or snoozed (``show``: the screen itself)."""

    action: Action
    kind: KindCode | None = None


@dataclass(frozen=True)
class QuietTap(CallbackData, prefix="nq"):
    """Quiet hours chosen with a tap."""

    choice: QuietChoice


def menu_button() -> tuple[str, str]:
    """The 🔔 button of the /settings panel."""
    return (texts.BUTTON_NOTIFICATIONS, Notify("show").pack())


# --- the screen ------------------------------------------------------------------------
def quiet_label(quiet: QuietHours | None) -> str:
    if quiet is None:
        return texts.NOTIFY_QUIET_NONE
    return texts.NOTIFY_QUIET_RANGE.format(
        start=format_time(time(quiet.start)), end=format_time(time(quiet.end))
    )


def _state(pref: Pref, now: datetime, zone: str) -> str:
    if pref.off:
        return texts.NOTIFY_OFF
    if pref.snoozed_until is not None and now < pref.snoozed_until:
        return texts.NOTIFY_SNOOZED.format(
            when=format_day(local_now(pref.snoozed_until, zone).date())
        )
    return texts.NOTIFY_ON


def screen(
    prefs: dict[Kind, Pref], quiet: QuietHours | None, now: datetime, zone: str
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        texts.NOTIFY_LINE.format(
            kind=texts.NOTIFY_KINDS[kind.value], state=_state(prefs[kind], now, zone)
        )
        for kind in Kind
    ]
    text = texts.NOTIFY_SHOW.format(quiet=quiet_label(quiet), lines="\n".join(lines))
    rows: list[list[tuple[str, str]]] = []
    for kind in Kind:
        code: KindCode = kind.value
        emoji = EMOJI[kind]
        muted = prefs[kind].mutes(now)
        rows.append(
            [
                (
                    (texts.BUTTON_NOTIFY_ON if muted else texts.BUTTON_NOTIFY_OFF).format(
                        emoji=emoji
                    ),
                    Notify("on" if muted else "off", code).pack(),
                ),
                (texts.BUTTON_NOTIFY_SNOOZE.format(emoji=emoji), Notify("snooze", code).pack()),
            ]
        )
    rows.append(
        [(f"🌙 {choice.replace('-', '–')}", QuietTap(choice).pack()) for choice in QUIET_CHOICES]
    )
    rows.append([(texts.BUTTON_QUIET_NONE, QuietTap("none").pack())])
    return text, keyboard(rows)


async def _screen_for(update: Update, context: Context) -> tuple[str, InlineKeyboardMarkup]:
    s = context.services
    user = await me(update, context)
    prefs = await preferences.prefs(s.db, user.user_id)
    quiet = await preferences.quiet_hours(s.db, user.user_id, s.settings.quiet_hours)
    return screen(prefs, quiet, s.clock.now(), user.timezone)


async def _show(
    update: Update, context: Context, before: tuple[str, InlineKeyboardMarkup] | None = None
) -> None:
    """The screen: edited in place when a button of it was tapped, else sent. A tap that
    changed nothing (``before``: the screen before it) leaves the message as it is: Telegram
    refuses an edit to the same content."""
    text, markup = await _screen_for(update, context)
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        if (text, markup) == before:
            return
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in exc.message:
                return
            log.info("notifications screen not edited: %s", exc.message)
    await reply(update, text, markup)


# --- taps ------------------------------------------------------------------------------
async def tapped(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = Notify.parse(query.data if query else None)
    await answer(update)
    before = await _screen_for(update, context)
    if tap is not None and tap.action != "show" and tap.kind is not None:
        s = context.services
        user = await me(update, context)
        now = s.clock.now()
        kind = Kind(tap.kind)
        value = {"on": Pref(), "off": Pref(off=True), "snooze": Pref(snoozed_until=now + SNOOZE)}
        await preferences.set_pref(s.db, user.user_id, kind, value[tap.action])
        log.info("messages %s user_id=%s kind=%s", tap.action, user.user_id, kind.value)
    if tap is not None and tap.action == "show":  # from the /settings panel: a new message
        await reply(update, *(await _screen_for(update, context)))
    else:
        await _show(update, context, before)
    raise ApplicationHandlerStop


async def quiet_tapped(update: Update, context: Context) -> None:
    query = update.callback_query
    tap = QuietTap.parse(query.data if query else None)
    await answer(update)
    before = await _screen_for(update, context)
    if tap is not None:
        quiet = None if tap.choice == "none" else parse_quiet_hours(tap.choice)
        await _save_quiet(update, context, quiet)
    await _show(update, context, before)
    raise ApplicationHandlerStop


async def _save_quiet(update: Update, context: Context, quiet: QuietHours | None) -> None:
    user = await me(update, context)
    await preferences.set_quiet_hours(context.services.db, user.user_id, quiet)
    log.info("quiet hours changed user_id=%s", user.user_id)


async def typed(update: Update, context: Context, text: str) -> None:
    """``/settings quiet 22-7`` / ``/settings quiet off``; no argument: the screen."""
    if not text:
        await reply(update, *(await _screen_for(update, context)))
        return
    try:
        quiet = parse_quiet_hours(text)
    except ValueError:
        await reply(update, texts.NOTIFY_QUIET_USAGE)
        return
    await _save_quiet(update, context, quiet)
    await reply(update, texts.NOTIFY_QUIET_SAVED.format(quiet=quiet_label(quiet)))


def anytime_handlers() -> list[Handler]:
    """The screen's buttons, inside or outside a flow (Group.BEFORE_FLOWS)."""
    return [
        CallbackQueryHandler(tapped, pattern=Notify.pattern()),
        CallbackQueryHandler(quiet_tapped, pattern=QuietTap.pattern()),
    ]
