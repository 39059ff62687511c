"""Entries as /history shows them: one line (or a few, for a rejection and its plans) each.
Everything here escapes what users typed."""

from __future__ import annotations

from bot.domain.due import local_now
from bot.domain.text import shorten
from bot.storage.entries import HistoryItem
from bot.ui import texts
from bot.ui.dates import format_short_date

__all__ = ["PLANS_SHOWN", "SHOWN", "entry_line"]

SHOWN = 80  # characters of each typed text shown in the list (/export has everything)
PLANS_SHOWN = 2


def _short(text: str) -> str:
    return texts.esc(shorten(text, SHOWN))


def _plan_sentence(if_do: str, then_happens: str) -> str:
    return texts.esc(texts.plan_sentence(shorten(if_do, SHOWN), shorten(then_happens, SHOWN)))


def entry_line(item: HistoryItem, zone: str) -> str:
    """The entry, dated in ``zone``."""
    day = format_short_date(local_now(item.created_at, zone))
    if item.rejection is not None:
        r = item.rejection
        kind = texts.REJECTION_KIND_LABEL.get(r.kind, r.kind)
        if r.kind == "other" and r.other_text:
            kind = _short(r.other_text)
        template = texts.HISTORY_REJECTION_AT if r.where_text else texts.HISTORY_REJECTION
        after = f" → {r.hurt_after}/5" if r.hurt_after is not None else ""
        lines = [
            template.format(
                date=day, kind=kind, where=_short(r.where_text or ""), hurt=r.hurt, after=after
            )
        ]
        lines += [
            texts.HISTORY_REJECTION_PLAN.format(
                sentence=_plan_sentence(p.if_do, p.then_happens),
                status=texts.PLAN_STATUS[p.status],
            )
            for p in item.plans[:PLANS_SHOWN]
        ]
        if len(item.plans) > PLANS_SHOWN:
            lines.append(texts.history_more_plans(len(item.plans) - PLANS_SHOWN))
        return "\n".join(lines)
    if item.plan is not None:
        p = item.plan
        return texts.HISTORY_PLAN.format(
            date=day,
            sentence=_plan_sentence(p.if_do, p.then_happens),
            status=texts.PLAN_STATUS[p.status],
        )
    if item.note is not None:
        return texts.HISTORY_NOTE.format(date=day, text=_short(item.note.text))
    assert item.win is not None
    return texts.HISTORY_WIN.format(date=day, text=_short(item.win.text))
