"""`comeback run`: polling or webhook, and a clean end whatever happens on the way out.

Updates come in through our own polling loop (bot/ops/polling.py) or webhook server
(bot/ops/webhook.py), both of which write every update to the inbox before Telegram is
told it arrived; PTB's ``Updater`` is not used. On SIGTERM/SIGINT no more updates are
taken, the updates being handled are finished (the others stay in the inbox for the next
start), the persistence is flushed, and ``post_shutdown`` closes the database. If the
way out is cut short anyway, the database connection's worker thread is stopped here so
that it cannot keep the process alive; the inbox replays what was not handled.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings
from bot.ops.polling import Poller
from bot.ops.processor import KeyedUpdateProcessor
from bot.ops.webhook import WebhookServer
from bot.services import App, services_of
from bot.web.server import DashboardServer

log = logging.getLogger(__name__)

POLL_TIMEOUT_SECONDS = 10


def run(app: App, settings: Settings, secret: str) -> None:
    try:
        asyncio.run(_serve(app, settings, secret))
    except RuntimeError as exc:
        log.warning("shutdown interrupted: %s", exc)
    finally:
        svc = services_of(app)
        if svc.db.is_open:
            svc.db.conn.stop()  # closes the connection and ends its thread, without a loop
            log.warning("database closed after an interrupted shutdown")


async def _serve(app: App, settings: Settings, secret: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    webhook = (settings, secret) if settings.webhook_url else None
    async with running(app, poll_timeout=POLL_TIMEOUT_SECONDS, webhook=webhook):
        await stop.wait()
        log.info("stop signal received")


@asynccontextmanager
async def running(
    app: App, *, poll_timeout: int = 1, webhook: tuple[Settings, str] | None = None
) -> AsyncIterator[App]:
    """Run the application inside an existing event loop (the bot, tests, the demo).

    The lifecycle of PTB's ``run_polling`` — initialize, post_init, start; on the way out
    stop, post_stop, shutdown, post_shutdown — with our own intake (long polling, or the
    webhook server when ``webhook`` is given), without owning the loop or signals.
    """
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        intake: Poller | WebhookServer
        if webhook is None:
            intake = Poller(app, timeout=poll_timeout)
        else:
            intake = WebhookServer(app, *webhook)
        # The dashboard shares the webhook's server; with polling it gets one of its own.
        svc = services_of(app)
        dashboard = DashboardServer(svc) if svc.settings.webapp_url and not webhook else None
        try:
            await intake.start()
            if dashboard is not None:
                await dashboard.start()
            yield app
        finally:
            if dashboard is not None:
                await dashboard.stop()
            await intake.stop()
            if isinstance(app.update_processor, KeyedUpdateProcessor):
                app.update_processor.stop_taking()  # what waits stays in the inbox
            if app.running:
                await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
