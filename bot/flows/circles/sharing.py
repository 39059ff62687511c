"""The private side of circles: share a win or a reframe (after a preview that shows exactly
what the group will see), keep it private, unshare, and the share list from /history.

Share buttons are stateless codecs carrying short ids; every tap re-checks that the entry
(or share) belongs to the person who pressed and that they are in the circle, and Telegram
that they are still in its group. Nothing reaches a group without a tap on "Share with …",
and a reframe carries its rejection's details only from the preview that shows them.
Unsharing goes through :mod:`~bot.flows.circles.unpublish`, like /delete. The buttons work
in the private chat only, inside or outside a flow (the check-in offers them while it
runs): see :func:`button`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.domain import circles as rules
from bot.domain.text import shorten
from bot.flows import care
from bot.flows.circles import unpublish
from bot.flows.circles.cheers import cheer_markup
from bot.flows.circles.membership import still_member
from bot.flows.circles.posting import send_to_circle
from bot.flows.common import Buttons, Context, Handler, answer, keyboard, reply
from bot.services import App, services_of
from bot.storage import circles as store
from bot.storage import entries, users
from bot.storage.circles import Circle, Share
from bot.storage.entries import HistoryItem, Plan, Rejection, Win
from bot.ui import circles as circle_text
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

TITLE_SHOWN = 28
LABEL_SHOWN = 40
PICK_MOST = 10  # entries one "Share / unshare…" list may ask for (a page of /history)

Kind = Literal["win", "reframe"]


# --- the buttons' data -------------------------------------------------------------------
@dataclass(frozen=True)
class ShareTo(CallbackData, prefix="sh"):
    """📣 Share with <circle>: post the entry there (a reframe with its rejection's details
    only when ``details``, a button shown on the preview with the details)."""

    kind: Kind
    item_id: int
    circle_id: int
    details: bool = False


@dataclass(frozen=True)
class ShareScreen(CallbackData, prefix="sh:view"):
    """Show an entry's share screen: its preview, and a button per circle (a reframe's with
    or without the rejection's details)."""

    kind: Kind
    item_id: int
    details: bool = False


@dataclass(frozen=True)
class Unshare(CallbackData, prefix="sh:unshare"):
    """✓ Shared in <circle> — unshare: take the share (and its group post) back."""

    share_id: int


@dataclass(frozen=True)
class ShareClose(CallbackData, prefix="sh:close"):
    """🔒 Keep private (nothing shared yet) or Done: close the share screen."""

    kept_private: bool


@dataclass(frozen=True)
class SharePick(CallbackData, prefix="sh:list"):
    """/history's "📣 Share / unshare…": the entries of the page the person is looking at
    (``limit`` of them from ``offset``), one button each."""

    offset: int
    limit: int


T = TypeVar("T", bound=CallbackData)


def button(codec: type[T], step: Callable[[Update, Context, T], Awaitable[None]]) -> Handler:
    """The handler of one share button: ``step`` gets the typed data of a tap in the private
    chat (in a group: "expired"). It runs before the conversations and stops the update
    there, so a flow waiting for text is left as it was."""

    async def tapped(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        tap = codec.parse(query.data)
        if tap is None:
            return  # PTB lets empty callback data through every pattern: not ours
        if query.message is None or query.message.chat.type != ChatType.PRIVATE:
            await answer(update, texts.EXPIRED)
        else:
            await step(update, context, tap)
        raise ApplicationHandlerStop

    return CallbackQueryHandler(tapped, pattern=codec.pattern())


def _plain(template: str, title: str) -> str:
    """A confirmation for a callback answer, which shows no HTML."""
    return template.replace("<b>", "").replace("</b>", "").format(title=title)


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
async def offer_sharing(update: Update, context: Context, win: Win) -> None:
    """Right after a win is saved (/win, each success of the check-in): "Share with …" (one
    button per circle the user is in) and "Keep private"; nothing for someone in no circle,
    nor for words that read as distress and were saved only when the person asked (care)."""
    if care.was_saved_anyway(update, context):
        return
    if not await store.circles_of(context.services.db, win.user_id):
        return
    text, markup = await _win_screen(context, win, first=True)
    await reply(update, text, markup)


async def _win_screen(
    context: Context, win: Win, *, first: bool
) -> tuple[str, InlineKeyboardMarkup]:
    s = context.services
    preview = circle_text.win_post(await _author(context, win.user_id), win.text)
    shares = await store.shares_of_items(s.db, win.user_id, win_ids=[win.id], plan_ids=[])
    rows = await _circle_rows(
        context,
        win.user_id,
        shares,
        lambda c: ShareTo("win", win.id, c.id).pack(),
        texts.BUTTON_SHARE_WITH,
    )
    rows.append([_closing_button(first and not shares)])
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
        context,
        plan.user_id,
        shares,
        lambda c: ShareTo("reframe", plan.id, c.id, details).pack(),
        label,
    )
    if rejection is not None:
        toggle = texts.BUTTON_WITHOUT_DETAILS if details else texts.BUTTON_INCLUDE_DETAILS
        rows.append([(toggle, ShareScreen("reframe", plan.id, not details).pack())])
    rows.append([_closing_button(False)])
    template = texts.SHARE_ASK_DETAILS if details else texts.SHARE_ASK
    return template.format(preview=preview), keyboard(rows)


