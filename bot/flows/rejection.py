"""/rejection: what happened, where, how hard it landed, what was in your control.

Also started from a message typed outside any flow ("Log this as a rejection?",
bot/flows/free_text.py): its words are kept as the rejection's note, and the kind they
suggest saves the first question. At "What happened?" a description may be typed instead
of a tap (read the same way), at "How hard did it land?" a number.
"""

from __future__ import annotations

import logging
import typing
from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain.answers import Word, parse_scale
from bot.domain.intent import read_free_text
from bot.flows import kept
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    RESUME,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    ScaleTap,
    answer,
    keyboard,
    note_question,
    read_text,
    reply,
    settle_button,
    typed,
    user_data,
)
from bot.flows.kept import FreeTap
from bot.storage import beliefs, entries
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, ReframeRejection

log = logging.getLogger(__name__)

KIND, OTHER, WHERE, HURT, CONTROL = "kind", "other", "where", "hurt", "control"
NOTE_LIMIT = 4096  # a whole message: the words a rejection is logged from
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


async def start_from_text(update: Update, context: Context, item: kept.Kept) -> str:
    """Yes to "Log this as a rejection?" (tapped, or typed: then the caller enters the
    conversation): the words become the note, and their kind saves a question."""
    kept.drop(context, item.key)
    draft = flow.fresh_draft(context, note=item.text)
    if item.kind in KINDS and item.kind != "other":
        draft["kind"] = item.kind
        label = texts.REJECTION_KIND_LABEL[item.kind]
        await reply(update, texts.REJECTION_FROM_TEXT_KIND.format(kind=label))
        return await flow.go(WHERE, update, context)
    await reply(update, texts.REJECTION_FROM_TEXT)
    return await flow.go(KIND, update, context)


async def from_text(update: Update, context: Context) -> str | int:
    """The "Log this as a rejection?" button (an entry point)."""
    query = update.callback_query
    tap = FreeTap.parse(query.data if query else None)
    item = kept.get(context, tap.key) if tap else None
    if item is None:
        await answer(update, texts.KEPT_GONE)
        return END
    await answer(update)
    await settle_button(update, texts.BUTTON_LOG_REJECTION)
    return await start_from_text(update, context, item)


async def _kind_set(update: Update, context: Context, kind: Kind) -> str:
    """The kind is known; "Something else" takes the note as its few words if it fits."""
    draft = flow.draft(context)
    draft["kind"] = kind
    if kind != "other":
        return await flow.go(WHERE, update, context)
    note = draft.get("note")
    if isinstance(note, str) and len(note) <= SHORT_LIMIT:
        draft["other_text"] = note
        return await flow.go(WHERE, update, context)
    return await flow.go(OTHER, update, context)


async def kind_chosen(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, KindTap)
    if tap is None:
        return None
    return await _kind_set(update, context, tap.kind)


async def kind_typed(update: Update, context: Context) -> str | None:
    """What happened, typed: an option's number, or words (kept as the note) read for the
    kind they describe; "Something else" when they describe none."""
    text = await read_text(update, NOTE_LIMIT)
    if text is None:
        return None
    number = parse_scale(text, 1, len(KINDS))
    if number is not None:
        kind = KINDS[number - 1]
    else:
        flow.remember_answer(update, context, "note", NOTE_LIMIT)
        flow.draft(context)["note"] = text
        kind = _kind_of(text)
    if kind == "other" and number is None and len(text) <= SHORT_LIMIT:
        shown = text  # it becomes the few words of "Something else"
    else:
        shown = texts.REJECTION_KIND_LABEL[kind]
    await reply(update, texts.KIND_UNDERSTOOD.format(kind=texts.esc(shown)))
    return await _kind_set(update, context, kind)


# Words that name a kind, for an answer to "What happened?" that reads as no rejection by
# itself ("an interview", "the recruiter").
_KIND_WORDS: tuple[tuple[str, Kind], ...] = (
    ("interview", "interview"),
    ("recruiter", "recruiter"),
    ("headhunter", "recruiter"),
    ("meeting", "meeting"),
    ("coffee", "meeting"),
    ("applied", "application"),
    ("application", "application"),
)


def _kind_of(text: str) -> Kind:
    """The kind a typed answer to "What happened?" describes; "other" for none."""
    guess = read_free_text(text).kind
    if guess is not None:
        return guess
    lowered = text.casefold()
    return next((kind for word, kind in _KIND_WORDS if word in lowered), "other")


async def hurt_chosen(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, ScaleTap, shown=lambda t: f"{t.score}/5")
    if tap is None:
        return None
    flow.draft(context)["hurt"] = tap.score
    return await flow.go(CONTROL, update, context)


async def hurt_typed(update: Update, context: Context) -> str | None:
    score = parse_scale((await read_text(update, SHORT_LIMIT)) or "")
    if score is None:
        await reply(update, texts.HURT_HINT)
        return None
    flow.draft(context)["hurt"] = score
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
        note=draft.get("note"),
    )
    flow.drop_draft(context)
    log.info("rejection logged user_id=%s rejection_id=%s", user.id, rejection.id)
    buttons = [
        [(texts.BUTTON_REFRAME_NOW, ReframeRejection(rejection.id).pack())],
        [(texts.BUTTON_NOT_NOW, Menu("show").pack())],
    ]
    # Someone with a belief of their own sees it at the reframe, not the general one here.
    own = await beliefs.current_belief(s.db, user.id) is not None
    saved = texts.REJECTION_SAVED_OWN_BELIEF if own else texts.REJECTION_SAVED
    await reply(update, saved, keyboard(buttons))
    # "yes" typed instead of tapping "Reframe it now" counts (bot/flows/free_text.py)
    now = s.clock.now()
    note_question(
        user_data(context), "reframe", now, rejection_id=rejection.id, update_id=update.update_id
    )
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("rejection", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="rejection")),
            CallbackQueryHandler(from_text, pattern=FreeTap.pattern(action="rejection")),
        ],
        states={
            RESUME: flow.resume_step(resume),
            KIND: [
                CallbackQueryHandler(kind_chosen, pattern=flow.pattern(KindTap)),
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, kind_typed),
            ],
            OTHER: flow.text_step("other_text", SHORT_LIMIT, WHERE, skippable=False),
            WHERE: flow.text_step("where_text", SHORT_LIMIT, HURT, skippable=True),
            HURT: [
                CallbackQueryHandler(hurt_chosen, pattern=flow.pattern(ScaleTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, hurt_typed),
            ],
            CONTROL: flow.text_step("in_control", ENTRY_LIMIT, _save, skippable=True),
        },
    )
