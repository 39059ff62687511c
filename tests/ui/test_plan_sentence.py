"""The if-then sentence, in the person's language (bot.ui.texts.plan_sentence)."""

from __future__ import annotations

import pytest

from bot.ui import texts
from bot.ui.i18n import use_language


@pytest.mark.parametrize(
    ("if_do", "then", "expected"),
    [
        ("call Anna", "she knows", "If I call Anna, then she knows."),
        ("If I call Anna.", "then she knows!", "If I call Anna, then she knows."),
        ("I'll call Anna", "… then she knows", "If I call Anna, then she knows."),
        ("if I do call Anna", "...then she knows", "If I call Anna, then she knows."),
    ],
)
def test_sentence(if_do: str, then: str, expected: str) -> None:
    assert texts.plan_sentence(if_do, then) == expected


def test_the_sentence_is_in_the_current_language() -> None:
    with use_language("de"):
        german = texts.plan_sentence("Anna anrufe", "weiß sie es")
    assert "Anna anrufe" in german and "weiß sie es" in german
    assert german != texts.plan_sentence("Anna anrufe", "weiß sie es")  # English frame
