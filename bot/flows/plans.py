"""/plans and the "did you do it?" reminders: Done, Not yet (pick a new day), Drop.

These buttons are stateless (``pl:<plan id>:<action>[:<day>]``): they work on the /plans
list and on a reminder alike, days later. Every tap checks that the plan belongs to the
user who pressed and is still open, so forged or repeated taps change nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import plans as rules
from bot.flows.common import (
    PRIVATE,
    Context,
    Handler,
    answer,
    keyboard,
    menu_keyboard,
    reply,
    zone_today,
)
from bot.services import App, Services
from bot.storage import entries, users
from bot.storage.entries import Plan
from bot.ui import texts
from bot.ui.callbacks import CallbackData, Menu
from bot.ui.dates import day_label

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class PlanTap(CallbackData, prefix="pl"):
    """Done / Not yet / Drop under a plan, and ``day``: the new day picked after Not yet."""

    plan_id: int
    action: Literal["done", "later", "drop", "day"]
    day: date | None = None


def plan_buttons(plan: Plan) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                (texts.BUTTON_DONE, PlanTap(plan.id, "done").pack()),
                (texts.BUTTON_NOT_YET, PlanTap(plan.id, "later").pack()),
                (texts.BUTTON_DROP, PlanTap(plan.id, "drop").pack()),
            ]
        ]
    )


def _sentence(plan: Plan) -> str:
    return texts.esc(rules.sentence(plan.if_do, plan.then_happens))


async def list_plans(update: Update, context: Context) -> None:
    await answer(update)
    s = context.services
    user = update.effective_user
    assert user is not None
    found = await entries.open_plans(s.db, user.id)
    if not found:
        await reply(update, texts.NO_PLANS, menu_keyboard())
        return
    _, today = await zone_today(context, user.id)
    await reply(update, texts.PLANS_HEADER.format(count=len(found)))
    for plan in found:
        when = day_label(plan.follow_up_on, today) if plan.follow_up_on else texts.PLAN_NO_DATE
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
    assert query is not None
    tap = PlanTap.parse(query.data)
    if tap is None:  # the pattern let it through, but its day is no date
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    user_id = query.from_user.id
    plan = await entries.get_plan(s.db, user_id, tap.plan_id)
    if plan is None or plan.status != "open":
        await answer(update, texts.PLAN_GONE)
        return
    action = tap.action
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
    zone, today = await zone_today(context, user_id)
    if action == "later":
        await answer(update)
        days = [
            (day_label(d, today), PlanTap(plan.id, "day", d).pack()) for d in rules.pick_days(today)
        ]
        await _edit(
            update,
            texts.PLAN_ASK_NEW_DAY.format(sentence=_sentence(plan)),
            keyboard([days[:4], days[4:]]),
        )
        return
    day = tap.day
    if action == "day" and day is not None:
        if day < today:
            await answer(update, texts.EXPIRED)
            return
        due = rules.follow_up_due(day, now, zone)
        if not await entries.reschedule_plan(s.db, user_id, plan.id, day, due):
            await answer(update, texts.PLAN_GONE)
            return
        await answer(update)
        await _edit(
            update,
            texts.PLAN_RESCHEDULED.format(sentence=_sentence(plan), when=day_label(day, today)),
        )
        return
    await answer(update, texts.EXPIRED)


async def send_follow_ups(svc: Services, app: App) -> None:
    """Due work: "Did you do it?" once per follow-up, claimed before it is sent."""
    now = svc.clock.now()
    blocked: set[int] = set()  # found blocked during this run: send them nothing more
    for plan in await entries.due_follow_ups(svc.db, now):
        if plan.user_id in blocked:
            continue  # stays due; sent after they write to the bot again
        if not await entries.claim_follow_up(svc.db, plan):
            continue  # another tick (or process) took it
        user = await users.get(svc.db, plan.user_id)
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
            await users.mark_blocked(svc.db, plan.user_id, now)
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
            await entries.restore_follow_up(svc.db, plan.id, retry_at)
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
        CallbackQueryHandler(list_plans, pattern=Menu.pattern(action="plans")),
        CallbackQueryHandler(plan_button, pattern=PlanTap.pattern()),
    ]
