"""`comeback health`: is the database there and current, is the ticker alive, do sends fail?

Runs in its own process (a Docker HEALTHCHECK, a cron probe), so it only reads the file: it
opens it read-only, never creates or migrates it. The running bot writes a heartbeat on
start and on every tick (``ops_meta.last_tick``) and one row per failed send
(``ops_send_failures``); see :mod:`bot.ops.state`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import from_db, to_db
from bot.ops.state import HEARTBEAT_KEY
from bot.storage.migrations import LATEST_VERSION

EXIT_HEALTHY = 0
EXIT_UNHEALTHY = 1
MIN_TICK_AGE = 60.0


@dataclass
class Health:
    database: str  # the path
    database_ok: bool
    schema_version: int | None
    expected_schema_version: int
    last_tick: str | None
    tick_age_seconds: float | None
    failed_sends_last_hour: int | None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_json(self) -> str:
        return json.dumps(asdict(self) | {"healthy": self.healthy}, sort_keys=True)

    def to_text(self) -> str:
        age = "never" if self.tick_age_seconds is None else f"{self.tick_age_seconds:.0f}s ago"
        lines = [
            f"database: {self.database} ({'opens' if self.database_ok else 'DOES NOT OPEN'})",
            f"schema version: {self.schema_version} (expected {self.expected_schema_version})",
            f"last tick: {self.last_tick or 'never'} ({age})",
            f"failed sends in the last hour: {self.failed_sends_last_hour}",
            "status: " + ("healthy" if self.healthy else "UNHEALTHY: " + "; ".join(self.problems)),
        ]
        return "\n".join(lines)


def max_tick_age(tick_seconds: float) -> float:
    """How old the heartbeat may be before the bot counts as stuck or gone."""
    return max(MIN_TICK_AGE, 3 * tick_seconds)


def check(
    path: Path,
    *,
    now: datetime,
    tick_seconds: float,
    max_failed_sends: int,
) -> Health:
    report = Health(
        database=str(path),
        database_ok=False,
        schema_version=None,
        expected_schema_version=LATEST_VERSION,
        last_tick=None,
        tick_age_seconds=None,
        failed_sends_last_hour=None,
    )
    if not path.exists():
        report.problems.append("database file does not exist (run `comeback migrate`)")
        return report
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as exc:
        report.problems.append(f"database does not open: {exc}")
        return report
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        report.database_ok = True
        report.schema_version = version
        if version != LATEST_VERSION:
            report.problems.append(f"schema version {version}, expected {LATEST_VERSION}")
            return report
        row = conn.execute("SELECT value FROM ops_meta WHERE key = ?", (HEARTBEAT_KEY,)).fetchone()
        if row is not None:
            last = from_db(row[0])
            report.last_tick = last.isoformat()
            report.tick_age_seconds = max(0.0, (now - last).total_seconds())
            if report.tick_age_seconds > max_tick_age(tick_seconds):
                report.problems.append(
                    f"last tick {report.tick_age_seconds:.0f}s ago: the bot is not running "
                    "or is stuck"
                )
        failed = conn.execute(
            "SELECT count(*) FROM ops_send_failures WHERE at >= ?",
            (to_db(now - timedelta(hours=1)),),
        ).fetchone()[0]
        report.failed_sends_last_hour = int(failed)
        if failed > max_failed_sends:
            report.problems.append(f"{failed} sends failed in the last hour")
    except sqlite3.Error as exc:
        report.database_ok = False
        report.problems.append(f"database does not open: {exc}")
    finally:
        conn.close()
    return report
