"""/rejection: what happened, where, how hard it landed, what was in your control."""

from __future__ import annotations

import logging
import typing
from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler

from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    RESUME,
    SHORT_LIMIT,
    Context,
    Flow,
    Resume,
    ScaleTap,
    answer,
    keyboard,
    reply,
)
from bot.storage import entries
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, ReframeRejection

log = logging.getLogger(__name__)

KIND, OTHER, WHERE, HURT, CONTROL = "kind", "other", "where", "hurt", "control"
Kind = Literal["meeting", "application", "recruiter", "interview", "other"]
KINDS: tuple[Kind, ...] = typing.get_args(Kind)


@dataclass(frozen=True)
class KindTap(FlowData, action="kind"):
    kind: Kind


async def _ask_kind(update: Update, context: Context) -> None:
    rows = [
        [(texts.REJECTION_KIND_LABEL[kind], flow.data(context, KindTap(kind)))] for kind in KINDS
    ]
    await reply(update, texts.ASK_KIND, keyboard([*rows, [flow.cancel_button(context)]]))


async def _ask_other(update: Update, context: Context) -> None:
    await reply(update, texts.ASK_OTHER, keyboard([[flow.cancel_button(context)]]))


async def _ask_where(update: Update, context: Context) -> None:
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, texts.ASK_WHERE, keyboard(buttons))


async def _ask_hurt(update: Update, context: Context) -> None:
    rows = [flow.scale_row(context), [flow.cancel_button(context)]]
    await reply(update, texts.ASK_HURT, keyboard(rows))


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
    tap = await flow.tap(update, context, KindTap)
    if tap is None:
        return None
    flow.draft(context)["kind"] = tap.kind
    return await flow.go(OTHER if tap.kind == "other" else WHERE, update, context)


async def hurt_chosen(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, ScaleTap, shown=lambda t: f"{t.score}/5")
    if tap is None:
        return None
    flow.draft(context)["hurt"] = tap.score
    return await flow.go(CONTROL, update, context)


async def _save(update: Update, context: Context) -> int:
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
        in_control=draft.get("in_control"),
        now=s.clock.now(),
        update_id=update.update_id,  # a replay of this update finds its row
    )
    flow.drop_draft(context)
    log.info("rejection logged user_id=%s rejection_id=%s", user.id, rejection.id)
    buttons = [
        [(texts.BUTTON_REFRAME_NOW, ReframeRejection(rejection.id).pack())],
        [(texts.BUTTON_NOT_NOW, Menu("show").pack())],
    ]
    await reply(update, texts.REJECTION_SAVED, keyboard(buttons))
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("rejection", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="rejection")),
        ],
        states={
            RESUME: [CallbackQueryHandler(resume, pattern=flow.pattern(Resume))],
            KIND: [CallbackQueryHandler(kind_chosen, pattern=flow.pattern(KindTap))],
            OTHER: flow.text_step("other_text", SHORT_LIMIT, WHERE, skippable=False),
            WHERE: flow.text_step("where_text", SHORT_LIMIT, HURT, skippable=True),
            HURT: [CallbackQueryHandler(hurt_chosen, pattern=flow.pattern(ScaleTap))],
            CONTROL: flow.text_step("in_control", ENTRY_LIMIT, _save, skippable=True),
        },
    )
