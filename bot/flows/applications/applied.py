"""/applied: log an application (or a meeting request, a recruiter contact).

``/applied Globex, data analyst`` logs an application sent today at once, with Undo.
``/applied`` alone (or "➕ Log one") asks: the kind → the company (a role after a comma
counts too) → the role (or skip) → a link (or skip) → the day it went out (today by
default). Typed answers count where buttons are shown: "meeting", "skip", "yesterday".
"""

from __future__ import annotations

import logging
import typing
from dataclasses import dataclass
from datetime import date, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.domain import applications as rules
from bot.domain.answers import Word
from bot.domain.applications import Kind
from bot.flows.applications import moves
from bot.flows.applications.codecs import LogNew, Undo
from bot.flows.common import (
    END,
    PRIVATE,
    RESUME,
    TEXT_INPUT,
    Context,
    Flow,
    answer,
    keyboard,
    read_text,
    reply,
    typed,
    zone_today,
)
from bot.storage import applications as store
from bot.storage.applications import NewApplication
from bot.ui import applications as view
from bot.ui import texts
from bot.ui.callbacks import FlowData
from bot.ui.dates import day_label

log = logging.getLogger(__name__)

KIND, COMPANY, ROLE, LINK, DAY = "kind", "company", "role", "link", "day"
DAYS_OFFERED = 7  # today and the six days before
ONE_LINE_LIMIT = rules.COMPANY_LIMIT + rules.ROLE_LIMIT + rules.LINK_LIMIT + 10


@dataclass(frozen=True)
class KindTap(FlowData, action="kind"):
    kind: Kind


@dataclass(frozen=True)
class DayTap(FlowData, action="day"):
    day: date


def day_rows(flow: Flow, context: Context, today: date) -> list[list[tuple[str, str]]]:
    """Today and the days before it, as :class:`DayTap` buttons of ``flow``."""
    days = [today - timedelta(days=n) for n in range(DAYS_OFFERED)]
    buttons = [(day_label(d, today), flow.data(context, DayTap(d))) for d in days]
    return [buttons[:3], buttons[3:]]


async def _ask_kind(update: Update, context: Context) -> None:
    labels = dict(texts.APP_KIND_BUTTONS)
    rows = [[(labels[kind], flow.data(context, KindTap(kind)))] for kind in rules.KINDS]
    await reply(update, texts.APPLIED_ASK_KIND, keyboard([*rows, [flow.cancel_button(context)]]))


async def _ask_company(update: Update, context: Context) -> None:
    await reply(update, texts.APPLIED_ASK_COMPANY, keyboard([[flow.cancel_button(context)]]))


async def _ask_role(update: Update, context: Context) -> None:
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, texts.APPLIED_ASK_ROLE, keyboard(buttons))


async def _ask_link(update: Update, context: Context) -> None:
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, texts.APPLIED_ASK_LINK, keyboard(buttons))


async def _ask_day(update: Update, context: Context) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    rows = [*day_rows(flow, context, today), [flow.cancel_button(context)]]
    await reply(update, texts.APPLIED_ASK_DAY, keyboard(rows))


flow = Flow(
    name="applied",
    prefix="ad",
    command="applied",
    prompts={
        KIND: _ask_kind,
        COMPANY: _ask_company,
        ROLE: _ask_role,
        LINK: _ask_link,
        DAY: _ask_day,
    },
)


# --- entry -----------------------------------------------------------------------------------
async def begin(update: Update, context: Context) -> str | int:
    """/applied [text], or ➕ Log one."""
    await answer(update)
    message = update.effective_message
    if update.callback_query is None and message is not None and message.text:
        parts = message.text.split(maxsplit=1)
        if len(parts) == 2:
            return await _one_line(update, context, parts[1])
    if flow.has_draft(context):
        return await flow.offer_resume(update, context)
    flow.fresh_draft(context)
    return await flow.go(KIND, update, context)


async def _one_line(update: Update, context: Context, text: str) -> str | int:
    """``/applied Globex, data analyst``: an application sent today, saved at once."""
    parsed = rules.parse_one_line(text)
    if parsed is None:
        flow.fresh_draft(context)
        return await flow.go(KIND, update, context)
    too_long = _too_long(parsed)
    if too_long is not None:
        length, limit = too_long
        await reply(update, texts.too_long(length=length, limit=limit))
        flow.fresh_draft(context, kind="application")
        return await flow.go(COMPANY, update, context)
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    entry = {"kind": "application", "company": parsed.company, "role": parsed.role}
    return await _save(update, context, today, entry | {"link": parsed.link})


def _too_long(parsed: rules.OneLine) -> tuple[int, int] | None:
    """(length, limit) of the first part over its limit."""
    for value, limit in (
        (parsed.company, rules.COMPANY_LIMIT),
        (parsed.role or "", rules.ROLE_LIMIT),
        (parsed.link or "", rules.LINK_LIMIT),
    ):
        if len(value) > limit:
            return len(value), limit
    return None


