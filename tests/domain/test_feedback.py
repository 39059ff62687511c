"""Feedback tokens, giver hashes and adjectives: table tests and properties."""

from __future__ import annotations

import hashlib
import random
import re
from datetime import UTC, datetime

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


KEY = b"k" * 32


def test_giver_hash_depends_on_key_salt_and_id() -> None:
    a = rules.giver_hash(KEY, "salt1", 42)
    assert a == rules.giver_hash(KEY, "salt1", 42) and len(a) == 64
    assert a != rules.giver_hash(KEY, "salt2", 42) and a != rules.giver_hash(KEY, "salt1", 43)
    assert a != rules.giver_hash(b"another key", "salt1", 42)


def test_giver_hash_cannot_be_recomputed_from_the_database_alone() -> None:
    """The salt and the ids are in the database; without the key the hash is out of reach
    (it used to be sha256(salt:id), found by hashing every id in ``users``)."""
    unkeyed = hashlib.sha256(b"salt1:42").hexdigest()
    assert rules.giver_hash(KEY, "salt1", 42) != unkeyed
    with pytest.raises(ValueError, match="server key"):
        rules.giver_hash(b"", "salt1", 42)


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


# --- what the seeker sees (/feedback and /export alike) -------------------------------------
def answer(better: str | None = None, *adjectives: str, other: str | None = None) -> rules.Answer:
    return rules.Answer(do_better=better, adjectives=adjectives, other=other)


def test_no_results_until_three_people_answered() -> None:
    two = [answer("Network more", "kind"), answer("Apply less", "calm")]
    assert rules.MIN_SHOWN == 3
    assert rules.results([]) is None and rules.results(two) is None
    shown = rules.results([*two, answer(None, "kind")])
    assert shown is not None and shown.answered == 3
    assert [(a.word, a.count) for a in shown.adjectives] == [("kind", 2), ("calm", 1)]


def test_results_never_hold_words_that_read_as_distress() -> None:
    shown = rules.results(
        [
            answer("I want to kill myself, sorry", other="I don't want to live anymore"),
            answer("Network more", other="Rest"),
            answer("network more!"),
        ]
    )
    assert shown is not None
    assert shown.do_better == (("Network more", 2),)
    assert shown.other == (("Rest", 1),)


def test_results_most_frequent_first_then_in_no_fixed_order() -> None:
    """Texts given equally often come shuffled, never in the order the answers arrived."""
    answers = [answer(text) for text in ("Zed", "Yes", "Ask", "Bold", "Ask")]
    orders = set()
    for seed in range(40):
        shown = rules.results(answers, random.Random(seed))
        assert shown is not None
        assert shown.do_better[0] == ("Ask", 2)
        assert sorted(shown.do_better[1:]) == [("Bold", 1), ("Yes", 1), ("Zed", 1)]
        orders.add(shown.do_better[1:])
    assert len(orders) > 1


@pytest.mark.parametrize(
    ("now", "zone", "due"),
    [
        # Wednesday noon UTC: 19:00 Berlin (18:00 UTC) the same day.
        (datetime(2026, 11, 25, 12, 0, tzinfo=UTC), "Europe/Berlin", "2026-11-25 18:00"),
        # After 19:00 there: the next day's.
        (datetime(2026, 11, 25, 18, 0, tzinfo=UTC), "Europe/Berlin", "2026-11-26 18:00"),
        # 18:30 in New York: half an hour later.
        (datetime(2026, 11, 25, 23, 30, tzinfo=UTC), "America/New_York", "2026-11-26 00:00"),
    ],
)
def test_answers_note_once_a_day_at_seven_pm(now: datetime, zone: str, due: str) -> None:
    assert f"{rules.next_answers_note_due(now, zone):%Y-%m-%d %H:%M}" == due


# --- plain string work: the same answers as the regexes it replaced, in linear time ----------
_OLD_SPLIT = re.compile(r"\s*(?:[,;/|•·\n]|\band\b|&|\s-\s)\s*", re.IGNORECASE)
_OLD_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _old_split(text: str) -> list[str]:
    """split_adjectives' first step as it was (regexes), to compare against."""
    parts = [" ".join(_OLD_EDGE.sub("", p).split()) for p in _OLD_SPLIT.split(text)]
    return [p for p in parts if p]


@given(st.text(alphabet="ab nd,;/|&-\n.!_AND", max_size=40))
def test_splitting_agrees_with_the_old_regexes(text: str) -> None:
    new = [p for p in (rules._clean(p) for p in rules._pieces(text)) if p]
    assert new == _old_split(text)


@pytest.mark.timeout(60)
def test_long_runs_of_spaces_and_punctuation_are_read_at_once() -> None:
    """Inputs that took minutes with the regexes (each start in a long run of spaces was
    tried again): the same answers now, read in one pass."""
    spaces = " " * 100_000
    assert rules.split_adjectives(f"kind{spaces}smart") == ["kind smart"]
    assert rules.split_adjectives(f"kind{spaces},{spaces}smart") == ["kind", "smart"]
    marks = "!" * 100_000
    assert rules.adjective_key(f"{marks}x{marks}y{marks}") == f"x{marks}y"
    assert rules.rank_texts([f"a{spaces}b", "a b"]) == [(f"a{spaces}b", 2)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # a typo two givers share still loses to the dictionary word (the "curios ×2")
        ([["curios"], ["curious"]], [rules.RankedAdjective("curious", 2)]),
        ([["curios"], ["curios"], ["curious"]], [rules.RankedAdjective("curious", 3)]),
        # not in the (English) word list: the spelling most givers used
        ([["neugierg"], ["neugierig"], ["Neugierig"]], [rules.RankedAdjective("neugierig", 3)]),
        # both spelled right: the one most givers used
        ([["organised"], ["organized"], ["organized"]], [rules.RankedAdjective("organized", 3)]),
        ([["Organised"], ["organised"], ["organized"]], [rules.RankedAdjective("organised", 3)]),
    ],
)
def test_the_shown_spelling_prefers_a_dictionary_word(
    answers: list[list[str]], expected: list[rules.RankedAdjective]
) -> None:
    assert rules.rank_adjectives(answers) == expected
