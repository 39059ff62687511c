"""Repositories on a real SQLite file in tmp_path."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.storage import entries, users
from bot.storage.db import Database

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "c.sqlite3")
    await database.open()
    try:
        yield database
    finally:
        await database.close()


async def add_user(db: Database, user_id: int = 1) -> users.User:
    user, _ = await users.seen(
        db, user_id=user_id, chat_id=user_id, first_name="Ada", language_code="en",
        default_timezone="UTC", now=NOW,
    )  # fmt: skip
    return user


async def test_seen_creates_updates_and_unblocks(db: Database) -> None:
    user = await add_user(db)
    assert user.timezone == "UTC" and user.checkin_weekday == 6 and user.checkin_time == time(18)
    await users.mark_blocked(db, 1, NOW)
    assert (await users.get(db, 1)).blocked_since == NOW  # type: ignore[union-attr]
    again, was_blocked = await users.seen(
        db, user_id=1, chat_id=1, first_name="Ada L.", language_code=None,
        default_timezone="Europe/Berlin", now=NOW + timedelta(days=1),
    )  # fmt: skip
    assert was_blocked and again.blocked_since is None
    assert again.first_name == "Ada L." and again.timezone == "UTC"  # zone kept
    assert again.created_at == NOW


async def test_schedule_and_onboarding(db: Database) -> None:
    await add_user(db)
    due = NOW + timedelta(days=4)
    await users.set_schedule(db, 1, weekday=0, at=time(9, 30), next_due=due)
    await users.mark_onboarded(db, 1, NOW)
    await users.mark_onboarded(db, 1, NOW + timedelta(days=1))  # first time wins
    user = await users.get(db, 1)
    assert user is not None
    assert (user.checkin_weekday, user.checkin_time, user.next_checkin_due) == (0, time(9, 30), due)
    assert user.onboarded_at == NOW


async def test_rejection_plan_win_belong_to_their_user(db: Database) -> None:
    await add_user(db, 1)
    await add_user(db, 2)
    rej = await entries.add_rejection(
        db, user_id=1, kind="interview", other_text=None, where_text="<b>ACME</b> & co",
        hurt=4, in_control=None, now=NOW,
    )  # fmt: skip
    assert rej.where_text == "<b>ACME</b> & co"
    assert await entries.get_rejection(db, 2, rej.id) is None  # not user 2's
    plan = await entries.add_plan(
        db, user_id=1, rejection_id=rej.id, if_do="call Bo", then_happens="I get a referral",
        follow_up_on=date(2026, 11, 26), follow_up_due=NOW + timedelta(days=1), now=NOW,
    )  # fmt: skip
    assert await entries.get_plan(db, 2, plan.id) is None
    assert not await entries.close_plan(db, 2, plan.id, "done", NOW)  # someone else's
    assert await entries.close_plan(db, 1, plan.id, "done", NOW)
    assert not await entries.close_plan(db, 1, plan.id, "dropped", NOW)  # double tap
    await entries.set_hurt_after(db, 1, rej.id, 2)
    assert (await entries.get_rejection(db, 1, rej.id)).hurt_after == 2  # type: ignore[union-attr]


async def test_follow_up_claim_is_compare_and_swap(db: Database) -> None:
    await add_user(db)
    plan = await entries.add_plan(
        db, user_id=1, rejection_id=None, if_do="a", then_happens="b",
        follow_up_on=date(2026, 11, 25), follow_up_due=NOW, now=NOW - timedelta(hours=2),
    )  # fmt: skip
    assert await entries.due_follow_ups(db, NOW - timedelta(seconds=1)) == []
    due = await entries.due_follow_ups(db, NOW)
    assert [p.id for p in due] == [plan.id]
    assert await entries.claim_follow_up(db, due[0])
    assert not await entries.claim_follow_up(db, due[0])  # the second claimant loses
    assert await entries.due_follow_ups(db, NOW + timedelta(days=9)) == []


async def test_follow_ups_skip_blocked_users(db: Database) -> None:
    await add_user(db)
    await entries.add_plan(
        db, user_id=1, rejection_id=None, if_do="a", then_happens="b",
        follow_up_on=date(2026, 11, 25), follow_up_due=NOW, now=NOW,
    )  # fmt: skip
    await users.mark_blocked(db, 1, NOW)
    assert await entries.due_follow_ups(db, NOW) == []


async def test_history_pages_newest_first(db: Database) -> None:
    await add_user(db)
    for i in range(7):
        await entries.add_win(db, user_id=1, text=f"win {i}", now=NOW + timedelta(minutes=i))
    rej = await entries.add_rejection(
        db, user_id=1, kind="other", other_text="ghosted", where_text=None, hurt=3,
        in_control=None, now=NOW + timedelta(hours=1),
    )  # fmt: skip
    await entries.add_plan(
        db, user_id=1, rejection_id=rej.id, if_do="x", then_happens="y", follow_up_on=None,
        follow_up_due=None, now=NOW + timedelta(hours=2),
    )  # fmt: skip
    assert await entries.history_count(db, 1) == 8  # a linked plan shows under its rejection
    first = await entries.history_page(db, 1, 0, 5)
    assert first[0].kind == "rejection" and len(first[0].plans) == 1
    assert [i.win.text for i in first[1:] if i.win] == ["win 6", "win 5", "win 4", "win 3"]
    rest = await entries.history_page(db, 1, 5, 5)
    assert [i.win.text for i in rest if i.win] == ["win 2", "win 1", "win 0"]


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    await add_user(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("UPDATE users SET first_name = 'X' WHERE user_id = 1")
            raise RuntimeError("boom")
    assert (await users.get(db, 1)).first_name == "Ada"  # type: ignore[union-attr]


async def test_deleting_a_user_cascades(db: Database) -> None:
    await add_user(db)
    await entries.add_win(db, user_id=1, text="w", now=NOW)
    await db.execute("DELETE FROM users WHERE user_id = 1")
    assert await db.fetchval("SELECT COUNT(*) FROM wins") == 0
