"""The private side of circles: share a win or a reframe (after a preview), keep it
private, unshare from /history, and the daily cheer note.

Buttons are stateless and carry only short ids (``sh:<action>:<id>[:<circle>[:<d>]]``);
every tap re-checks that the entry (or share) belongs to the user who pressed and that
they are in the circle. Nothing reaches a group without a tap on "Share with …", and a
reframe carries its rejection's details only from the preview that shows them.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.domain import circles as rules
from bot.domain.plans import sentence
from bot.domain.text import shorten
from bot.flows.common import Buttons, Context, Handler, answer, cb, keyboard, reply
from bot.flows.groups import cheer_markup, send_to_circle
from bot.services import App, Services, services_of
from bot.storage import entries, users
from bot.storage import groups as store
from bot.storage.entries import HistoryItem, Plan, Rejection, Win
from bot.storage.groups import Circle, Share
from bot.ui import circles as circle_text
from bot.ui import texts

log = logging.getLogger(__name__)

TITLE_SHOWN = 28
LABEL_SHOWN = 40


async def _author(context: Context, user_id: int) -> str:
    user = await users.get(context.services.db, user_id)
    return user.first_name if user and user.first_name else "A member"


def _facts(rejection: Rejection | None) -> rules.RejectionFacts | None:
    if rejection is None:
        return None
    kind = texts.REJECTION_KIND_LABEL.get(rejection.kind, rejection.kind)
    if rejection.kind == "other" and rejection.other_text:
        kind = rejection.other_text
    return rules.RejectionFacts(kind_label=kind, where=rejection.where_text)


# --- the share screen: a preview and one button per circle ----------------------------
async def _win_screen(
    context: Context, win: Win, *, first: bool
) -> tuple[str, InlineKeyboardMarkup]:
    s = context.services
    preview = circle_text.win_post(await _author(context, win.user_id), win.text)
    shares = await store.shares_of_items(s.db, win.user_id, win_ids=[win.id], plan_ids=[])
    rows = await _circle_rows(
        context, win.user_id, shares, lambda c: cb("sh", "w", win.id, c.id), texts.BUTTON_SHARE_WITH
    )
    rows.append(_closing_button(first and not shares))
    return texts.SHARE_ASK.format(preview=preview), keyboard(rows)


async def _plan_screen(
    context: Context, plan: Plan, rejection: Rejection | None, *, details: bool
) -> tuple[str, InlineKeyboardMarkup]:
    s = context.services
    details = details and rejection is not None
    preview = circle_text.reframe_post(
        await _author(context, plan.user_id),
        plan.if_do,
        plan.then_happens,
        _facts(rejection),
        include_details=details,
    )
    shares = await store.shares_of_items(s.db, plan.user_id, win_ids=[], plan_ids=[plan.id])
    label = texts.BUTTON_SHARE_DETAILS_WITH if details else texts.BUTTON_SHARE_WITH
    rows = await _circle_rows(
        context, plan.user_id, shares, lambda c: cb("sh", "p", plan.id, c.id, int(details)), label
    )
    if rejection is not None:
        toggle = (
            (texts.BUTTON_WITHOUT_DETAILS, cb("sh", "ip", plan.id))
            if details
            else (texts.BUTTON_INCLUDE_DETAILS, cb("sh", "pd", plan.id))
        )
        rows.append([toggle])
    rows.append(_closing_button(False))
    template = texts.SHARE_ASK_DETAILS if details else texts.SHARE_ASK
    return template.format(preview=preview), keyboard(rows)


async def _circle_rows(
    context: Context, user_id: int, shares: list[tuple[Share, str]], data: Any, label: str
) -> list[list[tuple[str, str]]]:
    circles = await store.circles_of(context.services.db, user_id)
    shared = {share.circle_id for share, _ in shares}
    rows: list[list[tuple[str, str]]] = [
        [
            (
                texts.BUTTON_SHARED_IN.format(title=shorten(title, TITLE_SHOWN)),
                cb("sh", "u", share.id),
            )
        ]
        for share, title in shares
    ]
    rows += [
        [(label.format(title=shorten(c.title, TITLE_SHOWN)), data(c))]
        for c in circles
        if c.id not in shared
    ]
    return rows


def _closing_button(nothing_shared: bool) -> list[tuple[str, str]]:
    if nothing_shared:
        return [(texts.BUTTON_KEEP_PRIVATE, cb("sh", "k"))]
    return [(texts.BUTTON_SHARE_DONE, cb("sh", "d"))]


async def after_win(update: Update, context: Context, win: Win) -> None:
    """After a win is saved: offer "Share with …" (one per circle) and "Keep private"."""
    if not await store.circles_of(context.services.db, win.user_id):
        return
    text, markup = await _win_screen(context, win, first=True)
    await reply(update, text, markup)


async def _show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Replace the pressed message with ``text``; a new message if it can't be edited."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        current = query.message
        if current.text_html == text and current.reply_markup == markup:
            return
        try:
            await current.edit_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            log.info("share screen not edited: %s", exc.message)
    await reply(update, text, markup)


async def _screen_for(
    context: Context, user_id: int, kind: str, item_id: int, *, details: bool = False
) -> tuple[str, InlineKeyboardMarkup] | None:
    s = context.services
    if kind == "win":
        win = await store.own_win(s.db, user_id, item_id)
        return None if win is None else await _win_screen(context, win, first=False)
    found = await store.own_plan(s.db, user_id, item_id)
    if found is None:
        return None
    return await _plan_screen(context, found[0], found[1], details=details)


# --- the buttons -----------------------------------------------------------------------
async def share_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    user_id = query.from_user.id
    if query.message is None or query.message.chat.type != "private":
        await answer(update, texts.EXPIRED)  # sharing buttons live in the private chat only
        return
    parts = query.data.split(":")
    action, args = parts[1], [int(p) for p in parts[2:] if p.isdigit()]
    if action in ("k", "d"):
        await answer(update)
        if isinstance(query.message, Message) and query.message.text_html:
            extra = f"\n\n{texts.SHARE_KEPT_PRIVATE}" if action == "k" else ""
            try:
                await query.message.edit_text(query.message.text_html + extra, reply_markup=None)
            except BadRequest as exc:
                log.info("share screen not closed: %s", exc.message)
        return
    if action == "l" and args:
        await _pick(update, context, args[0])
        return
    if action in ("iw", "ip", "pd") and args:
        kind = "win" if action == "iw" else "reframe"
        screen = await _screen_for(context, user_id, kind, args[0], details=action == "pd")
        if screen is None:
            await answer(update, texts.SHARE_NOT_FOUND)
            return
        await answer(update)
        await _show(update, *screen)
        return
    if action == "u" and args:
        await _unshare(update, context, args[0])
        return
    if action in ("w", "p") and len(args) >= 2:
        await _share(update, context, action, args)
        return
    await answer(update, texts.EXPIRED)


async def _share(update: Update, context: Context, action: str, args: list[int]) -> None:
    query = update.callback_query
    assert query is not None
    s = context.services
    user_id = query.from_user.id
    item_id, circle_id = args[0], args[1]
    details = action == "p" and len(args) > 2 and args[2] == 1
    author = await _author(context, user_id)
    if action == "w":
        win = await store.own_win(s.db, user_id, item_id)
        if win is None:
            await answer(update, texts.SHARE_NOT_FOUND)
            log.info("share refused, not theirs user_id=%s win_id=%s", user_id, item_id)
            return
        post = circle_text.win_post(author, win.text)
    else:
        found = await store.own_plan(s.db, user_id, item_id)
        if found is None:
            await answer(update, texts.SHARE_NOT_FOUND)
            log.info("share refused, not theirs user_id=%s plan_id=%s", user_id, item_id)
            return
        plan, rejection = found
        details = details and rejection is not None
        post = circle_text.reframe_post(
            author, plan.if_do, plan.then_happens, _facts(rejection), include_details=details
        )
    circle = await store.by_id(s.db, circle_id)
    if circle is None or not circle.active or not await store.is_member(s.db, circle.id, user_id):
        await answer(update, texts.SHARE_NOT_MEMBER)
        log.info("share refused, not a member user_id=%s circle_id=%s", user_id, circle_id)
        return
    share = await store.reserve_share(
        s.db,
        circle_id=circle.id,
        user_id=user_id,
        win_id=item_id if action == "w" else None,
        plan_id=item_id if action == "p" else None,
        with_details=details,
        now=s.clock.now(),
    )
    if share is None:
        await answer(update, texts.SHARE_ALREADY)
        return
    await answer(
        update, texts.SHARE_POSTED.replace("<b>", "").replace("</b>", "").format(title=circle.title)
    )
    kind = "win" if action == "w" else "reframe"
    screen = await _screen_for(context, user_id, kind, item_id)
    if screen is not None:
        await _show(update, *screen)
    prompt = query.message if isinstance(query.message, Message) else None
    # Posting waits for the group's rate limit: do it off the update loop.
    context.application.create_task(
        _post(context.application, share, circle, post, prompt, kind, item_id),
        name=f"share-{share.id}",
    )


async def _post(
    app: App,
    share: Share,
    circle: Circle,
    post: str,
    prompt: Message | None,
    kind: str,
    item_id: int,
) -> None:
    s = services_of(app)
    try:
        sent = await send_to_circle(app, circle, post, cheer_markup(share.id, 0))
    except TelegramError as exc:
        await store.drop_share(s.db, share.user_id, share.id)
        log.warning("share not posted share_id=%s: %s", share.id, type(exc).__name__)
        reason = (
            texts.SHARE_FAILED_REMOVED if isinstance(exc, Forbidden) else texts.SHARE_FAILED_OTHER
        )
        user = await users.get(s.db, share.user_id)
        if user is not None:
            try:
                await app.bot.send_message(
                    user.chat_id,
                    texts.SHARE_FAILED.format(title=texts.esc(circle.title), reason=reason),
                )
            except TelegramError as again:
                log.info(
                    "share failure not told user_id=%s: %s", user.user_id, type(again).__name__
                )
        return
    if not await store.set_posted(s.db, share.id, sent.chat_id, sent.message_id):
        # Unshared while it was waiting to be posted: take the post back down.
        await _take_down(app, sent.chat_id, sent.message_id)
        return
    log.info(
        "shared %s share_id=%s user_id=%s circle_id=%s", kind, share.id, share.user_id, circle.id
    )


async def _take_down(app: App, chat_id: int, message_id: int) -> None:
    """Delete a share's group post; after 48 h Telegram refuses, so blank it instead."""
    try:
        await app.bot.delete_message(chat_id, message_id)
        return
    except (Forbidden, ChatMigrated) as exc:
        log.info("share post not deleted chat_id=%s: %s", chat_id, type(exc).__name__)
        return
    except BadRequest as exc:
        log.info("share post not deleted chat_id=%s: %s", chat_id, exc.message)
    try:
        await app.bot.edit_message_text(
            texts.SHARE_REMOVED_POST, chat_id=chat_id, message_id=message_id, reply_markup=None
        )
    except TelegramError as exc:
        log.info("share post not blanked chat_id=%s: %s", chat_id, type(exc).__name__)


