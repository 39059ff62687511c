"""The bot notices the silence: the daily message, and the answers to its questions.

Due work, every tick (:func:`send_due`). For each person with something due:

* never in their quiet hours (``QUIET_HOURS``, their zone) and at most one message a day
  (their local day): otherwise what is due waits, in the database, until it may be sent;
* their day and every item due before its end are claimed in one transaction, each with a
  compare-and-swap on its due time, before anything is sent: two ticks or two processes
  never send the same thing twice. One missed while the bot was down is simply still due
  and goes out at the next tick that may send it (not in quiet hours);
* one item is sent as its own message (the silence question with [Interview!] [Rejected]
  [Still nothing] [Withdrew], the note the day before an interview, "How did it go?" the day
  after); several make one list with a single [Go through them];
* blocked (Forbidden): the items are put back as they were, for after they write again; a
  server error or flood limit: put back for :data:`RETRY_AFTER` later; a timeout (it may
  have arrived) or a bad request: not retried, so never sent twice.

So a person gets at most one of these messages a day, whatever number of applications,
interviews and silences they have: at most 7 a week.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError, TimedOut

from bot.domain import applications as rules
from bot.domain.due import local_now
from bot.domain.quiet import Kind, muted_until
from bot.flows.applications import moves
from bot.flows.applications.codecs import FollowUp, How, Keep, Move, Review
from bot.flows.circles import offer_sharing
from bot.flows.common import Context, answer, keyboard, reply, settle_button, zone_today
from bot.services import App, Services
from bot.storage import applications as store
from bot.storage import entries, preferences, users
from bot.storage.applications import Claimed, DuePerson
from bot.ui import applications as view
from bot.ui import texts
from bot.ui.dates import format_day
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

BATCH = 200
MAX_BATCHES = 20
RETRY_AFTER = timedelta(minutes=10)


# --- due work: the daily message ---------------------------------------------------------
async def send_due(svc: Services, app: App) -> None:
    """Due work: each person's one message of the day, claimed before it is sent."""
    now = svc.clock.now()
    quiet = moves.quiet_hours(svc)
    for _ in range(MAX_BATCHES):
        people = await store.due_people(svc.db, now, BATCH)
        for person in people:
            await _one(svc, app, person, now, quiet)
        if len(people) < BATCH:
            break


