"""/plans and the "did you do it?" reminders: Done, Not yet (pick a new day), Drop.

These buttons are stateless (``pl:<plan id>:<action>[:<day>]``): they work on the /plans
list and on a reminder alike, days later. Every tap checks that the plan belongs to the
user who pressed and is still open, so forged or repeated taps change nothing.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import plans as rules
from bot.domain.due import local_now
from bot.flows.common import PRIVATE, Context, Handler, answer, cb, keyboard, menu_keyboard, reply
from bot.services import App, Services
from bot.storage import entries, users
from bot.storage.entries import Plan
from bot.ui import texts

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=10)
PLAN_BUTTON_PATTERN = r"^pl:\d+:(done|later|drop|day)"


def plan_buttons(plan: Plan) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                (texts.BUTTON_DONE, cb("pl", plan.id, "done")),
                (texts.BUTTON_NOT_YET, cb("pl", plan.id, "later")),
                (texts.BUTTON_DROP, cb("pl", plan.id, "drop")),
            ]
        ]
    )


def _sentence(plan: Plan) -> str:
    return texts.esc(rules.sentence(plan.if_do, plan.then_happens))


async def _zone_today(context: Context, user_id: int) -> tuple[str, date]:
    s = context.services
    user = await users.get(s.db, user_id)
    zone = user.timezone if user else s.settings.default_timezone
    return zone, local_now(s.clock.now(), zone).date()


async def list_plans(update: Update, context: Context) -> None:
    await answer(update)
    s = context.services
    user = update.effective_user
    assert user is not None
    found = await entries.open_plans(s.db, user.id)
    if not found:
        await reply(update, texts.NO_PLANS, menu_keyboard())
        return
    _, today = await _zone_today(context, user.id)
    await reply(update, texts.PLANS_HEADER.format(count=len(found)))
    for plan in found:
        when = (
            rules.format_day(plan.follow_up_on, today) if plan.follow_up_on else texts.PLAN_NO_DATE
        )
        await reply(
            update,
            texts.PLAN_LINE.format(sentence=_sentence(plan), when=when),
            plan_buttons(plan),
        )


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        await reply(update, text, markup)
        return
    try:
        await query.message.edit_text(text, reply_markup=markup)
    except BadRequest as exc:
        log.info("plan message not edited: %s", exc.message)


async def plan_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s = context.services
    user_id = query.from_user.id
    parts = query.data.split(":")
    plan = await entries.get_plan(s.db, user_id, int(parts[1])) if parts[1].isdigit() else None
    if plan is None or plan.status != "open":
        await answer(update, texts.PLAN_GONE)
        return
    action = parts[2]
    now = s.clock.now()
    if action in ("done", "drop"):
        status = "done" if action == "done" else "dropped"
        if not await entries.close_plan(s.db, user_id, plan.id, status, now):
            await answer(update, texts.PLAN_GONE)
            return
        await answer(update)
        log.info("plan %s user_id=%s plan_id=%s", status, user_id, plan.id)
        template = texts.PLAN_DONE if status == "done" else texts.PLAN_DROPPED
        await _edit(update, template.format(sentence=_sentence(plan)))
        return
    zone, today = await _zone_today(context, user_id)
    if action == "later":
        await answer(update)
        days = [
            (rules.format_day(d, today), cb("pl", plan.id, "day", d.isoformat()))
            for d in rules.pick_days(today)
        ]
        await _edit(
            update,
            texts.PLAN_ASK_NEW_DAY.format(sentence=_sentence(plan)),
            keyboard([days[:4], days[4:]]),
        )
        return
    if action == "day" and len(parts) == 4:
        try:
            day = date.fromisoformat(parts[3])
        except ValueError:
            day = None
        if day is None or day < today:
            await answer(update, texts.EXPIRED)
            return
        due = rules.follow_up_due(day, now, zone)
        if not await entries.reschedule_plan(s.db, user_id, plan.id, day, due):
            await answer(update, texts.PLAN_GONE)
            return
        await answer(update)
        await _edit(
            update,
            texts.PLAN_RESCHEDULED.format(
                sentence=_sentence(plan), when=rules.format_day(day, today)
            ),
        )
        return
    await answer(update, texts.EXPIRED)


async def send_follow_ups(svc_: Services, app: App) -> None:
    """Due work: "Did you do it?" once per follow-up, claimed before it is sent."""
    now = svc_.clock.now()
    blocked: set[int] = set()  # found blocked during this run: send them nothing more
    for plan in await entries.due_follow_ups(svc_.db, now):
        if plan.user_id in blocked:
            continue  # stays due; sent after they write to the bot again
        if not await entries.claim_follow_up(svc_.db, plan):
            continue  # another tick (or process) took it
        user = await users.get(svc_.db, plan.user_id)
        if user is None:
            continue
        try:
            await app.bot.send_message(
                user.chat_id,
                texts.PLAN_FOLLOW_UP.format(sentence=_sentence(plan)),
                reply_markup=plan_buttons(plan),
            )
            log.info("follow-up sent user_id=%s plan_id=%s", plan.user_id, plan.id)
        except Forbidden:
            blocked.add(plan.user_id)
            await users.mark_blocked(svc_.db, plan.user_id, now)
            log.info("follow-up not sent, blocked user_id=%s plan_id=%s", plan.user_id, plan.id)
        except TimedOut:
            # The request went out and no answer came: it may have arrived. Never twice.
            log.warning(
                "follow-up may not have arrived (timeout), not resent user_id=%s plan_id=%s",
                plan.user_id,
                plan.id,
            )
        except TelegramError as exc:
            # Not delivered (the rate limiter already retried): try again a little later.
            retry_at = now + RETRY_AFTER
            await entries.restore_follow_up(svc_.db, plan.id, retry_at)
            log.warning(
                "follow-up not sent, retry at %s user_id=%s plan_id=%s: %s",
                retry_at.isoformat(),
                plan.user_id,
                plan.id,
                type(exc).__name__,
            )


def handlers() -> list[Handler]:
    return [
        CommandHandler("plans", list_plans, PRIVATE),
        CallbackQueryHandler(list_plans, pattern=r"^menu:plans$"),
        CallbackQueryHandler(plan_button, pattern=PLAN_BUTTON_PATTERN),
    ]