async def _unshare(update: Update, context: Context, share_id: int) -> None:
    query = update.callback_query
    assert query is not None
    s = context.services
    user_id = query.from_user.id
    share = await store.own_share(s.db, user_id, share_id)
    if share is None:
        await answer(update, texts.UNSHARE_GONE)
        log.info("unshare refused or repeated user_id=%s share_id=%s", user_id, share_id)
        return
    circle = await store.by_id(s.db, share.circle_id)
    if not await store.drop_share(s.db, user_id, share.id):
        await answer(update, texts.UNSHARE_GONE)
        return
    title = circle.title if circle else ""
    await answer(update, texts.UNSHARED.replace("<b>", "").replace("</b>", "").format(title=title))
    log.info("unshared share_id=%s user_id=%s", share.id, user_id)
    if share.chat_id is not None and share.message_id is not None:
        await _take_down(context.application, share.chat_id, share.message_id)
    item_id = share.win_id if share.win_id is not None else share.plan_id
    assert item_id is not None
    screen = await _screen_for(context, user_id, share.kind, item_id)
    if screen is not None:
        await _show(update, *screen)


# --- from /history ---------------------------------------------------------------------
def _item_buttons(items: list[HistoryItem]) -> Buttons:
    rows: list[list[tuple[str, str]]] = []
    for item in items:
        if item.win is not None:
            rows.append(
                [(f"🏆 {shorten(item.win.text, LABEL_SHOWN)}", cb("sh", "iw", item.win.id))]
            )
        plans = [item.plan] if item.plan is not None else list(item.plans)
        rows += [
            [
                (
                    f"🔁 {shorten(sentence(p.if_do, p.then_happens), LABEL_SHOWN)}",
                    cb("sh", "ip", p.id),
                )
            ]
            for p in plans
        ]
    return rows


