"""👏 Cheer, from the tap to the author's note: everything a cheer does, in one file.

1. A member taps 👏 under a shared post in the group (:class:`CheerTap`, :func:`cheer`):
   the tap is checked against the share it names (the post it sits on, the presser's
   membership) and toggles that member's one cheer; the presser gets a short answer.
2. The post's button shows the new count (:func:`refresh_cheer_button`), edited in the
   background and coalesced, so a burst of taps costs one edit of the group's allowance.
3. The author hears nothing per tap: an hour after the first cheer, one private note names
   who cheered (the hour's cheers together), held through their quiet hours, and not sent
   when they turned cheer notes off or snoozed them in /settings (:func:`send_cheer_notes`).

Every button pressed outside a private chat reaches :func:`group_button` first and goes no
further: 👏 is the one button that belongs in a group; any other (a private screen's data,
copied or forged: ``menu:history``…) gets a short "expired", never a group post.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler

from bot.domain import circles as rules
from bot.domain.quiet import Kind, hold_until
from bot.flows.common import Context, answer, keyboard
from bot.services import App, Services, services_of
from bot.storage import circles as store
from bot.storage import entries, preferences, users
from bot.ui import circles as circle_text
from bot.ui import texts
from bot.ui.callbacks import CallbackData
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)

REFRESHING = "cheer_refresh"  # bot_data key (bot_data is not persisted)


@dataclass(frozen=True)
class CheerTap(CallbackData, prefix="ch"):
    """👏 under a shared post in the group."""

    share_id: int


def cheer_markup(share_id: int, count: int) -> InlineKeyboardMarkup:
    """The 👏 button under a share's group post, showing ``count`` cheers."""
    return keyboard([[(circle_text.cheer_label(count), CheerTap(share_id).pack())]])


# --- 1. the tap --------------------------------------------------------------------------
async def cheer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    tap = CheerTap.parse(query.data)
    if tap is None:  # PTB lets empty callback data through every pattern
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    share = await store.get_share(s.db, tap.share_id)
    message = query.message
    if share is None:
        await answer(update, texts.CHEER_GONE)
        return
    if share.message_id is None:  # tapped in the instant between the post and its record
        await answer(update, texts.CHEER_NOT_YET)
        return
    if (
        message is None
        or message.chat.id != share.chat_id
        or message.message_id != share.message_id
    ):
        await answer(update, texts.EXPIRED)  # data copied onto another message: refused
        log.info(
            "cheer refused, wrong message user_id=%s share_id=%s", query.from_user.id, share.id
        )
        return
    presser = query.from_user.id
    outcome = rules.cheer_outcome(
        presser=presser,
        author=share.user_id,
        is_member=await store.is_member(s.db, share.circle_id, presser),
        had_cheered=await store.has_cheered(s.db, share.id, presser),
    )
    if outcome is rules.Cheer.OWN:
        await answer(update, texts.CHEER_OWN)
        return
    if outcome is rules.Cheer.NOT_MEMBER:
        await answer(update, texts.CHEER_JOIN_FIRST)
        return
    now = s.clock.now()
    if outcome is rules.Cheer.ADDED:
        await store.add_cheer(s.db, share.id, presser, now)
        # The first cheer starts the hour; later ones join the same note (INSERT OR IGNORE).
        await store.schedule_cheer_note(s.db, share.user_id, rules.cheer_note_due(now))
        await answer(update, texts.CHEERED)
    else:
        await store.remove_cheer(s.db, share.id, presser)
        await answer(update, texts.UNCHEERED)
    log.info("cheer %s share_id=%s user_id=%s", outcome.value, share.id, presser)
    refresh_cheer_button(context.application, share.id)


# --- 2. the count on the button ---------------------------------------------------------
def refresh_cheer_button(app: App, share_id: int) -> None:
    """Bring the post's 👏 count up to date, in the background and coalesced: taps that
    come while an edit waits for the group's rate limit are folded into one edit."""
    dirty: dict[int, bool] = app.bot_data.setdefault(REFRESHING, {})
    if share_id in dirty:
        dirty[share_id] = True
        return
    dirty[share_id] = True
    app.create_task(_refresh(app, share_id), name=f"cheer-refresh-{share_id}")


