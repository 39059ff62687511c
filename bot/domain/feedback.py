"""Feedback rounds without Telegram: tokens, giver hashes, adjectives counted and ranked.

* A round's token goes into a ``/start fb_<token>`` deep link: Telegram allows 1-64
  characters from ``[A-Za-z0-9_-]`` there, and ``secrets.token_urlsafe`` uses exactly that
  alphabet.
* Givers are remembered only as ``sha256(salt || user id)`` with a salt per round: enough to
  refuse a second answer to the same round, useless for linking answers across rounds, and
  the answers themselves are stored without it.
* Adjectives are normalised (case, width, punctuation, hyphens and spaces, British
  ``-ise`` spellings, small typos) before they are counted, so "Hard-working",
  "hardworking" and "hard working" are one adjective.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "LINK_PREFIX",
    "MAX_ADJECTIVES",
    "RankedAdjective",
    "adjective_key",
    "deep_link",
    "giver_hash",
    "is_well_formed_token",
    "new_salt",
    "new_token",
    "rank_adjectives",
    "rank_texts",
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
_SPLIT_RE = re.compile(r"\s*(?:[,;/|•·\n]|\band\b|&|\s-\s)\s*", re.IGNORECASE)
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")
_JOINERS_RE = re.compile(r"[\s\-‐-―_'’.]+")
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


def giver_hash(salt: str, user_id: int) -> str:
    return hashlib.sha256(f"{salt}:{user_id:d}".encode()).hexdigest()


# --- adjectives --------------------------------------------------------------------------
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    text = _EDGE_RE.sub("", text)
    return re.sub(r"\s+", " ", text)


def split_adjectives(text: str) -> list[str]:
    """What a giver typed as "three adjectives", as a list (commas, "and", lines, or spaces).

    At most ``MAX_ADJECTIVES``, each cut to ``ADJECTIVE_LIMIT`` characters; duplicates (by
    :func:`adjective_key`) kept once.
    """
    parts = [_clean(p) for p in _SPLIT_RE.split(text)]
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
    word = _JOINERS_RE.sub("", word)
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
    word: str  # the spelling most givers used, lower case
    count: int


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
        RankedAdjective(
            word=sorted(words[head].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            count=total,
        )
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
        key = re.sub(r"\W+", " ", _clean(text).casefold()).strip()
        counts[key] += 1
        shown.setdefault(key, text.strip())
    return sorted(((shown[k], n) for k, n in counts.items()), key=lambda t: (-t[1], t[0]))
