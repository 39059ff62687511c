"""What the benchmarks share: settings, seeded users, the echo bot, a recording request,
a timed emulator, the bot in a child process, statistics and the machine's description.

``python -m bench.common serve --kind ours|echo ...`` is the child process of benchmarks 1
and 3: one bot polling the emulator (which lives in the parent, with the driver).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import resource
import signal
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, RequestData

from bot.clock import to_db
from bot.config import Settings
from bot.devtools.emulator import BotApiEmulator
from bot.ops.sending import ResilientRateLimiter
from bot.storage.db import Database

App = Application[Any, Any, Any, Any, Any, Any]
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "987654321:AAHbenchTokenForComebackEmulator0001"
BOT_ID = 987654321
FIRST_USER_ID = 500_000_001
ZONE = "Europe/Berlin"


# --- numbers ---------------------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return float(ordered[k])


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, str]:
    model = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import telegram

    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "ptb": telegram.__version__,
        "sqlite": sqlite3.sqlite_version,
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# --- the bot's settings and database -------------------------------------------------
def make_settings(
    db_path: Path,
    base_url: str = "http://127.0.0.1:9/bot",
    file_url: str = "",
    *,
    tick_seconds: float = 3600.0,
    flush_seconds: float = 2.0,
    **extra: Any,
) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,  # type: ignore[arg-type]
        bot_api_base_url=base_url,
        bot_api_file_url=file_url,
        database_path=db_path,
        tick_seconds=tick_seconds,
        persistence_flush_seconds=flush_seconds,
        log_level="INFO",
        **extra,
    )


# Telegram's limits off (the pacing of bot/ops/pacing.py), and the per-person flood guard
# (a simulated person answers in milliseconds, far beyond 20 updates in 10 s): what the
# framework comparisons run with. As deployed, Telegram's 30 messages/s caps every bot alike.
UNLIMITED = {
    "overall_messages_per_second": 0,
    "private_chat_messages_per_window": 0,
    "flood_max_updates": 10**9,
}


def unthrottle(app: App) -> App:
    """Switch off the pacing of an already built app (retries stay): the framework-cost
    comparisons measure our code, not the 30 messages/s kept on purpose."""
    limiter = app.bot.rate_limiter
    if isinstance(limiter, ResilientRateLimiter):
        limiter.pacer = None
    return app


async def create_schema(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()


def add_users(
    path: Path,
    user_ids: Iterable[int],
    *,
    next_due: datetime | None = None,
    onboarded_at: datetime | None = None,
) -> None:
    """Onboarded users straight into the table (Berlin, Sunday 18:00), one transaction."""
    at = to_db(onboarded_at or datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    due = None if next_due is None else to_db(next_due)
    rows = ((uid, uid, f"U{uid % 100000}", "en", ZONE, 6, "18:00", due, at, at) for uid in user_ids)
    con = sqlite3.connect(path)
    try:
        with con:
            con.executemany(
                """
                INSERT INTO users (user_id, chat_id, first_name, language_code, timezone,
                                   checkin_weekday, checkin_time, next_checkin_due,
                                   onboarded_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                rows,
            )
    finally:
        con.close()


