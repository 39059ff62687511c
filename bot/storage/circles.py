"""Circles (one per Telegram group), memberships, shares, cheers, cheer notes, and the digest
posts (with the shares each lists, so a share taken back can be edited out of them).

Every function that acts for a person takes their ``user_id`` and filters by it. A win to
share is read with :func:`bot.storage.entries.get_win`; a plan with its rejection here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.storage.db import Database
from bot.storage.entries import Plan, Rejection, get_plan, get_rejection


@dataclass(frozen=True)
class Circle:
    id: int
    chat_id: int
    title: str
    join_token: str
    active: bool
    digest_on: bool
    digest_timezone: str
    digest_weekday: int
    digest_time: time
    digest_next_due: datetime | None
    language: str | None = None  # whoever added the bot, or an admin's /language; None: English


@dataclass(frozen=True)
class Share:
    id: int
    circle_id: int
    user_id: int
    win_id: int | None
    plan_id: int | None
    with_details: bool
    chat_id: int | None
    message_id: int | None
    cheers_shown: int
    shared_at: datetime

    @property
    def kind(self) -> Literal["win", "reframe"]:
        return "win" if self.win_id is not None else "reframe"


def _circle(row: aiosqlite.Row) -> Circle:
    return Circle(
        id=row["id"],
        chat_id=row["chat_id"],
        title=row["title"],
        join_token=row["join_token"],
        active=bool(row["active"]),
        digest_on=bool(row["digest_on"]),
        digest_timezone=row["digest_timezone"],
        digest_weekday=row["digest_weekday"],
        digest_time=time.fromisoformat(row["digest_time"]),
        digest_next_due=opt_from_db(row["digest_next_due"]),
        language=row["language"],
    )


def _share(row: aiosqlite.Row) -> Share:
    return Share(
        id=row["id"],
        circle_id=row["circle_id"],
        user_id=row["user_id"],
        win_id=row["win_id"],
        plan_id=row["plan_id"],
        with_details=bool(row["with_details"]),
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        cheers_shown=row["cheers_shown"],
        shared_at=from_db(row["shared_at"]),
    )


# --- circles ---------------------------------------------------------------------------
async def circle_added(
    db: Database, chat_id: int, title: str, now: datetime, language: str | None = None
) -> Circle:
    """The bot was added to a group: create its circle (in ``language``, the language of
    whoever added it), or reactivate the old one (its language kept)."""
    await db.execute(
        """
        INSERT INTO circles (chat_id, title, join_token, created_at, language)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (chat_id) DO UPDATE SET
            title = excluded.title, active = 1, removed_at = NULL
        """,
        (chat_id, title, secrets.token_urlsafe(6), to_db(now), language),
    )
    found = await by_chat(db, chat_id)
    assert found is not None
    return found


async def circle_removed(db: Database, chat_id: int, now: datetime) -> bool:
    """The bot was removed: deactivate (memberships and shares stay)."""
    changed = await db.execute(
        "UPDATE circles SET active = 0, removed_at = ? WHERE chat_id = ? AND active = 1",
        (to_db(now), chat_id),
    )
    return changed == 1


async def circle_migrated(db: Database, old_chat_id: int, new_chat_id: int) -> bool:
    """The group became a supergroup: the circle (members, shares) follows the new id."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE circles SET chat_id = ? WHERE chat_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM circles WHERE chat_id = ?)",
            (new_chat_id, old_chat_id, new_chat_id),
        )
        changed = cursor.rowcount == 1
        if changed:
            await conn.execute(
                "UPDATE digest_posts SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id)
            )
    return changed


async def set_title(db: Database, circle_id: int, title: str) -> None:
    await db.execute(
        "UPDATE circles SET title = ? WHERE id = ? AND title <> ?", (title, circle_id, title)
    )


async def set_language(db: Database, circle_id: int, language: str) -> None:
    await db.execute("UPDATE circles SET language = ? WHERE id = ?", (language, circle_id))


async def language_of_chat(db: Database, chat_id: int) -> tuple[bool, str | None]:
    """(the group has a circle, its language): what the bot speaks in that group."""
    row = await db.fetchone("SELECT language FROM circles WHERE chat_id = ?", (chat_id,))
    return (False, None) if row is None else (True, row["language"])


async def by_chat(db: Database, chat_id: int) -> Circle | None:
    row = await db.fetchone("SELECT * FROM circles WHERE chat_id = ?", (chat_id,))
    return None if row is None else _circle(row)


async def by_token(db: Database, token: str) -> Circle | None:
    row = await db.fetchone("SELECT * FROM circles WHERE join_token = ?", (token,))
    return None if row is None else _circle(row)


async def by_id(db: Database, circle_id: int) -> Circle | None:
    row = await db.fetchone("SELECT * FROM circles WHERE id = ?", (circle_id,))
    return None if row is None else _circle(row)


