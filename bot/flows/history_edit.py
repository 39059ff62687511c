"""Fixing one entry from /history: change a text field, or remove it (after a yes).

"✏️ Fix or remove…" under a page lists its entries; one of them shows what can change.
Removing takes its group posts down (bot/flows/circles/unpublish.py) and, for a rejection,
its plans with it; /stats counts only what is left. Editing a shared entry edits its group
posts to the new text (their 👏 stay), and the digests that list it are drawn again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.domain import circles as circle_rules
from bot.domain.answers import Word
from bot.domain.text import shorten
from bot.flows.circles import unpublish
from bot.flows.circles.cheers import cheer_markup
from bot.flows.circles.posting import pacer
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    Handler,
    answer,
    keyboard,
    menu_keyboard,
    read_text,
    reply,
    typed,
    zone_today,
)
from bot.storage import circles as circle_store
from bot.storage import entries, users
from bot.storage.circles import Share
from bot.storage.entries import HistoryItem
from bot.ui import circles as circle_text
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.history import entry_line

log = logging.getLogger(__name__)

Kind = Literal["rejection", "plan", "win", "note"]
Field = Literal["where", "what", "if", "then", "text"]
LABEL_SHOWN = 40
PICK_MOST = 10  # entries in one list of buttons
LIMITS = {"where": SHORT_LIMIT, "what": SHORT_LIMIT, "if": 300, "then": 300, "text": ENTRY_LIMIT}


@dataclass(frozen=True)
class FixPick(CallbackData, prefix="hx:pick"):
    """✏️ Fix or remove…: the ``limit`` entries of /history from ``offset``, a button each."""

    offset: int
    limit: int


@dataclass(frozen=True)
class EntryTap(CallbackData, prefix="hx:e"):
    """One entry's screen (``show``), "🗑 Remove" (``remove``), then ``yes`` or ``keep``."""

    kind: Kind
    entry_id: int
    action: Literal["show", "remove", "yes", "keep"]


@dataclass(frozen=True)
class EditField(CallbackData, prefix="hx:ed"):
    """✏️ <field>: asks for the new text (the entry_edit conversation)."""

    kind: Kind
    entry_id: int
    field: Field


def _fields(item: HistoryItem) -> list[tuple[str, Field]]:
    if item.rejection is not None:
        found: list[tuple[str, Field]] = [(texts.BUTTON_EDIT_WHERE, "where")]
        if item.rejection.kind == "other":
            found.append((texts.BUTTON_EDIT_WHAT, "what"))
        return found
    if item.plan is not None:
        return [(texts.BUTTON_EDIT_IF, "if"), (texts.BUTTON_EDIT_THEN, "then")]
    return [(texts.BUTTON_EDIT_TEXT, "text")]


def _id(item: HistoryItem) -> int:
    found = item.rejection or item.plan or item.win or item.note
    assert found is not None
    return found.id


def _kind(item: HistoryItem) -> Kind:
    kinds: dict[str, Kind] = {"rejection": "rejection", "plan": "plan", "win": "win"}
    return kinds.get(item.kind, "note")


def _current(item: HistoryItem, field: Field) -> str:
    if item.rejection is not None:
        return (item.rejection.where_text if field == "where" else item.rejection.other_text) or ""
    if item.plan is not None:
        return item.plan.if_do if field == "if" else item.plan.then_happens
    if item.win is not None:
        return item.win.text
    assert item.note is not None
    return item.note.text


async def _line(context: Context, user_id: int, item: HistoryItem) -> str:
    zone, _ = await zone_today(context, user_id)
    return entry_line(item, zone)


async def _shares(context: Context, user_id: int, item: HistoryItem) -> list[Share]:
    """The entry's shares in groups (a rejection's: those of its plans)."""
    wins = [item.win.id] if item.win is not None else []
    plans = [item.plan.id] if item.plan is not None else [p.id for p in item.plans]
    found = await circle_store.shares_of_items(
        context.services.db, user_id, win_ids=wins, plan_ids=plans
    )
    return [share for share, _ in found]


