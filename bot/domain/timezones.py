"""Turn what a user types or shares into an IANA time zone name, offline.

Inputs understood by :func:`resolve_timezone`, in the order they are tried:

1. an IANA name, any case (``europe/berlin``); backward-compatible aliases are
   canonicalised (``Asia/Calcutta`` -> ``Asia/Kolkata``, ``US/Eastern`` ->
   ``America/New_York``, ``Etc/UTC``/``GMT``/``Z`` -> ``UTC``);
2. a UTC offset (``UTC+2``, ``GMT-5``, ``+02:00``, ``+0530``, ``UTC+5:30``): a whole hour
   maps to a fixed ``Etc/GMT-2`` style zone (the sign of ``Etc`` zones is inverted by
   POSIX convention: ``Etc/GMT-2`` *is* UTC+2); a non-whole-hour offset has no ``Etc``
   zone, so the real zones that have that offset at ``now`` are offered as candidates.
   Offsets outside -12:00..+14:00 are refused (no match, no candidates);
3. a time-zone abbreviation (``EST``, ``CET``, ``IST``...): never a match, because the
   abbreviations are ambiguous and the fixed ``EST``-style zones ignore daylight saving;
   the zones people usually mean are offered as candidates;
4. a place, accent-, case- and punctuation-insensitive:

   - a common short name (:data:`PLACE_ALIASES`: "NYC", "LA", "SF", "DC", "UK", "UAE",
     "Holland", "Deutschland"...), read as what it stands for;
   - an *area*: a country (also under its Spanish, Portuguese, German and Russian names:
     "Alemania", "Alemanha", "Spanien", "Германия"), a US state, a Canadian province or an
     Australian state. Its zones are grouped by the UTC offsets they keep over the coming
     year (so Denver and Phoenix stay apart: both are UTC-7 in winter, not in summer);
     zones with no city of 15,000 people are left out when others have some. One group:
     a match ("India", "Germany", "California"). Several: one candidate per group, named
     by the area's biggest city in it and labelled with its offset now, west to east, at
     most :data:`MAX_CANDIDATES` (the most populous groups), with ``other=True``: the list
     is a selection, so offer "Other" (type a city, share a location). A city of the same name
     at least a tenth of the area's weight joins the groups ("Washington": the state's
     Seattle and the capital); smaller namesakes do not ("Mexico" is the country);
   - a city (geonames cities with at least 15 000 inhabitants; also Latin-script
     alternate names such as "München", "Múnich" or "Bombay" of cities above 50 000, and
     Russian names such as "Мюнхен" or "Питер": see :mod:`bot.domain.place_index`), or the
     city part of a zone name ("Kolkata", "Lord Howe"), also as CLDR spells it in Spanish,
     Portuguese, German or Russian ("Nueva York", "Москва");
   - either one followed by qualifiers, after commas or just spaces: a country, a US
     state, a province or Australian state, or their codes: "Portland, OR", "Portland
     Oregon USA", "Paris, France", "Sydney Australia", "London, CA", "Georgia USA";
5. anything else that contains letters: the nearest spellings (rapidfuzz) of cities and
   areas as candidates (never a match: a guess is confirmed by a tap), and when nothing
   is close, :data:`COMMON_ZONES`.

Ambiguity policy for cities of one name: the matching places are grouped by zone and each
zone is weighed by its most populous place. The top zone is a match when it is the only
zone or weighs at least :data:`DOMINANCE` (10) times the runner-up; otherwise up to 6 zones
are candidates. The city part of a canonical zone name wins outright ("Santiago" ->
America/Santiago, "London" -> Europe/London, not Ontario). So "Portland" (653k in Oregon
vs 67k in Maine: 9.8x) and "Birmingham" (1.16M in England vs 196k in Alabama: 5.9x) offer
candidates; "Portland, OR" or "Birmingham, UK" pick one. An exact match on a town under
100 000 people that is spelt like a place ten times bigger ("Sidney", Ohio vs Sydney) is
not trusted: both are offered. Nor is a city whose name is another language's name of a
bigger city ("Colonia", Spanish for Cologne and a town in New Jersey; "Pekín", "Florencia"):
both are offered. An unknown qualifier is ignored ("Berlin, NH" ->
Europe/Berlin, because Berlin NH is below the 15 000 threshold).

The places come from a prebuilt index (:mod:`bot.domain.place_index`), memory-mapped on
first use: :func:`preload` at start-up takes ~20 ms (mostly the tzdata zone lists), an
exact look-up well under a millisecond; the first misspelling loads rapidfuzz and the
fuzzy keys (~0.1 s and ~10 MB, once), later ones take a few milliseconds.
"""

