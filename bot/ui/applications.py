"""Applications as a person reads them: names, the list and the card, the daily message,
the interval, the funnel and its chart. HTML; every stored text goes through ``texts.esc``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from babel.numbers import format_percent

from bot.domain.applications import Funnel
from bot.domain.text import shorten
from bot.storage.applications import Application, Claimed
from bot.ui import charts, texts
from bot.ui.dates import day_label
from bot.ui.i18n import current

__all__ = [
    "DAILY_LINES",
    "card",
    "daily_list",
    "funnel_chart",
    "funnel_text",
    "funnel_week",
    "interval",
    "name",
]

NAME_SHOWN = 60  # characters of a company (and role) in a list line
DAILY_LINES = 10  # items listed in one daily message; the rest are "…and N more"


def name(app: Application, limit: int | None = None) -> str:
    """ "Globex (data analyst)", or "Globex": escaped for HTML."""
    plain = plain_name(app)
    return texts.esc(shorten(plain, limit) if limit else plain)


def plain_name(app: Application) -> str:
    """The name as text (a rejection's "where", a win), not escaped."""
    if app.role:
        return texts.APP_NAME_WITH_ROLE.format(company=app.company, role=app.role)
    return app.company


def interval(span: timedelta) -> str:
    """The follow-up interval in words: "14 days" (hours when under a day)."""
    days = span.total_seconds() / 86400
    if days >= 1:
        return texts.interval_days(round(days))
    return texts.interval_hours(max(round(span.total_seconds() / 3600), 1))


def list_line(number: int, app: Application, days: int) -> str:
    stage = texts.APP_STAGE_LABEL.get(app.stage, app.stage)
    return texts.application_line(number, name(app, NAME_SHOWN), stage, days)


def card(app: Application, today: date, days: int) -> str:
    """One application with everything about it."""
    text = texts.application_card(
        name(app),
        texts.APP_KIND_LABEL.get(app.kind, app.kind),
        day_label(app.applied_on, today),
        texts.APP_STAGE_LABEL.get(app.stage, app.stage),
        days,
    )
    if app.interview_date is not None and app.stage == "interview":
        text += texts.APP_CARD_INTERVIEW.format(day=day_label(app.interview_date, today))
    if app.link:
        text += texts.APP_CARD_LINK.format(link=texts.esc(app.link))
    return text


def daily_list(items: Sequence[tuple[Claimed, int]], today: date) -> str:
    """The daily message when several things are due: one line each (``int``: the days of
    silence), the first :data:`DAILY_LINES` of them."""
    lines = [texts.daily_header(len(items))]
    for one, days in items[:DAILY_LINES]:
        app = one.app
        if one.item == "silence":
            lines.append(texts.daily_silence_line(name(app, NAME_SHOWN), days))
        elif one.item == "note":
            day = day_label(app.interview_date or today, today)
            lines.append(texts.DAILY_NOTE_LINE.format(day=day, name=name(app, NAME_SHOWN)))
        else:
            lines.append(texts.DAILY_CHECK_LINE.format(name=name(app, NAME_SHOWN)))
    if len(items) > DAILY_LINES:
        lines.append(texts.daily_more(len(items) - DAILY_LINES))
    return "\n".join(lines)


def _rate(funnel: Funnel) -> str:
    rate = funnel.response_rate
    if rate is None:
        return texts.FUNNEL_RATE_NONE
    return texts.FUNNEL_RATE.format(rate=format_percent(rate, locale=current().locale))


def _pair(total: int, week: int) -> str:
    return f"{week} ({total})"


def funnel_text(week: Funnel, total: Funnel) -> str:
    """The funnel framed the article's way: this week (all time), the response rate, and the
    belief with the real count of "no"s."""
    return texts.FUNNEL_TEXT.format(
        sent=_pair(total.sent, week.sent),
        answers=_pair(total.answers, week.answers),
        interviews=_pair(total.interviews, week.interviews),
        offers=_pair(total.offers, week.offers),
        rate=_rate(total),
        belief=texts.funnel_belief(total.noes),
    )


def funnel_week(week: Funnel) -> str:
    """One line for the weekly check-in's summary."""
    return texts.FUNNEL_WEEK.format(
        sent=week.sent, answers=week.answers, interviews=week.interviews, offers=week.offers
    )


def funnel_chart(total: Funnel) -> bytes:
    """PNG: the all-time funnel, one bar per step (CPU-bound: call through to_thread)."""
    steps = texts.FUNNEL_STEPS
    return charts.render_funnel(
        [steps["sent"], steps["answers"], steps["interviews"], steps["offers"]],
        [total.sent, total.answers, total.interviews, total.offers],
        title=texts.FUNNEL_CHART_TITLE,
    )
