"""Where start-up time goes, for bench.idle: run as a script, prints one JSON line.

``python bench/startup_phases.py bare|comeback`` (BOT_TOKEN, BOT_API_BASE_URL and, for
Comeback, DATABASE_PATH in the environment). Phases, in seconds: ``import`` (the modules
the bot needs: PTB for the bare bot, ``bot.app`` for Comeback), ``build`` (the
Application), ``init`` (``initialize`` + ``post_init``: getMe, and for Comeback the
database, the command menus, ``post_init``'s preloads). Run as a script, not as part of
the ``bench`` package, so nothing else is imported first.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any


async def _init(app: Any) -> None:
    await app.initialize()
    if app.post_init:
        await app.post_init(app)


async def _close(app: Any) -> None:
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


def main() -> None:
    kind = sys.argv[1]
    phases: dict[str, float] = {}
    started = time.perf_counter()
    if kind == "bare":
        from telegram.ext import Application

        phases["import"] = time.perf_counter() - started
        mark = time.perf_counter()
        app: Any = (
            Application.builder()
            .token(os.environ["BOT_TOKEN"])
            .base_url(os.environ["BOT_API_BASE_URL"])
            .build()
        )
    else:
        from bot.app import build_application
        from bot.config import load_settings

        phases["import"] = time.perf_counter() - started
        mark = time.perf_counter()
        app = build_application(load_settings())
    phases["build"] = time.perf_counter() - mark
    mark = time.perf_counter()
    asyncio.run(_init_and_close(app, phases, mark))
    phases["total"] = phases["import"] + phases["build"] + phases["init"]
    print(json.dumps(phases), flush=True)


async def _init_and_close(app: Any, phases: dict[str, float], mark: float) -> None:
    await _init(app)
    phases["init"] = time.perf_counter() - mark
    await _close(app)


if __name__ == "__main__":
    main()