from __future__ import annotations

import math
import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from typing import Final

from bot.domain.place_index import ZONE_PART_WEIGHT, Area, Place, PlaceIndex, open_index
from bot.domain.zone_names import (
    UTC_ALIASES,
    available_zones,
    canonical,
    fold,
    geographic_zones,
    zones_by_lower,
)

__all__ = [
    "COMMON_ZONES",
    "DOMINANCE",
    "MAX_CANDIDATES",
    "PLACE_ALIASES",
    "Resolution",
    "ZoneMatch",
    "is_valid_zone",
    "preload",
    "resolve_timezone",
    "zone_from_location",
    "zone_label",
]

MAX_CANDIDATES: Final = 8  # the longest list ever offered (an area's groups)
DOMINANCE: Final = 10
MAX_INPUT_LENGTH: Final = 200
_MAX_GUESSES: Final = 6  # namesakes in different zones, misspellings
_FUZZY_CUTOFF: Final = 72.0
_AREA_FUZZY_CUTOFF: Final = 85.0
_SMALL_PLACE: Final = 100_000  # an exact match below this is checked against typos
_YEAR_SAMPLES: Final = tuple(timedelta(days=d) for d in (0, 91, 182, 273))


@dataclass(frozen=True)
class ZoneMatch:
    """A zone the user can pick; ``label`` is what a button shows."""

    zone: str
    label: str


@dataclass(frozen=True)
class Resolution:
    """What a typed answer means.

    ``match``: the entry is unambiguous (``candidates`` is then empty). Otherwise
    ``candidates`` (at most :data:`MAX_CANDIDATES`) to offer as buttons, best or
    west-to-east first; none when the entry cannot be a zone (an offset out of range).
    ``other``: the candidates are a selection from an area's zones (one per group of
    offsets), so offer an "Other" choice as well (type a city, share a location).
    """

    match: ZoneMatch | None
    candidates: tuple[ZoneMatch, ...]
    other: bool = False


# --------------------------------------------------------------------------- zone names


def is_valid_zone(name: str) -> bool:
    """True if ``name`` is exactly (case-sensitively) a zone zoneinfo can load."""
    if name not in available_zones():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # pragma: no cover
        return False
    return True


_ETC_RE: Final = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")


def _format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def zone_label(name: str) -> str:
    """A short human label: "Berlin (Europe/Berlin)", "UTC+02:00" for "Etc/GMT-2", "UTC"."""
    if name.lower() in UTC_ALIASES:
        return "UTC"
    etc = _ETC_RE.match(name)
    if etc:
        hours = int(etc.group(2))
        # POSIX-style inverted sign: Etc/GMT-2 is two hours *ahead* of UTC.
        return _format_offset(-hours * 60 if etc.group(1) == "+" else hours * 60)
    if "/" not in name:
        return name
    city = name.rsplit("/", 1)[1].replace("_", " ")
    return f"{city} ({name})"


def _zone_match(zone: str) -> ZoneMatch:
    return ZoneMatch(zone=zone, label=zone_label(zone))


COMMON_ZONES: Final[tuple[ZoneMatch, ...]] = tuple(
    _zone_match(z)
    for z in (
        "Europe/London",
        "Europe/Berlin",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Australia/Sydney",
        "UTC",
    )
)