# --- memberships -----------------------------------------------------------------------
async def join(db: Database, circle_id: int, user_id: int, now: datetime) -> bool:
    """True if the user is new in the circle."""
    changed = await db.execute(
        "INSERT OR IGNORE INTO memberships (circle_id, user_id, joined_at) VALUES (?, ?, ?)",
        (circle_id, user_id, to_db(now)),
    )
    return changed == 1


async def leave(db: Database, circle_id: int, user_id: int) -> bool:
    changed = await db.execute(
        "DELETE FROM memberships WHERE circle_id = ? AND user_id = ?", (circle_id, user_id)
    )
    return changed == 1


async def is_member(db: Database, circle_id: int, user_id: int) -> bool:
    found = await db.fetchval(
        "SELECT 1 FROM memberships WHERE circle_id = ? AND user_id = ?", (circle_id, user_id)
    )
    return found is not None


async def circles_of(db: Database, user_id: int) -> list[Circle]:
    """The active circles a user belongs to, oldest membership first."""
    rows = await db.fetchall(
        """
        SELECT circles.* FROM circles JOIN memberships ON memberships.circle_id = circles.id
        WHERE memberships.user_id = ? AND circles.active = 1
        ORDER BY memberships.joined_at, circles.id
        """,
        (user_id,),
    )
    return [_circle(row) for row in rows]


async def member_count(db: Database, circle_id: int) -> int:
    value = await db.fetchval("SELECT COUNT(*) FROM memberships WHERE circle_id = ?", (circle_id,))
    return int(value or 0)


async def member_ids(db: Database, circle_id: int) -> list[int]:
    rows = await db.fetchall(
        "SELECT user_id FROM memberships WHERE circle_id = ? ORDER BY joined_at, user_id",
        (circle_id,),
    )
    return [int(row[0]) for row in rows]


# --- the digest ------------------------------------------------------------------------
async def set_digest(
    db: Database,
    circle_id: int,
    *,
    on: bool,
    zone: str,
    weekday: int,
    at: time,
    next_due: datetime | None,
) -> None:
    await db.execute(
        """
        UPDATE circles SET digest_on = ?, digest_timezone = ?, digest_weekday = ?,
                           digest_time = ?, digest_next_due = ?
        WHERE id = ?
        """,
        (
            int(on),
            zone,
            weekday,
            at.strftime("%H:%M"),
            None if next_due is None else to_db(next_due),
            circle_id,
        ),
    )


async def due_digests(db: Database, now: datetime, limit: int = 100) -> list[Circle]:
    rows = await db.fetchall(
        """
        SELECT * FROM circles
        WHERE digest_next_due IS NOT NULL AND digest_on = 1 AND active = 1
          AND digest_next_due <= ?
        ORDER BY digest_next_due LIMIT ?
        """,
        (to_db(now), limit),
    )
    return [_circle(row) for row in rows]


async def claim_digest(db: Database, circle: Circle, next_due: datetime) -> bool:
    """Compare-and-swap: only the caller that moves this exact due time on sends the digest."""
    if circle.digest_next_due is None:
        return False
    changed = await db.execute(
        "UPDATE circles SET digest_next_due = ? WHERE id = ? AND digest_next_due = ?",
        (to_db(next_due), circle.id, to_db(circle.digest_next_due)),
    )
    return changed == 1


@dataclass(frozen=True)
class DigestWin:
    share_id: int
    name: str
    text: str


async def digest_wins(
    db: Database, circle_id: int, start: datetime, end: datetime
) -> list[DigestWin]:
    """The wins current members shared in the circle in [start, end), in order."""
    rows = await db.fetchall(
        """
        SELECT shares.id, users.first_name, wins.text FROM shares
        JOIN wins ON wins.id = shares.win_id
        JOIN users ON users.user_id = shares.user_id
        JOIN memberships ON memberships.circle_id = shares.circle_id
                        AND memberships.user_id = shares.user_id
        WHERE shares.circle_id = ? AND shares.shared_at >= ? AND shares.shared_at < ?
          AND shares.message_id IS NOT NULL
        ORDER BY shares.shared_at, shares.id
        """,
        (circle_id, to_db(start), to_db(end)),
    )
    return [DigestWin(int(row[0]), row[1], row[2]) for row in rows]


@dataclass(frozen=True)
class DigestPost:
    id: int
    circle_id: int
    chat_id: int
    message_id: int
    checked_in: int
    members: int


