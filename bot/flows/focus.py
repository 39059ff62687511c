"""/focus (step 4): the one gap to work on now, from the feedback's themes or typed.

One focus at a time; choosing another ends the current one, which stays in the history
with its dates. The weekly check-in shows the current focus (bot/storage/focus.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain import feedback as feedback_rules
from bot.domain.answers import parse_scale
from bot.domain.due import local_now
from bot.domain.text import shorten
from bot.flows.common import (
    END,
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
    show_menu_button,
    zone_today,
)
from bot.storage import feedback as feedback_store
from bot.storage import focus as store
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, PickFocus
from bot.ui.dates import format_date

log = logging.getLogger(__name__)

PICK = "pick"
MAX_THEMES = 6
LABEL_CHARS = 40


@dataclass(frozen=True)
class ThemeTap(FlowData, action="theme"):
    """One of the feedback's themes, by its place in the list the draft keeps."""

    index: int


@dataclass(frozen=True)
class KeepFocus(FlowData, action="keep"):
    """Keep the current focus."""


def _one_line(text: str, limit: int) -> str:
    return shorten(" ".join(text.split()), limit)


async def themes_for(context: Context, user_id: int) -> list[str]:
    """The "do better" answers of the latest round, most frequent first (if enough came)."""
    s = context.services
    latest = await feedback_store.latest_round(s.db, user_id)
    if latest is None:
        return []
    answers = await feedback_store.answers(s.db, user_id, latest.id)
    shown = feedback_rules.results(answers)  # None below the threshold; no distress text
    if shown is None:
        return []
    return [_one_line(text, SHORT_LIMIT) for text, _ in shown.do_better[:MAX_THEMES]]


async def _ask_pick(update: Update, context: Context) -> None:
    s = context.services
    user = update.effective_user
    assert user is not None
    zone, _ = await zone_today(context, user.id)

    def day(moment: datetime | None) -> str:
        return "" if moment is None else format_date(local_now(moment, zone))

    now_focus = await store.current(s.db, user.id)
    earlier = await store.history(s.db, user.id)
    if now_focus is None:
        text = texts.FOCUS_NONE
    else:
        text = texts.FOCUS_CURRENT.format(
            since=day(now_focus.started_at), text=texts.esc(now_focus.text)
        )
    if earlier:
        lines = "\n".join(
            texts.FOCUS_HISTORY_LINE.format(
                text=texts.esc(_one_line(f.text, 80)), start=day(f.started_at), end=day(f.ended_at)
            )
            for f in earlier
        )
        text += texts.FOCUS_HISTORY.format(lines=lines)
    themes = flow.draft(context).get("themes") or []
    text += texts.FOCUS_ASK + (texts.FOCUS_ASK_THEMES if themes else texts.FOCUS_ASK_TYPE)
    rows = [
        [(_one_line(theme, LABEL_CHARS), flow.data(context, ThemeTap(i)))]
        for i, theme in enumerate(themes)
    ]
    last = [flow.cancel_button(context)]
    if now_focus is not None:
        last.insert(0, (texts.BUTTON_KEEP_FOCUS, flow.data(context, KeepFocus())))
    await reply(update, text, keyboard([*rows, last]))


flow = Flow(
    name="focus", prefix="fo", command="focus", prompts={PICK: _ask_pick}, drop_on_cancel=True
)


async def begin(update: Update, context: Context) -> str:
    await answer(update)
    user = update.effective_user
    assert user is not None
    flow.fresh_draft(context, themes=await themes_for(context, user.id))
    return await flow.go(PICK, update, context)


async def theme_chosen(update: Update, context: Context) -> int | None:
    themes = flow.draft(context).get("themes") or []
    tap = await flow.tap(update, context, ThemeTap, valid=lambda t: 0 <= t.index < len(themes))
    if tap is None:
        return None
    return await _save(update, context, str(themes[tap.index]), "feedback")


async def typed(update: Update, context: Context) -> int | None:
    """The gap in a few words, or the number of a theme from the list."""
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    themes = flow.draft(context).get("themes") or []
    number = parse_scale(text, 1, len(themes)) if themes else None
    if number is not None:
        return await _save(update, context, str(themes[number - 1]), "feedback")
    return await _save(update, context, text, "typed")


async def keep(update: Update, context: Context) -> int | None:
    if await flow.tap(update, context, KeepFocus) is None:
        return None
    flow.drop_draft(context)
    await reply(update, texts.FOCUS_KEPT, menu_keyboard())
    return END


async def _save(update: Update, context: Context, text: str, source: str) -> int:
    s = context.services
    user = update.effective_user
    assert user is not None
    chosen = await store.set_focus(
        s.db, user_id=user.id, text=text, source=source, now=s.clock.now()
    )
    flow.drop_draft(context)
    log.info("focus set user_id=%s focus_id=%s source=%s", user.id, chosen.id, source)
    next_step = keyboard([[(texts.BUTTON_NEXT_STEP, Menu("reframe").pack()), show_menu_button()]])
    await reply(update, texts.FOCUS_SET.format(text=texts.esc(text)), next_step)
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("focus", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=PickFocus.pattern()),
        ],
        states={
            PICK: [
                CallbackQueryHandler(theme_chosen, pattern=flow.pattern(ThemeTap)),
                CallbackQueryHandler(keep, pattern=flow.pattern(KeepFocus)),
                MessageHandler(PRIVATE & TEXT_INPUT, typed),
            ],
        },
    )
