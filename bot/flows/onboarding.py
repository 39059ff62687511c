"""/start: a short welcome, the time zone, the weekly check-in slot — then the menu.

Every answer can be typed as well as tapped: a city, a country (one with several zones
lists them, with "Other…" and Cancel), "yes"/"no", a day, a time such as "7:30" or "6pm".
A newcomer's next message is almost surely the answer to the question in front of them,
so this flow is never put aside for being idle (``expires=False``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import time
from typing import Literal

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.answers import Word, parse_time_answer, parse_word
from bot.domain.due import local_now, next_weekly_due
from bot.domain.parsing import parse_checkin_spec, parse_weekday
from bot.domain.timezones import resolve_timezone, zone_label
from bot.flows.common import (
    END,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    Hour,
    HourTap,
    WeekdayTap,
    ZoneOther,
    ZoneTap,
    format_local,
    keyboard,
    me,
    menu_button,
    menu_keyboard,
    read_text,
    reply,
)
from bot.flows.invite import reply_with_invite
from bot.storage import users
from bot.ui import texts
from bot.ui.callbacks import FlowData
from bot.ui.dates import format_time, format_weekday

log = logging.getLogger(__name__)

TZ, TZ_CONFIRM, CHECKIN, DAY, HOUR = "tz", "tz_confirm", "checkin", "day", "hour"
DEFAULT_WEEKDAY, DEFAULT_TIME = 6, time(18, 0)
HOURS: tuple[Hour, ...] = (8, 9, 12, 17, 18, 19, 20, 21)


@dataclass(frozen=True)
class ZoneRight(FlowData):
    """Is the zone shown right? (No: back to the time-zone question.)"""

    answer: Literal["yes", "no"]


@dataclass(frozen=True)
class Slot(FlowData):
    """Keep the suggested check-in slot (Sunday 18:00), or pick another day and hour."""

    choice: Literal["keep", "other"]


async def _ask_tz(update: Update, context: Context) -> None:
    await flow.ask_zone(update, context, texts.ASK_TIMEZONE)


async def _ask_tz_confirm(update: Update, context: Context) -> None:
    zone = str(flow.draft(context)["zone"])
    now = local_now(context.services.clock.now(), zone)
    text = texts.TZ_CONFIRM.format(
        time=format_time(now.time()),
        weekday=format_weekday(now.weekday()),
        label=texts.esc(zone_label(zone)),
    )
    buttons = [
        [
            (texts.TZ_YES, flow.data(context, ZoneRight("yes"))),
            (texts.TZ_NO, flow.data(context, ZoneRight("no"))),
        ]
    ]
    await reply(update, text, keyboard(buttons))


async def _ask_checkin(update: Update, context: Context) -> None:
    buttons = [
        [(texts.CHECKIN_KEEP, flow.data(context, Slot("keep")))],
        [(texts.CHECKIN_OTHER, flow.data(context, Slot("other")))],
    ]
    await reply(update, texts.ASK_CHECKIN, keyboard(buttons))


async def _ask_day(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_CHECKIN_DAY, keyboard(flow.weekday_rows(context)))


async def _ask_hour(update: Update, context: Context) -> None:
    weekday = int(flow.draft(context)["weekday"])
    text = texts.ASK_CHECKIN_HOUR.format(weekday=format_weekday(weekday))
    await reply(update, text, keyboard(flow.hour_rows(context, HOURS)))


flow = Flow(
    name="onboarding",
    prefix="ob",
    command="start",
    prompts={
        TZ: _ask_tz,
        TZ_CONFIRM: _ask_tz_confirm,
        CHECKIN: _ask_checkin,
        DAY: _ask_day,
        HOUR: _ask_hour,
    },
    expires=False,
)


async def start(update: Update, context: Context) -> str | int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    if context.args and context.args[0].startswith("fb_"):
        # Feedback links are the giver flow's (bot/flows/feedback.py, registered before
        # this conversation): givers never go through set-up. One that still lands here
        # was not a link the giver flow could take.
        await reply(update, texts.FEEDBACK_LINK_EXPIRED)
        return END
    user = await users.get(s.db, tg_user.id)
    if user is not None and user.onboarded:
        await reply(update, texts.MENU, menu_keyboard())
        return END
    flow.fresh_draft(context)
    await reply(update, texts.WELCOME.format(name=texts.esc(tg_user.first_name or "there")))
    return await flow.go(TZ, update, context)


async def zone_button(update: Update, context: Context) -> str | None:
    zone = await flow.zone_tapped(update, context)
    if zone is None:
        return None
    flow.draft(context)["zone"] = zone
    return await flow.go(TZ_CONFIRM, update, context)


async def zone_typed(update: Update, context: Context) -> str | None:
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    resolution = resolve_timezone(text, context.services.clock.now())
    if resolution.match is not None:
        flow.draft(context)["zone"] = resolution.match.zone
        return await flow.go(TZ_CONFIRM, update, context)
    if resolution.candidates:
        await flow.offer_zones(update, context, resolution)
        return None
    await reply(update, texts.TZ_UNKNOWN.format(text=texts.esc(text)))
    return None


async def zone_location(update: Update, context: Context) -> str | None:
    zone = await flow.zone_shared(update)
    if zone is None:
        return None
    flow.draft(context)["zone"] = zone
    return await flow.go(TZ_CONFIRM, update, context)


async def zone_answered(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, ZoneRight)
    if tap is None:
        return None
    if tap.answer == "no":
        return await flow.go(TZ, update, context)
    return await _zone_confirmed(update, context)


async def confirm_typed(update: Update, context: Context) -> str | None:
    """ "Yes" or "no" typed, or another place (read like the first one)."""
    word = parse_word((await read_text(update, SHORT_LIMIT)) or "")
    if word is Word.YES:
        return await _zone_confirmed(update, context)
    if word is Word.NO:
        return await flow.go(TZ, update, context)
    return await zone_typed(update, context)


async def _zone_confirmed(update: Update, context: Context) -> str:
    zone = str(flow.draft(context)["zone"])
    s = context.services
    user = update.effective_user
    assert user is not None
    await users.set_timezone(s.db, user.id, zone)
    chat = update.effective_chat
    assert chat is not None
    await chat.send_message(
        texts.TZ_SAVED.format(label=texts.esc(zone_label(zone))),
        reply_markup=ReplyKeyboardRemove(),
    )
    return await flow.go(CHECKIN, update, context)


async def slot_chosen(update: Update, context: Context) -> str | int | None:
    tap = await flow.tap(update, context, Slot)
    if tap is None:
        return None
    if tap.choice == "other":
        return await flow.go(DAY, update, context)
    return await _finish(update, context, DEFAULT_WEEKDAY, DEFAULT_TIME)


async def slot_typed(update: Update, context: Context) -> str | int | None:
    """ "Yes" keeps Sunday 18:00, "no" asks the day; or a day, a time, or both typed."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    word = parse_word(text)
    if word in (Word.YES, Word.CONTINUE):
        return await _finish(update, context, DEFAULT_WEEKDAY, DEFAULT_TIME)
    if word is Word.NO:
        return await flow.go(DAY, update, context)
    at = parse_time_answer(text)
    if at is not None:  # a time alone: on the suggested day
        return await _finish(update, context, DEFAULT_WEEKDAY, at)
    return await _day_or_slot(update, context, text, texts.CHECKIN_SLOT_HINT)


