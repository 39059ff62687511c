"""The group side of accountability circles: the bot added or removed, /join, /leave,
/digest, cheers on shared posts, supergroup migration, and the weekly digest.

In a group the bot stays quiet: it posts its introduction once when added, the shares
members chose, the weekly digest (if an admin turned it on), and a reply only where the
group needs one (a join link for someone it can't write to privately, digest settings).
Confirmations of /join and /leave go to the member's private chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import (
    ChatMember,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.domain import circles as rules
from bot.domain.due import next_weekly_due
from bot.domain.parsing import format_time, format_weekday, parse_checkin_spec
from bot.domain.timezones import resolve_timezone, zone_label
from bot.flows.common import PRIVATE, Context, Handler, answer, cb, keyboard, menu_keyboard, reply
from bot.services import App, Services, services_of
from bot.storage import groups as store
from bot.storage import users
from bot.storage.groups import Circle
from bot.ui import circles as circle_text
from bot.ui import texts

log = logging.getLogger(__name__)

GROUPS = filters.ChatType.GROUPS
JOIN_PREFIX = "join_"
INSIDE = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)
REFRESHING = "cheer_refresh"  # bot_data keys (bot_data is not persisted)
PACER = "group_pacer"


def _inside(member: ChatMember) -> bool:
    if isinstance(member, ChatMemberRestricted):
        return member.is_member
    return member.status in INSIDE


def cheer_markup(share_id: int, count: int) -> InlineKeyboardMarkup:
    return keyboard([[(circle_text.cheer_label(count), cb("ch", share_id))]])


# --- sending to a group ----------------------------------------------------------------
class GroupPacer:
    """Keeps each group under Telegram's per-group limit with a sliding window (see
    :func:`bot.domain.circles.pacing_wait`). Sends to one group go one at a time, in order;
    a send is counted when its response arrives, which is never earlier than Telegram saw it.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._sent: dict[int, deque[float]] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    @asynccontextmanager
    async def slot(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            sent = self._sent.setdefault(chat_id, deque())
            while True:
                now = loop.time()
                while sent and sent[0] <= now - self.window:
                    sent.popleft()
                wait = rules.pacing_wait(sent, now, self.limit, self.window)
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                sent.append(loop.time())


def pacer(app: App) -> GroupPacer:
    found = app.bot_data.get(PACER)
    if not isinstance(found, GroupPacer):
        settings = services_of(app).settings
        found = GroupPacer(settings.group_messages_per_window, settings.group_window_seconds)
        app.bot_data[PACER] = found
    return found


async def send_to_circle(
    app: App,
    circle: Circle,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Post in the circle's group, paced. Follows a migration to a supergroup
    (``ChatMigrated``) once; a ``Forbidden`` (bot removed) deactivates the circle and is
    raised again."""
    s = services_of(app)
    chat_id = circle.chat_id
    for _ in range(2):
        try:
            async with pacer(app).slot(chat_id):
                sent: Message = await app.bot.send_message(chat_id, text, reply_markup=markup)
                return sent
        except ChatMigrated as exc:
            new_id = int(exc.new_chat_id)
            await store.circle_migrated(s.db, chat_id, new_id)
            log.info("circle migrated on send circle_id=%s new_chat_id=%s", circle.id, new_id)
            chat_id = new_id
        except Forbidden:
            await store.circle_removed(s.db, chat_id, s.clock.now())
            log.info("circle deactivated, bot not in group circle_id=%s", circle.id)
            raise
    raise BadRequest("group migrated twice")


async def group_reply(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer a command in the group it came from (paced like every group message)."""
    message = update.effective_message
    assert message is not None
    try:
        async with pacer(context.application).slot(message.chat.id):
            await message.reply_text(text, reply_markup=markup)
    except Forbidden:
        log.info("group reply not sent chat_id=%s", message.chat.id)


async def _ensure_circle(update: Update, context: Context) -> Circle:
    """The circle of the group this update came from (created if the add was missed)."""
    chat = update.effective_chat
    assert chat is not None
    s = context.services
    circle = await store.by_chat(s.db, chat.id)
    title = chat.title or ""
    if circle is None or not circle.active:
        circle = await store.circle_added(s.db, chat.id, title, s.clock.now())
    elif title and title != circle.title:
        await store.set_title(s.db, circle.id, title)
    return circle


async def _write_privately(context: Context, user_id: int, text: str, **kwargs: Any) -> bool:
    """A private note, only to someone who started the bot and hasn't blocked it."""
    s = context.services
    user = await users.get(s.db, user_id)
    if user is None or user.blocked_since is not None:
        return False
    try:
        await context.bot.send_message(user.chat_id, text, **kwargs)
    except Forbidden:
        await users.mark_blocked(s.db, user_id, s.clock.now())
        return False
    return True


# --- the bot added, removed, migrated --------------------------------------------------
async def bot_status_changed(update: Update, context: Context) -> None:
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    s = context.services
    was_in, now_in = _inside(change.old_chat_member), _inside(change.new_chat_member)
    chat = change.chat
    if now_in and not was_in:
        circle = await store.circle_added(s.db, chat.id, chat.title or "", s.clock.now())
        log.info("bot added to group circle_id=%s by user_id=%s", circle.id, change.from_user.id)
        try:
            await send_to_circle(context.application, circle, texts.GROUP_INTRO)
        except TelegramError as exc:
            log.warning("intro not posted circle_id=%s: %s", circle.id, type(exc).__name__)
    elif was_in and not now_in and await store.circle_removed(s.db, chat.id, s.clock.now()):
        log.info("bot removed from group chat_id=%s", chat.id)


async def migrated(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    if await store.circle_migrated(context.services.db, old, new):
        log.info("circle migrated old_chat_id=%s new_chat_id=%s", old, new)


# --- /join, /leave ---------------------------------------------------------------------
def join_link(bot_username: str, circle: Circle) -> str:
    return f"https://t.me/{bot_username}?start={JOIN_PREFIX}{circle.join_token}"


async def join_command(update: Update, context: Context) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or user.is_bot:
        return
    s = context.services
    circle = await _ensure_circle(update, context)
    title = texts.esc(circle.title)
    already = await store.is_member(s.db, circle.id, user.id)
    known = await users.get(s.db, user.id)
    reachable = known is not None and known.blocked_since is None
    if reachable:
        joined = await store.join(s.db, circle.id, user.id, s.clock.now())
        text = (texts.JOIN_ALREADY if already else texts.JOIN_DONE).format(title=title)
        if await _write_privately(context, user.id, text):
            if joined:
                log.info("circle joined circle_id=%s user_id=%s", circle.id, user.id)
            return
        if joined:  # we can't write to them after all: they join through the link instead
            await store.leave(s.db, circle.id, user.id)
    if already:
        return
    link = join_link(context.bot.username, circle)
    await group_reply(
        update,
        context,
        texts.JOIN_NEEDS_START.format(name=texts.esc(user.first_name or "")),
        InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_OPEN_PRIVATE, url=link)]]),
    )
    log.info("join link posted circle_id=%s user_id=%s", circle.id, user.id)


