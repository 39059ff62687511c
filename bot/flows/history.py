"""/history: the latest rejections (with their reframes), plans, wins and notes, paged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot.domain import plans as rules
from bot.domain.due import local_now
from bot.domain.text import shorten
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
from bot.storage import entries
from bot.storage.entries import HistoryItem
from bot.ui import texts
from bot.ui.callbacks import CallbackData, Menu
from bot.ui.dates import format_short_date

PAGE_SIZE = 5
SHOWN = 80  # characters of each typed text shown in the list (/export has everything)
PLANS_SHOWN = 2


@dataclass(frozen=True)
class Page(CallbackData, prefix="hi"):
    """‹ Newer / Older ›: the page starting at ``offset`` (newest first)."""

    offset: int


def _short(text: str) -> str:
    return texts.esc(shorten(text, SHOWN))


def _plan_sentence(if_do: str, then_happens: str) -> str:
    return texts.esc(
        rules.sentence(
            shorten(if_do, SHOWN),
            shorten(then_happens, SHOWN),
        )
    )


def _line(item: HistoryItem, zone: str) -> str:
    day = format_short_date(local_now(item.created_at, zone))
    if item.rejection is not None:
        r = item.rejection
        kind = texts.REJECTION_KIND_LABEL.get(r.kind, r.kind)
        if r.kind == "other" and r.other_text:
            kind = _short(r.other_text)
        template = texts.HISTORY_REJECTION_AT if r.where_text else texts.HISTORY_REJECTION
        after = f" → {r.hurt_after}/5" if r.hurt_after is not None else ""
        lines = [
            template.format(
                date=day, kind=kind, where=_short(r.where_text or ""), hurt=r.hurt, after=after
            )
        ]
        lines += [
            texts.HISTORY_REJECTION_PLAN.format(
                sentence=_plan_sentence(p.if_do, p.then_happens),
                status=texts.PLAN_STATUS[p.status],
            )
            for p in item.plans[:PLANS_SHOWN]
        ]
        if len(item.plans) > PLANS_SHOWN:
            lines.append(texts.history_more_plans(len(item.plans) - PLANS_SHOWN))
        return "\n".join(lines)
    if item.plan is not None:
        p = item.plan
        return texts.HISTORY_PLAN.format(
            date=day,
            sentence=_plan_sentence(p.if_do, p.then_happens),
            status=texts.PLAN_STATUS[p.status],
        )
    if item.note is not None:
        return texts.HISTORY_NOTE.format(date=day, text=_short(item.note.text))
    assert item.win is not None
    return texts.HISTORY_WIN.format(date=day, text=_short(item.win.text))


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
    body = "\n\n".join(_line(item, zone) + mark for item, mark in zip(items, marks, strict=True))
    nav: list[tuple[str, str]] = []
    if offset > 0:
        nav.append((texts.BUTTON_PREV, Page(max(0, offset - PAGE_SIZE)).pack()))
    if offset + PAGE_SIZE < total:
        nav.append((texts.BUTTON_NEXT, Page(offset + PAGE_SIZE).pack()))
    rows = [nav] if nav else []
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
