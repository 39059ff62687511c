"""Typed answers where buttons are shown: a typed answer counts.

Each step knows what it offers, so each kind of answer has its own parser, and each returns
None for anything it does not understand (the flow then says what it accepts):

* :func:`parse_word`: the words on our buttons and their everyday variants, any case, with
  punctuation, politeness or an emoji around them: "Skip.", "SKIP", "skip it please",
  "yes!", "nope", "👍", "tmrw" -> :class:`Word`. A step with a Skip button must check this
  before taking text as an answer: "Skip" typed is a skip, never an answer.
* :func:`parse_scale`: "4", "4/5", "4 out of 5", "a 4", "four", "４", "4️⃣" -> 4 on a
  1–5 scale (another range on request); "3.5", "4-5", "0", "5/10" -> None.
* :func:`parse_count`: "3", "three", "none", "zero" -> a count from 0.
* :func:`parse_time_answer`: what :func:`bot.domain.parsing.parse_time_of_day` accepts
  ("7:30", "19:30", "6:30pm", "6pm", "noon"), also with "at"/"around" before it, "o'clock",
  "in the morning/evening" or a full stop after it.

Besides English, the five languages of PRODUCT.md have their yes/no/skip/cancel/today/
tomorrow words (a first list, for the day the buttons are translated).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import StrEnum
from typing import Final

from bot.domain.parsing import parse_time_of_day
from bot.domain.phrases import normalise

__all__ = ["Word", "parse_count", "parse_scale", "parse_time_answer", "parse_word"]


class Word(StrEnum):
    YES = "yes"
    NO = "no"
    SKIP = "skip"
    CANCEL = "cancel"
    DONE = "done"  # "✅ Done" (a plan), "Done" (the list of successes)
    NOT_YET = "not_yet"  # "⏳ Not yet"
    TODAY = "today"
    TOMORROW = "tomorrow"
    THIS_WEEK = "this_week"
    CONTINUE = "continue"  # "Continue where you left off?"
    START_OVER = "start_over"


_VOCABULARY: Final[dict[Word, tuple[str, ...]]] = {
    Word.YES: (
        "yes", "y", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "k", "of course",
        "definitely", "absolutely", "correct", "right", "yes please", "please do", "do it",
        "go ahead", "sounds good", "si", "sim", "ja", "да",
    ),
    Word.NO: (
        "no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not really", "nay",
        "nao", "nein", "нет",
    ),
    Word.SKIP: (
        "skip", "skip it", "skip this", "skip this one", "skip that", "skip for now",
        "skip question", "skip this question", "pass", "next", "n a", "saltar", "omitir",
        "pular", "uberspringen", "пропустить", "пропуск",
    ),
    Word.CANCEL: (
        "cancel", "cancel it", "cancel that", "stop", "quit", "exit", "abort", "never mind",
        "nevermind", "nvm", "forget it", "cancelar", "abbrechen", "отмена", "отменить",
    ),
    Word.DONE: (
        "done", "finished", "thats all", "thats it", "all done", "im done", "i am done",
        "nothing else", "no more", "listo", "pronto", "fertig", "готово",
    ),
    Word.NOT_YET: ("not yet", "later", "not done", "not done yet", "still working on it"),
    Word.TODAY: ("today", "tonight", "this evening", "hoy", "hoje", "heute", "сегодня"),
    Word.TOMORROW: ("tomorrow", "tmrw", "tmr", "tommorow", "manana", "amanha", "morgen", "завтра"),
    Word.THIS_WEEK: (
        "this week", "later this week", "sometime this week", "esta semana", "diese woche",
        "на этой неделе",
    ),
    Word.CONTINUE: (
        "continue", "carry on", "resume", "go on", "keep going", "continuar", "weiter",
        "продолжить",
    ),
    Word.START_OVER: (
        "start over", "restart", "start again", "begin again", "from scratch", "start fresh",
        "empezar de nuevo", "recomecar", "neu anfangen", "заново",
    ),
}  # fmt: skip
_WORDS: Final = {normalise(v): word for word, variants in _VOCABULARY.items() for v in variants}
_EMOJI: Final = {"👍": "yes", "✅": "done", "👎": "no", "❌": "no", "⏭": "skip", "⏳": "not yet"}
_POLITE: Final = re.compile(
    r"^(?:(?:ok|okay|um|uh|hmm|well|please|pls|plz|just|oh) )+|(?: (?:please|pls|plz|thanks"
    r"|thank you|thx|ty|for now))+$"
)

_NUMBER_NAMES: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
_NUMBERS: Final = {normalise(name): n for n, name in enumerate(_NUMBER_NAMES)} | {
    "none": 0,
    "no": 0,
    "nothing": 0,
}
_KEYCAP: Final = re.compile("[\ufe0f\u20e3]")
_SCALE: Final = re.compile(
    r"^(?:(?:a|an|maybe|about|around|like|probably|prob|id say|say|its|it is|its a|a solid)"
    r"\s+)*(?P<n>\d{1,3}|[a-z]+)(?:\.0)?(?:\s*(?:/|out of|of)\s*(?P<of>\d{1,3}|[a-z]+))?$"
)
_TIME_LEAD: Final = re.compile(r"^(?:at|around|about|by|maybe|say|like|ca\.?|approx\.?)\s+")
_TIME_TAIL: Final = re.compile(r"[\s.!,;]+$")
_OCLOCK: Final = re.compile(r"\s*o\s*['’]?\s*clock\b")
_HALF_OF_DAY: Final = re.compile(
    r"^(?P<at>.+?)\s+(?:in the |at )(?P<part>morning|afternoon|evening|night)$"
)


def _clean(text: str) -> str:
    """Case, width, keycaps and the punctuation around a short answer off; spaces single."""
    t = unicodedata.normalize("NFKC", _KEYCAP.sub("", text)).casefold().strip()
    t = t.replace("'", "").replace("’", "")
    t = re.sub(r"[\s.!?,;:)(\"'’“”«»…]+$", "", t)
    t = re.sub(r"^[\s.!?,;:)(\"'’“”«»…]+", "", t)
    return " ".join(t.split())


def parse_word(text: str) -> Word | None:
    """One of our button words, typed; None for anything longer or different."""
    stripped = text.strip()
    if stripped in _EMOJI:
        return _WORDS[normalise(_EMOJI[stripped])]
    read = normalise(text.removeprefix("/"))
    if len(read) > 40:
        return None
    read = _POLITE.sub("", read).strip()
    return _WORDS.get(read)


def _number(token: str) -> int | None:
    # isdecimal, not isdigit: "፩" (Ethiopic one) and "²" are digits that int() refuses.
    if token.isdecimal():
        return int(token)
    return _NUMBERS.get(normalise(token))


def parse_scale(text: str, low: int = 1, high: int = 5) -> int | None:
    """A whole number from ``low`` to ``high``: "4", "4/5", "4 out of 5", "four"."""
    m = _SCALE.match(_clean(text))
    if m is None:
        return None
    value = _number(m.group("n"))
    if m.group("of") is not None and _number(m.group("of")) != high:
        return None
    if value is None or not low <= value <= high:
        return None
    return value


def parse_count(text: str, high: int = 999) -> int | None:
    """A count from 0 to ``high``: "3", "three", "none", "zero"."""
    cleaned = _clean(text)
    value = _number(cleaned) if cleaned else None
    if value is None or value > high:
        return None
    return value


def parse_time_answer(text: str) -> time | None:
    """A time of day as typed where hour buttons are shown: "7:30", "at 6:30pm", "7 o'clock"."""
    t = _TIME_TAIL.sub("", " ".join(text.strip().casefold().split()))
    t = _TIME_LEAD.sub("", t)
    t = _OCLOCK.sub("", t)
    m = _HALF_OF_DAY.match(t)
    if m is None:
        return parse_time_of_day(t)
    at, part = parse_time_of_day(m.group("at")), m.group("part")
    if at is None or at.hour == 0 or (at.hour > 12 and part == "morning"):
        return None
    if at.hour > 12:  # "19:30 in the evening"
        return at
    if part == "morning" or (part == "night" and at.hour == 12):  # "12 at night" is midnight
        return time(at.hour % 12, at.minute)
    if part == "afternoon" and at.hour == 12:
        return at
    return time(at.hour % 12 + 12, at.minute)