async def start_join(update: Update, context: Context) -> None:
    """``/start join_<token>`` in private: finish a join begun in a group.

    Runs before the conversations (its own handler group). An onboarded user gets the
    confirmation and stops here; a new user goes on into onboarding's /start.
    """
    user = update.effective_user
    assert user is not None
    s = context.services
    token = (context.args or [""])[0][len(JOIN_PREFIX) :]
    circle = await store.by_token(s.db, token) if token else None
    text = texts.JOIN_LINK_INVALID
    if circle is not None and circle.active:
        title = texts.esc(circle.title)
        if await _in_group(context, circle, user.id):
            joined = await store.join(s.db, circle.id, user.id, s.clock.now())
            text = (texts.JOIN_DONE if joined else texts.JOIN_ALREADY).format(title=title)
            if joined:
                log.info("circle joined by link circle_id=%s user_id=%s", circle.id, user.id)
        else:
            text = texts.JOIN_NOT_IN_GROUP.format(title=title)
            log.info("join link refused, not in group circle_id=%s user_id=%s", circle.id, user.id)
    known = await users.get(s.db, user.id)
    if known is not None and known.onboarded:
        await reply(update, text, menu_keyboard())
        raise ApplicationHandlerStop
    await reply(update, text)  # onboarding's /start follows


