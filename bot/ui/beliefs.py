"""A person's beliefs as /history shows them: the current one since its date, and the ones
before it with the dates they held. Everything here escapes what users typed."""

from __future__ import annotations

from bot.domain.due import local_now
from bot.domain.text import shorten
from bot.storage.beliefs import Belief
from bot.ui import texts
from bot.ui.dates import format_short_date

__all__ = ["EARLIER_SHOWN", "SHOWN", "history_block"]

SHOWN = 100  # characters of each belief shown (/export has every word)
EARLIER_SHOWN = 3  # earlier beliefs listed, the most recent first


def history_block(current: Belief | None, earlier: list[Belief], zone: str) -> str:
    """The lines for /history's first page ("" before a belief was chosen), dated in
    ``zone``; at most :data:`EARLIER_SHOWN` earlier ones."""
    if current is None:
        return ""
    lines = [
        texts.HISTORY_BELIEF.format(
            belief=texts.esc(shorten(current.text, SHOWN)),
            since=format_short_date(local_now(current.chosen_at, zone).date()),
        )
    ]
    for belief in earlier[:EARLIER_SHOWN]:
        assert belief.replaced_at is not None
        lines.append(
            texts.HISTORY_BELIEF_BEFORE.format(
                belief=texts.esc(shorten(belief.text, SHOWN)),
                start=format_short_date(local_now(belief.chosen_at, zone).date()),
                end=format_short_date(local_now(belief.replaced_at, zone).date()),
            )
        )
    return "\n".join(lines)