async def _pick(update: Update, context: Context, offset: int) -> None:
    from bot.flows.history import PAGE_SIZE

    query = update.callback_query
    assert query is not None
    items = await entries.history_page(context.services.db, query.from_user.id, offset, PAGE_SIZE)
    rows = _item_buttons(items)
    await answer(update)
    if not rows:
        await reply(update, texts.SHARE_PICK_EMPTY)
        return
    await reply(update, texts.SHARE_PICK, keyboard(rows))


async def history_marks(
    context: Context, user_id: int, items: list[HistoryItem]
) -> tuple[list[str], bool]:
    """For /history: a "shared in …" line per item (or ""), and whether to offer sharing."""
    s = context.services
    win_ids = [i.win.id for i in items if i.win is not None]
    plan_ids = [p.id for i in items for p in ([i.plan] if i.plan else list(i.plans))]
    shares = await store.shares_of_items(s.db, user_id, win_ids=win_ids, plan_ids=plan_ids)
    where: dict[tuple[str, int], list[str]] = {}
    for share, title in shares:
        key = ("win", share.win_id) if share.win_id is not None else ("plan", share.plan_id or 0)
        where.setdefault(key, []).append(texts.esc(title))
    marks: list[str] = []
    for item in items:
        if item.win is not None:
            titles = where.get(("win", item.win.id), [])
            marks.append(
                f"\n{texts.HISTORY_SHARED.format(titles=', '.join(titles))}" if titles else ""
            )
            continue
        plans = [item.plan] if item.plan else list(item.plans)
        titles = sorted({t for p in plans for t in where.get(("plan", p.id), [])})
        marks.append(
            f"\n{texts.HISTORY_SHARED_PLAN.format(titles=', '.join(titles))}" if titles else ""
        )
    can_share = bool(shares) or bool(await store.circles_of(s.db, user_id))
    return marks, can_share and bool(win_ids or plan_ids)


