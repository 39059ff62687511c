"""Rejections, if-then plans, wins and notes: what a user logs, and their history."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rejection:
    id: int
    user_id: int
    kind: str
    other_text: str | None
    where_text: str | None
    hurt: int
    hurt_after: int | None
    in_control: str | None
    created_at: datetime
    note: str | None = None  # the words it was logged from, typed outside a flow


@dataclass(frozen=True)
class Plan:
    id: int
    user_id: int
    rejection_id: int | None
    if_do: str
    then_happens: str
    follow_up_on: date | None
    follow_up_due: datetime | None
    status: str
    created_at: datetime
    closed_at: datetime | None
    follow_up_asks: int = 0  # "Did you do it?" sent so far (at most twice)
    outcome: str | None = None  # after Done, did the "then" happen: yes | no | not_yet
    outcome_asks: int = 0  # "Did it happen?" asked so far (at most twice)
    outcome_due: datetime | None = None  # when "Did it happen?" is asked once more
    win_id: int | None = None  # the win logged from it
    parent_id: int | None = None  # the plan it follows, one whose "then" didn't happen


@dataclass(frozen=True)
class Win:
    id: int
    user_id: int
    text: str
    source: str
    created_at: datetime


@dataclass(frozen=True)
class Note:
    """A message typed outside any flow, kept as it is because the person chose so."""

    id: int
    user_id: int
    text: str
    created_at: datetime


def _rejection(row: aiosqlite.Row) -> Rejection:
    return Rejection(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        other_text=row["other_text"],
        where_text=row["where_text"],
        hurt=row["hurt"],
        hurt_after=row["hurt_after"],
        in_control=row["in_control"],
        created_at=from_db(row["created_at"]),
        note=row["note"],
    )


def _plan(row: aiosqlite.Row) -> Plan:
    return Plan(
        id=row["id"],
        user_id=row["user_id"],
        rejection_id=row["rejection_id"],
        if_do=row["if_do"],
        then_happens=row["then_happens"],
        follow_up_on=None
        if row["follow_up_on"] is None
        else date.fromisoformat(row["follow_up_on"]),
        follow_up_due=opt_from_db(row["follow_up_due"]),
        status=row["status"],
        created_at=from_db(row["created_at"]),
        closed_at=opt_from_db(row["closed_at"]),
        follow_up_asks=row["follow_up_asks"],
        outcome=row["outcome"],
        outcome_asks=row["outcome_asks"],
        outcome_due=opt_from_db(row["outcome_due"]),
        win_id=row["win_id"],
        parent_id=row["parent_id"],
    )


def _win(row: aiosqlite.Row) -> Win:
    return Win(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        source=row["source"],
        created_at=from_db(row["created_at"]),
    )


# --- one entry per update ------------------------------------------------------------
# An entry saved by an update carries its update id (unique per user): the same update
# handled again after a crash (bot/ops/inbox.py replays it) finds the first one's row.
_ONCE_PER_UPDATE = "ON CONFLICT (user_id, update_id) WHERE update_id IS NOT NULL DO NOTHING"


async def _saved_id(
    conn: aiosqlite.Connection,
    cursor: aiosqlite.Cursor,
    table: str,
    user_id: int,
    update_id: int | None,
) -> int:
    """The new row's id, or the id of the row this update saved before (a replay)."""
    if cursor.rowcount > 0 or update_id is None:
        return int(cursor.lastrowid or 0)
    async with conn.execute(
        f"SELECT id FROM {table} WHERE user_id = ? AND update_id = ?",
        (user_id, update_id),
    ) as found:
        row = await found.fetchone()
    log.info("replayed update found its entry table=%s update_id=%s", table, update_id)
    return int(row[0]) if row else 0


# --- rejections ----------------------------------------------------------------------
async def add_rejection(
    db: Database,
    *,
    user_id: int,
    kind: str,
    other_text: str | None,
    where_text: str | None,
    hurt: int,
    in_control: str | None,
    now: datetime,
    update_id: int | None = None,
    note: str | None = None,
) -> Rejection:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"""
            INSERT INTO rejections (user_id, kind, other_text, where_text, hurt, in_control,
                                    created_at, update_id, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) {_ONCE_PER_UPDATE}
            """,
            (
                user_id,
                kind,
                other_text,
                where_text,
                hurt,
                in_control,
                to_db(now),
                update_id,
                note,
            ),
        )
        new_id = await _saved_id(conn, cursor, "rejections", user_id, update_id)
    found = await get_rejection(db, user_id, int(new_id or 0))
    assert found is not None
    return found


