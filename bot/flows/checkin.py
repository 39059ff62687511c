"""/checkin and the scheduled weekly check-in (step 5 of the method, with a nod to step 6).

Summary and chart of the week → what worked → what didn't → successes (each a win) →
plans due this week (Done / Not yet / Drop) → who will you call or meet → the streak.

Answers are written to the week's ``checkins`` row as they come (nothing typed is lost on
/cancel); running /checkin again in the same week edits that row. The week is the one
:func:`bot.domain.weekly.review_week` names.

Until the invitation is answered (or CHECKIN_GRACE_HOURS pass), a message typed instead of
tapping "▶ Start check-in" starts it, with that message as the first answer
(bot/flows/free_text.py calls :func:`start_typed` / :func:`start_with_answer`). "Done",
"skip" or "none" typed at the successes step end it; none of them is saved as a win.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.domain import plans as plan_rules
from bot.domain.answers import Word, parse_count, parse_word
from bot.domain.due import local_now
from bot.domain.streaks import IsoWeek
from bot.domain.text import shorten
from bot.domain.weekly import recent_weeks, review_week, week_dates
from bot.flows import applications, circles
from bot.flows import plans as plan_flow
from bot.flows.care import was_saved_anyway
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    forget_question,
    format_local,
    keyboard,
    me,
    menu_keyboard,
    note_question_for,
    read_text,
    reply,
    user_data,
)
from bot.schedule.ticker import Outcome, run_checkins
from bot.services import App, Services
from bot.storage import checkins, entries, focus, users
from bot.storage.checkins import SERIES, DueUser
from bot.storage.users import User
from bot.ui import charts, texts
from bot.ui.callbacks import FlowData, Menu
from bot.ui.dates import day_label, format_day_month

log = logging.getLogger(__name__)

RESUME, WORKED, DIDNT, SUCCESSES, PLANS, PEOPLE = (
    "resume",
    "worked",
    "didnt",
    "successes",
    "plans",
    "people",
)
CHART_WEEKS = 10
FOCUS_LIMIT = 300  # keeps the caption far below Telegram's 1024 characters


@dataclass(frozen=True)
class SuccessesDone(FlowData, action="done"):
    """No more successes to add."""


@dataclass(frozen=True)
class PlansNext(FlowData, action="next"):
    """Past the plans due this week."""


def start_button() -> InlineKeyboardMarkup:
    return keyboard([[(texts.BUTTON_START_CHECKIN, Menu("checkin").pack())]])


def _week(context: Context) -> IsoWeek:
    year, week = flow.draft(context)["week"]
    return int(year), int(week)


async def _earlier(update: Update, context: Context, field: str) -> str:
    """A note with what this week's entry already says for ``field`` (a second run)."""
    tg_user = update.effective_user
    assert tg_user is not None
    found = await checkins.get(context.services.db, tg_user.id, _week(context))
    text = getattr(found, field) if found is not None else None
    return texts.CHECKIN_EARLIER.format(text=texts.esc(text)) if text else ""


def _skip_cancel(context: Context) -> InlineKeyboardMarkup:
    return keyboard([[flow.skip_button(context), flow.cancel_button(context)]])


def _done_button(context: Context) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                (texts.BUTTON_SUCCESSES_DONE, flow.data(context, SuccessesDone())),
                flow.cancel_button(context),
            ]
        ]
    )


async def _ask_worked(update: Update, context: Context) -> None:
    note = await _earlier(update, context, "worked")
    await reply(update, texts.ASK_WORKED + note, _skip_cancel(context))


async def _ask_didnt(update: Update, context: Context) -> None:
    note = await _earlier(update, context, "didnt")
    await reply(update, texts.ASK_DIDNT + note, _skip_cancel(context))


async def _ask_successes(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_SUCCESSES, _done_button(context))


async def _ask_plans(update: Update, context: Context) -> None:
    s = context.services
    user = await me(update, context)
    today = local_now(s.clock.now(), user.timezone).date()
    _, sunday = week_dates(_week(context))
    await reply(update, texts.CHECKIN_PLANS)
    for plan in await checkins.plans_due_by(s.db, user.user_id, max(sunday, today)):
        assert plan.follow_up_on is not None
        sentence = texts.esc(plan_rules.sentence(plan.if_do, plan.then_happens))
        when = day_label(plan.follow_up_on, today)
        await reply(
            update,
            texts.PLAN_LINE.format(sentence=sentence, when=when),
            plan_flow.plan_buttons(plan),
        )
    buttons = [
        [(texts.BUTTON_PLANS_NEXT, flow.data(context, PlansNext())), flow.cancel_button(context)]
    ]
    await reply(update, texts.CHECKIN_PLANS_NEXT, keyboard(buttons))


async def _ask_people(update: Update, context: Context) -> None:
    note = await _earlier(update, context, "people")
    await reply(update, texts.ASK_PEOPLE + note, _skip_cancel(context))


