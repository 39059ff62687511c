"""The check-in ticker with an injected clock, on a real SQLite file: once per week per user,
across a crash mid-tick, with two processes racing, after downtime, never to paused or
blocked users, and at the local hour across DST changes."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.clock import FrozenClock, from_db, to_db
from bot.domain.due import local_now, next_weekly_due
from bot.schedule.ticker import Outcome, run_checkins
from bot.storage import checkins
from bot.storage.checkins import DUE_QUERY, DueUser
from bot.storage.db import Database

GRACE = timedelta(hours=12)
START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday


class Crash(BaseException):
    """The process dies (like SIGKILL or a cancelled task): not an ordinary error."""


@dataclass
class Recorder:
    """A sender that records (user, moment, late) and answers with ``outcomes`` in turn."""

    clock: FrozenClock
    sent: list[tuple[int, datetime, bool]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    crash_after: int | None = None  # raise Crash after this many deliveries
    crash_before: int | None = None  # raise Crash instead of delivery number N (0-based)

    async def __call__(self, user: DueUser, slot: datetime, late: bool) -> Outcome:
        if self.crash_before is not None and len(self.sent) == self.crash_before:
            raise Crash
        outcome = self.outcomes.pop(0) if self.outcomes else Outcome.SENT
        if outcome is Outcome.SENT:
            self.sent.append((user.user_id, self.clock.now(), late))
        if self.crash_after is not None and len(self.sent) >= self.crash_after:
            raise Crash
        return outcome

    def per_user(self) -> Counter[int]:
        return Counter(uid for uid, _, _ in self.sent)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "ticker.sqlite3")
    await database.open()
    try:
        yield database
    finally:
        await database.close()


async def add_user(
    db: Database,
    user_id: int,
    *,
    zone: str = "Europe/Berlin",
    weekday: int = 6,
    at: time = time(18, 0),
    after: datetime = START,
    due: datetime | None = None,
    paused: bool = False,
    blocked: bool = False,
) -> datetime:
    next_due = due or next_weekly_due(after, zone, weekday, at)
    await db.execute(
        """
        INSERT INTO users (user_id, chat_id, first_name, timezone, checkin_weekday,
                           checkin_time, next_checkin_due, paused, blocked_since,
                           onboarded_at, created_at)
        VALUES (?, ?, 'U', ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            user_id,
            user_id,
            zone,
            weekday,
            at.strftime("%H:%M"),
            to_db(next_due),
            int(paused),
            to_db(START) if blocked else None,
            to_db(START),
            to_db(START),
        ),
    )
    return next_due


async def next_due(db: Database, user_id: int) -> datetime:
    text = await db.fetchval("SELECT next_checkin_due FROM users WHERE user_id = ?", (user_id,))
    return from_db(str(text))


async def run_until(
    db: Database, clock: FrozenClock, send: Recorder, end: datetime, step: timedelta
) -> None:
    while clock.now() < end:
        clock.advance(seconds=step.total_seconds())
        await run_checkins(db, clock.now(), GRACE, send)


async def test_due_query_uses_the_partial_index(db: Database) -> None:
    plan = await db.fetchall("EXPLAIN QUERY PLAN " + DUE_QUERY, {"now": to_db(START), "limit": 200})
    details = " ".join(str(row["detail"]) for row in plan)
    assert "USING INDEX users_checkin_due" in details or "USING COVERING INDEX" in details
    assert "SCAN users" not in details.replace("USING INDEX", "")
    assert "TEMP B-TREE" not in details  # ordered by the index, no sort


async def test_once_per_week_per_user(db: Database) -> None:
    clock = FrozenClock(START)
    for uid, zone in enumerate(("Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo"), 1):
        await add_user(db, uid, zone=zone)
    send = Recorder(clock)
    await run_until(db, clock, send, START + timedelta(weeks=3), timedelta(minutes=15))
    assert send.per_user() == {1: 3, 2: 3, 3: 3}
    for uid, moment, late in send.sent:
        zone = ("Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo")[uid - 1]
        local = local_now(moment, zone)
        assert (local.weekday(), local.hour, local.minute, late) == (6, 18, 0, False)


async def test_batches_handle_more_than_one_batch(db: Database) -> None:
    clock = FrozenClock(START)
    due = START - timedelta(minutes=1)
    slot_local = local_now(due, "UTC")
    for uid in range(1, 451):
        await add_user(db, uid, zone="UTC", weekday=slot_local.weekday(), at=time(11, 59))
        await db.execute(
            "UPDATE users SET next_checkin_due = ? WHERE user_id = ?", (to_db(due), uid)
        )
    send = Recorder(clock)
    report = await run_checkins(db, clock.now(), GRACE, send, batch=100)
    assert report.sent == 450 and len(send.per_user()) == 450
    assert (await run_checkins(db, clock.now(), GRACE, send, batch=100)).handled == 0


