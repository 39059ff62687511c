"""``python -m bench.sigkill [--runs 50] [--seed 7]``: SIGKILL a real `comeback run` at random
moments of a scripted conversation, restart it, and check that nothing confirmed was lost.

The emulator and the "user" run here; the bot is a child process (`python -m bot run`) on a
real SQLite file. Each run: restart the bot, put a few "did you do it?" reminders on the
schedule (TICK_SECONDS=0.3, so they go out during the run), type wins (one update each) and
walk through /rejection (five updates), and SIGKILL the bot at a random moment. At the end,
one clean run drains what is still due. Then:

- every entry the bot confirmed to the user ("Logged…") must be in the database;
- no reminder may have been sent twice (claimed before it is sent: at most once);
- reported, not asserted: entries stored twice (an update processed but not yet confirmed
  to Telegram when the kill came is delivered again) and reminders lost (claimed, killed
  before the send: at-most-once means such a reminder is skipped, never doubled).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ui import texts

TOKEN = "123456789:AAHsigkillBenchTokenForComeback0001"
WIN_RE = re.compile(r"Logged: (win-\d+-\d+)")
PLAN_RE = re.compile(r"If I (reminder-\d+-\d+),")
REMINDERS_PER_RUN = 3
REJECTION_LOGGED = "Logged. That took courage"


@dataclass
class Result:
    runs: int = 0
    kills: int = 0
    confirmed_wins: set[str] = field(default_factory=set)
    confirmed_rejections: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)
    duplicated_entries: int = 0
    reminders: int = 0
    reminders_twice: int = 0
    reminders_lost: int = 0
    checkins: int = 0
    checkins_twice: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.missing and self.reminders_twice == 0 and self.checkins_twice == 0

    def summary(self) -> str:
        return (
            f"{self.runs} runs, {self.kills} SIGKILLs in {self.seconds:.0f}s: "
            f"{len(self.confirmed_wins)} wins and {len(self.confirmed_rejections)} rejections "
            f"confirmed, {len(self.missing)} of them missing after restart; "
            f"{self.duplicated_entries} entries stored twice; reminders: {self.reminders} "
            f"scheduled, {self.reminders_twice} sent twice, {self.reminders_lost} lost; "
            f"check-ins: {self.checkins} sent in {self.runs} runs, {self.checkins_twice} runs "
            "with one sent twice"
        )


def _spawn(emu: BotApiEmulator, db_path: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": emu.base_url,
        "BOT_API_FILE_URL": emu.base_file_url,
        "DATABASE_PATH": str(db_path),
        "TICK_SECONDS": "0.3",
        "PERSISTENCE_FLUSH_SECONDS": "0.2",
        "PTB_TIMEDELTA": "1",
        "LOG_LEVEL": "WARNING",
        "WEBHOOK_URL": "",
        # The emulator here enforces no limits, and the script answers in milliseconds: no
        # pacing per chat, no flood guard (its note would interrupt the script).
        "PRIVATE_CHAT_MESSAGES_PER_WINDOW": "0",
        "FLOOD_MAX_UPDATES": "1000000",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),  # this checkout's bot
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


def _schedule_reminders(db_path: Path, user_id: int, run: int) -> list[str]:
    """Open plans whose reminder is due now (written while the bot is down)."""
    now = datetime.now(UTC)
    due = (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    created = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    names = [f"reminder-{run}-{i}" for i in range(REMINDERS_PER_RUN)]
    with contextlib.closing(sqlite3.connect(db_path, timeout=30)) as conn, conn:
        for name in names:
            conn.execute(
                """
                INSERT INTO plans (user_id, if_do, then_happens, follow_up_on, follow_up_due,
                                   created_at)
                VALUES (?, ?, 'it helps', ?, ?, ?)
                """,
                (user_id, name, now.date().isoformat(), due, created),
            )
        # The weekly check-in is due too (its slot a minute ago, in UTC): claimed, that is
        # moved to next week, before it is sent.
        slot = (now - timedelta(minutes=1)).replace(second=0, microsecond=0)
        conn.execute(
            """
            UPDATE users SET timezone = 'UTC', checkin_weekday = ?, checkin_time = ?,
                             next_checkin_due = ?
            WHERE user_id = ?
            """,
            (slot.weekday(), slot.strftime("%H:%M"), slot.strftime("%Y-%m-%dT%H:%M:%SZ"), user_id),
        )
    return names


async def _started(emu: BotApiEmulator, polls_before: int) -> None:
    deadline = time.monotonic() + 60
    while len(emu.calls("getUpdates")) <= polls_before:  # a poll does not wake wait_until
        if time.monotonic() > deadline:
            raise RuntimeError("the bot did not start within 60 s")
        await asyncio.sleep(0.02)


async def _next(user: UserClient, timeout: float = 30) -> BotMessage:  # noqa: ASYNC109
    """The bot's next answer, skipping the reminders that arrive in between."""
    while True:
        msg = await user.expect_message(timeout=timeout)
        if not (msg.text or "").startswith(("Did you do it?", "🗓")):
            return msg


