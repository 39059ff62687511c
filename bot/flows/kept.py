"""Text kept from a message outside any flow until the person says what it is.

"Log this as a rejection?", "Log this as a win?", "Save this as a note": the words wait in
the person's user_data (saved with it after every update) under a short random key that
the offer's buttons carry. The last :data:`MOST` are kept, for :data:`KEEP_FOR` at most,
so an older offer still works after a newer message, and words nobody chose to keep do not
linger; editing the message updates what is kept.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from bot.flows.common import Context, user_data
from bot.ui.callbacks import CallbackData

Action = Literal["rejection", "win", "note", "no"]
KEPT = "kept"  # user_data: key -> {"text", "kind", "message_id", "at"}, oldest first
MOST = 5
KEEP_FOR = timedelta(days=1)


@dataclass(frozen=True)
class FreeTap(CallbackData, prefix="ft"):
    """Under a message read outside a flow: log it as a rejection (an entry point of
    /rejection) or a win, save it as a note, or leave it. ``key`` names the kept text."""

    action: Action
    key: str


@dataclass(frozen=True)
class Kept:
    key: str
    text: str
    kind: str | None  # for a rejection: the kind its words suggest, if they do
    message_id: int | None


def _all(context: Context) -> dict[str, Any]:
    """The kept texts, without those older than :data:`KEEP_FOR` (or unreadable)."""
    data = user_data(context)
    found = data.get(KEPT)
    if not isinstance(found, dict):
        found = {}
        data[KEPT] = found
    oldest = context.services.clock.now() - KEEP_FOR
    for key, item in list(found.items()):
        try:
            fresh = datetime.fromisoformat(str(item.get("at"))) >= oldest
        except (AttributeError, ValueError):
            fresh = False
        if not fresh:
            del found[key]
    return found


def keep(context: Context, text: str, kind: str | None, message_id: int | None) -> Kept:
    """Keep ``text`` (the oldest kept text goes when there are more than :data:`MOST`)."""
    kept = _all(context)
    key = secrets.token_hex(3)
    now = context.services.clock.now().isoformat()
    kept[key] = {"text": text, "kind": kind, "message_id": message_id, "at": now}
    for old in list(kept)[:-MOST]:
        del kept[old]
    return Kept(key, text, kind, message_id)


def get(context: Context, key: str) -> Kept | None:
    found = _all(context).get(key)
    if not isinstance(found, dict):
        return None
    kind = found.get("kind")
    message_id = found.get("message_id")
    return Kept(
        key,
        str(found.get("text", "")),
        str(kind) if kind is not None else None,
        int(message_id) if message_id is not None else None,
    )


def drop(context: Context, key: str) -> None:
    """The person chose what the text is: it lives on in what they chose."""
    _all(context).pop(key, None)


def edit(context: Context, message_id: int, text: str) -> bool:
    """The message was edited: the text kept from it is now ``text``. False if none is."""
    found = False
    for item in _all(context).values():
        if isinstance(item, dict) and item.get("message_id") == message_id:
            item["text"] = text
            found = True
    return found
