"""The normal form of typed text and rules in plain spelling (bot.domain.phrases)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.phrases import END, compile_any, compile_phrase, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I CAN’T go on", "i cant go on"),
        ("can't", "cant"),
        ("Sooo tired…", "so tired"),
        ("killl   myselfff", "kil myself"),
        ("end. it! all?", "end . it . al"),
        ("k1ll mys3lf", "kil myself"),
        ("$uicidal", "suicidal"),
        ("want 2 die", "want to die"),
        ("want2die", "want to die"),
        ("applied to 2 jobs", "aplied to 2 jobs"),  # a count stays a count
        ("4/5 and 2.5", "4 5 and 2 . 5"),
        ("every1 is better w/o me", "everyone is beter without me"),
        ("Ｆｕｌｌ", "ful"),
        ("Ёлка ПРИВЕТ", "елка привет"),
        ("déjà vu", "deja vu"),
        ("Große Straße", "grose strase"),  # "ß" is "ss", squeezed like any double letter
        ("AÇÃO, não", "acao nao"),
        ("mañana, España", "manana espana"),
        ("мой бой, всё", "мои бои все"),  # "й" and "ё" lose their marks (rules too)
        ("Müller über", "muler uber"),
        ("line one\nline two", "line one . line two"),
        ("🙁🙁", ""),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@given(st.text(max_size=300))
def test_normal_form_alphabet(text: str) -> None:
    read = normalise(text)
    assert read == read.strip(" .") and "  " not in read
    assert all(c.isalnum() or c in " ." for c in read), read


@pytest.mark.parametrize(
    ("rule", "text", "matches"),
    [
        ("kill myself", "killl myself", True),  # squeezed like the text
        ("kill myself", "killmyself", True),  # spaces optional
        ("kill myself", "skill myself", False),  # whole words
        ("want to die", "iwanttodie", False),  # "want" does not start a word here
        ("i want to die", "iwanttodie", True),  # squeezed "iwantodie": the t is shared
        ("wake up(?! (?:to|at))", "wake up tomorrow", True),  # lookaheads are whole words
        ("wake up(?! (?:to|at))", "wake up at 6", False),
        (f"end it{END}", "i want to end it. now", True),
        (f"end it{END}", "end it with him", False),
        ("is it all over", "is it all. over", False),  # never across a sentence end
        ("große", "GROSSE", True),  # a rule is folded like the text
        ("sueño", "sueno", True),
        ("мой", "мои", True),
        ("ещё", "еще", True),
    ],
)
def test_compile_phrase(rule: str, text: str, matches: bool) -> None:
    assert bool(compile_phrase(rule).search(normalise(text))) is matches


def test_compile_any() -> None:
    masks = compile_any(["career suicide", "suicide (?:mission|squad)"])
    assert masks.sub("#", normalise("Career suicide. A suicide mission!")) == "# . a #"
