"""Asking back last week's "who will you call or meet" (bot.domain.weekly.reads_as_names)."""

from __future__ import annotations

import pytest

from bot.domain.weekly import reads_as_names


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Ana", True),
        ("Ana and Ben", True),
        ("my old boss Tom", True),
        ("", False),
        ("I'll email Ana from Acme about a referral", False),
        ("Ana. Maybe Ben", False),
        ("Ana?", False),
        ("Ana\nBen", False),
    ],
)
def test_names_are_asked_back_as_they_were_typed(text: str, short: bool) -> None:
    assert reads_as_names(text) is short
