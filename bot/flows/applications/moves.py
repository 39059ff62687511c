"""Moving an application on: from a card in /applications or from a daily question.

Heard back, offer and withdrew happen on the tap; rejected and "no response" first ask how
hard it landed (a rejection is logged with the company filled in, then the reframe is
offered); interview first asks for the day (a note the day before, "how did it go?" the
day after). After each answer the next question of a daily list, if any, follows
(:func:`send_next`): a list is gone through one question at a time.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update

from bot.domain import applications as rules
from bot.domain.applications import Stage
from bot.flows.applications.codecs import (
    ANSWERS,
    HOWS,
    SCORES,
    FollowUp,
    How,
    Hurt,
    InterviewDay,
    Keep,
    Move,
    Page,
)
from bot.flows.circles import offer_sharing
from bot.flows.common import (
    Context,
    answer,
    keyboard,
    reply,
    settle_button,
    show_menu_button,
    zone_today,
)
from bot.services import Services
from bot.storage import applications as store
from bot.storage import entries, preferences
from bot.storage.applications import Application, Item
from bot.ui import applications as view
from bot.ui import texts
from bot.ui.callbacks import Menu, ReframeRejection
from bot.ui.dates import day_label

log = logging.getLogger(__name__)

INTERVIEW_DAYS = 14  # days offered for an interview, from today
LATEST_INTERVIEW = timedelta(days=366)


# --- settings, as the rules want them ----------------------------------------------------
def follow_up_interval(s: Services) -> timedelta:
    return timedelta(days=s.settings.application_follow_up_days)


def quiet_hours(s: Services) -> rules.QuietHours | None:
    return rules.parse_quiet_hours(s.settings.quiet_hours)


def apps_button() -> tuple[str, str]:
    return (texts.BUTTON_MY_APPLICATIONS, Page(0, new=True).pack())


def after_buttons() -> InlineKeyboardMarkup:
    """Under the end of a step: the applications, and the menu."""
    return keyboard([[apps_button(), show_menu_button()]])


# --- the questions a daily message asks ----------------------------------------------------
def question(
    app: Application, item: Item, asks: int, now: datetime, zone: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One item on its own: the silence question (``asks``: how many times it has been
    asked, this one included), the interview note, or "how did it go?"."""
    if item == "silence":
        days = rules.days_since(app.news_at, now, zone)
        if asks >= rules.MAX_ASKS:
            text = texts.follow_up_again(view.name(app), days)
        else:
            text = texts.follow_up_question(app.kind, app.stage, view.name(app), days)
        labels = texts.FOLLOW_UP_BUTTONS
        buttons = [(labels[a], FollowUp(app.id, a).pack()) for a in ANSWERS]
        return text, keyboard([buttons[:2], buttons[2:]])
    if item == "note":
        return texts.APP_INTERVIEW_NOTE.format(
            name=view.name(app), question=texts.APP_INTERVIEW_QUESTION
        ), None
    labels = texts.APP_HOW_BUTTONS
    buttons = [(labels[h], How(app.id, h).pack()) for h in HOWS]
    return texts.APP_HOW_DID_IT_GO.format(name=view.name(app)), keyboard([[b] for b in buttons])


async def send_next(update: Update, context: Context) -> None:
    """The next question a daily message listed and nobody answered yet, if any (notes are
    shown and done with; questions wait for their answer)."""
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    zone, _today = await zone_today(context, tg_user.id)
    for app in await store.awaiting(s.db, tg_user.id):
        assert app.pending is not None
        text, markup = question(app, app.pending, app.asks, s.clock.now(), zone)
        await reply(update, text, markup)
        if app.pending != "note":
            return
        await store.clear_pending(s.db, tg_user.id, app.id)