# Time-zone abbreviations are ambiguous ("IST" is India, Ireland and Israel); offer what
# they usually mean, never pick. Keys are upper-case.
_ABBREVIATIONS: Final[dict[str, tuple[str, ...]]] = {
    "EST": ("America/New_York", "America/Toronto"),
    "EDT": ("America/New_York", "America/Toronto"),
    "ET": ("America/New_York", "America/Toronto"),
    "CST": ("America/Chicago", "America/Mexico_City", "Asia/Shanghai"),
    "CDT": ("America/Chicago", "America/Mexico_City"),
    "CT": ("America/Chicago", "America/Mexico_City"),
    "MST": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "MDT": ("America/Denver", "America/Edmonton"),
    "MT": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "PST": ("America/Los_Angeles", "America/Vancouver"),
    "PDT": ("America/Los_Angeles", "America/Vancouver"),
    "PT": ("America/Los_Angeles", "America/Vancouver"),
    "AKST": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "WET": ("Europe/Lisbon", "Atlantic/Canary"),
    "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "BST": ("Europe/London",),
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "CET": ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Warsaw"),
    "CEST": ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Warsaw"),
    "EET": ("Europe/Athens", "Europe/Kyiv", "Europe/Bucharest", "Africa/Cairo"),
    "EEST": ("Europe/Athens", "Europe/Kyiv", "Europe/Bucharest"),
    "MSK": ("Europe/Moscow",),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",),
    "HKT": ("Asia/Hong_Kong",),
    "SGT": ("Asia/Singapore",),
    "AEST": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"),
    "AEDT": ("Australia/Sydney", "Australia/Melbourne"),
    "ACST": ("Australia/Adelaide", "Australia/Darwin"),
    "AWST": ("Australia/Perth",),
    "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
}

# Other names of areas (countries, states): understood as an entry and as a qualifier
# ("Birmingham, UK"). Keys and values are folded; values are area names in the index.
_AREA_ALIASES: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "us",
            "usa",
            "u s",
            "u s a",
            "america",
            "united states of america",
            "the us",
            "the usa",
            "the united states",
            "the states",
        ),
        "united states",
    ),
    **dict.fromkeys(
        (
            "uk",
            "u k",
            "gb",
            "britain",
            "great britain",
            "the uk",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ),
        "united kingdom",
    ),
    **dict.fromkeys(("uae", "u a e", "emirates", "the uae"), "united arab emirates"),
    **dict.fromkeys(("netherlands", "holland", "nederland"), "the netherlands"),
    **dict.fromkeys(("korea", "republic of korea"), "south korea"),
    **dict.fromkeys(("czech republic", "cesko"), "czechia"),
    **dict.fromkeys(("russian federation", "rossiya"), "russia"),
    **dict.fromkeys(("drc", "dr congo", "congo kinshasa"), "democratic republic of the congo"),
    **dict.fromkeys(("ksa", "saudi"), "saudi arabia"),
    **dict.fromkeys(("nz", "aotearoa"), "new zealand"),
    **dict.fromkeys(("prc", "zhongguo"), "china"),
    **dict.fromkeys(("nippon", "nihon"), "japan"),
    **dict.fromkeys(("hellas", "ellada"), "greece"),
    **dict.fromkeys(("schweiz", "suisse", "svizzera"), "switzerland"),
    **dict.fromkeys(("belgie", "belgique"), "belgium"),
    "turkiye": "turkey",
    "cote d ivoire": "ivory coast",
    "burma": "myanmar",
    "congo brazzaville": "republic of the congo",
    "macedonia": "north macedonia",
    "swaziland": "eswatini",
    "cape verde": "cabo verde",
    "east timor": "timor leste",
    "vatican city": "vatican",
    "palestine": "palestinian territory",
    "viet nam": "vietnam",
    "deutschland": "germany",
    "espana": "spain",
    "brasil": "brazil",
    "italia": "italy",
    "polska": "poland",
    "sverige": "sweden",
    "norge": "norway",
    "danmark": "denmark",
    "suomi": "finland",
    "osterreich": "austria",
    "eire": "ireland",
    "bharat": "india",
    "magyarorszag": "hungary",
    "hrvatska": "croatia",
    # in the bot's other languages (their full country names come from CLDR, in the index)
    **dict.fromkeys(("eeuu", "ee uu", "eua", "сша", "америка"), "united states"),
    **dict.fromkeys(("inglaterra", "escocia", "англия"), "united kingdom"),
    **dict.fromkeys(("holanda", "голландия"), "the netherlands"),
    "рф": "russia",
    "d c": "district of columbia",
    "nsw": "new south wales",
    "qld": "queensland",
    "bc": "british columbia",
    "pei": "prince edward island",
}

