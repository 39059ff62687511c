"""The command line: ``comeback run | demo | migrate`` (also ``python -m bot``)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.config import ConfigError, Settings, load_settings
from bot.storage.migrations import SchemaTooNewError

EXIT_CONFIG = 2


def _run(settings: Settings) -> int:
    from telegram import Update

    from bot import logs
    from bot.app import build_application

    token = settings.require_token()
    logs.setup(settings.log_level, token)
    app = build_application(settings)
    app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
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


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.devtools.demo import run_demo

    return asyncio.run(run_demo(settings, database=args.database))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="comeback", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling) with the settings from .env")
    demo = sub.add_parser("demo", help="chat with the bot in this terminal: no token, no network")
    demo.add_argument("--database", default=None, help="SQLite file (default: a temporary one)")
    sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "run":
            return _run(settings)
        if args.command == "migrate":
            return _migrate(settings)
        return _demo(settings, args)
    except (ConfigError, SchemaTooNewError) as exc:
        print(f"comeback: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
