"""Coaching rules for the reframe: which next steps fit a rejection, and what is too thin.

The article's second way is "take responsibility for what you control": each kind of
rejection has its own tactics (revive a contact through a shared memory, a resume that says
which role and how you help, the hiring manager found when a recruiter goes quiet, asking
about their concerns at the end of an interview, sending the note anyway). Here they are
codes, per kind; their words are in bot/ui/texts.py (``NEXT_STEPS``), in every language.

A blank of the if-then plan answered "thanks", "ok" or "." is not a step anyone can take:
:func:`too_thin` says so, and the flow nudges once, then takes what comes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["BELIEF_COUNT", "NEXT_STEPS", "as_first_blank", "next_steps", "too_thin"]

# Tactic codes for each rejection kind (bot/flows/rejection.py KINDS), best fit first.
NEXT_STEPS: Final[dict[str, tuple[str, ...]]] = {
    "meeting": ("memory", "send_anyway", "short_call"),
    "application": ("resume", "hiring_manager", "introduction"),
    "recruiter": ("hiring_manager", "recruiter_note", "insider"),
    "interview": ("concerns", "thank_you", "one_tip"),
    "other": ("send_anyway", "memory", "resume"),
}
# A plan made without a rejection (/reframe from the menu) gets the general ones.
GENERAL: Final = "other"
BELIEF_COUNT: Final = 3  # suggested healthier beliefs (texts.BELIEF_SUGGESTIONS)


def next_steps(kind: str | None) -> tuple[str, ...]:
    """The tactic codes offered for a rejection of ``kind`` (None: a stand-alone plan)."""
    return NEXT_STEPS.get(kind or GENERAL, NEXT_STEPS[GENERAL])


# Answers that fill a blank without saying anything: politeness, yes/no, shrugs — in the
# languages we ship (es, pt_BR, de, ru besides English), compared after _plain().
_FILLER_WORDS: Final = (
        "thanks", "thank you", "thanks a lot", "thx", "ty", "ok", "okay", "ok thanks", "k",
        "kk", "yes", "yeah", "yep", "yup", "no", "nope", "nah", "sure", "fine", "good",
        "cool", "great", "nice", "idk", "i dont know", "dont know", "dunno", "no idea",
        "nothing", "none", "whatever", "something", "stuff", "anything", "na", "n a", "lol",
        "hmm", "hm", "um", "uh", "maybe", "test", "same", "done", "it", "this", "that",
        "gracias", "vale", "si", "sí", "nada", "no se", "no sé", "obrigado", "obrigada",
        "valeu", "sim", "não", "nao", "não sei", "nao sei", "danke", "ja", "nein", "nichts",
        "weiß nicht", "weiss nicht", "keine ahnung", "спасибо", "да", "нет", "ок", "окей",
        "хорошо", "ладно", "ничего", "не знаю",
)  # fmt: skip
_NOT_WORD: Final = re.compile(r"[^\w]+|_")
_APOSTROPHES: Final = re.compile(r"['’‘`]")


def _plain(text: str) -> str:
    """Case, width, apostrophes and every sign off; words separated by one space."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _APOSTROPHES.sub("", t)
    return " ".join(_NOT_WORD.sub(" ", t).split())


_FILLERS: Final = frozenset(_plain(word) for word in _FILLER_WORDS)


def too_thin(text: str) -> bool:
    """True for a blank that gives no step to take: no letters at all (".", "?", "👍"), a
    filler ("thanks", "ok", "yes", "idk"), or one word of at most two letters ("go")."""
    plain = _plain(text)
    if not any(c.isalpha() for c in plain):
        return True
    if plain in _FILLERS:
        return True
    return " " not in plain and len(plain) <= 2


def as_first_blank(answer: str) -> str:
    """What someone said was in their control ("Ask what concerns they had"), as the first
    blank of "If I …": a capital first letter lowered unless the first word is all
    capitals ("CV", "ACME") or "I"; end punctuation is left to plans.clean_if."""
    text = answer.strip()
    first = text.split(maxsplit=1)[0] if text else ""
    if not first[:1].isupper() or first.startswith(("I'", "I’")) or first == "I":
        return text
    if len(first) > 1 and first.isupper():
        return text
    return text[0].lower() + text[1:]