async def _day_or_slot(update: Update, context: Context, text: str, hint: str) -> str | int | None:
    spec = parse_checkin_spec(text)
    if spec is not None:
        return await _finish(update, context, *spec)
    weekday = parse_weekday(text)
    if weekday is None:
        await reply(update, hint)
        return None
    flow.draft(context)["weekday"] = weekday
    return await flow.go(HOUR, update, context)


async def day_chosen(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, WeekdayTap)
    if tap is None:
        return None
    flow.draft(context)["weekday"] = tap.weekday
    return await flow.go(HOUR, update, context)


async def day_typed(update: Update, context: Context) -> str | int | None:
    """A weekday typed ("Monday", "mon"), or a day and time ("monday 9am")."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    return await _day_or_slot(update, context, text, texts.DAY_HINT)


async def hour_chosen(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, HourTap)
    if tap is None:
        return None
    return await _finish(update, context, int(flow.draft(context)["weekday"]), time(tap.hour))


async def hour_typed(update: Update, context: Context) -> int | None:
    """Any time typed, as /settings takes it: "7:30", "19:30", "6:30pm", "6pm"."""
    at = parse_time_answer((await read_text(update, SHORT_LIMIT)) or "")
    if at is None:
        await reply(update, texts.HOUR_HINT)
        return None
    return await _finish(update, context, int(flow.draft(context)["weekday"]), at)


async def _finish(update: Update, context: Context, weekday: int, at: time) -> int:
    s = context.services
    user = await me(update, context)
    now = s.clock.now()
    due = next_weekly_due(now, user.timezone, weekday, at)
    await users.set_schedule(s.db, user.user_id, weekday=weekday, at=at, next_due=due)
    await users.mark_onboarded(s.db, user.user_id, now)
    flow.drop_draft(context)
    when = format_local(due, user.timezone)
    log.info("user onboarded user_id=%s", user.user_id)
    # The check-in's calendar file, with "all set" as its caption.
    await reply_with_invite(
        update,
        context,
        await me(update, context),  # with the schedule just set
        texts.ONBOARDED.format(when=when),
        keyboard([[menu_button("rejection")]]),
    )
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[CommandHandler("start", start, PRIVATE)],
        states={
            TZ: [
                CallbackQueryHandler(zone_button, pattern=flow.pattern(ZoneTap)),
                CallbackQueryHandler(flow.zone_other, pattern=flow.pattern(ZoneOther)),
                MessageHandler(PRIVATE & filters.LOCATION, zone_location),
                MessageHandler(PRIVATE & TEXT_INPUT, zone_typed),
            ],
            TZ_CONFIRM: [
                CallbackQueryHandler(zone_answered, pattern=flow.pattern(ZoneRight)),
                CallbackQueryHandler(zone_button, pattern=flow.pattern(ZoneTap)),
                CallbackQueryHandler(flow.zone_other, pattern=flow.pattern(ZoneOther)),
                MessageHandler(PRIVATE & filters.LOCATION, zone_location),
                MessageHandler(PRIVATE & TEXT_INPUT, confirm_typed),
            ],
            CHECKIN: [
                CallbackQueryHandler(slot_chosen, pattern=flow.pattern(Slot)),
                MessageHandler(PRIVATE & TEXT_INPUT, slot_typed),
            ],
            DAY: [
                CallbackQueryHandler(day_chosen, pattern=flow.pattern(WeekdayTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, day_typed),
            ],
            HOUR: [
                CallbackQueryHandler(hour_chosen, pattern=flow.pattern(HourTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, hour_typed),
            ],
        },
    )
