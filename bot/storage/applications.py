"""Applications (and meeting requests, recruiter contacts): the rows, their moves, what is
due about them, CSV imports, the funnel's counts and progress shared in circles.

Every query is filtered by the acting user's id. What is due lives in three columns
(``follow_up_due``: the silence question; ``note_due`` and ``check_due``: the day before
and the day after an interview). The ticker claims a person's day (``application_asks``)
and the items due that day in one transaction, each with a compare-and-swap on its due
time, before anything is sent: nothing is sent twice, by two ticks or two processes.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import aiosqlite

from bot.clock import from_db, opt_from_db, to_db
from bot.domain.applications import ANSWERED, CLOSED_STAGES, Funnel, ImportRow, Kind, Stage
from bot.storage.db import Database

Item = Literal["silence", "note", "check"]  # what a claimed item asks or tells
ITEMS: tuple[Item, ...] = typing.get_args(Item)
_DUE_COLUMN: dict[Item, str] = {
    "silence": "follow_up_due",
    "note": "note_due",
    "check": "check_due",
}
_EDITABLE = frozenset({"company", "role", "link"})


@dataclass(frozen=True)
class Application:
    id: int
    user_id: int
    kind: Kind
    company: str
    role: str | None
    link: str | None
    applied_on: date
    stage: Stage
    news_at: datetime  # when the last news came: the silence counts from here
    answered_on: date | None
    interview_on: date | None  # the day it reached the interview stage
    offer_on: date | None
    closed_on: date | None
    interview_date: date | None  # the day of the (next) interview, if known
    follow_up_due: datetime | None
    note_due: datetime | None
    check_due: datetime | None
    asks: int  # silence questions sent since the last news
    pending: Item | None  # a question sent in a daily message that awaits its answer
    rejection_id: int | None
    import_id: int | None
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _opt(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _opt_moment(moment: datetime | None) -> str | None:
    return None if moment is None else to_db(moment)


def _row(row: aiosqlite.Row) -> Application:
    return Application(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        company=row["company"],
        role=row["role"],
        link=row["link"],
        applied_on=date.fromisoformat(row["applied_on"]),
        stage=row["stage"],
        news_at=from_db(row["news_at"]),
        answered_on=_day(row["answered_on"]),
        interview_on=_day(row["interview_on"]),
        offer_on=_day(row["offer_on"]),
        closed_on=_day(row["closed_on"]),
        interview_date=_day(row["interview_date"]),
        follow_up_due=opt_from_db(row["follow_up_due"]),
        note_due=opt_from_db(row["note_due"]),
        check_due=opt_from_db(row["check_due"]),
        asks=row["asks"],
        pending=row["pending"],
        rejection_id=row["rejection_id"],
        import_id=row["import_id"],
        created_at=from_db(row["created_at"]),
    )


# --- adding ------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewApplication:
    kind: Kind
    company: str
    role: str | None
    link: str | None
    applied_on: date
    news_at: datetime
    follow_up_due: datetime | None
    stage: Stage = "applied"
    answered_on: date | None = None
    interview_on: date | None = None
    offer_on: date | None = None
    closed_on: date | None = None


_INSERT = """
    INSERT INTO applications (user_id, kind, company, role, link, applied_on, stage, news_at,
                              answered_on, interview_on, offer_on, closed_on, follow_up_due,
                              import_id, update_id, created_at)
    VALUES (:user_id, :kind, :company, :role, :link, :applied_on, :stage, :news_at,
            :answered_on, :interview_on, :offer_on, :closed_on, :follow_up_due,
            :import_id, :update_id, :created_at)
    ON CONFLICT (user_id, update_id) WHERE update_id IS NOT NULL DO NOTHING
"""


def _params(
    user_id: int, new: NewApplication, now: datetime, import_id: int | None, update_id: int | None
) -> dict[str, object]:
    return {
        "user_id": user_id,
        "kind": new.kind,
        "company": new.company,
        "role": new.role,
        "link": new.link,
        "applied_on": new.applied_on.isoformat(),
        "stage": new.stage,
        "news_at": to_db(new.news_at),
        "answered_on": _opt(new.answered_on),
        "interview_on": _opt(new.interview_on),
        "offer_on": _opt(new.offer_on),
        "closed_on": _opt(new.closed_on),
        "follow_up_due": _opt_moment(new.follow_up_due),
        "import_id": import_id,
        "update_id": update_id,
        "created_at": to_db(now),
    }


async def add(
    db: Database, user_id: int, new: NewApplication, now: datetime, update_id: int | None = None
) -> Application:
    """One application; the same update handled again (a replay) finds the first's row."""
    async with db.transaction() as conn:
        cursor = await conn.execute(_INSERT, _params(user_id, new, now, None, update_id))
        new_id = cursor.lastrowid if cursor.rowcount > 0 else None
        if new_id is None:
            async with conn.execute(
                "SELECT id FROM applications WHERE user_id = ? AND update_id = ?",
                (user_id, update_id),
            ) as found:
                row = await found.fetchone()
            new_id = int(row[0]) if row else 0
    saved = await get(db, user_id, int(new_id))
    assert saved is not None
    return saved


