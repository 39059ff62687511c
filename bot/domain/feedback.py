"""Feedback rounds without Telegram: tokens, giver hashes, adjectives counted and ranked.

* A round's token goes into a ``/start fb_<token>`` deep link: Telegram allows 1-64
  characters from ``[A-Za-z0-9_-]`` there, and ``secrets.token_urlsafe`` uses exactly that
  alphabet.
* Givers are remembered only as ``HMAC-SHA256(server key, salt:user id)`` with a salt per
  round, while the round is open: enough to refuse a second answer to the same round,
  useless for linking answers across rounds, and the answers themselves are stored without
  it. The key is a server secret kept outside the database, so whoever holds the database
  (or a backup of it) can't find a giver by hashing candidate ids.
* The seeker sees the answers only once :data:`MIN_SHOWN` people have answered, merged and
  ranked, never in the order they arrived and without dates (:func:`results`), and words
  that read as distress never (SAFETY.md); /export holds exactly the same.
* Adjectives are normalised (case, width, punctuation, hyphens and spaces, British
  ``-ise`` spellings, small typos) before they are counted, so "Hard-working",
  "hardworking" and "hard working" are one adjective. Everything here is plain string
  work, linear in the input (a regex like ``\\s*(?:,|and)\\s*`` splitting a long run of
  spaces took seconds).
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.domain.adjective_words import ADJECTIVES
from bot.domain.due import local_now, local_to_utc
from bot.domain.safety import suggests_self_harm

__all__ = [
    "LINK_PREFIX",
    "MAX_ADJECTIVES",
    "MIN_SHOWN",
    "Answer",
    "RankedAdjective",
    "Results",
    "adjective_key",
    "deep_link",
    "giver_hash",
    "is_well_formed_token",
    "new_salt",
    "new_token",
    "next_answers_note_due",
    "rank_adjectives",
    "rank_texts",
    "results",
    "split_adjectives",
    "start_parameter",
    "token_from_start",
]

LINK_PREFIX = "fb_"
START_PARAMETER_LIMIT = 64
TOKEN_BYTES = 24  # 32 characters: 192 bits, far beyond guessing
MAX_ADJECTIVES = 5
ADJECTIVE_LIMIT = 40
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,61}$")
_START_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Between adjectives: these characters, a hyphen standing alone (" - "), or the word "and".
_SEPARATORS = str.maketrans(dict.fromkeys(",;/|•·&", "\n"))
# Left out when adjectives are compared: "hard-working" is "hard working" is "hardworking".
_JOINERS = frozenset("-‐‑‒–—―_'’.")
_INTENSIFIERS = ("very ", "really ", "super ", "quite ", "so ", "extremely ", "too ")
_BRITISH = (("isation", "ization"), ("ised", "ized"), ("ising", "izing"), ("yse", "yze"))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_salt() -> str:
    return secrets.token_hex(16)


def start_parameter(token: str) -> str:
    """``fb_<token>``, checked against Telegram's start-parameter rules."""
    value = LINK_PREFIX + token
    if not _START_RE.match(value):
        raise ValueError("not a valid start parameter")
    return value


def deep_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={start_parameter(token)}"


def is_well_formed_token(token: str) -> bool:
    return bool(_TOKEN_RE.match(token))


def token_from_start(argument: str | None) -> str | None:
    """The token of a ``fb_<token>`` start argument, or None if it can't be one of ours."""
    if argument is None or not argument.startswith(LINK_PREFIX):
        return None
    token = argument[len(LINK_PREFIX) :]
    return token if is_well_formed_token(token) else None


def giver_hash(key: bytes, salt: str, user_id: int) -> str:
    """Who answered a round, as only the server can tell: keyed with the server secret
    (never stored in the database), salted per round (no linking across rounds)."""
    if not key:
        raise ValueError("giver_hash needs the server key")
    return hmac.new(key, f"{salt}:{user_id:d}".encode(), hashlib.sha256).hexdigest()


