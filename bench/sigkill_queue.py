"""``python -m bench.sigkill_queue [--updates 40] [--kills 20]``: SIGKILL a real `comeback run`
while many people's updates are fetched but not yet handled, restart it, count what was
lost and what was applied twice.

The emulator and the people run here; the bot is a child process (`python -m bot run`) on
a real SQLite file, handling at most ``--concurrency`` updates at a time while every Bot
API call takes ``--latency`` seconds, so that most of a burst waits in the bot when the
kill comes. Each round: ``--updates`` new people send ``/win <tag>`` at once; when the bot
has fetched them all and answered the first, it is killed at a random moment before it
answered the last; a fresh process starts and every person must get their answer. Then:

- lost: a person whose win is not in the database, or who never got an answer;
- applied twice: a win stored more than once;
- answered twice (reported, not a target): the bot had sent the answer, but the process
  died before it marked the update handled, so the replay answers again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator

TOKEN = "123456789:AAHsigkillQueueTokenForComeback001"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    rounds: int = 0
    updates: int = 0
    queued_at_kill: int = 0  # sent and not yet answered when the kill came
    lost: int = 0
    applied_twice: int = 0
    answered_twice: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.applied_twice == 0

    def summary(self) -> str:
        return (
            f"{self.rounds} SIGKILLs, {self.updates} updates ({self.queued_at_kill} still "
            f"waiting when the kill came) in {self.seconds:.0f}s: {self.lost} lost, "
            f"{self.applied_twice} applied twice, {self.answered_twice} answered twice"
        )


def _spawn(
    emu: BotApiEmulator, db_path: Path, log: Path, concurrency: int
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": emu.base_url,
        "BOT_API_FILE_URL": emu.base_file_url,
        "DATABASE_PATH": str(db_path),
        "TICK_SECONDS": "3600",
        "PERSISTENCE_FLUSH_SECONDS": "2",
        "PTB_TIMEDELTA": "1",
        "LOG_LEVEL": "WARNING",
        "WEBHOOK_URL": "",
        "MAX_CONCURRENT_UPDATES": str(concurrency),
        "PYTHONPATH": str(ROOT),  # this checkout's bot, whatever is installed
    }
    with log.open("ab") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=db_path.parent,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )


async def _started(emu: BotApiEmulator, polls_before: int) -> None:
    deadline = time.monotonic() + 60
    while len(emu.calls("getUpdates")) <= polls_before:
        if time.monotonic() > deadline:
            raise RuntimeError("the bot did not start within 60 s")
        await asyncio.sleep(0.02)


def _answers(emu: BotApiEmulator, user: UserClient) -> int:
    return sum(1 for m in emu.chat(user.id).bot_messages if "Logged" in (m.text or ""))


def _some_answered(emu: BotApiEmulator, batch: list[tuple[UserClient, str]]) -> bool:
    return any(_answers(emu, user) for user, _ in batch)


async def _until(probe: Callable[[], bool], within: float) -> bool:
    deadline = time.monotonic() + within
    while not probe():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def run(
    updates: int = 40,
    kills: int = 20,
    *,
    workdir: Path,
    seed: int = 7,
    latency: float = 0.1,
    concurrency: int = 4,
) -> Result:
    rng = random.Random(seed)
    result = Result()
    db_path = workdir / "sigkill-queue.sqlite3"
    log = workdir / "bot.stderr"
    started = time.monotonic()
    async with BotApiEmulator(TOKEN, "ComebackTestBot") as emu:
        emu.inject_delay(None, delay=latency, times=10**9)
        people: list[tuple[UserClient, str]] = []
        for number in range(kills):
            polls = len(emu.calls("getUpdates"))
            process = _spawn(emu, db_path, log, concurrency)
            try:
                await _started(emu, polls)
                batch = [
                    (emu.user(f"Q{number}", user_id=700_000 + number * 1000 + i), f"w{number}x{i}")
                    for i in range(updates)
                ]
                people += batch
                for user, tag in batch:
                    await user.send(f"/win {tag}")
                # Fetched (the emulator forgets confirmed ones) and the first answer out.
                await _until(functools.partial(_some_answered, emu, batch), 60)
                # Handling all of them takes about this long: kill somewhere inside it.
                span = updates / concurrency * latency * 2
                await asyncio.sleep(rng.uniform(0, span * 0.8))
            finally:
                process.send_signal(signal.SIGKILL)
                await asyncio.to_thread(process.wait, 60)
            await asyncio.sleep(latency * 2)  # requests in flight reach the emulator
            result.queued_at_kill += sum(1 for u, _ in batch if not _answers(emu, u))
            result.updates += updates
            result.rounds += 1
        # A clean run: whatever is still stored and not handled is handled now.
        polls = len(emu.calls("getUpdates"))
        process = _spawn(emu, db_path, log, concurrency)
        try:
            await _started(emu, polls)
            await _until(lambda: all(_answers(emu, u) for u, _ in people), 120)
            with contextlib.suppress(AssertionError):  # a late answer is counted below
                await emu.settle(quiet=0.5, timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.to_thread(process.wait, 60)
    result.seconds = time.monotonic() - started
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        wins = Counter((uid, text) for uid, text in conn.execute("SELECT user_id, text FROM wins"))
    for user, tag in people:
        stored = wins[(user.id, tag)]
        answered = _answers(emu, user)
        result.lost += stored == 0 or answered == 0
        result.applied_twice += max(0, stored - 1)
        result.answered_twice += max(0, answered - 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=40)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(run(args.updates, args.kills, workdir=Path(tmp), seed=args.seed))
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