async def get(db: Database, user_id: int, app_id: int) -> Application | None:
    """An application, only if it belongs to ``user_id``."""
    row = await db.fetchone(
        "SELECT * FROM applications WHERE id = ? AND user_id = ?", (app_id, user_id)
    )
    return None if row is None else _row(row)


async def count_open(db: Database, user_id: int) -> int:
    value = await db.fetchval(
        "SELECT COUNT(*) FROM applications WHERE user_id = ? AND stage IN "
        "('applied', 'heard', 'interview')",
        (user_id,),
    )
    return int(value or 0)


async def open_page(db: Database, user_id: int, offset: int, limit: int) -> list[Application]:
    """Open applications, newest first."""
    rows = await db.fetchall(
        """
        SELECT * FROM applications
        WHERE user_id = ? AND stage IN ('applied', 'heard', 'interview')
        ORDER BY applied_on DESC, id DESC LIMIT ? OFFSET ?
        """,
        (user_id, limit, offset),
    )
    return [_row(r) for r in rows]


# --- moving on ---------------------------------------------------------------------------
async def move(
    db: Database,
    user_id: int,
    app: Application,
    to: Stage,
    *,
    today: date,
    now: datetime,
    follow_up_due: datetime | None,
    interview_date: date | None = None,
    note_due: datetime | None = None,
    check_due: datetime | None = None,
) -> Application | None:
    """News: ``app`` goes from its stage to ``to`` (a compare-and-swap on the stage, so a
    double tap moves it once). The silence starts again; the funnel's days are filled in.
    None if it had moved on meanwhile."""
    changed = await db.execute(
        """
        UPDATE applications SET
            stage = :to, news_at = :now, asks = 0, pending = NULL,
            follow_up_due = :follow_up_due, interview_date = :interview_date,
            note_due = :note_due, check_due = :check_due,
            answered_on = CASE WHEN :answered THEN COALESCE(answered_on, :today)
                               ELSE answered_on END,
            interview_on = CASE WHEN :to = 'interview' THEN COALESCE(interview_on, :today)
                                ELSE interview_on END,
            offer_on = CASE WHEN :to = 'offer' THEN :today ELSE offer_on END,
            closed_on = CASE WHEN :closed THEN :today ELSE NULL END
        WHERE id = :id AND user_id = :user AND stage = :from AND news_at = :news
        """,
        {
            "to": to,
            "now": to_db(now),
            "follow_up_due": _opt_moment(follow_up_due),
            "interview_date": _opt(interview_date),
            "note_due": _opt_moment(note_due),
            "check_due": _opt_moment(check_due),
            "answered": int(to in ANSWERED),
            "today": today.isoformat(),
            "closed": int(to in CLOSED_STAGES),
            "id": app.id,
            "user": user_id,
            "from": app.stage,
            "news": to_db(app.news_at),
        },
    )
    return await get(db, user_id, app.id) if changed == 1 else None


async def still_nothing(
    db: Database, user_id: int, app_id: int, follow_up_due: datetime | None
) -> bool:
    """ "Still nothing" to a silence question: asked again at ``follow_up_due`` (None: not
    again). False if the question was answered already."""
    changed = await db.execute(
        """
        UPDATE applications SET pending = NULL, follow_up_due = ?
        WHERE id = ? AND user_id = ? AND pending = 'silence'
          AND stage IN ('applied', 'heard', 'interview')
        """,
        (_opt_moment(follow_up_due), app_id, user_id),
    )
    return changed == 1


async def keep_waiting(db: Database, user_id: int, app_id: int) -> bool:
    """Kept open after the last question: no more questions about this silence."""
    changed = await db.execute(
        """
        UPDATE applications SET pending = NULL, follow_up_due = NULL
        WHERE id = ? AND user_id = ? AND stage IN ('applied', 'heard', 'interview')
        """,
        (app_id, user_id),
    )
    return changed == 1


async def set_rejection(db: Database, user_id: int, app_id: int, rejection_id: int) -> None:
    await db.execute(
        "UPDATE applications SET rejection_id = ? WHERE id = ? AND user_id = ?",
        (rejection_id, app_id, user_id),
    )


