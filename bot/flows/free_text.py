"""A message outside any flow is read for what it is (issue 13, item 2): never "I didn't
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


async def _start_rejection(update: Update, context: Context, item: Kept) -> None:
    """ "Yes" typed to "Log this as a rejection?": into the rejection log, as a tap would."""
    state = await rejection.start_from_text(update, context, item)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    conversations.enter(context.application, chat.id, user.id, rejection.flow.name, state)


async def _choose(update: Update, context: Context, item: Kept, action: Action) -> None:
    """What the person chose for kept words (rejection: see :func:`_start_rejection`)."""
    forget_question(user_data(context), "offer")
    if action == "win":
        kept.drop(context, item.key)
        await win.save_text(update, context, item.text)
    elif action == "note":
        kept.drop(context, item.key)
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
    note_question(user_data(context), "offer", s.clock.now(), key=item.key, reading=reading)

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
async def _answered(
    update: Update, context: Context, asked: dict[str, Any], text: str, reading: Reading
) -> bool:
    """True if ``text`` answered the open question (and was handled as that answer)."""
    what, word = asked.get("what"), parse_word(text)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    app = context.application
    if what == "offer":
        item = kept.get(context, str(asked.get("key")))
        if item is None or word not in (Word.YES, Word.NO):
            return False
        if word is Word.NO:
            await _choose(update, context, item, "no")
        elif asked.get("reading") == Reading.REJECTION:
            forget_question(user_data(context), "offer")
            await _start_rejection(update, context, item)
        else:
            action: Action = "win" if asked.get("reading") == Reading.WIN else "note"
            await _choose(update, context, item, action)
        return True
    if what == "follow_up" and word is not None:
        return await plans.answer_typed(update, context, int(asked.get("plan_id") or 0), word)
    if what == "new_day":
        return await plans.new_day_typed(update, context, int(asked.get("plan_id") or 0), text)
    if what in ("reframe", "pick_up") and word in (Word.NO, Word.NOT_YET):
        forget_question(user_data(context), str(what))
        await reply(update, texts.MENU, menu_keyboard())
        return True
    if what == "reframe" and word in (Word.YES, Word.CONTINUE):
        forget_question(user_data(context), "reframe")
        rejection_id = int(asked.get("rejection_id") or 0)
        started = await reframe.start_for_rejection(update, context, rejection_id)
        if started is None:
            return False
        conversations.enter(app, chat.id, user.id, reframe.flow.name, started)
        return True
    if what == "pick_up" and word in (Word.YES, Word.CONTINUE):
        flow = FLOWS.get(str(asked.get("flow")))
        if flow is None or not flow.has_draft(context):
            return False
        state = await flow.back_to_step(update, context)
        conversations.enter(app, chat.id, user.id, flow.name, state)
        return True
    if what == "checkin":
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
        conversations.enter(app, chat.id, user.id, checkin.flow.name, state)
        return True
    return False


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
        "new_day": grace,  # "When will you do it?" after "Not yet"
        "checkin": grace,  # the weekly invitation
    }
    for asked in open_questions(user_data(context), s.clock.now(), within):
        if await _answered(update, context, asked, text, found.reading):
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