async def get_rejection(db: Database, user_id: int, rejection_id: int) -> Rejection | None:
    """A rejection, only if it belongs to ``user_id``."""
    row = await db.fetchone(
        "SELECT * FROM rejections WHERE id = ? AND user_id = ?", (rejection_id, user_id)
    )
    return None if row is None else _rejection(row)


async def set_hurt_after(db: Database, user_id: int, rejection_id: int, hurt_after: int) -> None:
    await db.execute(
        "UPDATE rejections SET hurt_after = ? WHERE id = ? AND user_id = ?",
        (hurt_after, rejection_id, user_id),
    )


# --- plans ---------------------------------------------------------------------------
async def add_plan(
    db: Database,
    *,
    user_id: int,
    rejection_id: int | None,
    if_do: str,
    then_happens: str,
    follow_up_on: date | None,
    follow_up_due: datetime | None,
    now: datetime,
    update_id: int | None = None,
    parent_id: int | None = None,
) -> Plan:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"""
            INSERT INTO plans (user_id, rejection_id, if_do, then_happens, follow_up_on,
                               follow_up_due, created_at, update_id, parent_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) {_ONCE_PER_UPDATE}
            """,
            (
                user_id,
                rejection_id,
                if_do,
                then_happens,
                None if follow_up_on is None else follow_up_on.isoformat(),
                None if follow_up_due is None else to_db(follow_up_due),
                to_db(now),
                update_id,
                parent_id,
            ),
        )
        new_id = await _saved_id(conn, cursor, "plans", user_id, update_id)
    found = await get_plan(db, user_id, int(new_id or 0))
    assert found is not None
    return found


async def get_plan(db: Database, user_id: int, plan_id: int) -> Plan | None:
    """A plan, only if it belongs to ``user_id``."""
    row = await db.fetchone("SELECT * FROM plans WHERE id = ? AND user_id = ?", (plan_id, user_id))
    return None if row is None else _plan(row)


async def open_plans(db: Database, user_id: int, limit: int = 20) -> list[Plan]:
    rows = await db.fetchall(
        """
        SELECT * FROM plans WHERE user_id = ? AND status = 'open'
        ORDER BY follow_up_on IS NULL, follow_up_on, id LIMIT ?
        """,
        (user_id, limit),
    )
    return [_plan(row) for row in rows]


async def close_plan(db: Database, user_id: int, plan_id: int, status: str, now: datetime) -> bool:
    """Mark an open plan done or dropped; False if it was not open (a double tap)."""
    if status not in ("done", "dropped"):
        raise ValueError(status)
    changed = await db.execute(
        """
        UPDATE plans SET status = ?, closed_at = ?, follow_up_due = NULL
        WHERE id = ? AND user_id = ? AND status = 'open'
        """,
        (status, to_db(now), plan_id, user_id),
    )
    return changed == 1


async def reschedule_plan(
    db: Database, user_id: int, plan_id: int, follow_up_on: date, follow_up_due: datetime
) -> bool:
    changed = await db.execute(
        """
        UPDATE plans SET follow_up_on = ?, follow_up_due = ?, follow_up_asks = 0
        WHERE id = ? AND user_id = ? AND status = 'open'
        """,
        (follow_up_on.isoformat(), to_db(follow_up_due), plan_id, user_id),
    )
    return changed == 1


async def due_follow_ups(db: Database, now: datetime, limit: int = 200) -> list[Plan]:
    """Open plans whose follow-up is due, for users we may write to (uses the partial index)."""
    rows = await db.fetchall(
        """
        SELECT plans.* FROM plans JOIN users USING (user_id)
        WHERE plans.follow_up_due IS NOT NULL AND plans.status = 'open'
          AND plans.follow_up_due <= ? AND users.blocked_since IS NULL
        ORDER BY plans.follow_up_due LIMIT ?
        """,
        (to_db(now), limit),
    )
    return [_plan(row) for row in rows]


