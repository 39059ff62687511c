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

With ``people`` > 0, that many other people chat with the bot during the fan-out (each
sends ``/win <text>``, waits for the answer, pauses a second, and again), and the latency of
their answers is reported: a reply is served before the fan-out's next check-in
(bot/ops/pacing.py). ``users=0`` measures the same people without a fan-out.

Run: ``python -m bench.fanout [--users N] [--people P]`` (10,000 take ~6 minutes at 30/s).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import (
    FIRST_USER_ID,
    TOKEN,
    TimedEmulator,
    bot_process,
    create_schema,
    percentile,
)
from bot.clock import to_db
from bot.devtools.client import UserClient
from bot.ui import texts

TELEGRAM_LIMIT = 30.0
STALL = 45.0
SEND_METHODS = ("sendmessage", "sendphoto", "senddocument")
FIRST_PERSON_ID = 900_000_001
PERSON_PAUSE = 1.0
BASELINE_SECONDS = 20.0


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
    people: int = 0
    replies: list[float] = field(default_factory=list)  # seconds from send to answer

    @property
    def reply_p50_ms(self) -> float:
        return percentile(self.replies, 50) * 1000

    @property
    def reply_p99_ms(self) -> float:
        return percentile(self.replies, 99) * 1000

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


async def _chat(user: UserClient, stop: asyncio.Event, replies: list[float]) -> None:
    """Log a win, wait for the answer, pause; until ``stop``."""
    n = 0
    while not stop.is_set():
        n += 1
        started = time.perf_counter()
        await user.send(f"/win applied to studio number {n}")
        while True:
            msg = await user.expect_message(timeout=120)
            if msg.text != texts.FLOOD_SLOW_DOWN:
                break
        replies.append(time.perf_counter() - started)
        await asyncio.sleep(PERSON_PAUSE)


async def run(users: int = 3000, *, tick_seconds: float = 2.0, people: int = 0) -> Result:
    started_wall = time.perf_counter()
    emu = TimedEmulator(TOKEN, "ComebackBench", enforce_rate_limits=True)
    await emu.start()
    replies: list[float] = []
    try:
        ids = [FIRST_USER_ID + i for i in range(users)]
        for uid in ids:
            emu.user(f"U{uid}", user_id=uid)
            emu.chat(uid).started = True  # they talked to the bot before (onboarding)
        chatting = [emu.user(f"P{i}", user_id=FIRST_PERSON_ID + i) for i in range(people)]
        with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
            db_path = Path(tmp) / "fanout.sqlite3"
            await create_schema(db_path)
            now = datetime.now(UTC).replace(second=0, microsecond=0)
            _seed(db_path, ids, now - timedelta(minutes=2))
            async with bot_process(
                "ours", emu, db_path, Path(tmp) / "bot.log", tick_seconds=tick_seconds
            ):
                stop = asyncio.Event()
                talk = [asyncio.create_task(_chat(p, stop, replies)) for p in chatting]
                if not users:
                    await asyncio.sleep(BASELINE_SECONDS)
                last_count, last_change = -1, time.monotonic()
                while users:
                    await asyncio.sleep(0.5)
                    sent = sum(
                        1
                        for s in emu.stamps
                        if s.method in SEND_METHODS and s.status == 200 and s.chat_id in ids
                    )
                    if sent != last_count:
                        last_count, last_change = sent, time.monotonic()
                    if sent >= users or time.monotonic() - last_change > STALL:
                        break
                stop.set()
                await asyncio.gather(*talk)
                await asyncio.sleep(1.0)  # anything still in flight (a duplicate would show)
    finally:
        await emu.stop()
    fan_out = set(ids)
    sends = [s for s in emu.stamps if s.method in SEND_METHODS]
    ok = [s.at for s in sends if s.status == 200 and s.chat_id in fan_out]
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
        people=people,
        replies=replies,
    )


def interactive_table(results: list[Result]) -> str:
    """People's reply latency, without and with a fan-out running."""
    lines = [
        "| check-ins due | people chatting | answers | p50 ms | p99 ms | fan-out messages/s "
        "| 429s returned |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rate = f"{r.rate:.1f}" if r.users else "–"
        lines.append(
            f"| {r.users:,} | {r.people} | {len(r.replies)} | {r.reply_p50_ms:.0f} "
            f"| {r.reply_p99_ms:.0f} | {rate} | {r.too_many} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout")
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--people", type=int, default=0, help="chatting during the fan-out")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.users, people=args.people))
    print(result.table())
    if args.people:
        print(interactive_table([result]))


if __name__ == "__main__":
    main()
