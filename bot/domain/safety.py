"""A small, deliberate check for messages that suggest someone may harm themselves.

No diagnosis: if a phrase matches, the bot answers with care and a helpline first, then
carries on. The list is short and tested; false positives cost one kind message.
"""

from __future__ import annotations

import re
import unicodedata

PHRASES: tuple[str, ...] = (
    r"kill(ing)? my ?self",
    r"end(ing)? (it all|my life)",
    r"take my (own )?life",
    r"suicid(e|al)",
    r"want(ed)? to die",
    r"wish i (was|were) dead",
    r"better off dead",
    r"hurt(ing)? my ?self",
    r"harm(ing)? my ?self",
    r"self[- ]?harm",
    r"no reason to (live|go on)",
    r"can'?t go on( living)?",
    r"don'?t want to (live|be alive|exist)",
    r"not worth living",
)
_PATTERN = re.compile(r"\b(" + "|".join(PHRASES) + r")\b")


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("’", "'")
    return re.sub(r"\s+", " ", folded)


def suggests_self_harm(text: str) -> bool:
    return bool(_PATTERN.search(_normalise(text.replace("’", "'"))))