async def wait_again(
    db: Database, user_id: int, app_id: int, follow_up_due: datetime, now: datetime
) -> bool:
    """After "how did it go?": the wait for news starts now. False if that question was
    answered already."""
    changed = await db.execute(
        """
        UPDATE applications SET pending = NULL, news_at = ?, asks = 0, follow_up_due = ?
        WHERE id = ? AND user_id = ? AND pending = 'check' AND stage = 'interview'
        """,
        (to_db(now), to_db(follow_up_due), app_id, user_id),
    )
    return changed == 1


async def clear_pending(db: Database, user_id: int, app_id: int) -> None:
    await db.execute(
        "UPDATE applications SET pending = NULL WHERE id = ? AND user_id = ?", (app_id, user_id)
    )


async def awaiting(db: Database, user_id: int, limit: int = 50) -> list[Application]:
    """What a daily message listed and is not answered yet, oldest news first."""
    rows = await db.fetchall(
        """
        SELECT * FROM applications WHERE user_id = ? AND pending IS NOT NULL
        ORDER BY news_at, id LIMIT ?
        """,
        (user_id, limit),
    )
    return [_row(r) for r in rows]


# --- editing and removing -------------------------------------------------------------------
async def edit_text(db: Database, user_id: int, app_id: int, field: str, value: str | None) -> bool:
    """Company, role or link changed (role and link may be emptied)."""
    if field not in _EDITABLE:
        raise ValueError(field)
    changed = await db.execute(
        f"UPDATE applications SET {field} = ? WHERE id = ? AND user_id = ?",
        (value, app_id, user_id),
    )
    return changed == 1


async def edit_day(
    db: Database,
    user_id: int,
    app_id: int,
    day: date,
    *,
    news_at: datetime | None,
    follow_up_due: datetime | None,
) -> bool:
    """The day it went out, changed. ``news_at`` (with its follow-up) when the silence
    counts from that day, i.e. nothing has happened since; None leaves them."""
    if news_at is None:
        sql = "UPDATE applications SET applied_on = ? WHERE id = ? AND user_id = ?"
        params: tuple[object, ...] = (day.isoformat(), app_id, user_id)
    else:
        sql = """
            UPDATE applications SET applied_on = ?, news_at = ?, follow_up_due = ?, asks = 0
            WHERE id = ? AND user_id = ?
        """
        params = (day.isoformat(), to_db(news_at), _opt_moment(follow_up_due), app_id, user_id)
    return await db.execute(sql, params) == 1


async def remove(db: Database, user_id: int, app_id: int) -> bool:
    changed = await db.execute(
        "DELETE FROM applications WHERE id = ? AND user_id = ?", (app_id, user_id)
    )
    return changed == 1


# --- CSV imports -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Import:
    id: int
    user_id: int
    file_name: str
    rows: tuple[ImportRow, ...]  # empty once imported
    row_count: int
    status: Literal["preview", "imported", "undone", "cancelled"]
    created_at: datetime


def _rows_json(rows: Sequence[ImportRow]) -> str:
    return json.dumps(
        [[r.line, r.company, r.role, r.applied_on.isoformat(), r.stage, r.link] for r in rows],
        ensure_ascii=False,
    )


def _rows_from(text: str | None) -> tuple[ImportRow, ...]:
    if not text:
        return ()
    return tuple(
        ImportRow(int(line), str(company), role, date.fromisoformat(day), stage, link)
        for line, company, role, day, stage, link in json.loads(text)
    )