def _message(
    claimed: list[Claimed], now: datetime, zone: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    if len(claimed) == 1:
        one = claimed[0]
        asks = one.app.asks + (one.item == "silence")
        return moves.question(one.app, one.item, asks, now, zone)
    today = local_now(now, zone).date()
    items = [(one, rules.days_since(one.app.news_at, now, zone)) for one in claimed]
    markup = keyboard([[(texts.BUTTON_REVIEW, Review().pack())]])
    return view.daily_list(items, today), markup


async def _one(
    svc: Services, app: App, person: DuePerson, now: datetime, quiet: rules.QuietHours | None
) -> None:
    uid = person.user_id
    # The person's own quiet hours (else QUIET_HOURS), and questions turned off or snoozed
    # in /settings wait (they are kept, not dropped).
    quiet = await preferences.quiet_hours(svc.db, uid, svc.settings.quiet_hours)
    pref = await preferences.pref(svc.db, uid, Kind.APPLICATIONS)
    wait = muted_until(pref, now) or rules.hold_until(now, person.timezone, quiet, person.last_on)
    if wait is not None:
        await store.hold(svc.db, uid, now, wait)
        log.info("application follow-ups held user_id=%s until=%s", uid, wait.isoformat())
        return
    today = local_now(now, person.timezone).date()
    claimed = await store.claim_day(svc.db, person, today, rules.end_of_day(now, person.timezone))
    if not claimed:
        return
    with use_language(person.language_code):
        text, markup = _message(claimed, now, person.timezone)
    try:
        await app.bot.send_message(person.chat_id, text, reply_markup=markup)
    except Forbidden:
        await users.mark_blocked(svc.db, uid, now)
        await store.put_back(svc.db, person, claimed, None)
        log.info("application follow-up not sent, blocked user_id=%s", uid)
        return
    except (TimedOut, BadRequest) as exc:
        # A timeout may have delivered it; a bad request would fail again: never resent.
        log.warning("application follow-up not resent user_id=%s: %s", uid, type(exc).__name__)
        return
    except TelegramError as exc:
        await store.put_back(svc.db, person, claimed, now + RETRY_AFTER)
        log.warning("application follow-up retry user_id=%s: %s", uid, type(exc).__name__)
        return
    if len(claimed) == 1 and claimed[0].item == "note":
        await store.clear_pending(svc.db, uid, claimed[0].app.id)
    log.info("application follow-up sent user_id=%s items=%d", uid, len(claimed))


# --- the answers -----------------------------------------------------------------------------
async def answered(update: Update, context: Context) -> None:
    """[Interview!] [Rejected] [Still nothing] [Withdrew] under "Heard back?"."""
    query = update.callback_query
    assert query is not None
    tap = FollowUp.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    app = await store.get(s.db, query.from_user.id, tap.app_id)
    if app is None:
        await answer(update, texts.APP_GONE)
        return
    if tap.answer == "interview":
        await moves.move(update, context, app, "interview")
    elif tap.answer == "rejected":
        await moves.move(update, context, app, "rejected")
    elif tap.answer == "withdrew":
        await moves.move(update, context, app, "withdrawn")
    else:
        await _still_nothing(update, context, app)


async def _still_nothing(update: Update, context: Context, app: store.Application) -> None:
    """Asked once more after half the interval; after that, offered to log the silence."""
    s = context.services
    if app.pending != "silence":
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    now = s.clock.now()
    zone, _today = await zone_today(context, app.user_id)
    again = now + moves.follow_up_interval(s) / 2 if app.asks < rules.MAX_ASKS else None
    if not await store.still_nothing(s.db, app.user_id, app.id, again):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    await answer(update)
    await settle_button(update, texts.FOLLOW_UP_BUTTONS["nothing"])
    log.info("still nothing user_id=%s app_id=%s asks=%d", app.user_id, app.id, app.asks)
    if again is not None:
        day = format_day(local_now(again, zone).date())
        await reply(update, texts.APP_ASK_AGAIN_ON.format(day=day))
        await moves.send_next(update, context)
        return
    days = rules.days_since(app.news_at, now, zone)
    buttons = [
        [(texts.BUTTON_APP_LOG_SILENCE, Move(app.id, "no_response").pack())],
        [(texts.BUTTON_APP_KEEP_OPEN, Keep(app.id).pack())],
    ]
    await reply(update, texts.follow_up_last(view.name(app), days), keyboard(buttons))


async def how_tapped(update: Update, context: Context) -> None:
    """ "How did it go?": an offer is a win and closes it; "went well" is a win and the
    wait; "hard to say" is the wait."""
    query = update.callback_query
    assert query is not None
    tap = How.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    app = await store.get(s.db, query.from_user.id, tap.app_id)
    if app is None:
        await answer(update, texts.APP_GONE)
        return
    if app.pending != "check" or app.stage != "interview":
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    if tap.how == "offer":
        await moves.finish_move(update, context, app, "offer")
        return
    now = s.clock.now()
    interval = moves.follow_up_interval(s)
    if not await store.wait_again(s.db, app.user_id, app.id, now + interval, now):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    await answer(update)
    await settle_button(update, texts.APP_HOW_BUTTONS[tap.how])
    if tap.how == "well":
        win_text = texts.APP_WIN_INTERVIEW.format(name=view.plain_name(app))
        win = await entries.add_win(
            s.db,
            user_id=app.user_id,
            text=win_text,
            now=now,
            source="application",
            update_id=update.update_id,
        )
        log.info("interview win user_id=%s app_id=%s win_id=%s", app.user_id, app.id, win.id)
        text = texts.APP_WENT_WELL.format(win=texts.esc(win_text), interval=view.interval(interval))
        await reply(update, text, moves.after_buttons())
        await offer_sharing(update, context, win)
    else:
        text = texts.APP_HARD_TO_SAY.format(interval=view.interval(interval))
        await reply(update, text, moves.after_buttons())
    await moves.send_next(update, context)


async def review(update: Update, context: Context) -> None:
    """[Go through them] under a daily list: the next unanswered question. The button
    stays, so the list can be picked up again later."""
    query = update.callback_query
    assert query is not None
    if not await store.awaiting(context.services.db, query.from_user.id, limit=1):
        await answer(update, texts.REVIEW_DONE)
        return
    await answer(update)
    await moves.send_next(update, context)
