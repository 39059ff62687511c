"""/stats: totals and the last 12 weeks in the user's zone, with a PNG chart."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import stats as rules
from bot.domain.timezones import zone_label
from bot.flows import applications
from bot.flows.common import PRIVATE, Context, Handler, answer, menu_keyboard, reply
from bot.storage import checkins, users
from bot.storage import stats as store
from bot.storage.stats import Numbers
from bot.ui import charts, texts
from bot.ui.callbacks import Menu

log = logging.getLogger(__name__)

CHART_SERIES = ("rejections", "reframes", "plans_done", "wins")


def _pair(total: int, recent: int) -> str:
    return texts.STATS_PAIR.format(total=total, recent=recent)


def _weeks(n: int) -> str:
    return texts.stats_weeks(n)


def render_text(total: Numbers, recent: Numbers, streak: int) -> str:
    kinds = "".join(
        texts.STATS_KIND_LINE.format(
            label=texts.REJECTION_KIND_LABEL.get(code, code),
            count=_pair(count, recent.by_kind.get(code, 0)),
        )
        for code, count in total.by_kind.items()
    )
    if total.average_drop is None:
        drop = texts.STATS_DROP_NONE
    else:
        drop = texts.stats_drop(total.average_drop, total.reframed)
    return texts.STATS_TEXT.format(
        rejections=_pair(total.rejections, recent.rejections),
        kinds=kinds,
        reframes=_pair(total.reframes, recent.reframes),
        done=_pair(total.plans_done, recent.plans_done),
        dropped=_pair(total.plans_dropped, recent.plans_dropped),
        wins=_pair(total.wins, recent.wins),
        checkins=_pair(total.checkins, recent.checkins),
        streak=_weeks(streak),
        drop=drop,
    )


async def show_stats(update: Update, context: Context) -> None:
    await answer(update)
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    user = await users.get(s.db, tg_user.id)
    if user is None:
        await reply(update, texts.STATS_EMPTY, menu_keyboard())
        return
    now = s.clock.now()
    weeks = rules.last_weeks(now, user.timezone)
    total = await store.numbers(s.db, user.user_id)
    if not (total.rejections or total.reframes or total.wins or total.checkins):
        if not await applications.send_funnel(update, context, user.user_id):
            await reply(update, texts.STATS_EMPTY, menu_keyboard())
        return
    recent = await store.numbers(s.db, user.user_id, since=weeks[0].start)
    streak = await checkins.streak(s.db, user, now)
    await reply(update, render_text(total, recent, streak))
    series = await store.weekly(s.db, user.user_id, weeks)
    png = await asyncio.to_thread(
        charts.render_weekly,
        [w.label for w in weeks],
        {texts.STATS_SERIES[name]: series[name] for name in CHART_SERIES},
        title=texts.STATS_CHART_TITLE,
    )
    chat = update.effective_chat
    assert chat is not None
    funnel = await applications.has_funnel(s.db, user.user_id)  # then the menu comes after it
    await chat.send_photo(
        png,
        caption=texts.STATS_CHART_CAPTION.format(zone=texts.esc(zone_label(user.timezone))),
        reply_markup=None if funnel else menu_keyboard(),
    )
    await applications.send_funnel(update, context, user.user_id)
    log.info("stats sent user_id=%s", user.user_id)


def handlers() -> list[Handler]:
    return [
        CommandHandler("stats", show_stats, PRIVATE),
        CallbackQueryHandler(show_stats, pattern=Menu.pattern(action="stats")),
    ]