async def _circle_rows(
    context: Context,
    user_id: int,
    shares: list[tuple[Share, str]],
    data: Callable[[Circle], str],
    label: str,
) -> list[list[tuple[str, str]]]:
    """An "unshare" button per circle the entry is shared in, a ``label`` one per other."""
    circles = await store.circles_of(context.services.db, user_id)
    shared = {share.circle_id for share, _ in shares}
    rows = [
        [
            (
                texts.BUTTON_SHARED_IN.format(title=shorten(title, TITLE_SHOWN)),
                Unshare(share.id).pack(),
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


def _closing_button(nothing_shared: bool) -> tuple[str, str]:
    if nothing_shared:
        return (texts.BUTTON_KEEP_PRIVATE, ShareClose(kept_private=True).pack())
    return (texts.BUTTON_SHARE_DONE, ShareClose(kept_private=False).pack())


async def _screen_for(
    context: Context, user_id: int, kind: Kind, item_id: int, *, details: bool = False
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The share screen of the user's own entry; None if it isn't theirs (or is gone)."""
    s = context.services
    if kind == "win":
        win = await entries.get_win(s.db, user_id, item_id)
        return None if win is None else await _win_screen(context, win, first=False)
    found = await store.own_plan(s.db, user_id, item_id)
    if found is None:
        return None
    return await _plan_screen(context, found[0], found[1], details=details)


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


# --- the taps ----------------------------------------------------------------------------
async def show_screen(update: Update, context: Context, tap: ShareScreen) -> None:
    """ShareScreen: an entry picked from /history, or the details toggled on a preview."""
    query = update.callback_query
    assert query is not None
    screen = await _screen_for(
        context, query.from_user.id, tap.kind, tap.item_id, details=tap.details
    )
    if screen is None:
        await answer(update, texts.SHARE_NOT_FOUND)
        return
    await answer(update)
    await _show(update, *screen)


async def close_screen(update: Update, context: Context, tap: ShareClose) -> None:
    """ShareClose: the screen keeps its text (and says "kept private"), loses its buttons."""
    await answer(update)
    query = update.callback_query
    if query is None or not isinstance(query.message, Message) or not query.message.text_html:
        return
    extra = f"\n\n{texts.SHARE_KEPT_PRIVATE}" if tap.kept_private else ""
    try:
        await query.message.edit_text(query.message.text_html + extra, reply_markup=None)
    except BadRequest as exc:
        log.info("share screen not closed: %s", exc.message)


async def share_to(update: Update, context: Context, tap: ShareTo) -> None:
    """ShareTo: checked (the entry is theirs, they are in the circle, not shared there yet),
    recorded, the screen redrawn, then posted in the background (the group's pace)."""
    query = update.callback_query
    assert query is not None
    s = context.services
    user_id = query.from_user.id
    author = await _author(context, user_id)
    details = False
    found_circle = await store.by_id(s.db, tap.circle_id)
    # The post goes to a group: in the circle's language (the presser reads theirs).
    circle_language = found_circle.language if found_circle else None
    if tap.kind == "win":
        win = await entries.get_win(s.db, user_id, tap.item_id)
        if win is None:
            await answer(update, texts.SHARE_NOT_FOUND)
            log.info("share refused, not theirs user_id=%s win_id=%s", user_id, tap.item_id)
            return
        with use_language(circle_language):
            post = circle_text.win_post(author, win.text)
    else:
        found = await store.own_plan(s.db, user_id, tap.item_id)
        if found is None:
            await answer(update, texts.SHARE_NOT_FOUND)
            log.info("share refused, not theirs user_id=%s plan_id=%s", user_id, tap.item_id)
            return
        plan, rejection = found
        details = tap.details and rejection is not None
        with use_language(circle_language):
            post = circle_text.reframe_post(
                author, plan.if_do, plan.then_happens, _facts(rejection), include_details=details
            )
    circle = found_circle
    if circle is None or not circle.active or not await store.is_member(s.db, circle.id, user_id):
        await answer(update, texts.SHARE_NOT_MEMBER)
        log.info("share refused, not a member user_id=%s circle_id=%s", user_id, tap.circle_id)
        return
    if not await _still_there(update, context, circle, tap):
        return
    share = await store.reserve_share(
        s.db,
        circle_id=circle.id,
        user_id=user_id,
        win_id=tap.item_id if tap.kind == "win" else None,
        plan_id=tap.item_id if tap.kind == "reframe" else None,
        with_details=details,
        now=s.clock.now(),
    )
    if share is None:
        await answer(update, texts.SHARE_ALREADY)
        return
    await answer(update, _plain(texts.SHARE_POSTED, circle.title))
    screen = await _screen_for(context, user_id, tap.kind, tap.item_id)
    if screen is not None:
        await _show(update, *screen)
    # Posting waits for the group's rate limit: do it off the update loop.
    context.application.create_task(
        _post(context.application, share, circle, post), name=f"share-{share.id}"
    )


async def _still_there(update: Update, context: Context, circle: Circle, tap: ShareTo) -> bool:
    """Telegram's word that the presser is still in the circle's group (and the bot too);
    otherwise they are told why nothing is posted."""
    user_id = update.effective_user.id if update.effective_user else 0
    inside = await still_member(context.application, circle, user_id)
    if inside:
        return True
    log.info("share refused, not in group user_id=%s circle_id=%s", user_id, circle.id)
    if inside is False:  # they left the group, so the circle too: the screen loses its button
        await answer(update, texts.SHARE_NOT_MEMBER)
        screen = await _screen_for(context, user_id, tap.kind, tap.item_id, details=tap.details)
        if screen is not None:
            await _show(update, *screen)
        return False
    now = await store.by_id(context.services.db, circle.id)
    if now is not None and not now.active:  # the bot was removed from the group
        await answer(update)
        await reply(
            update,
            texts.SHARE_FAILED.format(
                title=texts.esc(circle.title), reason=texts.SHARE_FAILED_REMOVED
            ),
        )
    else:
        await answer(update, texts.SHARE_NO_CHECK)
    return False


async def _post(app: App, share: Share, circle: Circle, post: str) -> None:
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
        await unpublish.take_down(app, sent.chat_id, sent.message_id)
        return
    log.info(
        "shared %s share_id=%s user_id=%s circle_id=%s",
        share.kind,
        share.id,
        share.user_id,
        circle.id,
    )


async def unshare(update: Update, context: Context, tap: Unshare) -> None:
    """Unshare: the share and its cheers deleted, the group post taken down (blanked when
    too old to delete) and the digests that list it redrawn without it, the screen redrawn
    (the entry itself stays). What could not be taken back is said."""
    query = update.callback_query
    assert query is not None
    s = context.services
    user_id = query.from_user.id
    share = await store.own_share(s.db, user_id, tap.share_id)
    if share is None:
        await answer(update, texts.UNSHARE_GONE)
        log.info("unshare refused or repeated user_id=%s share_id=%s", user_id, tap.share_id)
        return
    circle = await store.by_id(s.db, share.circle_id)
    published = await unpublish.of_share(s.db, share)
    if not await store.drop_share(s.db, user_id, share.id):
        await answer(update, texts.UNSHARE_GONE)
        return
    await answer(update, _plain(texts.UNSHARED, circle.title if circle else ""))
    outcome = await unpublish.unpublish(context.application, published)
    log.info("unshared share_id=%s user_id=%s kept=%d", share.id, user_id, outcome.kept)
    if outcome.kept:
        await reply(update, texts.posts_not_removed(outcome.kept))
    item_id = share.win_id if share.win_id is not None else share.plan_id
    assert item_id is not None
    screen = await _screen_for(context, user_id, share.kind, item_id)
    if screen is not None:
        await _show(update, *screen)


# --- from /history -----------------------------------------------------------------------
def _item_buttons(items: list[HistoryItem]) -> Buttons:
    rows: list[list[tuple[str, str]]] = []
    for item in items:
        if item.win is not None:
            label = f"🏆 {shorten(item.win.text, LABEL_SHOWN)}"
            rows.append([(label, ShareScreen("win", item.win.id).pack())])
        plans = [item.plan] if item.plan is not None else list(item.plans)
        for p in plans:
            label = f"🔁 {shorten(texts.plan_sentence(p.if_do, p.then_happens), LABEL_SHOWN)}"
            rows.append([(label, ShareScreen("reframe", p.id).pack())])
    return rows


async def pick(update: Update, context: Context, tap: SharePick) -> None:
    """SharePick: the page's wins and plans, one button each (a new message)."""
    query = update.callback_query
    assert query is not None
    offset, limit = max(0, tap.offset), max(1, min(tap.limit, PICK_MOST))
    items = await entries.history_page(context.services.db, query.from_user.id, offset, limit)
    rows = _item_buttons(items)
    await answer(update)
    if not rows:
        await reply(update, texts.SHARE_PICK_EMPTY)
        return
    await reply(update, texts.SHARE_PICK, keyboard(rows))


async def history_marks(
    context: Context, user_id: int, items: list[HistoryItem]
) -> tuple[list[str], bool]:
    """For /history: a "shared in …" line per item (or ""), and whether to offer sharing
    (then the page shows a :class:`SharePick` button)."""
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