# --- adjectives --------------------------------------------------------------------------
def _is_word(char: str) -> bool:
    """A letter or digit in any script (what ``\\w`` means, minus the underscore)."""
    return char.isalnum()


def _clean(text: str) -> str:
    """NFKC, no punctuation at either end, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    start, end = 0, len(text)
    while start < end and not _is_word(text[start]):
        start += 1
    while end > start and not _is_word(text[end - 1]):
        end -= 1
    return " ".join(text[start:end].split())


def _pieces(text: str) -> list[str]:
    """``text`` cut at the separators: the characters in ``_SEPARATORS``, line breaks, a
    hyphen with a space on each side, and the word "and" (in any case, not inside a word).
    One pass over the text."""
    pieces: list[str] = []
    for line in text.translate(_SEPARATORS).split("\n"):
        start = i = 0
        while i < len(line):
            if (
                line[i : i + 3].casefold() == "and"
                and (i == 0 or not _in_word(line[i - 1]))
                and (i + 3 == len(line) or not _in_word(line[i + 3]))
            ):
                pieces.append(line[start:i])
                start = i = i + 3
            elif line[i] == "-" and 0 < i < len(line) - 1 and line[i - 1].isspace():
                if line[i + 1].isspace():
                    pieces.append(line[start:i])
                    start = i + 1
                i += 1
            else:
                i += 1
        pieces.append(line[start:])
    return pieces


def _in_word(char: str) -> bool:
    """What a regex's ``\\b`` sees as part of a word: letters, digits, the underscore."""
    return char.isalnum() or char == "_"


def split_adjectives(text: str) -> list[str]:
    """What a giver typed as "three adjectives", as a list (commas, "and", lines, or spaces).

    At most ``MAX_ADJECTIVES``, each cut to ``ADJECTIVE_LIMIT`` characters; duplicates (by
    :func:`adjective_key`) kept once.
    """
    parts = [_clean(p) for p in _pieces(text)]
    parts = [p for p in parts if p]
    if len(parts) == 1 and len(parts[0].split(" ")) >= 3:
        parts = parts[0].split(" ")  # "kind smart funny": no separators at all
    found: list[str] = []
    keys: set[str] = set()
    for part in parts:
        part = part[:ADJECTIVE_LIMIT].strip()
        key = adjective_key(part)
        if key and key not in keys:
            keys.add(key)
            found.append(part)
        if len(found) == MAX_ADJECTIVES:
            break
    return found


def adjective_key(text: str) -> str:
    """The form adjectives are compared in: casefolded, no joiners, American ``-ize``."""
    word = _clean(text).casefold()
    for prefix in _INTENSIFIERS:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            word = word[len(prefix) :]
    word = "".join(c for c in word if not (c.isspace() or c in _JOINERS))
    for british, american in _BRITISH:
        if word.endswith(british) and len(word) > len(british) + 3:
            word = word[: -len(british)] + american
    return word