async def _keep_answer(update: Update, context: Context, field: str, text: str | None) -> None:
    """A typed answer goes straight to this week's entry (a skip leaves what is there)."""
    tg_user = update.effective_user
    assert tg_user is not None
    if text is not None:
        await checkins.set_answer(context.services.db, tg_user.id, _week(context), field, text)


flow = Flow(
    name="checkin",
    prefix="ci",
    command="checkin",
    prompts={
        WORKED: _ask_worked,
        DIDNT: _ask_didnt,
        SUCCESSES: _ask_successes,
        PLANS: _ask_plans,
        PEOPLE: _ask_people,
    },
    resume_text=texts.CHECKIN_RESUME,
    keep=_keep_answer,
)


# --- the summary and its chart ----------------------------------------------------------
def _label(week: IsoWeek) -> str:
    monday, _ = week_dates(week)
    return f"{monday.day}\n{monday:%b}"


async def send_summary(update: Update, context: Context, user: User, week: IsoWeek) -> None:
    """The week in numbers, as the caption of a chart of the last weeks."""
    s = context.services
    weeks = recent_weeks(week, CHART_WEEKS)
    counts = await checkins.weekly_counts(s.db, user.user_id, user.timezone, weeks)
    summary = checkins.summary_of(counts, await checkins.open_plan_count(s.db, user.user_id))
    monday, sunday = week_dates(week)
    caption = texts.CHECKIN_SUMMARY.format(
        first=format_day_month(monday),
        last=format_day_month(sunday),
        rejections=summary.rejections,
        reframes=summary.reframes,
        plans_done=summary.plans_done,
        plans_open=summary.plans_open,
        wins=summary.wins,
    )
    current = await focus.current(s.db, user.user_id)
    if current is not None:
        short = shorten(current.text, FOCUS_LIMIT)
        caption += texts.CHECKIN_FOCUS.format(focus=texts.esc(short))
    caption += await applications.week_line(s.db, user.user_id, week)
    png = await asyncio.to_thread(
        charts.render_weekly,
        [_label(w) for w in weeks],
        {texts.CHECKIN_SERIES[name]: counts[name] for name in SERIES},
        title=texts.checkin_chart_title(len(weeks)),
    )
    chat = update.effective_chat
    assert chat is not None
    await chat.send_photo(png, caption=caption)


# --- steps ------------------------------------------------------------------------------
async def begin(update: Update, context: Context) -> str | None:
    await answer(update)
    forget_question(user_data(context), "checkin")  # the invitation is answered
    s = context.services
    user = await me(update, context)
    week = review_week(s.clock.now(), user.timezone)
    draft = flow.draft(context)
    if (
        flow.has_draft(context)
        and draft.get("week") == list(week)
        and draft.get("step") in (WORKED, DIDNT, SUCCESSES, PLANS, PEOPLE)
    ):
        return await flow.offer_resume(update, context)
    return await _start(update, context, user, week)


async def _start(update: Update, context: Context, user: User, week: IsoWeek) -> str:
    await _open(update, context, user, week)
    return await flow.go(WORKED, update, context)


async def _open(update: Update, context: Context, user: User, week: IsoWeek) -> None:
    s = context.services
    flow.fresh_draft(context, week=list(week))
    forget_question(user_data(context), "checkin")
    await checkins.start(s.db, user.user_id, week, s.clock.now())
    log.info("check-in started user_id=%s week=%d-W%02d", user.user_id, *week)
    await send_summary(update, context, user, week)


async def start_typed(update: Update, context: Context) -> str:
    """ "Yes" typed to the invitation: the check-in, from its first question. The caller
    puts the person into the conversation at the state returned."""
    user = await me(update, context)
    return await _start(
        update, context, user, review_week(context.services.clock.now(), user.timezone)
    )


async def start_with_answer(update: Update, context: Context, text: str) -> str:
    """A message typed after the invitation: the check-in, with it as what worked."""
    s = context.services
    user = await me(update, context)
    week = review_week(s.clock.now(), user.timezone)
    await _open(update, context, user, week)
    flow.remember_answer(update, context, "worked", ENTRY_LIMIT)
    await _keep_answer(update, context, "worked", text)
    await reply(update, texts.CHECKIN_FIRST_ANSWER.format(text=texts.esc(text)))
    return await flow.go(DIDNT, update, context)


async def resume(update: Update, context: Context) -> str | None:
    choice = await flow.resume_choice(update, context)
    if choice is None:
        return None
    if choice:
        return await flow.go_back(update, context, WORKED)
    return await _start(update, context, await me(update, context), _week(context))


