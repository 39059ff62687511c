"""Applications on a real SQLite file: the migration over existing data, claims that never
send twice, all-or-nothing imports, the funnel, and /export and /delete."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.domain.applications import ImportRow
from bot.storage import applications as store
from bot.storage import entries, userdata
from bot.storage.applications import DuePerson, NewApplication
from bot.storage.db import Database
from bot.storage.migrations import LATEST_VERSION, MIGRATIONS, migrate

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
APPLICATIONS = next(
    i for i, m in enumerate(MIGRATIONS) if any("CREATE TABLE applications" in s for s in m)
)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "c.sqlite3")
    await database.open()
    for uid in (1, 2):
        await database.execute(
            "INSERT INTO users (user_id, chat_id, timezone, created_at) VALUES (?, ?, ?, ?)",
            (uid, uid, "Europe/Berlin", "2026-01-01T00:00:00Z"),
        )
    try:
        yield database
    finally:
        await database.close()


def new(company: str, due: datetime | None = None, **kw: object) -> NewApplication:
    values: dict[str, object] = {
        "kind": "application",
        "company": company,
        "role": None,
        "link": None,
        "applied_on": TODAY,
        "news_at": NOW,
        "follow_up_due": due,
    }
    values.update(kw)
    return NewApplication(**values)  # type: ignore[arg-type]


def person(uid: int, last_on: date | None = None) -> DuePerson:
    return DuePerson(uid, uid, "Europe/Berlin", None, last_on)


async def test_the_migration_keeps_what_was_there(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=APPLICATIONS) == APPLICATIONS
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, created_at) VALUES (7, 7, '2026-01-01T00:00:00Z')"
        )
        await conn.execute(
            "INSERT INTO rejections (user_id, kind, hurt, created_at) "
            "VALUES (7, 'application', 3, '2026-01-02T00:00:00Z')"
        )
        await conn.execute(
            "INSERT INTO wins (user_id, text, created_at) VALUES (7, 'w', '2026-01-02T00:00:00Z')"
        )
    database = Database(path)
    await database.open()
    try:
        assert database.schema_version == LATEST_VERSION
        assert await database.fetchval("SELECT COUNT(*) FROM rejections WHERE user_id = 7") == 1
        assert await database.fetchval("SELECT COUNT(*) FROM wins WHERE user_id = 7") == 1
        saved = await store.add(database, 7, new("Globex", NOW + timedelta(days=14)), NOW)
        assert saved.stage == "applied" and saved.asks == 0 and saved.pending is None
        assert await store.count_open(database, 7) == 1
    finally:
        await database.close()


async def test_one_row_per_update(db: Database) -> None:
    first = await store.add(db, 1, new("Globex"), NOW, update_id=5)
    again = await store.add(db, 1, new("Globex"), NOW, update_id=5)
    other = await store.add(db, 2, new("Globex"), NOW, update_id=5)
    assert first.id == again.id != other.id


async def test_every_query_is_the_owners(db: Database) -> None:
    app = await store.add(db, 1, new("Globex"), NOW)
    assert await store.get(db, 2, app.id) is None
    assert not await store.remove(db, 2, app.id)
    assert not await store.edit_text(db, 2, app.id, "company", "Hacked")
    assert await store.move(db, 2, app, "offer", today=TODAY, now=NOW, follow_up_due=None) is None
    assert (await store.get(db, 1, app.id)) == app
    with pytest.raises(ValueError, match="user_id"):
        await store.edit_text(db, 1, app.id, "user_id", "2")


async def test_a_move_happens_once_and_fills_the_funnel(db: Database) -> None:
    app = await store.add(db, 1, new("Globex", NOW), NOW)
    later = NOW + timedelta(days=3)
    moved = await store.move(db, 1, app, "interview", today=TODAY, now=later, follow_up_due=None)
    assert moved is not None and moved.stage == "interview"
    assert moved.answered_on == moved.interview_on == TODAY and moved.follow_up_due is None
    # The same tap again (the old row): refused by the compare-and-swap.
    assert (
        await store.move(db, 1, app, "interview", today=TODAY, now=later, follow_up_due=None)
        is None
    )
    offer = await store.move(db, 1, moved, "offer", today=TODAY, now=later, follow_up_due=None)
    assert offer is not None and offer.closed_on == TODAY and offer.offer_on == TODAY
    assert await store.funnel(db, 1) == store.Funnel(sent=1, answers=1, interviews=1, offers=1)
    assert await store.count_open(db, 1) == 0


async def test_the_funnel_by_day(db: Database) -> None:
    week_ago = TODAY - timedelta(days=7)
    await store.add(db, 1, new("A", applied_on=week_ago), NOW)
    await store.add(db, 1, new("B"), NOW)
    rejected = await store.add(db, 1, new("C"), NOW)
    silent = await store.add(db, 1, new("D", applied_on=week_ago), NOW)
    await store.move(db, 1, rejected, "rejected", today=TODAY, now=NOW, follow_up_due=None)
    await store.move(db, 1, silent, "no_response", today=TODAY, now=NOW, follow_up_due=None)
    await store.add(db, 2, new("Not mine"), NOW)
    assert await store.funnel(db, 1) == store.Funnel(sent=4, answers=1, noes=2)
    this_week = await store.funnel(db, 1, date(2026, 11, 23), date(2026, 11, 29))
    assert this_week == store.Funnel(sent=2, answers=1, noes=2)


async def test_a_day_is_claimed_once_even_by_two_at_once(db: Database) -> None:
    due = NOW - timedelta(minutes=1)
    for company in ("A", "B", "C"):
        await store.add(db, 1, new(company, due), NOW)
    later_today = NOW + timedelta(hours=5)
    await store.add(db, 1, new("D", later_today), NOW)  # due before the day ends: included
    await store.add(db, 1, new("E", NOW + timedelta(days=2)), NOW)
    until = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # midnight in Berlin
    got = await asyncio.gather(
        store.claim_day(db, person(1), TODAY, until), store.claim_day(db, person(1), TODAY, until)
    )
    winners = [g for g in got if g]
    assert len(winners) == 1 and [g for g in got if g is None] == [None]
    claimed = winners[0]
    assert sorted(c.app.company for c in claimed) == ["A", "B", "C", "D"]
    assert all(c.item == "silence" for c in claimed)
    rows = await store.awaiting(db, 1)
    assert sorted(a.company for a in rows) == ["A", "B", "C", "D"]
    assert {a.asks for a in rows} == {1} and {a.follow_up_due for a in rows} == {None}
    # Nothing due any more; the next day can be claimed, but finds nothing.
    assert await store.due_people(db, NOW + timedelta(hours=6), 10) == []
    assert await store.claim_day(db, person(1, TODAY), TODAY, until) is None


async def test_a_failed_send_puts_everything_back(db: Database) -> None:
    due = NOW - timedelta(minutes=1)
    app = await store.add(db, 1, new("A", due), NOW)
    until = NOW + timedelta(hours=10)
    claimed = await store.claim_day(db, person(1), TODAY, until)
    assert claimed is not None
    retry = NOW + timedelta(minutes=10)
    await store.put_back(db, person(1), claimed, retry)
    back = await store.get(db, 1, app.id)
    assert back is not None
    assert (back.follow_up_due, back.asks, back.pending) == (retry, 0, None)
    # The day is free again: the retry can claim it.
    assert await db.fetchval("SELECT COUNT(*) FROM application_asks") == 0
    assert [p.user_id for p in await store.due_people(db, retry, 10)] == [1]
    assert await store.claim_day(db, person(1), TODAY, until)


async def test_held_until_later_and_blocked_people_left_out(db: Database) -> None:
    await store.add(db, 1, new("A", NOW - timedelta(hours=1)), NOW)
    await store.add(db, 2, new("B", NOW - timedelta(hours=1)), NOW)
    await db.execute(
        "UPDATE users SET blocked_since = ? WHERE user_id = 2",
        (NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),),
    )
    assert [p.user_id for p in await store.due_people(db, NOW, 10)] == [1]
    tomorrow = NOW + timedelta(hours=20)
    await store.hold(db, 1, NOW, tomorrow)
    assert await store.due_people(db, NOW, 10) == []
    assert [p.user_id for p in await store.due_people(db, tomorrow, 10)] == [1]


def rows(*companies: str) -> list[ImportRow]:
    return [ImportRow(n, c, None, TODAY, "applied") for n, c in enumerate(companies, start=2)]


async def test_an_import_is_all_or_nothing_once_and_undoable(db: Database) -> None:
    import_id = await store.stage_import(db, 1, "jobs.csv", rows("A", "B", "C"), NOW)
    staged = await store.get_import(db, 1, import_id)
    assert staged is not None and [r.company for r in staged.rows] == ["A", "B", "C"]
    assert await store.get_import(db, 2, import_id) is None
    # A row the database refuses (a stage it doesn't know) takes the whole import back.
    bad = [new("A"), new("B", stage="hired")]
    with pytest.raises(aiosqlite.IntegrityError):
        await store.run_import(db, 1, import_id, bad, NOW)
    assert await store.count_open(db, 1) == 0
    assert (await store.get_import(db, 1, import_id)).status == "preview"  # type: ignore[union-attr]
    good = [new("A"), new("B"), new("C")]
    assert await store.run_import(db, 1, import_id, good, NOW)
    assert not await store.run_import(db, 1, import_id, good, NOW)  # a second tap
    assert await store.count_open(db, 1) == 3
    mine = await store.add(db, 1, new("Mine"), NOW)
    assert await store.undo_import(db, 2, import_id) is None
    assert await store.undo_import(db, 1, import_id) == 3
    assert await store.undo_import(db, 1, import_id) is None
    assert [a.id for a in await store.open_page(db, 1, 0, 10)] == [mine.id]


async def test_export_and_delete_cover_every_application_table(db: Database) -> None:
    await db.execute(
        "INSERT INTO circles (id, chat_id, join_token, created_at) VALUES (1, -100, 't', ?)",
        ("2026-01-01T00:00:00Z",),
    )
    for uid in (1, 2):
        app = await store.add(db, uid, new(f"Co{uid}", NOW), NOW)
        rejection = await entries.add_rejection(
            db,
            user_id=uid,
            kind="application",
            other_text=None,
            where_text="x",
            hurt=2,
            in_control=None,
            now=NOW,
        )
        await store.set_rejection(db, uid, app.id, rejection.id)
        import_id = await store.stage_import(db, uid, "f.csv", rows("X"), NOW)
        assert await store.run_import(db, uid, import_id, [new("X")], NOW)
        await store.claim_day(db, person(uid), TODAY, NOW + timedelta(hours=1))
        share = await store.add_share(db, uid, 1, (2026, 48), 3, NOW)
        assert share is not None
        await store.share_posted(db, share, -100, 50 + uid)
    tables = {"applications", "application_imports", "application_asks", "application_shares"}
    found = {t.name: t for t in await userdata.collect(db, 1)}
    assert tables <= set(found)
    assert len(found["applications"].rows) == 2
    assert [m.message_id for m in await userdata.group_messages(db, 1)] == [51]
    removed = await userdata.erase(db, 1)
    assert {name: removed[name] for name in tables} == {
        "applications": 2,
        "application_imports": 1,
        "application_asks": 1,
        "application_shares": 1,
    }
    for table in tables:
        assert await db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE user_id = 1") == 0
        assert await db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE user_id = 2") >= 1