async def stage_import(
    db: Database, user_id: int, file_name: str, rows: Sequence[ImportRow], now: datetime
) -> int:
    """Checked rows kept for the preview's "Import" tap; returns the import's id."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT INTO application_imports (user_id, file_name, rows, row_count, created_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            (user_id, file_name, _rows_json(rows), len(rows), to_db(now)),
        )
        return int(cursor.lastrowid or 0)


async def get_import(db: Database, user_id: int, import_id: int) -> Import | None:
    row = await db.fetchone(
        "SELECT * FROM application_imports WHERE id = ? AND user_id = ?", (import_id, user_id)
    )
    if row is None:
        return None
    return Import(
        id=row["id"],
        user_id=row["user_id"],
        file_name=row["file_name"],
        rows=_rows_from(row["rows"]),
        row_count=row["row_count"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
    )


async def run_import(
    db: Database, user_id: int, import_id: int, new: Sequence[NewApplication], now: datetime
) -> bool:
    """All the rows or none: the import moves from preview to imported (once: a second
    tap finds it imported) in the same transaction that inserts every row."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            UPDATE application_imports SET status = 'imported', imported_at = ?, rows = NULL
            WHERE id = ? AND user_id = ? AND status = 'preview'
            """,
            (to_db(now), import_id, user_id),
        )
        if cursor.rowcount != 1:
            return False
        await conn.executemany(_INSERT, [_params(user_id, n, now, import_id, None) for n in new])
    return True


async def cancel_import(db: Database, user_id: int, import_id: int) -> bool:
    changed = await db.execute(
        """
        UPDATE application_imports SET status = 'cancelled', rows = NULL
        WHERE id = ? AND user_id = ? AND status = 'preview'
        """,
        (import_id, user_id),
    )
    return changed == 1


async def undo_import(db: Database, user_id: int, import_id: int) -> int | None:
    """Every application the import added, removed; None if it was not imported (or was
    undone already)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            UPDATE application_imports SET status = 'undone'
            WHERE id = ? AND user_id = ? AND status = 'imported'
            """,
            (import_id, user_id),
        )
        if cursor.rowcount != 1:
            return None
        cursor = await conn.execute(
            "DELETE FROM applications WHERE import_id = ? AND user_id = ?", (import_id, user_id)
        )
        return cursor.rowcount


# --- what is due: the daily message ---------------------------------------------------------
@dataclass(frozen=True)
class DuePerson:
    user_id: int
    chat_id: int
    timezone: str
    language_code: str | None
    last_on: date | None  # the day of their last follow-up message


async def due_people(db: Database, now: datetime, limit: int) -> list[DuePerson]:
    """People with something due at ``now`` whom we may write to (at most ``limit``). Each
    due column is read through its partial index, oldest first, so the cost grows with what
    is due, not with all applications."""
    found: dict[int, None] = {}
    for column in _DUE_COLUMN.values():
        rows = await db.fetchall(
            f"""
            SELECT DISTINCT applications.user_id FROM applications JOIN users USING (user_id)
            WHERE applications.{column} IS NOT NULL AND applications.{column} <= ?
              AND users.blocked_since IS NULL
            LIMIT ?
            """,
            (to_db(now), limit),
        )
        found.update((int(r[0]), None) for r in rows)
        if len(found) >= limit:
            break
    ids = list(found)[:limit]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = await db.fetchall(
        f"""
        SELECT users.user_id, users.chat_id, users.timezone,
               COALESCE(users.language, users.language_code) AS language_code,
               application_asks.last_on
        FROM users LEFT JOIN application_asks USING (user_id)
        WHERE users.user_id IN ({marks})
        """,
        ids,
    )
    return [
        DuePerson(
            user_id=r["user_id"],
            chat_id=r["chat_id"],
            timezone=r["timezone"],
            language_code=r["language_code"],
            last_on=_day(r["last_on"]),
        )
        for r in rows
    ]


async def hold(db: Database, user_id: int, now: datetime, until: datetime) -> None:
    """Quiet hours, or today's message already sent: what is due waits until ``until``."""
    async with db.transaction() as conn:
        for column in _DUE_COLUMN.values():
            await conn.execute(
                f"UPDATE applications SET {column} = ? "
                f"WHERE user_id = ? AND {column} IS NOT NULL AND {column} <= ?",
                (to_db(until), user_id, to_db(now)),
            )


@dataclass(frozen=True)
class Claimed:
    """One item of a daily message: the application as it was, and what it is about."""

    app: Application
    item: Item

    @property
    def due_or_none(self) -> datetime | None:
        if self.item == "silence":
            return self.app.follow_up_due
        return self.app.note_due if self.item == "note" else self.app.check_due

    @property
    def due(self) -> datetime:
        found = self.due_or_none
        assert found is not None
        return found


async def _restore_day(conn: aiosqlite.Connection, person: DuePerson) -> None:
    """The person's day as it was before a claim (free again)."""
    if person.last_on is None:
        await conn.execute("DELETE FROM application_asks WHERE user_id = ?", (person.user_id,))
    else:
        await conn.execute(
            "UPDATE application_asks SET last_on = ? WHERE user_id = ?",
            (person.last_on.isoformat(), person.user_id),
        )