async def record_digest(
    db: Database,
    circle_id: int,
    *,
    chat_id: int,
    message_id: int,
    checked_in: int,
    members: int,
    share_ids: list[int],
    now: datetime,
) -> int:
    """Remember a digest posted in a group, and the shares it lists (in order)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT INTO digest_posts (circle_id, chat_id, message_id, checked_in, members,
                                      posted_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (circle_id, chat_id, message_id, checked_in, members, to_db(now)),
        )
        digest_id = int(cursor.lastrowid or 0)
        await conn.executemany(
            "INSERT INTO digest_lines (digest_id, share_id, position) VALUES (?, ?, ?)",
            [(digest_id, share_id, i) for i, share_id in enumerate(share_ids)],
        )
    return digest_id


async def digests_listing(db: Database, share_ids: list[int]) -> list[int]:
    """The digest posts that list any of these shares."""
    if not share_ids:
        return []
    marks = ",".join("?" * len(share_ids))
    rows = await db.fetchall(
        f"SELECT DISTINCT digest_id FROM digest_lines WHERE share_id IN ({marks}) "
        "ORDER BY digest_id",
        tuple(share_ids),
    )
    return [int(row[0]) for row in rows]


async def share_ids_of(db: Database, user_id: int) -> list[int]:
    rows = await db.fetchall("SELECT id FROM shares WHERE user_id = ?", (user_id,))
    return [int(row[0]) for row in rows]


async def digest_post(db: Database, digest_id: int) -> DigestPost | None:
    row = await db.fetchone(
        "SELECT id, circle_id, chat_id, message_id, checked_in, members FROM digest_posts "
        "WHERE id = ?",
        (digest_id,),
    )
    return None if row is None else DigestPost(*(int(v) for v in row))


async def digest_post_wins(db: Database, digest_id: int) -> list[DigestWin]:
    """The wins a digest lists now: those still shared (a share taken back is gone)."""
    rows = await db.fetchall(
        """
        SELECT shares.id, users.first_name, wins.text FROM digest_lines
        JOIN shares ON shares.id = digest_lines.share_id
        JOIN wins ON wins.id = shares.win_id
        JOIN users ON users.user_id = shares.user_id
        WHERE digest_lines.digest_id = ?
        ORDER BY digest_lines.position
        """,
        (digest_id,),
    )
    return [DigestWin(int(row[0]), row[1], row[2]) for row in rows]


async def drop_digest(db: Database, digest_id: int) -> None:
    await db.execute("DELETE FROM digest_posts WHERE id = ?", (digest_id,))


async def checked_in_count(db: Database, circle_id: int, iso_year: int, iso_week: int) -> int:
    value = await db.fetchval(
        """
        SELECT COUNT(DISTINCT checkins.user_id) FROM checkins
        JOIN memberships ON memberships.user_id = checkins.user_id
        WHERE memberships.circle_id = ? AND checkins.iso_year = ? AND checkins.iso_week = ?
          AND checkins.completed_at IS NOT NULL
        """,
        (circle_id, iso_year, iso_week),
    )
    return int(value or 0)


# --- what may be shared ----------------------------------------------------------------
async def own_plan(
    db: Database, user_id: int, plan_id: int
) -> tuple[Plan, Rejection | None] | None:
    """A plan (and the rejection it reframes), only if it belongs to ``user_id``."""
    plan = await get_plan(db, user_id, plan_id)
    if plan is None:
        return None
    rejection = (
        None if plan.rejection_id is None else await get_rejection(db, user_id, plan.rejection_id)
    )
    return plan, rejection


# --- shares ----------------------------------------------------------------------------
async def reserve_share(
    db: Database,
    *,
    circle_id: int,
    user_id: int,
    win_id: int | None = None,
    plan_id: int | None = None,
    with_details: bool = False,
    now: datetime,
) -> Share | None:
    """Record a share before posting it (a double tap finds it taken); None if it exists."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT OR IGNORE INTO shares (circle_id, user_id, win_id, plan_id, with_details,
                                          shared_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (circle_id, user_id, win_id, plan_id, int(with_details), to_db(now)),
        )
        if cursor.rowcount != 1:
            return None
        new_id = cursor.lastrowid
    return await own_share(db, user_id, int(new_id or 0))


async def set_posted(db: Database, share_id: int, chat_id: int, message_id: int) -> bool:
    """Remember where the share was posted; False if it was unshared meanwhile."""
    changed = await db.execute(
        "UPDATE shares SET chat_id = ?, message_id = ? WHERE id = ?",
        (chat_id, message_id, share_id),
    )
    return changed == 1


async def own_share(db: Database, user_id: int, share_id: int) -> Share | None:
    row = await db.fetchone(
        "SELECT * FROM shares WHERE id = ? AND user_id = ?", (share_id, user_id)
    )
    return None if row is None else _share(row)


async def get_share(db: Database, share_id: int) -> Share | None:
    """Any share (for cheers: the caller checks the presser's membership of its circle)."""
    row = await db.fetchone("SELECT * FROM shares WHERE id = ?", (share_id,))
    return None if row is None else _share(row)