async def resume(update: Update, context: Context) -> str | None:
    choice = await flow.resume_choice(update, context)
    if choice is None:
        return None
    if choice:
        return await flow.go_back(update, context, KIND)
    flow.fresh_draft(context)
    return await flow.go(KIND, update, context)


# --- the steps ---------------------------------------------------------------------------------
async def kind_tapped(update: Update, context: Context) -> str | None:
    tap = await flow.tap(update, context, KindTap)
    if tap is None:
        return None
    flow.draft(context)["kind"] = tap.kind
    return await flow.go(COMPANY, update, context)


async def kind_typed(update: Update, context: Context) -> str | None:
    text = await read_text(update, rules.COMPANY_LIMIT)
    if text is None:
        return None
    kind = rules.parse_kind(text)
    if kind is None:
        await reply(update, texts.APPLIED_BAD_KIND)
        return None
    flow.draft(context)["kind"] = kind
    return await flow.go(COMPANY, update, context)


async def company_typed(update: Update, context: Context) -> str | None:
    """The company; "Globex, data analyst" gives the role too."""
    text = await read_text(update, ONE_LINE_LIMIT)
    if text is None:
        return None
    parsed = rules.parse_one_line(text)
    if parsed is None:
        await flow.reprompt(update, context)
        return None
    too_long = _too_long(parsed)
    if too_long is not None:
        await reply(update, texts.too_long(length=too_long[0], limit=too_long[1]))
        return None
    draft = flow.draft(context)
    draft.update(company=parsed.company, role=parsed.role, link=parsed.link)
    if parsed.role is None:
        return await flow.go(ROLE, update, context)
    return await flow.go(DAY if parsed.link else LINK, update, context)


async def day_tapped(update: Update, context: Context) -> str | int | None:
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    earliest = today - timedelta(days=DAYS_OFFERED)
    tap = await flow.tap(update, context, DayTap, valid=lambda t: earliest <= t.day <= today)
    if tap is None:
        return None
    return await _save(update, context, tap.day)


async def day_typed(update: Update, context: Context) -> str | int | None:
    text = await read_text(update, rules.COMPANY_LIMIT)
    if text is None:
        return None
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    day = rules.parse_day(text, today)
    if day is None:
        await reply(update, texts.APPLIED_BAD_DAY)
        return None
    if day > today:
        await reply(update, texts.APPLIED_FUTURE_DAY)
        return None
    return await _save(update, context, day)


# --- saving ------------------------------------------------------------------------------------
def new_application(
    kind: Kind,
    company: str,
    role: str | None,
    link: str | None,
    day: date,
    context: Context,
    zone: str,
    today: date,
) -> NewApplication:
    """An application that went out on ``day``, with its first silence question."""
    s = context.services
    now = s.clock.now()
    news_at = rules.news_moment(day, today, now, zone)
    interval = moves.follow_up_interval(s)
    return NewApplication(
        kind=kind,
        company=company,
        role=role,
        link=link,
        applied_on=day,
        news_at=news_at,
        follow_up_due=rules.first_follow_up(news_at, now, interval),
    )


async def _save(
    update: Update, context: Context, day: date, entry: dict[str, typing.Any] | None = None
) -> int:
    """Save ``entry`` (kind, company, role, link: a one-line /applied), or the draft."""
    from_draft = entry is None
    if entry is None:
        entry = flow.draft(context)
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    zone, today = await zone_today(context, tg_user.id)
    kind: Kind = "application"
    for known in rules.KINDS:
        if entry.get("kind") == known:
            kind = known
    new = new_application(
        kind,
        str(entry["company"]),
        entry.get("role"),
        entry.get("link"),
        day,
        context,
        zone,
        today,
    )
    app = await store.add(s.db, tg_user.id, new, s.clock.now(), update_id=update.update_id)
    if from_draft:
        flow.drop_draft(context)
    log.info("application logged user_id=%s app_id=%s kind=%s", tg_user.id, app.id, app.kind)
    text = texts.APPLIED_SAVED[app.kind].format(
        name=view.name(app),
        day=day_label(app.applied_on, today),
        interval=view.interval(moves.follow_up_interval(s)),
    )
    rows = [
        [(texts.BUTTON_APP_UNDO, Undo(app.id).pack()), moves.apps_button()],
        [(texts.BUTTON_LOG_APPLICATION, LogNew().pack())],
    ]
    await reply(update, text, keyboard(rows))
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("applied", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=LogNew.pattern()),
        ],
        states={
            RESUME: flow.resume_step(resume),
            KIND: [
                CallbackQueryHandler(kind_tapped, pattern=flow.pattern(KindTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, kind_typed),
            ],
            COMPANY: [
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, company_typed),
            ],
            ROLE: flow.text_step("role", rules.ROLE_LIMIT, LINK, skippable=True),
            LINK: flow.text_step("link", rules.LINK_LIMIT, DAY, skippable=True),
            DAY: [
                CallbackQueryHandler(day_tapped, pattern=flow.pattern(DayTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, day_typed),
            ],
        },
    )
