"""Who is in a circle: the bot added to or removed from a group, the group upgraded to a
supergroup, /join and /leave in the group, join links (``/start join_<token>``) for
someone the bot could not write to privately yet, and members leaving the group.

In a group the bot stays quiet: its introduction once when added, and a join link only for
someone it can't write to. Confirmations of /join and /leave go to the private chat.

Someone who leaves the Telegram group (or is removed) leaves its circle: the bot sees a
``left_chat_member`` service message (in privacy mode too) or, as an admin, a
``chat_member`` update. Neither is guaranteed (large supergroups hide service messages),
so Telegram is also asked (``getChatMember``, remembered for :data:`MEMBER_CHECK_FOR`)
before a share is posted and before the weekly digest counts the members:
:func:`still_member`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import (
    ChatMember,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.flows.circles.posting import group_reply, send_to_circle
from bot.flows.common import Context, menu_keyboard, reply
from bot.services import App, services_of
from bot.storage import circles as store
from bot.storage import users
from bot.storage.circles import Circle
from bot.ui import texts
from bot.ui.i18n import current, use_language

log = logging.getLogger(__name__)

JOIN_PREFIX = "join_"
INSIDE = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)
# How long Telegram's word on someone's membership is trusted (a leave seen in the group
# forgets it at once).
MEMBER_CHECK_FOR = timedelta(minutes=2)
CHECKED = "circle_member_checks"  # bot_data key (not persisted): (chat id, user id) -> answer


def _inside(member: ChatMember) -> bool:
    if isinstance(member, ChatMemberRestricted):
        return member.is_member
    return member.status in INSIDE


async def ensure_circle(update: Update, context: Context) -> Circle:
    """The circle of the group this update came from (created if the add was missed)."""
    chat = update.effective_chat
    assert chat is not None
    s = context.services
    circle = await store.by_chat(s.db, chat.id)
    title = chat.title or ""
    if circle is None or not circle.active:
        # In the language of the person here (bot/ops/languages.py: a group without a circle).
        circle = await store.circle_added(s.db, chat.id, title, s.clock.now(), current().code)
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
    """The bot added to a group (its circle made or woken, the introduction posted) or
    removed from it (the circle deactivated; members and shares stay)."""
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    s = context.services
    was_in, now_in = _inside(change.old_chat_member), _inside(change.new_chat_member)
    chat = change.chat
    if now_in and not was_in:
        # In the language of whoever added the bot (the update is handled in theirs).
        circle = await store.circle_added(
            s.db, chat.id, chat.title or "", s.clock.now(), current().code
        )
        log.info("bot added to group circle_id=%s by user_id=%s", circle.id, change.from_user.id)
        try:
            await send_to_circle(context.application, circle, texts.GROUP_INTRO)
        except TelegramError as exc:
            log.warning("intro not posted circle_id=%s: %s", circle.id, type(exc).__name__)
    elif was_in and not now_in and await store.circle_removed(s.db, chat.id, s.clock.now()):
        log.info("bot removed from group chat_id=%s", chat.id)


async def migrated(update: Update, context: Context) -> None:
    """The group became a supergroup: its circle follows the new chat id."""
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
    """/join in the group: joined and told privately, or a join link for someone the bot
    can't write to yet."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or user.is_bot:
        return
    s = context.services
    circle = await ensure_circle(update, context)
    forget_check(context.application, circle.chat_id, user.id)  # they just wrote there
    title = texts.esc(circle.title)
    already = await store.is_member(s.db, circle.id, user.id)
    known = await users.get(s.db, user.id)
    reachable = known is not None and known.blocked_since is None
    if reachable:
        joined = await store.join(s.db, circle.id, user.id, s.clock.now())
        with use_language(known.speaks if known else None):  # private: in their language
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
        if await in_group(context.application, circle, user.id, fresh=True):
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


# --- is someone (still) in the group? ------------------------------------------------------
def _checks(app: App) -> dict[tuple[int, int], tuple[bool, datetime]]:
    found: dict[tuple[int, int], tuple[bool, datetime]] = app.bot_data.setdefault(CHECKED, {})
    return found


