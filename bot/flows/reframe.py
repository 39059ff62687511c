"""/reframe: "If I do ___, then ___ will happen" — two blanks, a day, and how it feels now.

The day may be typed ("today", "tomorrow", "this week", "Friday"), and so may the 1–5.
The confirmation says when "Did you do it?" really comes: "Today" chosen late in the
evening is asked the next morning (:func:`bot.domain.plans.plan_follow_up`).
"""

from __future__ import annotations

import logging
import typing
from dataclasses import dataclass
from datetime import date
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain import plans
from bot.domain.answers import Word, parse_scale, parse_word
from bot.domain.parsing import parse_weekday
from bot.flows.common import (
    END,
    PRIVATE,
    RESUME,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    ScaleTap,
    Skip,
    answer,
    forget_question,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
    settle_button,
    typed,
    user_data,
    zone_today,
)
from bot.storage import entries
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, ReframeRejection
from bot.ui.dates import day_label, follow_up_when

log = logging.getLogger(__name__)

IF, THEN, WHEN, PICK, HURT_AFTER = "if", "then", "when", "pick", "hurt_after"
PLAN_PART_LIMIT = 300
When = Literal["today", "tomorrow", "week", "pick"]
WHENS: tuple[When, ...] = typing.get_args(When)


@dataclass(frozen=True)
class WhenTap(FlowData, action="when"):
    when: When


@dataclass(frozen=True)
class DayTap(FlowData, action="day"):
    day: date


async def _today(update: Update, context: Context) -> tuple[date, str]:
    tg_user = update.effective_user
    assert tg_user is not None
    zone, today = await zone_today(context, tg_user.id)
    return today, zone


async def _ask_if(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_IF, keyboard([[flow.cancel_button(context)]]))


async def _ask_then(update: Update, context: Context) -> None:
    if_do = plans.clean_if(str(flow.draft(context)["if_do"]))
    await reply(
        update,
        texts.ASK_THEN.format(if_do=texts.esc(if_do)),
        keyboard([[flow.cancel_button(context)]]),
    )


