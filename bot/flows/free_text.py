"""A message outside any flow is read for what it is: never "I didn't
catch that" alone, and nothing typed is lost.

Distress never gets here: bot/flows/care.py answers it first and holds the message. If the
person then chooses "Save it anyway", it comes back here and is kept as a note, plainly.
Otherwise, in this order:

1. An answer to a question asked outside a flow, while it is open, the latest first
   (:func:`bot.flows.common.note_question`): the weekly check-in's invitation — "yes"
   starts it, "not now" leaves it, and any other text that is not about a rejection or a
   win (nor a question) starts it with that text as the first answer (for
   CHECKIN_GRACE_HOURS); a plan's "Did you do it?" — "done", "not yet" (as long); "Log
   this as …?" — "yes", "no" (for FLOW_IDLE_MINUTES). One of our button words with
   nothing open to answer ("ok", "cancel") gets the menu: there is nothing to keep.
2. :func:`bot.domain.intent.read_free_text`, a forwarded message the same way: about a
   rejection → "Log this as a rejection?" (what was written becomes its note); about a win →
   "Log this as a win?"; anything else → the menu and "Save this as a note".

The words wait in the person's user_data (:mod:`bot.flows.kept`) until they choose. A voice
note, a photo without a caption or a file gets one line in bot/flows/basic.py.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler

from bot.domain.answers import Word, parse_word
from bot.domain.intent import Reading, read_free_text
from bot.flows import checkin, conversations, kept, plans, reframe, rejection, win
from bot.flows.care import was_saved_anyway
from bot.flows.common import (
    ENTRY_LIMIT,
    FLOWS,
    PRIVATE,
    TEXT_INPUT,
    Context,
    Handler,
    answer,
    forget_question,
    keyboard,
    menu_keyboard,
    menu_rows,
    message_text,
    note_question,
    open_questions,
    reply,
    settle_button,
    user_data,
)
from bot.flows.kept import Action, FreeTap, Kept
from bot.storage import entries
from bot.ui import texts

log = logging.getLogger(__name__)

NOTE_LIMIT = 4096  # a whole message


# --- saving what was chosen -----------------------------------------------------------------
async def _save_note(update: Update, context: Context, text: str) -> None:
    s = context.services
    user = update.effective_user
    assert user is not None
    note = await entries.add_note(
        s.db, user_id=user.id, text=text, now=s.clock.now(), update_id=update.update_id
    )
    log.info("note saved user_id=%s note_id=%s", user.id, note.id)
    await reply(update, texts.NOTE_SAVED, menu_keyboard())


async def _choose(update: Update, context: Context, item: Kept, action: Action) -> None:
    """What the person chose for kept words (a rejection starts the rejection log)."""
    forget_question(user_data(context), "offer")
    kept.drop(context, item.key)  # kept as what was chosen, or not at all
    if action == "win":
        await win.save_text(update, context, item.text)
    elif action == "note":
        await _save_note(update, context, item.text)
    else:
        await reply(update, texts.MENU, menu_keyboard())


async def tapped(update: Update, context: Context) -> None:
    """Log it as a win, save it as a note, or no thanks. ("Log the rejection" is an entry
    point of /rejection.)"""
    query = update.callback_query
    tap = FreeTap.parse(query.data if query else None)
    item = kept.get(context, tap.key) if tap else None
    if tap is None or item is None:
        await answer(update, texts.KEPT_GONE)
        return
    await answer(update)
    await settle_button(update, _label(tap.action))
    await _choose(update, context, item, tap.action)


def _label(action: Action) -> str:
    labels = {
        "rejection": texts.BUTTON_LOG_REJECTION,
        "win": texts.BUTTON_LOG_WIN,
        "note": texts.BUTTON_SAVE_NOTE,
        "no": texts.BUTTON_NO_THANKS,
    }
    return labels[action]


# --- offers ---------------------------------------------------------------------------------
async def _offer(
    update: Update, context: Context, text: str, reading: Reading, kind: str | None
) -> None:
    message = update.effective_message
    item = kept.keep(context, text, kind, message.message_id if message else None)
    s = context.services
    note_question(
        user_data(context),
        "offer",
        s.clock.now(),
        key=item.key,
        reading=reading,
        update_id=update.update_id,
    )

    def button(action: Action) -> tuple[str, str]:
        return (_label(action), FreeTap(action, item.key).pack())

    if reading is Reading.REJECTION:
        rows = [[button("rejection")], [button("note"), button("no")]]
        await reply(update, texts.FREE_REJECTION, keyboard(rows))
    elif reading is Reading.WIN:
        rows = [[button("win")], [button("note"), button("no")]]
        await reply(update, texts.FREE_WIN, keyboard(rows))
    else:
        await reply(update, texts.FREE_OTHER, keyboard([[button("note")], *menu_rows()]))
    user = update.effective_user
    log.info("free text read user_id=%s reading=%s", user.id if user else None, reading)


# --- typed answers to a question asked outside a flow --------------------------------------
# Each takes (update, context, the question, the text, how the text reads) and returns True
# when the text answered the question (and was handled as that answer).
Answer = Callable[[Update, Context, dict[str, Any], str, Reading], Awaitable[bool]]


def _enter(update: Update, context: Context, name: str, state: str) -> None:
    """Into conversation ``name`` at ``state``, as if a tap had started it."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    conversations.enter(context.application, chat.id, user.id, name, state)


