"""Edit one field of an application (✎ Edit on its card): company, role, link or the day it
went out. A short conversation: the new value typed (Skip clears the role or the link; a day
can be tapped), then the card again."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.domain import applications as rules
from bot.domain.answers import Word
from bot.flows.applications import board, moves
from bot.flows.applications.applied import DAYS_OFFERED, DayTap, day_rows
from bot.flows.applications.codecs import EditApp
from bot.flows.common import (
    END,
    PRIVATE,
    TEXT_INPUT,
    Context,
    Flow,
    Step,
    answer,
    keyboard,
    read_text,
    reply,
    settle_button,
    typed,
    zone_today,
)
from bot.storage import applications as store
from bot.ui import texts

log = logging.getLogger(__name__)

COMPANY, ROLE, LINK, DAY = "company", "role", "link", "day"


def _asker(field: str, *, skippable: bool) -> Step:
    async def ask(update: Update, context: Context) -> None:
        buttons = [flow.cancel_button(context)]
        if skippable:
            buttons.insert(0, flow.skip_button(context))
        await reply(update, texts.APP_EDIT_ASK[field], keyboard([buttons]))

    return ask


async def _ask_day(update: Update, context: Context) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    rows = [*day_rows(flow, context, today), [flow.cancel_button(context)]]
    await reply(update, texts.APP_EDIT_ASK["day"], keyboard(rows))


flow = Flow(
    name="app_edit",
    prefix="ae",
    command="applications",
    prompts={
        COMPANY: _asker("company", skippable=False),
        ROLE: _asker("role", skippable=True),
        LINK: _asker("link", skippable=True),
        DAY: _ask_day,
    },
    drop_on_cancel=True,
)


async def begin(update: Update, context: Context) -> str | int:
    query = update.callback_query
    assert query is not None
    tap = EditApp.parse(query.data)
    app = await store.get(context.services.db, query.from_user.id, tap.app_id) if tap else None
    if tap is None or app is None:
        await answer(update, texts.APP_GONE)
        return END
    await answer(update)
    await settle_button(update, texts.APP_EDIT_FIELDS[tap.field])
    flow.fresh_draft(context, app_id=app.id, field=tap.field)
    return await flow.go(tap.field, update, context)


async def _done(update: Update, context: Context, changed: bool) -> int:
    """The card again, as it is now."""
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    draft = flow.draft(context)
    app_id, field = int(draft["app_id"]), str(draft["field"])
    flow.drop_draft(context)
    app = await store.get(s.db, tg_user.id, app_id)
    if not changed or app is None:
        await reply(update, texts.APP_GONE, moves.after_buttons())
        return END
    log.info("application edited user_id=%s app_id=%s field=%s", tg_user.id, app_id, field)
    text, markup = await board.card_screen(context, app)
    await reply(update, f"{texts.APP_EDITED}\n\n{text}", markup)
    return END


async def _save_text(update: Update, context: Context) -> int:
    """The typed value (kept in the draft by the step), or None after Skip."""
    tg_user = update.effective_user
    assert tg_user is not None
    draft = flow.draft(context)
    field = str(draft["field"])
    value = draft.get(field)
    db = context.services.db
    changed = await store.edit_text(db, tg_user.id, int(draft["app_id"]), field, value)
    return await _done(update, context, changed)


async def _set_day(update: Update, context: Context, day: date) -> int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    zone, today = await zone_today(context, tg_user.id)
    app = await store.get(s.db, tg_user.id, int(flow.draft(context)["app_id"]))
    if app is None:
        return await _done(update, context, False)
    news_at = follow_up = None
    if app.stage == "applied" and not app.asks:  # nothing since: the silence counts from it
        now = s.clock.now()
        news_at = rules.news_moment(day, today, now, zone)
        follow_up = rules.first_follow_up(news_at, now, moves.follow_up_interval(s))
    changed = await store.edit_day(
        s.db, tg_user.id, app.id, day, news_at=news_at, follow_up_due=follow_up
    )
    return await _done(update, context, changed)


async def day_tapped(update: Update, context: Context) -> str | int | None:
    tg_user = update.effective_user
    assert tg_user is not None
    _zone, today = await zone_today(context, tg_user.id)
    earliest = today - timedelta(days=DAYS_OFFERED)
    tap = await flow.tap(update, context, DayTap, valid=lambda t: earliest <= t.day <= today)
    if tap is None:
        return None
    return await _set_day(update, context, tap.day)


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
    return await _set_day(update, context, day)


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[CallbackQueryHandler(begin, pattern=EditApp.pattern())],
        states={
            COMPANY: flow.text_step("company", rules.COMPANY_LIMIT, _save_text, skippable=False),
            ROLE: flow.text_step("role", rules.ROLE_LIMIT, _save_text, skippable=True),
            LINK: flow.text_step("link", rules.LINK_LIMIT, _save_text, skippable=True),
            DAY: [
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                CallbackQueryHandler(day_tapped, pattern=flow.pattern(DayTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, day_typed),
            ],
        },
    )