# --- the echo bot: the framework's own ceiling ----------------------------------------
async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text, do_quote=False)


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def build_echo(
    base_url: str = "http://127.0.0.1:9/bot",
    file_url: str = "",
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    concurrent: int = 1,
) -> App:
    """A bare PTB Application as it ships: no persistence, no rate limiter, echo text, answer
    buttons; one update at a time unless ``concurrent`` (PTB's ``concurrent_updates``)."""
    builder = ApplicationBuilder().token(TOKEN).base_url(base_url).concurrent_updates(concurrent)
    if file_url:
        builder = builder.base_file_url(file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(
            updates_request or RecordingRequest()
        )
    app = builder.build()
    app.add_handler(MessageHandler(filters.ALL, _echo))
    app.add_handler(CallbackQueryHandler(_answer))
    return app


# --- a request object that never leaves the process ------------------------------------
class RecordingRequest(BaseRequest):
    """Answers every Bot API call with canned, Telegram-shaped JSON and counts the calls."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.last_sent: dict[int, dict[str, Any]] = {}
        self._next_id = 1

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1].lower()
        self.counts[name] += 1
        params = request_data.parameters if request_data is not None else {}
        result: Any = True
        if name == "getme":
            result = _bot_user() | {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        elif name == "getupdates":
            result = []
        elif name in (
            "sendmessage",
            "sendphoto",
            "senddocument",
            "editmessagetext",
            "editmessagereplymarkup",
        ):
            result = self._message(name, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, name: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        previous = self.last_sent.get(chat_id, {})
        if name.startswith("send"):
            message_id = self._next_id
            self._next_id += 1
        else:
            message_id = int(params.get("message_id") or 0)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "U"},
            "from": _bot_user(),
            "text": str(params.get("text") or previous.get("text") or "…"),
        }
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if isinstance(markup, dict) and markup.get("inline_keyboard"):
            message["reply_markup"] = markup
        if name.startswith("send"):
            self.last_sent[chat_id] = message
        return message


def _bot_user() -> dict[str, Any]:
    return {"id": BOT_ID, "is_bot": True, "first_name": "Comeback", "username": "ComebackBench"}


def use_recording(app: App, request: RecordingRequest) -> App:
    """Point an already built app at ``request`` instead of HTTP (bot/app.py sets timeouts,
    which rules out ``ApplicationBuilder.request``). Replaces PTB 22's private
    ``Bot._request`` pair (getUpdates' request, everything else's) before initialize."""
    object.__setattr__(app.bot, "_request", (RecordingRequest(), request))
    return app


# --- user-shaped update payloads (for process_update) --------------------------------
def text_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "U"},
        "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "en"},
        "text": text,
    }
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": update_id, "message": message}


def button_update(
    update_id: int, user_id: int, message: dict[str, Any], data: str
) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "en"},
            "message": message,
            "chat_instance": str(user_id),
            "data": data,
        },
    }


# --- the emulator, with a clock on every request ---------------------------------------
@dataclass(frozen=True)
class Stamp:
    at: float
    method: str  # lower-case
    status: int
    chat_id: int | None


class TimedEmulator(BotApiEmulator):
    """The local emulator, recording when each request was answered and how."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamps: list[Stamp] = []

    async def _dispatch(self, token: str, name: str, params: Any) -> tuple[int, dict[str, Any]]:
        status, body = await super()._dispatch(token, name, params)
        chat_id = params.chat_id_or_none() if name.lower() != "getupdates" else None
        self.stamps.append(Stamp(time.monotonic(), name.lower(), status, chat_id))
        return status, body


# --- the bot in its own process -----------------------------------------------------------
def _cpu_seconds(pid: int) -> float:
    """user + system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class BotProcess:
    """``python -m bench.common serve ...``: started, ready (polling), stopped with SIGTERM."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    def cpu_seconds(self) -> float:
        return _cpu_seconds(self.proc.pid)


@contextlib.asynccontextmanager
async def bot_process(
    kind: str,
    emu: BotApiEmulator,
    db_path: Path | None,
    log_path: Path,
    *,
    throttled: bool = True,
    sequential: bool = False,
    tick_seconds: float = 3600.0,
) -> AsyncIterator[BotProcess]:
    args = [
        sys.executable,
        "-m",
        "bench.common",
        "serve",
        "--kind",
        kind,
        "--base-url",
        emu.base_url,
        "--file-url",
        emu.base_file_url,
        "--db",
        str(db_path or ""),
        "--tick",
        str(tick_seconds),
    ]
    if not throttled:
        args.append("--unthrottled")
    if sequential:
        args.append("--sequential")
    env = dict(os.environ, PTB_TIMEDELTA="1", PYTHONPATH=str(ROOT))
    with log_path.open("ab") as log:
        proc = await asyncio.create_subprocess_exec(
            *args, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=log
        )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 120)
        if line.strip() != b"ready":
            logged = await asyncio.to_thread(log_path.read_text, errors="replace")
            tail = logged.splitlines()[-15:]
            raise RuntimeError("bot process did not start:\n" + "\n".join(tail))
        yield BotProcess(proc)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()


async def _serve(args: argparse.Namespace) -> None:
    from bot import logs
    from bot.app import build_application
    from bot.ops.runner import running

    logs.setup("INFO", TOKEN)
    if args.kind == "echo":
        app = build_echo(args.base_url, args.file_url)
    elif args.kind == "echo256":
        app = build_echo(args.base_url, args.file_url, concurrent=256)
    else:
        extra: dict[str, Any] = dict(UNLIMITED) if args.unthrottled else {}
        if args.sequential:
            extra["max_concurrent_updates"] = 1
        settings = make_settings(
            Path(args.db), args.base_url, args.file_url, tick_seconds=args.tick, **extra
        )
        app = build_application(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    serving = running(app, poll_timeout=10) if args.kind == "ours" else ptb_polling(app)
    async with serving:
        print("ready", flush=True)
        await stop.wait()


@contextlib.asynccontextmanager
async def ptb_polling(app: App) -> AsyncIterator[App]:
    """A bare PTB bot's lifecycle with PTB's own ``Updater`` (what ``run_polling`` does)."""
    await app.initialize()
    try:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=10)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.common")
    parser.add_argument("command", choices=["serve", "machine"])
    parser.add_argument("--kind", choices=["ours", "echo", "echo256"], default="ours")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--file-url", default="")
    parser.add_argument("--db", default="")
    parser.add_argument("--tick", type=float, default=3600.0)
    parser.add_argument("--unthrottled", action="store_true")
    parser.add_argument("--sequential", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "machine":
        print(json.dumps(machine(), indent=2))
        return
    asyncio.run(_serve(args))


def future(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


if __name__ == "__main__":
    main()