# Short names of cities, understood as a whole entry only (as a qualifier "LA" is
# Louisiana). Values are what the name stands for, as it would be typed.
_CITY_ALIASES: Final[dict[str, str]] = {
    "nyc": "New York City",
    "ny c": "New York City",
    "la": "Los Angeles, US",
    "l a": "Los Angeles, US",
    "sf": "San Francisco, US",
    "san fran": "San Francisco, US",
    "bay area": "San Francisco, US",
    "dc": "Washington, DC",
    "d c": "Washington, DC",
    "philly": "Philadelphia, US",
    "vegas": "Las Vegas, US",
    "nola": "New Orleans, US",
    "atl": "Atlanta, US",
    "slc": "Salt Lake City, US",
    "stl": "St. Louis, US",
    "pdx": "Portland, OR",
    "kc": "Kansas City, MO",
    "dfw": "Dallas, US",
    "silicon valley": "San Jose, CA",
    "kl": "Kuala Lumpur",
    "hk": "Hong Kong",
    "sg": "Singapore",
    "hcmc": "Ho Chi Minh City",
    "bkk": "Bangkok",
    "cdmx": "Mexico City",
    "rio": "Rio de Janeiro",
    "bsas": "Buenos Aires",
    "jozi": "Johannesburg",
    "jhb": "Johannesburg",
    "blr": "Bangalore",
    "bali": "Denpasar",
}

PLACE_ALIASES: Final[frozenset[str]] = frozenset(_AREA_ALIASES) | frozenset(_CITY_ALIASES)
"""Every short or other name understood besides the index's own names (folded)."""

# "St Petersburg", "Ft Worth": tried with the long form when the short one is unknown.
_PREFIXES: Final = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}

# ------------------------------------------------------------------------------ offsets

_OFFSET_RE: Final = re.compile(
    r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?:(?:\s*[:.h]\s*|)(\d{2}))?$", re.IGNORECASE
)
_MIN_OFFSET: Final = -12 * 60
_MAX_OFFSET: Final = 14 * 60
_INVALID_OFFSET: Final = 10**6  # outside any range


def _parse_offset(text: str) -> int | None:
    """Minutes east of UTC, or None when ``text`` is not an offset. Range is not checked."""
    m = _OFFSET_RE.match(text)
    if not m:
        return None
    hours = int(m.group(2))
    minutes = int(m.group(3) or 0)
    if minutes >= 60:
        return _INVALID_OFFSET  # looks like an offset, but isn't one: refuse, don't guess
    total = hours * 60 + minutes
    return -total if m.group(1) in "-−" else total


