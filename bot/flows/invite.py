"""The weekly check-in as a calendar invite (the article: "set a calendar invite"), sent as
an ``.ics`` file after onboarding and whenever the check-in's day, time or zone changes: the
confirmation is the file's caption, so it stays one message.

The file is built by bot/ui/calendar.py; importing it again replaces the event (same UID).
A file that can't be sent is logged and the confirmation goes alone: the schedule itself is
already saved.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import TelegramError

from bot.domain.due import local_now, next_weekly_due
from bot.flows.common import Context
from bot.storage.users import User
from bot.ui import texts
from bot.ui.calendar import CheckinEvent, checkin_calendar

log = logging.getLogger(__name__)

FILE_NAME = "comeback-check-in.ics"
ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


async def invite_file(context: Context, user: User) -> bytes:
    """``user``'s check-in (their zone, day and time) as an ``.ics`` file (built in a thread:
    a zone's first file takes ~50 ms, bench/calendar.py)."""
    now = context.services.clock.now()
    username = context.bot.username
    due = next_weekly_due(now, user.timezone, user.checkin_weekday, user.checkin_time)
    link = f"https://t.me/{username}"
    event = CheckinEvent(
        uid=f"checkin-{user.user_id}@{username}.comeback",
        zone=user.timezone,
        weekday=user.checkin_weekday,
        at=user.checkin_time,
        first=local_now(due, user.timezone).date(),
        summary=texts.CALENDAR_SUMMARY,
        description=texts.CALENDAR_DESCRIPTION.format(link=link),
        url=link,
    )
    return await asyncio.to_thread(checkin_calendar, event, now)


async def reply_with_invite(
    update: Update, context: Context, user: User, text: str, markup: ReplyMarkup | None
) -> None:
    """``text`` (with ``markup``) as the caption of ``user``'s calendar file: one message.
    If the file can't be sent, ``text`` goes alone (what was set is saved either way)."""
    chat = update.effective_chat
    assert chat is not None
    try:
        await chat.send_document(
            await invite_file(context, user),
            filename=FILE_NAME,
            caption=f"{text}\n\n{texts.CALENDAR_HINT}",
            reply_markup=markup,
        )
    except TelegramError as exc:
        log.warning("calendar invite not sent user_id=%s: %s", user.user_id, type(exc).__name__)
        try:
            await chat.send_message(text, reply_markup=markup)
        except TelegramError as again:
            log.warning("confirmation not sent user_id=%s: %s", user.user_id, type(again).__name__)
        return
    log.info("calendar invite sent user_id=%s", user.user_id)