# --- applying a move -------------------------------------------------------------------------
async def apply_move(
    context: Context,
    user_id: int,
    app: Application,
    to: Stage,
    interview_date: date | None = None,
) -> Application | None:
    """``app`` moved to ``to``, with what becomes due: the next silence question (open
    stages), or the interview's note and check (an interview with a day)."""
    s = context.services
    now = s.clock.now()
    zone, today = await zone_today(context, user_id)
    follow_up: datetime | None = None
    note = check = None
    if to in rules.OPEN_STAGES:
        follow_up = now + follow_up_interval(s)
        if to == "interview" and interview_date is not None:
            quiet = await preferences.quiet_hours(s.db, user_id, s.settings.quiet_hours)
            note = rules.note_due(interview_date, zone, quiet)
            check = rules.check_due(interview_date, zone, quiet)
            note = note if note > now else None
            if check > now:
                follow_up = None  # the silence after an interview counts from "how did it go?"
            else:
                check = None
    moved = await store.move(
        s.db,
        user_id,
        app,
        to,
        today=today,
        now=now,
        follow_up_due=follow_up,
        interview_date=interview_date,
        note_due=note,
        check_due=check,
    )
    if moved is not None:
        log.info("application moved user_id=%s app_id=%s to=%s", user_id, app.id, to)
    return moved


def pressed(update: Update) -> str | None:
    """The label of the tapped button, as the tapped message shows it."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message) or not query.message.reply_markup:
        return None
    for row in query.message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def _own(update: Update, context: Context, app_id: int) -> Application | None:
    """The tapper's application (answered "gone" if it isn't there)."""
    query = update.callback_query
    assert query is not None
    found = await store.get(context.services.db, query.from_user.id, app_id)
    if found is None:
        await answer(update, texts.APP_GONE)
    return found


async def ask_hurt(
    update: Update, app: Application, to: Literal["rejected", "no_response"]
) -> None:
    """Before a "no" is logged: how hard did it land?"""
    template = texts.APP_ASK_HURT if to == "rejected" else texts.APP_ASK_HURT_SILENT
    buttons = [(str(n), Hurt(app.id, to, n).pack()) for n in SCORES]
    await reply(update, template.format(name=view.name(app)), keyboard([buttons]))


async def ask_interview_day(update: Update, context: Context, app: Application) -> None:
    _zone, today = await zone_today(context, app.user_id)
    days = [today + timedelta(days=n) for n in range(INTERVIEW_DAYS)]
    buttons = [(day_label(d, today), InterviewDay(app.id, d).pack()) for d in days]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([(texts.BUTTON_APP_NO_DATE, InterviewDay(app.id).pack())])
    await reply(update, texts.APP_ASK_INTERVIEW_DAY.format(name=view.name(app)), keyboard(rows))


async def finish_move(update: Update, context: Context, app: Application, to: Stage) -> None:
    """Heard back, offer or withdrew: moved on the tap, then the next question."""
    query = update.callback_query
    assert query is not None
    moved = await apply_move(context, query.from_user.id, app, to)
    if moved is None:
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    await answer(update)
    await settle_button(update, pressed(update))
    interval = view.interval(follow_up_interval(context.services))
    if to == "offer":
        await offer_won(update, context, moved)
    elif to == "heard":
        await reply(
            update,
            texts.APP_HEARD.format(name=view.name(moved), interval=interval),
            after_buttons(),
        )
    else:
        await reply(update, texts.APP_WITHDRAWN.format(name=view.name(moved)), after_buttons())
    await send_next(update, context)


async def offer_won(update: Update, context: Context, app: Application) -> None:
    """An offer: a win, the celebration, and the circles' share screen."""
    s = context.services
    win = await entries.add_win(
        s.db,
        user_id=app.user_id,
        text=texts.APP_WIN_OFFER.format(name=view.plain_name(app)),
        now=s.clock.now(),
        source="application",
        update_id=update.update_id,
    )
    log.info("offer logged user_id=%s app_id=%s win_id=%s", app.user_id, app.id, win.id)
    await reply(update, texts.APP_OFFER.format(name=view.name(app)), after_buttons())
    await offer_sharing(update, context, win)


