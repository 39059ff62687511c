"""Reading what people type: one normal form for text, and rules written in plain spelling.

Used by :mod:`bot.domain.safety` (distress) and :mod:`bot.domain.intent` (what a free-text
message is about). Pure, no I/O.

:func:`normalise` makes the text the rules read: NFKC (full-width letters), case-folded,
accents dropped (Cyrillic stays Cyrillic; "ñ", "ç", "ü", and "ё" and "й" too, lose their
marks: "ano", "acao", "uber", "елка", "мои"; "ß" is "ss", then squeezed to "s"),
apostrophes removed ("can't", "can’t" and "cant" are one word), "w/o" spelt out, a little
leetspeak ("k1ll", "$uicide", "want 2 die"), every other symbol a space, letters repeated
in a row squeezed to one ("sooo", "killl" -> "so", "kil"), and sentence ends (. ! ? ; new
line; not the dot in "2.5") kept as " . ", so that a rule never spans two sentences and can
ask for the end of one (:data:`END`).

:func:`compile_phrase` applies the same folding and squeezing to a rule (so rules are
written in plain spelling: "kill myself" matches "killl myself" and "kil myself"; "ß",
"ñ", "ё" or "й" in a rule read like the text), makes every space in it optional
("killmyself"), and ends every negative lookahead at a word boundary ("(?! to)" does not
refuse "tomorrow"). Writing rules: lower case, no accents needed, spaces in lookbehinds as
``\\s``, and no group that starts with the letter just before it ("kil(?:l|ling)" never
matches: write "kill(?:s|ing)").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

__all__ = ["END", "compile_any", "compile_phrase", "normalise", "prepare"]

END: Final = r"(?= ?(?:\.|$))"  # in a rule: the end of a sentence (or of the message)

_APOSTROPHES: Final = re.compile(r"['’‘ʼʻ`´′＇]")
_WITHOUT: Final = re.compile(r"\bw/o\b")
_ELLIPSIS: Final = re.compile(r"\.{2,}|…")
_SENTENCE_END: Final = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?;¡¿。！？\n\r])+")
_LEET_SYMBOL: Final = re.compile(r"(?<=[^\W\d_])[@$]|[@$](?=[^\W\d_])")
_LEET_DIGIT: Final = re.compile(r"(?<=[^\W\d_])[0134](?=[^\W\d_])")
_LEET: Final = {"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a"}
_ONE: Final = re.compile(r"\b(every|some|no|any) ?1\b")
_TWO: Final = re.compile(  # "want 2 die" (a count stays a count: "applied to 2 jobs")
    r"(?<![\d.])2(?= ?(?:die|live|kil|end|be|go|exist|hurt|harm|cut|wake|slep|stop"
    r"|disapear)\b)"  # after squeezing: "kil", "slep"
)
_SYMBOLS: Final = re.compile(r"[^\w.]|_")
_REPEATS: Final = re.compile(r"([^\W\d_])\1+")
_SPACES: Final = re.compile(r"\s+")
_DOTS: Final = re.compile(r"(?: ?\. ?)+")


def _drop_marks(text: str) -> str:
    """Accents off ("é" -> "e", "ё" -> "е"), base letters of every script kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """The text the rules read: see the module docstring. Pure and fast (no I/O)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _drop_marks(t)
    t = _APOSTROPHES.sub("", t)
    t = _WITHOUT.sub("without", t)
    t = _ELLIPSIS.sub(" ", t)
    t = _SENTENCE_END.sub(" . ", t)
    t = _LEET_SYMBOL.sub(lambda m: _LEET[m.group()], t)
    t = _LEET_DIGIT.sub(lambda m: _LEET[m.group()], t)
    t = _ONE.sub(r"\1one", t)
    t = _SYMBOLS.sub(" ", t)
    t = _REPEATS.sub(r"\1", t)
    t = _TWO.sub(" to ", t)
    t = _SPACES.sub(" ", t)
    t = _DOTS.sub(" . ", t)
    return t.strip(" .")


def prepare(source: str) -> str:
    """A rule as written -> a rule for normalised text: accents off, repeated letters
    squeezed (outside escapes like ``\\b``), every space optional ("kill myself" also
    matches "killmyself"), and every negative lookahead ends at a word boundary.
    Spaces in lookbehinds must be written ``\\s``. A group must not start with the letter
    just before it ("kil(?:l...)"): the text's letters are squeezed across it."""
    source = _drop_marks(source)
    out: list[str] = []
    previous = ""
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            previous = ""
            i += 2
            continue
        i += 1
        if not char.isalpha():
            previous = ""
            out.append(char)
            continue
        folded = char.casefold()  # like the text: "ß" -> "ss" (squeezed to "s" below)
        for letter in folded if folded.isascii() else _drop_marks(folded):
            if letter != previous:
                out.append(letter)
            previous = letter
    # "want to" squeezed without its space is "wanto": the shared letter may appear once
    joined = re.sub(r"(?<!\\)([^\W\d_]) \1", r"\1(?: \1)?", "".join(out))
    return _whole_words_ahead(re.sub(r" (?!\?)", " ?", joined))


def _whole_words_ahead(source: str) -> str:
    """End every negative lookahead at a word boundary: "(?! to)" must not refuse "tomorrow"."""
    out = source
    start = out.find("(?!")
    while start != -1:
        depth, i = 0, start
        while True:
            if out[i] == "\\":
                i += 2
                continue
            if out[i] == "(":
                depth += 1
            elif out[i] == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        out = out[:i] + r"\b" + out[i:]
        start = out.find("(?!", start + 3)
    return out


def compile_phrase(source: str) -> re.Pattern[str]:
    """One rule, whole words at both ends, ready to ``search`` a :func:`normalise`d text."""
    return re.compile(rf"\b(?:{prepare(source)})\b")


def compile_any(sources: Iterable[str]) -> re.Pattern[str]:
    """Several rules as one pattern (for masks: ``sub`` them all in one pass)."""
    return re.compile("|".join(rf"\b(?:{prepare(src)})\b" for src in sources))