async def _refresh(app: App, share_id: int) -> None:
    s = services_of(app)
    dirty: dict[int, bool] = app.bot_data[REFRESHING]
    try:
        while dirty.get(share_id):
            dirty[share_id] = False
            share = await store.get_share(s.db, share_id)
            if share is None or share.message_id is None or share.chat_id is None:
                return
            count = await store.cheer_count(s.db, share_id)
            if count == share.cheers_shown:
                continue
            await app.bot.edit_message_reply_markup(
                share.chat_id, share.message_id, reply_markup=cheer_markup(share_id, count)
            )
            await store.set_cheers_shown(s.db, share_id, count)
    except TelegramError as exc:
        log.info("cheer count not shown share_id=%s: %s", share_id, type(exc).__name__)
    finally:
        dirty.pop(share_id, None)


# --- 3. the author's note ---------------------------------------------------------------
async def send_cheer_notes(svc: Services, app: App) -> None:
    """Due work: one private note per author naming who cheered, an hour after the first
    cheer (so a burst of cheers makes one note), never in the author's quiet hours."""
    now = svc.clock.now()
    for user_id, due_at in await store.due_cheer_notes(svc.db, now):
        user = await users.get(svc.db, user_id)
        if user is None:
            continue
        quiet = await preferences.quiet_hours(svc.db, user_id, svc.settings.quiet_hours)
        wait = hold_until(now, user.timezone, quiet)
        if wait is not None:
            if await store.claim_cheer_note(svc.db, user_id, due_at):
                await store.schedule_cheer_note(svc.db, user_id, wait)
                log.info("cheer note held user_id=%s until=%s", user_id, wait.isoformat())
            continue
        if not await store.claim_cheer_note(svc.db, user_id, due_at):
            continue
        pending = await store.unnotified_cheers(svc.db, user_id)
        shares = [share.id for share, _ in pending]
        if await preferences.is_muted(svc.db, user_id, Kind.CHEERS, now):
            await store.mark_cheers_notified(svc.db, shares, now)  # not told later either
            log.info("cheer note muted user_id=%s shares=%d", user_id, len(shares))
            continue
        with use_language(user.speaks):
            note = circle_text.cheer_note(await _cheered_items(svc, user_id, pending))
        if note is None:
            continue
        try:
            await app.bot.send_message(user.chat_id, note)
        except Forbidden:
            await users.mark_blocked(svc.db, user_id, now)
            log.info("cheer note not sent, blocked user_id=%s", user_id)
            continue
        except TelegramError as exc:
            log.warning("cheer note not sent user_id=%s: %s", user_id, type(exc).__name__)
            continue
        await store.mark_cheers_notified(svc.db, shares, now)
        log.info("cheer note sent user_id=%s shares=%d", user_id, len(pending))


async def _cheered_items(
    svc: Services, user_id: int, pending: list[tuple[store.Share, int]]
) -> list[rules.CheeredItem]:
    """What was cheered (a win or a plan, as the author wrote it) and by whom."""
    items: list[rules.CheeredItem] = []
    for share, _people in pending:
        names = tuple(await store.untold_cheerers(svc.db, share.id))
        if share.win_id is not None:
            win = await entries.get_win(svc.db, user_id, share.win_id)
            if win is not None:
                items.append(rules.CheeredItem("win", win.text, names))
        elif share.plan_id is not None:
            found = await store.own_plan(svc.db, user_id, share.plan_id)
            if found is not None:
                text = texts.plan_sentence(found[0].if_do, found[0].then_happens)
                items.append(rules.CheeredItem("reframe", text, names))
    return items


# --- every button pressed in a group -------------------------------------------------------
class GroupButtonHandler(CallbackQueryHandler[Context, None]):
    """A callback query handler for buttons pressed anywhere but a private chat."""

    def check_update(self, update: object) -> Any:
        if not isinstance(update, Update) or update.effective_chat is None:
            return None
        if update.effective_chat.type == "private":
            return None
        return super().check_update(update)


async def group_button(update: Update, context: Context) -> None:
    """A button pressed in a group: 👏 is handled; any other is answered "expired" and never
    reaches a handler of the private chat (which would answer in the group)."""
    query = update.callback_query
    assert query is not None
    if query.data and CheerTap.parse(query.data) is not None:
        await cheer(update, context)
    else:
        await answer(update, texts.EXPIRED)
        log.info(
            "group button refused user_id=%s chat_id=%s",
            query.from_user.id,
            update.effective_chat.id if update.effective_chat else None,
        )
    raise ApplicationHandlerStop
