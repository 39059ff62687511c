"""What every flow shares: typed answers at every step, and the registry of flows."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from typing import Any

from telegram import Chat, Message, Update, User
from telegram.ext import ConversationHandler

from bot.flows import checkin, data, feedback, focus, onboarding, reframe, rejection, settings, win
from bot.flows.common import FLOWS
from bot.ui import texts


def _built(build: object) -> ConversationHandler[Any]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message=False.*")
        assert callable(build)
        found = build()
    assert isinstance(found, ConversationHandler)
    return found


def _typed(text: str) -> Update:
    chat = Chat(7, Chat.PRIVATE)
    message = Message(1, datetime(2026, 11, 25, tzinfo=UTC), chat, from_user=User(7, "A", False))
    return Update(1, message=Message.de_json(message.to_dict() | {"text": text}, None))


def test_every_step_takes_typed_answers() -> None:
    """Typed answers count wherever buttons are shown: every state of every flow has a
    handler for a typed message (issue 13), besides "cancel" typed."""
    builds = (
        rejection.conversation,
        reframe.conversation,
        onboarding.conversation,
        settings.conversation,
        data.conversation,
        checkin.conversation,
        feedback.conversation,
        feedback.giver_conversation,
        focus.conversation,
        win.conversation,
    )
    for build in builds:
        conversation = _built(build)
        for state, handlers in conversation.states.items():
            for text in ("4", "yes", "a few words"):
                takers = [h for h in handlers[1:] if h.check_update(_typed(text))]
                assert takers, f"{conversation.name}: {state} takes no typed {text!r}"
            assert handlers[0].check_update(_typed("Cancel")), f"{conversation.name}: {state}"


def test_every_flow_has_a_label_and_a_prefix_of_its_own() -> None:
    assert {f.name for f in FLOWS.values()} == set(FLOWS)
    assert set(FLOWS) <= set(texts.FLOW_NAMES)  # "Left the {label}" never shows a name
    prefixes = [f.prefix for f in FLOWS.values()]
    assert len(prefixes) == len(set(prefixes))