async def claim_follow_up(db: Database, plan: Plan, ask_again: datetime | None = None) -> bool:
    """Compare-and-swap: only the caller that moves this exact due time sends the reminder.
    The due time becomes ``ask_again`` (the second and last ask; None: no more)."""
    if plan.follow_up_due is None:
        return False
    changed = await db.execute(
        """
        UPDATE plans SET follow_up_due = ?, follow_up_asks = follow_up_asks + 1
        WHERE id = ? AND follow_up_due = ?
        """,
        (None if ask_again is None else to_db(ask_again), plan.id, to_db(plan.follow_up_due)),
    )
    return changed == 1


async def restore_follow_up(
    db: Database, plan_id: int, due: datetime, claimed: datetime | None = None
) -> None:
    """Put a claimed reminder back on the schedule after a failed send (``claimed``: the due
    time the claim set), not counted as asked."""
    await db.execute(
        """
        UPDATE plans SET follow_up_due = ?, follow_up_asks = max(follow_up_asks - 1, 0)
        WHERE id = ? AND follow_up_due IS ? AND status = 'open'
        """,
        (to_db(due), plan_id, None if claimed is None else to_db(claimed)),
    )


# --- closing the loop: did the "then" happen? ------------------------------------------
async def next_plan_of(db: Database, user_id: int, plan_id: int) -> Plan | None:
    """The plan made as the next try after ``plan_id`` (its ``parent_id``), if any."""
    row = await db.fetchone(
        "SELECT * FROM plans WHERE user_id = ? AND parent_id = ? ORDER BY id LIMIT 1",
        (user_id, plan_id),
    )
    return None if row is None else _plan(row)


OUTCOMES = ("yes", "no", "not_yet")


async def ask_outcome(db: Database, user_id: int, plan_id: int, now: datetime) -> None:
    """ "Did it happen?" was just asked about a done plan (the first time)."""
    await db.execute(
        """
        UPDATE plans SET outcome_asked_at = ?, outcome_asks = 1
        WHERE id = ? AND user_id = ? AND status = 'done' AND outcome_asks = 0
        """,
        (to_db(now), plan_id, user_id),
    )


async def set_outcome(
    db: Database, user_id: int, plan_id: int, outcome: str, ask_again: datetime | None
) -> bool:
    """The answer to "Did it happen?" on a done plan; "not yet" may be asked once more at
    ``ask_again``. False when it was already answered yes or no (a repeated tap)."""
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    changed = await db.execute(
        """
        UPDATE plans SET outcome = ?, outcome_due = ?
        WHERE id = ? AND user_id = ? AND status = 'done'
          AND (outcome IS NULL OR outcome = 'not_yet')
        """,
        (outcome, None if ask_again is None else to_db(ask_again), plan_id, user_id),
    )
    return changed == 1


async def due_outcome_questions(db: Database, now: datetime, limit: int = 200) -> list[Plan]:
    """Done plans whose "Did it happen?" is asked once more now, for users we may write to."""
    rows = await db.fetchall(
        """
        SELECT plans.* FROM plans JOIN users USING (user_id)
        WHERE plans.outcome_due IS NOT NULL AND plans.outcome_due <= ?
          AND users.blocked_since IS NULL
        ORDER BY plans.outcome_due LIMIT ?
        """,
        (to_db(now), limit),
    )
    return [_plan(row) for row in rows]


async def claim_outcome_question(db: Database, plan: Plan, now: datetime) -> bool:
    """Compare-and-swap, as :func:`claim_follow_up`: the one caller that clears it asks."""
    if plan.outcome_due is None:
        return False
    changed = await db.execute(
        """
        UPDATE plans SET outcome_due = NULL, outcome_asked_at = ?, outcome_asks = outcome_asks + 1
        WHERE id = ? AND outcome_due = ?
        """,
        (to_db(now), plan.id, to_db(plan.outcome_due)),
    )
    return changed == 1


async def move_outcome_question(db: Database, plan: Plan, due: datetime) -> bool:
    """Ask it later (out of quiet hours); compare-and-swap on the due time read."""
    if plan.outcome_due is None:
        return False
    changed = await db.execute(
        "UPDATE plans SET outcome_due = ? WHERE id = ? AND outcome_due = ?",
        (to_db(due), plan.id, to_db(plan.outcome_due)),
    )
    return changed == 1


