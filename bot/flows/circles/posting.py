"""Posting in a circle's group, within Telegram's limit there (about 20 messages a minute).

Every message the bot sends to a group goes through one :class:`GroupPacer` per process:
posts (:func:`send_to_circle`: shares, the introduction, digests) and the few replies the
bot gives in a group (:func:`group_reply`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden

from bot.domain import circles as rules
from bot.flows.common import Context
from bot.services import App, services_of
from bot.storage import circles as store
from bot.storage.circles import Circle

log = logging.getLogger(__name__)

PACER = "circle_pacer"  # bot_data key (bot_data is not persisted)


class GroupPacer:
    """Keeps each group under Telegram's per-group limit with a sliding window (see
    :func:`bot.domain.circles.pacing_wait`). Sends to one group go one at a time, in order;
    a send is counted when its response arrives, which is never earlier than Telegram saw it.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._sent: dict[int, deque[float]] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    @asynccontextmanager
    async def slot(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            sent = self._sent.setdefault(chat_id, deque())
            while True:
                now = loop.time()
                while sent and sent[0] <= now - self.window:
                    sent.popleft()
                wait = rules.pacing_wait(sent, now, self.limit, self.window)
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                sent.append(loop.time())


def pacer(app: App) -> GroupPacer:
    """The process's one pacer, made on first use from the settings."""
    found = app.bot_data.get(PACER)
    if not isinstance(found, GroupPacer):
        settings = services_of(app).settings
        found = GroupPacer(settings.group_messages_per_window, settings.group_window_seconds)
        app.bot_data[PACER] = found
    return found


async def send_to_circle(
    app: App,
    circle: Circle,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Post in the circle's group, paced. Follows a migration to a supergroup
    (``ChatMigrated``) once; a ``Forbidden`` (bot removed) deactivates the circle and is
    raised again."""
    s = services_of(app)
    chat_id = circle.chat_id
    for _ in range(2):
        try:
            async with pacer(app).slot(chat_id):
                sent: Message = await app.bot.send_message(chat_id, text, reply_markup=markup)
                return sent
        except ChatMigrated as exc:
            new_id = int(exc.new_chat_id)
            await store.circle_migrated(s.db, chat_id, new_id)
            log.info("circle migrated on send circle_id=%s new_chat_id=%s", circle.id, new_id)
            chat_id = new_id
        except Forbidden:
            await store.circle_removed(s.db, chat_id, s.clock.now())
            log.info("circle deactivated, bot not in group circle_id=%s", circle.id)
            raise
    raise BadRequest("group migrated twice")


async def group_reply(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer a command in the group it came from (paced like every group message)."""
    message = update.effective_message
    assert message is not None
    try:
        async with pacer(context.application).slot(message.chat.id):
            await message.reply_text(text, reply_markup=markup)
    except Forbidden:
        log.info("group reply not sent chat_id=%s", message.chat.id)
