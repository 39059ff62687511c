"""The stateless buttons of applications: ``ap:<what>:<application id>…``.

They work on a message of any age (the list, a card, a daily question), so every tap
re-checks that the application belongs to the person who pressed and can still move that
way. They are kept in one module because several screens send the same button (a move
from a card and from a question); each docstring names the handler.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.domain.applications import Stage
from bot.ui.callbacks import CallbackData

__all__ = [
    "Card",
    "EditApp",
    "FollowUp",
    "How",
    "Hurt",
    "ImportTap",
    "InterviewDay",
    "Keep",
    "LogNew",
    "Move",
    "Page",
    "Remove",
    "Review",
    "ShareProgress",
    "Undo",
]

Score = Literal[1, 2, 3, 4, 5]
SCORES: tuple[Score, ...] = typing.get_args(Score)
EditField = Literal["company", "role", "link", "day"]
EDIT_FIELDS: tuple[EditField, ...] = typing.get_args(EditField)
Answer = Literal["interview", "rejected", "nothing", "withdrew"]
ANSWERS: tuple[Answer, ...] = typing.get_args(Answer)
HowItWent = Literal["offer", "well", "unsure"]
HOWS: tuple[HowItWent, ...] = typing.get_args(HowItWent)


@dataclass(frozen=True)
class LogNew(CallbackData, prefix="ap:new"):
    """➕ Log one: the /applied questions (applied.begin)."""


@dataclass(frozen=True)
class Page(CallbackData, prefix="ap:page"):
    """A page of /applications, ``offset`` open applications in (board.page): in place of
    the tapped message, or (``new``, under another message) as a new one."""

    offset: int
    new: bool = False


@dataclass(frozen=True)
class Card(CallbackData, prefix="ap:card"):
    """One application: its card, the edit choices, or "remove?" (board.card)."""

    app_id: int
    view: Literal["show", "edit", "remove"] = "show"


@dataclass(frozen=True)
class EditApp(CallbackData, prefix="ap:edit"):
    """Change one field: starts the edit questions (editing.begin)."""

    app_id: int
    field: EditField


@dataclass(frozen=True)
class Remove(CallbackData, prefix="ap:rm"):
    """Yes, remove it (board.remove)."""

    app_id: int


@dataclass(frozen=True)
class Undo(CallbackData, prefix="ap:undo"):
    """↩ Undo right after /applied (board.undo)."""

    app_id: int


@dataclass(frozen=True)
class Move(CallbackData, prefix="ap:mv"):
    """Move an application on to ``to`` (moves.move_tapped)."""

    app_id: int
    to: Stage


@dataclass(frozen=True)
class Hurt(CallbackData, prefix="ap:hurt"):
    """How hard a "no" landed: the application closes and a rejection is logged
    (moves.hurt_tapped)."""

    app_id: int
    to: Literal["rejected", "no_response"]
    score: Score


@dataclass(frozen=True)
class InterviewDay(CallbackData, prefix="ap:iv"):
    """The day of an interview, or None: not known yet (moves.interview_day)."""

    app_id: int
    day: date | None = None


@dataclass(frozen=True)
class Keep(CallbackData, prefix="ap:keep"):
    """Keep it open, after the last question about a silence (moves.keep_tapped)."""

    app_id: int


@dataclass(frozen=True)
class FollowUp(CallbackData, prefix="ap:fu"):
    """An answer to "Heard back?" (follow_ups.answered)."""

    app_id: int
    answer: Answer


@dataclass(frozen=True)
class How(CallbackData, prefix="ap:how"):
    """An answer to "How did your interview go?" (follow_ups.how_tapped)."""

    app_id: int
    how: HowItWent


@dataclass(frozen=True)
class Review(CallbackData, prefix="ap:review"):
    """Go through a daily list one question at a time (follow_ups.review)."""


@dataclass(frozen=True)
class ImportTap(CallbackData, prefix="ap:imp"):
    """Import the previewed CSV, cancel it, or undo the import (importing.tapped)."""

    import_id: int
    action: Literal["yes", "no", "undo"]


@dataclass(frozen=True)
class ShareProgress(CallbackData, prefix="ap:share"):
    """This week's count: the share screen (no circle), or shared in ``circle_id``
    (progress.tapped)."""

    circle_id: int | None = None
