"""The numbers behind /stats, all time and since a moment, each query filtered by the user;
and, read-only, the check-ins' "what worked" answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.clock import from_db, to_db
from bot.domain import stats as rules
from bot.storage.db import Database

EPOCH = "0000"  # sorts before every stored timestamp


@dataclass(frozen=True)
class Numbers:
    rejections: int
    by_kind: dict[str, int] = field(default_factory=dict)
    reframes: int = 0
    plans_done: int = 0
    plans_dropped: int = 0
    wins: int = 0
    checkins: int = 0
    average_drop: float | None = None
    reframed: int = 0  # rejections with a "how does it feel now" answer


async def numbers(db: Database, user_id: int, since: datetime | None = None) -> Numbers:
    """Counts of what the user logged (closed plans by when they were closed)."""
    p = {"u": user_id, "since": EPOCH if since is None else to_db(since)}
    kinds = await db.fetchall(
        """
        SELECT kind, COUNT(*) AS n FROM rejections
        WHERE user_id = :u AND created_at >= :since GROUP BY kind ORDER BY n DESC, kind
        """,
        p,
    )
    by_kind = {str(r["kind"]): int(r["n"]) for r in kinds}
    pairs = await db.fetchall(
        """
        SELECT hurt, hurt_after FROM rejections
        WHERE user_id = :u AND created_at >= :since AND hurt_after IS NOT NULL
        """,
        p,
    )
    drop, reframed = rules.average_drop((int(r[0]), int(r[1])) for r in pairs)
    row = await db.fetchone(
        """
        SELECT
          (SELECT COUNT(*) FROM plans WHERE user_id = :u AND created_at >= :since),
          (SELECT COUNT(*) FROM plans
             WHERE user_id = :u AND status = 'done' AND closed_at >= :since),
          (SELECT COUNT(*) FROM plans
             WHERE user_id = :u AND status = 'dropped' AND closed_at >= :since),
          (SELECT COUNT(*) FROM wins WHERE user_id = :u AND created_at >= :since),
          (SELECT COUNT(*) FROM checkins
             WHERE user_id = :u AND completed_at IS NOT NULL AND completed_at >= :since)
        """,
        p,
    )
    assert row is not None
    return Numbers(
        rejections=sum(by_kind.values()),
        by_kind=by_kind,
        reframes=int(row[0]),
        plans_done=int(row[1]),
        plans_dropped=int(row[2]),
        wins=int(row[3]),
        checkins=int(row[4]),
        average_drop=drop,
        reframed=reframed,
    )


# Each series: the moments (as stored UTC text, ``at``) of one user's events of one kind.
SERIES_SQL = {
    "rejections": "SELECT created_at AS at FROM rejections WHERE user_id = :u",
    "reframes": "SELECT created_at AS at FROM plans WHERE user_id = :u",
    "plans_done": "SELECT closed_at AS at FROM plans WHERE user_id = :u AND status = 'done'",
    "plans_dropped": (
        "SELECT closed_at AS at FROM plans WHERE user_id = :u AND status = 'dropped'"
    ),
    "wins": "SELECT created_at AS at FROM wins WHERE user_id = :u",
}


async def weekly(db: Database, user_id: int, weeks: Sequence[rules.Week]) -> dict[str, list[int]]:
    """Per week: rejections, reframes (plans made), plans done and dropped, wins. Counted in
    SQL, a week being [start, end): stored times are sortable UTC text, so nothing is parsed
    (a heavy user's year would be thousands of rows)."""
    bounds = [to_db(w.start) for w in weeks] + [to_db(weeks[-1].end)]
    p: dict[str, object] = {"u": user_id} | {f"b{i}": b for i, b in enumerate(bounds)}
    which = " ".join(f"WHEN at < :b{i + 1} THEN {i}" for i in range(len(weeks)))
    result: dict[str, list[int]] = {}
    for name, sql in SERIES_SQL.items():
        rows = await db.fetchall(
            f"""
            SELECT CASE {which} END AS week, COUNT(*) FROM ({sql})
            WHERE at >= :b0 AND at < :b{len(weeks)} GROUP BY week
            """,
            p,
        )
        counts = [0] * len(weeks)
        for week, n in rows:
            counts[int(week)] = int(n)
        result[name] = counts
    return result


async def first_moment(db: Database, user_id: int) -> datetime | None:
    """When the person started: their set-up or their earliest entry, whichever is first."""
    value = await db.fetchval(
        """
        SELECT MIN(at) FROM (
          SELECT created_at AS at FROM users WHERE user_id = :u
          UNION ALL SELECT MIN(created_at) FROM rejections WHERE user_id = :u
          UNION ALL SELECT MIN(created_at) FROM plans WHERE user_id = :u
          UNION ALL SELECT MIN(created_at) FROM wins WHERE user_id = :u
          UNION ALL SELECT MIN(completed_at) FROM checkins WHERE user_id = :u
        ) WHERE at IS NOT NULL
        """,
        {"u": user_id},
    )
    return None if value is None else from_db(str(value))


async def worked_answers(db: Database, user_id: int) -> list[tuple[str, datetime]]:
    """Every completed check-in's "what worked" answer, with when it was given."""
    rows = await db.fetchall(
        """
        SELECT worked, completed_at FROM checkins
        WHERE user_id = ? AND completed_at IS NOT NULL AND worked IS NOT NULL
        ORDER BY completed_at
        """,
        (user_id,),
    )
    return [(str(r[0]), from_db(str(r[1]))) for r in rows]
