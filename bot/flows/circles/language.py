"""/language in a group: the language the bot posts in there (the circle's language).

A circle starts in the language of whoever added the bot (bot/ops/languages.py handles that
update in their language, and :mod:`membership` stores it). ``/language`` shows it;
``/language es`` (a code or a name: ``pt``, ``Deutsch``, ``russian``) changes it, admins
only. Everything the bot says in the group from then on — replies, shares, the digest —
is in that language; what it writes to members privately stays in each one's own.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.flows.circles.digest import is_admin
from bot.flows.circles.membership import ensure_circle
from bot.flows.circles.posting import group_reply
from bot.flows.common import Context
from bot.flows.language import codes
from bot.storage import circles as store
from bot.ui import texts
from bot.ui.i18n import parse_language, use_language

log = logging.getLogger(__name__)

__all__ = ["language_command"]


async def language_command(update: Update, context: Context) -> None:
    """/language (the circle's language, and how to change it), /language <code> (admins)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    circle = await ensure_circle(update, context)
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await group_reply(update, context, texts.GROUP_LANGUAGE_STATUS.format(codes=codes()))
        return
    if not await is_admin(update, context):
        await group_reply(update, context, texts.GROUP_LANGUAGE_ADMINS_ONLY)
        return
    code = parse_language(wanted)
    if code is None:
        await group_reply(
            update,
            context,
            texts.GROUP_LANGUAGE_UNKNOWN.format(text=texts.esc(wanted[:40]), codes=codes()),
        )
        return
    await store.set_language(context.services.db, circle.id, code)
    log.info(
        "circle language changed circle_id=%s language=%s by user_id=%s", circle.id, code, user.id
    )
    with use_language(code):
        await group_reply(update, context, texts.GROUP_LANGUAGE_SAVED)
