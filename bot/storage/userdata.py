"""Everything stored about one user, found by looking at the schema: for /export and /delete.

Tables are not listed by hand, so a table another feature adds later is covered as long as
it says whose rows are whose in one of these ways (checked in this order):

* a ``user_id`` column, or any column with a foreign key to ``users``: the person's rows
  (a ``SET NULL`` foreign key only names them: the column is cleared, the row stays);
* a ``chat_id`` column equal to the user id: their private chat (group ids are negative);
* a foreign key to a row found above (``CASCADE``/``NO ACTION``/``RESTRICT``): rows that
  hang off the person's rows, e.g. the answers to their feedback rounds;
* PTB's ``ptb_conversations`` (key ``[chat_id, user_id]`` as JSON) and
  ``feedback_givers`` (only a keyed hash of a giver's id, per round) by their own rules.

The export holds the answers to a person's feedback rounds only as /feedback shows them:
once enough people answered, merged and ranked, without row ids, dates or arrival order,
and without words that read as distress (:func:`bot.domain.feedback.results`); the raw
answer rows are never exported. Deleting goes children first, so foreign keys never block
it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.clock import to_db
from bot.domain import feedback as feedback_rules
from bot.storage import feedback as feedback_store
from bot.storage.db import Database

CONVERSATIONS = "ptb_conversations"
GIVERS = "feedback_givers"
ANSWERS = "feedback_answers"
# Not exported: other people's (hashed) ids; the answers to the person's rounds as stored
# (their ids and order tell who wrote what): those come as FEEDBACK_RESULTS instead. The
# user's own hashes are erased by /delete.
NOT_EXPORTED = frozenset({GIVERS, ANSWERS})
# Not a table: the answers of each round as /feedback shows them (see _feedback_results).
FEEDBACK_RESULTS = "feedback_results"
KEEPS_ROW = ("SET NULL", "SET DEFAULT")
MAX_DEPTH = 4


def _q(name: str) -> str:
    """An identifier from sqlite_master, quoted (names are never user input, but be exact)."""
    return '"' + name.replace('"', '""') + '"'


@dataclass
class TableInfo:
    name: str
    columns: list[str]
    owner_columns: list[str] = field(default_factory=list)  # rows are the person's
    naming_columns: list[str] = field(default_factory=list)  # SET NULL references
    parents: list[tuple[str, str, str]] = field(default_factory=list)  # (col, table, col)


async def schema(db: Database) -> dict[str, TableInfo]:
    """Every table, with how its rows relate to a person."""
    names = [
        str(row[0])
        for row in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    tables: dict[str, TableInfo] = {}
    for name in names:
        columns = [str(r["name"]) for r in await db.fetchall(f"PRAGMA table_info({_q(name)})")]
        info = TableInfo(name, columns)
        if "user_id" in columns:
            info.owner_columns.append("user_id")
        if "chat_id" in columns and name != "users":
            info.owner_columns.append("chat_id")
        for fk in await db.fetchall(f"PRAGMA foreign_key_list({_q(name)})"):
            column, target, target_col = str(fk["from"]), str(fk["table"]), fk["to"]
            on_delete = str(fk["on_delete"]).upper()
            if target == "users":
                if column in info.owner_columns:
                    continue
                if on_delete in KEEPS_ROW:
                    info.naming_columns.append(column)
                else:
                    info.owner_columns.append(column)
            elif on_delete not in KEEPS_ROW:
                info.parents.append((column, target, str(target_col or "rowid")))
        tables[name] = info
    return tables


def _condition(
    tables: dict[str, TableInfo], name: str, depth: int = 0, *, hanging: bool = True
) -> str | None:
    """SQL that selects the person's rows of ``name`` (parameter ``:uid``), or None.

    With ``hanging`` (for deleting), rows that hang off the person's rows count even in a
    table that has its own owners (others' cheers on their share); without it (for the
    export) only tables without owner columns are reached that way, so an export never
    carries other people's rows.
    """
    info = tables[name]
    parts = [f"{_q(c)} = :uid" for c in info.owner_columns]
    if depth < MAX_DEPTH and (hanging or not parts):
        for column, parent, parent_col in info.parents:
            if parent not in tables or parent == name:
                continue
            inner = _condition(tables, parent, depth + 1, hanging=hanging)
            if inner is not None:
                parts.append(
                    f"{_q(column)} IN (SELECT {_q(parent_col)} FROM {_q(parent)} WHERE {inner})"
                )
    return " OR ".join(f"({p})" for p in parts) if parts else None


def _conversation_keys(rows: Sequence[Any], user_id: int) -> list[tuple[str, str]]:
    found = []
    for row in rows:
        try:
            key = json.loads(row["key"])
        except ValueError:
            continue
        if isinstance(key, list) and user_id in key:
            found.append((str(row["name"]), str(row["key"])))
    return found


# --- export ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TableRows:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


async def collect(db: Database, user_id: int) -> list[TableRows]:
    """Every row about ``user_id``, table by table (tables with none are left out)."""
    tables = await schema(db)
    found: list[TableRows] = []
    for name, info in tables.items():
        if name in NOT_EXPORTED:
            continue
        if name == CONVERSATIONS:
            rows = await db.fetchall(f"SELECT name, key, state FROM {_q(name)}")
            keys = set(_conversation_keys(rows, user_id))
            picked = [tuple(r) for r in rows if (str(r["name"]), str(r["key"])) in keys]
            if picked:
                found.append(TableRows(name, ("name", "key", "state"), tuple(picked)))
            continue
        condition = _condition(tables, name, hanging=False)
        naming = [f"({_q(c)} = :uid)" for c in info.naming_columns]
        where = " OR ".join([*([f"({condition})"] if condition else []), *naming])
        if not where:
            continue
        async with db.conn.execute(
            f"SELECT * FROM {_q(name)} WHERE {where} ORDER BY rowid", {"uid": user_id}
        ) as cursor:
            columns = tuple(d[0] for d in cursor.description)
            rows_ = await cursor.fetchall()
        if rows_:
            found.append(TableRows(name, columns, tuple(tuple(r) for r in rows_)))
    results = await _feedback_results(db, user_id)
    if results.rows:
        found.append(results)
    return found


RESULT_COLUMNS = ("round_id", "answers", "shown", "adjectives_ranked", "do_better", "other")


async def _feedback_results(db: Database, user_id: int) -> TableRows:
    """One row per feedback round of the user: how many answered and, once /feedback shows
    them (enough answers), the results exactly as it does; JSON lists in the list columns."""
    rounds = await db.fetchall(
        "SELECT id FROM feedback_rounds WHERE user_id = ? ORDER BY id", (user_id,)
    )
    rows: list[tuple[Any, ...]] = []
    for (round_id,) in rounds:
        answers = await feedback_store.answers(db, user_id, int(round_id))
        shown = feedback_rules.results(answers)
        adjectives = [] if shown is None else shown.adjectives
        do_better = [] if shown is None else shown.do_better
        other = [] if shown is None else shown.other
        rows.append(
            (
                int(round_id),
                len(answers),
                shown is not None,
                json.dumps([{"adjective": a.word, "count": a.count} for a in adjectives]),
                json.dumps([{"text": t, "count": n} for t, n in do_better], ensure_ascii=False),
                json.dumps([{"text": t, "count": n} for t, n in other], ensure_ascii=False),
            )
        )
    return TableRows(FEEDBACK_RESULTS, RESULT_COLUMNS, tuple(rows))


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    return value


def _results_document(table: TableRows | None) -> list[dict[str, Any]]:
    if table is None:
        return []
    found = []
    for row in table.rows:
        values = dict(zip(table.columns, row, strict=True))
        for column in ("adjectives_ranked", "do_better", "other"):
            values[column] = json.loads(values[column])
        found.append(values)
    return found


def build_zip(
    user_id: int, exported_at: datetime, found: Sequence[TableRows], readme: str = ""
) -> bytes:
    """The export file: ``comeback-export.json`` (everything), one CSV per table, and
    ``README.txt`` (``readme``: what the files are, in the person's language).

    CPU-bound for large histories: call it off the event loop (``asyncio.to_thread``).
    """
    by_name = {t.name: t for t in found}
    document = {
        "format": "comeback-export/2",
        "user_id": user_id,
        "exported_at": to_db(exported_at),
        "note": (
            "Times are UTC. Feedback answers are anonymous: no giver is stored with them, and "
            f"they are here as /feedback shows them, once {feedback_rules.MIN_SHOWN} people "
            "have answered a round. Feedback you gave to others is not linked to you and is "
            "not part of this file."
        ),
        "tables": {
            t.name: [{c: _plain(v) for c, v in zip(t.columns, row, strict=True)} for row in t.rows]
            for t in found
            if t.name != FEEDBACK_RESULTS
        },
        "feedback_results": _results_document(by_name.get(FEEDBACK_RESULTS)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        if readme:
            zf.writestr("README.txt", readme.rstrip("\n") + "\n")
        zf.writestr(
            "comeback-export.json", json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        )
        for table in found:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows([[_plain(v) for v in row] for row in table.rows])
            zf.writestr(f"csv/{table.name}.csv", text.getvalue())
    return buffer.getvalue()


# --- delete ----------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupMessage:
    chat_id: int
    message_id: int


async def group_messages(db: Database, user_id: int) -> list[GroupMessage]:
    """Messages in groups that stand for the user's rows (their shares): to be deleted."""
    tables = await schema(db)
    found: list[GroupMessage] = []
    for name, info in tables.items():
        if not {"user_id", "chat_id", "message_id"} <= set(info.columns):
            continue
        rows = await db.fetchall(
            f"SELECT chat_id, message_id FROM {_q(name)} "
            "WHERE user_id = ? AND chat_id < 0 AND message_id IS NOT NULL",
            (user_id,),
        )
        found += [GroupMessage(int(r["chat_id"]), int(r["message_id"])) for r in rows]
    return found


def _delete_order(tables: dict[str, TableInfo]) -> list[str]:
    """Tables children first: a table comes after every table that points at it."""
    children: dict[str, list[str]] = {name: [] for name in tables}
    for name, info in tables.items():
        for _, parent, _ in info.parents:
            if parent in children and parent != name:
                children[parent].append(name)
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return
        visiting.add(name)
        for child in children[name]:
            visit(child)
        visiting.discard(name)
        order.append(name)

    for name in tables:
        visit(name)
    return order


async def erase(db: Database, user_id: int, *, giver_key: bytes | None = None) -> dict[str, int]:
    """Remove every row about ``user_id`` in one transaction; returns rows removed per table.

    Rows another table only names with a ``SET NULL`` reference lose the reference. With
    the server key (``giver_key``), the user's giver hashes in other people's open feedback
    rounds go too (answers were never linked to them; without the key nobody can tell
    which hashes are theirs).
    """
    tables = await schema(db)
    plan: list[tuple[str, str]] = []
    for name in _delete_order(tables):
        if name in (CONVERSATIONS, GIVERS):
            continue
        condition = _condition(tables, name)
        if condition is not None:
            plan.append((f"DELETE FROM {_q(name)} WHERE {condition}", name))
        for column in tables[name].naming_columns:
            plan.append(
                (f"UPDATE {_q(name)} SET {_q(column)} = NULL WHERE {_q(column)} = :uid", name)
            )
    conversations = []
    if CONVERSATIONS in tables:
        rows = await db.fetchall(f"SELECT name, key FROM {_q(CONVERSATIONS)}")
        conversations = _conversation_keys(rows, user_id)
    hashes: list[tuple[int, str]] = []
    if giver_key and GIVERS in tables and "feedback_rounds" in tables:
        rounds = await db.fetchall("SELECT id, salt FROM feedback_rounds")
        hashes = [
            (r["id"], feedback_rules.giver_hash(giver_key, r["salt"], user_id)) for r in rounds
        ]
    removed: dict[str, int] = {}
    async with db.transaction() as conn:
        if hashes:
            await conn.executemany(
                f"DELETE FROM {_q(GIVERS)} WHERE round_id = ? AND giver_hash = ?", hashes
            )
        for sql, name in plan:
            cursor = await conn.execute(sql, {"uid": user_id})
            if sql.startswith("DELETE") and cursor.rowcount > 0:
                removed[name] = removed.get(name, 0) + cursor.rowcount
        for name, key in conversations:
            await conn.execute(
                f"DELETE FROM {_q(CONVERSATIONS)} WHERE name = ? AND key = ?", (name, key)
            )
        if conversations:
            removed[CONVERSATIONS] = len(conversations)
    return removed
