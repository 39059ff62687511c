"""Webhook mode: Telegram POSTs updates to WEBHOOK_URL instead of the bot long polling.

PTB's ``run_webhook`` serves them (tornado) on LISTEN_HOST:LISTEN_PORT, registers the URL with
``setWebhook`` on start and checks ``X-Telegram-Bot-Api-Secret-Token`` on every request
(403 without the right one). Pending updates are kept across restarts. There is no HTTP
health endpoint: PTB builds its tornado application inside ``Updater.start_webhook`` and
offers no public way to add a route, so health stays the `comeback health` command (which a
Docker HEALTHCHECK or any monitor runs).
"""

from __future__ import annotations

import asyncio
import secrets
from urllib.parse import urlsplit

from telegram import Update

from bot.config import Settings
from bot.ops import state
from bot.services import App
from bot.storage.db import Database

BOOTSTRAP_RETRIES = 5


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


def run(app: App, settings: Settings, secret: str) -> None:
    app.run_webhook(
        listen=settings.listen_host,
        port=settings.listen_port,
        url_path=url_path(settings.webhook_url),
        webhook_url=settings.webhook_url,
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
        bootstrap_retries=BOOTSTRAP_RETRIES,
    )
