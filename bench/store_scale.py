"""Benchmark 4: how the store scales with users and entries.

For each size, a database is generated directly with ``executemany`` in large transactions
(the schema by the bot's own migrations): onboarded users with next week's check-in due,
entries split 40% rejections / 20% plans / 40% wins over the past year, one heavy user with
``HEAVY`` entries and a year of weekly check-ins, 2% of users with a conversation draft.
Then a fresh child process (so its peak RSS is its own) measures, with every Bot API call
answered in process by ``RecordingRequest``:

* start-up: ``build_application`` + ``initialize`` (persistence loads drafts) + ``post_init``;
* ``/stats`` and ``/history`` of the heavy user through ``Application.process_update``
  (the whole handler: queries, text, the chart), and the last page of /history (a
  ``hi:<offset>`` button);
* one tick with nothing due (every due-work function once, as the repeating job runs them);
* peak RSS of that process.

Run: ``python -m bench.store_scale [--full]``; ``measure`` is the child's entry point.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Update

from bench.common import (
    FIRST_USER_ID,
    ROOT,
    RecordingRequest,
    add_users,
    button_update,
    create_schema,
    make_settings,
    median,
    peak_rss_mb,
    text_update,
    unthrottle,
    use_recording,
)
from bot.clock import to_db

HEAVY = 5000
REPS = 5
CHUNK = 200_000
DEFAULT_SIZES = ((10_000, 500_000), (100_000, 5_000_000))
QUICK_SIZES = ((1_000, 50_000), (10_000, 500_000))
FULL_SIZES = ((10_000, 500_000), (100_000, 5_000_000), (1_000_000, 50_000_000))


# --- generation -------------------------------------------------------------------------
def _stamps(now: datetime, count: int, span_days: int = 365) -> list[str]:
    step = span_days * 86400 / count
    return [to_db(now - timedelta(seconds=i * step)) for i in range(count)]


def generate(path: Path, users: int, entries: int, *, seed: int = 8) -> float:
    """The database for one size; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    asyncio.run(create_schema(path))
    now = datetime.now(UTC).replace(microsecond=0)
    next_week = now + timedelta(days=7)
    add_users(path, range(FIRST_USER_ID, FIRST_USER_ID + users), next_due=next_week)
    stamps = _stamps(now, 20_000)
    heavy_stamps = _stamps(now, HEAVY)
    heavy = FIRST_USER_ID
    light = max(0, entries - HEAVY)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")

    def owner(i: int) -> int:
        return FIRST_USER_ID + 1 + rng.randrange(max(1, users - 1))

    def rows(kind: str, count: int, heavy_share: int) -> None:
        """``count`` rows of one kind; the first ``heavy_share`` belong to the heavy user."""
        done = 0
        while done < count:
            n = min(CHUNK, count - done)
            batch = []
            for i in range(done, done + n):
                uid = heavy if i < heavy_share else owner(i)
                at = heavy_stamps[i % HEAVY] if i < heavy_share else stamps[i % len(stamps)]
                if kind == "rejection":
                    batch.append((uid, "application", None, "Acme Corp", 1 + i % 5, None, at))
                elif kind == "plan":
                    due = to_db(next_week) if i % 10 == 0 else None
                    status = "open" if i % 3 == 0 else "done"
                    batch.append((uid, "I follow up", "I hear back", due, status, at))
                else:
                    batch.append((uid, "Sent three applications and followed up", at))
            with con:
                if kind == "rejection":
                    con.executemany(
                        "INSERT INTO rejections (user_id, kind, other_text, where_text, hurt, "
                        "in_control, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        batch,
                    )
                elif kind == "plan":
                    con.executemany(
                        "INSERT INTO plans (user_id, if_do, then_happens, follow_up_due, "
                        "status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        batch,
                    )
                else:
                    con.executemany(
                        "INSERT INTO wins (user_id, text, created_at) VALUES (?, ?, ?)", batch
                    )
            done += n

    rows("rejection", light * 2 // 5 + HEAVY * 2 // 5, HEAVY * 2 // 5)
    rows("plan", light // 5 + HEAVY // 5, HEAVY // 5)
    rows("win", light - light * 2 // 5 - light // 5 + HEAVY * 2 // 5, HEAVY * 2 // 5)
    with con:
        con.executemany(
            "INSERT INTO checkins (user_id, iso_year, iso_week, worked, didnt, people, "
            "started_at, completed_at) VALUES (?, ?, ?, 'a', 'b', 'c', ?, ?)",
            [
                (heavy, *(now - timedelta(weeks=w)).isocalendar()[:2], s, s)
                for w in range(1, 53)
                for s in [to_db(now - timedelta(weeks=w))]
            ],
        )
        drafts = range(FIRST_USER_ID + 1, FIRST_USER_ID + users, 50)
        con.executemany(
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)",
            [(u, json.dumps({"win": {"nonce": "ab12", "step": "text"}})) for u in drafts],
        )
        con.executemany(
            "INSERT INTO ptb_conversations (name, key, state) VALUES ('win', ?, ?)",
            [(json.dumps([u, u]), json.dumps("text")) for u in drafts],
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # No ANALYZE: the bot never runs it, and its statistics change query plans.
    con.close()
    return time.perf_counter() - started


# --- measuring (in a child process) ------------------------------------------------------
async def measure(path: Path) -> dict[str, Any]:
    from bot.app import build_application
    from bot.services import Services

    rec = RecordingRequest()
    started = time.perf_counter()
    app = unthrottle(use_recording(build_application(make_settings(path)), rec))
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    startup = time.perf_counter() - started
    svc = app.bot_data["services"]
    assert isinstance(svc, Services)
    heavy = FIRST_USER_ID
    out: dict[str, Any] = {"startup_s": startup}
    try:
        update_id = 1

        async def timed(payload: dict[str, Any]) -> float:
            update = Update.de_json(payload, app.bot)
            t0 = time.perf_counter()
            await app.process_update(update)
            return time.perf_counter() - t0

        for name, text in (("stats_ms", "/stats"), ("history_ms", "/history")):
            times = []
            for _ in range(REPS + 1):
                update_id += 1
                times.append(await timed(text_update(update_id, heavy, text)))
            out[name] = median(times[1:]) * 1000
        last = rec.last_sent[heavy]
        total = HEAVY - HEAVY // 5 + HEAVY // 10  # rejections + unlinked plans + wins (approx.)
        times = []
        for _ in range(REPS):
            update_id += 1
            data = f"hi:{total // 5 * 5}"
            times.append(await timed(button_update(update_id, heavy, last, data)))
        out["history_last_page_ms"] = median(times) * 1000
        ticks = []
        sent_before = sum(rec.counts.values())
        for _ in range(REPS):
            t0 = time.perf_counter()
            for work in svc.due_work:
                await work(svc, app)
            ticks.append(time.perf_counter() - t0)
        out["tick_ms"] = median(ticks) * 1000
        out["requests_during_ticks"] = sum(rec.counts.values()) - sent_before
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


@dataclass
class Size:
    users: int
    entries: int
    generate_s: float
    db_mb: float
    numbers: dict[str, Any]


@dataclass
class Result:
    sizes: list[Size]

    def table(self) -> str:
        cols = (
            ("database MB", lambda s: s.db_mb, "{:.0f}"),
            ("start-up s", lambda s: s.numbers["startup_s"], "{:.2f}"),
            ("/stats ms", lambda s: s.numbers["stats_ms"], "{:.1f}"),
            ("/history ms", lambda s: s.numbers["history_ms"], "{:.1f}"),
            ("/history last page ms", lambda s: s.numbers["history_last_page_ms"], "{:.1f}"),
            ("idle tick ms", lambda s: s.numbers["tick_ms"], "{:.2f}"),
            ("peak RSS MB", lambda s: s.numbers["peak_rss_mb"], "{:.0f}"),
        )
        lines = [
            "| users | entries | generated in s | " + " | ".join(c[0] for c in cols) + " |",
            "|---|---|---|" + "---|" * len(cols),
        ]
        for s in self.sizes:
            values = " | ".join(fmt.format(get(s)) for _, get, fmt in cols)
            lines.append(f"| {s.users:,} | {s.entries:,} | {s.generate_s:.0f} | {values} |")
        if len(self.sizes) >= 2:
            a, b = self.sizes[0], self.sizes[-1]
            ratios = " | ".join(f"{get(b) / get(a):.2f}×" if get(a) else "–" for _, get, _ in cols)
            lines.append(f"| ratio {b.users // a.users}× data | | | {ratios} |")
        return "\n".join(lines)


def _measure_in_child(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.store_scale", "measure", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(sizes: tuple[tuple[int, int], ...] = DEFAULT_SIZES) -> Result:
    out: list[Size] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for users, entries in sizes:
            path = Path(tmp) / f"scale-{users}.sqlite3"
            took = generate(path, users, entries)
            db_mb = sum(p.stat().st_size for p in Path(tmp).glob(f"{path.name}*")) / 2**20
            print(f"  store {users:,} users / {entries:,} entries: {took:.0f} s", flush=True)
            numbers = _measure_in_child(path)
            print(f"    {numbers}", flush=True)
            out.append(Size(users, entries, took, db_mb, numbers))
            for leftover in Path(tmp).glob(f"{path.name}*"):
                leftover.unlink()
    return Result(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.store_scale")
    parser.add_argument("command", nargs="?", default="run", choices=["run", "measure"])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--quick", action="store_true", help="1k and 10k users")
    parser.add_argument("--full", action="store_true", help="also 1M users / 50M entries")
    args = parser.parse_args(argv)
    if args.command == "measure":
        import logging

        logging.disable(logging.INFO)
        print(json.dumps(asyncio.run(measure(Path(args.path)))))
        return
    sizes = FULL_SIZES if args.full else QUICK_SIZES if args.quick else DEFAULT_SIZES
    print(run(sizes).table())


if __name__ == "__main__":
    main()