async def drop_share(db: Database, user_id: int, share_id: int) -> bool:
    changed = await db.execute(
        "DELETE FROM shares WHERE id = ? AND user_id = ?", (share_id, user_id)
    )
    return changed == 1


async def shares_of_items(
    db: Database, user_id: int, *, win_ids: list[int], plan_ids: list[int]
) -> list[tuple[Share, str]]:
    """The user's posted shares of these wins and plans, with each circle's title."""
    if not win_ids and not plan_ids:
        return []
    wins = ",".join("?" * len(win_ids)) or "NULL"
    plans = ",".join("?" * len(plan_ids)) or "NULL"
    rows = await db.fetchall(
        f"""
        SELECT shares.*, circles.title AS circle_title FROM shares
        JOIN circles ON circles.id = shares.circle_id
        WHERE shares.user_id = ? AND (shares.win_id IN ({wins}) OR shares.plan_id IN ({plans}))
        ORDER BY shares.id
        """,
        (user_id, *win_ids, *plan_ids),
    )
    return [(_share(row), row["circle_title"]) for row in rows]


async def set_cheers_shown(db: Database, share_id: int, count: int) -> None:
    await db.execute("UPDATE shares SET cheers_shown = ? WHERE id = ?", (count, share_id))


# --- cheers ----------------------------------------------------------------------------
async def has_cheered(db: Database, share_id: int, user_id: int) -> bool:
    found = await db.fetchval(
        "SELECT 1 FROM cheers WHERE share_id = ? AND user_id = ?", (share_id, user_id)
    )
    return found is not None


async def add_cheer(db: Database, share_id: int, user_id: int, now: datetime) -> bool:
    changed = await db.execute(
        "INSERT OR IGNORE INTO cheers (share_id, user_id, created_at) VALUES (?, ?, ?)",
        (share_id, user_id, to_db(now)),
    )
    return changed == 1


async def remove_cheer(db: Database, share_id: int, user_id: int) -> bool:
    changed = await db.execute(
        "DELETE FROM cheers WHERE share_id = ? AND user_id = ?", (share_id, user_id)
    )
    return changed == 1


async def cheer_count(db: Database, share_id: int) -> int:
    value = await db.fetchval("SELECT COUNT(*) FROM cheers WHERE share_id = ?", (share_id,))
    return int(value or 0)


async def schedule_cheer_note(db: Database, author_id: int, due: datetime) -> None:
    """Plan the author's daily note, unless one is already planned (then it covers this)."""
    await db.execute(
        "INSERT OR IGNORE INTO cheer_notes (user_id, due_at) VALUES (?, ?)",
        (author_id, to_db(due)),
    )


async def due_cheer_notes(db: Database, now: datetime, limit: int = 200) -> list[tuple[int, str]]:
    rows = await db.fetchall(
        """
        SELECT cheer_notes.user_id, cheer_notes.due_at FROM cheer_notes
        JOIN users USING (user_id)
        WHERE cheer_notes.due_at <= ? AND users.blocked_since IS NULL
        ORDER BY cheer_notes.due_at LIMIT ?
        """,
        (to_db(now), limit),
    )
    return [(row[0], row[1]) for row in rows]


async def claim_cheer_note(db: Database, user_id: int, due_at: str) -> bool:
    """Compare-and-swap: whoever deletes this exact pending note sends it."""
    changed = await db.execute(
        "DELETE FROM cheer_notes WHERE user_id = ? AND due_at = ?", (user_id, due_at)
    )
    return changed == 1


async def unnotified_cheers(db: Database, author_id: int) -> list[tuple[Share, int]]:
    """The author's shares with cheers not yet told, and how many people cheered each."""
    rows = await db.fetchall(
        """
        SELECT shares.*, COUNT(*) AS people FROM cheers
        JOIN shares ON shares.id = cheers.share_id
        WHERE shares.user_id = ? AND cheers.notified_at IS NULL
        GROUP BY shares.id ORDER BY shares.id
        """,
        (author_id,),
    )
    return [(_share(row), int(row["people"])) for row in rows]


async def untold_cheerers(db: Database, share_id: int) -> list[str]:
    """The first names of who cheered a share since its author was last told, first first."""
    rows = await db.fetchall(
        """
        SELECT users.first_name FROM cheers JOIN users ON users.user_id = cheers.user_id
        WHERE cheers.share_id = ? AND cheers.notified_at IS NULL
        ORDER BY cheers.created_at, cheers.user_id
        """,
        (share_id,),
    )
    return [str(row[0]) for row in rows]


async def mark_cheers_notified(db: Database, share_ids: list[int], now: datetime) -> None:
    if not share_ids:
        return
    marks = ",".join("?" * len(share_ids))
    await db.execute(
        f"UPDATE cheers SET notified_at = ? WHERE notified_at IS NULL AND share_id IN ({marks})",
        (to_db(now), *share_ids),
    )
