"""/history: the latest rejections (with their reframes), plans and wins, paged."""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import plans as rules
from bot.domain.due import local_now
from bot.domain.text import shorten
from bot.flows import sharing
from bot.flows.common import PRIVATE, Context, Handler, answer, cb, keyboard, menu_keyboard, reply
from bot.storage import entries, users
from bot.storage.entries import HistoryItem
from bot.ui import texts

PAGE_SIZE = 5
SHOWN = 80  # characters of each typed text shown in the list (/export has everything)
PLANS_SHOWN = 2


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
    day = local_now(item.created_at, zone).strftime("%d %b")
    if item.rejection is not None:
        r = item.rejection
        kind = texts.REJECTION_KIND_LABEL.get(r.kind, r.kind)
        if r.kind == "other" and r.other_text:
            kind = _short(r.other_text)
        where = f" at {_short(r.where_text)}" if r.where_text else ""
        after = f" → {r.hurt_after}/5" if r.hurt_after is not None else ""
        lines = [
            texts.HISTORY_REJECTION.format(
                date=day, kind=kind, where=where, hurt=r.hurt, after=after
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
            lines.append(texts.HISTORY_MORE_PLANS.format(count=len(item.plans) - PLANS_SHOWN))
        return "\n".join(lines)
    if item.plan is not None:
        p = item.plan
        return texts.HISTORY_PLAN.format(
            date=day,
            sentence=_plan_sentence(p.if_do, p.then_happens),
            status=texts.PLAN_STATUS[p.status],
        )
    assert item.win is not None
    return texts.HISTORY_WIN.format(date=day, text=_short(item.win.text))


async def _page(context: Context, user_id: int, offset: int) -> tuple[str, Any]:
    s = context.services
    user = await users.get(s.db, user_id)
    zone = user.timezone if user else s.settings.default_timezone
    total = await entries.history_count(s.db, user_id)
    if total == 0:
        return texts.HISTORY_EMPTY, menu_keyboard()
    offset = max(0, min(offset, (total - 1) // PAGE_SIZE * PAGE_SIZE))
    items = await entries.history_page(s.db, user_id, offset, PAGE_SIZE)
    header = texts.HISTORY_HEADER.format(first=offset + 1, last=offset + len(items), total=total)
    marks, can_share = await sharing.history_marks(context, user_id, items)
    body = "\n\n".join(_line(item, zone) + mark for item, mark in zip(items, marks, strict=True))
    nav: list[tuple[str, str]] = []
    if offset > 0:
        nav.append((texts.BUTTON_PREV, cb("hi", max(0, offset - PAGE_SIZE))))
    if offset + PAGE_SIZE < total:
        nav.append((texts.BUTTON_NEXT, cb("hi", offset + PAGE_SIZE)))
    rows = [nav] if nav else []
    if can_share:
        rows.append([(texts.BUTTON_HISTORY_SHARE, cb("sh", "l", offset))])
    return f"{header}\n\n{body}", keyboard(rows) if rows else None


async def show(update: Update, context: Context) -> None:
    await answer(update)
    user = update.effective_user
    assert user is not None
    text, markup = await _page(context, user.id, 0)
    await reply(update, text, markup)


async def turn_page(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    raw = query.data.split(":")[1]
    text, markup = await _page(context, query.from_user.id, int(raw))
    await answer(update)
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except BadRequest:
            pass
    await reply(update, text, markup)


def handlers() -> list[Handler]:
    return [
        CommandHandler("history", show, PRIVATE),
        CallbackQueryHandler(show, pattern=r"^menu:history$"),
        CallbackQueryHandler(turn_page, pattern=r"^hi:\d{1,6}$"),
    ]
