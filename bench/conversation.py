"""``python -m bench.conversation [--people 1]``: 429s in an ordinary log + reframe under
Telegram's limits.

The bot runs as deployed in a child process; the emulator enforces Telegram's limits
(``enforce_rate_limits=True``: 30 messages/s per bot, 3 in any 3 s in one private chat,
20 a minute in a group) and answers 429 beyond them. Each person logs a rejection and
reframes it (picking the first belief offered, typing its own plan), answering every
question the moment it arrives (a fast tapper: the worst case for the per-chat limit).
Reported: the 429s the bot drew, the messages it sent, and how long the conversation took.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import TOKEN, TimedEmulator, bot_process, create_schema
from bot.devtools.client import BotMessage, UserClient

WAIT = 60.0


@dataclass
class Result:
    people: int
    too_many: int
    sends: int
    seconds: float

    def table(self) -> str:
        return "\n".join(
            [
                "| people at once | messages sent | 429s returned | seconds per log + reframe |",
                "|---|---|---|---|",
                f"| {self.people} | {self.sends} | {self.too_many} | {self.seconds:.1f} |",
            ]
        )


async def _next(user: UserClient) -> BotMessage:
    return await user.expect_message(WAIT)


async def log_and_reframe(user: UserClient) -> None:
    """A rejection and its reframe, each answer given as soon as the question is there."""
    await user.send("/rejection")
    await user.press(await _next(user), "No offer after an interview")
    await _next(user)
    await user.send("Initech")
    await user.press(await _next(user), "4")
    await _next(user)
    await user.send("Ask for feedback next time")
    await user.press(await _next(user), "Reframe")
    ask = await _next(user)
    if "belief" in (ask.text or "").lower() and ask.buttons:  # the reframe starts with a belief
        await user.press(ask, 0)  # the first one offered
        while not (await _next(user)).buttons:  # the belief noted, then the plan's question
            pass
    await user.send("If I message two former colleagues")
    await _next(user)
    await user.send("then one of them refers me.")
    await user.press(await _next(user), "Tomorrow")
    await _next(user)
    await user.press(await _next(user), "2")
    await _next(user)


async def run(people: int = 1) -> Result:
    emu = TimedEmulator(TOKEN, "ComebackBench", enforce_rate_limits=True)
    await emu.start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-conversation-") as tmp:
            db_path = Path(tmp) / "conversation.sqlite3"
            await create_schema(db_path)
            async with bot_process("ours", emu, db_path, Path(tmp) / "bot.log"):
                users = [emu.user(f"P{i}") for i in range(people)]
                first = len(emu.stamps)
                started = time.perf_counter()
                await asyncio.gather(*(log_and_reframe(u) for u in users))
                seconds = time.perf_counter() - started
                await asyncio.sleep(1.0)
                stamps = emu.stamps[first:]
    finally:
        await emu.stop()
    sends = [s for s in stamps if s.method == "sendmessage"]
    return Result(
        people=people,
        too_many=sum(1 for s in stamps if s.status == 429),
        sends=sum(1 for s in sends if s.status == 200),
        seconds=seconds,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.conversation")
    parser.add_argument("--people", type=int, default=1)
    args = parser.parse_args(argv)
    print(asyncio.run(run(args.people)).table())


if __name__ == "__main__":
    main()