async def _edit_in_place(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except BadRequest:
            pass
    await reply(update, text, markup)


# --- the list and one entry's screen ---------------------------------------------------
def _label(item: HistoryItem) -> str:
    if item.rejection is not None:
        r = item.rejection
        words = r.where_text or r.other_text or texts.REJECTION_KIND_LABEL.get(r.kind, r.kind)
        return f"😞 {shorten(words, LABEL_SHOWN)}"
    if item.plan is not None:
        return f"🔁 {shorten(item.plan.if_do, LABEL_SHOWN)}"
    if item.win is not None:
        return f"🏆 {shorten(item.win.text, LABEL_SHOWN)}"
    assert item.note is not None
    return f"📝 {shorten(item.note.text, LABEL_SHOWN)}"


async def pick(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = FixPick.parse(query.data)
    assert tap is not None  # routed by FixPick.pattern()
    offset, limit = max(0, tap.offset), max(1, min(tap.limit, PICK_MOST))
    items = await entries.history_page(context.services.db, query.from_user.id, offset, limit)
    await answer(update)
    if not items:
        await reply(update, texts.HISTORY_EMPTY, menu_keyboard())
        return
    rows = [[(_label(i), EntryTap(_kind(i), _id(i), "show").pack())] for i in items]
    await reply(update, texts.HISTORY_FIX_PICK, keyboard(rows))


def _show(plan_id: int) -> str:
    return EntryTap("plan", plan_id, "show").pack()


async def entry_tapped(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = EntryTap.parse(query.data)
    assert tap is not None  # routed by EntryTap.pattern()
    user_id = query.from_user.id
    item = await entries.get_item(context.services.db, user_id, tap.kind, tap.entry_id)
    if item is None:
        await answer(update, texts.ENTRY_GONE)
        return
    await answer(update)
    line = await _line(context, user_id, item)
    if tap.action == "keep":
        await _edit_in_place(update, texts.ENTRY_KEPT, menu_keyboard())
    elif tap.action == "show":
        rows = [
            [
                (label, EditField(tap.kind, tap.entry_id, field).pack())
                for label, field in _fields(item)
            ],
            # A rejection's plans: each one's own screen (its if/then, or remove it alone).
            *[
                [(_label(HistoryItem("plan", p.created_at, plan=p)), _show(p.id))]
                for p in item.plans
            ],
            [(texts.BUTTON_REMOVE, EntryTap(tap.kind, tap.entry_id, "remove").pack())],
        ]
        await _edit_in_place(update, texts.HISTORY_FIX_ENTRY.format(entry=line), keyboard(rows))
    elif tap.action == "remove":
        text = texts.ENTRY_REMOVE_CONFIRM.format(entry=line)
        if item.plans:
            text += "\n\n" + texts.entry_remove_plans(len(item.plans))
        shares = await _shares(context, user_id, item)
        if shares:
            text += "\n\n" + texts.entry_remove_shared(len({s.circle_id for s in shares}))
        rows = [
            [(texts.BUTTON_REMOVE_YES, EntryTap(tap.kind, tap.entry_id, "yes").pack())],
            [(texts.BUTTON_REMOVE_NO, EntryTap(tap.kind, tap.entry_id, "keep").pack())],
        ]
        await _edit_in_place(update, text, keyboard(rows))
    else:
        await _remove(update, context, user_id, item)


async def _remove(update: Update, context: Context, user_id: int, item: HistoryItem) -> None:
    s = context.services
    shares = await _shares(context, user_id, item)
    published = [await unpublish.of_share(s.db, share) for share in shares]
    if not await entries.remove_item(s.db, user_id, _kind(item), _id(item)):
        await _edit_in_place(update, texts.ENTRY_GONE, menu_keyboard())
        return
    outcome = await unpublish.unpublish(
        context.application,
        unpublish.Published(
            tuple(p for found in published for p in found.posts),
            tuple(sorted({d for found in published for d in found.digests})),
        ),
    )
    log.info(
        "entry removed user_id=%s kind=%s entry_id=%s shares=%d kept=%d",
        user_id,
        item.kind,
        _id(item),
        len(shares),
        outcome.kept,
    )
    text = texts.ENTRY_REMOVED
    if outcome.kept:
        text += "\n\n" + texts.posts_not_removed(outcome.kept)
    await _edit_in_place(update, text, menu_keyboard())


# --- editing a field: the entry_edit conversation ----------------------------------------
TEXT = "text"


async def _ask(update: Update, context: Context) -> None:
    draft = flow.draft(context)
    current = str(draft.get("current") or "")
    text = (
        texts.ENTRY_ASK_EDIT.format(current=texts.esc(shorten(current, 500)))
        if current
        else texts.ENTRY_ASK_EDIT_EMPTY
    )
    await reply(update, text, keyboard([[flow.cancel_button(context)]]))


flow = Flow(
    name="entry_edit",
    prefix="he",
    command="history",
    prompts={TEXT: _ask},
    drop_on_cancel=True,
)


async def begin(update: Update, context: Context) -> str | int:
    query = update.callback_query
    assert query is not None
    tap = EditField.parse(query.data)
    assert tap is not None  # routed by EditField.pattern()
    item = await entries.get_item(context.services.db, query.from_user.id, tap.kind, tap.entry_id)
    if item is None or (tap.kind, tap.field) not in entries.EDITABLE:
        await answer(update, texts.ENTRY_GONE)
        return END
    await answer(update)
    flow.fresh_draft(
        context,
        kind=tap.kind,
        entry_id=tap.entry_id,
        field=tap.field,
        current=_current(item, tap.field),
    )
    return await flow.go(TEXT, update, context)


async def text_typed(update: Update, context: Context) -> int | None:
    draft = flow.draft(context)
    field = str(draft.get("field"))
    text = await read_text(update, LIMITS.get(field, SHORT_LIMIT))
    if text is None:
        return None
    s = context.services
    user = update.effective_user
    assert user is not None
    kind, entry_id = str(draft.get("kind")), int(draft.get("entry_id") or 0)
    flow.drop_draft(context)
    if not await entries.edit_text(s.db, user.id, kind, entry_id, field, text):
        await reply(update, texts.ENTRY_GONE, menu_keyboard())
        return END
    item = await entries.get_item(s.db, user.id, kind, entry_id)
    assert item is not None
    updated, kept = await _republish(context, user.id, item)
    log.info(
        "entry edited user_id=%s kind=%s entry_id=%s field=%s posts=%d kept=%d",
        user.id,
        kind,
        entry_id,
        field,
        updated,
        kept,
    )
    parts = [texts.ENTRY_EDITED.format(entry=await _line(context, user.id, item))]
    if updated:
        parts.append(texts.entry_posts_updated(updated))
    if kept:
        parts.append(texts.entry_posts_not_updated(kept))
    await reply(update, "\n\n".join(parts), menu_keyboard())
    return END


async def _republish(context: Context, user_id: int, item: HistoryItem) -> tuple[int, int]:
    """Each group post of the entry says its new text (its 👏 button kept); the digests
    that list it are drawn again. (How many posts were changed, how many could not be.)"""
    s = context.services
    app = context.application
    user = await users.get(s.db, user_id)
    author = user.first_name if user and user.first_name else "A member"
    updated = kept = 0
    digests: set[int] = set()
    for share in await _shares(context, user_id, item):
        if item.rejection is not None and not share.with_details:
            continue  # a plan shared without the rejection's details doesn't show them
        digests.update(await circle_store.digests_listing(s.db, [share.id]))
        post = await _post_text(context, user_id, author, share)
        if post is None or share.chat_id is None or share.message_id is None:
            continue
        try:
            async with pacer(app).slot(share.chat_id):
                await app.bot.edit_message_text(
                    post,
                    chat_id=share.chat_id,
                    message_id=share.message_id,
                    reply_markup=cheer_markup(share.id, share.cheers_shown),
                )
            updated += 1
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                updated += 1
            else:
                kept += 1
                log.info("post not edited share_id=%s: %s", share.id, exc.message)
        except TelegramError as exc:
            kept += 1
            log.info("post not edited share_id=%s: %s", share.id, type(exc).__name__)
    if digests:
        await unpublish.unpublish(app, unpublish.Published(digests=tuple(sorted(digests))))
    return updated, kept


async def _post_text(context: Context, user_id: int, author: str, share: Share) -> str | None:
    """The share's group post drawn again from the entry as it is now."""
    db = context.services.db
    if share.win_id is not None:
        win = await entries.get_win(db, user_id, share.win_id)
        return None if win is None else circle_text.win_post(author, win.text)
    assert share.plan_id is not None
    found = await circle_store.own_plan(db, user_id, share.plan_id)
    if found is None:
        return None
    plan, rejection = found
    facts = None
    if rejection is not None:
        kind = texts.REJECTION_KIND_LABEL.get(rejection.kind, rejection.kind)
        if rejection.kind == "other" and rejection.other_text:
            kind = rejection.other_text
        facts = circle_rules.RejectionFacts(kind_label=kind, where=rejection.where_text)
    return circle_text.reframe_post(
        author, plan.if_do, plan.then_happens, facts, include_details=share.with_details
    )


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[CallbackQueryHandler(begin, pattern=EditField.pattern())],
        states={
            TEXT: [
                MessageHandler(typed(Word.SKIP), flow.cant_skip),
                MessageHandler(PRIVATE & TEXT_INPUT, text_typed),
            ]
        },
    )


def handlers() -> list[Handler]:
    return [
        CallbackQueryHandler(pick, pattern=FixPick.pattern()),
        CallbackQueryHandler(entry_tapped, pattern=EntryTap.pattern()),
    ]
