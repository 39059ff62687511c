"""The command line: ``comeback run | demo | migrate | backup | restore | health``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.storage.migrations import SchemaTooNewError

EXIT_CONFIG = 2
EXIT_DATABASE = 3
# Everything the process creates (database, its -wal/-shm, backups, the lock, demo files) is
# for its owner only; bot/storage/db.py also sets 0600 explicitly where it creates files.
UMASK = 0o077


def _run(settings: Settings) -> int:
    from telegram.error import InvalidToken

    from bot import logs
    from bot.app import build_application
    from bot.ops import runner, webhook
    from bot.ops.lock import InstanceLock

    token = settings.require_token()
    with InstanceLock(settings.ensure_database_dir()):
        secret, generated = ("", False)
        if settings.webhook_url:
            secret, generated = webhook.resolve_secret(settings)
        logs.setup(settings.log_level, token, settings.log_format, secrets=(secret,))
        if generated:
            # Never printed: the terminal of a service is journald. Telegram learns the
            # secret through setWebhook; the operator never needs it.
            print("WEBHOOK_SECRET was generated and kept in the database (not shown).")
        try:
            runner.run(build_application(settings), settings, secret)
        except InvalidToken:
            # PTB's message quotes the token: say what to do instead, in one line, without it.
            raise ConfigError(
                "Telegram rejected BOT_TOKEN (getMe answered Unauthorized): copy the current "
                "token from @BotFather (it changes with /revoke) into the settings"
            ) from None
    return 0


def _migrate(settings: Settings) -> int:
    from bot.storage.db import Database

    async def go() -> int:
        db = Database(settings.ensure_database_dir())
        await db.open()
        version = db.schema_version
        await db.close()
        return version

    version = asyncio.run(go())
    print(f"{settings.database_path}: schema version {version}")
    return 0


def _backup(settings: Settings, path: str) -> int:
    """A copy at ``path``; into a folder (an existing one, or a path ending in /): today's
    daily copy, and the ones older than BACKUP_KEEP_DAYS deleted."""
    from bot.clock import SystemClock
    from bot.ops.backup import backup, daily_path, prune

    target = Path(path)
    into_folder = path.endswith(("/", os.sep)) or target.is_dir()
    today = SystemClock().now().date()
    if into_folder:
        target = daily_path(target, today)
    result = backup(settings.database_path, target)
    print(
        f"backup written: {result.path} ({result.bytes} bytes, schema {result.schema_version}, "
        f"{result.seconds:.2f}s)"
    )
    if into_folder:
        removed = prune(result.path.parent, settings.backup_keep_days, today)
        print(f"backups older than {settings.backup_keep_days} days deleted: {len(removed)}")
    return 0


def _restore(settings: Settings, path: str) -> int:
    from bot.ops.backup import restore

    result = restore(settings.database_path, Path(path))
    print(f"restored {path} into {result.path} (schema {result.schema_version})")
    return 0


def _health(settings: Settings, as_json: bool) -> int:
    from bot.clock import SystemClock
    from bot.ops import health

    report = health.check(
        settings.database_path,
        now=SystemClock().now(),
        tick_seconds=settings.tick_seconds,
        max_failed_sends=settings.health_max_failed_sends,
    )
    print(report.to_json() if as_json else report.to_text())
    return health.EXIT_HEALTHY if report.healthy else health.EXIT_UNHEALTHY


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import build_application
    from bot.devtools.demo import run_demo

    return asyncio.run(
        run_demo(
            settings,
            build_application,
            database=args.database,
            folder=args.dir,
            script=args.script,
            name=args.name,
        )
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="comeback", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling, or webhook when WEBHOOK_URL is set)")
    demo = sub.add_parser("demo", help="chat with the bot in this terminal: no token, no network")
    demo.add_argument("--script", default=None, help="run the lines of this file, then exit")
    demo.add_argument(
        "--dir", default=None, help="folder for database, log and files (default: a new one)"
    )
    demo.add_argument("--database", default=None, help="SQLite file (default: in --dir)")
    demo.add_argument("--name", default=None, help="who you are (default: $USER, Sam in scripts)")
    sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    backup = sub.add_parser("backup", help="copy the database (safe while the bot runs)")
    backup.add_argument(
        "path",
        help="where to write the copy; a folder (ending in /) gets comeback-YYYY-MM-DD.sqlite3 "
        "and loses the copies older than BACKUP_KEEP_DAYS",
    )
    restore = sub.add_parser("restore", help="replace the database with a backup (bot stopped)")
    restore.add_argument("path", help="the backup to restore")
    health = sub.add_parser("health", help="check database, ticker and sends; exit 1 if unwell")
    health.add_argument("--json", action="store_true", help="one JSON object instead of text")
    return parser


def main(argv: list[str] | None = None) -> int:
    previous = os.umask(UMASK)
    try:
        return _main(argv)
    finally:
        os.umask(previous)  # for callers in the same process (tests); a CLI run exits here


def _main(argv: list[str] | None) -> int:
    from bot.ops.backup import BackupError
    from bot.ops.lock import LockedError

    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "run":
            return _run(settings)
        if args.command == "migrate":
            return _migrate(settings)
        if args.command == "backup":
            return _backup(settings, args.path)
        if args.command == "restore":
            return _restore(settings, args.path)
        if args.command == "health":
            return _health(settings, args.json)
        return _demo(settings, args)
    except (ConfigError, SchemaTooNewError) as exc:
        print(f"comeback: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (BackupError, LockedError) as exc:
        print(f"comeback: {exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"comeback: the database is unavailable: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
