"""/applications: the open ones, newest first, a page at a time, with the days each has
waited; a card per application to move it on, edit or remove it; Undo after /applied."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.domain import applications as rules
from bot.domain.text import shorten
from bot.flows.applications import moves, progress
from bot.flows.applications.codecs import (
    EDIT_FIELDS,
    Card,
    EditApp,
    LogNew,
    Move,
    Page,
    Remove,
    ShareProgress,
    Undo,
)
from bot.flows.common import Context, answer, keyboard, reply, show_menu_button, zone_today
from bot.storage import applications as store
from bot.storage.applications import Application
from bot.ui import applications as view
from bot.ui import texts

log = logging.getLogger(__name__)

PAGE = 5
BUTTON_NAME = 24  # characters of a company on its button


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Replace the tapped message with ``text``; a new message if that can't be done."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        current = query.message
        if current.text_html == text and current.reply_markup == markup:
            return
        try:
            await current.edit_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            log.info("applications message not edited: %s", exc.message)
    await reply(update, text, markup)


# --- the list --------------------------------------------------------------------------
async def _page(context: Context, user_id: int, offset: int) -> tuple[str, InlineKeyboardMarkup]:
    s = context.services
    total = await store.count_open(s.db, user_id)
    if total == 0:
        rows = [[(texts.BUTTON_LOG_APPLICATION, LogNew().pack()), show_menu_button()]]
        return texts.APPS_NONE, keyboard(rows)
    offset = max(min(offset, (total - 1) // PAGE * PAGE), 0)
    zone, _today = await zone_today(context, user_id)
    now = s.clock.now()
    found = await store.open_page(s.db, user_id, offset, PAGE)
    lines = [texts.applications_header(total), ""]
    buttons = []
    for number, app in enumerate(found, start=offset + 1):
        lines.append(view.list_line(number, app, rules.days_since(app.news_at, now, zone)))
        label = f"{number}. {shorten(app.company, BUTTON_NAME)}"
        buttons.append((label, Card(app.id).pack()))
    lines += ["", texts.APPS_HINT]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if offset > 0:
        nav.append((texts.BUTTON_APP_PREVIOUS, Page(offset - PAGE).pack()))
    if offset + PAGE < total:
        nav.append((texts.BUTTON_APP_MORE, Page(offset + PAGE).pack()))
    if nav:
        rows.append(nav)
    rows.append([(texts.BUTTON_LOG_APPLICATION, LogNew().pack()), show_menu_button()])
    if await progress.can_share(context, user_id):
        rows.append([(texts.BUTTON_SHARE_PROGRESS, ShareProgress().pack())])
    return "\n".join(lines), keyboard(rows)


async def list_command(update: Update, context: Context) -> None:
    """/applications: the first page, as a new message."""
    tg_user = update.effective_user
    assert tg_user is not None
    await answer(update)
    text, markup = await _page(context, tg_user.id, 0)
    await reply(update, text, markup)


async def page(update: Update, context: Context) -> None:
    """‹ Newer / Older ›, and "My applications" under other messages."""
    query = update.callback_query
    assert query is not None
    tap = Page.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    await answer(update)
    text, markup = await _page(context, query.from_user.id, tap.offset)
    if tap.new:
        await reply(update, text, markup)  # under another message: that one stays
    else:
        await show(update, text, markup)


# --- one application ---------------------------------------------------------------------
async def card_screen(context: Context, app: Application) -> tuple[str, InlineKeyboardMarkup]:
    """The card: the application, a button per move it can make, edit, remove, back."""
    s = context.services
    zone, today = await zone_today(context, app.user_id)
    text = view.card(app, today, rules.days_since(app.news_at, s.clock.now(), zone))
    labels = texts.APP_MOVE_BUTTONS
    moves_ = [
        (
            texts.BUTTON_APP_NEXT_INTERVIEW
            if to == "interview" and app.stage == "interview"
            else labels[to],
            Move(app.id, to).pack(),
        )
        for to in rules.moves_from(app.stage)
    ]
    rows = [moves_[i : i + 3] for i in range(0, len(moves_), 3)]
    rows.append(
        [
            (texts.BUTTON_APP_EDIT, Card(app.id, "edit").pack()),
            (texts.BUTTON_APP_REMOVE, Card(app.id, "remove").pack()),
        ]
    )
    rows.append([(texts.BUTTON_APP_BACK, Page(0).pack())])
    return text, keyboard(rows)


async def card(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = Card.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    app = await store.get(context.services.db, query.from_user.id, tap.app_id)
    if app is None:
        await answer(update, texts.APP_GONE)
        return
    await answer(update)
    if tap.view == "show":
        await show(update, *await card_screen(context, app))
    elif tap.view == "edit":
        text, _ = await card_screen(context, app)
        fields = texts.APP_EDIT_FIELDS
        buttons = [(fields[f], EditApp(app.id, f).pack()) for f in EDIT_FIELDS]
        rows = [buttons[:2], buttons[2:], [(texts.BUTTON_APP_BACK, Card(app.id).pack())]]
        await show(update, f"{text}\n\n{texts.APP_EDIT_WHICH}", keyboard(rows))
    else:
        rows = [
            [(texts.BUTTON_APP_REMOVE_YES, Remove(app.id).pack())],
            [(texts.BUTTON_APP_REMOVE_NO, Card(app.id).pack())],
        ]
        await show(update, texts.APP_REMOVE_CONFIRM.format(name=view.name(app)), keyboard(rows))


async def remove(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = Remove.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    app = await store.get(s.db, query.from_user.id, tap.app_id)
    if app is None or not await store.remove(s.db, app.user_id, app.id):
        await answer(update, texts.APP_GONE)
        return
    log.info("application removed user_id=%s app_id=%s", app.user_id, app.id)
    await answer(update)
    await show(update, texts.APP_REMOVED.format(name=view.name(app)), moves.after_buttons())


async def undo(update: Update, context: Context) -> None:
    """↩ Undo under "Logged": removes it while nothing has happened to it since."""
    query = update.callback_query
    assert query is not None
    tap = Undo.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    app = await store.get(s.db, query.from_user.id, tap.app_id)
    if app is None:
        await answer(update, texts.APP_GONE)
        return
    if app.stage != "applied" or app.asks or not await store.remove(s.db, app.user_id, app.id):
        await answer(update, texts.APP_MOVED_ALREADY)
        return
    log.info("application undone user_id=%s app_id=%s", app.user_id, app.id)
    await answer(update)
    rows = [[(texts.BUTTON_LOG_APPLICATION, LogNew().pack()), show_menu_button()]]
    await show(update, texts.APP_UNDONE.format(name=view.name(app)), keyboard(rows))
