"""The application factory: the one seam where settings, storage and handlers meet."""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import warnings
from datetime import timedelta

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationBuilder, Defaults

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.domain import timezones
from bot.ops import errors as ops_errors
from bot.ops import inbox, languages
from bot.ops import state as ops_state
from bot.ops.pacing import Pacer, Window
from bot.ops.processor import FloodGuard, KeyedUpdateProcessor
from bot.ops.sending import ResilientRateLimiter
from bot.persistence import SQLitePersistence
from bot.services import CONTEXT_TYPES, App, BotContext, Services, attach, services_of
from bot.storage.db import Database
from bot.storage.server_secret import server_key
from bot.ui import texts

log = logging.getLogger(__name__)


async def _post_init(app: App) -> None:
    svc = services_of(app)
    await svc.db.open()
    server_key(svc.settings)  # the feedback givers' key: made beside the database if missing
    # Map the time-zone place index now (a few ms), off the event loop.
    await asyncio.to_thread(timezones.preload)
    from bot.flows.language import set_command_menus

    await set_command_menus(app.bot)  # the menus in every language
    await ops_state.record_heartbeat(svc.db, svc.clock.now())
    log.info("started bot_id=%s schema=%d", app.bot.id, svc.db.schema_version)


async def _post_shutdown(app: App) -> None:
    svc = services_of(app)
    await svc.db.close()


async def _tick(context: BotContext) -> None:
    """The one repeating job: run every due-work function; one failing never stops the rest."""
    svc = context.services
    svc.last_tick = svc.clock.now().timestamp()
    try:
        await ops_state.record_heartbeat(svc.db, svc.clock.now())
    except Exception as exc:  # a full or locked database must not stop the due work
        log.error("heartbeat not recorded: %s", ops_errors.describe(exc))
    try:
        keep = timedelta(hours=svc.settings.inbox_keep_hours)
        await inbox.prune(svc.db, svc.clock.now(), keep)
    except Exception as exc:
        log.error("inbox not pruned: %s", ops_errors.describe(exc))
    for work in svc.due_work:
        try:
            await work(svc, context.application)
        except Exception:
            log.exception("due work %s failed", getattr(work, "__name__", work))


async def _on_error(update: object, context: BotContext) -> None:
    """Every exception that gets here is a bug: log it with ids (never text), reassure the user."""
    error = context.error
    if await ops_errors.handle_known(update, context):
        return
    context.services.unhandled_errors += 1
    ids = ""
    chat_id: int | None = None
    if isinstance(update, Update):
        chat_id = update.effective_chat.id if update.effective_chat else None
        user_id = update.effective_user.id if update.effective_user else None
        ids = f"update_id={update.update_id} user_id={user_id} chat_id={chat_id}"
    # The traceback goes as exc_info: the log formatter (bot/logs.py) leaves out the
    # exceptions' messages, which can quote what the person typed.
    log.error("unhandled error %s", ids, exc_info=error)
    if (
        chat_id is None
        or not isinstance(update, Update)
        or update.effective_chat is None
        or update.effective_chat.type != "private"
    ):
        return
    try:
        await context.bot.send_message(chat_id, texts.ERROR_SORRY)
    except Forbidden:
        log.info("error reply not delivered: blocked chat_id=%s", chat_id)
    except TelegramError as exc:
        log.warning("error reply not delivered chat_id=%s: %s", chat_id, html.escape(str(exc)))


def _pacer(settings: Settings) -> Pacer:
    """Telegram's limits from the settings (bot/ops/pacing.py); a group stays one below."""
    private = None
    if settings.private_chat_messages_per_window:
        private = Window(
            settings.private_chat_messages_per_window, settings.private_chat_window_seconds
        )
    group = Window(settings.group_messages_per_window - 1, settings.group_window_seconds)
    return Pacer(per_second=settings.overall_messages_per_second, private=private, group=group)


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    db: Database | None = None,
) -> App:
    """Build the bot: storage, persistence, handlers, the due-work ticker. Nothing starts yet."""
    token = settings.require_token()
    database = db or Database(settings.ensure_database_dir())
    persistence = SQLitePersistence(database, update_interval=settings.persistence_flush_seconds)
    svc = Services(
        settings=settings, db=database, clock=clock or SystemClock(), persistence=persistence
    )
    processor = KeyedUpdateProcessor(
        settings.max_concurrent_updates,
        flood=FloodGuard(
            settings.flood_max_updates,
            settings.flood_window_seconds,
            settings.flood_max_waiting_buttons,
        ),
    )
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(
            ResilientRateLimiter(
                max_retries=3,
                network_retries=settings.send_retries,
                backoff_seconds=settings.send_retry_backoff_seconds,
                on_failure=functools.partial(ops_errors.record_failed_send, svc),
                pacer=_pacer(settings),
            )
        )
        .connect_timeout(settings.request_timeout_seconds)
        .read_timeout(settings.request_timeout_seconds)
        .write_timeout(settings.request_timeout_seconds)
        .persistence(persistence)
        .concurrent_updates(processor)
        .updater(None)  # updates come in through bot/ops/polling.py or bot/ops/webhook.py
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    attach(app, svc)
    # After each update: its conversation state and user data saved, then marked handled
    # in the inbox, before the next update of the same person starts (bot/ops/inbox.py).
    committer = inbox.Committer(database, persistence, app.update_persistence, svc.clock.now)
    processor.on_done = committer.commit
    # Each update handled in its person's (or group's) language (bot/ops/languages.py).
    processor.language_of = functools.partial(languages.language_of, database)

    from bot.flows import register_all

    with warnings.catch_warnings():
        # Conversations are tracked per chat and user, not per message; stale buttons are
        # recognised by the flow's own nonce in the callback data (see bot/flows/common.py).
        warnings.filterwarnings("ignore", message=".*per_message=False.*")
        register_all(app, svc)
    app.add_error_handler(_on_error)

    assert app.job_queue is not None, "install python-telegram-bot[job-queue]"
    app.job_queue.run_repeating(
        _tick,
        interval=settings.tick_seconds,
        first=settings.tick_seconds,
        name="due-work",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )
    return app
