"""A flow meets the rest of life: nothing typed is ever lost.

- :func:`put_aside_if_idle` (``Group.IDLE``, before care): a flow left
  FLOW_IDLE_MINUTES without a word or a tap is put aside, its draft kept as /cancel keeps
  it, when the person's next update arrives — no timer job. The time of their last update
  is stored in their user_data, which is saved with the conversation states after every
  update (bot/ops/inbox.py). That next update then starts fresh: a command runs, text is
  read for what it is (bot/flows/free_text.py). A tap on the flow's own current buttons
  (or on care's) is the person carrying on, however late.
- :func:`edited` (``Group.BETWEEN_FLOWS``): an edited message updates the answer it gave
  in the current flow's draft (or the text kept from a message outside a flow); it is
  never read again as a new message.
- :func:`leave_for` (``Group.BETWEEN_FLOWS``): a command (one the bot knows, except
  /cancel and /help, which the flow answers itself) or a button that starts something
  (the menu, "Reframe it now", "Continue"…) leaves the flow as /cancel would — draft kept
  — and then runs in ``Group.MAIN`` exactly as outside a flow: ``/win <text>`` mid-flow is
  logged. (A distress message never gets here: care stops it first, and the flow waits.)
- :func:`offer_pick_up` (``Group.AFTER_FLOWS``): once the update was handled, a flow put
  aside is offered once — "Continue where you left off?" — unless another flow started.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.flows import conversations, kept
from bot.flows.applications.codecs import LogNew
from bot.flows.care import CareTap
from bot.flows.common import (
    FLOWS,
    PRIVATE,
    Context,
    Flow,
    Handler,
    PickUp,
    asked_by,
    keyboard,
    message_text,
    note_question,
    reply,
    user_data,
)
from bot.flows.feedback import RoundTap
from bot.flows.kept import FreeTap
from bot.flows.plans import NextStep
from bot.flows.settings import Panel
from bot.services import App
from bot.ui import texts
from bot.ui.callbacks import Menu, PickFocus, ReframeRejection

log = logging.getLogger(__name__)

ACTIVE_AT = "active_at"  # user_data: when the person's last update came (ISO, UTC)
PUT_ASIDE = "put_aside"  # user_data: the flow put aside, to offer once
STAYS = frozenset({"cancel", "help"})  # answered by the flow itself


def _private(update: Update) -> tuple[int, int] | None:
    """(chat id, user id) of a private update from a person."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE or user.is_bot:
        return None
    return chat.id, user.id


def _current(context: Context, chat_id: int, user_id: int) -> Flow | None:
    name = conversations.active(context.application, chat_id, user_id)
    return FLOWS.get(name) if name else None


def _leave(context: Context, flow: Flow, chat_id: int, user_id: int) -> None:
    conversations.end(context.application, user_id, chat_id=chat_id, name=flow.name)
    if flow.put_aside(context):
        user_data(context)[PUT_ASIDE] = flow.name


# --- idle ----------------------------------------------------------------------------------
def _carries_on(update: Update, context: Context, flow: Flow) -> bool:
    """A tap on the flow's buttons of this run, or on care's: the person is still here."""
    query = update.callback_query
    if query is None or not query.data:
        return False
    nonce = flow.draft(context).get("nonce")
    return query.data.startswith(f"{flow.prefix}:{nonce}:") or CareTap.parse(query.data) is not None


async def put_aside_if_idle(update: Update, context: Context) -> None:
    """Every private update, first: note its time; a flow idle too long is put aside."""
    ids = _private(update)
    if ids is None or update.my_chat_member is not None or context.user_data is None:
        return
    now = context.services.clock.now()
    last = context.user_data.get(ACTIVE_AT)
    context.user_data[ACTIVE_AT] = now.isoformat()
    flow = _current(context, *ids)
    if flow is None or not flow.expires or not isinstance(last, str):
        return
    idle = timedelta(minutes=context.services.settings.flow_idle_minutes)
    try:
        if now - datetime.fromisoformat(last) < idle:
            return
    except ValueError:
        return
    if _carries_on(update, context, flow):
        return
    _leave(context, flow, *ids)
    log.info("flow put aside, idle user_id=%s flow=%s", ids[1], flow.name)


# --- edits ---------------------------------------------------------------------------------
async def edited(update: Update, context: Context) -> None:
    """An edited message: the answer it gave is updated; never read as a new message."""
    ids = _private(update)
    message = update.edited_message
    if ids is not None and message is not None:
        flow = _current(context, *ids)
        if flow is not None:
            await flow.edit_answer(update, context)
        else:
            text = (message_text(update) or "").strip()
            if text and kept.edit(context, message.message_id, text):
                await reply(update, texts.ANSWER_UPDATED.format(text=texts.esc(text)))
    raise ApplicationHandlerStop


# --- a command, or a button that starts something ------------------------------------------
async def leave_for(update: Update, context: Context) -> None:
    """Leave the flow the person is in (draft kept); the update then runs as usual."""
    ids = _private(update)
    if ids is None:
        return
    flow = _current(context, *ids)
    if flow is None:
        return
    _leave(context, flow, *ids)
    log.info("flow left for another action user_id=%s flow=%s", ids[1], flow.name)


def known_commands(app: App) -> frozenset[str]:
    """Every command a handler takes (conversations' included), but /cancel and /help."""

    def walk(handlers: Iterable[object]) -> Iterable[str]:
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                yield from handler.commands
            elif isinstance(handler, ConversationHandler):
                yield from walk(handler.entry_points)
                yield from walk(h for hs in handler.states.values() for h in hs)

    return frozenset(walk(h for group in app.handlers.values() for h in group)) - STAYS


def _starters() -> list[str]:
    """Buttons that start something: they leave the current flow like a command."""
    patterns = [
        codec.pattern()
        for codec in (Menu, PickUp, ReframeRejection, PickFocus, FreeTap, Panel, NextStep, LogNew)
    ]
    return [*patterns, RoundTap.pattern(action="new")]


# --- afterwards ----------------------------------------------------------------------------
async def offer_pick_up(update: Update, context: Context) -> None:
    """After the update was handled: the flow put aside, offered once. (Outside a flow the
    time of the last update is not needed: it is not kept.)"""
    ids = _private(update)
    if ids is None or context.user_data is None:
        return
    if _current(context, *ids) is not None:
        context.user_data.pop(PUT_ASIDE, None)  # another flow started: not now
        return
    context.user_data.pop(ACTIVE_AT, None)
    name = context.user_data.pop(PUT_ASIDE, None)
    flow = FLOWS.get(name) if isinstance(name, str) else None
    if flow is None or not flow.has_draft(context):
        return
    text = texts.RESUME_DRAFT.format(flow=flow.label)
    await reply(update, text, keyboard([[flow.pick_up_button(context)]]))
    if not asked_by(context.user_data, update.update_id):  # else "yes" answers that question
        now = context.services.clock.now()
        note_question(context.user_data, "pick_up", now, flow=flow.name)


def idle_handler() -> Handler:
    return TypeHandler(Update, put_aside_if_idle)


def between_handlers(commands: Iterable[str]) -> list[Handler]:
    """Edits first (they stop here), then what leaves a flow (it never stops)."""
    return [
        MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, edited),
        CommandHandler(sorted(commands), leave_for, PRIVATE),
        *(CallbackQueryHandler(leave_for, pattern=pattern) for pattern in _starters()),
    ]


def after_handler() -> Handler:
    return TypeHandler(Update, offer_pick_up)
