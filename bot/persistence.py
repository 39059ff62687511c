"""PTB persistence in the same SQLite file: conversation states and user_data.

PTB calls the ``update_*`` methods every ``update_interval`` seconds and on shutdown; each
call is written at once in its own transaction, so :meth:`flush` has nothing left to do.
After each update, bot/ops/inbox.py has them written *together* with the update's
"handled" mark: inside :meth:`SQLitePersistence.collecting` the writes are collected for
one transaction instead. Chat data, bot data and callback data are not used by Comeback
and are not stored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.storage.db import Database

log = logging.getLogger(__name__)

Data = dict[Any, Any]
Statement = tuple[str, tuple[Any, ...]]

# Set by :meth:`SQLitePersistence.collecting`; PTB writes through tasks started from there,
# which see it too. Writes from anywhere else (PTB's periodic flush) go straight through.
_COLLECTED: ContextVar[list[Statement] | None] = ContextVar("persistence_batch", default=None)


def _key_to_text(key: ConversationKey) -> str:
    return json.dumps(list(key))


def _key_from_text(text: str) -> ConversationKey:
    return tuple(json.loads(text))


class SQLitePersistence(BasePersistence[Data, Data, Data]):
    def __init__(self, db: Database, update_interval: float = 2.0) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.db = db

    async def _ready(self) -> Database:
        await self.db.open()
        return self.db

    async def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        collected = _COLLECTED.get()
        if collected is not None:
            collected.append((sql, params))
            return
        db = await self._ready()
        await db.execute(sql, params)

    @contextmanager
    def collecting(self) -> Iterator[list[Statement]]:
        """Writes made inside (also by tasks started inside) are collected, not executed;
        the caller executes them in its own transaction."""
        collected: list[Statement] = []
        token = _COLLECTED.set(collected)
        try:
            yield collected
        finally:
            _COLLECTED.reset(token)

    # --- conversations -------------------------------------------------------------
    async def get_conversations(self, name: str) -> ConversationDict:
        db = await self._ready()
        rows = await db.fetchall("SELECT key, state FROM ptb_conversations WHERE name = ?", (name,))
        return {_key_from_text(row["key"]): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        if new_state is None:
            await self._write(
                "DELETE FROM ptb_conversations WHERE name = ? AND key = ?",
                (name, _key_to_text(key)),
            )
            return
        await self._write(
            """
            INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?)
            ON CONFLICT (name, key) DO UPDATE SET state = excluded.state
            """,
            (name, _key_to_text(key), json.dumps(new_state)),
        )

    # --- user data -----------------------------------------------------------------
    async def get_user_data(self) -> dict[int, Data]:
        db = await self._ready()
        rows = await db.fetchall("SELECT user_id, data FROM ptb_user_data")
        return {row["user_id"]: json.loads(row["data"]) for row in rows}

    async def update_user_data(self, user_id: int, data: Data) -> None:
        if not data:
            await self._write("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))
            return
        await self._write(
            """
            INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)
            ON CONFLICT (user_id) DO UPDATE SET data = excluded.data
            """,
            (user_id, json.dumps(data)),
        )

    async def drop_user_data(self, user_id: int) -> None:
        await self._write("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """user_data lives in memory between flushes; nothing to reload."""

    # --- not stored (store_data says so; PTB never calls these) ----------------------
    async def get_chat_data(self) -> dict[int, Data]:
        return {}

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        return None

    async def get_bot_data(self) -> Data:
        return {}

    async def update_bot_data(self, data: Data) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Data) -> None:
        return None

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def flush(self) -> None:
        log.debug("persistence flushed (writes are immediate)")

    async def forget_user(self, user_id: int) -> None:
        """Remove every conversation state and user_data row of a user (for /delete)."""
        db = await self._ready()
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))
            # Keys are JSON lists [chat_id, user_id]: the private chat, and any chat where
            # this user had a conversation of their own.
            await conn.execute(
                "DELETE FROM ptb_conversations WHERE key LIKE ? OR key LIKE ?",
                (f"[{user_id:d},%", f"%, {user_id:d}]"),
            )
