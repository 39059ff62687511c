"""A person's choices about the messages they did not schedule: quiet hours, and each kind
of note (:class:`bot.domain.quiet.Kind`) on, off or snoozed. No row means the default: on,
with the operator's ``QUIET_HOURS``."""

from __future__ import annotations

from datetime import datetime

from bot.clock import opt_from_db, to_db
from bot.domain.quiet import Kind, Pref, QuietHours, format_quiet_hours, parse_quiet_hours
from bot.storage.db import Database


async def prefs(db: Database, user_id: int) -> dict[Kind, Pref]:
    """Every kind's choice (the default for a kind never changed)."""
    rows = await db.fetchall(
        "SELECT kind, off, snoozed_until FROM message_prefs WHERE user_id = ?", (user_id,)
    )
    found = {str(r["kind"]): Pref(bool(r["off"]), opt_from_db(r["snoozed_until"])) for r in rows}
    return {kind: found.get(kind.value, Pref()) for kind in Kind}


async def pref(db: Database, user_id: int, kind: Kind) -> Pref:
    row = await db.fetchone(
        "SELECT off, snoozed_until FROM message_prefs WHERE user_id = ? AND kind = ?",
        (user_id, kind.value),
    )
    return Pref() if row is None else Pref(bool(row["off"]), opt_from_db(row["snoozed_until"]))


async def set_pref(db: Database, user_id: int, kind: Kind, value: Pref) -> None:
    await db.execute(
        """
        INSERT INTO message_prefs (user_id, kind, off, snoozed_until) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id, kind)
        DO UPDATE SET off = excluded.off, snoozed_until = excluded.snoozed_until
        """,
        (
            user_id,
            kind.value,
            int(value.off),
            None if value.snoozed_until is None else to_db(value.snoozed_until),
        ),
    )


async def is_muted(db: Database, user_id: int, kind: Kind, now: datetime) -> bool:
    return (await pref(db, user_id, kind)).mutes(now)


async def quiet_hours(db: Database, user_id: int, default: str) -> QuietHours | None:
    """The person's quiet hours: their own choice, else ``default`` (the QUIET_HOURS
    setting, checked when the bot starts)."""
    own = await db.fetchval("SELECT quiet_hours FROM users WHERE user_id = ?", (user_id,))
    text = default if own is None else str(own)
    try:
        return parse_quiet_hours(text)
    except ValueError:  # a stored value is always written by set_quiet_hours: never here
        return parse_quiet_hours(default)


async def set_quiet_hours(db: Database, user_id: int, quiet: QuietHours | None) -> None:
    await db.execute(
        "UPDATE users SET quiet_hours = ? WHERE user_id = ?",
        (format_quiet_hours(quiet), user_id),
    )
