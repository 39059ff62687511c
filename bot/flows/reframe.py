"""/reframe: "If I do ___, then ___ will happen" — two blanks, a day, and how it feels now."""

from __future__ import annotations

import logging
from datetime import date

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain import plans
from bot.domain.due import local_now
from bot.flows.common import (
    END,
    PRIVATE,
    RESUME,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    keyboard,
    menu_keyboard,
    reply,
    settle_button,
)
from bot.storage import entries, users
from bot.ui import texts

log = logging.getLogger(__name__)

IF, THEN, WHEN, PICK, HURT_AFTER = "if", "then", "when", "pick", "hurt_after"
PLAN_PART_LIMIT = 300


async def _today(update: Update, context: Context) -> tuple[date, str]:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    user = await users.get(s.db, tg_user.id)
    zone = user.timezone if user else s.settings.default_timezone
    return local_now(s.clock.now(), zone).date(), zone


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
    buttons = [(label, flow.data(context, "when", code)) for label, code in texts.WHEN_BUTTONS]
    await reply(update, text, keyboard([buttons[:2], buttons[2:], [flow.cancel_button(context)]]))


async def _ask_pick(update: Update, context: Context) -> None:
    today, _ = await _today(update, context)
    days = [
        (plans.format_day(d, today), flow.data(context, "day", d.isoformat()))
        for d in plans.pick_days(today)
    ]
    await reply(update, texts.ASK_PICK_DAY, keyboard([days[:4], days[4:]]))


async def _ask_hurt_after(update: Update, context: Context) -> None:
    scale = [(str(n), flow.data(context, "hurt", n)) for n in range(1, 6)]
    await reply(
        update,
        texts.ASK_HURT_AFTER,
        keyboard([scale, [flow.skip_button(context)]]),
    )


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
flow.button_states = frozenset({WHEN, PICK, HURT_AFTER})


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
    assert query is not None and query.data is not None
    s = context.services
    user = update.effective_user
    assert user is not None
    raw = query.data.rsplit(":", 1)[-1]
    rejection = await entries.get_rejection(s.db, user.id, int(raw)) if raw.isdigit() else None
    if rejection is None:
        await answer(update, texts.EXPIRED)
        return END
    await answer(update)
    await settle_button(update, texts.BUTTON_REFRAME_NOW)
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


if_typed = flow.store_text("if_do", PLAN_PART_LIMIT, THEN)
then_typed = flow.store_text("then", PLAN_PART_LIMIT, WHEN)


async def when_chosen(update: Update, context: Context) -> str | int | None:
    code = flow.parse(update, context)
    if code not in ("today", "tomorrow", "week", "pick"):
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, dict((c, label) for label, c in texts.WHEN_BUTTONS)[code])
    if code == "pick":
        return await flow.go(PICK, update, context)
    today, _ = await _today(update, context)
    return await _save(update, context, plans.when_to_date(code, today))


async def day_picked(update: Update, context: Context) -> str | int | None:
    arg = flow.parse(update, context)
    today, _ = await _today(update, context)
    try:
        day = date.fromisoformat(arg or "")
    except ValueError:
        day = None
    if day is None or day < today:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, plans.format_day(day, today))
    return await _save(update, context, day)


async def _save(update: Update, context: Context, day: date) -> str | int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    draft = flow.draft(context)
    today, zone = await _today(update, context)
    now = s.clock.now()
    rejection_id = draft.get("rejection_id")
    plan = await entries.add_plan(
        s.db,
        user_id=tg_user.id,
        rejection_id=int(rejection_id) if rejection_id is not None else None,
        if_do=plans.clean_if(str(draft["if_do"])),
        then_happens=plans.clean_then(str(draft["then"])),
        follow_up_on=day,
        follow_up_due=plans.follow_up_due(day, now, zone),
        now=now,
    )
    log.info("plan saved user_id=%s plan_id=%s", tg_user.id, plan.id)
    await reply(update, texts.PLAN_SAVED.format(when=plans.when_phrase(day, today)))
    if plan.rejection_id is None:
        flow.drop_draft(context)
        await reply(update, texts.MENU, menu_keyboard())
        return END
    draft["saved_plan"] = plan.id
    return await flow.go(HURT_AFTER, update, context)


async def hurt_after_chosen(update: Update, context: Context) -> int | None:
    arg = flow.parse(update, context)
    if arg not in ("1", "2", "3", "4", "5", ""):
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    draft = flow.draft(context)
    if arg:
        await settle_button(update, f"{arg}/5")
        s = context.services
        user = update.effective_user
        assert user is not None
        after, before = int(arg), int(draft.get("hurt") or 0)
        await entries.set_hurt_after(s.db, user.id, int(draft["rejection_id"]), after)
        text = texts.HURT_DROP if after < before else texts.HURT_SAME
        await reply(update, text.format(before=before, after=after), menu_keyboard())
    else:
        await settle_button(update, texts.BUTTON_SKIP)
        await reply(update, texts.MENU, menu_keyboard())
    flow.drop_draft(context)
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("reframe", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=r"^menu:reframe$"),
            CallbackQueryHandler(begin_from_rejection, pattern=r"^rf:new:\d+$"),
        ],
        states={
            RESUME: [CallbackQueryHandler(resume, pattern=flow.pattern("resume"))],
            IF: [MessageHandler(PRIVATE & TEXT_INPUT, if_typed)],
            THEN: [MessageHandler(PRIVATE & TEXT_INPUT, then_typed)],
            WHEN: [CallbackQueryHandler(when_chosen, pattern=flow.pattern("when"))],
            PICK: [CallbackQueryHandler(day_picked, pattern=flow.pattern("day"))],
            HURT_AFTER: [
                CallbackQueryHandler(hurt_after_chosen, pattern=flow.pattern("(hurt|skip)"))
            ],
        },
    )
