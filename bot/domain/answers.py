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

Besides English, Spanish, Portuguese, German and Russian answers count, whatever the
person's language setting (nobody types another language's "sí" by accident): each word
of our buttons and its everyday variants ("sí", "claro", "não", "ja", "nein", "да", "нет",
"mañana", "amanhã", "morgen", "завтра"), the numbers up to twelve in words ("cuatro",
"vier", "четыре"; "4 de 5", "4 von 5", "4 из 5"), and times as said in each language ("a
las 18", "às 18h", "um 18 Uhr", "в 18:00"). Words that mean different things in two
languages are not taken: see the comment under the vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import StrEnum
from typing import Final

from bot.domain.parsing import parse_time_phrase
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
        "go ahead", "sounds good",
        "sí", "si", "claro", "claro que sí", "vale", "dale", "por supuesto", "de acuerdo",
        "sí claro", "venga",
        "sim", "claro que sim", "com certeza", "pode ser", "beleza", "isso", "bora",
        "ja", "jawohl", "klar", "na klar", "gerne", "gern", "genau", "ja bitte", "jep", "jo",
        "да", "ага", "угу", "конечно", "давай", "хорошо", "да конечно", "ок", "окей",
    ),
    Word.NO: (
        "no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not really", "nay",
        "no gracias", "ahora no", "para nada",
        "não", "agora não", "de jeito nenhum",
        "nein", "nee", "nö", "nein danke", "jetzt nicht", "lieber nicht",
        "нет", "не", "неа", "нет спасибо", "не сейчас", "да нет",  # "да нет" is a "no"
    ),
    Word.SKIP: (
        "skip", "skip it", "skip this", "skip this one", "skip that", "skip for now",
        "skip question", "skip this question", "pass", "next", "n a",
        "saltar", "omitir", "siguiente", "paso", "me lo salto",
        "pular", "próxima", "próximo", "passo",
        "überspringen", "nächste", "nächste frage", "auslassen",
        "пропустить", "пропуск", "пропущу", "дальше", "следующий",
    ),
    Word.CANCEL: (
        "cancel", "cancel it", "cancel that", "stop", "quit", "exit", "abort", "never mind",
        "nevermind", "nvm", "forget it",
        "cancelar", "déjalo", "olvídalo", "salir", "parar", "esquece", "sair",
        "abbrechen", "stopp", "vergiss es",
        "отмена", "отменить", "стоп", "выход", "забудь",
    ),
    Word.DONE: (
        "done", "finished", "thats all", "thats it", "all done", "im done", "i am done",
        "nothing else", "no more",
        "listo", "hecho", "ya está", "terminé", "ya lo hice", "nada más",
        "feito", "terminei", "já fiz", "concluído", "só isso",
        "fertig", "erledigt", "gemacht", "das wars", "hab ich gemacht",
        "готово", "сделано", "сделал", "сделала", "всё", "это всё",
    ),
    Word.NOT_YET: (
        "not yet", "later", "not done", "not done yet", "still working on it",
        "todavía no", "aún no", "más tarde", "luego", "ainda não", "mais tarde", "depois",
        "noch nicht", "später", "пока нет", "ещё нет", "еще нет", "позже", "потом",
    ),
    Word.TODAY: (
        "today", "tonight", "this evening", "hoy", "esta noche", "hoje", "hoje à noite",
        "heute", "heute abend", "сегодня", "сегодня вечером",
    ),
    Word.TOMORROW: (
        "tomorrow", "tmrw", "tmr", "tommorow", "mañana", "amanhã", "morgen", "завтра",
    ),
    Word.THIS_WEEK: (
        "this week", "later this week", "sometime this week", "esta semana",
        "esta semana que vem", "diese woche", "diese woche noch", "на этой неделе",
    ),
    Word.CONTINUE: (
        "continue", "carry on", "resume", "go on", "keep going", "continuar", "seguir",
        "sigamos", "continua", "weiter", "weitermachen", "продолжить", "продолжим",
    ),
    Word.START_OVER: (
        "start over", "restart", "start again", "begin again", "from scratch", "start fresh",
        "empezar de nuevo", "desde cero", "de nuevo", "recomeçar", "começar de novo",
        "do zero", "neu anfangen", "von vorne", "von vorn", "заново", "начать заново",
        "сначала",
    ),
}  # fmt: skip
# Left out on purpose (false friends): "pronto" (Spanish "soon", Portuguese "done"), "nie"
# (German "never", Polish "no"), "jaja" (Spanish laughter), "guten morgen" ("good
# morning"), "pasado mañana" ("the day after tomorrow").
_WORDS: Final = {normalise(v): word for word, variants in _VOCABULARY.items() for v in variants}
_EMOJI: Final = {"👍": "yes", "✅": "done", "👎": "no", "❌": "no", "⏭": "skip", "⏳": "not yet"}
_POLITE: Final = re.compile(  # on normalised text: accents off, letters squeezed
    r"^(?:(?:ok|okay|um|uh|hmm|well|please|pls|plz|just|oh|bueno|pues|vale|bom|entao|olha"
    r"|also|na|ну|ладно|ок) )+"
    r"|(?: (?:please|pls|plz|thanks|thank you|thx|ty|for now|por favor|gracias|obrigado"
    r"|obrigada|por enquanto|por ahora|bitte|danke|erstmal|пожалуиста|спасибо))+$"
)

_NUMBER_NAMES: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
# 0 to 12 in the other languages ("dois"/"duas", "eins"/"ein", "одна"/"две"). Not "once"
# (Spanish 11, English "one time") nor "um" (Portuguese 1, English hesitation).
_OTHER_NUMBERS: Final[dict[str, int]] = {
    "cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12,
    "ninguno": 0, "ninguna": 0, "nada": 0,
    "zero": 0, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7,
    "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "nenhum": 0, "nenhuma": 0,
    "null": 0, "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "keine": 0, "keiner": 0, "keins": 0, "nichts": 0,
    "ноль": 0, "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "ни одного": 0, "ни одной": 0, "нисколько": 0, "ничего": 0,
}  # fmt: skip
_NUMBERS: Final = (
    {normalise(name): n for name, n in _OTHER_NUMBERS.items()}
    | {normalise(name): n for n, name in enumerate(_NUMBER_NAMES)}
    | {"none": 0, "no": 0, "nothing": 0}
)
_KEYCAP: Final = re.compile("[\ufe0f\u20e3]")
_SCALE: Final = re.compile(
    r"^(?:(?:a|an|maybe|about|around|like|probably|prob|id say|say|its|it is|its a|a solid"
    r"|un|una|um|uma|ein|eine|eher|etwa|unos|unas|tipo|где-то|примерно|наверное)\s+)*"
    r"(?P<n>\d{1,3}|[^\W\d_]+(?: [^\W\d_]+)?)(?:\.0)?"
    r"(?:\s*(?:/|out of|of|de|von|из)\s*(?P<of>\d{1,3}|[^\W\d_]+))?$"
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
    """A time of day as typed where hour buttons are shown: "7:30", "at 6:30pm", "7 o'clock",
    "a las 18", "às 18h", "um 18 Uhr", "в 18:00" (:func:`bot.domain.parsing.parse_time_phrase`)."""
    return parse_time_phrase(text)
