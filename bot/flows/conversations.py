"""Conversations seen from outside their handlers: which one a person is in, and ending it.

PTB has no public call for either; this module is the one place that reads
``ConversationHandler._conversations`` and calls ``_update_state`` (what a handler returning
END does), so a PTB upgrade that changes them breaks here and nowhere else. Keys are
``(chat_id, user_id)`` (every flow is per chat and per user).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import ConversationHandler

from bot.services import App


def _conversation_handlers(app: App) -> list[ConversationHandler[Any]]:
    return [
        handler
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, ConversationHandler)
    ]


def active(app: App, chat_id: int, user_id: int) -> str | None:
    """The name of the conversation this person is in, in this chat, if any."""
    for handler in _conversation_handlers(app):
        state = handler._conversations.get((chat_id, user_id))
        if state is not None and state != ConversationHandler.END:
            return handler.name
    return None


def enter(app: App, chat_id: int, user_id: int, name: str, state: object) -> None:
    """Put the person into conversation ``name`` at ``state``, as its entry point would: for
    a flow started by a typed answer to a question asked outside any flow."""
    for handler in _conversation_handlers(app):
        if handler.name == name:
            handler._update_state(state, (chat_id, user_id))
            return
    raise KeyError(name)


def end(app: App, user_id: int, *, chat_id: int | None = None, name: str | None = None) -> int:
    """End the person's conversations (one chat's, or all; one flow's, or all); drafts stay.

    Returns how many were ended. Persistence follows the in-memory state on its next flush.
    """
    ended = 0
    for handler in _conversation_handlers(app):
        if name is not None and handler.name != name:
            continue
        for key in list(handler._conversations):
            if user_id in key and (chat_id is None or key[0] == chat_id):
                handler._update_state(ConversationHandler.END, key)
                ended += 1
    return ended
