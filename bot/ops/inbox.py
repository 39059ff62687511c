"""The inbox: no update Telegram handed over is lost, none is handled twice.

Telegram forgets an update once the bot confirms it: with long polling, by asking for the
next ``getUpdates`` offset; with a webhook, by answering the POST with 200. An update that
waits in memory at that moment dies with the process. So every update is written to the
``inbox`` table first (:func:`store`, one transaction per fetched batch), and only then
confirmed; at start-up, whatever was stored and not handled is handled first
(:func:`pending`).

Once an update has been handled, :class:`Committer` flushes the conversation state and
user data it changed (PTB's ``update_persistence``) and then marks it handled — the raw
update, with whatever the person typed, is deleted at once; only its id stays, for
``INBOX_KEEP_HOURS`` (:func:`prune`), to recognise a delivery Telegram repeats (it does
after a crash before the confirmation). So after a crash an update is either handled and
its state saved, or handled again from the state before it; entries it saves carry its
update id as a unique key (bot/storage/entries.py), so the second run finds the first
one's row instead of adding one. Rows carry ``user_id``: /delete erases them.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from telegram import Bot, Update

from bot.clock import to_db
from bot.ops.errors import database_problem, describe
from bot.persistence import SQLitePersistence
from bot.storage.db import Database

log = logging.getLogger(__name__)

Now = Callable[[], datetime]


def _ids(update: Update) -> tuple[int | None, int | None]:
    user = update.effective_user
    chat = update.effective_chat
    return (user.id if user else None, chat.id if chat else None)


async def store(db: Database, updates: Sequence[Update], now: datetime) -> list[Update]:
    """Write a fetched batch in one transaction; returns the updates seen for the first
    time, in order (a repeated delivery of a stored or handled update is left out)."""
    if not updates:
        return []
    ids = [u.update_id for u in updates]
    marks = ",".join("?" * len(ids))
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT update_id FROM inbox WHERE update_id IN ({marks})", ids
        ) as cursor:
            known = {int(row[0]) for row in await cursor.fetchall()}
        fresh: list[Update] = []
        for update in updates:
            if update.update_id in known:
                continue
            known.add(update.update_id)  # Telegram never repeats one in a batch; be sure
            fresh.append(update)
        rows = []
        for update in fresh:
            user_id, chat_id = _ids(update)
            raw = json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
            rows.append((update.update_id, user_id, chat_id, to_db(now), raw))
        await conn.executemany(
            "INSERT INTO inbox (update_id, user_id, chat_id, received_at, raw) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    if len(fresh) < len(updates):
        log.info("repeated delivery ignored count=%d", len(updates) - len(fresh))
    return fresh


async def accept(db: Database, updates: Sequence[Update], now: datetime) -> list[Update]:
    """:func:`store`; but when the database itself is in trouble (full, read-only, locked)
    the updates are handed over without the inbox, so that each person hears that their
    message could not be saved (bot/ops/errors.py) instead of nothing at all."""
    try:
        return await store(db, updates, now)
    except Exception as exc:
        problem = database_problem(exc)
        if problem is None:
            raise
        log.error(
            "inbox unavailable (database %s): %d update(s) go on without it", problem, len(updates)
        )
        return list(updates)


async def pending(db: Database, bot: Bot) -> list[Update]:
    """Stored and not handled (the process ended first), oldest first."""
    rows = await db.fetchall(
        "SELECT update_id, raw FROM inbox WHERE handled_at IS NULL ORDER BY received_at, update_id"
    )
    found = []
    for row in rows:
        try:
            update = Update.de_json(json.loads(row["raw"]), bot)
        except (TypeError, ValueError) as exc:  # never written by us; do not block the rest
            log.error("unreadable inbox row update_id=%s: %s", row["update_id"], exc)
            continue
        if update is not None:
            found.append(update)
    return found


async def mark_handled(db: Database, update_ids: Sequence[int], now: datetime) -> None:
    """Only the ids stay (the raw update, with what the person typed, is deleted)."""
    if not update_ids:
        return
    await db.executemany(_MARK, [(to_db(now), update_id) for update_id in update_ids])


_MARK = "UPDATE inbox SET raw = NULL, handled_at = ? WHERE update_id = ?"


async def prune(db: Database, now: datetime, keep: timedelta) -> int:
    """Forget the ids of updates handled longer than ``keep`` ago."""
    return await db.execute(
        "DELETE FROM inbox WHERE handled_at IS NOT NULL AND handled_at < ?", (to_db(now - keep),)
    )


class Committer:
    """Marks handled updates in batches: what ``flush`` (PTB's ``update_persistence``)
    writes and the inbox marks go in one transaction.

    :meth:`commit` returns once its update is committed. Updates that finish while a
    commit runs wait for the next one, so under load one commit covers many updates.
    """

    def __init__(
        self,
        db: Database,
        persistence: SQLitePersistence,
        flush: Callable[[], Awaitable[None]],
        now: Now,
    ) -> None:
        self.db, self.persistence, self.flush, self.now = db, persistence, flush, now
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []
        self._task: asyncio.Task[None] | None = None
        self.commits = 0

    async def commit(self, update: object) -> None:
        if not isinstance(update, Update):
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((update.update_id, done))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="inbox-commit")
        await asyncio.shield(done)

    async def _run(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            handled = [(to_db(self.now()), update_id) for update_id, _ in batch]
            try:
                with self.persistence.collecting() as writes:
                    await self.flush()
                async with self.db.transaction() as conn:
                    for sql, params in writes:
                        await conn.execute(sql, params)
                    await conn.executemany(_MARK, handled)
            except Exception as exc:
                # Not marked: the updates are handled again after a restart (idempotent).
                log.error("inbox commit failed count=%d: %s", len(batch), describe(exc))
            else:
                self.commits += 1
            for _, done in batch:
                if not done.done():
                    done.set_result(None)