def _minutes(offset: timedelta | None) -> int:
    return 0 if offset is None else int(offset.total_seconds() // 60)


@lru_cache(maxsize=4)
def _fractional_zones(year: int) -> tuple[str, ...]:
    """Geographic zones with a non-whole-hour offset in January or July of ``year``."""
    out: list[str] = []
    for zone in sorted(geographic_zones()):
        tz = zoneinfo.ZoneInfo(zone)
        for month in (1, 7):
            offset = datetime(year, month, 1, tzinfo=UTC).astimezone(tz).utcoffset()
            if offset is not None and offset % timedelta(hours=1):
                out.append(zone)
                break
    return tuple(out)


def _resolve_offset(minutes: int, now: datetime) -> Resolution:
    if not _MIN_OFFSET <= minutes <= _MAX_OFFSET:
        return Resolution(None, ())
    if minutes == 0:
        return Resolution(_zone_match("UTC"), ())
    if minutes % 60 == 0:
        hours = minutes // 60
        # Inverted sign: UTC+2 is Etc/GMT-2.
        zone = f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
        return Resolution(ZoneMatch(zone=zone, label=_format_offset(minutes)), ())
    target = timedelta(minutes=minutes)
    weights = _index().zone_weight
    found = [
        z
        for z in _fractional_zones(now.astimezone(UTC).year)
        if now.astimezone(zoneinfo.ZoneInfo(z)).utcoffset() == target
    ]
    found.sort(key=lambda z: (-weights.get(z, 0), z))
    return Resolution(None, tuple(_zone_match(z) for z in found[:_MAX_GUESSES]))


# ------------------------------------------------------------------------------- places


def _index() -> PlaceIndex:
    return open_index()


def _place_match(place: Place) -> ZoneMatch:
    return ZoneMatch(zone=place.zone, label=f"{place.name} ({place.zone})")


def _decide(ranked: list[tuple[ZoneMatch, int]]) -> tuple[Resolution, int]:
    """``ranked``: one entry per zone, heaviest first. Apply the dominance rule.

    Returns the resolution and the weight of the match (0 without a match).
    """
    if not ranked:
        return Resolution(None, ()), 0
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * max(ranked[1][1], 1):
        return Resolution(ranked[0][0], ()), ranked[0][1]
    return Resolution(None, tuple(m for m, _ in ranked[:_MAX_GUESSES])), 0


def _by_zone(places: Sequence[Place]) -> list[tuple[ZoneMatch, int]]:
    best: dict[str, Place] = {}
    for p in places:
        if p.zone not in best or p.weight > best[p.zone].weight:
            best[p.zone] = p
    ordered = sorted(best.values(), key=lambda p: (-p.weight, p.zone))
    return [(_place_match(p), p.weight) for p in ordered]


def _qualifier_codes(qualifier: str) -> frozenset[str]:
    """The country/region codes a folded qualifier names ("oregon" -> {"US-OR"})."""
    idx = _index()
    codes = set(idx.qualifiers.get(_AREA_ALIASES.get(qualifier, qualifier), ()))
    if len(qualifier) == 2:
        codes |= {qualifier.upper(), f"US-{qualifier.upper()}"}
    return frozenset(codes)


def _fits(codes: frozenset[str], place: Place) -> bool:
    return bool(codes.intersection(place.countries)) or place.region in codes


def _narrow_places(places: Sequence[Place], qualifiers: Sequence[str]) -> tuple[Place, ...]:
    """Each qualifier in turn keeps the places it fits, unless it fits none (then ignored)."""
    found = tuple(places)
    for qualifier in qualifiers:
        codes = _qualifier_codes(qualifier)
        narrowed = tuple(p for p in found if _fits(codes, p))
        if narrowed:
            found = narrowed
    return found


def _narrow_areas(areas: Sequence[Area], qualifiers: Sequence[str]) -> tuple[Area, ...]:
    """Like :func:`_narrow_places`, but a known qualifier that fits no area drops them all
    ("Washington, DC" is the city, not the state)."""
    found = tuple(areas)
    for qualifier in qualifiers:
        codes = _qualifier_codes(qualifier)
        if codes:
            found = tuple(a for a in found if a.country in codes or a.region in codes)
    return found


def _offset_pattern(zone: str, now: datetime) -> tuple[int, ...]:
    """The zone's UTC offsets (minutes) now and at three later points of the year."""
    tz = zoneinfo.ZoneInfo(zone)
    return tuple(_minutes((now + step).astimezone(tz).utcoffset()) for step in _YEAR_SAMPLES)


def _area_resolution(
    areas: Sequence[Area], namesakes: Sequence[Place], now: datetime
) -> tuple[Resolution, int]:
    """One match, or one candidate per group of zones keeping the same offsets; see the
    module doc. Returns the resolution and the area's weight."""
    total = sum(a.weight for a in areas)
    # zone -> (summed weight, weight of the entry that names it, its biggest city)
    zones: dict[str, tuple[int, int, str]] = {}
    for area in areas:
        for z in area.zones:
            weight, biggest, city = zones.get(z.zone, (0, -1, ""))
            zones[z.zone] = (weight + z.weight, *max((biggest, city), (z.weight, z.city)))
    joined = [p for p in namesakes if p.weight * DOMINANCE >= total]
    for p in joined:
        weight, biggest, city = zones.get(p.zone, (0, -1, ""))
        zones[p.zone] = (weight + p.weight, *max((biggest, city), (p.weight, p.name)))
    groups: dict[tuple[int, ...], list[tuple[int, str, str]]] = {}
    for zone, (weight, _, city) in zones.items():
        groups.setdefault(_offset_pattern(zone, now), []).append((weight, zone, city))
    if any(w for members in groups.values() for w, _, _ in members):
        groups = {k: v for k, v in groups.items() if sum(w for w, _, _ in v) > 0}
    if len(groups) == 1:
        (members,) = groups.values()
        _, zone, city = max(members)
        name = areas[0].name if len(areas) == 1 and not joined else city
        return Resolution(ZoneMatch(zone, f"{name} ({zone})"), ()), total
    heaviest = sorted(groups.items(), key=lambda kv: -sum(w for w, _, _ in kv[1]))
    chosen = sorted(heaviest[:MAX_CANDIDATES])
    candidates = []
    for pattern, members in chosen:
        _, zone, city = max(members)
        candidates.append(ZoneMatch(zone, f"{city} ({_format_offset(pattern[0])})"))
    return Resolution(None, tuple(candidates), other=True), 0


def _lookup(
    key: str, qualifiers: Sequence[str], now: datetime, *, regions_only: bool = False
) -> tuple[Resolution, int, bool] | None:
    """An exact look-up of a folded name: the resolution, its weight and whether it is an
    area (a small area is no typo of a big city), or None. ``regions_only``: "<name>
    state", only states and provinces (not countries, not cities) count."""
    idx = _index()
    places = _narrow_places(idx.places(key), qualifiers)
    areas = _narrow_areas(idx.areas.get(key, ()), qualifiers)
    if regions_only:
        areas = tuple(a for a in areas if a.region)
        places = ()
    if areas:
        namesakes = [
            p
            for p in places
            if p.primary and p.weight < ZONE_PART_WEIGHT and _fits_all(p, qualifiers)
        ]
        return (*_area_resolution(areas, namesakes, now), True)
    primaries = [p for p in places if p.primary]
    if primaries:
        heaviest, zones = max(p.weight for p in primaries), {p.zone for p in primaries}
        bigger = [p for p in places if p.weight > heaviest and p.zone not in zones]
        if bigger:  # "Colonia": Cologne in Spanish, and a town in New Jersey: ask
            ranked = _by_zone([*bigger, *primaries])
            return Resolution(None, tuple(m for m, _ in ranked[:_MAX_GUESSES])), 0, False
        return (*_decide(_by_zone(primaries)), False)
    if places:
        return (*_decide(_by_zone(places)), False)
    return None


def _is_known(key: str) -> bool:
    idx = _index()
    return key in idx.areas or bool(idx.places(key))


def _split_qualifiers(key: str) -> tuple[str, list[str]] | None:
    """ "portland oregon usa" -> ("portland", ["oregon", "usa"]): trailing words that name a
    country or region, peeled off while what is left is not a known place."""
    idx = _index()
    words = key.split()
    qualifiers: list[str] = []
    while len(words) > 1:
        for n in range(min(4, len(words) - 1), 0, -1):
            tail = " ".join(words[-n:])
            if tail in idx.qualifiers or tail in _AREA_ALIASES:
                qualifiers.insert(0, tail)
                words = words[:-n]
                break
        else:
            break
        if _is_known(" ".join(words)):
            break
    return (" ".join(words), qualifiers) if qualifiers else None


def _fits_known(key: str, qualifiers: Sequence[str]) -> bool:
    """True if a place or area called ``key`` lies where every qualifier says."""
    idx = _index()
    if any(_fits_all(p, qualifiers) for p in idx.places(key)):
        return True
    return bool(_narrow_areas(idx.areas.get(key, ()), qualifiers))


def _expand(key: str) -> str:
    first, _, rest = key.partition(" ")
    return f"{_PREFIXES[first]} {rest}" if rest and first in _PREFIXES else key


def _fuzzy(key: str, qualifiers: Sequence[str] = ()) -> list[tuple[ZoneMatch, int, float]]:
    """Up to 6 zones of places spelt like ``key``, best first: (match, weight, closeness).

    With qualifiers, places they fit come first (all of them, if any fits).
    """
    from rapidfuzz import fuzz, process

    idx = _index()
    hits = process.extract(
        key, idx.fuzzy_keys(), scorer=fuzz.ratio, limit=40, score_cutoff=_FUZZY_CUTOFF
    )
    scored: list[tuple[float, float, Place]] = []
    for choice, score, _ in hits:
        place = max(idx.places(choice), key=lambda p: (p.primary, p.weight))
        # Closeness first; among similar spellings, big places first.
        bonus = 2.0 * math.log10(max(min(place.weight, 10**8), 10))
        scored.append((score + bonus, score, place))
    scored.sort(key=lambda t: -t[0])
    if qualifiers:
        scored = [t for t in scored if _fits_all(t[2], qualifiers)] or scored
    seen: set[str] = set()
    out: list[tuple[ZoneMatch, int, float]] = []
    for _, score, place in scored:
        if place.zone not in seen:
            seen.add(place.zone)
            out.append((_place_match(place), place.weight, score))
        if len(out) == _MAX_GUESSES:
            break
    return out


def _fits_all(place: Place, qualifiers: Sequence[str]) -> bool:
    """True if every qualifier that names something fits ``place``."""
    codes = (_qualifier_codes(q) for q in qualifiers)
    return all(_fits(c, place) for c in codes if c)


@cache
def _area_names() -> tuple[str, ...]:
    return tuple(sorted(set(_index().areas) | set(_AREA_ALIASES)))


def _fuzzy_area(key: str) -> tuple[str, float] | None:
    """The area name (or area alias) spelt most like ``key``, if it is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(
        key, _area_names(), scorer=fuzz.ratio, score_cutoff=_AREA_FUZZY_CUTOFF
    )
    if best is None:
        return None
    return _AREA_ALIASES.get(best[0], best[0]), float(best[1])


def _fuzzy_zone_names(text: str) -> tuple[ZoneMatch, ...]:
    from rapidfuzz import fuzz, process

    zones = zones_by_lower()
    hits = process.extract(
        text.lower(), sorted(zones), scorer=fuzz.ratio, limit=20, score_cutoff=80
    )
    out: list[ZoneMatch] = []
    for choice, _, _ in hits:
        zone = zones[choice]
        if zone not in {m.zone for m in out}:
            out.append(_zone_match(zone))
    return tuple(out[:_MAX_GUESSES])


def _resolve_place(key: str, qualifiers: list[str], now: datetime) -> Resolution:
    """A folded place name with folded qualifiers; see the module doc, items 4 and 5."""
    if not qualifiers and key in _CITY_ALIASES:
        place_text, *more = _CITY_ALIASES[key].split(",")
        key, qualifiers = fold(place_text), [fold(q) for q in more]
    key = _AREA_ALIASES.get(key, key)
    found = _lookup(key, qualifiers, now)
    if found is None and key.endswith(" state"):  # "Washington State", "New York State"
        found = _lookup(key.removesuffix(" state"), qualifiers, now, regions_only=True)
    guess_key, guess_qualifiers = key, qualifiers
    if found is None and (split := _split_qualifiers(key)) is not None:
        # "Sydney Australia": only if there is such a place there; a two-letter word at the
        # end of a misspelling ("Banina Im") is more likely part of it than a country code.
        head, tail = _AREA_ALIASES.get(split[0], split[0]), [*split[1], *qualifiers]
        if _fits_known(head, tail):
            key, qualifiers = head, tail
            found = _lookup(key, qualifiers, now)
        elif all(len(q) > 2 for q in split[1]):  # "Sidny Australia": guess in Australia
            guess_key, guess_qualifiers = head, tail
    if found is None and _expand(key) != key:
        key = _expand(key)
        found = _lookup(key, qualifiers, now)
    if found is not None:
        res, weight, is_area = found
        if res.match is None or qualifiers or is_area or weight >= _SMALL_PLACE:
            return res
        # A small town spelt like a far bigger place ("Sidney" vs "Sydney"): ask.
        bigger = [
            m for m, w, _ in _fuzzy(key) if w >= DOMINANCE * weight and m.zone != res.match.zone
        ]
        if not bigger:
            return res
        return Resolution(None, (*bigger[: _MAX_GUESSES - 1], res.match))
    guesses = _fuzzy(guess_key, guess_qualifiers)
    area = _fuzzy_area(guess_key)
    if area is not None and (not guesses or area[1] >= guesses[0][2]):
        res, _ = _area_resolution(_index().areas[area[0]], (), now)
        if res.match is None:
            return res
        # A guess is never a match: offer it first, then the spellings of cities.
        others = [m for m, _, _ in guesses if m.zone != res.match.zone]
        return Resolution(None, (res.match, *others[: _MAX_GUESSES - 1]))
    return Resolution(None, tuple(m for m, _, _ in guesses) or COMMON_ZONES)


# ---------------------------------------------------------------------------- public API


def preload() -> None:
    """Map the place index and read the tzdata zone lists now (~20 ms; optional)."""
    _index()
    zones_by_lower()


def resolve_timezone(text: str, now: datetime | None = None) -> Resolution:
    """Resolve a typed zone, offset, abbreviation, city, area; see the module doc.

    ``now`` (timezone-aware, default: the current time) decides which real zones share a
    non-whole-hour offset such as ``+05:30``, and how an area's zones are grouped and
    labelled.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    text = " ".join(text.split())[:MAX_INPUT_LENGTH]
    if not text:
        return Resolution(None, COMMON_ZONES)

    lower = text.lower()
    if lower in UTC_ALIASES:
        return Resolution(_zone_match("UTC"), ())
    zone = zones_by_lower().get(lower.replace(" ", "_"))
    # Legacy zone names that are country names ("Portugal", "Japan") are read as countries.
    legacy_country = "/" not in lower and fold(text) in _index().areas
    if zone is not None and text.upper() not in _ABBREVIATIONS and not legacy_country:
        return Resolution(_zone_match(zone), ())

    offset = _parse_offset(text)
    if offset is not None:
        return _resolve_offset(offset, now)

    abbreviation = _ABBREVIATIONS.get(text.upper())
    if abbreviation is not None:
        return Resolution(None, tuple(_zone_match(z) for z in abbreviation))

    if "/" in text:
        by_name = _fuzzy_zone_names(text.replace(" ", "_"))
        if by_name:
            return Resolution(None, by_name)
        text = text.rsplit("/", 1)[1]

    place_text, *qualifier_texts = text.split(",")
    key = fold(place_text)
    if not key:
        return Resolution(None, COMMON_ZONES)
    qualifiers = [q for q in (fold(t) for t in qualifier_texts) if q]
    return _resolve_place(key, qualifiers, now)


def zone_from_location(latitude: float, longitude: float) -> str | None:
    """The zone at a shared location (tzfpy, offline), or None if there is none."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        return None
    import tzfpy

    try:
        found = tzfpy.get_tz(longitude, latitude)
    except (ValueError, RuntimeError):  # pragma: no cover - defensive
        return None
    if not isinstance(found, str) or not found:
        return None
    zone = canonical(found)
    return zone if is_valid_zone(zone) else None