# --- the daily cheer note --------------------------------------------------------------
async def send_cheer_notes(svc_: Services, app: App) -> None:
    """Due work: one private note per author per day summing up the cheers, not one per tap."""
    now = svc_.clock.now()
    for user_id, due_at in await store.due_cheer_notes(svc_.db, now):
        if not await store.claim_cheer_note(svc_.db, user_id, due_at):
            continue
        pending = await store.unnotified_cheers(svc_.db, user_id)
        items: list[rules.CheeredItem] = []
        for share, people in pending:
            if share.win_id is not None:
                win = await store.own_win(svc_.db, user_id, share.win_id)
                if win is not None:
                    items.append(rules.CheeredItem("win", win.text, people))
            elif share.plan_id is not None:
                found = await store.own_plan(svc_.db, user_id, share.plan_id)
                if found is not None:
                    text = sentence(found[0].if_do, found[0].then_happens)
                    items.append(rules.CheeredItem("reframe", text, people))
        note = circle_text.cheer_note(items)
        user = await users.get(svc_.db, user_id)
        if note is None or user is None:
            continue
        try:
            await app.bot.send_message(user.chat_id, note)
        except Forbidden:
            await users.mark_blocked(svc_.db, user_id, now)
            log.info("cheer note not sent, blocked user_id=%s", user_id)
            continue
        except TelegramError as exc:
            log.warning("cheer note not sent user_id=%s: %s", user_id, type(exc).__name__)
            continue
        await store.mark_cheers_notified(svc_.db, [share.id for share, _ in pending], now)
        log.info("cheer note sent user_id=%s shares=%d", user_id, len(pending))


async def share_button_anytime(update: Update, context: Context) -> None:
    """Share buttons work even while a flow runs (the check-in offers them mid-way): this
    handler sits before the conversations and stops the update there."""
    query = update.callback_query
    if query is None or not (query.data or "").startswith("sh:"):
        return  # PTB lets empty callback data through every pattern: not ours
    await share_button(update, context)
    raise ApplicationHandlerStop


def anytime_handler() -> Handler:
    """Share buttons work inside or outside a flow (see Group.BEFORE_FLOWS)."""
    return CallbackQueryHandler(
        share_button_anytime, pattern=r"^sh:(k|d|l|iw|ip|pd|u|w|p)(:\d{1,12}){0,3}$"
    )