def _one_edit_apart(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours (not in the first letter)."""
    if a == b or abs(len(a) - len(b)) > 1 or a[:1] != b[:1]:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


TYPO_MIN_LENGTH = 6


@dataclass(frozen=True)
class RankedAdjective:
    word: str  # a dictionary spelling if one was used, else the most used; lower case
    count: int


def _best_spelling(spellings: Counter[str]) -> str:
    """The spelling to show: a dictionary word first ("curious" over "curios" however many
    typed that), then the one most givers used, then alphabetical."""
    return min(
        spellings.items(),
        key=lambda kv: (adjective_key(kv[0]) not in ADJECTIVES, -kv[1], kv[0]),
    )[0]


def rank_adjectives(answers: Iterable[Sequence[str]]) -> list[RankedAdjective]:
    """Adjectives from all answers, merged by :func:`adjective_key` and small typos, ranked.

    Each answer counts an adjective at most once. A key of at least ``TYPO_MIN_LENGTH``
    letters one edit away from a more frequent key (same first letter) joins it. Ties are
    broken alphabetically, so the result is deterministic.
    """
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for answer in answers:
        seen: set[str] = set()
        for adjective in answer:
            key = adjective_key(adjective)
            if not key or key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            spellings.setdefault(key, Counter())[_clean(adjective).casefold()] += 1
    order = sorted(counts, key=lambda k: (-counts[k], k))
    merged: dict[str, str] = {}
    for key in order:
        if len(key) >= TYPO_MIN_LENGTH:
            for head in order:
                if head == key:
                    break
                if merged.get(head, head) == head and _one_edit_apart(head, key):
                    merged[key] = head
                    break
        merged.setdefault(key, key)
    totals: Counter[str] = Counter()
    words: dict[str, Counter[str]] = {}
    for key, head in merged.items():
        totals[head] += counts[key]
        words.setdefault(head, Counter()).update(spellings[key])
    ranked = [
        RankedAdjective(word=_best_spelling(words[head]), count=total)
        for head, total in totals.items()
    ]
    return sorted(ranked, key=lambda r: (-r.count, r.word))


def rank_texts(texts: Iterable[str | None]) -> list[tuple[str, int]]:
    """Free-text answers, the same ones (ignoring case and spacing) counted together.

    Ordered by count, then alphabetically: never in the order they arrived, which would
    help to tell who wrote what.
    """
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        if not text or not text.strip():
            continue
        folded = _clean(text).casefold()
        key = " ".join("".join(c if c.isalnum() or c == "_" else " " for c in folded).split())
        counts[key] += 1
        shown.setdefault(key, text.strip())
    return sorted(((shown[k], n) for k, n in counts.items()), key=lambda t: (-t[1], t[0]))


# --- what the seeker sees -----------------------------------------------------------------
MIN_SHOWN = 3  # answers are shown once this many people have answered (anonymity)


@dataclass(frozen=True)
class Answer:
    """One giver's answer, as stored: no id, no date, nothing about the giver."""

    do_better: str | None
    adjectives: tuple[str, ...]
    other: str | None


@dataclass(frozen=True)
class Results:
    """A round's answers as the seeker sees them, in /feedback and in /export alike."""

    answered: int
    adjectives: tuple[RankedAdjective, ...]
    do_better: tuple[tuple[str, int], ...]  # (text, how many gave it)
    other: tuple[tuple[str, int], ...]


def _shown(text: str | None) -> str | None:
    """A giver's words that read as distress are never shown to the seeker (SAFETY.md)."""
    return None if text is None or suggests_self_harm(text) else text


def _shuffled_ranking(
    texts: Iterable[str | None], rng: random.Random
) -> tuple[tuple[str, int], ...]:
    """:func:`rank_texts`, with texts given equally often in random order."""
    ranked = rank_texts(texts)
    rng.shuffle(ranked)
    ranked.sort(key=lambda item: -item[1])  # stable: the shuffle decides among equals
    return tuple(ranked)


def results(answers: Sequence[Answer], rng: random.Random | None = None) -> Results | None:
    """What the seeker may see of these answers; None until :data:`MIN_SHOWN` people have
    answered. Adjectives are counted and ranked; free texts are counted, the most frequent
    first, the rest shuffled, so nothing shows the order the answers came in."""
    if len(answers) < MIN_SHOWN:
        return None
    rng = rng or random.SystemRandom()
    return Results(
        answered=len(answers),
        adjectives=tuple(rank_adjectives(a.adjectives for a in answers)),
        do_better=_shuffled_ranking((_shown(a.do_better) for a in answers), rng),
        other=_shuffled_ranking((_shown(a.other) for a in answers), rng),
    )


ANSWERS_NOTE_AT = time(19, 0)


def next_answers_note_due(now: datetime, zone: str) -> datetime:
    """When to tell the seeker about new answers: the next 19:00 in their zone strictly
    after ``now``. One note a day at most, and never right after an answer, so its timing
    doesn't point at whoever just answered."""
    today = local_now(now, zone).date()
    for day in (today, today + timedelta(days=1), today + timedelta(days=2)):
        due = local_to_utc(day, ANSWERS_NOTE_AT, zone)
        if due > now:
            return due
    raise AssertionError("unreachable")
