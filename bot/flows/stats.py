"""/stats: this week, the last 4 weeks and all time, each labelled; how much lighter a
rejection felt after a reframe; what worked most often; a chart from the person's first
week (at most 12), in their zone."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import stats as rules
from bot.domain.due import local_now
from bot.domain.text import shorten
from bot.domain.timezones import zone_label
from bot.flows import applications
from bot.flows.common import PRIVATE, Context, Handler, answer, menu_keyboard, reply
from bot.storage import checkins, users
from bot.storage import stats as store
from bot.storage.stats import Numbers
from bot.ui import charts, texts
from bot.ui.callbacks import Menu
from bot.ui.dates import format_date, format_day, format_day_month

log = logging.getLogger(__name__)

CHART_SERIES = ("rejections", "reframes", "plans_done", "wins")
WORKED_SHOWN = 60  # characters of one thing that worked


def _period(title: str, numbers: Numbers) -> str:
    return f"{title}\n" + texts.STATS_PERIOD.format(
        rejections=numbers.rejections,
        reframes=numbers.reframes,
        done=numbers.plans_done,
        dropped=numbers.plans_dropped,
        wins=numbers.wins,
        checkins=numbers.checkins,
    )


def render_text(
    week: Numbers,
    recent: Numbers,
    total: Numbers,
    *,
    week_start: datetime,
    recent_start: datetime,
    first: datetime,
    zone: str,
    streak: int,
    worked: list[rules.Worked],
) -> str:
    """The summary: three labelled periods, then the all-time extras."""
    kinds = "".join(
        texts.STATS_KIND_LINE.format(label=texts.REJECTION_KIND_LABEL.get(code, code), count=n)
        for code, n in total.by_kind.items()
    ).rstrip("\n")
    all_time = _period(
        texts.STATS_ALL_TIME.format(date=format_date(local_now(first, zone).date())), total
    )
    if kinds:
        all_time += "\n" + kinds
    all_time += "\n" + texts.STATS_STREAK.format(streak=texts.stats_weeks(streak))
    if total.average_drop is None:
        drop = texts.STATS_DROP_NONE
    else:
        drop = texts.stats_drop(total.average_drop, total.reframed)
    if worked:
        lines = [
            texts.stats_worked_line(texts.esc(shorten(w.text, WORKED_SHOWN)), w.weeks)
            for w in worked
        ]
        what_worked = "\n".join([texts.STATS_WORKED_HEADER, *lines])
    else:
        what_worked = texts.STATS_WORKED_NONE
    blocks = [
        texts.STATS_HEADER,
        _period(
            texts.STATS_THIS_WEEK.format(date=format_day(local_now(week_start, zone).date())),
            week,
        ),
        _period(
            texts.STATS_LAST_4_WEEKS.format(date=format_day(local_now(recent_start, zone).date())),
            recent,
        ),
        all_time,
        drop,
        what_worked,
    ]
    return "\n\n".join(blocks)


def chart_title(weeks: int) -> str:
    return texts.STATS_CHART_THIS_WEEK if weeks == 1 else texts.stats_chart_title(weeks)


def week_label(week: rules.Week) -> str:
    """Under a week's bars: its Monday on two lines ("23" over "Nov")."""
    return format_day_month(week.monday).replace(" ", "\n", 1)


async def show_stats(update: Update, context: Context) -> None:
    await answer(update)
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    user = await users.get(s.db, tg_user.id)
    if user is None:
        await reply(update, texts.STATS_EMPTY, menu_keyboard())
        return
    now, zone = s.clock.now(), user.timezone
    total = await store.numbers(s.db, user.user_id)
    if not (total.rejections or total.reframes or total.wins or total.checkins):
        if not await applications.send_funnel(update, context, user.user_id):
            await reply(update, texts.STATS_EMPTY, menu_keyboard())
        return
    recent_weeks = rules.last_weeks(now, zone, rules.RECENT_WEEKS)
    week_start, recent_start = recent_weeks[-1].start, recent_weeks[0].start
    first = await store.first_moment(s.db, user.user_id) or now
    text = render_text(
        await store.numbers(s.db, user.user_id, since=week_start),
        await store.numbers(s.db, user.user_id, since=recent_start),
        total,
        week_start=week_start,
        recent_start=recent_start,
        first=first,
        zone=zone,
        streak=await checkins.streak(s.db, user, now),
        worked=rules.top_worked(await store.worked_answers(s.db, user.user_id)),
    )
    await reply(update, text)
    weeks = rules.chart_weeks(now, zone, first)
    series = await store.weekly(s.db, user.user_id, weeks)
    png = await asyncio.to_thread(
        charts.render_weekly,
        [week_label(w) for w in weeks],
        {texts.STATS_SERIES[name]: series[name] for name in CHART_SERIES},
        title=chart_title(len(weeks)),
    )
    chat = update.effective_chat
    assert chat is not None
    funnel = await applications.has_funnel(s.db, user.user_id)  # then the menu comes after it
    await chat.send_photo(
        png,
        caption=texts.STATS_CHART_CAPTION.format(zone=texts.esc(zone_label(zone))),
        reply_markup=None if funnel else menu_keyboard(),
    )
    await applications.send_funnel(update, context, user.user_id)
    log.info("stats sent user_id=%s weeks=%d", user.user_id, len(weeks))


def handlers() -> list[Handler]:
    return [
        CommandHandler("stats", show_stats, PRIVATE),
        CallbackQueryHandler(show_stats, pattern=Menu.pattern(action="stats")),
    ]
