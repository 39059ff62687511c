"""``python -m bench.dashboard``: what one dashboard page view costs the server.

A person with N rejections (each with a plan, a third of them reframed and rated again),
N/2 wins, a focus and a belief, on a real SQLite file: the time to build the summary
(GET <path>/api/summary: the timeline's 40 entries, open plans, the trend, 12 weeks of
activity, the funnel, both SVG charts) and its size as JSON; and the static files' size.
Numbers only; nothing is asserted. The browser side (first render, requests per page view)
is printed by tests/web/test_browser.py.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.common import add_users, create_schema, median
from bot.storage import beliefs, entries, focus
from bot.storage.db import Database
from bot.ui.i18n import use_language
from bot.web import summary
from bot.web.server import FILES, STATIC
from tests.harness import START

SIZES = (10, 100, 1_000, 10_000)
ROUNDS = 30
USER = 42


async def fill(db: Database, count: int) -> None:
    for i in range(count):
        moment = START - timedelta(hours=7 * i)
        rejection = await entries.add_rejection(
            db,
            user_id=USER,
            kind="application",
            other_text=None,
            where_text=f"Company {i}, analyst",
            hurt=1 + i % 5,
            in_control=None,
            now=moment,
        )
        if i % 3 == 0:
            await entries.set_hurt_after(db, USER, rejection.id, 1 + i % 3)
        await entries.add_plan(
            db,
            user_id=USER,
            rejection_id=rejection.id,
            if_do=f"write to person {i}",
            then_happens="I hear back",
            follow_up_on=None,
            follow_up_due=None,
            now=moment,
        )
        if i % 2 == 0:
            await entries.add_win(db, user_id=USER, text=f"win {i}", now=moment)
    await focus.set_focus(db, user_id=USER, text="Stories", source="typed", now=START)
    await beliefs.set_belief(db, user_id=USER, text="Not about me", source="typed", now=START)


async def measure(count: int, folder: Path) -> tuple[float, float, int]:
    path = folder / f"dash{count}.sqlite3"
    await create_schema(path)
    add_users(path, [USER])
    db = Database(path)
    await db.open()
    try:
        await fill(db, count)
        who = await summary.person(db, USER, START)
        assert who is not None
        times: list[float] = []
        size = 0
        for _ in range(ROUNDS):
            began = time.perf_counter()
            with use_language("de"):
                data = await summary.summary(db, who)
            body = json.dumps(data).encode()
            times.append((time.perf_counter() - began) * 1000)
            size = len(body)
        return median(times), max(times), size
    finally:
        await db.close()


async def main() -> None:
    static = {name: (STATIC / name).stat().st_size for name in ("index.html", *FILES)}
    print("static files: " + ", ".join(f"{n} {b / 1024:.1f} KB" for n, b in static.items()))
    print(f"{'rejections':>10} {'median ms':>10} {'max ms':>8} {'summary KB':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for count in SIZES:
            mid, top, size = await measure(count, Path(folder))
            print(f"{count:>10} {mid:>10.1f} {top:>8.1f} {size / 1024:>11.1f}")


if __name__ == "__main__":
    asyncio.run(main())
