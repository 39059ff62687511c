"""What the dashboard shows one person: their entries only, in their language and zone.

Every query is made with the verified user id (bot/web/auth.py), through the same storage
functions the chat uses, so the page never shows what the chat would not show them. The
result is plain JSON: the page's texts (translated here: the page has none of its own),
the timeline, the open plans, the charts as SVG, the focus, the belief, the funnel. Call
inside ``use_language(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.domain import plans as plan_rules
from bot.domain import stats as stats_rules
from bot.domain.due import local_now
from bot.storage import applications, beliefs, entries, focus, users
from bot.storage import stats as stats_store
from bot.storage.db import Database
from bot.storage.entries import HistoryItem, Plan
from bot.storage.users import User
from bot.ui import texts
from bot.ui.dates import day_label, follow_up_when, format_day_month, format_short_date
from bot.ui.i18n import current
from bot.web import charts

__all__ = ["TIMELINE_LIMIT", "Person", "language_of", "page_texts", "person", "summary"]

TIMELINE_LIMIT = 40
TREND_LIMIT = 12


@dataclass(frozen=True)
class Person:
    user: User
    today: date
    now: datetime


def language_of(user: User) -> str | None:
    """The language the person reads the bot in: their choice, else Telegram's."""
    chosen: str | None = getattr(user, "language", None)
    return chosen or user.language_code


async def person(db: Database, user_id: int, now: datetime) -> Person | None:
    user = await users.get(db, user_id)
    if user is None:
        return None
    return Person(user, local_now(now, user.timezone).date(), now)


def page_texts() -> dict[str, str]:
    """Every text the page shows, in the active language."""
    return dict(texts.DASHBOARD_PAGE) | {
        "done": texts.BUTTON_DONE,
        "not_yet": texts.BUTTON_NOT_YET,
        "drop": texts.BUTTON_DROP,
        "plan_gone": texts.PLAN_GONE,
    }


def _status(plan: Plan) -> str:
    line = texts.PLAN_STATUS.get(plan.status, plan.status)
    if plan.outcome == "yes":
        line += " · " + texts.DASHBOARD_PAGE["status_happened"]
    elif plan.outcome in ("no", "not_yet"):
        line += " · " + texts.DASHBOARD_PAGE["status_not_happened"]
    return line


def _plan_line(plan: Plan) -> dict[str, str]:
    return {
        "text": texts.plan_sentence(plan.if_do, plan.then_happens),
        "status": plan.status,
        "label": _status(plan),
    }


def _when(plan: Plan, zone: str, today: date) -> str:
    if plan.follow_up_due is not None:
        local = local_now(plan.follow_up_due, zone)
        return follow_up_when(local.date(), local.time(), today)
    if plan.follow_up_on is not None:
        return day_label(plan.follow_up_on, today)
    return texts.PLAN_NO_DATE


def _item(item: HistoryItem, zone: str) -> dict[str, Any]:
    page = texts.DASHBOARD_PAGE
    day = format_short_date(local_now(item.created_at, zone).date())
    if item.rejection is not None:
        r = item.rejection
        what = r.other_text or texts.REJECTION_KIND_LABEL.get(r.kind, r.kind)
        title = f"{what} · {r.where_text}" if r.where_text else what
        if r.hurt_after is None:
            hurt = page["hurt"].format(hurt=r.hurt)
        else:
            hurt = page["hurt_after"].format(hurt=r.hurt, after=r.hurt_after)
        return {
            "kind": "rejection",
            "label": page["rejection"],
            "date": day,
            "title": title,
            "detail": hurt,
            "plans": [_plan_line(p) for p in item.plans],
        }
    if item.plan is not None:
        line = _plan_line(item.plan)
        return {
            "kind": "plan",
            "label": page["plan"],
            "date": day,
            "title": line["text"],
            "detail": line["label"],
            "plans": [],
        }
    if item.win is not None:
        return {
            "kind": "win",
            "label": page["win"],
            "date": day,
            "title": item.win.text,
            "detail": "",
            "plans": [],
        }
    assert item.note is not None
    return {
        "kind": "note",
        "label": page["note"],
        "date": day,
        "title": item.note.text,
        "detail": "",
        "plans": [],
    }


async def _trend(db: Database, user_id: int) -> list[tuple[int, int | None]]:
    """Hurt before and after the reframe, of the last rejections, oldest first."""
    rows = await db.fetchall(
        "SELECT hurt, hurt_after FROM rejections WHERE user_id = ? ORDER BY created_at DESC, "
        "id DESC LIMIT ?",
        (user_id, TREND_LIMIT),
    )
    return [(int(r[0]), None if r[1] is None else int(r[1])) for r in reversed(rows)]


async def summary(db: Database, who: Person) -> dict[str, Any]:
    """Everything the page shows, for ``who`` only."""
    user, today = who.user, who.today
    zone = user.timezone
    page = texts.DASHBOARD_PAGE
    history = await entries.history_page(db, user.user_id, 0, TIMELINE_LIMIT)
    open_plans = await entries.open_plans(db, user.user_id)
    held = await focus.current(db, user.user_id)
    belief = await beliefs.current_belief(db, user.user_id)
    trend = await _trend(db, user.user_id)
    weeks = stats_rules.last_weeks(who.now, zone)
    series = await stats_store.weekly(db, user.user_id, weeks)
    week_labels = [format_day_month(local_now(w.start, zone).date()) for w in weeks]
    funnel = None
    if await applications.has_any(db, user.user_id):
        counts = await applications.funnel(db, user.user_id)
        steps = texts.FUNNEL_STEPS
        funnel = [
            {"label": steps["sent"], "count": counts.sent},
            {"label": steps["answers"], "count": counts.answers},
            {"label": steps["interviews"], "count": counts.interviews},
            {"label": steps["offers"], "count": counts.offers},
        ]
    reframed = [(before, after) for before, after in trend if after is not None]
    return {
        "lang": current().code.replace("_", "-"),
        "texts": page_texts(),
        "name": user.first_name,
        "focus": None if held is None else held.text,
        "belief": None if belief is None else belief.text,
        "plans": [
            {
                "id": p.id,
                "text": texts.plan_sentence(p.if_do, p.then_happens),
                "then": plan_rules.win_text(p.then_happens),
                "when": _when(p, zone, today),
            }
            for p in open_plans
        ],
        "days": [
            {"date": d.isoformat(), "label": day_label(d, today)}
            for d in plan_rules.pick_days(today)
        ],
        "timeline": [_item(item, zone) for item in history],
        "trend_svg": charts.trend(trend, page["trend_before"], page["trend_after"])
        if reframed
        else None,
        "weekly_svg": charts.weekly(
            [series["rejections"], series["reframes"], series["wins"]],
            [page["weekly_rejections"], page["weekly_plans"], page["weekly_wins"]],
            week_labels,
        ),
        "funnel": funnel,
    }
