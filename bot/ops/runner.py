"""`comeback run`: polling or webhook, and a clean end whatever happens on the way out.

PTB stops on SIGTERM/SIGINT: no more updates are taken, the update in hand is finished, the
persistence is flushed, and ``post_shutdown`` closes the database. A signal that lands in the
first milliseconds of start-up can cut that sequence short (PTB then raises out of its own
shutdown); the database connection's worker thread would keep the process alive, so it is
stopped here, and the process exits.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import Services
from bot.config import Settings
from bot.ops import webhook

log = logging.getLogger(__name__)


def run(app: Application[Any, Any, Any, Any, Any, Any], settings: Settings, secret: str) -> None:
    try:
        if settings.webhook_url:
            webhook.run(app, settings, secret)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except RuntimeError as exc:
        # "Event loop stopped before Future completed": a stop signal during start-up.
        log.warning("shutdown interrupted during start-up: %s", exc)
    finally:
        svc: Services = app.bot_data["services"]
        if svc.db.is_open:
            svc.db.conn.stop()  # closes the connection and ends its thread, without a loop
            log.warning("database closed after an interrupted shutdown")
