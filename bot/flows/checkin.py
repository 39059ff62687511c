"""/checkin and the scheduled weekly check-in (step 5 of the method, with a nod to step 6).

Summary and chart of the week → what worked (last time's answer recalled above the
question) → what didn't → successes (each a win) → plans due this week, overdue ones marked
(Done / Not yet / Drop) → "How is <focus> going?" (with a focus) → "Did you talk to <who>?"
(when last week's check-in named someone) → who will you call or meet → the streak, and a
button that turns what didn't work into a plan (bot/flows/loop.py).

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
from typing import Literal

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
from bot.domain.streaks import IsoWeek, previous_iso_week
from bot.domain.text import shorten
from bot.domain.weekly import reads_as_names, recent_weeks, review_week, week_dates
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
    menu_rows,
    note_question_for,
    read_text,
    reply,
    user_data,
)
from bot.schedule.ticker import Outcome, run_checkins
from bot.services import App, Services
from bot.storage import beliefs, checkins, entries, focus, users
from bot.storage.checkins import SERIES, DueUser
from bot.storage.users import User
from bot.ui import charts, texts
from bot.ui.callbacks import FlowData, Menu
from bot.ui.dates import day_label, format_day_month
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

RESUME, WORKED, DIDNT, SUCCESSES, PLANS, FOCUS, PEOPLE_MET, PEOPLE = (
    "resume",
    "worked",
    "didnt",
    "successes",
    "plans",
    "focus",
    "people_met",
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


@dataclass(frozen=True)
class MetTap(FlowData, action="met"):
    """ "Did you talk to <who>?" about last week's answer: yes, or not this time."""

    met: Literal["yes", "no"]


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


async def _last_week(update: Update, context: Context) -> checkins.Checkin | None:
    """The check-in of the week before this one, if there was one."""
    tg_user = update.effective_user
    assert tg_user is not None
    week = _week(context)
    found = await checkins.previous(context.services.db, tg_user.id, week)
    return found if found is not None and found.week == previous_iso_week(week) else None


async def _ask_worked(update: Update, context: Context) -> None:
    """What worked, with what worked last time above it (notice what works, keep at it)."""
    tg_user = update.effective_user
    assert tg_user is not None
    last = await checkins.previous(context.services.db, tg_user.id, _week(context))
    recall = ""
    if last is not None and last.worked:
        recall = texts.CHECKIN_LAST_WORKED.format(text=texts.esc(last.worked))
    note = await _earlier(update, context, "worked")
    await reply(update, recall + texts.ASK_WORKED + note, _skip_cancel(context))


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
        if plan_rules.is_overdue(plan.follow_up_on, plan.follow_up_due, today):
            line = plan_flow.plan_line(plan, user.timezone, today)
        else:
            sentence = texts.esc(texts.plan_sentence(plan.if_do, plan.then_happens))
            when = day_label(plan.follow_up_on, today)
            line = texts.PLAN_LINE.format(sentence=sentence, when=when)
        await reply(update, line, plan_flow.plan_buttons(plan))
    buttons = [
        [(texts.BUTTON_PLANS_NEXT, flow.data(context, PlansNext())), flow.cancel_button(context)]
    ]
    await reply(update, texts.CHECKIN_PLANS_NEXT, keyboard(buttons))


async def _ask_focus(update: Update, context: Context) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    current = await focus.current(context.services.db, tg_user.id)
    gap = shorten(current.text, FOCUS_LIMIT) if current is not None else ""
    note = await _earlier(update, context, "focus_note")
    text = texts.ASK_FOCUS_GOING.format(focus=texts.esc(gap))
    await reply(update, text + note, _skip_cancel(context))


async def _ask_people_met(update: Update, context: Context) -> None:
    last = await _last_week(update, context)
    people = (last.people or "") if last is not None else ""
    template = texts.ASK_PEOPLE_MET if reads_as_names(people) else texts.ASK_PEOPLE_MET_LONG
    buttons = [
        (texts.BUTTON_MET_YES, flow.data(context, MetTap("yes"))),
        (texts.BUTTON_MET_NO, flow.data(context, MetTap("no"))),
    ]
    await reply(
        update,
        template.format(people=texts.esc(shorten(people, FOCUS_LIMIT))),
        keyboard([buttons, [flow.cancel_button(context)]]),
    )


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
        FOCUS: _ask_focus,
        PEOPLE_MET: _ask_people_met,
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
    belief = await beliefs.current_belief(s.db, user.user_id)
    if belief is not None:  # at most 200 characters (bot/flows/reframe.py BELIEF_LIMIT)
        caption += texts.CHECKIN_BELIEF.format(belief=texts.esc(belief.text))
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
        and draft.get("step") in (WORKED, DIDNT, SUCCESSES, PLANS, FOCUS, PEOPLE_MET, PEOPLE)
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
    if due:
        return await flow.go(PLANS, update, context)
    return await _after_plans(update, context)


