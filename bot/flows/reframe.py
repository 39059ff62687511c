"""/reframe: "If I do ___, then ___ will happen" — two blanks, a day, and how it feels now.

Coaching, after the article: the first reframe of a rejection asks for the person's own
healthier belief (three suggestions, or typed), and every reframe shows it in one line with
"Change my belief". The first blank comes with next steps that fit the rejection's kind
(:mod:`bot.domain.coaching`): one tap fills both blanks, and "Change it" edits them before
the day is chosen. What the person said was in their control is offered as the first blank.
A blank (or belief) that says nothing ("thanks", "ok", ".") gets one nudge with an example;
the second answer is taken as it is.

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

from bot.domain import coaching, plans
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
    StepHandler,
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
from bot.storage import beliefs, entries
from bot.storage.entries import Rejection
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, ReframeRejection
from bot.ui.dates import day_label, follow_up_when

log = logging.getLogger(__name__)

IF, THEN, WHEN, PICK, HURT_AFTER = "if", "then", "when", "pick", "hurt_after"
BELIEF = "belief"
PLAN_PART_LIMIT = 300
BELIEF_LIMIT = SHORT_LIMIT
When = Literal["today", "tomorrow", "week", "pick"]
WHENS: tuple[When, ...] = typing.get_args(When)
BeliefIndex = Literal[0, 1, 2]  # texts.BELIEF_SUGGESTIONS
Part = Literal["belief", "if", "then"]  # the steps BELIEF, IF and THEN


@dataclass(frozen=True)
class BeliefTap(FlowData, action="belief"):
    """One of the suggested beliefs."""

    index: BeliefIndex


@dataclass(frozen=True)
class ChangeBelief(FlowData, action="newbelief"):
    """ "Change my belief" (or "Pick a healthier belief") under the first blank."""


@dataclass(frozen=True)
class NextStepTap(FlowData, action="step"):
    """A tailored next step: fills both blanks (a code of coaching.NEXT_STEPS)."""

    code: str


@dataclass(frozen=True)
class FromControl(FlowData, action="control"):
    """The "in my control" answer of the rejection as the first blank."""


@dataclass(frozen=True)
class MyOwn(FlowData, action="own"):
    """ "My own": type the first blank."""


@dataclass(frozen=True)
class ChangePlan(FlowData, action="change"):
    """ "Change it" under the plan: edit both blanks."""


@dataclass(frozen=True)
class KeepPart(FlowData, action="keep"):
    """Keep this part as it is (while changing the belief, or editing the plan)."""

    part: Part


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


def _sentence(if_do: str, then: str) -> str:
    """The plan in the person's language (HTML-escaped): "If I <do>, then <happens>."."""
    return texts.esc(texts.plan_sentence(if_do, then))


def _steps(context: Context) -> tuple[str, ...]:
    """The next-step codes for this reframe's rejection kind (general without one)."""
    kind = flow.draft(context).get("kind")
    return coaching.next_steps(kind if isinstance(kind, str) else None)


def _control_blank(context: Context) -> str | None:
    """The rejection's "in my control" answer as a first blank, if given and if it fits."""
    control = flow.draft(context).get("control")
    if not isinstance(control, str) or not control.strip():
        return None
    blank = coaching.as_first_blank(control)
    return blank if len(blank) <= PLAN_PART_LIMIT else None


def _example(context: Context, key: str) -> str:
    """A blank of the first fitting suggestion: the example for ``key`` (if_do or then)."""
    _label, if_do, then = texts.NEXT_STEPS[_steps(context)[0]]
    return if_do if key == "if_do" else then


async def _ask_belief(update: Update, context: Context) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    held = await beliefs.current_belief(context.services.db, tg_user.id)
    rows = [
        [(text, flow.data(context, BeliefTap(index)))]
        for index, text in zip(typing.get_args(BeliefIndex), texts.BELIEF_SUGGESTIONS, strict=True)
    ]
    if held is None:
        text = texts.ASK_BELIEF
    else:
        text = texts.ASK_BELIEF_CHANGE.format(belief=texts.esc(held.text))
        rows.append([(texts.BUTTON_KEEP_BELIEF, flow.data(context, KeepPart("belief")))])
    await reply(update, text, keyboard([*rows, [flow.cancel_button(context)]]))


