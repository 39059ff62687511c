"""/start: a short welcome, the time zone, the weekly check-in slot — then the menu."""

from __future__ import annotations

import logging
from datetime import time

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.due import local_now, next_weekly_due
from bot.domain.parsing import format_weekday
from bot.domain.timezones import (
    is_valid_zone,
    resolve_timezone,
    zone_from_location,
    zone_label,
)
from bot.flows.common import (
    END,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    format_local,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
    settle_button,
)
from bot.storage import users
from bot.ui import texts

log = logging.getLogger(__name__)

TZ, TZ_CONFIRM, CHECKIN, DAY, HOUR = "tz", "tz_confirm", "checkin", "day", "hour"
DEFAULT_WEEKDAY, DEFAULT_TIME = 6, time(18, 0)
HOURS = (8, 9, 12, 17, 18, 19, 20, 21)


async def _ask_tz(update: Update, context: Context) -> None:
    await flow.ask_zone(update, context, texts.ASK_TIMEZONE)


async def _ask_tz_confirm(update: Update, context: Context) -> None:
    zone = str(flow.draft(context)["zone"])
    now = local_now(context.services.clock.now(), zone)
    text = texts.TZ_CONFIRM.format(
        time=now.strftime("%H:%M"), weekday=now.strftime("%A"), label=texts.esc(zone_label(zone))
    )
    buttons = [[(texts.TZ_YES, flow.data(context, "yes")), (texts.TZ_NO, flow.data(context, "no"))]]
    await reply(update, text, keyboard(buttons))


async def _ask_checkin(update: Update, context: Context) -> None:
    buttons = [
        [(texts.CHECKIN_KEEP, flow.data(context, "keep"))],
        [(texts.CHECKIN_OTHER, flow.data(context, "other"))],
    ]
    await reply(update, texts.ASK_CHECKIN, keyboard(buttons))


async def _ask_day(update: Update, context: Context) -> None:
    days = [(format_weekday(d), flow.data(context, "day", d)) for d in range(7)]
    await reply(update, texts.ASK_CHECKIN_DAY, keyboard([days[:4], days[4:]]))


async def _ask_hour(update: Update, context: Context) -> None:
    weekday = int(flow.draft(context)["weekday"])
    hours = [(f"{h:02d}:00", flow.data(context, "hour", h)) for h in HOURS]
    await reply(
        update,
        texts.ASK_CHECKIN_HOUR.format(weekday=format_weekday(weekday)),
        keyboard([hours[:4], hours[4:]]),
    )


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
)
flow.button_states = frozenset({TZ_CONFIRM, CHECKIN, DAY, HOUR})


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
    zone = flow.parse(update, context)
    if zone is None or not is_valid_zone(zone):
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, zone_label(zone))
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
        rows = flow.zone_rows(context, resolution.candidates, 1)
        await reply(update, texts.TZ_CANDIDATES, keyboard(rows))
        return None
    await reply(update, texts.TZ_UNKNOWN.format(text=texts.esc(text)))
    return None


async def zone_location(update: Update, context: Context) -> str | None:
    message = update.effective_message
    assert message is not None and message.location is not None
    zone = zone_from_location(message.location.latitude, message.location.longitude)
    if zone is None:
        await reply(update, texts.TZ_LOCATION_UNKNOWN)
        return None
    flow.draft(context)["zone"] = zone
    return await flow.go(TZ_CONFIRM, update, context)


async def zone_confirmed(update: Update, context: Context) -> str | None:
    if flow.parse(update, context) is None:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    zone = str(flow.draft(context)["zone"])
    await settle_button(update, texts.TZ_YES)
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


async def zone_rejected(update: Update, context: Context) -> str | None:
    if flow.parse(update, context) is None:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, texts.TZ_NO)
    return await flow.go(TZ, update, context)


async def checkin_choice(update: Update, context: Context) -> str | int | None:
    query = update.callback_query
    if flow.parse(update, context) is None or query is None or query.data is None:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    if query.data.endswith(":keep"):
        await settle_button(update, texts.CHECKIN_KEEP)
        return await _finish(update, context, DEFAULT_WEEKDAY, DEFAULT_TIME)
    await settle_button(update, texts.CHECKIN_OTHER)
    return await flow.go(DAY, update, context)


async def day_chosen(update: Update, context: Context) -> str | None:
    arg = flow.parse(update, context)
    if arg is None or not arg.isdigit() or not 0 <= int(arg) <= 6:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, format_weekday(int(arg)))
    flow.draft(context)["weekday"] = int(arg)
    return await flow.go(HOUR, update, context)


async def hour_chosen(update: Update, context: Context) -> int | None:
    arg = flow.parse(update, context)
    if arg is None or not arg.isdigit() or not 0 <= int(arg) <= 23:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, f"{int(arg):02d}:00")
    return await _finish(update, context, int(flow.draft(context)["weekday"]), time(int(arg)))


async def _finish(update: Update, context: Context, weekday: int, at: time) -> int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    user = await users.get(s.db, tg_user.id)
    assert user is not None
    now = s.clock.now()
    due = next_weekly_due(now, user.timezone, weekday, at)
    await users.set_schedule(s.db, user.user_id, weekday=weekday, at=at, next_due=due)
    await users.mark_onboarded(s.db, user.user_id, now)
    flow.drop_draft(context)
    when = format_local(due, user.timezone)
    log.info("user onboarded user_id=%s", user.user_id)
    await reply(
        update,
        texts.ONBOARDED.format(when=when),
        keyboard([[(texts.MENU_BUTTONS[0][0], "menu:rejection")]]),
    )
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[CommandHandler("start", start, PRIVATE)],
        states={
            TZ: [
                CallbackQueryHandler(zone_button, pattern=flow.pattern("tz")),
                MessageHandler(PRIVATE & filters.LOCATION, zone_location),
                MessageHandler(PRIVATE & TEXT_INPUT, zone_typed),
            ],
            TZ_CONFIRM: [
                CallbackQueryHandler(zone_confirmed, pattern=flow.pattern("yes")),
                CallbackQueryHandler(zone_rejected, pattern=flow.pattern("no")),
                CallbackQueryHandler(zone_button, pattern=flow.pattern("tz")),
            ],
            CHECKIN: [CallbackQueryHandler(checkin_choice, pattern=flow.pattern("(keep|other)"))],
            DAY: [CallbackQueryHandler(day_chosen, pattern=flow.pattern("day"))],
            HOUR: [CallbackQueryHandler(hour_chosen, pattern=flow.pattern("hour"))],
        },
    )
