"""Feedback rounds: the seeker's rounds, the anonymous answers, who already answered (hashed).

A round belongs to its seeker: every read and write that a seeker makes filters by their
user id. Givers reach a round only through its token; what they leave behind is an answer
row without any id of theirs, date or order (its id is random), and, while the round is
open, a hash in ``feedback_givers`` keyed with the server secret that stops a second answer
to the same round (the table keeps no arrival order either). The seeker hears about new
answers once a day, as a count (:func:`due_answer_notes`).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.domain import feedback as rules
from bot.storage.db import Database

ROUND_LIFETIME = timedelta(days=30)
Answer = rules.Answer  # what a giver left: no id, no date


@dataclass(frozen=True)
class Round:
    id: int
    user_id: int
    token: str
    salt: str
    goal: str | None
    asked: int
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None

    def is_open(self, now: datetime) -> bool:
        return self.closed_at is None and now < self.expires_at


def _round(row: aiosqlite.Row) -> Round:
    return Round(
        id=row["id"],
        user_id=row["user_id"],
        token=row["token"],
        salt=row["salt"],
        goal=row["goal"],
        asked=row["asked"],
        created_at=from_db(row["created_at"]),
        expires_at=from_db(row["expires_at"]),
        closed_at=opt_from_db(row["closed_at"]),
    )


def _answer(row: aiosqlite.Row) -> Answer:
    adjectives = json.loads(row["adjectives"] or "[]")
    return Answer(
        do_better=row["do_better"],
        adjectives=tuple(str(a) for a in adjectives),
        other=row["other"],
    )


_FORGET_FINISHED_GIVERS = """
    DELETE FROM feedback_givers WHERE round_id IN (
        SELECT id FROM feedback_rounds WHERE closed_at IS NOT NULL OR expires_at <= ?
    )
"""


async def start_round(
    db: Database, *, user_id: int, goal: str | None, asked: int, now: datetime
) -> Round:
    """A new open round; any round the user still has open is closed first (one at a time)."""
    token = rules.new_token()
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE feedback_rounds SET closed_at = ? WHERE user_id = ? AND closed_at IS NULL",
            (to_db(now), user_id),
        )
        # Who answered matters only while a round takes answers.
        await conn.execute(_FORGET_FINISHED_GIVERS, (to_db(now),))
        cursor = await conn.execute(
            """
            INSERT INTO feedback_rounds (user_id, token, salt, goal, asked, created_at,
                                         expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (
                user_id,
                token,
                rules.new_salt(),
                goal,
                asked,
                to_db(now),
                to_db(now + ROUND_LIFETIME),
            ),
        )
        new_id = int(cursor.lastrowid or 0)
    found = await get_round(db, user_id, new_id)
    assert found is not None
    return found


async def get_round(db: Database, user_id: int, round_id: int) -> Round | None:
    """A round, only if it belongs to ``user_id``."""
    row = await db.fetchone(
        "SELECT * FROM feedback_rounds WHERE id = ? AND user_id = ?", (round_id, user_id)
    )
    return None if row is None else _round(row)


async def latest_round(db: Database, user_id: int) -> Round | None:
    row = await db.fetchone(
        "SELECT * FROM feedback_rounds WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        (user_id,),
    )
    return None if row is None else _round(row)


async def round_by_token(db: Database, token: str) -> Round | None:
    """The round a giver's link points to (any state: the caller decides what to say)."""
    if not rules.is_well_formed_token(token):
        return None
    row = await db.fetchone("SELECT * FROM feedback_rounds WHERE token = ?", (token,))
    return None if row is None else _round(row)


async def close_round(db: Database, user_id: int, round_id: int, now: datetime) -> bool:
    """Close an open round (its givers' hashes go: they were only for refusing a second
    answer); False if it was not open (already closed, or not theirs)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            UPDATE feedback_rounds SET closed_at = ?
            WHERE id = ? AND user_id = ? AND closed_at IS NULL
            """,
            (to_db(now), round_id, user_id),
        )
        closed = cursor.rowcount == 1
        await conn.execute(_FORGET_FINISHED_GIVERS, (to_db(now),))
    return closed


async def has_answered(db: Database, key: bytes, round_: Round, giver_id: int) -> bool:
    value = await db.fetchval(
        "SELECT 1 FROM feedback_givers WHERE round_id = ? AND giver_hash = ?",
        (round_.id, rules.giver_hash(key, round_.salt, giver_id)),
    )
    return value is not None


class AlreadyAnsweredError(Exception):
    """This giver has answered this round before."""


class RoundClosedError(Exception):
    """The round was closed or expired before the answer came in."""