async def _after_plans(update: Update, context: Context) -> str:
    """How the focus is going, when there is one; then the people."""
    tg_user = update.effective_user
    assert tg_user is not None
    if await focus.current(context.services.db, tg_user.id) is not None:
        return await flow.go(FOCUS, update, context)
    return await _after_focus(update, context)


async def _after_focus(update: Update, context: Context) -> str:
    """ "Did you talk to <who>?" when last week's check-in named someone; then this week's."""
    last = await _last_week(update, context)
    if last is not None and last.people:
        return await flow.go(PEOPLE_MET, update, context)
    return await flow.go(PEOPLE, update, context)


async def plans_next(update: Update, context: Context) -> str | None:
    if await flow.tap(update, context, PlansNext) is None:
        return None
    return await _after_plans(update, context)


async def met_answered(update: Update, context: Context) -> str | None:
    """Yes or not this time, tapped or typed, about last week's people."""
    if update.callback_query is not None:
        tap = await flow.tap(update, context, MetTap)
        if tap is None:
            return None
        met = tap.met == "yes"
    else:
        text = await read_text(update, ENTRY_LIMIT)
        if text is None:
            return None
        word = parse_word(text)
        if word not in (Word.YES, Word.DONE, Word.NO, Word.NOT_YET, Word.SKIP):
            await reply(update, texts.PEOPLE_MET_HINT)
            return None
        met = word in (Word.YES, Word.DONE)
    tg_user = update.effective_user
    assert tg_user is not None
    await checkins.set_people_met(context.services.db, tg_user.id, _week(context), met)
    await reply(update, texts.PEOPLE_MET_YES if met else texts.PEOPLE_MET_NO)
    return await flow.go(PEOPLE, update, context)


_NEXT_WORDS = (Word.YES, Word.NO, Word.SKIP, Word.DONE, Word.CONTINUE)


async def plans_typed(update: Update, context: Context) -> str | None:
    """ "Next" (or skip, done, ok…) typed past the plans; the plans themselves are tapped."""
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    if parse_word(text) in _NEXT_WORDS or text.strip().lower().startswith("next"):
        return await _after_plans(update, context)
    await reply(update, texts.PLANS_NEXT_HINT)
    return None


async def _finish(update: Update, context: Context) -> int:
    s = context.services
    user = await me(update, context)
    now = s.clock.now()
    week = _week(context)
    await checkins.complete(s.db, user.user_id, week, now)
    entry = await checkins.get(s.db, user.user_id, week)
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
    rows = menu_rows()
    if entry is not None and entry.didnt:  # what didn't work, turned into a plan
        rows.insert(0, [(texts.BUTTON_DIDNT_TO_PLAN, plan_flow.NextStep("didnt", entry.id).pack())])
    await reply(update, text, keyboard(rows))
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
            FOCUS: flow.text_step("focus_note", ENTRY_LIMIT, _after_focus, skippable=True),
            PEOPLE_MET: [
                CallbackQueryHandler(met_answered, pattern=flow.pattern(MetTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, met_answered),
            ],
            PEOPLE: flow.text_step("people", ENTRY_LIMIT, _finish, skippable=True),
        },
    )


# --- the scheduled message --------------------------------------------------------------
async def send_due_checkins(svc: Services, app: App) -> None:
    """Due work: the weekly invitation, claimed before it is sent (see bot/schedule/ticker)."""

    async def send(user: DueUser, slot: datetime, late: bool) -> Outcome:
        with use_language(await users.speaks(svc.db, user.user_id)):  # the recipient's
            text = (
                texts.CHECKIN_DUE_LATE.format(when=format_local(slot, user.timezone))
                if late
                else texts.CHECKIN_DUE
            )
            markup = start_button()
        try:
            await app.bot.send_message(user.chat_id, text, reply_markup=markup)
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
