"""Parse what users type in settings: a weekday, a time of day, or both, in any language
the bot speaks (English, Spanish, Portuguese, German, Russian).

Weekdays use Python's numbering, 0 = Monday ... 6 = Sunday (not PTB's 0 = Sunday).

Weekday names come from Babel's locale data (CLDR: the wide and abbreviated names of en,
es, pt_BR, de and ru, built on first use), plus the forms people type that CLDR does not
list: plurals and adverbs ("sundays", "domingos", "sonntags"), Portuguese without "-feira"
("segunda"), Russian cases ("в среду", "по пятницам"), and a preposition in front ("el
domingo", "am Sonntag", "no sábado", "в воскресенье"). CLDR's one- and two-letter "short"
names are left out: Spanish "DO" is Sunday where German "Do" is Thursday. Every language is
accepted whatever the person's setting (no two languages give one spelling two days).

Accepted times (:func:`parse_time_of_day`; 24 hours unless am/pm is given; surrounding
spaces and case ignored): "18:00", "18.30", "18h30", "18h", "18", "9", "0930", "930",
"6pm", "6 pm", "6:30 pm", "6.30p.m.", "12am" (00:00), "12pm" (12:00), "noon", "midnight";
any Unicode decimal digits count (full-width "１８:００" from CJK keyboards too). Rejected:
hours >= 24 ("24:00", "25:00", "99"), minutes >= 60, "13pm", "0am", seconds, and anything
else. :func:`parse_time_phrase` also takes a time as said in a sentence: "at 7", "7
o'clock in the evening", "a las 6 de la tarde", "às 18h", "um 18 Uhr", "в 6 вечера".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from functools import cache
from typing import Final

__all__ = [
    "WEEKDAY_NAMES",
    "parse_checkin_spec",
    "parse_time_of_day",
    "parse_time_phrase",
    "parse_weekday",
]

WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
LANGUAGES: Final = ("en", "es", "pt_BR", "de", "ru")

# What CLDR does not list (0 = Monday): short English forms, Russian cases after "в"/"по".
_EXTRA_DAYS: Final[dict[str, int]] = {
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
    "среду": 2,
    "пятницу": 4,
    "субботу": 5,
    "понедельникам": 0,
    "вторникам": 1,
    "средам": 2,
    "четвергам": 3,
    "пятницам": 4,
    "субботам": 5,
    "воскресеньям": 6,
}
# A word before the day that does not change it: "on", "el", "los", "no", "aos", "am", "в".
_DAY_LEAD: Final = re.compile(
    r"^(?:on|every|el|los|todos los|cada|no|nos|na|nas|aos|as|todas as|am|an|jeden|в|во|по"
    r"|каждое|каждый|каждую)\s+"
)


# Portuguese words before a day that are English words too ("no", "as").
_NOT_BEFORE_ENGLISH: Final = frozenset({"no", "nos", "na", "nas", "as", "aos"})


@cache
def _english_days() -> frozenset[str]:
    from babel import Locale

    days = Locale.parse("en").days["format"]
    names = {_key(n) for width in ("wide", "abbreviated") for n in days[width].values()}
    return frozenset(names | {n + "s" for n in names} | set(_EXTRA_DAYS))


def _key(text: str) -> str:
    """Case and accents off, "." and "," around it off, "-" a space: "Sáb." -> "sab"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").strip().strip(".,").split())


@cache
def _weekdays() -> dict[str, int]:
    """Every accepted spelling (as :func:`_key` gives it) -> 0..6; Babel is read once."""
    from babel import Locale

    names: dict[str, int] = {}
    for code in LANGUAGES:
        days = Locale.parse(code).days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for day, name in days[context][width].items():
                    key = _key(name)
                    names.setdefault(key, day)
                    if width == "wide":
                        names.setdefault(key + "s", day)  # "sundays", "domingos", "sonntags"
                        if key.endswith(" feira"):  # "segunda-feira" -> "segunda(s)"
                            short = key.removesuffix(" feira")
                            names.setdefault(short, day)
                            names.setdefault(short + "s", day)
    for spelling, day in _EXTRA_DAYS.items():
        names.setdefault(_key(spelling), day)
    return names


