"""The check-in ticker at 100,000 users, and the in-memory alternative beside it.

    python -m bench.checkin_tick [--users 100000] [--due 1000]

One SQLite file with N users spread over ~40 time zones, every day of the week and every
quarter hour. Measured, each part in its own fresh process (so peak memory is its own):

* ``db`` — this bot's way (the database is the schedule): start-up (open + migrate check +
  first tick), one tick when nothing is due, one tick when ``--due`` users are due (each
  claimed with its own compare-and-swap, then "sent" to a recording no-op sender: no HTTP,
  so this is the scheduling cost alone), peak RSS and the Python heap peak (tracemalloc).
* ``jobqueue`` — the usual alternative: one PTB ``JobQueue.run_daily`` job per user
  (APScheduler cron triggers in memory), built from the same file: start-up (read the users,
  create the jobs, start the scheduler), peak RSS and heap peak.

Start-up excludes importing Python modules (the same for both). Numbers print as a table.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time as clock
import tracemalloc
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 29, 17, 0, 30, tzinfo=UTC)  # slots of due users: 17:00 UTC
ZONES = (
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Europe/Moscow", "Europe/Madrid",
    "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Dubai", "Asia/Karachi",
    "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai",
    "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide",
    "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham",
    "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
    "America/Chicago", "America/New_York", "America/Halifax", "America/St_Johns",
    "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Mexico_City",
    "America/Bogota", "Atlantic/Azores", "Asia/Tehran", "Asia/Jakarta",
)  # fmt: skip
GRACE = timedelta(hours=12)
TOKEN = "123456789:AAHbenchTokenForComebackCheckinTick01"


def rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_now_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# --- making the file ---------------------------------------------------------------------
async def make(path: Path, users: int, due: int) -> None:
    from bot.clock import to_db
    from bot.domain.due import local_now, next_weekly_due
    from bot.storage.db import Database

    rng = random.Random(7)
    db = Database(path)
    await db.open()
    rows: list[tuple[Any, ...]] = []
    slot = NOW.replace(second=0)
    for uid in range(1, users + 1):
        zone = ZONES[uid % len(ZONES)]
        if uid <= due:  # their check-in is 17:00 UTC on this Sunday, in their own zone
            local = local_now(slot, zone)
            weekday, at, next_due = local.weekday(), time(local.hour, local.minute), slot
        else:
            weekday, at = rng.randrange(7), time(rng.randrange(24), rng.choice((0, 15, 30, 45)))
            next_due = next_weekly_due(NOW, zone, weekday, at)
        rows.append((uid, uid, zone, weekday, at.strftime("%H:%M"), to_db(next_due), to_db(NOW)))
    await db.executemany(
        """
        INSERT INTO users (user_id, chat_id, first_name, timezone, checkin_weekday,
                           checkin_time, next_checkin_due, onboarded_at, created_at)
        VALUES (?, ?, 'U', ?, ?, ?, ?, ?, ?)
        """,
        [(*r[:6], r[6], r[6]) for r in rows],
    )
    await db.close()


# --- this bot's way ------------------------------------------------------------------------
async def part_db(path: Path, due: int) -> dict[str, float]:
    from bot.schedule.ticker import Outcome, run_checkins
    from bot.storage.checkins import DueUser
    from bot.storage.db import Database

    sent: list[int] = []

    async def record(user: DueUser, slot: datetime, late: bool) -> Outcome:
        sent.append(user.user_id)
        return Outcome.SENT

    before = NOW - timedelta(minutes=5)  # nothing is due yet
    base_rss = rss_now_mib()
    tracemalloc.start()
    t0 = clock.perf_counter()
    db = Database(path)
    await db.open()
    await run_checkins(db, before, GRACE, record)
    startup = clock.perf_counter() - t0
    heap_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    empties = []
    for _ in range(200):
        t = clock.perf_counter()
        await run_checkins(db, before, GRACE, record)
        empties.append(clock.perf_counter() - t)

    due_ticks = []
    for _ in range(3):
        await db.execute(
            "UPDATE users SET next_checkin_due = ? WHERE user_id <= ?",
            (NOW.replace(second=0).strftime("%Y-%m-%dT%H:%M:%SZ"), due),
        )
        sent.clear()
        t = clock.perf_counter()
        report = await run_checkins(db, NOW, GRACE, record)
        due_ticks.append(clock.perf_counter() - t)
        assert report.sent == due == len(set(sent)), report
    await db.close()
    return {
        "startup_s": startup,
        "tick_empty_ms": statistics.median(empties) * 1000,
        "tick_due_ms": statistics.median(due_ticks) * 1000,
        "rss_peak_mib": rss_peak_mib(),
        "rss_growth_mib": rss_peak_mib() - base_rss,
        "heap_peak_mib": heap_peak,
    }


# --- one run_daily job per user ------------------------------------------------------------
async def part_jobqueue(path: Path) -> dict[str, float]:
    from zoneinfo import ZoneInfo

    from telegram.ext import ApplicationBuilder, ContextTypes

    from bot.storage.db import Database

    async def checkin(context: ContextTypes.DEFAULT_TYPE) -> None:  # never runs here
        return None

    app = ApplicationBuilder().token(TOKEN).build()
    job_queue = app.job_queue
    assert job_queue is not None
    gc.collect()
    base_rss = rss_now_mib()

    async def build(traced: bool) -> float:
        if traced:
            tracemalloc.start()
        t0 = clock.perf_counter()
        db = Database(path)
        await db.open()
        rows = await db.fetchall(
            "SELECT user_id, chat_id, timezone, checkin_weekday, checkin_time FROM users "
            "WHERE next_checkin_due IS NOT NULL AND paused = 0 AND blocked_since IS NULL"
        )
        await db.close()
        for row in rows:
            hour, minute = map(int, row["checkin_time"].split(":"))
            job_queue.run_daily(
                checkin,
                time=time(hour, minute, tzinfo=ZoneInfo(row["timezone"])),
                days=((row["checkin_weekday"] + 1) % 7,),  # PTB: 0 = Sunday
                chat_id=row["chat_id"],
                user_id=row["user_id"],
                name=f"checkin-{row['user_id']}",
            )
        del rows
        await job_queue.start()
        return clock.perf_counter() - t0

    startup = await build(traced=False)
    jobs = len(job_queue.jobs())
    rss_peak = rss_peak_mib()
    rss_growth = rss_peak - base_rss
    await job_queue.stop(wait=False)
    for job in job_queue.jobs():
        job.schedule_removal()
    gc.collect()
    # A second, traced build for the heap figure (tracemalloc slows it down; not timed).
    await build(traced=True)
    heap_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    await job_queue.stop(wait=False)
    return {
        "startup_s": startup,
        "jobs": float(jobs),
        "rss_peak_mib": rss_peak,
        "rss_growth_mib": rss_growth,
        "heap_peak_mib": heap_peak,
    }


# --- driver --------------------------------------------------------------------------------
def run_part(part: str, path: Path, users: int, due: int) -> dict[str, float]:
    out = subprocess.run(
        [
            sys.executable, "-m", "bench.checkin_tick", "--part", part, "--file", str(path),
            "--users", str(users), "--due", str(due),
        ],
        check=True,
        capture_output=True,
        text=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--part", choices=("make", "db", "jobqueue"))
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("PTB_TIMEDELTA", "1")

    if args.part is not None:
        if args.part == "make":
            asyncio.run(make(args.file, args.users, args.due))
            print(json.dumps({}))
        elif args.part == "db":
            print(json.dumps(asyncio.run(part_db(args.file, args.due))))
        else:
            print(json.dumps(asyncio.run(part_jobqueue(args.file))))
        return

    started = clock.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        t = clock.perf_counter()
        run_part("make", path, args.users, args.due)
        made = clock.perf_counter() - t
        size = path.stat().st_size / 2**20
        db = run_part("db", path, args.users, args.due)
        jq = run_part("jobqueue", path, args.users, args.due)

    print(f"\nCheck-in scheduling, {args.users:,} users in {len(ZONES)} zones, one SQLite file")
    print(f"(file {size:.1f} MiB, built in {made:.1f} s; Python {sys.version.split()[0]})\n")
    print(f"{'':34} {'DB is the schedule':>20} {'run_daily per user':>20} {'ratio':>8}")
    rows = [
        ("start-up (s)", "startup_s", "{:.3f}"),
        ("peak RSS of the process (MiB)", "rss_peak_mib", "{:.1f}"),
        ("RSS growth for scheduling (MiB)", "rss_growth_mib", "{:.1f}"),
        ("Python heap peak, tracemalloc (MiB)", "heap_peak_mib", "{:.2f}"),
    ]
    for label, key, fmt in rows:
        ratio = jq[key] / db[key] if db[key] else float("inf")
        print(f"{label:34} {fmt.format(db[key]):>20} {fmt.format(jq[key]):>20} {ratio:>7.1f}x")
    print(f"{'tick, nothing due (ms)':34} {db['tick_empty_ms']:>20.3f} {'n/a':>20}")
    print(f"{f'tick, {args.due:,} due (ms)':34} {db['tick_due_ms']:>20.1f} {'n/a':>20}")
    print(f"{'jobs in memory':34} {0:>20} {int(jq['jobs']):>20,}")
    print(
        "\nTicks send to a recording no-op sender (no HTTP): scheduling cost only; real "
        "sends are paced by the rate limiter (~30/s)."
    )
    print(f"Total bench time {clock.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
