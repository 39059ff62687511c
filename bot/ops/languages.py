"""Which language an incoming update is handled in (the processor sets it around each one).

* In a group: the circle's language (chosen by whoever added the bot, changed by an admin's
  ``/language``); English for a circle from before languages. A group with no circle yet
  (the update that adds the bot): the language of the person in it.
* Anywhere else: the person's choice in /settings, else the language their Telegram is set
  to now (``language_code`` of this update), else the one stored at their last update.

The result is a tag for :func:`bot.ui.i18n.use_language`, which picks the catalog
(``es-419`` → es, ``pt-br`` → pt_BR, anything unknown → English).
"""

from __future__ import annotations

from telegram import Update

from bot.storage import circles, users
from bot.storage.db import Database

__all__ = ["language_of"]


async def language_of(db: Database, update: object) -> str | None:
    """The language tag ``update`` is handled in (None: English)."""
    if not isinstance(update, Update):
        return None
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and chat.type != "private":
        found, tag = await circles.language_of_chat(db, chat.id)
        if found:
            return tag
    if user is None:
        return None
    chosen, last_seen = await users.languages(db, user.id)
    return chosen or user.language_code or last_seen
