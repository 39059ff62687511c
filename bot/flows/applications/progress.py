"""Progress, not details: the funnel in /stats and the weekly check-in, and this week's
count shared in a circle with the author's tap ("Sam sent 8 applications this week"),
never a company."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from telegram import Update
from telegram.error import TelegramError

from bot.domain.applications import Funnel
from bot.domain.streaks import IsoWeek
from bot.domain.text import shorten
from bot.domain.weekly import week_dates
from bot.flows.applications.codecs import ShareProgress
from bot.flows.circles.posting import send_to_circle
from bot.flows.circles.sharing import ShareClose
from bot.flows.common import (
    Context,
    answer,
    keyboard,
    menu_keyboard,
    reply,
    settle_button,
    zone_today,
)
from bot.storage import applications as store
from bot.storage import circles, users
from bot.storage.db import Database
from bot.ui import applications as view
from bot.ui import texts
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

TITLE_SHOWN = 28


# --- the funnel ------------------------------------------------------------------------------
def this_week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


async def funnels(db: Database, user_id: int, today: date) -> tuple[Funnel, Funnel]:
    """This week's funnel (Monday to Sunday around ``today``) and the all-time one."""
    monday, sunday = this_week(today)
    return (
        await store.funnel(db, user_id, monday, sunday),
        await store.funnel(db, user_id),
    )


async def has_funnel(db: Database, user_id: int) -> bool:
    """Whether /stats shows the funnel: the person has logged an application."""
    return await store.has_any(db, user_id)


async def send_funnel(update: Update, context: Context, user_id: int) -> bool:
    """For /stats: the funnel as text, then its chart (with the menu under it); False
    (nothing sent) for someone who has logged no application."""
    s = context.services
    if not await store.has_any(s.db, user_id):
        return False
    _zone, today = await zone_today(context, user_id)
    week, total = await funnels(s.db, user_id, today)
    await reply(update, view.funnel_text(week, total))
    png = await asyncio.to_thread(view.funnel_chart, total)
    chat = update.effective_chat
    assert chat is not None
    await chat.send_photo(png, reply_markup=menu_keyboard())
    log.info("funnel sent user_id=%s", user_id)
    return True


async def week_line(db: Database, user_id: int, week: IsoWeek) -> str:
    """For the weekly check-in's summary: the week's funnel in one line ("" for someone
    who has logged no application)."""
    if not await store.has_any(db, user_id):
        return ""
    monday, sunday = week_dates(week)
    return view.funnel_week(await store.funnel(db, user_id, monday, sunday))


# --- sharing this week's count ----------------------------------------------------------------
async def _week_count(context: Context, user_id: int) -> tuple[IsoWeek, int]:
    _zone, today = await zone_today(context, user_id)
    iso = today.isocalendar()
    monday, sunday = this_week(today)
    found = await store.funnel(context.services.db, user_id, monday, sunday)
    return (iso.year, iso.week), found.sent


async def can_share(context: Context, user_id: int) -> bool:
    """Whether /applications offers the share button: in a circle, and sent some."""
    if not await circles.circles_of(context.services.db, user_id):
        return False
    _week, sent = await _week_count(context, user_id)
    return sent > 0


async def _author(context: Context, user_id: int) -> str:
    user = await users.get(context.services.db, user_id)
    return user.first_name if user and user.first_name else "A member"


async def tapped(update: Update, context: Context) -> None:
    """ShareProgress: the screen (what the circle would see, a button per circle), or the
    share itself."""
    query = update.callback_query
    assert query is not None
    tap = ShareProgress.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    user_id = query.from_user.id
    week, sent = await _week_count(context, user_id)
    if sent == 0:
        await answer(update, texts.SHARE_PROGRESS_NOTHING)
        return
    mine = {c.id: c for c in await circles.circles_of(s.db, user_id)}
    post = texts.progress_post(texts.esc(await _author(context, user_id)), sent)
    if tap.circle_id is None:
        await answer(update)
        shared = await store.shared_circles(s.db, user_id, week)
        rows = [
            [
                (
                    texts.BUTTON_SHARE_WITH.format(title=shorten(c.title, TITLE_SHOWN)),
                    ShareProgress(c.id).pack(),
                )
            ]
            for c in mine.values()
            if c.id not in shared
        ]
        rows.append([(texts.BUTTON_KEEP_PRIVATE, ShareClose(kept_private=True).pack())])
        await reply(update, texts.SHARE_PROGRESS_ASK.format(post=post), keyboard(rows))
        return
    circle = mine.get(tap.circle_id)
    if circle is None:
        await answer(update, texts.EXPIRED)
        return
    share_id = await store.add_share(s.db, user_id, circle.id, week, sent, s.clock.now())
    if share_id is None:
        await answer(update, texts.SHARE_PROGRESS_ALREADY)
        return
    with use_language(circle.language):  # a group post: in the circle's language
        post = texts.progress_post(texts.esc(await _author(context, user_id)), sent)
    try:
        posted = await send_to_circle(context.application, circle, post)
    except TelegramError as exc:  # the bot is no longer in the group, or it is down
        await store.drop_share(s.db, share_id)
        await answer(update, texts.EXPIRED)
        log.warning(
            "progress not shared user_id=%s circle_id=%s: %s",
            user_id,
            circle.id,
            type(exc).__name__,
        )
        return
    await store.share_posted(s.db, share_id, posted.chat_id, posted.message_id)
    log.info("progress shared user_id=%s circle_id=%s sent=%d", user_id, circle.id, sent)
    title = shorten(circle.title, TITLE_SHOWN)
    await answer(update, texts.SHARE_PROGRESS_DONE.format(title=title))
    await settle_button(update, texts.SHARE_PROGRESS_DONE.format(title=title))
