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


# --- the other languages: one table each, with the false friends that must not count

WORDS_BY_LANGUAGE: dict[str, list[tuple[str, Word | None]]] = {
    "es": [
        ("sí", Word.YES),
        ("si", Word.YES),  # typed without the accent
        ("Sí, claro", Word.YES),
        ("claro", Word.YES),
        ("vale", Word.YES),
        ("no", Word.NO),  # Spanish "no" is a no too
        ("No, gracias", Word.NO),
        ("ahora no", Word.NO),
        ("saltar", Word.SKIP),
        ("cancelar", Word.CANCEL),
        ("listo", Word.DONE),
        ("todavía no", Word.NOT_YET),
        ("hoy", Word.TODAY),
        ("mañana", Word.TOMORROW),
        ("manana", Word.TOMORROW),
        ("esta semana", Word.THIS_WEEK),
        ("empezar de nuevo", Word.START_OVER),
        ("pronto", None),  # "soon" in Spanish, "done" in Portuguese: not taken
        ("jaja", None),  # laughter, not the German "ja"
        ("pasado mañana", None),  # the day after tomorrow
        ("por la mañana", None),  # "in the morning"
        ("sin", None),
    ],
    "pt": [
        ("sim", Word.YES),
        ("claro que sim", Word.YES),
        ("com certeza", Word.YES),
        ("não", Word.NO),
        ("nao", Word.NO),
        ("Não, obrigado", Word.NO),
        ("pular", Word.SKIP),
        ("cancelar", Word.CANCEL),
        ("feito", Word.DONE),
        ("ainda não", Word.NOT_YET),
        ("hoje", Word.TODAY),
        ("amanhã", Word.TOMORROW),
        ("esta semana", Word.THIS_WEEK),
        ("continuar", Word.CONTINUE),
        ("começar de novo", Word.START_OVER),
        ("pronto", None),
        ("nada", None),  # "nothing": a count (0), not a word of a button
    ],
    "de": [
        ("ja", Word.YES),
        ("Ja!", Word.YES),
        ("na klar", Word.YES),
        ("gerne", Word.YES),
        ("nein", Word.NO),
        ("nein danke", Word.NO),
        ("nö", Word.NO),
        ("überspringen", Word.SKIP),
        ("ueberspringen", None),  # "ue" is not read as "ü"
        ("abbrechen", Word.CANCEL),
        ("fertig", Word.DONE),
        ("noch nicht", Word.NOT_YET),
        ("heute", Word.TODAY),
        ("morgen", Word.TOMORROW),
        ("diese Woche", Word.THIS_WEEK),
        ("weiter", Word.CONTINUE),
        ("von vorne", Word.START_OVER),
        ("nie", None),  # "never" (and Polish "no"): not a "no" to a button
        ("Guten Morgen", None),  # a greeting, not "tomorrow"
        ("jein", None),
    ],
    "ru": [
        ("да", Word.YES),
        ("Да!", Word.YES),
        ("конечно", Word.YES),
        ("ага", Word.YES),
        ("нет", Word.NO),
        ("нет, спасибо", Word.NO),
        ("да нет", Word.NO),  # "yes no" is a "no"
        ("пропустить", Word.SKIP),
        ("отмена", Word.CANCEL),
        ("готово", Word.DONE),
        ("ещё нет", Word.NOT_YET),
        ("пока нет", Word.NOT_YET),
        ("сегодня", Word.TODAY),
        ("завтра", Word.TOMORROW),
        ("на этой неделе", Word.THIS_WEEK),
        ("продолжить", Word.CONTINUE),
        ("заново", Word.START_OVER),
        ("послезавтра", None),  # the day after tomorrow
        ("да ладно", None),  # "come on", not a yes
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [(lang, *row) for lang, rows in WORDS_BY_LANGUAGE.items() for row in rows],
)
def test_parse_word_by_language(language: str, text: str, expected: Word | None) -> None:
    assert parse_word(text) is expected, (language, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cuatro", 4),
        ("4 de 5", 4),
        ("un 3", 3),
        ("cinco", 5),
        ("quatro", 4),
        ("duas", 2),
        ("4 de 5", 4),
        ("vier", 4),
        ("4 von 5", 4),
        ("fünf", 5),
        ("funf", 5),
        ("четыре", 4),
        ("4 из 5", 4),
        ("пять", 5),
        ("seis", None),  # out of 1-5
        ("4 von 10", None),
        ("once", None),  # Spanish eleven, English "one time": never a number here
    ],
)
def test_parse_scale_by_language(text: str, expected: int | None) -> None:
    assert parse_scale(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tres", 3),
        ("ninguna", 0),
        ("nada", 0),
        ("dois", 2),
        ("nenhum", 0),
        ("zwei", 2),
        ("keine", 0),
        ("zwölf", 12),
        ("три", 3),
        ("ни одного", 0),
        ("ноль", 0),
        ("um", None),  # Portuguese one, English hesitation: not taken
    ],
)
def test_parse_count_by_language(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a las 18", time(18, 0)),
        ("a las 18:30", time(18, 30)),
        ("a las 6 de la tarde", time(18, 0)),
        ("a las 8 de la mañana", time(8, 0)),
        ("a las 10 de la noche", time(22, 0)),
        ("a las 3 de la madrugada", time(3, 0)),
        ("mediodía", time(12, 0)),
        ("às 18h", time(18, 0)),
        ("as 18h30", time(18, 30)),
        ("7 da noite", time(19, 0)),
        ("meia-noite", time(0, 0)),
        ("18 horas", time(18, 0)),
        ("um 18 Uhr", time(18, 0)),
        ("18 Uhr 30", time(18, 30)),
        ("18.30 Uhr", time(18, 30)),
        ("gegen 9 Uhr", time(9, 0)),
        ("um 7 abends", time(19, 0)),
        ("8 Uhr morgens", time(8, 0)),
        ("Mitternacht", time(0, 0)),
        ("в 18:00", time(18, 0)),
        ("в 6 вечера", time(18, 0)),
        ("в 9 утра", time(9, 0)),
        ("в 2 ночи", time(2, 0)),
        ("в 12 дня", time(12, 0)),
        ("18 часов", time(18, 0)),
        ("около 7", time(7, 0)),
        ("в полдень", time(12, 0)),
        # refused
        ("a las 25", None),
        ("в 19 утра", None),
        ("um", None),
        ("mañana", None),
        ("halb sieben", None),  # not understood: the buttons remain
    ],
)
def test_parse_time_answer_by_language(text: str, expected: time | None) -> None:
    assert parse_time_answer(text) == expected
