"""The seeker hears about new feedback answers once a day, as a count (due work).

A note right after each answer would tell the seeker who just answered (they know whom they
asked, and when each of them had time); so an answer only plans the day's note, at 19:00 in
the seeker's zone (bot/storage/feedback.py), and the note says how many answers came since
the last one, nothing else. The results themselves show in /feedback once enough people
answered.

When 19:00 falls in the seeker's quiet hours, the note waits for the end of them — the same
hour every day, so still one note a day at most and nothing tied to when anyone answered.
Turned off or snoozed in /settings: the note is dropped (the answers stay in /feedback).
"""

from __future__ import annotations

import logging

from telegram.error import Forbidden, TelegramError

from bot.domain.feedback import ANSWERS_NOTE_AT
from bot.domain.quiet import Kind, hold_until, next_slot
from bot.services import App, Services
from bot.storage import feedback as store
from bot.storage import preferences, users
from bot.ui import texts
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)


async def send_answer_notes(svc: Services, app: App) -> None:
    """Due work: each due note claimed (compare-and-swap), then sent."""
    now = svc.clock.now()
    for note in await store.due_answer_notes(svc.db, now):
        seeker = await users.get(svc.db, note.user_id)
        if seeker is None:
            continue
        quiet = await preferences.quiet_hours(svc.db, seeker.user_id, svc.settings.quiet_hours)
        if hold_until(now, seeker.timezone, quiet) is not None:
            until = next_slot(now, seeker.timezone, ANSWERS_NOTE_AT, quiet)
            if await store.postpone_answer_note(svc.db, note, until):
                log.info("feedback note held user_id=%s until=%s", note.user_id, until.isoformat())
            continue
        new = await store.claim_answer_note(svc.db, note)
        if not new:
            continue  # another tick took it, or nothing new
        if seeker.blocked_since is not None:
            continue
        if await preferences.is_muted(svc.db, seeker.user_id, Kind.FEEDBACK, now):
            log.info("feedback note muted user_id=%s round_id=%s", note.user_id, note.round_id)
            continue
        with use_language(seeker.speaks):
            text = texts.feedback_new_answers(new)
        try:
            await app.bot.send_message(seeker.chat_id, text)
        except Forbidden:
            await users.mark_blocked(svc.db, seeker.user_id, now)
            log.info("feedback note not sent, blocked user_id=%s", seeker.user_id)
            continue
        except TelegramError as exc:
            log.warning("feedback note not sent user_id=%s: %s", seeker.user_id, type(exc).__name__)
            continue
        log.info(
            "feedback note sent user_id=%s round_id=%s answers=%d", note.user_id, note.round_id, new
        )