async def claim_day(
    db: Database, person: DuePerson, today: date, until: datetime
) -> list[Claimed] | None:
    """Today's one message for ``person``: their day and every item due before ``until``
    (the end of their day), each claimed with a compare-and-swap on its due time, all in one
    transaction. None if their day was taken (another tick, another process)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT INTO application_asks (user_id, last_on) VALUES (:user, :today)
            ON CONFLICT (user_id) DO UPDATE SET last_on = excluded.last_on
            WHERE application_asks.last_on < excluded.last_on
            """,
            {"user": person.user_id, "today": today.isoformat()},
        )
        if cursor.rowcount != 1:
            return None
        # The person's own rows (the user index); "+" keeps SQLite off the due indexes,
        # which would walk everyone's due rows.
        async with conn.execute(
            """
            SELECT * FROM applications WHERE user_id = :user
              AND (+follow_up_due <= :until OR +note_due <= :until OR +check_due <= :until)
            ORDER BY news_at, id
            """,
            {"user": person.user_id, "until": to_db(until)},
        ) as found:
            rows = [_row(r) for r in await found.fetchall()]
        claimed: list[Claimed] = []
        for item, column in _DUE_COLUMN.items():
            for app in rows:
                due = Claimed(app, item).due_or_none
                if due is None or due > until:
                    continue
                bump = ", asks = asks + 1" if item == "silence" else ""
                cursor = await conn.execute(
                    f"UPDATE applications SET {column} = NULL, pending = ?{bump} "
                    f"WHERE id = ? AND {column} = ?",
                    (item, app.id, to_db(due)),
                )
                if cursor.rowcount == 1:
                    claimed.append(Claimed(app, item))
        if not claimed:
            await _restore_day(conn, person)  # nothing left to say (taken meanwhile)
        return claimed


async def put_back(
    db: Database, person: DuePerson, claimed: Sequence[Claimed], retry_at: datetime | None
) -> None:
    """A daily message that was not delivered: its items due again (at ``retry_at``, or at
    their old times when None) and the day free again."""
    async with db.transaction() as conn:
        for one in claimed:
            column = _DUE_COLUMN[one.item]
            bump = ", asks = MAX(asks - 1, 0)" if one.item == "silence" else ""
            await conn.execute(
                f"UPDATE applications SET {column} = ?, pending = NULL{bump} "
                f"WHERE id = ? AND {column} IS NULL AND stage IN ('applied', 'heard', 'interview')",
                (to_db(retry_at or one.due), one.app.id),
            )
        await _restore_day(conn, person)


# --- the funnel ----------------------------------------------------------------------------
async def funnel(
    db: Database, user_id: int, since: date | None = None, until: date | None = None
) -> Funnel:
    """Sent, answers, interviews, offers and "no"s, by the day each happened: all time, or
    the days from ``since`` to ``until`` (both included)."""
    row = await db.fetchone(
        """
        SELECT
          COUNT(*) FILTER (WHERE applied_on BETWEEN :since AND :until),
          COUNT(*) FILTER (WHERE answered_on BETWEEN :since AND :until),
          COUNT(*) FILTER (WHERE interview_on BETWEEN :since AND :until),
          COUNT(*) FILTER (WHERE offer_on BETWEEN :since AND :until),
          COUNT(*) FILTER (WHERE stage IN ('rejected', 'no_response')
                             AND closed_on BETWEEN :since AND :until)
        FROM applications WHERE user_id = :user
        """,
        {
            "user": user_id,
            "since": (since or date.min).isoformat(),
            "until": (until or date.max).isoformat(),
        },
    )
    assert row is not None
    return Funnel(*(int(v or 0) for v in row))


async def has_any(db: Database, user_id: int) -> bool:
    found = await db.fetchval("SELECT 1 FROM applications WHERE user_id = ? LIMIT 1", (user_id,))
    return found is not None


# --- progress shared in circles ----------------------------------------------------------------
async def shared_circles(db: Database, user_id: int, week: tuple[int, int]) -> set[int]:
    """The circles this week's count went to."""
    rows = await db.fetchall(
        """
        SELECT circle_id FROM application_shares
        WHERE user_id = ? AND iso_year = ? AND iso_week = ?
        """,
        (user_id, *week),
    )
    return {int(r[0]) for r in rows}


async def add_share(
    db: Database, user_id: int, circle_id: int, week: tuple[int, int], sent: int, now: datetime
) -> int | None:
    """This week's count, shared in a circle once; None if it was shared there already."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT INTO application_shares (user_id, circle_id, iso_year, iso_week, sent,
                                            shared_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            (user_id, circle_id, *week, sent, to_db(now)),
        )
        return int(cursor.lastrowid or 0) if cursor.rowcount == 1 else None


async def share_posted(db: Database, share_id: int, chat_id: int, message_id: int) -> None:
    """The group message of a share (so /delete can take it back)."""
    await db.execute(
        "UPDATE application_shares SET chat_id = ?, message_id = ? WHERE id = ?",
        (chat_id, message_id, share_id),
    )


async def drop_share(db: Database, share_id: int) -> None:
    await db.execute("DELETE FROM application_shares WHERE id = ?", (share_id,))