async def success_typed(update: Update, context: Context) -> str | None:
    """Each message is one success, saved as a win at once; the state stays the same.
    "Done", "skip", "no" or "none" typed end the step instead."""
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    if parse_word(text) in (Word.DONE, Word.SKIP, Word.NO) or parse_count(text) == 0:
        return await successes_done(update, context)
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    win = await entries.add_win(
        s.db,
        user_id=tg_user.id,
        text=text,
        now=s.clock.now(),
        source="checkin",
        update_id=update.update_id,
    )
    log.info("win logged in check-in user_id=%s win_id=%s", tg_user.id, win.id)
    await reply(update, texts.SUCCESS_SAVED.format(text=texts.esc(text)), _done_button(context))
    if not was_saved_anyway(update, context):
        await circles.offer_sharing(update, context, win)
    return None


async def successes_done(update: Update, context: Context) -> str | None:
    if update.callback_query is not None and await flow.tap(update, context, SuccessesDone) is None:
        return None
    s = context.services
    user = await me(update, context)
    today = local_now(s.clock.now(), user.timezone).date()
    _, sunday = week_dates(_week(context))
    due = await checkins.plans_due_by(s.db, user.user_id, max(sunday, today), limit=1)
    return await flow.go(PLANS if due else PEOPLE, update, context)


async def plans_next(update: Update, context: Context) -> str | None:
    if await flow.tap(update, context, PlansNext) is None:
        return None
    return await flow.go(PEOPLE, update, context)


_NEXT_WORDS = (Word.YES, Word.NO, Word.SKIP, Word.DONE, Word.CONTINUE)


async def plans_typed(update: Update, context: Context) -> str | None:
    """ "Next" (or skip, done, ok…) typed past the plans; the plans themselves are tapped."""
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    if parse_word(text) in _NEXT_WORDS or text.strip().lower().startswith("next"):
        return await flow.go(PEOPLE, update, context)
    await reply(update, texts.PLANS_NEXT_HINT)
    return None


async def _finish(update: Update, context: Context) -> int:
    s = context.services
    user = await me(update, context)
    now = s.clock.now()
    week = _week(context)
    await checkins.complete(s.db, user.user_id, week, now)
    flow.drop_draft(context)
    weeks = await checkins.streak(s.db, user, now)
    log.info("check-in completed user_id=%s week=%d-W%02d streak=%d", user.user_id, *week, weeks)
    text = texts.checkin_done_streak(weeks) if weeks > 1 else texts.CHECKIN_DONE_FIRST
    if user.paused:
        text += "\n" + texts.CHECKIN_PAUSED_NOTE
    elif user.next_checkin_due is not None:
        text += "\n" + texts.CHECKIN_NEXT.format(
            when=format_local(user.next_checkin_due, user.timezone)
        )
    await reply(update, text, menu_keyboard())
    return END


def conversation() -> ConversationHandler[Context]:
    # The plans' own buttons work inside the check-in as anywhere (bot/flows/plans.py).
    return flow.conversation(
        entry_points=[
            CommandHandler("checkin", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="checkin")),
        ],
        states={
            RESUME: flow.resume_step(resume),
            WORKED: flow.text_step("worked", ENTRY_LIMIT, DIDNT, skippable=True),
            DIDNT: flow.text_step("didnt", ENTRY_LIMIT, SUCCESSES, skippable=True),
            SUCCESSES: [
                MessageHandler(PRIVATE & TEXT_INPUT, success_typed),
                CallbackQueryHandler(successes_done, pattern=flow.pattern(SuccessesDone)),
            ],
            PLANS: [
                CallbackQueryHandler(plans_next, pattern=flow.pattern(PlansNext)),
                MessageHandler(PRIVATE & TEXT_INPUT, plans_typed),
            ],
            PEOPLE: flow.text_step("people", ENTRY_LIMIT, _finish, skippable=True),
        },
    )


# --- the scheduled message --------------------------------------------------------------
async def send_due_checkins(svc: Services, app: App) -> None:
    """Due work: the weekly invitation, claimed before it is sent (see bot/schedule/ticker)."""

    async def send(user: DueUser, slot: datetime, late: bool) -> Outcome:
        text = (
            texts.CHECKIN_DUE_LATE.format(when=format_local(slot, user.timezone))
            if late
            else texts.CHECKIN_DUE
        )
        try:
            await app.bot.send_message(user.chat_id, text, reply_markup=start_button())
            note_question_for(app, user.user_id, "checkin", svc.clock.now())
        except Forbidden:
            await users.mark_blocked(svc.db, user.user_id, svc.clock.now())
            return Outcome.BLOCKED
        except (TimedOut, BadRequest) as exc:
            # A timeout may have delivered it; a bad request will fail again: no retry.
            log.warning("check-in send user_id=%s: %s", user.user_id, type(exc).__name__)
            return Outcome.FAILED
        except TelegramError as exc:  # 5xx, network, flood limit after the rate limiter
            log.warning("check-in send user_id=%s: %s", user.user_id, type(exc).__name__)
            return Outcome.RETRY
        return Outcome.SENT

    grace = timedelta(hours=svc.settings.checkin_grace_hours)
    await run_checkins(svc.db, svc.clock.now(), grace, send)
