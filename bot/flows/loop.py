"""Closing the loop: a plan's win in one's own words, the next try after a plan whose "then"
didn't happen (linked to it: ``parent_id``), and a plan from the check-in's "what didn't
work".

Started by :class:`bot.flows.plans.NextStep` buttons, which leave any flow the person is in
(draft kept, bot/flows/interruptions.py). The new plan is asked as in /reframe — the two
blanks, then today / tomorrow / this week (or a weekday, typed) — and its "Did you do it?"
follows the same rules. A plan started from a link is not worth keeping after /cancel.
"""

from __future__ import annotations

import logging
import typing
from dataclasses import dataclass
from datetime import date
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.domain import plans
from bot.domain.answers import Word, parse_word
from bot.domain.parsing import parse_weekday
from bot.flows.circles import offer_sharing
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
    settle_button,
    typed,
    zone_today,
)
from bot.flows.plans import NextStep
from bot.storage import checkins, entries
from bot.ui import texts
from bot.ui.callbacks import FlowData
from bot.ui.dates import follow_up_when

log = logging.getLogger(__name__)

WIN_TEXT, IF, THEN, WHEN = "win_text", "if", "then", "when"
PLAN_PART_LIMIT = 300  # as /reframe's blanks
When = Literal["today", "tomorrow", "week"]
WHENS: tuple[When, ...] = typing.get_args(When)
_TYPED_WHEN: dict[Word, When] = {
    Word.TODAY: "today",
    Word.TOMORROW: "tomorrow",
    Word.THIS_WEEK: "week",
}


@dataclass(frozen=True)
class WhenTap(FlowData, action="when"):
    """Today, tomorrow or this week, for the new plan."""

    when: When


# --- the prompts ------------------------------------------------------------------------
async def _ask_win_text(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_WIN_WORDS, keyboard([[flow.cancel_button(context)]]))


