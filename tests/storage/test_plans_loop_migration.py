"""The closing-the-loop migration on a file that holds plans and check-ins from the schema
before it: nothing lost, an open plan already asked about counts as asked once (overdue,
never asked again), and the new columns work, once per update."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import aiosqlite

from bot.domain import plans as rules
from bot.storage import checkins, entries
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

LOOP = next(i for i, m in enumerate(MIGRATIONS) if any("ADD COLUMN parent_id" in s for s in m))


async def test_plans_and_checkins_from_before_the_loop_survive(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=LOOP) == LOOP  # the schema just before
        for uid in (7, 8):
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, created_at, timezone) "
                "VALUES (?, ?, '2026-01-01T00:00:00Z', 'Europe/Berlin')",
                (uid, uid),
            )
        rows = [
            # asked once already (claimed: no due time left): overdue from now on
            (1, 7, "call Jo", "2026-01-05", None, "open"),
            # still to be asked
            (2, 7, "email Ana", "2026-01-09", "2026-01-09T17:00:00Z", "open"),
            (3, 7, "apply to Acme", "2026-01-04", None, "done"),
            (4, 8, "someone else's", "2026-01-04", None, "open"),
        ]
        for pid, uid, if_do, on, due, status in rows:
            await conn.execute(
                "INSERT INTO plans (id, user_id, if_do, then_happens, follow_up_on, "
                "follow_up_due, status, created_at) VALUES (?, ?, ?, 'they answer', ?, ?, ?, "
                "'2026-01-02T00:00:00Z')",
                (pid, uid, if_do, on, due, status),
            )
        await conn.execute(
            "INSERT INTO checkins (user_id, iso_year, iso_week, worked, people, started_at) "
            "VALUES (7, 2026, 1, 'the meetup', 'Ana', '2026-01-04T17:00:00Z')"
        )
    db = Database(path)  # opening migrates to the latest version
    await db.open()
    try:
        asked = await entries.get_plan(db, 7, 1)
        waiting = await entries.get_plan(db, 7, 2)
        done = await entries.get_plan(db, 7, 3)
        assert asked is not None and waiting is not None and done is not None
        assert (asked.if_do, asked.follow_up_asks, asked.outcome) == ("call Jo", 1, None)
        assert rules.is_overdue(asked.follow_up_on, asked.follow_up_due, date(2026, 1, 6))
        assert waiting.follow_up_asks == 0 and waiting.follow_up_due is not None
        assert (done.status, done.outcome, done.win_id, done.parent_id) == (
            "done",
            None,
            None,
            None,
        )
        assert await entries.get_plan(db, 7, 4) is None  # only one's own
        last = await checkins.previous(db, 7, (2026, 2))
        assert last is not None and (last.worked, last.people) == ("the meetup", "Ana")
        assert last.people_met is None and last.focus_note is None

        # the new columns: an outcome once, a win once, a next plan linked, once per update
        await entries.ask_outcome(db, 7, 3, START)
        assert await entries.set_outcome(db, 7, 3, "yes", None)
        assert not await entries.set_outcome(db, 7, 3, "no", None)  # answered already
        assert not await entries.set_outcome(db, 8, 3, "yes", None)  # not theirs
        win = await entries.log_plan_win(
            db, user_id=7, plan_id=3, text="They answer", now=START, update_id=40
        )
        again = await entries.log_plan_win(
            db, user_id=7, plan_id=3, text="They answer", now=START, update_id=41
        )
        assert win is not None and again is not None and win.id == again.id
        assert (
            await entries.log_plan_win(db, user_id=8, plan_id=3, text="x", now=START, update_id=42)
            is None
        )
        assert await db.fetchval("SELECT COUNT(*) FROM wins") == 1
        kwargs = {
            "user_id": 7,
            "rejection_id": None,
            "if_do": "ask for a referral",
            "then_happens": "I get an interview",
            "follow_up_on": date(2026, 1, 8),
            "follow_up_due": START + timedelta(days=1),
            "now": START,
            "update_id": 50,
            "parent_id": 3,
        }
        first = await entries.add_plan(db, **kwargs)  # type: ignore[arg-type]
        replay = await entries.add_plan(db, **kwargs)  # type: ignore[arg-type]
        assert first.id == replay.id and first.parent_id == 3
        # a parent removed: the next plan stays, unlinked
        await db.execute("DELETE FROM plans WHERE id = 3")
        kept = await entries.get_plan(db, 7, first.id)
        assert kept is not None and kept.parent_id is None
    finally:
        await db.close()
