"""The self-harm phrase check: a small list, tested both ways."""

from __future__ import annotations

import pytest

from bot.domain.safety import suggests_self_harm


@pytest.mark.parametrize(
    "text",
    [
        "Honestly I want to die after this one",
        "I keep thinking about killing myself",
        "sometimes I think about ending it all",
        "I'm SUICIDAL",
        "I can’t go on like this",
        "there's no reason to live",
        "I might hurt myself",
        "thinking of self-harm again",
        "I don't want to be alive anymore",
    ],
)
def test_flags(text: str) -> None:
    assert suggests_self_harm(text)


@pytest.mark.parametrize(
    "text",
    [
        "This rejection killed my mood",
        "The interview was a killer",
        "I'd die for that job (figuratively)",
        "ending the call early was my mistake",
        "I hurt my chances by being late",
        "Suite of tests at the assessment",
        "",
    ],
)
def test_does_not_flag(text: str) -> None:
    assert not suggests_self_harm(text)
