"""Benchmark 3: check-in fan-out against Telegram's limits.

``users`` users are due for their weekly check-in at the same moment (a slot two minutes
ago, so the ticker sends them on time). The bot runs as deployed — its AIORateLimiter,
the real repeating tick (``bot.flows.checkin.send_due_checkins`` through
``bot.schedule.ticker.run_checkins``) — in a child process; the emulator enforces
Telegram's limits (30 messages/s per bot, ~1/s per chat, 20/min per group) and answers 429
with ``retry_after`` beyond them. Every request is time-stamped by the emulator; the run
ends when every user has a message or nothing new arrived for ``STALL`` seconds.

Reported: messages/s sustained (first to last delivered message), the 429s returned, the
ratio to 30/s, and from the emulator's chats: users with no message (lost) and users with
more than one (sent twice).

Run: ``python -m bench.fanout [--users N]`` (10,000 takes ~6 minutes at 30/s).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import FIRST_USER_ID, TOKEN, TimedEmulator, bot_process, create_schema
from bot.clock import to_db

TELEGRAM_LIMIT = 30.0
STALL = 45.0
SEND_METHODS = ("sendmessage", "sendphoto", "senddocument")


@dataclass
class Result:
    users: int
    delivered: int
    seconds: float
    rate: float
    too_many: int
    lost: int
    duplicated: int
    other_errors: int
    wall: float

    @property
    def ratio(self) -> float:
        return self.rate / TELEGRAM_LIMIT

    def table(self) -> str:
        return "\n".join(
            [
                "| users due | delivered | seconds (first→last) | messages/s | ratio to 30/s "
                "| 429s returned | other errors | lost | sent twice |",
                "|---|---|---|---|---|---|---|---|---|",
                f"| {self.users:,} | {self.delivered:,} | {self.seconds:.1f} | {self.rate:.1f} "
                f"| **{self.ratio:.2f}** | {self.too_many} | {self.other_errors} | {self.lost} "
                f"| {self.duplicated} |",
            ]
        )


def _seed(path: Path, user_ids: list[int], slot: datetime) -> None:
    """Onboarded users (zone UTC) whose weekly slot is ``slot``, due now."""
    onboarded = to_db(slot - timedelta(days=30))
    at = slot.strftime("%H:%M")
    rows = (
        (uid, uid, f"U{uid}", "en", "UTC", slot.weekday(), at, to_db(slot), onboarded, onboarded)
        for uid in user_ids
    )
    con = sqlite3.connect(path)
    try:
        with con:
            con.executemany(
                """
                INSERT INTO users (user_id, chat_id, first_name, language_code, timezone,
                                   checkin_weekday, checkin_time, next_checkin_due,
                                   onboarded_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                rows,
            )
    finally:
        con.close()


async def run(users: int = 3000, *, tick_seconds: float = 2.0, smooth: bool = False) -> Result:
    started_wall = time.perf_counter()
    emu = TimedEmulator(TOKEN, "ComebackBench", enforce_rate_limits=True)
    await emu.start()
    try:
        ids = [FIRST_USER_ID + i for i in range(users)]
        for uid in ids:
            emu.user(f"U{uid}", user_id=uid)
            emu.chat(uid).started = True  # they talked to the bot before (onboarding)
        with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
            db_path = Path(tmp) / "fanout.sqlite3"
            await create_schema(db_path)
            now = datetime.now(UTC).replace(second=0, microsecond=0)
            _seed(db_path, ids, now - timedelta(minutes=2))
            async with bot_process(
                "ours",
                emu,
                db_path,
                Path(tmp) / "bot.log",
                tick_seconds=tick_seconds,
                smooth=smooth,
            ):
                last_count, last_change = -1, time.monotonic()
                while True:
                    await asyncio.sleep(0.5)
                    sent = sum(
                        1 for s in emu.stamps if s.method in SEND_METHODS and s.status == 200
                    )
                    if sent != last_count:
                        last_count, last_change = sent, time.monotonic()
                    if sent >= users or time.monotonic() - last_change > STALL:
                        break
                await asyncio.sleep(1.0)  # anything still in flight (a duplicate would show)
    finally:
        await emu.stop()
    sends = [s for s in emu.stamps if s.method in SEND_METHODS]
    ok = [s.at for s in sends if s.status == 200]
    counts = [len(emu.chat(uid).bot_messages) for uid in ids]
    seconds = (ok[-1] - ok[0]) if len(ok) > 1 else 0.0
    return Result(
        users=users,
        delivered=len(ok),
        seconds=seconds,
        rate=(len(ok) - 1) / seconds if seconds else 0.0,
        too_many=sum(1 for s in sends if s.status == 429),
        lost=sum(1 for c in counts if c == 0),
        duplicated=sum(1 for c in counts if c > 1),
        other_errors=sum(1 for s in sends if s.status not in (200, 429)),
        wall=time.perf_counter() - started_wall,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout")
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument(
        "--smooth-limiter", action="store_true", help="experiment: 30/s without the burst"
    )
    args = parser.parse_args(argv)
    print(asyncio.run(run(args.users, smooth=args.smooth_limiter)).table())


if __name__ == "__main__":
    main()
