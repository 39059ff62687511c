"""/history: the latest rejections (with their reframes), plans, wins and notes, paged; each
entry can be fixed or removed from there (bot/flows/history_edit.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot.flows import circles
from bot.flows.common import (
    PRIVATE,
    Context,
    Handler,
    answer,
    keyboard,
    menu_keyboard,
    reply,
    show_menu_button,
    zone_today,
)
from bot.flows.history_edit import FixPick
from bot.storage import beliefs, entries
from bot.ui import texts
from bot.ui.beliefs import history_block
from bot.ui.callbacks import CallbackData, Menu
from bot.ui.history import entry_line

PAGE_SIZE = 5


@dataclass(frozen=True)
class Page(CallbackData, prefix="hi"):
    """‹ Newer / Older ›: the page starting at ``offset`` (newest first)."""

    offset: int


async def _page(context: Context, user_id: int, offset: int) -> tuple[str, Any]:
    s = context.services
    zone, _ = await zone_today(context, user_id)
    total = await entries.history_count(s.db, user_id)
    if total == 0:
        return texts.HISTORY_EMPTY, menu_keyboard()
    offset = max(0, min(offset, (total - 1) // PAGE_SIZE * PAGE_SIZE))
    items = await entries.history_page(s.db, user_id, offset, PAGE_SIZE)
    header = texts.HISTORY_HEADER.format(first=offset + 1, last=offset + len(items), total=total)
    marks, can_share = await circles.history_marks(context, user_id, items)
    body = "\n\n".join(
        entry_line(item, zone) + mark for item, mark in zip(items, marks, strict=True)
    )
    if offset == 0:  # the belief held now, and the ones before it, above the newest entries
        held = await beliefs.current_belief(s.db, user_id)
        earlier = await beliefs.earlier_beliefs(s.db, user_id)
        if held is not None:
            body = f"{history_block(held, earlier, zone)}\n\n{body}"
    nav: list[tuple[str, str]] = []
    if offset > 0:
        nav.append((texts.BUTTON_PREV, Page(max(0, offset - PAGE_SIZE)).pack()))
    if offset + PAGE_SIZE < total:
        nav.append((texts.BUTTON_NEXT, Page(offset + PAGE_SIZE).pack()))
    rows = [nav] if nav else []
    rows.append([(texts.BUTTON_HISTORY_FIX, FixPick(offset, PAGE_SIZE).pack())])
    if can_share:
        rows.append([(texts.BUTTON_HISTORY_SHARE, circles.SharePick(offset, PAGE_SIZE).pack())])
    rows.append([show_menu_button()])
    return f"{header}\n\n{body}", keyboard(rows)


async def show(update: Update, context: Context) -> None:
    await answer(update)
    user = update.effective_user
    assert user is not None
    text, markup = await _page(context, user.id, 0)
    await reply(update, text, markup)


async def turn_page(update: Update, context: Context) -> None:
    """‹ Newer / Older ›: works inside a flow too (it runs before the conversations)."""
    await _turn_page(update, context)
    raise ApplicationHandlerStop


async def _turn_page(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = Page.parse(query.data)
    assert tap is not None  # routed by Page.pattern()
    text, markup = await _page(context, query.from_user.id, tap.offset)
    await answer(update)
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except BadRequest:
            pass
    await reply(update, text, markup)


def anytime_handlers() -> list[Handler]:
    """Turning a page, inside a flow or not (Group.BEFORE_FLOWS)."""
    return [CallbackQueryHandler(turn_page, pattern=Page.pattern())]


def handlers() -> list[Handler]:
    return [
        CommandHandler("history", show, PRIVATE),
        CallbackQueryHandler(show, pattern=Menu.pattern(action="history")),
    ]
