"""/export at 10,000 entries: collecting the rows, building the zip, and the whole command.

    python -m bench.export [--entries 10000]

One SQLite file in a temp dir with one user who has ``--entries`` rejections (with
"where" text), a tenth as many plans and wins, and a second user with the same (never
exported). Printed: the time to collect the rows (``userdata.collect``), to build the zip
(``userdata.build_zip``, the part run in a thread), the zip size, and the end-to-end time of
``/export`` through the emulator (send to document received), median of 3.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.devtools.emulator import BotApiEmulator
from bot.storage import userdata
from bot.storage.db import Database
from tests.harness import TOKEN, BotHarness

NOW = "2026-11-25T12:00:00Z"


async def seed(db: Database, user_id: int, entries: int) -> None:
    await db.execute(
        "INSERT INTO users (user_id, chat_id, first_name, timezone, created_at, onboarded_at) "
        "VALUES (?, ?, 'Bench', 'Europe/Berlin', ?, ?)",
        (user_id, user_id, NOW, NOW),
    )
    await db.executemany(
        "INSERT INTO rejections (user_id, kind, where_text, hurt, in_control, created_at) "
        "VALUES (?, 'application', ?, ?, ?, ?)",
        [
            (user_id, f"Company {i}, senior analyst", 1 + i % 5, "Follow up in a week", NOW)
            for i in range(entries)
        ],
    )
    await db.executemany(
        "INSERT INTO plans (user_id, if_do, then_happens, created_at) VALUES (?, ?, ?, ?)",
        [(user_id, f"message {i} people", "one refers me", NOW) for i in range(entries // 10)],
    )
    await db.executemany(
        "INSERT INTO wins (user_id, text, created_at) VALUES (?, ?, ?)",
        [(user_id, f"win number {i}", NOW) for i in range(entries // 10)],
    )


async def main(entries: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        emu = BotApiEmulator(TOKEN, "ComebackTestBot")
        await emu.start()
        bot = BotHarness(emu, Path(tmp) / "bench.sqlite3")
        await bot.start()
        try:
            user = emu.user("Bench")
            await seed(bot.svc.db, user.id, entries)
            await seed(bot.svc.db, user.id + 10_000_000, entries)
            t0 = time.perf_counter()
            found = await userdata.collect(bot.svc.db, user.id)
            t1 = time.perf_counter()
            data = await asyncio.to_thread(userdata.build_zip, user.id, bot.clock.now(), found)
            t2 = time.perf_counter()
            rows = sum(len(t.rows) for t in found)
            print(f"entries={entries} rows exported={rows}")
            print(f"collect: {1000 * (t1 - t0):.0f} ms   build zip: {1000 * (t2 - t1):.0f} ms")
            print(f"zip size: {len(data) / 1024:.0f} KiB")
            timings = []
            for _ in range(3):
                start = time.perf_counter()
                await user.send("/export")
                message = await user.expect_message(timeout=120)
                timings.append(time.perf_counter() - start)
                assert message.document_bytes is not None
            print(
                f"/export end to end (send -> document received): median "
                f"{1000 * statistics.median(timings):.0f} ms of {len(timings)}"
            )
        finally:
            await bot.stop()
            await emu.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().entries))