async def add_answer(
    db: Database, *, key: bytes, token: str, giver_id: int, answer: Answer, now: datetime
) -> Round:
    """Store one anonymous answer (a random id, no date); the giver is kept only as a keyed
    hash, until the round closes; the seeker's daily note about new answers is planned."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT * FROM feedback_rounds WHERE token = ?", (token,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise RoundClosedError
        round_ = _round(row)
        if not round_.is_open(now):
            raise RoundClosedError
        try:
            await conn.execute(
                "INSERT INTO feedback_givers (round_id, giver_hash) VALUES (?, ?)",
                (round_.id, rules.giver_hash(key, round_.salt, giver_id)),
            )
        except sqlite3.IntegrityError as exc:
            raise AlreadyAnsweredError from exc
        await conn.execute(
            """
            INSERT INTO feedback_answers (id, round_id, do_better, adjectives, other)
            VALUES (?, ?, ?, ?, ?)
            """,
            (
                secrets.randbits(62) + 1,  # rowids in arrival order would tell who was first
                round_.id,
                answer.do_better,
                json.dumps(list(answer.adjectives), ensure_ascii=False),
                answer.other,
            ),
        )
        async with conn.execute(
            "SELECT timezone FROM users WHERE user_id = ?", (round_.user_id,)
        ) as cursor:
            seeker = await cursor.fetchone()
        zone = str(seeker[0]) if seeker else "UTC"
        await conn.execute(
            """
            UPDATE feedback_rounds SET answers_note_due = COALESCE(answers_note_due, ?)
            WHERE id = ?
            """,
            (to_db(rules.next_answers_note_due(now, zone)), round_.id),
        )
    return round_


async def answers(db: Database, user_id: int, round_id: int) -> list[Answer]:
    """The answers of one of the user's rounds (joined on ownership), in no telling order."""
    rows = await db.fetchall(
        """
        SELECT a.* FROM feedback_answers a JOIN feedback_rounds r ON r.id = a.round_id
        WHERE a.round_id = ? AND r.user_id = ?
        ORDER BY a.do_better, a.other, a.adjectives
        """,
        (round_id, user_id),
    )
    return [_answer(row) for row in rows]


async def answer_count(db: Database, user_id: int, round_id: int) -> int:
    value = await db.fetchval(
        """
        SELECT COUNT(*) FROM feedback_answers a JOIN feedback_rounds r ON r.id = a.round_id
        WHERE a.round_id = ? AND r.user_id = ?
        """,
        (round_id, user_id),
    )
    return int(value or 0)


async def forget_giver(db: Database, key: bytes, giver_id: int) -> int:
    """Remove a giver's hashes from every round (for /delete); returns how many went.

    The hash cannot be reversed, so each round's salt is tried: one hash per round.
    """
    rows = await db.fetchall("SELECT id, salt FROM feedback_rounds")
    pairs = [(row["id"], rules.giver_hash(key, row["salt"], giver_id)) for row in rows]
    removed = 0
    async with db.transaction() as conn:
        for round_id, digest in pairs:
            cursor = await conn.execute(
                "DELETE FROM feedback_givers WHERE round_id = ? AND giver_hash = ?",
                (round_id, digest),
            )
            removed += cursor.rowcount
    return removed


# --- the seeker's daily note about new answers -----------------------------------------
@dataclass(frozen=True)
class AnswersNote:
    round_id: int
    user_id: int
    due: str  # as stored: the claim compares it exactly


async def due_answer_notes(db: Database, now: datetime, limit: int = 200) -> list[AnswersNote]:
    rows = await db.fetchall(
        """
        SELECT id, user_id, answers_note_due FROM feedback_rounds
        WHERE answers_note_due IS NOT NULL AND answers_note_due <= ?
        ORDER BY answers_note_due LIMIT ?
        """,
        (to_db(now), limit),
    )
    return [AnswersNote(int(r[0]), int(r[1]), str(r[2])) for r in rows]


async def claim_answer_note(db: Database, note: AnswersNote) -> int | None:
    """Compare-and-swap: the caller that clears this exact due time sends the note. Returns
    how many answers came since the seeker was last told (and counts them as told now)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            UPDATE feedback_rounds SET answers_note_due = NULL
            WHERE id = ? AND answers_note_due = ?
            """,
            (note.round_id, note.due),
        )
        if cursor.rowcount != 1:
            return None
        async with conn.execute(
            """
            SELECT (SELECT COUNT(*) FROM feedback_answers WHERE round_id = r.id), answers_told
            FROM feedback_rounds r WHERE id = ?
            """,
            (note.round_id,),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        total, told = int(row[0]), int(row[1])
        await conn.execute(
            "UPDATE feedback_rounds SET answers_told = ? WHERE id = ?", (total, note.round_id)
        )
    return max(0, total - told)


async def postpone_answer_note(db: Database, note: AnswersNote, until: datetime) -> bool:
    """Compare-and-swap: move this exact pending note to ``until`` (out of quiet hours)."""
    changed = await db.execute(
        "UPDATE feedback_rounds SET answers_note_due = ? WHERE id = ? AND answers_note_due = ?",
        (to_db(until), note.round_id, note.due),
    )
    return changed == 1