async def test_crash_between_sends_then_restart_sends_each_exactly_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crash.sqlite3"
    clock = FrozenClock(START)
    first = Database(path)
    await first.open()
    for uid in range(1, 11):
        await add_user(first, uid)
    clock.set(await next_due(first, 1))
    crashing = Recorder(clock, crash_after=4)
    with pytest.raises(Crash):
        await run_checkins(first, clock.now(), GRACE, crashing)
    await first.close()  # the process is gone

    second = Database(path)
    await second.open()
    try:
        clock.advance(seconds=30)
        after = Recorder(clock)
        await run_checkins(second, clock.now(), GRACE, after)
        total = crashing.per_user() + after.per_user()
        assert total == {uid: 1 for uid in range(1, 11)}
        assert (await run_checkins(second, clock.now(), GRACE, after)).handled == 0
    finally:
        await second.close()


async def test_crash_during_a_send_never_sends_that_one_twice(db: Database) -> None:
    clock = FrozenClock(START)
    for uid in range(1, 4):
        await add_user(db, uid)
    clock.set(await next_due(db, 1))
    crashing = Recorder(clock, crash_before=1)  # dies while sending the second one
    with pytest.raises(Crash):
        await run_checkins(db, clock.now(), GRACE, crashing)
    after = Recorder(clock)
    await run_until(db, clock, after, clock.now() + timedelta(hours=1), timedelta(minutes=5))
    total = crashing.per_user() + after.per_user()
    # At most once: the one in flight is lost for this week, the others arrive once.
    assert sorted(total.values()) == [1, 1] and max(total.values()) == 1
    lost = ({1, 2, 3} - set(total)).pop()
    await run_until(db, clock, after, clock.now() + timedelta(weeks=1), timedelta(minutes=30))
    week_two = crashing.per_user() + after.per_user()
    assert week_two == {uid: 1 if uid == lost else 2 for uid in (1, 2, 3)}