def forget_check(app: App, chat_id: int, user_id: int) -> None:
    _checks(app).pop((chat_id, user_id), None)


async def in_group(app: App, circle: Circle, user_id: int, *, fresh: bool = False) -> bool | None:
    """Whether ``user_id`` is in the circle's Telegram group, as ``getChatMember`` says
    (remembered for :data:`MEMBER_CHECK_FOR` unless ``fresh``); None when Telegram could
    not be asked (out of reach after the retries)."""
    s = services_of(app)
    now = s.clock.now()
    checks = _checks(app)
    known = checks.get((circle.chat_id, user_id))
    if known is not None and not fresh and now - known[1] < MEMBER_CHECK_FOR:
        return known[0]
    chat_id = circle.chat_id
    inside = False
    for _ in range(2):
        try:
            inside = _inside(await app.bot.get_chat_member(chat_id, user_id))
            break
        except ChatMigrated as exc:
            chat_id = int(exc.new_chat_id)
            await store.circle_migrated(s.db, circle.chat_id, chat_id)
        except BadRequest as exc:  # "user not found": not in the group
            log.info("membership not found circle_id=%s: %s", circle.id, exc.message)
            break
        except Forbidden:  # the bot is not in the group: nobody's membership can be seen
            await store.circle_removed(s.db, chat_id, now)
            log.info("circle deactivated, bot not in group circle_id=%s", circle.id)
            return None
        except TelegramError as exc:
            log.warning("membership not checked circle_id=%s: %s", circle.id, type(exc).__name__)
            return None
    if len(checks) > 10_000:
        checks.clear()
    checks[(circle.chat_id, user_id)] = (inside, now)
    return inside


async def still_member(app: App, circle: Circle, user_id: int) -> bool | None:
    """:func:`in_group`, and someone no longer in the group is out of its circle too."""
    inside = await in_group(app, circle, user_id)
    if inside is False and await store.leave(services_of(app).db, circle.id, user_id):
        log.info("circle left, not in the group circle_id=%s user_id=%s", circle.id, user_id)
    return inside


async def _left_group(app: App, chat_id: int, user_id: int, seen_as: str) -> None:
    forget_check(app, chat_id, user_id)
    db = services_of(app).db
    circle = await store.by_chat(db, chat_id)
    if circle is not None and await store.leave(db, circle.id, user_id):
        log.info(
            "circle left, left the group circle_id=%s user_id=%s seen_as=%s",
            circle.id,
            user_id,
            seen_as,
        )


async def member_left(update: Update, context: Context) -> None:
    """A ``left_chat_member`` service message: someone left the group or was removed."""
    message = update.effective_message
    if message is None or message.left_chat_member is None:
        return
    gone = message.left_chat_member
    if gone.id == context.bot.id:
        return  # the bot itself: bot_status_changed takes care of that
    await _left_group(context.application, message.chat.id, gone.id, "service_message")


async def member_changed(update: Update, context: Context) -> None:
    """A ``chat_member`` update (sent to the bot when it is an admin): left means left."""
    change = update.chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    user_id = change.new_chat_member.user.id
    if _inside(change.old_chat_member) and not _inside(change.new_chat_member):
        await _left_group(context.application, change.chat.id, user_id, "chat_member")
    else:
        forget_check(context.application, change.chat.id, user_id)


async def leave_command(update: Update, context: Context) -> None:
    """/leave in the group: out of the circle (shares stay), told privately."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return
    s = context.services
    circle = await store.by_chat(s.db, chat.id)
    if circle is None:
        return
    title = texts.esc(circle.title)
    with use_language(await users.speaks(s.db, user.id)):  # private: in their language
        done, not_member = texts.LEAVE_DONE, texts.LEAVE_NOT_MEMBER
    if await store.leave(s.db, circle.id, user.id):
        log.info("circle left circle_id=%s user_id=%s", circle.id, user.id)
        await _write_privately(context, user.id, done.format(title=title))
    else:
        await _write_privately(context, user.id, not_member.format(title=title))


async def private_group_command(update: Update, context: Context) -> None:
    """/join, /leave or /digest sent in the private chat: they belong in the group."""
    await reply(update, texts.JOIN_IN_GROUP_ONLY, menu_keyboard())
