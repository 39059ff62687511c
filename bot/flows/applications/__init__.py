"""Applications: the bot notices the silence for you.

- ``applied``: /applied — in one line, or a few questions (kind, company, role, link, day).
- ``board``: /applications — the open ones, a page at a time; a card each to move it on,
  edit or remove it; Undo after /applied.
- ``editing``: the short conversation that changes one field.
- ``moves``: heard back, interview (with its day), offer, rejected / no response (a
  rejection logged, the reframe offered), withdrew.
- ``follow_ups``: the due work — at most one message a day, never in quiet hours — and
  the answers to its questions.
- ``importing``: a CSV file sent as a document, previewed, imported all or nothing, Undo.
- ``progress``: the funnel for /stats and the check-in, and this week's count shared in a
  circle.

The rules live in :mod:`bot.domain.applications`, the rows in
:mod:`bot.storage.applications`, the rendering in :mod:`bot.ui.applications`.
bot/flows/__init__.py registers :func:`conversations` and :func:`handlers` and runs
:func:`send_due` as due work.
"""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler
from telegram.ext import filters as tg_filters

from bot.flows.applications import applied, board, editing, follow_ups, importing, moves, progress
from bot.flows.applications.codecs import (
    Card,
    FollowUp,
    How,
    Hurt,
    ImportTap,
    InterviewDay,
    Keep,
    Move,
    Page,
    Remove,
    Review,
    ShareProgress,
    Undo,
)
from bot.flows.applications.follow_ups import send_due
from bot.flows.applications.progress import has_funnel, send_funnel, week_line
from bot.flows.common import PRIVATE, Context, Handler

__all__ = ["conversations", "handlers", "has_funnel", "send_due", "send_funnel", "week_line"]


def conversations() -> list[ConversationHandler[Context]]:
    """/applied and the edit questions (Group.MAIN, with the other conversations)."""
    return [applied.conversation(), editing.conversation()]


def handlers() -> list[Handler]:
    """The command, the stateless buttons and CSV documents (Group.MAIN, after the
    conversations, before the catch-alls)."""
    return [
        CommandHandler("applications", board.list_command, PRIVATE),
        CallbackQueryHandler(board.page, pattern=Page.pattern()),
        CallbackQueryHandler(board.card, pattern=Card.pattern()),
        CallbackQueryHandler(board.remove, pattern=Remove.pattern()),
        CallbackQueryHandler(board.undo, pattern=Undo.pattern()),
        CallbackQueryHandler(moves.move_tapped, pattern=Move.pattern()),
        CallbackQueryHandler(moves.hurt_tapped, pattern=Hurt.pattern()),
        CallbackQueryHandler(moves.interview_day, pattern=InterviewDay.pattern()),
        CallbackQueryHandler(moves.keep_tapped, pattern=Keep.pattern()),
        CallbackQueryHandler(follow_ups.answered, pattern=FollowUp.pattern()),
        CallbackQueryHandler(follow_ups.how_tapped, pattern=How.pattern()),
        CallbackQueryHandler(follow_ups.review, pattern=Review.pattern()),
        CallbackQueryHandler(importing.tapped, pattern=ImportTap.pattern()),
        CallbackQueryHandler(progress.tapped, pattern=ShareProgress.pattern()),
        MessageHandler(PRIVATE & tg_filters.Document.ALL, importing.document),
    ]
