"""Typed answers where buttons are shown (bot.domain.answers)."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import answers
from bot.domain.answers import Word, parse_count, parse_scale, parse_time_answer, parse_word
from bot.domain.parsing import parse_time_of_day
from bot.domain.phrases import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # skip: typed is a skip, never an answer
        ("skip", Word.SKIP),
        ("Skip", Word.SKIP),
        ("SKIP", Word.SKIP),
        ("Skip.", Word.SKIP),
        ("skip!!", Word.SKIP),
        ("  skip  ", Word.SKIP),
        ("skip it", Word.SKIP),
        ("Skip this one please", Word.SKIP),
        ("skip for now", Word.SKIP),
        ("please skip", Word.SKIP),
        ("ok skip", Word.SKIP),
        ("skiiip", Word.SKIP),
        ("pass", Word.SKIP),
        ("n/a", Word.SKIP),
        ("N/A", Word.SKIP),
        ("/skip", Word.SKIP),
        # cancel
        ("cancel", Word.CANCEL),
        ("Cancel.", Word.CANCEL),
        ("never mind", Word.CANCEL),
        ("nvm", Word.CANCEL),
        ("stop", Word.CANCEL),
        # yes / no
        ("yes", Word.YES),
        ("Yes!", Word.YES),
        ("YES PLEASE", Word.YES),
        ("yeah", Word.YES),
        ("yesss", Word.YES),
        ("ok", Word.YES),
        ("Sure.", Word.YES),
        ("👍", Word.YES),
        ("no", Word.NO),
        ("No.", Word.NO),
        ("nope", Word.NO),
        ("nah", Word.NO),
        ("no thanks", Word.NO),
        ("Not now", Word.NO),
        ("nooo", Word.NO),
        # days
        ("today", Word.TODAY),
        ("Today!", Word.TODAY),
        ("tonight", Word.TODAY),
        ("tomorrow", Word.TOMORROW),
        ("Tomorrow.", Word.TOMORROW),
        ("tmrw", Word.TOMORROW),
        ("tommorow", Word.TOMORROW),  # the usual misspelling
        ("tomorow", Word.TOMORROW),
        ("this week", Word.THIS_WEEK),
        # the other buttons
        ("done", Word.DONE),
        ("Done ✅", Word.DONE),
        ("that's all", Word.DONE),
        ("not yet", Word.NOT_YET),
        ("later", Word.NOT_YET),
        ("continue", Word.CONTINUE),
        ("start over", Word.START_OVER),
        # other languages (a first list)
        ("Sí", Word.YES),
        ("nein", Word.NO),
        ("saltar", Word.SKIP),
        ("mañana", Word.TOMORROW),
        ("amanhã", Word.TOMORROW),
        ("сегодня", Word.TODAY),
        ("Отмена", Word.CANCEL),
        # answers, not button words
        ("Skipping lunch helped me focus", None),
        ("I talked to two recruiters", None),
        ("yes, I followed up with Acme and they replied", None),
        ("no idea", None),
        ("tomorrow I will call Anna", None),
        ("4", None),
        ("", None),
        ("thanks", None),
    ],
)
def test_parse_word(text: str, expected: Word | None) -> None:
    assert parse_word(text) == expected


def test_vocabulary_is_unambiguous() -> None:
    seen: dict[str, Word] = {}
    for word, variants in answers._VOCABULARY.items():
        for variant in variants:
            key = normalise(variant)
            assert seen.setdefault(key, word) is word, (variant, seen[key], word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 4),
        (" 4 ", 4),
        ("4.", 4),
        ("4!", 4),
        ("4/5", 4),
        ("4 / 5", 4),
        ("4 out of 5", 4),
        ("4 of 5", 4),
        ("a 4", 4),
        ("maybe a 4", 4),
        ("I'd say 3", 3),
        ("four", 4),
        ("Four.", 4),
        ("FIVE", 5),
        ("１", 1),  # full-width digit
        ("4️⃣", 4),  # keycap emoji
        ("4.0", 4),
        ("5", 5),
        ("1", 1),
        # refused
        ("0", None),
        ("6", None),
        ("10", None),
        ("3.5", None),
        ("4-5", None),
        ("5/10", None),
        ("10/10", None),
        ("4/4", None),
        ("-1", None),
        ("four or five", None),
        ("very hard", None),
        ("skip", None),
        ("", None),
    ],
)
def test_parse_scale(text: str, expected: int | None) -> None:
    assert parse_scale(text) == expected


def test_parse_scale_other_range() -> None:
    assert parse_scale("7/10", low=0, high=10) == 7
    assert parse_scale("0", low=0, high=10) == 0
    assert parse_scale("7/5", low=0, high=10) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("0", 0),
        ("12", 12),
        ("three", 3),
        ("Twenty", 20),
        ("none", 0),
        ("zero.", 0),
        ("3 applications", None),
        ("-2", None),
        ("1000", None),
        ("a few", None),
        ("", None),
    ],
)
def test_parse_count(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms of issue 13: onboarding takes what /settings takes
        ("7:30", time(7, 30)),
        ("19:30", time(19, 30)),
        ("6:30pm", time(18, 30)),
        ("6pm", time(18, 0)),
        ("6 PM", time(18, 0)),
        ("18:00", time(18, 0)),
        # and as people type them in a chat
        ("7:30.", time(7, 30)),
        ("at 7:30", time(7, 30)),
        ("At 6pm!", time(18, 0)),
        ("around 9", time(9, 0)),
        ("7 o'clock", time(7, 0)),
        ("7 o’clock in the evening", time(19, 0)),
        ("7:30 in the evening", time(19, 30)),
        ("8 in the morning", time(8, 0)),
        ("12 in the afternoon", time(12, 0)),
        ("12 at night", time(0, 0)),
        ("19:30 in the evening", time(19, 30)),
        ("noon", time(12, 0)),
        # refused
        ("19:30 in the morning", None),
        ("25:00", None),
        ("7:5", None),
        ("seven thirty", None),
        ("sunday", None),
        ("", None),
    ],
)
def test_parse_time_answer(text: str, expected: time | None) -> None:
    assert parse_time_answer(text) == expected


@pytest.mark.parametrize("text", ["7:30", "19:30", "6:30pm", "6pm"])
def test_settings_parser_takes_the_issue_times(text: str) -> None:
    """parse_time_of_day (used by /settings) already accepts these; onboarding can too."""
    assert parse_time_of_day(text) == parse_time_answer(text) is not None


@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    assert parse_word(text) in (None, *Word)
    scale = parse_scale(text)
    assert scale is None or 1 <= scale <= 5
    count = parse_count(text)
    assert count is None or 0 <= count <= 999
    parse_time_answer(text)
