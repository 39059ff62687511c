"""`comeback run`: polling or webhook, and a clean end whatever happens on the way out.

PTB stops on SIGTERM/SIGINT: no more updates are taken, the update in hand is finished, the
persistence is flushed, and ``post_shutdown`` closes the database. A signal that lands in the
first milliseconds of start-up can cut that sequence short (PTB then raises out of its own
shutdown); the database connection's worker thread would keep the process alive, so it is
stopped here, and the process exits.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update

from bot.config import Settings
from bot.ops import webhook
from bot.services import App, services_of

log = logging.getLogger(__name__)


def run(app: App, settings: Settings, secret: str) -> None:
    try:
        if settings.webhook_url:
            webhook.run(app, settings, secret)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except RuntimeError as exc:
        # "Event loop stopped before Future completed": a stop signal during start-up.
        log.warning("shutdown interrupted during start-up: %s", exc)
    finally:
        svc = services_of(app)
        if svc.db.is_open:
            svc.db.conn.stop()  # closes the connection and ends its thread, without a loop
            log.warning("database closed after an interrupted shutdown")


@asynccontextmanager
async def running(app: App, *, poll_timeout: int = 1) -> AsyncIterator[App]:
    """Run the application with long polling inside an existing event loop (tests, demo).

    The same lifecycle as ``run_polling`` — initialize, post_init, polling, start; and on the
    way out stop, post_stop, shutdown, post_shutdown — without owning the loop or signals.
    """
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout)
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
