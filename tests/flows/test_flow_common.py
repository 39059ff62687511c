"""What Flow derives by itself: which steps expect a button, and its registry of flows."""

from __future__ import annotations

import warnings

from bot.flows import checkin, data, feedback, focus, onboarding, reframe, rejection, settings, win
from bot.flows.common import FLOWS, RESUME, Flow
from bot.ui import texts


def _built(flow: Flow, build: object) -> frozenset[object]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message=False.*")
        assert callable(build)
        build()
    return flow.button_states


def test_steps_without_a_message_handler_expect_a_button() -> None:
    """The sets each flow used to list by hand, now derived from its states."""
    expected: list[tuple[Flow, set[str], object]] = [
        (rejection.flow, {RESUME, rejection.KIND, rejection.HURT}, rejection.conversation),
        (
            reframe.flow,
            {RESUME, reframe.WHEN, reframe.PICK, reframe.HURT_AFTER},
            reframe.conversation,
        ),
        (
            onboarding.flow,
            {onboarding.TZ_CONFIRM, onboarding.CHECKIN, onboarding.DAY, onboarding.HOUR},
            onboarding.conversation,
        ),
        (settings.flow, {settings.DAY}, settings.conversation),
        (data.flow, {data.CONFIRM}, data.conversation),
        (checkin.flow, {RESUME, checkin.PLANS}, checkin.conversation),
        (feedback.flow, set(), feedback.conversation),
        (feedback.giver, {feedback.INTRO, feedback.PREVIEW}, feedback.giver_conversation),
        (focus.flow, set(), focus.conversation),
        (win.flow, set(), win.conversation),
    ]
    for flow, states, build in expected:
        assert _built(flow, build) == states, flow.name


def test_every_flow_has_a_label_and_a_prefix_of_its_own() -> None:
    assert {f.name for f in FLOWS.values()} == set(FLOWS)
    assert set(FLOWS) <= set(texts.FLOW_NAMES)  # "Left the {label}" never shows a name
    prefixes = [f.prefix for f in FLOWS.values()]
    assert len(prefixes) == len(set(prefixes))
