"""Feedback tokens, giver hashes and adjectives: table tests and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import feedback as rules


def test_tokens_fit_a_start_parameter() -> None:
    for _ in range(200):
        param = rules.start_parameter(rules.new_token())
        assert len(param) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", param)
        assert rules.token_from_start(param) == param[3:]
    assert rules.deep_link("Bot", "abc_DEF-1234567890ab") == (
        "https://t.me/Bot?start=fb_abc_DEF-1234567890ab"
    )


@pytest.mark.parametrize(
    "argument",
    [None, "", "fb_", "fb_short", "xx_" + "A" * 32, "fb_" + "A" * 62, "fb_" + "A" * 31 + "/"],
)
def test_bad_start_arguments(argument: str | None) -> None:
    assert rules.token_from_start(argument) is None


def test_giver_hash_depends_on_salt_and_id() -> None:
    a = rules.giver_hash("salt1", 42)
    assert a == rules.giver_hash("salt1", 42)
    assert a != rules.giver_hash("salt2", 42) and a != rules.giver_hash("salt1", 43)
    assert "42" not in a[:0] and len(a) == 64


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("curious, reliable, direct", ["curious", "reliable", "direct"]),
        ("Curious; reliable and direct!", ["Curious", "reliable", "direct"]),
        ("kind smart funny", ["kind", "smart", "funny"]),
        ("hard working", ["hard working"]),
        ("calm\ncalm\nCALM", ["calm"]),
        ("a, b, c, d, e, f, g", ["a", "b", "c", "d", "e"]),
        (",,, ;", []),
        ("“Empathetic”, 'loyal'", ["Empathetic", "loyal"]),
    ],
)
def test_split_adjectives(typed: str, expected: list[str]) -> None:
    assert rules.split_adjectives(typed) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hard-working", "hardworking"),
        ("hard working", "HARD WORKING"),
        ("Organised", "organized"),
        ("very curious", "curious"),
        ("ｃａｌｍ", "calm"),
        ("reliable.", "reliable"),
    ],
)
def test_same_adjective(a: str, b: str) -> None:
    assert rules.adjective_key(a) == rules.adjective_key(b)


def test_ranking_merges_spellings_and_typos_but_not_different_words() -> None:
    ranked = rules.rank_adjectives(
        [
            ["Reliable", "curious", "formal"],
            ["relaible", "Curious", "normal"],  # a swap: the same word; formal/normal: not
            ["reliabe", "hard-working"],  # a dropped letter
            ["reliable", "reliable", "Hard working"],  # counted once per answer
        ]
    )
    assert [(r.word, r.count) for r in ranked] == [
        ("reliable", 4),
        ("curious", 2),
        ("hard working", 2),
        ("formal", 1),
        ("normal", 1),
    ]


def test_rank_texts_orders_by_count_then_text() -> None:
    found = rules.rank_texts(["Network more", None, "", "network more!", "Apply less"])
    assert found == [("Network more", 2), ("Apply less", 1)]


@given(st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=12))
def test_ranking_never_loses_or_invents_counts(answers: list[list[str]]) -> None:
    ranked = rules.rank_adjectives(answers)
    expected = sum(len({rules.adjective_key(a) for a in ans} - {""}) for ans in answers)
    assert sum(r.count for r in ranked) == expected
    assert ranked == sorted(ranked, key=lambda r: (-r.count, r.word))


@given(st.text(max_size=300))
def test_split_is_bounded(text: str) -> None:
    found = rules.split_adjectives(text)
    assert len(found) <= rules.MAX_ADJECTIVES
    assert all(0 < len(a) <= rules.ADJECTIVE_LIMIT for a in found)
    assert len({rules.adjective_key(a) for a in found}) == len(found)