async def test_two_processes_racing_on_one_file(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite3"
    one, two = Database(path), Database(path)
    await one.open()
    await two.open()
    try:
        clock = FrozenClock(START)
        for uid in range(1, 301):
            await add_user(one, uid, zone=("Europe/Berlin", "UTC", "Asia/Tokyo")[uid % 3])
        send_one, send_two = Recorder(clock), Recorder(clock)
        clock.set(max([await next_due(one, u) for u in range(1, 301)]))
        await asyncio.gather(
            run_checkins(one, clock.now(), timedelta(days=6), send_one, batch=50),
            run_checkins(two, clock.now(), timedelta(days=6), send_two, batch=50),
        )
        total = send_one.per_user() + send_two.per_user()
        assert total == {uid: 1 for uid in range(1, 301)}

        # And two claims of one row, head to head: exactly one wins.
        due = await next_due(one, 1)
        later = due + timedelta(weeks=1)
        wins = await asyncio.gather(
            checkins.claim(one, 1, due, later), checkins.claim(two, 1, due, later)
        )
        assert sorted(wins) == [False, True]
    finally:
        await one.close()
        await two.close()


async def test_downtime_within_grace_sends_late_once(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot + timedelta(hours=5))  # the bot was down for the slot
    send = Recorder(clock)
    await run_until(db, clock, send, slot + timedelta(days=2), timedelta(minutes=30))
    assert send.sent == [(1, slot + timedelta(hours=5, minutes=30), True)]
    assert await next_due(db, 1) == slot + timedelta(weeks=1)


async def test_downtime_beyond_grace_skips_to_the_next_week(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot + timedelta(hours=13))
    send = Recorder(clock)
    report = await run_checkins(db, clock.now(), GRACE, send)
    assert report.skipped == 1 and send.sent == []
    assert await next_due(db, 1) == slot + timedelta(weeks=1)
    await run_until(db, clock, send, slot + timedelta(weeks=1), timedelta(hours=1))
    assert [uid for uid, _, _ in send.sent] == [1]


async def test_weeks_of_downtime_never_burst(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot + timedelta(weeks=3, hours=1))  # three slots missed, the last 1 h ago
    send = Recorder(clock)
    for _ in range(5):
        await run_checkins(db, clock.now(), GRACE, send)
    assert send.sent == [(1, clock.now(), True)]  # only the most recent, once
    assert await next_due(db, 1) == slot + timedelta(weeks=4)
    clock.set(slot + timedelta(weeks=6, hours=13))
    await run_checkins(db, clock.now(), GRACE, send)
    assert len(send.sent) == 1  # the most recent is past grace: skipped


async def test_never_to_paused_or_blocked_users(db: Database) -> None:
    clock = FrozenClock(START)
    await add_user(db, 1, paused=True)
    await add_user(db, 2, blocked=True)
    await add_user(db, 3)
    send = Recorder(clock)
    await run_until(db, clock, send, START + timedelta(weeks=2), timedelta(hours=1))
    assert send.per_user() == {3: 2}


async def test_blocked_outcome_stops_scheduling(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot)

    async def forbidden(user: DueUser, slot: datetime, late: bool) -> Outcome:
        await db.execute(
            "UPDATE users SET blocked_since = ? WHERE user_id = ?", (to_db(clock.now()), 1)
        )
        return Outcome.BLOCKED

    report = await run_checkins(db, clock.now(), GRACE, forbidden)
    assert report.blocked == 1
    send = Recorder(clock)
    await run_until(db, clock, send, slot + timedelta(weeks=3), timedelta(hours=1))
    assert send.sent == []


async def test_server_errors_retry_within_grace_and_stop(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot)
    send = Recorder(clock, outcomes=[Outcome.RETRY, Outcome.RETRY])
    report = await run_checkins(db, clock.now(), GRACE, send)
    assert report.retried == 1
    assert await next_due(db, 1) == slot + timedelta(minutes=10)
    await run_until(db, clock, send, slot + timedelta(hours=1), timedelta(minutes=5))
    assert send.sent == [(1, slot + timedelta(minutes=20), True)]
    assert await next_due(db, 1) == slot + timedelta(weeks=1)


async def test_server_errors_forever_are_bounded_by_grace(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot - timedelta(minutes=1))
    attempts = 0

    async def always_5xx(user: DueUser, slot: datetime, late: bool) -> Outcome:
        nonlocal attempts
        attempts += 1
        return Outcome.RETRY

    while clock.now() < slot + timedelta(days=1):
        clock.advance(minutes=5)
        await run_checkins(db, clock.now(), GRACE, always_5xx)
    # Tried at slot+4 min, then every 10 minutes while the retry still falls within the
    # 12-hour grace (last at slot+11:54, whose retry would be past it): 72 tries, no more.
    assert attempts == 72
    assert await next_due(db, 1) == slot + timedelta(weeks=1)


async def test_failed_sends_are_not_retried(db: Database) -> None:
    clock = FrozenClock(START)
    slot = await add_user(db, 1)
    clock.set(slot)
    send = Recorder(clock, outcomes=[Outcome.FAILED])
    assert (await run_checkins(db, clock.now(), GRACE, send)).failed == 1
    await run_until(db, clock, send, slot + timedelta(days=1), timedelta(minutes=30))
    assert send.sent == []


@pytest.mark.parametrize(
    ("zone", "weekday", "at", "start", "end"),
    [
        # US DST starts Sun 14 Mar 2027 (02:00 -> 03:00) and ends Sun 7 Nov 2027.
        ("America/New_York", 6, time(9, 0), "2027-02-27", "2027-03-30"),
        ("America/New_York", 6, time(9, 0), "2027-10-23", "2027-11-22"),
        ("America/New_York", 6, time(1, 30), "2027-10-23", "2027-11-22"),  # the repeated hour
        # Lord Howe moves by 30 minutes: back on Sun 4 Apr 2027, forward on Sun 3 Oct 2027.
        ("Australia/Lord_Howe", 6, time(9, 0), "2027-03-20", "2027-04-20"),
        ("Australia/Lord_Howe", 6, time(9, 0), "2027-09-18", "2027-10-20"),
        ("Australia/Lord_Howe", 0, time(19, 30), "2027-03-20", "2027-04-20"),
    ],
)
async def test_local_hour_across_dst(
    db: Database, zone: str, weekday: int, at: time, start: str, end: str
) -> None:
    begin = datetime.fromisoformat(start).replace(tzinfo=UTC)
    clock = FrozenClock(begin)
    await add_user(db, 1, zone=zone, weekday=weekday, at=at, after=begin)
    send = Recorder(clock)
    await run_until(
        db, clock, send, datetime.fromisoformat(end).replace(tzinfo=UTC), timedelta(minutes=15)
    )
    assert len(send.sent) >= 4
    offsets = set()
    for _, moment, late in send.sent:
        local = local_now(moment, zone)
        assert (local.weekday(), local.time(), late) == (weekday, at, False)
        offsets.add(local.utcoffset())
    assert len(offsets) == 2  # the window really crossed a change
    days = [local_now(m, zone).date() for _, m, _ in send.sent]
    assert all((b - a).days == 7 for a, b in itertools.pairwise(days))