async def _ask_if(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    if draft.get("editing") and draft.get("if_do"):
        text = texts.ASK_IF_EDIT.format(if_do=texts.esc(plans.clean_if(str(draft["if_do"]))))
        keep = (texts.BUTTON_KEEP, flow.data(context, KeepPart("if")))
        await reply(update, text, keyboard([[keep, flow.cancel_button(context)]]))
        return
    tg_user = update.effective_user
    assert tg_user is not None
    held = await beliefs.current_belief(context.services.db, tg_user.id)
    lines = [texts.BELIEF_LINE.format(belief=texts.esc(held.text))] if held else []
    lines.append(texts.NEXT_STEP_INTRO)
    rows: list[list[tuple[str, str]]] = []
    items: list[str] = []
    for number, code in enumerate(_steps(context), start=1):
        label, if_do, then = texts.NEXT_STEPS[code]
        sentence = _sentence(if_do, then)
        items.append(texts.NEXT_STEP_ITEM.format(number=number, sentence=sentence))
        rows.append([(f"{number}. {label}", flow.data(context, NextStepTap(code)))])
    lines.append("\n".join(items))
    control = _control_blank(context)
    if control is not None:
        first = texts.esc(plans.clean_if(control))
        lines.append(texts.NEXT_STEP_CONTROL.format(if_do=first))
        rows.append([(texts.BUTTON_FROM_CONTROL, flow.data(context, FromControl()))])
    lines.append(texts.NEXT_STEP_TYPE)
    belief_label = texts.BUTTON_CHANGE_BELIEF if held else texts.BUTTON_PICK_BELIEF
    rows.append([(texts.BUTTON_MY_OWN, flow.data(context, MyOwn()))])
    rows.append([(belief_label, flow.data(context, ChangeBelief()))])
    rows.append([flow.cancel_button(context)])
    await reply(update, "\n\n".join(lines), keyboard(rows))


async def _ask_then(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    if_do = texts.esc(plans.clean_if(str(draft["if_do"])))
    if draft.get("editing") and draft.get("then"):
        then = texts.esc(plans.clean_then(str(draft["then"])))
        keep = (texts.BUTTON_KEEP, flow.data(context, KeepPart("then")))
        text = texts.ASK_THEN_EDIT.format(if_do=if_do, then=then)
        await reply(update, text, keyboard([[keep, flow.cancel_button(context)]]))
        return
    await reply(
        update, texts.ASK_THEN.format(if_do=if_do), keyboard([[flow.cancel_button(context)]])
    )


async def _ask_when(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    text = texts.SHOW_PLAN.format(sentence=_sentence(str(draft["if_do"]), str(draft["then"])))
    labels = {code: label for label, code in texts.WHEN_BUTTONS}
    buttons = [(labels[when], flow.data(context, WhenTap(when))) for when in WHENS]
    change = (texts.BUTTON_CHANGE_PLAN, flow.data(context, ChangePlan()))
    rows = [buttons[:2], buttons[2:], [change, flow.cancel_button(context)]]
    await reply(update, text, keyboard(rows))


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
        BELIEF: _ask_belief,
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


async def _start_for(update: Update, context: Context, rejection: Rejection) -> str:
    """A reframe of ``rejection``: its kind picks the next steps, its "in my control" answer
    is offered as the first blank; the very first one asks for the belief."""
    flow.fresh_draft(
        context,
        rejection_id=rejection.id,
        hurt=rejection.hurt,
        kind=rejection.kind,
        control=rejection.in_control,
    )
    held = await beliefs.current_belief(context.services.db, rejection.user_id)
    return await flow.go(IF if held else BELIEF, update, context)


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
    return await _start_for(update, context, rejection)


async def start_for_rejection(update: Update, context: Context, rejection_id: int) -> str | None:
    """ "Yes" typed to "Want to turn this into a small next step?": as "Reframe it now"
    (the caller puts the person into the conversation). None if the rejection is gone."""
    user = update.effective_user
    assert user is not None
    rejection = await entries.get_rejection(context.services.db, user.id, rejection_id)
    if rejection is None:
        return None
    return await _start_for(update, context, rejection)


async def resume(update: Update, context: Context) -> str | None:
    choice = await flow.resume_choice(update, context)
    if choice is None:
        return None
    if choice:
        return await flow.go_back(update, context, IF)
    flow.fresh_draft(context, rejection_id=None)
    return await flow.go(IF, update, context)


# --- the belief ---------------------------------------------------------------------------
async def _nudged(update: Update, context: Context, part: Part, text: str, example: str) -> bool:
    """True (and the person nudged, with ``example``) the first time ``part`` is answered
    with something too thin to use; the second answer is taken as it is."""
    draft = flow.draft(context)
    done = draft.setdefault("nudged", [])
    if part in done or not coaching.too_thin(text):
        return False
    done.append(part)
    template = texts.NUDGE_BELIEF if part == "belief" else texts.NUDGE_BLANK
    await reply(update, template.format(example=texts.esc(example)))
    return True


async def _belief_set(update: Update, context: Context, text: str, source: beliefs.Source) -> str:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    held = await beliefs.set_belief(
        s.db, user_id=tg_user.id, text=text, source=source, now=s.clock.now()
    )
    log.info("belief set user_id=%s belief_id=%s source=%s", tg_user.id, held.id, source)
    await reply(update, texts.BELIEF_SAVED.format(belief=texts.esc(held.text)))
    return await flow.go(IF, update, context)


async def belief_picked(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, BeliefTap)
    if tap is None:
        return None
    return await _belief_set(update, context, texts.BELIEF_SUGGESTIONS[tap.index], "suggested")


async def belief_typed(update: Update, context: Context) -> str | None:
    text = await read_text(update, BELIEF_LIMIT)
    if text is None:
        return None
    if await _nudged(update, context, "belief", text, texts.BELIEF_SUGGESTIONS[0]):
        return None
    return await _belief_set(update, context, text, "typed")


async def change_belief(update: Update, context: Context) -> str | None:
    if await flow.tap(update, context, ChangeBelief) is None:
        return None
    return await flow.go(BELIEF, update, context)


# --- the blanks -------------------------------------------------------------------------
async def next_step_picked(update: Update, context: Context) -> str | None:
    """A tailored next step: both blanks filled at once; the plan and its day come next."""
    tap = await flow.tap(update, context, NextStepTap, valid=lambda t: t.code in _steps(context))
    if tap is None:
        return None
    _label, if_do, then = texts.NEXT_STEPS[tap.code]
    draft = flow.draft(context)
    draft.update(if_do=if_do, then=then)
    return await flow.go(WHEN, update, context)


async def from_control(update: Update, context: Context) -> str | None:
    """The "in my control" answer becomes the first blank; the second is asked."""
    control = _control_blank(context)
    if await flow.tap(update, context, FromControl, valid=lambda _t: control is not None) is None:
        return None
    flow.draft(context)["if_do"] = control
    return await flow.go(THEN, update, context)


async def my_own(update: Update, context: Context) -> None:
    """ "My own": the first blank, to type (the step stays)."""
    if await flow.tap(update, context, MyOwn) is None:
        return
    example = texts.esc(_example(context, "if_do"))
    await reply(
        update, texts.ASK_IF_OWN.format(example=example), keyboard([[flow.cancel_button(context)]])
    )


def _blank_typed(key: str, part: Part, then: str) -> StepHandler:
    """A typed blank (``key`` of the draft): one nudge if it's too thin, then kept."""

    async def typed_blank(update: Update, context: Context) -> str | None:
        text = await read_text(update, PLAN_PART_LIMIT)
        if text is None:
            return None
        if await _nudged(update, context, part, text, _example(context, key)):
            return None
        flow.remember_answer(update, context, key, PLAN_PART_LIMIT)
        draft = flow.draft(context)
        draft[key] = text
        if then == WHEN:
            draft.pop("editing", None)
        return await flow.go(then, update, context)

    return typed_blank


async def change_plan(update: Update, context: Context) -> str | None:
    """ "Change it" under the plan: each blank again, to type anew or keep."""
    if await flow.tap(update, context, ChangePlan) is None:
        return None
    flow.draft(context)["editing"] = True
    return await flow.go(IF, update, context)


async def kept(update: Update, context: Context) -> str | None:
    """ "Keep it": the belief (back to the blanks), or a blank being edited (on to the next)."""
    step = flow.draft(context).get("step")  # an older message's Keep keeps nothing now
    tap = await flow.tap(update, context, KeepPart, valid=lambda t: t.part == step)
    if tap is None:
        return None
    if tap.part == "belief":
        return await flow.go(IF, update, context)
    if tap.part == "if":
        return await flow.go(THEN, update, context)
    flow.draft(context).pop("editing", None)
    return await flow.go(WHEN, update, context)


# --- the day ----------------------------------------------------------------------------
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
            BELIEF: [
                CallbackQueryHandler(belief_picked, pattern=flow.pattern(BeliefTap)),
                CallbackQueryHandler(kept, pattern=flow.pattern(KeepPart)),
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, belief_typed),
            ],
            IF: [
                CallbackQueryHandler(next_step_picked, pattern=flow.pattern(NextStepTap)),
                CallbackQueryHandler(from_control, pattern=flow.pattern(FromControl)),
                CallbackQueryHandler(my_own, pattern=flow.pattern(MyOwn)),
                CallbackQueryHandler(change_belief, pattern=flow.pattern(ChangeBelief)),
                CallbackQueryHandler(kept, pattern=flow.pattern(KeepPart)),
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, _blank_typed("if_do", "if", THEN)),
            ],
            THEN: [
                CallbackQueryHandler(kept, pattern=flow.pattern(KeepPart)),
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, _blank_typed("then", "then", WHEN)),
            ],
            WHEN: [
                CallbackQueryHandler(when_chosen, pattern=flow.pattern(WhenTap)),
                CallbackQueryHandler(change_plan, pattern=flow.pattern(ChangePlan)),
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
