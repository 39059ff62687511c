"""/settings: time zone, check-in day and time, pause and resume — by button or typed.

Typed shortcuts (PRODUCT.md): ``/settings timezone Europe/Berlin``, ``/settings checkin
sunday 18:00``, ``/settings pause``, ``/settings resume``, ``/settings language es``
(bot/flows/language.py). The panel's buttons
(``stm:<section>``) are stateless entry points, so an old panel keeps working. Every change
recomputes ``next_checkin_due`` and is confirmed with the next check-in in the user's zone;
a new day, time or zone is confirmed as the caption of the check-in's new calendar file
(bot/flows/invite.py). 🔔 and ``/settings quiet 22-7`` lead to the messages the bot sends on
its own and the person's quiet hours (bot/flows/notifications.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import time
from typing import Literal

from telegram import (
    InlineKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.answers import parse_time_answer
from bot.domain.due import local_now, next_weekly_due
from bot.domain.parsing import parse_checkin_spec, parse_weekday
from bot.domain.timezones import (
    resolve_timezone,
    zone_label,
)
from bot.flows import language, notifications
from bot.flows.common import (
    END,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    Handler,
    Hour,
    HourTap,
    WeekdayTap,
    ZoneOther,
    ZoneTap,
    answer,
    format_local,
    keyboard,
    me,
    read_text,
    reply,
    settle_button,
)
from bot.flows.invite import reply_with_invite
from bot.storage import checkins, users
from bot.storage.users import User
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.dates import format_time, format_weekday

log = logging.getLogger(__name__)

TZ, DAY, TIME = "tz", "day", "time"
HOURS: tuple[Hour, ...] = (7, 8, 9, 12, 17, 18, 19, 20)


@dataclass(frozen=True)
class Panel(CallbackData, prefix="stm"):
    """A button of the settings panel (``show``: the panel itself)."""

    section: Literal["tz", "day", "time", "pause", "resume", "show"]


def panel_keyboard(user: User) -> InlineKeyboardMarkup:
    toggle = (
        (texts.BUTTON_RESUME, Panel("resume").pack())
        if user.paused
        else (texts.BUTTON_PAUSE, Panel("pause").pack())
    )
    return keyboard(
        [
            [(texts.BUTTON_SET_TZ, Panel("tz").pack())],
            [
                (texts.BUTTON_SET_DAY, Panel("day").pack()),
                (texts.BUTTON_SET_TIME, Panel("time").pack()),
            ],
            [toggle],
            [language.menu_button()],
            [notifications.menu_button()],
        ]
    )


def _status(user: User) -> str:
    if user.paused:
        return texts.SETTINGS_PAUSED
    if user.next_checkin_due is None:
        return ""
    return texts.SETTINGS_NEXT.format(when=format_local(user.next_checkin_due, user.timezone))


async def show(update: Update, context: Context) -> None:
    user = await me(update, context)
    local = local_now(context.services.clock.now(), user.timezone)
    text = texts.SETTINGS_SHOW.format(
        zone=texts.esc(zone_label(user.timezone)),
        local=format_time(local.time()),
        weekday=format_weekday(user.checkin_weekday),
        time=format_time(user.checkin_time),
        status=_status(user),
    )
    await reply(update, text, panel_keyboard(user))


async def _confirm(
    update: Update,
    context: Context,
    headline: str,
    *,
    remove_keyboard: bool = False,
    invite: bool = False,
) -> int:
    """Say what changed and when the next check-in comes, with the panel to change more
    (or, after the location keyboard was offered, taking that keyboard away instead). With
    ``invite`` (the check-in's day, time or zone changed) it is the caption of the check-in's
    new calendar file."""
    flow.drop_draft(context)
    user = await me(update, context)
    status = _status(user)
    text = f"{headline}\n{status}" if status else headline
    markup = ReplyKeyboardRemove() if remove_keyboard else panel_keyboard(user)
    if invite:
        await reply_with_invite(update, context, user, text, markup)
        return END
    chat = update.effective_chat
    assert chat is not None
    await chat.send_message(text, reply_markup=markup)
    return END


# --- changes ----------------------------------------------------------------------------
async def _set_zone(update: Update, context: Context, zone: str) -> int:
    s = context.services
    user = await me(update, context)
    now = s.clock.now()
    await users.set_timezone(s.db, user.user_id, zone)
    await checkins.reschedule(s.db, user.user_id, now)
    log.info("time zone changed user_id=%s", user.user_id)
    local = local_now(now, zone)
    headline = texts.SETTINGS_TZ_SAVED.format(
        label=texts.esc(zone_label(zone)), local=format_time(local.time())
    )
    # The location keyboard is only offered on the button path (state TZ).
    shown = flow.draft(context).get("step") == TZ
    return await _confirm(update, context, headline, remove_keyboard=shown, invite=True)


async def _set_schedule(update: Update, context: Context, weekday: int, at: time) -> int:
    s = context.services
    user = await me(update, context)
    due = next_weekly_due(s.clock.now(), user.timezone, weekday, at)
    await users.set_schedule(s.db, user.user_id, weekday=weekday, at=at, next_due=due)
    log.info("check-in schedule changed user_id=%s", user.user_id)
    return await _confirm(
        update,
        context,
        texts.SETTINGS_SCHEDULE_SAVED.format(weekday=format_weekday(weekday), time=format_time(at)),
        invite=True,
    )


async def _pause(update: Update, context: Context) -> int:
    s = context.services
    user = await me(update, context)
    if not await checkins.pause(s.db, user.user_id, s.clock.now()):
        return await _confirm(update, context, texts.SETTINGS_ALREADY_PAUSED)
    log.info("check-ins paused user_id=%s", user.user_id)
    return await _confirm(update, context, texts.SETTINGS_PAUSED_NOW)


async def _resume(update: Update, context: Context) -> int:
    s = context.services
    user = await me(update, context)
    if not await checkins.resume(s.db, user.user_id, s.clock.now()):
        return await _confirm(update, context, texts.SETTINGS_NOT_PAUSED)
    log.info("check-ins resumed user_id=%s", user.user_id)
    return await _confirm(update, context, texts.SETTINGS_RESUMED)


# --- prompts ----------------------------------------------------------------------------
async def _ask_tz(update: Update, context: Context) -> None:
    await flow.ask_zone(update, context, texts.SETTINGS_ASK_TZ)


async def _ask_day(update: Update, context: Context) -> None:
    rows = [*flow.weekday_rows(context), [flow.cancel_button(context)]]
    await reply(update, texts.SETTINGS_ASK_DAY, keyboard(rows))


async def _ask_time(update: Update, context: Context) -> None:
    user = await me(update, context)
    rows = [*flow.hour_rows(context, HOURS), [flow.cancel_button(context)]]
    text = texts.SETTINGS_ASK_TIME.format(weekday=format_weekday(user.checkin_weekday))
    await reply(update, text, keyboard(rows))


flow = Flow(
    name="settings",
    prefix="st",
    command="settings",
    prompts={TZ: _ask_tz, DAY: _ask_day, TIME: _ask_time},
)


# --- entry points -----------------------------------------------------------------------
async def command(update: Update, context: Context) -> str | int:
    """``/settings`` shows the panel; with arguments it is a typed shortcut."""
    args = list(context.args or [])
    if not args:
        flow.drop_draft(context)
        await show(update, context)
        return END
    word, rest = args[0].lower(), " ".join(args[1:]).strip()
    if word == "pause" and not rest:
        return await _pause(update, context)
    if word == "resume" and not rest:
        return await _resume(update, context)
    if word in ("language", "lang"):
        await language.typed(update, context, rest)
        return END
    if word in ("quiet", "quiet_hours"):
        await notifications.typed(update, context, rest)
        return END
    if word in ("timezone", "tz", "zone", "time_zone"):
        if not rest:
            await reply(update, texts.SETTINGS_TZ_USAGE)
            return END
        if len(rest) > SHORT_LIMIT:
            await reply(update, texts.too_long(length=len(rest), limit=SHORT_LIMIT))
            return END
        return await _zone_text(update, context, rest, fresh=True)
    if word in ("checkin", "check-in"):
        spec = parse_checkin_spec(rest)
        if spec is None:
            await reply(update, texts.SETTINGS_CHECKIN_USAGE.format(text=texts.esc(rest[:60])))
            return END
        return await _set_schedule(update, context, *spec)
    await reply(update, texts.SETTINGS_USAGE)
    return END


async def section(update: Update, context: Context) -> str | int:
    """A panel button: stateless, so an old panel keeps working (and switches section)."""
    query = update.callback_query
    tap = Panel.parse(query.data if query else None)
    await answer(update)
    if tap is None:  # not routed here: Panel.pattern() only lets panel buttons through
        return END
    if tap.section == "pause":
        await settle_button(update)
        return await _pause(update, context)
    if tap.section == "resume":
        await settle_button(update)
        return await _resume(update, context)
    if tap.section == "show":
        flow.drop_draft(context)
        await show(update, context)
        return END
    flow.fresh_draft(context)
    return await flow.go({"tz": TZ, "day": DAY, "time": TIME}[tap.section], update, context)


# --- inside the conversation ------------------------------------------------------------
async def _zone_text(update: Update, context: Context, text: str, *, fresh: bool) -> str | int:
    resolution = resolve_timezone(text, context.services.clock.now())
    if resolution.match is not None:
        return await _set_zone(update, context, resolution.match.zone)
    if fresh:
        flow.fresh_draft(context)
        flow.draft(context)["step"] = TZ
    if resolution.candidates:
        await flow.offer_zones(update, context, resolution)
        return TZ
    await reply(update, texts.TZ_UNKNOWN.format(text=texts.esc(text)))
    return TZ


async def zone_typed(update: Update, context: Context) -> str | int | None:
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    return await _zone_text(update, context, text, fresh=False)


async def zone_button(update: Update, context: Context) -> int | None:
    zone = await flow.zone_tapped(update, context)
    if zone is None:
        return None
    return await _set_zone(update, context, zone)


async def zone_location(update: Update, context: Context) -> int | None:
    zone = await flow.zone_shared(update)
    if zone is None:
        return None
    return await _set_zone(update, context, zone)


async def day_chosen(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, WeekdayTap)
    if tap is None:
        return None
    user = await me(update, context)
    return await _set_schedule(update, context, tap.weekday, user.checkin_time)


async def day_typed(update: Update, context: Context) -> int | None:
    """A weekday typed ("friday"), or a day and a time ("friday 9am")."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    spec = parse_checkin_spec(text)
    if spec is not None:
        return await _set_schedule(update, context, *spec)
    weekday = parse_weekday(text)
    if weekday is None:
        await reply(update, texts.DAY_HINT)
        return None
    user = await me(update, context)
    return await _set_schedule(update, context, weekday, user.checkin_time)


async def hour_chosen(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, HourTap)
    if tap is None:
        return None
    user = await me(update, context)
    return await _set_schedule(update, context, user.checkin_weekday, time(tap.hour))


async def time_typed(update: Update, context: Context) -> int | None:
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    at = parse_time_answer(text)
    if at is None:
        await reply(update, texts.SETTINGS_BAD_TIME.format(text=texts.esc(text)))
        return None
    user = await me(update, context)
    return await _set_schedule(update, context, user.checkin_weekday, at)


def conversation() -> ConversationHandler[Context]:
    entry: list[Handler] = [
        CommandHandler("settings", command, PRIVATE),
        CallbackQueryHandler(section, pattern=Panel.pattern()),
    ]
    return flow.conversation(
        entry_points=list(entry),
        states={
            # The panel and /settings work from inside too: switching section is not an error.
            TZ: [
                CallbackQueryHandler(zone_button, pattern=flow.pattern(ZoneTap)),
                CallbackQueryHandler(flow.zone_other, pattern=flow.pattern(ZoneOther)),
                MessageHandler(PRIVATE & filters.LOCATION, zone_location),
                MessageHandler(PRIVATE & TEXT_INPUT, zone_typed),
                *entry,
            ],
            DAY: [
                CallbackQueryHandler(day_chosen, pattern=flow.pattern(WeekdayTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, day_typed),
                *entry,
            ],
            TIME: [
                CallbackQueryHandler(hour_chosen, pattern=flow.pattern(HourTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, time_typed),
                *entry,
            ],
        },
    )
