"""The seeker hears about new feedback answers once a day, as a count (due work).

A note right after each answer would tell the seeker who just answered (they know whom they
asked, and when each of them had time); so an answer only plans the day's note, at 19:00 in
the seeker's zone (bot/storage/feedback.py), and the note says how many answers came since
the last one, nothing else. The results themselves show in /feedback once enough people
answered.
"""

from __future__ import annotations

import logging

from telegram.error import Forbidden, TelegramError

from bot.services import App, Services
from bot.storage import feedback as store
from bot.storage import users
from bot.ui import texts

log = logging.getLogger(__name__)


async def send_answer_notes(svc: Services, app: App) -> None:
    """Due work: each due note claimed (compare-and-swap), then sent."""
    now = svc.clock.now()
    for note in await store.due_answer_notes(svc.db, now):
        new = await store.claim_answer_note(svc.db, note)
        if not new:
            continue  # another tick took it, or nothing new
        seeker = await users.get(svc.db, note.user_id)
        if seeker is None or seeker.blocked_since is not None:
            continue
        try:
            await app.bot.send_message(seeker.chat_id, texts.feedback_new_answers(new))
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