async def _in_group(context: Context, circle: Circle, user_id: int) -> bool:
    s = context.services
    chat_id = circle.chat_id
    for _ in range(2):
        try:
            return _inside(await context.bot.get_chat_member(chat_id, user_id))
        except ChatMigrated as exc:
            chat_id = int(exc.new_chat_id)
            await store.circle_migrated(s.db, circle.chat_id, chat_id)
        except (BadRequest, Forbidden) as exc:
            log.info("membership not checked circle_id=%s: %s", circle.id, type(exc).__name__)
            return False
    return False


async def leave_command(update: Update, context: Context) -> None:
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return
    s = context.services
    circle = await store.by_chat(s.db, chat.id)
    if circle is None:
        return
    title = texts.esc(circle.title)
    if await store.leave(s.db, circle.id, user.id):
        log.info("circle left circle_id=%s user_id=%s", circle.id, user.id)
        await _write_privately(context, user.id, texts.LEAVE_DONE.format(title=title))
    else:
        await _write_privately(context, user.id, texts.LEAVE_NOT_MEMBER.format(title=title))


async def private_group_command(update: Update, context: Context) -> None:
    await reply(update, texts.JOIN_IN_GROUP_ONLY, menu_keyboard())


# --- /digest ---------------------------------------------------------------------------
async def _is_admin(update: Update, context: Context) -> bool:
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    assert chat is not None and user is not None
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous admin writes as the group
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.info("admin check failed chat_id=%s: %s", chat.id, type(exc).__name__)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


def _digest_status(circle: Circle) -> str:
    if not circle.digest_on:
        return texts.DIGEST_STATUS_OFF
    return texts.DIGEST_STATUS_ON.format(
        weekday=format_weekday(circle.digest_weekday),
        time=format_time(circle.digest_time),
        zone=texts.esc(zone_label(circle.digest_timezone)),
    )


