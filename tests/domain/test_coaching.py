"""Coaching rules: next steps per rejection kind, the "too thin" check, the first blank."""

from __future__ import annotations

import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.coaching import BELIEF_COUNT, NEXT_STEPS, as_first_blank, next_steps, too_thin
from bot.flows.reframe import BeliefIndex
from bot.flows.rejection import KINDS
from bot.ui import texts


@pytest.mark.parametrize(
    ("text", "thin"),
    [
        # fillers, in any case and with signs around them
        ("thanks", True),
        ("Thanks!", True),
        ("thank you", True),
        ("ok", True),
        ("OK.", True),
        ("okay 👍", True),
        ("yes", True),
        ("Yep", True),
        ("no", True),
        ("idk", True),
        ("I don't know", True),
        ("I don’t know…", True),
        ("nothing", True),
        ("gracias", True),
        ("Danke", True),
        ("weiß nicht", True),
        ("спасибо", True),
        ("Да", True),
        ("não sei", True),
        # no letters at all
        (".", True),
        ("...", True),
        ("?", True),
        ("👍", True),
        ("-", True),
        ("42", True),
        # one word of two letters or fewer
        ("go", True),
        ("x", True),
        # something to do or hope for
        ("call Jo", False),
        ("apply", False),
        ("email Ana", False),
        ("ask for feedback", False),
        ("I will get a call back", False),
        ("thanks Ana for the referral", False),
        ("ok so I'll call Ben", False),
        ("hear back", False),
        ("llamar a Ana", False),
        ("написать Ане", False),
    ],
)
def test_too_thin(text: str, thin: bool) -> None:
    assert too_thin(text) is thin


@given(st.text(max_size=300))
def test_too_thin_takes_any_text(text: str) -> None:
    assert too_thin(text) in (True, False)


SIGNS = st.characters(categories=("P", "Z")) | st.sampled_from("👍🙂✅❤️🔥🙏😅+=~^$€")


@given(st.text(alphabet=SIGNS, max_size=50))
def test_signs_alone_are_always_thin(text: str) -> None:
    assert too_thin(text)


@pytest.mark.parametrize(
    ("answer", "blank"),
    [
        ("Ask what concerns they had", "ask what concerns they had"),
        ("ask what concerns they had", "ask what concerns they had"),
        ("  Follow up after a week ", "follow up after a week"),
        ("CV rewrite for the role", "CV rewrite for the role"),
        ("I'll follow up", "I'll follow up"),
        ("I follow up", "I follow up"),
        ("ACME: talk to the team lead", "ACME: talk to the team lead"),
        ("", ""),
    ],
)
def test_as_first_blank(answer: str, blank: str) -> None:
    assert as_first_blank(answer) == blank


def test_every_kind_has_at_least_three_steps_with_words() -> None:
    for kind in KINDS:
        codes = next_steps(kind)
        assert len(codes) >= 3 and len(set(codes)) == len(codes), kind
        for code in codes:
            label, if_do, then = texts.NEXT_STEPS[code]
            assert label and if_do and then, code
            assert not too_thin(if_do) and not too_thin(then), code
    assert set(NEXT_STEPS) == set(KINDS)
    used = {code for codes in NEXT_STEPS.values() for code in codes}
    assert used == set(texts.NEXT_STEPS)  # no words without a kind that offers them


def test_article_tactics_are_offered_where_they_fit() -> None:
    assert "concerns" in next_steps("interview")
    assert "hiring_manager" in next_steps("recruiter")
    assert "resume" in next_steps("application")
    assert "memory" in next_steps("meeting")
    assert "send_anyway" in next_steps("other")
    assert next_steps(None) == next_steps("other")  # a plan without a rejection
    assert next_steps("unknown-kind") == next_steps("other")


def test_belief_suggestions() -> None:
    assert len(texts.BELIEF_SUGGESTIONS) == BELIEF_COUNT == len(typing.get_args(BeliefIndex))
    assert any("no" in s and "yes" in s for s in texts.BELIEF_SUGGESTIONS)
