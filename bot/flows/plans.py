"""/plans and the "did you do it?" reminders: Done, Not yet (pick a new day), Drop; then,
after Done, "Did <then> happen?": Yes (offered as a win), Not yet, No (plan the next try).

"Did you do it?" is sent on the plan's day and, unanswered, once more two days later;
after that the plan shows as overdue in /plans and in the check-in, and nothing more is
sent. "Did it happen?" comes right after Done; "Not yet" is asked once more a week later,
then never again (:mod:`bot.domain.plans` has the numbers).

These buttons are stateless (``pl:<plan id>:<action>[:<day>]``): they work on the /plans
list and on a reminder alike, days later, inside a flow or outside one (they run before
the conversations). Every tap checks that the plan belongs to the user who pressed and is
still open, so forged or repeated taps change nothing. Outside a flow, the edited message
offers the next step (no dead end). "Done" or "Not yet" typed after a reminder counts too
(bot/flows/free_text.py calls :func:`answer_typed`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot.domain import plans as rules
from bot.domain.answers import Word, parse_word
from bot.domain.due import local_now
from bot.domain.parsing import parse_weekday
from bot.domain.quiet import hold_until
from bot.flows import conversations
from bot.flows.circles import offer_sharing
from bot.flows.common import (
    PRIVATE,
    Context,
    Handler,
    answer,
    forget_question,
    keyboard,
    menu_keyboard,
    note_question,
    note_question_for,
    reply,
    show_menu_button,
    user_data,
    zone_today,
)
from bot.services import App, Services
from bot.storage import entries, preferences, users
from bot.storage.entries import Plan
from bot.storage.users import User
from bot.ui import texts
from bot.ui.callbacks import CallbackData, Menu
from bot.ui.dates import day_label, follow_up_when
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=10)


Outcome = Literal["yes", "notyet", "no", "win"]
OUTCOME_TAPS: tuple[Outcome, ...] = ("yes", "notyet", "no", "win")


@dataclass(frozen=True)
class PlanTap(CallbackData, prefix="pl"):
    """Done / Not yet / Drop under a plan, and ``day``: the new day picked after Not yet.
    After Done: did the "then" happen — yes / notyet / no — and ``win``: log it as a win."""

    plan_id: int
    action: Literal["done", "later", "drop", "day", "yes", "notyet", "no", "win"]
    day: date | None = None


@dataclass(frozen=True)
class NextStep(CallbackData, prefix="lp"):
    """Starts the closing-the-loop flow (bot/flows/loop.py): the win of plan ``ref`` in
    one's own words, the next try after plan ``ref``, or a plan from check-in ``ref``'s
    "what didn't work". A button that starts something: it leaves the current flow."""

    kind: Literal["win", "next", "didnt"]
    ref: int


def outcome_buttons(plan: Plan) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                (texts.BUTTON_OUTCOME_YES, PlanTap(plan.id, "yes").pack()),
                (texts.BUTTON_OUTCOME_NOT_YET, PlanTap(plan.id, "notyet").pack()),
                (texts.BUTTON_OUTCOME_NO, PlanTap(plan.id, "no").pack()),
            ]
        ]
    )


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
    return texts.esc(texts.plan_sentence(plan.if_do, plan.then_happens))


def _then(plan: Plan) -> str:
    return texts.esc(rules.clean_then(plan.then_happens))


def plan_line(plan: Plan, zone: str, today: date) -> str:
    """A plan in a list (/plans, the check-in): when it is followed up, or that it is overdue."""
    if rules.is_overdue(plan.follow_up_on, plan.follow_up_due, today):
        assert plan.follow_up_on is not None
        day = day_label(plan.follow_up_on, today)
        return texts.PLAN_OVERDUE_LINE.format(sentence=_sentence(plan), day=day)
    return texts.PLAN_LINE.format(sentence=_sentence(plan), when=_when(plan, zone, today))


def _when(plan: Plan, zone: str, today: date) -> str:
    """When "Did you do it?" comes ("tomorrow at 09:00"), or the day it came."""
    if plan.follow_up_due is not None:
        local = local_now(plan.follow_up_due, zone)
        return follow_up_when(local.date(), local.time(), today)
    if plan.follow_up_on is not None:
        return day_label(plan.follow_up_on, today)
    return texts.PLAN_NO_DATE


def _next_step(update: Update, context: Context, status: str) -> InlineKeyboardMarkup | None:
    """What to do after a plan is closed or moved: the buttons, unless a flow (the weekly
    check-in's list of plans) goes on from here."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    if conversations.active(context.application, chat.id, user.id) is not None:
        return None
    if status == "done":
        return keyboard([[(texts.BUTTON_NEXT_STEP, Menu("reframe").pack()), show_menu_button()]])
    if status == "dropped":
        return keyboard([[(texts.BUTTON_MY_PLANS, Menu("plans").pack()), show_menu_button()]])
    return keyboard([[show_menu_button()]])


async def list_plans(update: Update, context: Context) -> None:
    await answer(update)
    s = context.services
    user = update.effective_user
    assert user is not None
    found = await entries.open_plans(s.db, user.id)
    if not found:
        await reply(update, texts.NO_PLANS, menu_keyboard())
        return
    zone, today = await zone_today(context, user.id)
    await reply(update, texts.PLANS_HEADER.format(count=len(found)))
    for plan in found:
        await reply(update, plan_line(plan, zone, today), plan_buttons(plan))


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
    """Done, Not yet, Drop, or the new day: on any plan message, in a flow or not."""
    query = update.callback_query
    assert query is not None
    tap = PlanTap.parse(query.data)
    if tap is None:  # the pattern let it through, but its day is no date
        await answer(update, texts.EXPIRED)
        raise ApplicationHandlerStop
    s = context.services
    user_id = query.from_user.id
    plan = await entries.get_plan(s.db, user_id, tap.plan_id)
    if plan is not None and tap.action in OUTCOME_TAPS:
        await _outcome(update, context, plan, tap.action)
        raise ApplicationHandlerStop
    if plan is None or plan.status != "open":
        await answer(update, texts.PLAN_GONE)
        raise ApplicationHandlerStop
    forget_question(user_data(context), "follow_up")
    if tap.action in ("done", "drop"):
        await _close(update, context, plan, "done" if tap.action == "done" else "dropped")
    elif tap.action == "later":
        await answer(update)
        await _ask_new_day(update, context, plan)
    elif tap.day is not None:
        await _reschedule(update, context, plan, tap.day)
    else:
        await answer(update, texts.EXPIRED)
    raise ApplicationHandlerStop


async def _close(update: Update, context: Context, plan: Plan, status: str) -> None:
    s = context.services
    if not await entries.close_plan(s.db, plan.user_id, plan.id, status, s.clock.now()):
        await answer(update, texts.PLAN_GONE)
        return
    await answer(update)
    log.info("plan %s user_id=%s plan_id=%s", status, plan.user_id, plan.id)
    if status == "dropped":
        text = texts.PLAN_DROPPED.format(sentence=_sentence(plan))
        await _edit(update, text, _next_step(update, context, status))
        return
    await entries.ask_outcome(s.db, plan.user_id, plan.id, s.clock.now())
    note_question(user_data(context), "outcome", s.clock.now(), plan_id=plan.id)
    text = texts.PLAN_DONE.format(sentence=_sentence(plan))
    text += "\n\n" + texts.PLAN_OUTCOME_ASK.format(then=_then(plan))
    await _edit(update, text, outcome_buttons(plan))


async def _outcome(update: Update, context: Context, plan: Plan, action: Outcome) -> None:
    """The answer to "Did it happen?" on a done plan, or "Log it" after Yes."""
    s = context.services
    if plan.status != "done":
        await answer(update, texts.EXPIRED)
        return
    if action == "win":
        await _log_win(update, context, plan)
        return
    outcome = {"yes": "yes", "notyet": "not_yet", "no": "no"}[action]
    zone, today = await zone_today(context, plan.user_id)
    again = (
        rules.outcome_again(s.clock.now(), plan.outcome_asks, zone) if action == "notyet" else None
    )
    if not await entries.set_outcome(s.db, plan.user_id, plan.id, outcome, again):
        await answer(update, texts.PLAN_OUTCOME_ANSWERED)
        return
    forget_question(user_data(context), "outcome")
    await answer(update)
    log.info("plan outcome %s user_id=%s plan_id=%s", outcome, plan.user_id, plan.id)
    then = _then(plan)
    if action == "yes":
        buttons = [
            (texts.BUTTON_LOG_WIN, PlanTap(plan.id, "win").pack()),
            (texts.BUTTON_OWN_WORDS, NextStep("win", plan.id).pack()),
        ]
        await _edit(update, texts.PLAN_OUTCOME_YES.format(then=then), keyboard([buttons]))
    elif action == "no":
        buttons = [(texts.BUTTON_NEXT_TRY, NextStep("next", plan.id).pack()), show_menu_button()]
        await _edit(update, texts.PLAN_OUTCOME_NO.format(then=then), keyboard([buttons]))
    elif again is None:
        await _edit(
            update,
            texts.PLAN_OUTCOME_NOT_YET_LAST.format(then=then),
            _next_step(update, context, "done"),
        )
    else:
        day = day_label(local_now(again, zone).date(), today)
        await _edit(
            update,
            texts.PLAN_OUTCOME_NOT_YET.format(then=then, day=day),
            _next_step(update, context, "done"),
        )


_TYPED_OUTCOMES: dict[Word, Outcome] = {
    Word.YES: "yes",
    Word.DONE: "yes",
    Word.NOT_YET: "notyet",
    Word.NO: "no",
}


async def outcome_typed(update: Update, context: Context, plan_id: int, word: Word) -> bool:
    """ "yes" / "not yet" / "no" typed after "Did it happen?" about ``plan_id``, as if its
    button was tapped. False when the word is none of these, or the question is closed."""
    user = update.effective_user
    assert user is not None
    action = _TYPED_OUTCOMES.get(word)
    plan = await entries.get_plan(context.services.db, user.id, plan_id)
    if action is None or plan is None or plan.status != "done" or plan.outcome in ("yes", "no"):
        return False
    await _outcome(update, context, plan, action)
    return True


async def _log_win(update: Update, context: Context, plan: Plan) -> None:
    """ "Log it": the plan's "then" as a win, once (a second tap finds it logged)."""
    s = context.services
    if plan.outcome != "yes" or plan.win_id is not None:
        await answer(update, texts.PLAN_OUTCOME_ANSWERED)
        return
    win = await entries.log_plan_win(
        s.db,
        user_id=plan.user_id,
        plan_id=plan.id,
        text=rules.win_text(plan.then_happens),
        now=s.clock.now(),
        update_id=update.update_id,
    )
    if win is None:
        await answer(update, texts.PLAN_GONE)
        return
    await answer(update)
    log.info("win logged from plan user_id=%s plan_id=%s win_id=%s", plan.user_id, plan.id, win.id)
    await _edit(
        update,
        texts.WIN_SAVED.format(text=texts.esc(win.text)),
        _next_step(update, context, "open"),
    )
    await offer_sharing(update, context, win)


async def _ask_new_day(update: Update, context: Context, plan: Plan) -> None:
    _, today = await zone_today(context, plan.user_id)
    if _next_step(update, context, "open") is not None:  # outside a flow: a day typed counts
        now = context.services.clock.now()
        note_question(user_data(context), "new_day", now, plan_id=plan.id)
    days = [
        (day_label(d, today), PlanTap(plan.id, "day", d).pack()) for d in rules.pick_days(today)
    ]
    await _edit(
        update,
        texts.PLAN_ASK_NEW_DAY.format(sentence=_sentence(plan)),
        keyboard([days[:4], days[4:]]),
    )


async def _reschedule(update: Update, context: Context, plan: Plan, day: date) -> None:
    s = context.services
    zone, today = await zone_today(context, plan.user_id)
    if day < today:
        await answer(update, texts.EXPIRED)
        return
    follow_up = rules.plan_follow_up(day, s.clock.now(), zone)
    if not await entries.reschedule_plan(s.db, plan.user_id, plan.id, follow_up.day, follow_up.due):
        await answer(update, texts.PLAN_GONE)
        return
    await answer(update)
    when = follow_up_when(follow_up.day, follow_up.at, today)
    await _edit(
        update,
        texts.PLAN_RESCHEDULED.format(sentence=_sentence(plan), when=when),
        _next_step(update, context, "open"),
    )


async def new_day_typed(update: Update, context: Context, plan_id: int, text: str) -> bool:
    """A day typed after "When will you do it?" about ``plan_id``: "tomorrow", "Friday".
    False when it names none of the days offered, or the plan is not open any more."""
    user = update.effective_user
    assert user is not None
    plan = await entries.get_plan(context.services.db, user.id, plan_id)
    if plan is None or plan.status != "open":
        return False
    _, today = await zone_today(context, user.id)
    days = rules.pick_days(today)
    weekday = parse_weekday(text)
    day = days[0] if parse_word(text) is Word.TOMORROW else None
    day = day or next((d for d in days if d.weekday() == weekday), None)
    if day is None:
        return False
    forget_question(user_data(context), "new_day")
    await _reschedule(update, context, plan, day)
    return True


async def answer_typed(update: Update, context: Context, plan_id: int, word: Word) -> bool:
    """ "Done" / "yes" or "Not yet" / "no" typed after "Did you do it?" about ``plan_id``.
    False when the words are neither, or the plan is not open any more."""
    user = update.effective_user
    assert user is not None
    plan = await entries.get_plan(context.services.db, user.id, plan_id)
    if plan is None or plan.status != "open":
        return False
    if word in (Word.DONE, Word.YES):
        await _close(update, context, plan, "done")
    elif word in (Word.NOT_YET, Word.NO):
        await _ask_new_day(update, context, plan)
    else:
        return False
    forget_question(user_data(context), "follow_up")
    return True


async def send_follow_ups(svc: Services, app: App) -> None:
    """Due work: "Did you do it?" once per follow-up, claimed before it is sent."""
    now = svc.clock.now()
    blocked: set[int] = set()  # found blocked during this run: send them nothing more
    for plan in await entries.due_follow_ups(svc.db, now):
        if plan.user_id in blocked:
            continue  # stays due; sent after they write to the bot again
        user = await users.get(svc.db, plan.user_id)
        if user is None or plan.follow_up_due is None:
            continue
        asks = plan.follow_up_asks + 1
        again = rules.follow_up_again(plan.follow_up_due, asks, user.timezone)
        if not await entries.claim_follow_up(svc.db, plan, again):
            continue  # another tick (or process) took it
        quiet = await preferences.quiet_hours(svc.db, user.user_id, svc.settings.quiet_hours)
        wait = hold_until(now, user.timezone, quiet)
        if wait is not None:  # never in their quiet hours: put back until they end
            await entries.restore_follow_up(svc.db, plan.id, wait, claimed=again)
            continue
        with use_language(user.speaks):  # due work: in the recipient's language
            template = texts.PLAN_FOLLOW_UP if asks == 1 else texts.PLAN_FOLLOW_UP_AGAIN
            text, markup = template.format(sentence=_sentence(plan)), plan_buttons(plan)
        try:
            await app.bot.send_message(user.chat_id, text, reply_markup=markup)
            note_question_for(app, plan.user_id, "follow_up", now, plan_id=plan.id)
            log.info("follow-up sent user_id=%s plan_id=%s asks=%d", plan.user_id, plan.id, asks)
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
            await entries.restore_follow_up(svc.db, plan.id, retry_at, claimed=again)
            log.warning(
                "follow-up not sent, retry at %s user_id=%s plan_id=%s: %s",
                retry_at.isoformat(),
                plan.user_id,
                plan.id,
                type(exc).__name__,
            )


async def send_outcome_questions(svc: Services, app: App) -> None:
    """Due work: "Did it happen?" once more, a week after "not yet" (claimed, then sent)."""
    now = svc.clock.now()
    for plan in await entries.due_outcome_questions(svc.db, now):
        user = await users.get(svc.db, plan.user_id)
        if user is None:
            continue
        quiet = await preferences.quiet_hours(svc.db, user.user_id, svc.settings.quiet_hours)
        wait = hold_until(now, user.timezone, quiet)
        if wait is not None:  # never in their quiet hours: asked when they end
            await entries.move_outcome_question(svc.db, plan, wait)
            continue
        if await entries.claim_outcome_question(svc.db, plan, now):
            await _send_outcome_question(svc, app, user, plan)


async def _send_outcome_question(svc: Services, app: App, user: User, plan: Plan) -> None:
    now = svc.clock.now()
    with use_language(user.speaks):  # due work: in the recipient's language
        text, markup = texts.PLAN_OUTCOME_AGAIN.format(then=_then(plan)), outcome_buttons(plan)
    try:
        await app.bot.send_message(user.chat_id, text, reply_markup=markup)
        note_question_for(app, plan.user_id, "outcome", now, plan_id=plan.id)
        log.info("outcome asked again user_id=%s plan_id=%s", plan.user_id, plan.id)
    except Forbidden:
        await users.mark_blocked(svc.db, plan.user_id, now)
        log.info("outcome not asked, blocked user_id=%s plan_id=%s", plan.user_id, plan.id)
    except TimedOut:
        log.warning("outcome question may not have arrived (timeout) plan_id=%s", plan.id)
    except TelegramError as exc:
        await entries.restore_outcome_question(svc.db, plan.id, now + RETRY_AFTER)
        log.warning("outcome not asked, retry plan_id=%s: %s", plan.id, type(exc).__name__)


def anytime_handlers() -> list[Handler]:
    """The plan buttons: before the conversations, so that they work inside a flow too
    (the weekly check-in lists plans; a reminder can arrive in the middle of anything)."""
    return [CallbackQueryHandler(plan_button, pattern=PlanTap.pattern())]


def handlers() -> list[Handler]:
    return [
        CommandHandler("plans", list_plans, PRIVATE),
        CallbackQueryHandler(list_plans, pattern=Menu.pattern(action="plans")),
    ]