async def _rejection(user: UserClient, tag: str) -> None:
    await user.send("/rejection")
    msg = await _next(user)
    if (msg.text or "").startswith(texts.RESUME_DRAFT.split("{")[0]):
        await user.press(msg, texts.BUTTON_START_OVER)
        msg = await _next(user)
    await user.press(msg, "No response to an application")
    await _next(user)
    await user.send(tag)  # where: the tag identifies the entry
    hurt = await _next(user)
    await user.press(hurt, "2")
    await _next(user)
    await user.send("write to the hiring manager")
    await _next(user)


async def _script(user: UserClient, run: int) -> None:
    """Until killed: wins and rejections, each waiting for the bot's answer."""
    await user.send("/cancel")
    await _next(user, timeout=30)
    for step in range(1000):
        if step % 3 == 2:
            await _rejection(user, f"rejection-{run}-{step}")
        else:
            await user.send(f"/win win-{run}-{step}")
            await _next(user)


def _collect(emu: BotApiEmulator, user: UserClient, result: Result) -> Counter[str]:
    """Confirmed entries and reminders per plan, read from the chat as the user saw it."""
    reminders: Counter[str] = Counter()
    last_tag = ""
    for entry in emu.chat(user.id).log:
        if isinstance(entry, str):  # what the user typed
            if "rejection-" in entry:
                last_tag = entry.split(": ", 1)[1].strip()
            continue
        text = entry.text or ""
        match = WIN_RE.search(text)
        if match:
            result.confirmed_wins.add(match.group(1))
        if text.startswith(REJECTION_LOGGED) and last_tag:
            result.confirmed_rejections.add(last_tag)
        match = PLAN_RE.search(text)
        if match and text.startswith("Did you do it?"):
            reminders[match.group(1)] += 1
    return reminders


async def _confirmed_rejection(
    emu: BotApiEmulator, user: UserClient, first_message: int, script: asyncio.Task[None]
) -> None:
    """Until the bot confirmed a rejection since ``first_message`` (a loaded machine may
    need long for one; 120 s at most), or the script ended."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not script.done():
        sent = emu.chat(user.id).bot_messages[first_message:]
        if any((m.text or "").startswith(REJECTION_LOGGED) for m in sent):
            return
        await asyncio.sleep(0.05)


async def run(runs: int, seed: int, workdir: Path, max_kill_after: float = 2.5) -> Result:
    rng = random.Random(seed)
    result = Result()
    db_path = workdir / "sigkill.sqlite3"
    log = workdir / "bot.stderr"
    started = time.monotonic()
    async with BotApiEmulator(TOKEN, "ComebackTestBot") as emu:
        user = emu.user("Kim")
        scheduled: list[str] = []
        for number in range(runs + 1):
            last = number == runs  # a clean run at the end: drain what is due, then SIGTERM
            if number > 0:
                scheduled += _schedule_reminders(db_path, user.id, number)
            polls = len(emu.calls("getUpdates"))
            first_message = len(emu.chat(user.id).bot_messages)
            process = _spawn(emu, db_path, log)
            try:
                await _started(emu, polls)
                if number == 0:  # the first run creates the database and the user
                    await user.send("/help")
                    await _next(user, timeout=30)
                task = asyncio.create_task(_script(user, number))
                if last:  # the clean run goes on until it confirmed a rejection too
                    await asyncio.sleep(3.0)
                    await _confirmed_rejection(emu, user, first_message, task)
                else:
                    await asyncio.sleep(rng.uniform(0, max_kill_after))
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, AssertionError):
                    await task
                if last:  # let the reminders still due go out (ticks every 0.3 s)
                    await asyncio.sleep(2.0)
                    await emu.settle(quiet=1.0, timeout=60)
            finally:
                process.send_signal(signal.SIGTERM if last else signal.SIGKILL)
                await asyncio.to_thread(process.wait, 60)
            if not last:
                result.kills += 1
            result.runs = number
            # The user saw what the bot sent before it died; drop what's unread. An update
            # sent just before the kill may not be fetched yet: it waits for the next start.
            await emu.settle(quiet=0.05, timeout=30, unfetched_ok=True)
            user._cursor = len(emu.chat(user.id).bot_messages)
            sent = emu.chat(user.id).bot_messages[first_message:]
            count = sum(1 for m in sent if (m.text or "").startswith("🗓"))
            result.checkins += count
            result.checkins_twice += count > 1
    result.seconds = time.monotonic() - started
    reminders = _collect(emu, user, result)
    result.reminders = len(scheduled)
    result.reminders_twice = sum(1 for n in reminders.values() if n > 1)
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        wins = Counter(t for (t,) in conn.execute("SELECT text FROM wins"))
        rejections = Counter(w for (w,) in conn.execute("SELECT where_text FROM rejections"))
        pending = {
            name
            for (name,) in conn.execute(
                "SELECT if_do FROM plans WHERE follow_up_due IS NOT NULL AND status = 'open'"
            )
        }
    result.missing = sorted(
        [w for w in result.confirmed_wins if w not in wins]
        + [r for r in result.confirmed_rejections if r not in rejections]
    )
    result.duplicated_entries = sum(n - 1 for n in (wins + rejections).values() if n > 1)
    result.reminders_lost = sum(
        1 for name in scheduled if reminders[name] == 0 and name not in pending
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(run(args.runs, args.seed, Path(tmp)))
    print(result.summary())
    if result.missing:
        print("missing:", ", ".join(result.missing))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
