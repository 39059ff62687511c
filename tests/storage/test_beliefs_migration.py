"""The beliefs migration on a file that holds data from the schema before it; the belief
history, and /export and /delete covering the new table."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import beliefs, entries, userdata
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

BELIEFS = next(i for i, m in enumerate(MIGRATIONS) if any("CREATE TABLE beliefs" in s for s in m))


async def test_beliefs_from_the_schema_before_and_their_history(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=BELIEFS) == BELIEFS  # the schema before beliefs
        for uid in (7, 8):
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at) "
                "VALUES (?, ?, '2026-01-01T00:00:00Z')",
                (uid, uid),
            )
        await conn.execute(
            "INSERT INTO rejections (user_id, kind, hurt, in_control, created_at) "
            "VALUES (7, 'interview', 4, 'Ask about concerns', '2026-01-02T00:00:00Z')"
        )
        await conn.execute(
            "INSERT INTO plans (user_id, rejection_id, if_do, then_happens, created_at) "
            "VALUES (7, 1, 'call Jo', 'I hear back', '2026-01-02T00:00:00Z')"
        )
    db = Database(path)  # opening migrates to the latest version
    await db.open()
    try:
        old = await entries.get_rejection(db, 7, 1)
        assert old is not None and old.in_control == "Ask about concerns"
        assert await db.fetchval("SELECT if_do FROM plans WHERE user_id = 7") == "call Jo"
        assert await beliefs.current_belief(db, 7) is None  # nobody has one yet

        first = await beliefs.set_belief(
            db, user_id=7, text="One no, then a yes", source="suggested", now=START
        )
        later = START + timedelta(days=3)
        same = await beliefs.set_belief(
            db, user_id=7, text="One no, then a yes", source="suggested", now=later
        )
        assert same == first  # the same words again: no new history
        second = await beliefs.set_belief(
            db, user_id=7, text="I learn from each try", source="typed", now=later
        )
        await beliefs.set_belief(db, user_id=8, text="someone else's", source="typed", now=later)
        held = await beliefs.current_belief(db, 7)
        assert held is not None and held == second and held.current
        assert (held.text, held.source, held.chosen_at) == ("I learn from each try", "typed", later)
        (before,) = await beliefs.earlier_beliefs(db, 7)
        assert (before.text, before.chosen_at, before.replaced_at) == (
            "One no, then a yes",
            START,
            later,
        )
        with pytest.raises(aiosqlite.IntegrityError):  # one current belief per person
            await db.execute(
                "INSERT INTO beliefs (user_id, text, source, chosen_at) "
                "VALUES (7, 'x', 'typed', '2026-01-05T00:00:00Z')"
            )

        # /export and /delete cover the new table without being told about it.
        found = {t.name: t for t in await userdata.collect(db, 7)}
        table = found["beliefs"]
        text = table.columns.index("text")
        assert sorted(row[text] for row in table.rows) == [
            "I learn from each try",
            "One no, then a yes",
        ]
        await userdata.erase(db, 7)
        assert await db.fetchval("SELECT COUNT(*) FROM beliefs WHERE user_id = 7") == 0
        assert await beliefs.current_belief(db, 8) is not None
    finally:
        await db.close()
