"""The timely-signals migration on a file that holds data from the schema before it: people
keep everything, start with the defaults (every kind on, the operator's quiet hours), and
their choices are theirs alone."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.domain.quiet import Kind, Pref, QuietHours
from bot.storage import preferences, users
from bot.storage.db import Database
from bot.storage.migrations import MIGRATIONS, migrate
from tests.harness import START

SIGNALS = next(
    i for i, m in enumerate(MIGRATIONS) if any("CREATE TABLE message_prefs" in s for s in m)
)


async def test_people_from_before_keep_their_data_and_get_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=SIGNALS) == SIGNALS  # the schema just before
        for uid, zone in ((7, "Europe/Berlin"), (8, "Asia/Tokyo")):
            await conn.execute(
                "INSERT INTO users (user_id, chat_id, first_name, timezone, created_at) "
                "VALUES (?, ?, 'Ana', ?, '2026-01-01T00:00:00Z')",
                (uid, uid, zone),
            )
    db = Database(path)  # opening migrates to the latest version
    await db.open()
    try:
        ana = await users.get(db, 7)
        assert ana is not None and ana.timezone == "Europe/Berlin" and ana.first_name == "Ana"
        assert await preferences.prefs(db, 7) == {kind: Pref() for kind in Kind}
        assert await preferences.quiet_hours(db, 7, "21-8") == QuietHours(21, 8)
        assert await preferences.quiet_hours(db, 7, "") is None

        await preferences.set_quiet_hours(db, 7, None)  # their own choice: none
        await preferences.set_pref(db, 7, Kind.CHEERS, Pref(off=True))
        await preferences.set_pref(db, 7, Kind.FEEDBACK, Pref(snoozed_until=START))
        await preferences.set_pref(db, 7, Kind.CHEERS, Pref())  # and back on
        assert await preferences.quiet_hours(db, 7, "21-8") is None
        assert await preferences.pref(db, 7, Kind.CHEERS) == Pref()
        assert await preferences.pref(db, 7, Kind.FEEDBACK) == Pref(snoozed_until=START)
        # The other person is untouched.
        assert await preferences.quiet_hours(db, 8, "21-8") == QuietHours(21, 8)
        assert await preferences.prefs(db, 8) == {kind: Pref() for kind in Kind}
        # /delete takes the choices with the person (ON DELETE CASCADE).
        await db.execute("DELETE FROM users WHERE user_id = 7")
        assert await db.fetchval("SELECT COUNT(*) FROM message_prefs") == 0
    finally:
        await db.close()
