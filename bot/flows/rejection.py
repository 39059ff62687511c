"""/rejection: what happened, where, how hard it landed, what was in your control."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    RESUME,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    care_if_needed,
    keyboard,
    read_text,
    reply,
    settle_button,
)
from bot.storage import entries
from bot.ui import texts

log = logging.getLogger(__name__)

KIND, OTHER, WHERE, HURT, CONTROL = "kind", "other", "where", "hurt", "control"


async def _ask_kind(update: Update, context: Context) -> None:
    rows = [[(label, flow.data(context, "kind", code))] for code, label in texts.REJECTION_KINDS]
    await reply(update, texts.ASK_KIND, keyboard([*rows, [flow.cancel_button(context)]]))


async def _ask_other(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_OTHER, keyboard([[flow.cancel_button(context)]]))


async def _ask_where(update: Update, context: Context) -> None:
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, texts.ASK_WHERE, keyboard(buttons))


async def _ask_hurt(update: Update, context: Context) -> None:
    scale = [(str(n), flow.data(context, "hurt", n)) for n in range(1, 6)]
    await reply(update, texts.ASK_HURT, keyboard([scale, [flow.cancel_button(context)]]))


async def _ask_control(update: Update, context: Context) -> None:
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, texts.ASK_CONTROL, keyboard(buttons))


flow = Flow(
    name="rejection",
    prefix="rj",
    command="rejection",
    prompts={
        KIND: _ask_kind,
        OTHER: _ask_other,
        WHERE: _ask_where,
        HURT: _ask_hurt,
        CONTROL: _ask_control,
    },
)
flow.button_states = frozenset({KIND, HURT})


async def begin(update: Update, context: Context) -> str:
    await answer(update)
    if flow.has_draft(context):
        return await flow.offer_resume(update, context)
    flow.fresh_draft(context)
    return await flow.go(KIND, update, context)


async def resume(update: Update, context: Context) -> str | None:
    choice = await flow.resume_choice(update, context)
    if choice is None:
        return None
    if choice:
        return await flow.go_back(update, context, KIND)
    flow.fresh_draft(context)
    return await flow.go(KIND, update, context)


async def kind_chosen(update: Update, context: Context) -> str | None:
    code = flow.parse(update, context)
    if code not in texts.REJECTION_KIND_LABEL:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, texts.REJECTION_KIND_LABEL[code])
    flow.draft(context)["kind"] = code
    return await flow.go(OTHER if code == "other" else WHERE, update, context)


other_typed = flow.store_text("other_text", SHORT_LIMIT, WHERE)
where_typed = flow.store_text("where_text", SHORT_LIMIT, HURT)
where_skipped = flow.store_skip("where_text", HURT)


async def hurt_chosen(update: Update, context: Context) -> str | None:
    arg = flow.parse(update, context)
    if arg not in ("1", "2", "3", "4", "5"):
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, f"{arg}/5")
    flow.draft(context)["hurt"] = int(arg)
    return await flow.go(CONTROL, update, context)


async def control_typed(update: Update, context: Context) -> int | None:
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    await care_if_needed(update, context, text)
    return await _save(update, context, text)


async def control_skipped(update: Update, context: Context) -> int | None:
    if flow.parse(update, context) is None:
        await answer(update, texts.EXPIRED)
        return None
    await answer(update)
    await settle_button(update, texts.BUTTON_SKIP)
    return await _save(update, context, None)


async def _save(update: Update, context: Context, in_control: str | None) -> int:
    s = context.services
    user = update.effective_user
    assert user is not None
    draft = flow.draft(context)
    rejection = await entries.add_rejection(
        s.db,
        user_id=user.id,
        kind=str(draft["kind"]),
        other_text=draft.get("other_text"),
        where_text=draft.get("where_text"),
        hurt=int(draft["hurt"]),
        in_control=in_control,
        now=s.clock.now(),
    )
    flow.drop_draft(context)
    log.info("rejection logged user_id=%s rejection_id=%s", user.id, rejection.id)
    buttons = [
        [(texts.BUTTON_REFRAME_NOW, f"rf:new:{rejection.id}")],
        [(texts.BUTTON_NOT_NOW, "menu:show")],
    ]
    await reply(update, texts.REJECTION_SAVED, keyboard(buttons))
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("rejection", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=r"^menu:rejection$"),
        ],
        states={
            RESUME: [CallbackQueryHandler(resume, pattern=flow.pattern("resume"))],
            KIND: [CallbackQueryHandler(kind_chosen, pattern=flow.pattern("kind"))],
            OTHER: [MessageHandler(PRIVATE & TEXT_INPUT, other_typed)],
            WHERE: [
                MessageHandler(PRIVATE & TEXT_INPUT, where_typed),
                CallbackQueryHandler(where_skipped, pattern=flow.pattern("skip")),
            ],
            HURT: [CallbackQueryHandler(hurt_chosen, pattern=flow.pattern("hurt"))],
            CONTROL: [
                MessageHandler(PRIVATE & TEXT_INPUT, control_typed),
                CallbackQueryHandler(control_skipped, pattern=flow.pattern("skip")),
            ],
        },
    )