_TIME_RE: Final = re.compile(
    r"""^
    (?P<hour>\d{1,2})
    (?:
        (?:\s*[:.h]\s*)(?P<minute>\d{2})   # 18:00, 18.30, 18h30
      | (?P<compact>\d{2})                 # 0930, 930
      | \s*h                               # 18h
    )?
    \s*
    (?:(?P<ampm>[ap])\.?\s*(?:m\.?)?)?      # pm, p.m., p, am, a.m.
    $""",
    re.VERBOSE,
)
_WORDS: Final = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
# Noon and midnight in the other languages (as :func:`_key` spells them).
_PHRASE_WORDS: Final = {
    **_WORDS,
    "mediodia": time(12, 0),
    "medianoche": time(0, 0),
    "meio dia": time(12, 0),
    "meia noite": time(0, 0),
    "mittag": time(12, 0),
    "mitternacht": time(0, 0),
    "полдень": time(12, 0),
    "полночь": time(0, 0),
}
# Words before a time: "at 7", "a las 7", "às 7", "um 7", "в 7", "gegen 7", "около 7".
_TIME_LEAD: Final = re.compile(
    r"^(?:at|around|about|by|maybe|say|like|ca\.?|approx\.?|a las|a la|sobre las|hacia las"
    r"|tipo|as|por volta das|las|um|gegen|so um|ungefahr um|ungefahr|в|около|к)\s+"
)
_TIME_TAIL: Final = re.compile(r"[\s.!,;]+$")
_OCLOCK: Final = re.compile(r"\s*(?:o\s*['’]?\s*clock|uhr|horas|hrs|hs|часов|часа|час|ч)$")
_UHR_MINUTES: Final = re.compile(r"^(?P<h>\d{1,2})\s*uhr\s*(?P<m>\d{2})$")  # "18 Uhr 30"
_PARTS_OF_DAY: Final = {
    "in the morning": "morning",
    "in the afternoon": "afternoon",
    "in the evening": "evening",
    "at night": "night",
    "in the night": "night",
    "at morning": "morning",
    "at afternoon": "afternoon",
    "at evening": "evening",
    "de la manana": "morning",
    "de la madrugada": "small hours",
    "de la tarde": "afternoon",
    "de la noche": "night",
    "da manha": "morning",
    "da madrugada": "small hours",
    "da tarde": "afternoon",
    "da noite": "night",
    "morgens": "morning",
    "fruh": "morning",
    "vormittags": "morning",
    "am morgen": "morning",
    "nachmittags": "afternoon",
    "am nachmittag": "afternoon",
    "abends": "evening",
    "am abend": "evening",
    "nachts": "night",
    "утра": "morning",
    "дня": "afternoon",
    "вечера": "evening",
    "ночи": "night",
}
_HALF_OF_DAY: Final = re.compile(
    r"^(?P<at>.+?)\s+(?P<part>" + "|".join(map(re.escape, _PARTS_OF_DAY)) + r")$"
)


def parse_weekday(text: str) -> int | None:
    """0 = Monday ... 6 = Sunday for a day name or abbreviation in any language, else None:
    "sunday", "Sun", "domingo", "el domingo", "Sonntag", "sonntags", "воскресенье"."""
    key = _key(text)
    days = _weekdays()
    if key in days:
        return days[key]
    lead = _DAY_LEAD.match(key)
    if lead is None:
        return None
    rest = key[lead.end() :]
    if lead.group().strip() in _NOT_BEFORE_ENGLISH and rest in _english_days():
        return None  # "no sunday" is English for "not Sunday"; Portuguese says "no domingo"
    return days.get(rest)


def parse_time_of_day(text: str) -> time | None:
    """A wall-clock time from "18:00", "6pm", "6:30 pm", "18.30", "0930"...; else None."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    m = _TIME_RE.match(cleaned)
    if m is None:
        return None
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or m.group("compact") or 0)
    if minute >= 60:
        return None
    ampm = m.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour >= 24:
        return None
    return time(hour, minute)


def _with_part_of_day(at: time, part: str) -> time | None:
    """ "7 in the evening" -> 19:00; "12 at night" -> 0:00; "2 ночи" -> 2:00."""
    if at.hour == 0 or (at.hour > 12 and part in ("morning", "small hours")):
        return None
    if at.hour > 12:  # "19:30 in the evening"
        return at
    if part in ("morning", "small hours"):
        return time(at.hour % 12, at.minute)
    if part == "night" and (at.hour == 12 or at.hour <= 4):  # midnight, "2 at night"
        return time(at.hour % 12, at.minute)
    if part == "afternoon" and at.hour == 12:
        return at
    return time(at.hour % 12 + 12, at.minute)


def parse_time_phrase(text: str) -> time | None:
    """A time of day as said in a sentence, in any of the bot's languages: what
    :func:`parse_time_of_day` takes, also with "at"/"a las"/"às"/"um"/"в" before it,
    "o'clock"/"Uhr"/"horas"/"часов" or a full stop after it, and a part of the day
    ("in the evening", "de la tarde", "da noite", "abends", "вечера")."""
    t = _TIME_TAIL.sub("", _key(text).replace("-", " "))
    t = _TIME_LEAD.sub("", t)
    if t in _PHRASE_WORDS:
        return _PHRASE_WORDS[t]
    m = _HALF_OF_DAY.match(t)
    at_text = m.group("at") if m else t
    uhr = _UHR_MINUTES.match(at_text)
    at_text = f"{uhr.group('h')}:{uhr.group('m')}" if uhr else _OCLOCK.sub("", at_text)
    at = parse_time_of_day(at_text)
    if at is None or m is None:
        return at
    return _with_part_of_day(at, _PARTS_OF_DAY[m.group("part")])


def parse_checkin_spec(text: str) -> tuple[int, time] | None:
    """(weekday, time) from "sunday 18:00", "sun 6pm", "sunday at 18:00", "domingo a las
    18", "am Sonntag um 18 Uhr", "в воскресенье в 18:00"."""
    parts = text.replace(",", " ").split()
    for n in (3, 2, 1):  # "todos los domingos", "el domingo", "domingo"
        if len(parts) <= n:
            continue
        weekday = parse_weekday(" ".join(parts[:n]))
        if weekday is not None:
            at = parse_time_phrase(" ".join(parts[n:]))
            return None if at is None else (weekday, at)
    return None
