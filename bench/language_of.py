"""``python -m bench.language_of``: what choosing each update's language costs.

Every update is handled in its person's language (or its circle's, in a group): the update
processor asks :func:`bot.ops.languages.language_of` (one primary-key read) before the
update runs, then sets the ContextVar. Measured on a SQLite file with 10,000 people and 500
circles: a private message, a group message, a person not stored yet; and ``use_language``
alone. Numbers only; nothing is asserted.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from telegram import Update

from bot.clock import to_db
from bot.ops.languages import language_of
from bot.storage.db import Database
from bot.ui.i18n import use_language
from tests.harness import START

PEOPLE, CIRCLES, ROUNDS = 10_000, 500, 5_000
CODES = ("en", "es", "pt-br", "de", "ru")


def update(chat_id: int, chat_type: str, user_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": chat_id, "type": chat_type, "title": "g"},
                "from": {"id": user_id, "is_bot": False, "first_name": "P", "language_code": "de"},
                "text": "hi",
            },
        },
        None,
    )


async def per_call_us(db: Database, updates: list[Update]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for u in updates:
            await language_of(db, u)
        best = min(best, time.perf_counter() - start)
    return best / len(updates) * 1e6


async def read_us(db: Database) -> float:
    start = time.perf_counter()
    for i in range(1, ROUNDS + 1):
        await db.fetchone("SELECT chat_id FROM users WHERE user_id = ?", (i,))
    return (time.perf_counter() - start) / ROUNDS * 1e6


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite3")
        await db.open()
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO users (user_id, chat_id, language_code, language, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (i, i, CODES[i % 5], "es" if i % 7 == 0 else None, to_db(START))
                    for i in range(1, PEOPLE + 1)
                ],
            )
            await conn.executemany(
                "INSERT INTO circles (chat_id, title, join_token, created_at, language) "
                "VALUES (?, 'g', ?, ?, ?)",
                [(-i, f"t{i}", to_db(START), CODES[i % 5]) for i in range(1, CIRCLES + 1)],
            )
        private = [update(i, "private", i) for i in range(1, ROUNDS + 1)]
        group = [update(-(i % CIRCLES + 1), "supergroup", i) for i in range(1, ROUNDS + 1)]
        stranger = [update(PEOPLE + i, "private", PEOPLE + i) for i in range(1, ROUNDS + 1)]
        print(f"language_of, private message:     {await per_call_us(db, private):7.1f} µs")
        print(f"one primary-key read (baseline):  {await read_us(db):7.1f} µs")
        print(f"language_of, group message:       {await per_call_us(db, group):7.1f} µs")
        print(f"language_of, person not stored:   {await per_call_us(db, stranger):7.1f} µs")
        for code in CODES:  # each catalog compiled once, on first use: not timed
            with use_language(code):
                pass
        start = time.perf_counter()
        for i in range(ROUNDS):
            with use_language(CODES[i % 5]):
                pass
        each = (time.perf_counter() - start) / ROUNDS * 1e6
        print(f"use_language (enter and leave):   {each:7.1f} µs")
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