async def digest_command(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    s = context.services
    circle = await _ensure_circle(update, context)
    args = context.args or []
    if not args:
        await group_reply(update, context, _digest_status(circle))
        return
    if not await _is_admin(update, context):
        await group_reply(update, context, texts.DIGEST_ADMINS_ONLY)
        return
    sub, rest = args[0].lower(), " ".join(args[1:])
    on, zone = circle.digest_on, circle.digest_timezone
    weekday, at = circle.digest_weekday, circle.digest_time
    if sub == "on":
        on = True
        if circle.digest_next_due is None and zone == "UTC":
            admin = await users.get(s.db, user.id)
            zone = admin.timezone if admin else s.settings.default_timezone
    elif sub == "off":
        on = False
    elif sub == "time":
        spec = parse_checkin_spec(rest)
        if spec is None:
            await group_reply(
                update, context, texts.DIGEST_BAD_TIME.format(text=texts.esc(rest[:60]))
            )
            return
        weekday, at = spec
    elif sub in ("zone", "timezone"):
        found = resolve_timezone(rest, s.clock.now()).match if rest else None
        if found is None:
            await group_reply(
                update, context, texts.DIGEST_BAD_ZONE.format(text=texts.esc(rest[:60]))
            )
            return
        zone = found.zone
    else:
        await group_reply(update, context, texts.DIGEST_USAGE)
        return
    next_due = next_weekly_due(s.clock.now(), zone, weekday, at) if on else None
    await store.set_digest(
        s.db, circle.id, on=on, zone=zone, weekday=weekday, at=at, next_due=next_due
    )
    log.info("digest %s circle_id=%s by user_id=%s", sub, circle.id, user.id)
    if not on:
        await group_reply(update, context, texts.DIGEST_OFF)
        return
    await group_reply(
        update,
        context,
        texts.DIGEST_ON.format(
            weekday=format_weekday(weekday),
            time=format_time(at),
            zone=texts.esc(zone_label(zone)),
        ),
    )


async def send_digests(svc_: Services, app: App) -> None:
    """Due work: each circle's weekly digest, claimed (compare-and-swap) before it is sent."""
    now = svc_.clock.now()
    for circle in await store.due_digests(svc_.db, now):
        due = circle.digest_next_due
        assert due is not None
        zone = circle.digest_timezone
        following = next_weekly_due(now, zone, circle.digest_weekday, circle.digest_time)
        if not await store.claim_digest(svc_.db, circle, following):
            continue  # another tick (or process) took it
        if rules.digest_is_stale(due, now):
            log.info("digest skipped, missed by too long circle_id=%s", circle.id)
            continue
        window = rules.digest_window(due, zone)
        wins = [
            rules.SharedWin(name, text)
            for name, text in await store.digest_wins(svc_.db, circle.id, window.start, window.end)
        ]
        checked = await store.checked_in_count(svc_.db, circle.id, window.iso_year, window.iso_week)
        members = await store.member_count(svc_.db, circle.id)
        text = circle_text.digest_text(circle.title, wins, checked, members)
        if text is None:
            log.info("digest empty, not posted circle_id=%s", circle.id)
            continue
        try:
            await send_to_circle(app, circle, text)
            log.info(
                "digest posted circle_id=%s wins=%d checked_in=%d", circle.id, len(wins), checked
            )
        except TelegramError as exc:
            log.warning("digest not posted circle_id=%s: %s", circle.id, type(exc).__name__)


# --- cheers ----------------------------------------------------------------------------
async def cheer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s = context.services
    raw = query.data.partition(":")[2]
    if not raw.isdigit():  # PTB lets empty callback data through every pattern
        await answer(update, texts.EXPIRED)
        return
    share = await store.get_share(s.db, int(raw))
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
        author = await users.get(s.db, share.user_id)
        if author is not None:
            due = rules.next_cheer_note_due(now, author.timezone)
            await store.schedule_cheer_note(s.db, author.user_id, due)
        await answer(update, texts.CHEERED)
    else:
        await store.remove_cheer(s.db, share.id, presser)
        await answer(update, texts.UNCHEERED)
    log.info("cheer %s share_id=%s user_id=%s", outcome.value, share.id, presser)
    refresh_cheer_button(context.application, share.id)


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


class _GroupCallbackHandler(CallbackQueryHandler[Context, None]):
    """Any other button pressed in a group: a short "expired" answer, never a group post."""

    def check_update(self, update: object) -> Any:
        if not isinstance(update, Update) or update.effective_chat is None:
            return None
        if update.effective_chat.type not in ("group", "supergroup"):
            return None
        return super().check_update(update)


async def group_stale_button(update: Update, context: Context) -> None:
    await answer(update, texts.EXPIRED)


def join_link_handler() -> Handler:
    """/start join_<token>: runs before the conversations (see Group.BEFORE_FLOWS)."""
    return CommandHandler(
        "start", start_join, PRIVATE & filters.Regex(rf"^/start(@\w+)?\s+{JOIN_PREFIX}")
    )


def handlers() -> list[Handler]:
    return [
        ChatMemberHandler(bot_status_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.MIGRATE, migrated),
        CommandHandler("join", join_command, GROUPS),
        CommandHandler("leave", leave_command, GROUPS),
        CommandHandler("digest", digest_command, GROUPS),
        CommandHandler(["join", "leave", "digest"], private_group_command, PRIVATE),
        CallbackQueryHandler(cheer, pattern=r"^ch:\d{1,12}$"),
        _GroupCallbackHandler(group_stale_button),
    ]
