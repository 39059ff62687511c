"""Facts about IANA zone names, from the ``tzdata`` package: which exist, which are
geographic (``zone.tab``), their canonical spelling, and the folding of typed names.

Shared by :mod:`bot.domain.timezones` (resolving what people type) and
:mod:`bot.domain.place_index` (the prebuilt index of places). Everything is computed on
first use and cached; nothing here is slow (a few milliseconds in all).
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import cache
from importlib import resources
from typing import Final

__all__ = [
    "UTC_ALIASES",
    "available_zones",
    "canonical",
    "fold",
    "geographic_zones",
    "zone_countries",
    "zone_tab",
    "zones_by_lower",
]

NOT_ZONES: Final = frozenset({"Factory", "localtime", "posixrules", "leapseconds"})
UTC_ALIASES: Final = frozenset(
    {
        "utc",
        "gmt",
        "z",
        "zulu",
        "uct",
        "universal",
        "greenwich",
        "gmt0",
        "gmt+0",
        "gmt-0",
        "etc/utc",
        "etc/gmt",
        "etc/uct",
        "etc/zulu",
        "etc/universal",
        "etc/greenwich",
        "etc/gmt0",
        "etc/gmt+0",
        "etc/gmt-0",
    }
)


@cache
def available_zones() -> frozenset[str]:
    """Every zone name of the tzdata package (its list: reading it takes well under a
    millisecond, where ``zoneinfo.available_timezones()`` opens every file of the system's
    zone directories too), without the non-zones and the posix/right trees."""
    listed = _tzdata_text("zones", top=True).split()
    names = listed or zoneinfo.available_timezones()
    return frozenset(
        n for n in names if n not in NOT_ZONES and not n.startswith(("posix/", "right/"))
    )


def _tzdata_text(name: str, *, top: bool = False) -> str:
    try:
        folder = resources.files("tzdata")
        return (folder if top else folder.joinpath("zoneinfo")).joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is a dep
        return ""


@cache
def zone_tab() -> tuple[tuple[str, str], ...]:
    """(country code, zone) pairs from zone.tab and zone1970.tab: the geographic zones."""
    rows: dict[tuple[str, str], None] = {}  # ordered set
    for file in ("zone.tab", "zone1970.tab"):
        for line in _tzdata_text(file).splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3:
                continue
            for code in cols[0].split(","):
                rows[(code, cols[2])] = None
    return tuple(rows)


@cache
def geographic_zones() -> frozenset[str]:
    return frozenset(z for _, z in zone_tab() if z in available_zones())


@cache
def zone_countries() -> dict[str, tuple[str, ...]]:
    """Zone -> the country codes zone.tab lists it under, sorted."""
    found: dict[str, set[str]] = {}
    for code, zone in zone_tab():
        found.setdefault(zone, set()).add(code)
    return {zone: tuple(sorted(codes)) for zone, codes in found.items()}


@cache
def _links() -> dict[str, str]:
    """Alias -> target, from the ``L target alias`` lines of tzdata.zi."""
    links: dict[str, str] = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


def canonical(zone: str) -> str:
    """Prefer the name people know: geographic names stay, legacy aliases are followed."""
    if zone.lower() in UTC_ALIASES:
        return "UTC"
    if zone in geographic_zones() or zone.startswith("Etc/"):
        return zone
    links = _links()
    seen: set[str] = set()
    target = zone
    while target in links and target not in seen:
        seen.add(target)
        target = links[target]
        if target in geographic_zones():
            return target
    return zone


@cache
def zones_by_lower() -> dict[str, str]:
    """Lower-case zone name -> canonical zone name."""
    return {z.lower(): canonical(z) for z in available_zones()}


_FOLD_TABLE: Final = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
_NON_WORD_RE: Final = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "São  Paulo!" -> "sao paulo"."""
    if text.isascii():
        return _NON_WORD_RE.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD_RE.sub(" ", text).strip()