async def _ask_when(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    text = texts.SHOW_PLAN.format(
        sentence=texts.esc(plans.sentence(str(draft["if_do"]), str(draft["then"])))
    )
    labels = {code: label for label, code in texts.WHEN_BUTTONS}
    buttons = [(labels[when], flow.data(context, WhenTap(when))) for when in WHENS]
    await reply(update, text, keyboard([buttons[:2], buttons[2:], [flow.cancel_button(context)]]))


async def _ask_pick(update: Update, context: Context) -> None:
    today, _ = await _today(update, context)
    days = [(day_label(d, today), flow.data(context, DayTap(d))) for d in plans.pick_days(today)]
    await reply(update, texts.ASK_PICK_DAY, keyboard([days[:4], days[4:]]))


async def _ask_hurt_after(update: Update, context: Context) -> None:
    rows = [flow.scale_row(context), [flow.skip_button(context)]]
    await reply(update, texts.ASK_HURT_AFTER, keyboard(rows))


flow = Flow(
    name="reframe",
    prefix="rf",
    command="reframe",
    prompts={
        IF: _ask_if,
        THEN: _ask_then,
        WHEN: _ask_when,
        PICK: _ask_pick,
        HURT_AFTER: _ask_hurt_after,
    },
)


async def begin(update: Update, context: Context) -> str | int:
    """/reframe or the menu: a stand-alone plan (or pick up an unfinished one)."""
    await answer(update)
    if flow.has_draft(context):
        return await flow.offer_resume(update, context)
    flow.fresh_draft(context, rejection_id=None)
    return await flow.go(IF, update, context)


async def begin_from_rejection(update: Update, context: Context) -> str | int:
    """ "Reframe it now" under a saved rejection: the plan is linked to it."""
    query = update.callback_query
    tap = ReframeRejection.parse(query.data if query else None)
    user = update.effective_user
    assert user is not None
    db = context.services.db
    rejection = await entries.get_rejection(db, user.id, tap.rejection_id) if tap else None
    if rejection is None:
        await answer(update, texts.EXPIRED)
        return END
    await answer(update)
    await settle_button(update, texts.BUTTON_REFRAME_NOW)
    forget_question(user_data(context), "reframe")
    flow.fresh_draft(context, rejection_id=rejection.id, hurt=rejection.hurt)
    return await flow.go(IF, update, context)


async def start_for_rejection(update: Update, context: Context, rejection_id: int) -> str | None:
    """ "Yes" typed to "Want to turn this into a small next step?": as "Reframe it now"
    (the caller puts the person into the conversation). None if the rejection is gone."""
    user = update.effective_user
    assert user is not None
    rejection = await entries.get_rejection(context.services.db, user.id, rejection_id)
    if rejection is None:
        return None
    flow.fresh_draft(context, rejection_id=rejection.id, hurt=rejection.hurt)
    return await flow.go(IF, update, context)


async def resume(update: Update, context: Context) -> str | None:
    choice = await flow.resume_choice(update, context)
    if choice is None:
        return None
    if choice:
        return await flow.go_back(update, context, IF)
    flow.fresh_draft(context, rejection_id=None)
    return await flow.go(IF, update, context)


async def when_chosen(update: Update, context: Context) -> str | int | None:
    tap = await flow.tap(update, context, WhenTap)
    if tap is None:
        return None
    if tap.when == "pick":
        return await flow.go(PICK, update, context)
    today, _ = await _today(update, context)
    return await _save(update, context, plans.when_to_date(tap.when, today))


_TYPED_WHEN = {Word.TODAY: "today", Word.TOMORROW: "tomorrow", Word.THIS_WEEK: "week"}


def _typed_day(text: str, days: list[date]) -> date | None:
    """A weekday typed ("Friday", "fri"): the first of ``days`` that falls on it."""
    weekday = parse_weekday(text)
    return next((d for d in days if d.weekday() == weekday), None)


async def when_typed(update: Update, context: Context) -> str | int | None:
    """Today / tomorrow / this week / a weekday, typed."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    today, _ = await _today(update, context)
    word = parse_word(text)
    if word in _TYPED_WHEN:
        return await _save(update, context, plans.when_to_date(_TYPED_WHEN[word], today))
    day = _typed_day(text, [today, *plans.pick_days(today)])
    if day is None:
        await reply(update, texts.WHEN_HINT)
        return None
    return await _save(update, context, day)


async def day_typed(update: Update, context: Context) -> str | int | None:
    """A day of the list, typed: a weekday, or "tomorrow"."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    today, _ = await _today(update, context)
    days = plans.pick_days(today)
    day = days[0] if parse_word(text) is Word.TOMORROW else _typed_day(text, days)
    if day is None:
        await reply(update, texts.PICK_DAY_HINT)
        return None
    return await _save(update, context, day)


async def day_picked(update: Update, context: Context) -> str | int | None:
    today, _ = await _today(update, context)
    tap = await flow.tap(update, context, DayTap, valid=lambda t: t.day >= today)
    if tap is None:
        return None
    return await _save(update, context, tap.day)


async def _save(update: Update, context: Context, day: date) -> str | int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    draft = flow.draft(context)
    today, zone = await _today(update, context)
    now = s.clock.now()
    rejection_id = draft.get("rejection_id")
    follow_up = plans.plan_follow_up(day, now, zone)
    plan = await entries.add_plan(
        s.db,
        user_id=tg_user.id,
        rejection_id=int(rejection_id) if rejection_id is not None else None,
        if_do=plans.clean_if(str(draft["if_do"])),
        then_happens=plans.clean_then(str(draft["then"])),
        follow_up_on=follow_up.day,
        follow_up_due=follow_up.due,
        now=now,
        update_id=update.update_id,  # a replay of this update finds its row
    )
    log.info("plan saved user_id=%s plan_id=%s", tg_user.id, plan.id)
    when = follow_up_when(follow_up.day, follow_up.at, today)
    template = texts.PLAN_SAVED_LATE if follow_up.moved else texts.PLAN_SAVED
    await reply(update, template.format(when=when))
    if plan.rejection_id is None:
        flow.drop_draft(context)
        await reply(update, texts.MENU, menu_keyboard())
        return END
    draft["saved_plan"] = plan.id
    return await flow.go(HURT_AFTER, update, context)


async def hurt_after_chosen(update: Update, context: Context) -> int | None:
    if update.callback_query is None:
        score = parse_scale((await read_text(update, SHORT_LIMIT)) or "")
        if score is None:
            await reply(update, texts.HURT_HINT)
            return None
    else:
        tap = await flow.tap(update, context, ScaleTap, shown=lambda t: f"{t.score}/5")
        if tap is None:
            return None
        score = tap.score
    s = context.services
    user = update.effective_user
    assert user is not None
    draft = flow.draft(context)
    after, before = score, int(draft.get("hurt") or 0)
    await entries.set_hurt_after(s.db, user.id, int(draft["rejection_id"]), after)
    flow.drop_draft(context)
    text = texts.HURT_DROP if after < before else texts.HURT_SAME
    await reply(update, text.format(before=before, after=after), menu_keyboard())
    return END


async def hurt_after_skipped(update: Update, context: Context) -> int | None:
    if update.callback_query is not None and await flow.tap(update, context, Skip) is None:
        return None
    flow.drop_draft(context)
    await reply(update, texts.MENU, menu_keyboard())
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("reframe", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="reframe")),
            CallbackQueryHandler(begin_from_rejection, pattern=ReframeRejection.pattern()),
        ],
        states={
            RESUME: flow.resume_step(resume),
            IF: flow.text_step("if_do", PLAN_PART_LIMIT, THEN, skippable=False),
            THEN: flow.text_step("then", PLAN_PART_LIMIT, WHEN, skippable=False),
            WHEN: [
                CallbackQueryHandler(when_chosen, pattern=flow.pattern(WhenTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, when_typed),
            ],
            PICK: [
                CallbackQueryHandler(day_picked, pattern=flow.pattern(DayTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, day_typed),
            ],
            HURT_AFTER: [
                CallbackQueryHandler(hurt_after_chosen, pattern=flow.pattern(ScaleTap)),
                CallbackQueryHandler(hurt_after_skipped, pattern=flow.pattern(Skip)),
                MessageHandler(typed(Word.SKIP), hurt_after_skipped),
                MessageHandler(PRIVATE & TEXT_INPUT, hurt_after_chosen),
            ],
        },
    )