async def _ask_if(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    if draft.get("didnt"):
        text = texts.ASK_DIDNT_IF.format(didnt=texts.esc(str(draft["didnt"])))
    else:
        text = texts.ASK_NEXT_IF.format(sentence=texts.esc(str(draft.get("sentence", ""))))
    await reply(update, text, keyboard([[flow.cancel_button(context)]]))


async def _ask_then(update: Update, context: Context) -> None:
    if_do = plans.clean_if(str(flow.draft(context)["if_do"]))
    await reply(
        update,
        texts.ASK_THEN.format(if_do=texts.esc(if_do)),
        keyboard([[flow.cancel_button(context)]]),
    )


async def _ask_when(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    sentence = texts.plan_sentence(str(draft["if_do"]), str(draft["then"]))
    labels = {code: label for label, code in texts.WHEN_BUTTONS}
    buttons = [(labels[when], flow.data(context, WhenTap(when))) for when in WHENS]
    await reply(
        update,
        texts.ASK_NEXT_WHEN.format(sentence=texts.esc(sentence)),
        keyboard([buttons, [flow.cancel_button(context)]]),
    )


flow = Flow(
    name="loop",
    prefix="lo",
    command="plans",
    prompts={IF: _ask_if, THEN: _ask_then, WHEN: _ask_when, WIN_TEXT: _ask_win_text},
    drop_on_cancel=True,
)


# --- the steps --------------------------------------------------------------------------
async def begin(update: Update, context: Context) -> str | int:
    """A :class:`NextStep` button: checked against what it names, which must be the
    user's and still waiting for this (a win not logged yet, a "no", a "what didn't work")."""
    query = update.callback_query
    tap = NextStep.parse(query.data if query else None)
    user = update.effective_user
    assert user is not None
    db = context.services.db
    if tap is not None and tap.kind == "didnt":
        checkin = await checkins.get_by_id(db, user.id, tap.ref)
        if checkin is not None and checkin.didnt:
            await _started(update)
            flow.fresh_draft(context, didnt=checkin.didnt, parent_id=None, rejection_id=None)
            return await flow.go(IF, update, context)
    elif tap is not None:
        plan = await entries.get_plan(db, user.id, tap.ref)
        if plan is not None and tap.kind == "win" and plan.outcome == "yes":
            if plan.win_id is not None:
                await answer(update, texts.PLAN_OUTCOME_ANSWERED)
                return END
            await _started(update)
            flow.fresh_draft(context, win_of=plan.id)
            return await flow.go(WIN_TEXT, update, context)
        if plan is not None and tap.kind == "next" and plan.outcome == "no":
            if await entries.next_plan_of(db, user.id, plan.id) is not None:
                await answer(update, texts.PLAN_OUTCOME_ANSWERED)
                return END
            await _started(update)
            sentence = texts.plan_sentence(plan.if_do, plan.then_happens)
            flow.fresh_draft(
                context, parent_id=plan.id, rejection_id=plan.rejection_id, sentence=sentence
            )
            return await flow.go(IF, update, context)
    await answer(update, texts.EXPIRED)
    return END


async def _started(update: Update) -> None:
    await answer(update)
    await settle_button(update)


async def win_typed(update: Update, context: Context) -> int | None:
    """The win in the person's own words, logged once for the plan (a replay finds it)."""
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    s = context.services
    user = update.effective_user
    assert user is not None
    plan_id = int(flow.draft(context)["win_of"])
    flow.drop_draft(context)
    win = await entries.log_plan_win(
        s.db,
        user_id=user.id,
        plan_id=plan_id,
        text=text,
        now=s.clock.now(),
        update_id=update.update_id,
    )
    if win is None:
        await reply(update, texts.PLAN_GONE, menu_keyboard())
        return END
    log.info("win logged from plan user_id=%s plan_id=%s win_id=%s", user.id, plan_id, win.id)
    await reply(update, texts.WIN_SAVED.format(text=texts.esc(win.text)), menu_keyboard())
    await offer_sharing(update, context, win)
    return END


async def when_chosen(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, WhenTap)
    if tap is None:
        return None
    _, today = await _zone_today(update, context)
    return await _save(update, context, plans.when_to_date(tap.when, today))


async def when_typed(update: Update, context: Context) -> int | None:
    """Today / tomorrow / this week, or a weekday within the next seven days, typed."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    _, today = await _zone_today(update, context)
    word = parse_word(text)
    if word in _TYPED_WHEN:
        return await _save(update, context, plans.when_to_date(_TYPED_WHEN[word], today))
    weekday = parse_weekday(text)
    day = next((d for d in [today, *plans.pick_days(today)] if d.weekday() == weekday), None)
    if day is None:
        await reply(update, texts.NEXT_WHEN_HINT)
        return None
    return await _save(update, context, day)


async def _zone_today(update: Update, context: Context) -> tuple[str, date]:
    user = update.effective_user
    assert user is not None
    return await zone_today(context, user.id)


async def _save(update: Update, context: Context, day: date) -> int:
    """The new plan, linked to the one before it; a replayed update finds its row."""
    s = context.services
    user = update.effective_user
    assert user is not None
    draft = flow.draft(context)
    zone, today = await _zone_today(update, context)
    now = s.clock.now()
    follow_up = plans.plan_follow_up(day, now, zone)
    parent_id, rejection_id = draft.get("parent_id"), draft.get("rejection_id")
    plan = await entries.add_plan(
        s.db,
        user_id=user.id,
        rejection_id=None if rejection_id is None else int(rejection_id),
        parent_id=None if parent_id is None else int(parent_id),
        if_do=plans.clean_if(str(draft["if_do"])),
        then_happens=plans.clean_then(str(draft["then"])),
        follow_up_on=follow_up.day,
        follow_up_due=follow_up.due,
        now=now,
        update_id=update.update_id,
    )
    flow.drop_draft(context)
    log.info("next plan saved user_id=%s plan_id=%s parent_id=%s", user.id, plan.id, parent_id)
    when = follow_up_when(follow_up.day, follow_up.at, today)
    template = texts.PLAN_SAVED_LATE if follow_up.moved else texts.PLAN_SAVED
    await reply(update, template.format(when=when), menu_keyboard())
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[CallbackQueryHandler(begin, pattern=NextStep.pattern())],
        states={
            WIN_TEXT: [
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, win_typed),
            ],
            IF: flow.text_step("if_do", PLAN_PART_LIMIT, THEN, skippable=False),
            THEN: flow.text_step("then", PLAN_PART_LIMIT, WHEN, skippable=False),
            WHEN: [
                CallbackQueryHandler(when_chosen, pattern=flow.pattern(WhenTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, when_typed),
            ],
        },
    )
