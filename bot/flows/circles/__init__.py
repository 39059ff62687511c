"""Accountability circles: a Telegram group whose members share wins and reframes, cheer
each other on and get a weekly digest. One package, one name ("circle") throughout:

- ``membership``: the bot added, removed or migrated; /join, /leave, join links; members
  leaving the group.
- ``posting``: every message to a group, paced under Telegram's per-group limit.
- ``unpublish``: taking posts back (unsharing, /delete), digests edited to match.
- ``cheers``: 👏 under a shared post, from the tap to the author's daily note.
- ``digest``: /digest settings and the weekly digest.
- ``sharing``: the private screens (share a win or reframe after a preview, keep private,
  unshare, the share list from /history).

The rules live in :mod:`bot.domain.circles`, the texts in :mod:`bot.ui.circles`, the rows
in :mod:`bot.storage.circles`. Other flows use :func:`offer_sharing` (after a win is saved)
and /history uses :func:`history_marks` and :class:`SharePick`; bot/flows/__init__.py
registers the handlers below and runs :func:`send_digests` and :func:`send_cheer_notes`
as due work.
"""

from __future__ import annotations

from telegram.ext import (
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.flows.circles import cheers, digest, membership, sharing, unpublish
from bot.flows.circles import language as circle_language
from bot.flows.circles.cheers import send_cheer_notes
from bot.flows.circles.digest import send_digests
from bot.flows.circles.membership import JOIN_PREFIX
from bot.flows.circles.sharing import (
    ShareClose,
    SharePick,
    ShareScreen,
    ShareTo,
    Unshare,
    history_marks,
    offer_sharing,
)
from bot.flows.common import PRIVATE, Handler

__all__ = [
    "SharePick",
    "anytime_handlers",
    "group_buttons",
    "handlers",
    "history_marks",
    "join_link_handler",
    "offer_sharing",
    "send_cheer_notes",
    "send_digests",
    "unpublish",
]

GROUPS = filters.ChatType.GROUPS


def join_link_handler() -> Handler:
    """/start join_<token> in private: runs before the conversations (Group.BEFORE_FLOWS)."""
    return CommandHandler(
        "start",
        membership.start_join,
        PRIVATE & filters.Regex(rf"^/start(@\w+)?\s+{JOIN_PREFIX}"),
    )


def anytime_handlers() -> list[Handler]:
    """The private share buttons, inside or outside a flow (Group.BEFORE_FLOWS)."""
    return [
        sharing.button(ShareTo, sharing.share_to),
        sharing.button(ShareScreen, sharing.show_screen),
        sharing.button(Unshare, sharing.unshare),
        sharing.button(ShareClose, sharing.close_screen),
        sharing.button(SharePick, sharing.pick),
    ]


def group_buttons() -> Handler:
    """Every button pressed outside a private chat, before anything else (Group.GROUP_BUTTONS):
    👏 is handled, any other answered "expired"; none goes further."""
    return cheers.GroupButtonHandler(cheers.group_button)


def handlers() -> list[Handler]:
    """The group side, after the conversations (Group.MAIN)."""
    return [
        ChatMemberHandler(membership.bot_status_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        ChatMemberHandler(membership.member_changed, ChatMemberHandler.CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.MIGRATE, membership.migrated),
        MessageHandler(GROUPS & filters.StatusUpdate.LEFT_CHAT_MEMBER, membership.member_left),
        CommandHandler("join", membership.join_command, GROUPS),
        CommandHandler("leave", membership.leave_command, GROUPS),
        CommandHandler("digest", digest.digest_command, GROUPS),
        CommandHandler("language", circle_language.language_command, GROUPS),
        CommandHandler(["join", "leave", "digest"], membership.private_group_command, PRIVATE),
    ]