async def _offer_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "Log this as …?": yes or no."""
    word = parse_word(text)
    item = kept.get(context, str(asked.get("key")))
    if item is None or word not in (Word.YES, Word.NO):
        return False
    if word is Word.NO:
        await _choose(update, context, item, "no")
    elif asked.get("reading") == Reading.REJECTION:
        forget_question(user_data(context), "offer")
        state = await rejection.start_from_text(update, context, item)
        _enter(update, context, rejection.flow.name, state)
    else:
        await _choose(update, context, item, "win" if asked.get("reading") == "win" else "note")
    return True


async def _follow_up_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "Did you do it?": done / yes, not yet / no."""
    word = parse_word(text)
    plan_id = int(asked.get("plan_id") or 0)
    return word is not None and await plans.answer_typed(update, context, plan_id, word)


async def _outcome_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "Did it happen?" after Done: yes, not yet, no."""
    word = parse_word(text)
    plan_id = int(asked.get("plan_id") or 0)
    return word is not None and await plans.outcome_typed(update, context, plan_id, word)


async def _new_day_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "When will you do it?" after "Not yet": tomorrow, or a weekday."""
    return await plans.new_day_typed(update, context, int(asked.get("plan_id") or 0), text)


async def _reframe_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "Want to turn this into a small next step?" under a saved rejection."""
    word = parse_word(text)
    if word in (Word.NO, Word.NOT_YET, Word.SKIP):
        forget_question(user_data(context), "reframe")
        await reply(update, texts.MENU, menu_keyboard())
        return True
    if word not in (Word.YES, Word.CONTINUE):
        return False
    forget_question(user_data(context), "reframe")
    rejection_id = int(asked.get("rejection_id") or 0)
    state = await reframe.start_for_rejection(update, context, rejection_id)
    if state is None:
        return False
    _enter(update, context, reframe.flow.name, state)
    return True


async def _pick_up_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """ "Continue where you left off?" (offered once after a flow was put aside)."""
    word = parse_word(text)
    flow = FLOWS.get(str(asked.get("flow")))
    if word in (Word.NO, Word.NOT_YET, Word.SKIP):
        forget_question(user_data(context), "pick_up")
        await reply(update, texts.MENU, menu_keyboard())
        return True
    if word not in (Word.YES, Word.CONTINUE) or flow is None or not flow.has_draft(context):
        return False
    _enter(update, context, flow.name, await flow.back_to_step(update, context))
    return True


async def _checkin_answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """The weekly invitation: yes, not now, or words that are its first answer (not a
    rejection, a win or a question: those are read as usual, and it stays open)."""
    word = parse_word(text)
    if word in (Word.NO, Word.NOT_YET, Word.SKIP):
        forget_question(user_data(context), "checkin")
        await reply(update, texts.CHECKIN_NOT_NOW, menu_keyboard())
        return True
    if word in (Word.YES, Word.CONTINUE):
        state = await checkin.start_typed(update, context)
    elif reading is Reading.OTHER and len(text) <= ENTRY_LIMIT and not text.endswith("?"):
        state = await checkin.start_with_answer(update, context, text)
    else:
        return False
    _enter(update, context, checkin.flow.name, state)
    return True


ANSWERS: dict[str, Answer] = {
    "offer": _offer_answered,
    "follow_up": _follow_up_answered,
    "outcome": _outcome_answered,
    "new_day": _new_day_answered,
    "reframe": _reframe_answered,
    "pick_up": _pick_up_answered,
    "checkin": _checkin_answered,
}


# --- the message ----------------------------------------------------------------------------
async def read(update: Update, context: Context) -> None:
    """Text, or a caption, typed (or forwarded) outside any flow."""
    message = update.effective_message
    text = (message_text(update) or "").strip()
    if message is None or not text:
        return
    if len(text) > NOTE_LIMIT:  # a caption or text is never longer; be safe
        text = text[:NOTE_LIMIT]
    if was_saved_anyway(update, context):  # care fired; the person chose to keep it
        await _save_note(update, context, text)
        return
    found = read_free_text(text, forwarded=message.forward_origin is not None)
    if found.reading is Reading.DISTRESS:  # care answers it first; nothing to add here
        return
    s = context.services
    grace = timedelta(hours=s.settings.checkin_grace_hours)
    idle = timedelta(minutes=s.settings.flow_idle_minutes)
    within = {
        "offer": idle,  # "Log this as …?"
        "reframe": idle,  # "Want to turn this into a small next step?"
        "pick_up": idle,  # "Continue where you left off?"
        "follow_up": grace,  # "Did you do it?"
        "outcome": grace,  # "Did it happen?" after Done
        "new_day": grace,  # "When will you do it?" after "Not yet"
        "checkin": grace,  # the weekly invitation
    }
    for asked in open_questions(user_data(context), s.clock.now(), within):
        answered = ANSWERS[str(asked["what"])]
        if await answered(update, context, asked, text, found.reading):
            return
    word = parse_word(text)
    if word is not None:  # "cancel", "ok", "skip"… with nothing open: nothing to keep
        done = texts.NOTHING_TO_CANCEL if word is Word.CANCEL else texts.MENU
        await reply(update, done, menu_keyboard())
        return
    reading = found.reading
    if reading is Reading.WIN and len(text) > ENTRY_LIMIT:
        reading = Reading.OTHER  # too long for a win: a note keeps all of it
    await _offer(update, context, text, reading, found.kind)


def handlers() -> list[Handler]:
    """After every flow and command, before the catch-alls (Group.MAIN)."""
    return [
        CallbackQueryHandler(tapped, pattern=FreeTap.pattern()),
        MessageHandler(PRIVATE & TEXT_INPUT, read),
    ]
