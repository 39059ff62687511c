"""Taking back what stands in a group: one path for unsharing, /delete, removing an entry,
and the weekly digests that list a share.

Collect what is published (:func:`of_user`, :func:`of_share`) before deleting the rows it
stands for, delete them, then call :func:`unpublish`:

- a post is deleted; Telegram refuses that for a message older than 48 hours, so it is
  blanked instead (edited to "(removed by its author)", its 👏 button gone);
- a digest is edited to list only what is still shared (so the names and wins of whoever
  took theirs back are gone from it); a digest left with nothing to report is taken down
  like a post.

What could not be taken back (the bot was removed from the group) is counted, and the
person is told that number.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.domain import circles as rules
from bot.flows.circles.posting import pacer
from bot.services import App, services_of
from bot.storage import circles as store
from bot.storage import userdata
from bot.storage.circles import Share
from bot.storage.db import Database
from bot.storage.userdata import GroupMessage
from bot.ui import circles as circle_text
from bot.ui import texts
from bot.ui.i18n import use_language

__all__ = ["Outcome", "Published", "of_share", "of_user", "take_down", "unpublish"]

log = logging.getLogger(__name__)


class Result(Enum):
    REMOVED = "removed"  # deleted, blanked, or (a digest) edited
    GONE = "gone"  # not there anymore (someone deleted it already)
    KEPT = "kept"  # still there as it was: the bot can't reach it


@dataclass(frozen=True)
class Published:
    """What stands in groups for some rows: their posts, and the digests listing them."""

    posts: tuple[GroupMessage, ...] = ()
    digests: tuple[int, ...] = ()


@dataclass(frozen=True)
class Outcome:
    removed: int = 0  # posts deleted or blanked
    kept: int = 0  # posts and digests that could not be taken back


async def of_user(db: Database, user_id: int) -> Published:
    """Everything of the user's in groups: every table's posts (shares, shared progress:
    found by their columns) and the digests that list their shares."""
    posts = await userdata.group_messages(db, user_id)
    digests = await store.digests_listing(db, await store.share_ids_of(db, user_id))
    return Published(tuple(posts), tuple(digests))


async def of_share(db: Database, share: Share) -> Published:
    posts: tuple[GroupMessage, ...] = ()
    if share.chat_id is not None and share.message_id is not None:
        posts = (GroupMessage(share.chat_id, share.message_id),)
    return Published(posts, tuple(await store.digests_listing(db, [share.id])))


async def unpublish(app: App, published: Published) -> Outcome:
    """Take every post down and bring every digest up to date (call it after the rows are
    deleted: a digest is drawn again from what is still shared)."""
    removed = kept = 0
    for post in published.posts:
        result = await take_down(app, post.chat_id, post.message_id)
        removed += result is Result.REMOVED
        kept += result is Result.KEPT
    for digest_id in published.digests:
        kept += await _redraw_digest(app, digest_id) is Result.KEPT
    return Outcome(removed, kept)


def _gone(exc: BadRequest) -> bool:
    return "not found" in exc.message.lower()


async def take_down(app: App, chat_id: int, message_id: int) -> Result:
    """Delete a post; blank it when Telegram refuses the delete (older than 48 hours)."""
    for _ in range(2):
        try:
            await app.bot.delete_message(chat_id, message_id)
            return Result.REMOVED
        except ChatMigrated as exc:
            chat_id = int(exc.new_chat_id)
        except Forbidden as exc:
            log.info("post not taken down chat_id=%s: %s", chat_id, type(exc).__name__)
            return Result.KEPT
        except BadRequest as exc:
            if _gone(exc):
                return Result.GONE
            log.info("post not deleted, blanking it chat_id=%s: %s", chat_id, exc.message)
            break
        except TelegramError as exc:
            log.warning("post not taken down chat_id=%s: %s", chat_id, type(exc).__name__)
            return Result.KEPT
    _, language = await store.language_of_chat(services_of(app).db, chat_id)
    with use_language(language):  # a group post: in the circle's language
        blank = texts.SHARE_REMOVED_POST
    return await _edit(app, chat_id, message_id, blank)


async def _edit(app: App, chat_id: int, message_id: int, text: str) -> Result:
    """Replace a post's text (and drop its buttons), paced like every group message."""
    try:
        async with pacer(app).slot(chat_id):
            await app.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        return Result.REMOVED
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return Result.REMOVED  # it already says this
        if _gone(exc):
            return Result.GONE
        log.info("post not edited chat_id=%s: %s", chat_id, exc.message)
        return Result.KEPT
    except TelegramError as exc:
        log.info("post not edited chat_id=%s: %s", chat_id, type(exc).__name__)
        return Result.KEPT


async def _redraw_digest(app: App, digest_id: int) -> Result:
    """The digest drawn again from the shares it still lists; taken down if that leaves
    nothing to report."""
    db = services_of(app).db
    post = await store.digest_post(db, digest_id)
    if post is None:
        return Result.GONE
    circle = await store.by_id(db, post.circle_id)
    wins = [rules.SharedWin(w.name, w.text) for w in await store.digest_post_wins(db, digest_id)]
    with use_language(circle.language if circle else None):
        text = circle_text.digest_text(
            circle.title if circle else "", wins, post.checked_in, post.members
        )
    if text is None:
        result = await take_down(app, post.chat_id, post.message_id)
    else:
        result = await _edit(app, post.chat_id, post.message_id, text)
    if result is Result.GONE or (text is None and result is Result.REMOVED):
        await store.drop_digest(db, digest_id)
    log.info("digest redrawn digest_id=%s wins=%d result=%s", digest_id, len(wins), result.value)
    return result
