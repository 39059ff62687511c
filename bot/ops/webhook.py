"""Webhook mode: Telegram POSTs updates to WEBHOOK_URL instead of the bot long polling.

Our own aiohttp server (PTB's built-in one offers no way to add a route or to decide when
the 200 goes out) listens on LISTEN_HOST:LISTEN_PORT at the path of WEBHOOK_URL. Every POST
must carry ``X-Telegram-Bot-Api-Secret-Token`` (403 otherwise, compared in constant time);
the update is written to the inbox (bot/ops/inbox.py) *before* the 200, which is what tells
Telegram it arrived: a crash after the 200 loses nothing, a crash before it makes Telegram
send the update again, and the inbox recognises a repeat. A database that cannot store it
answers 500, so Telegram keeps it and retries. ``setWebhook`` is called on start with the
secret; pending updates are kept across restarts. With WEBAPP_URL set, the dashboard
(bot/web/server.py) is served by the same server; more routes can be added to
:attr:`WebhookServer.web` before :meth:`WebhookServer.start`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError

from bot.config import Settings
from bot.ops import inbox, state
from bot.ops.polling import replay
from bot.services import App, services_of
from bot.storage.db import Database
from bot.web.server import Dashboard

log = logging.getLogger(__name__)

BOOTSTRAP_RETRIES = 5
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1024 * 1024


def url_path(webhook_url: str) -> str:
    """The path the local server answers on: the path of the public URL."""
    return urlsplit(webhook_url).path.strip("/")


async def _resolve_secret(database: Database, configured: str) -> tuple[str, bool]:
    if configured:
        return configured, False
    await database.open()
    try:
        stored = await state.get_meta(database, state.WEBHOOK_SECRET_KEY)
        if stored:
            return stored, False
        secret = secrets.token_urlsafe(32)
        await state.set_meta(database, state.WEBHOOK_SECRET_KEY, secret)
        return secret, True
    finally:
        await database.close()


def resolve_secret(settings: Settings) -> tuple[str, bool]:
    """WEBHOOK_SECRET, or the one generated on an earlier start, or a new one (``True``)."""
    database = Database(settings.ensure_database_dir())
    return asyncio.run(
        _resolve_secret(database, settings.webhook_secret.get_secret_value().strip())
    )


class WebhookServer:
    """``await start()`` after the application started; ``await stop()`` before it stops."""

    def __init__(self, app: App, settings: Settings, secret: str) -> None:
        self.app = app
        self.settings = settings
        self.secret = secret
        self.web = web.Application(client_max_size=MAX_BODY_BYTES)
        self.web.router.add_post("/" + url_path(settings.webhook_url), self._receive)
        if settings.webapp_url:  # the dashboard, on the same host and port
            Dashboard(services_of(app)).add_routes(self.web)
        self._runner: web.AppRunner | None = None
        self.received = 0

    async def start(self) -> None:
        await replay(self.app)
        self._runner = web.AppRunner(self.web, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.listen_host, self.settings.listen_port)
        await site.start()
        for attempt in range(BOOTSTRAP_RETRIES + 1):
            try:
                await self.app.bot.set_webhook(
                    url=self.settings.webhook_url,
                    secret_token=self.secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
                break
            except TelegramError as exc:
                if attempt == BOOTSTRAP_RETRIES:
                    raise
                log.warning("setWebhook failed (%s), retrying", type(exc).__name__)
                await asyncio.sleep(min(30.0, 2.0**attempt))
        log.info(
            "webhook listening host=%s port=%d",
            self.settings.listen_host,
            self.settings.listen_port,
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secrets.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request refused: wrong or missing secret")
            return web.Response(status=403)
        try:
            update = Update.de_json(json.loads(await request.read()), self.app.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        svc = services_of(self.app)
        try:
            fresh = await inbox.accept(svc.db, [update], svc.clock.now())
        except Exception:  # not stored: no 200, so Telegram sends it again
            log.exception("update not stored update_id=%s", update.update_id)
            return web.Response(status=500)
        for stored in fresh:
            self.app.update_queue.put_nowait(stored)
        self.received += len(fresh)
        return web.Response(status=200)