async def restore_outcome_question(db: Database, plan_id: int, due: datetime) -> None:
    """Put a claimed "Did it happen?" back after a failed send, not counted as asked."""
    await db.execute(
        """
        UPDATE plans SET outcome_due = ?, outcome_asks = max(outcome_asks - 1, 0)
        WHERE id = ? AND outcome_due IS NULL AND outcome = 'not_yet'
        """,
        (to_db(due), plan_id),
    )


async def log_plan_win(
    db: Database, *, user_id: int, plan_id: int, text: str, now: datetime, update_id: int | None
) -> Win | None:
    """Log ``text`` as the win of a plan whose "then" happened, once: a second tap (or a
    replayed update) finds the win already logged. None if the plan is not the user's."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT win_id FROM plans WHERE id = ? AND user_id = ?", (plan_id, user_id)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        win_id = row[0]
        if win_id is None:
            inserted = await conn.execute(
                "INSERT INTO wins (user_id, text, source, created_at, update_id) "
                f"VALUES (?, ?, 'plan', ?, ?) {_ONCE_PER_UPDATE}",
                (user_id, text, to_db(now), update_id),
            )
            win_id = await _saved_id(conn, inserted, "wins", user_id, update_id)
            await conn.execute(
                "UPDATE plans SET win_id = ? WHERE id = ? AND win_id IS NULL", (win_id, plan_id)
            )
    return await get_win(db, user_id, int(win_id))


# --- wins ----------------------------------------------------------------------------
async def add_win(
    db: Database,
    *,
    user_id: int,
    text: str,
    now: datetime,
    source: str = "win",
    update_id: int | None = None,
) -> Win:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO wins (user_id, text, source, created_at, update_id) "
            f"VALUES (?, ?, ?, ?, ?) {_ONCE_PER_UPDATE}",
            (user_id, text, source, to_db(now), update_id),
        )
        new_id = await _saved_id(conn, cursor, "wins", user_id, update_id)
    row = await db.fetchone("SELECT * FROM wins WHERE id = ?", (new_id,))
    assert row is not None
    return _win(row)


async def get_win(db: Database, user_id: int, win_id: int) -> Win | None:
    """A win, only if it belongs to ``user_id``."""
    row = await db.fetchone("SELECT * FROM wins WHERE id = ? AND user_id = ?", (win_id, user_id))
    return None if row is None else _win(row)


# --- notes ---------------------------------------------------------------------------
async def add_note(
    db: Database, *, user_id: int, text: str, now: datetime, update_id: int | None = None
) -> Note:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO notes (user_id, text, created_at, update_id) "
            f"VALUES (?, ?, ?, ?) {_ONCE_PER_UPDATE}",
            (user_id, text, to_db(now), update_id),
        )
        new_id = await _saved_id(conn, cursor, "notes", user_id, update_id)
    row = await db.fetchone("SELECT * FROM notes WHERE id = ?", (new_id,))
    assert row is not None
    return _note(row)


def _note(row: aiosqlite.Row) -> Note:
    return Note(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        created_at=from_db(row["created_at"]),
    )


# --- history -------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryItem:
    """One line of /history: a rejection (with its plans), a stand-alone plan, a win or a
    note."""

    kind: str  # "rejection" | "plan" | "win" | "note"
    created_at: datetime
    rejection: Rejection | None = None
    plan: Plan | None = None
    win: Win | None = None
    plans: tuple[Plan, ...] = ()
    note: Note | None = None


async def history_count(db: Database, user_id: int) -> int:
    value = await db.fetchval(
        """
        SELECT (SELECT COUNT(*) FROM rejections WHERE user_id = :u)
             + (SELECT COUNT(*) FROM plans WHERE user_id = :u AND rejection_id IS NULL)
             + (SELECT COUNT(*) FROM wins WHERE user_id = :u)
             + (SELECT COUNT(*) FROM notes WHERE user_id = :u)
        """,
        {"u": user_id},
    )
    return int(value or 0)


async def history_page(db: Database, user_id: int, offset: int, limit: int) -> list[HistoryItem]:
    rows = await db.fetchall(
        """
        SELECT 'rejection' AS kind, id, created_at FROM rejections WHERE user_id = :u
        UNION ALL
        SELECT 'plan', id, created_at FROM plans WHERE user_id = :u AND rejection_id IS NULL
        UNION ALL
        SELECT 'win', id, created_at FROM wins WHERE user_id = :u
        UNION ALL
        SELECT 'note', id, created_at FROM notes WHERE user_id = :u
        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
        """,
        {"u": user_id, "limit": limit, "offset": offset},
    )
    items: list[HistoryItem] = []
    for row in rows:
        kind, item_id = row["kind"], row["id"]
        if kind == "rejection":
            rejection = await get_rejection(db, user_id, item_id)
            assert rejection is not None
            plan_rows = await db.fetchall(
                "SELECT * FROM plans WHERE rejection_id = ? ORDER BY id", (item_id,)
            )
            items.append(
                HistoryItem(
                    kind,
                    rejection.created_at,
                    rejection=rejection,
                    plans=tuple(_plan(p) for p in plan_rows),
                )
            )
        elif kind == "plan":
            plan = await get_plan(db, user_id, item_id)
            assert plan is not None
            items.append(HistoryItem(kind, plan.created_at, plan=plan))
        elif kind == "note":
            note_row = await db.fetchone("SELECT * FROM notes WHERE id = ?", (item_id,))
            assert note_row is not None
            note = _note(note_row)
            items.append(HistoryItem(kind, note.created_at, note=note))
        else:
            win_row = await db.fetchone("SELECT * FROM wins WHERE id = ?", (item_id,))
            assert win_row is not None
            win = _win(win_row)
            items.append(HistoryItem(kind, win.created_at, win=win))
    return items


# --- fixing one entry (from /history) ----------------------------------------------------
# (kind, field) -> (table, column): the only text columns an entry's owner can change.
EDITABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("rejection", "where"): ("rejections", "where_text"),
    ("rejection", "what"): ("rejections", "other_text"),
    ("plan", "if"): ("plans", "if_do"),
    ("plan", "then"): ("plans", "then_happens"),
    ("win", "text"): ("wins", "text"),
    ("note", "text"): ("notes", "text"),
}
_TABLES = {"rejection": "rejections", "plan": "plans", "win": "wins", "note": "notes"}


async def get_item(db: Database, user_id: int, kind: str, entry_id: int) -> HistoryItem | None:
    """One entry as /history shows it, only if it belongs to ``user_id``."""
    if kind not in _TABLES:
        return None
    row = await db.fetchone(
        f"SELECT * FROM {_TABLES[kind]} WHERE id = ? AND user_id = ?", (entry_id, user_id)
    )
    if row is None:
        return None
    if kind == "rejection":
        plan_rows = await db.fetchall(
            "SELECT * FROM plans WHERE rejection_id = ? AND user_id = ? ORDER BY id",
            (entry_id, user_id),
        )
        r = _rejection(row)
        return HistoryItem(kind, r.created_at, rejection=r, plans=tuple(map(_plan, plan_rows)))
    if kind == "plan":
        p = _plan(row)
        return HistoryItem(kind, p.created_at, plan=p)
    if kind == "win":
        w = _win(row)
        return HistoryItem(kind, w.created_at, win=w)
    n = _note(row)
    return HistoryItem(kind, n.created_at, note=n)


async def edit_text(
    db: Database, user_id: int, kind: str, entry_id: int, field: str, text: str
) -> bool:
    """Change one text field of the user's entry; False if it isn't theirs (or is gone)."""
    table, column = EDITABLE[(kind, field)]
    changed = await db.execute(
        f"UPDATE {table} SET {column} = ? WHERE id = ? AND user_id = ?", (text, entry_id, user_id)
    )
    return changed == 1


async def remove_item(db: Database, user_id: int, kind: str, entry_id: int) -> bool:
    """Delete the user's entry (a rejection with its plans); their shares and cheers go
    with them (ON DELETE CASCADE). False if it isn't theirs (or is gone)."""
    async with db.transaction() as conn:
        if kind == "rejection":
            await conn.execute(
                "DELETE FROM plans WHERE rejection_id = ? AND user_id = ?", (entry_id, user_id)
            )
        cursor = await conn.execute(
            f"DELETE FROM {_TABLES[kind]} WHERE id = ? AND user_id = ?", (entry_id, user_id)
        )
        return cursor.rowcount == 1