# --- the taps --------------------------------------------------------------------------------
async def move_tapped(update: Update, context: Context) -> None:
    """Move: from a card, or "log it, move on" after the last silence question."""
    query = update.callback_query
    assert query is not None
    tap = Move.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    app = await _own(update, context, tap.app_id)
    if app is None:
        return
    await move(update, context, app, tap.to)


async def move(update: Update, context: Context, app: Application, to: Stage) -> None:
    if not rules.can_move(app.stage, to):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    if to in ("rejected", "no_response", "interview"):
        await answer(update)
        await settle_button(update, pressed(update))
        if to == "interview":
            await ask_interview_day(update, context, app)
        elif to == "rejected":
            await ask_hurt(update, app, "rejected")
        else:
            await ask_hurt(update, app, "no_response")
        return
    await finish_move(update, context, app, to)


async def hurt_tapped(update: Update, context: Context) -> None:
    """How hard it landed: the application closes, the rejection is logged with the
    company filled in and its kind by what was silent, and the reframe is offered."""
    query = update.callback_query
    assert query is not None
    tap = Hurt.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    app = await _own(update, context, tap.app_id)
    if app is None:
        return
    if not rules.can_move(app.stage, tap.to):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    moved = await apply_move(context, query.from_user.id, app, tap.to)
    if moved is None:
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    s = context.services
    rejection = await entries.add_rejection(
        s.db,
        user_id=app.user_id,
        kind=rules.rejection_kind(app.kind, app.stage),
        other_text=None,
        where_text=view.plain_name(app),
        hurt=tap.score,
        in_control=None,
        now=s.clock.now(),
        update_id=update.update_id,
    )
    await store.set_rejection(s.db, app.user_id, app.id, rejection.id)
    log.info(
        "rejection logged from application user_id=%s app_id=%s rejection_id=%s",
        app.user_id,
        app.id,
        rejection.id,
    )
    await answer(update)
    await settle_button(update, f"{tap.score}/5")
    buttons = [
        [(texts.BUTTON_REFRAME_NOW, ReframeRejection(rejection.id).pack())],
        [(texts.BUTTON_NOT_NOW, Menu("show").pack())],
    ]
    await reply(update, texts.REJECTION_SAVED, keyboard(buttons))
    await send_next(update, context)


async def interview_day(update: Update, context: Context) -> None:
    """The interview's day (or "no date yet"): the application moves to the interview."""
    query = update.callback_query
    assert query is not None
    tap = InterviewDay.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    app = await _own(update, context, tap.app_id)
    if app is None:
        return
    _zone, today = await zone_today(context, query.from_user.id)
    day = tap.day
    if day is not None and not today <= day <= today + LATEST_INTERVIEW:
        await answer(update, texts.EXPIRED)
        return
    if not rules.can_move(app.stage, "interview"):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    moved = await apply_move(context, query.from_user.id, app, "interview", interview_date=day)
    if moved is None:
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    await answer(update)
    await settle_button(update, day_label(day, today) if day else texts.BUTTON_APP_NO_DATE)
    name = view.name(moved)
    if day is None:
        text = texts.APP_INTERVIEW_NO_DATE.format(name=name)
    elif day <= today + timedelta(days=1):  # too close for a note the day before: now
        text = texts.APP_INTERVIEW_SOON.format(
            name=name, day=day_label(day, today), question=texts.APP_INTERVIEW_QUESTION
        )
    else:
        text = texts.APP_INTERVIEW_SAVED.format(name=name, day=day_label(day, today))
    await reply(update, text, after_buttons())
    await send_next(update, context)


async def keep_tapped(update: Update, context: Context) -> None:
    """Keep it open: no more questions about this silence."""
    query = update.callback_query
    assert query is not None
    tap = Keep.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    app = await _own(update, context, tap.app_id)
    if app is None:
        return
    if not app.is_open or not await store.keep_waiting(context.services.db, app.user_id, app.id):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    await answer(update)
    await settle_button(update, texts.BUTTON_APP_KEEP_OPEN)
    await reply(update, texts.APP_KEPT_OPEN, after_buttons())
    await send_next(update, context)
