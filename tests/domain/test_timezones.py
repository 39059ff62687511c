"""Resolving typed or shared time zones (bot.domain.timezones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.place_index import open_index
from bot.domain.timezones import (
    COMMON_ZONES,
    MAX_CANDIDATES,
    PLACE_ALIASES,
    Resolution,
    ZoneMatch,
    is_valid_zone,
    resolve_timezone,
    zone_from_location,
    zone_label,
)

WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def _zones(res: Resolution) -> list[str]:
    return [c.zone for c in res.candidates]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        # IANA names, any case, aliases canonicalised
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  EUROPE/BERLIN ", "Europe/Berlin"),
        ("America/New York", "America/New_York"),
        ("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("Europe/Oslo", "Europe/Oslo"),  # a country's own name stays, though it is a link
        ("Etc/GMT-2", "Etc/GMT-2"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("Etc/UTC", "UTC"),
        ("Z", "UTC"),
        # cities, accent/case/punctuation-insensitive
        ("Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("sao paulo", "America/Sao_Paulo"),
        ("São Paulo", "America/Sao_Paulo"),
        ("SAO-PAULO", "America/Sao_Paulo"),
        ("New York", "America/New_York"),
        ("new york city", "America/New_York"),
        ("munchen", "Europe/Berlin"),
        ("München", "Europe/Berlin"),
        ("Munich", "Europe/Berlin"),
        ("Frankfurt", "Europe/Berlin"),
        ("Bombay", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("Lodz", "Europe/Warsaw"),
        ("Łódź", "Europe/Warsaw"),
        ("Tokio", "Asia/Tokyo"),
        ("Kiev", "Europe/Kyiv"),
        # the city part of zone names
        ("Kolkata", "Asia/Kolkata"),
        ("Lord Howe", "Australia/Lord_Howe"),
        ("lord_howe", "Australia/Lord_Howe"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        # the zone's own city wins over namesakes elsewhere
        ("London", "Europe/London"),
        ("Santiago", "America/Santiago"),
        ("Sydney", "Australia/Sydney"),
        # a qualifier after a comma: country code, country, US state code or name
        ("Portland, OR", "America/Los_Angeles"),
        ("Portland, Oregon", "America/Los_Angeles"),
        ("Portland, Maine", "America/New_York"),
        ("London, Canada", "America/Toronto"),
        ("London, CA", "America/Toronto"),
        ("Birmingham, UK", "Europe/London"),
        ("Birmingham, AL", "America/Chicago"),
        ("Sidney, Ohio", "America/New_York"),
        ("Berlin, nowhere", "Europe/Berlin"),  # unknown qualifier is ignored
        # countries with one zone, or one far bigger than the rest
        ("India", "Asia/Kolkata"),
        ("Germany", "Europe/Berlin"),
        ("japan", "Asia/Tokyo"),
    ],
)
def test_unambiguous_entries_match(text: str, zone: str) -> None:
    res = resolve_timezone(text, WINTER)
    assert res.match is not None, res
    assert res.match.zone == zone
    assert res.candidates == ()
    assert is_valid_zone(res.match.zone)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portland", {"America/Los_Angeles", "America/New_York"}),  # 653k vs 67k: < 10x
        ("Birmingham", {"Europe/London", "America/Chicago"}),
        ("Springfield", {"America/Chicago", "America/New_York"}),
        ("United States", {"America/New_York", "America/Chicago", "America/Los_Angeles"}),
        ("EST", {"America/New_York"}),
        ("est", {"America/New_York"}),
        ("CET", {"Europe/Berlin", "Europe/Paris"}),
        ("IST", {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}),
        ("Berln", {"Europe/Berlin"}),
        ("Frnkfurt", {"Europe/Berlin"}),
        ("Sidney", {"Australia/Sydney", "America/New_York"}),  # Sidney, Ohio is small
        ("Europe/Berln", {"Europe/Berlin"}),
    ],
)
def test_ambiguous_or_misspelt_entries_offer_candidates(text: str, expected: set[str]) -> None:
    res = resolve_timezone(text, WINTER)
    assert res.match is None
    assert expected <= set(_zones(res))
    assert 0 < len(res.candidates) <= MAX_CANDIDATES


def test_typo_puts_the_nearest_big_city_first() -> None:
    res = resolve_timezone("Berln", WINTER)
    assert res.candidates[0] == ZoneMatch("Europe/Berlin", "Berlin (Europe/Berlin)")


def test_abbreviations_are_never_a_fixed_zone() -> None:
    # "EST" is also an IANA name (a fixed UTC-5 without DST): don't hand that out.
    for text in ("EST", "MST", "HST", "CET", "EET", "WET"):
        res = resolve_timezone(text, WINTER)
        assert res.match is None
        assert all("/" in z for z in _zones(res)), text


@pytest.mark.parametrize("text", ["asdkjhqwe", "zzzz", "ывапролдж", "123", "!!!", ""])
def test_garbage_offers_the_common_zones(text: str) -> None:
    res = resolve_timezone(text, WINTER)
    assert res.match is None
    assert res.candidates == COMMON_ZONES


@pytest.mark.parametrize(
    ("text", "zone", "label"),
    [
        ("UTC+2", "Etc/GMT-2", "UTC+02:00"),
        ("utc +2", "Etc/GMT-2", "UTC+02:00"),
        ("GMT-5", "Etc/GMT+5", "UTC-05:00"),
        ("+02:00", "Etc/GMT-2", "UTC+02:00"),
        ("-05:00", "Etc/GMT+5", "UTC-05:00"),
        ("-0500", "Etc/GMT+5", "UTC-05:00"),
        ("UTC−3", "Etc/GMT+3", "UTC-03:00"),  # a typographic minus
        ("+14", "Etc/GMT-14", "UTC+14:00"),
        ("UTC-12", "Etc/GMT+12", "UTC-12:00"),
        ("UTC+0", "UTC", "UTC"),
        ("+00:00", "UTC", "UTC"),
    ],
)
def test_whole_hour_offsets_map_to_etc_zones(text: str, zone: str, label: str) -> None:
    res = resolve_timezone(text, WINTER)
    assert res.match == ZoneMatch(zone, label)
    assert res.candidates == ()


@pytest.mark.parametrize("text", ["UTC+15", "-13", "+14:30", "UTC-12:30", "+99", "+05:60"])
def test_offsets_out_of_range_are_refused(text: str) -> None:
    assert resolve_timezone(text, WINTER) == Resolution(None, ())


@pytest.mark.parametrize(
    ("text", "now", "expected", "excluded"),
    [
        ("UTC+5:30", WINTER, {"Asia/Kolkata", "Asia/Colombo"}, set()),
        ("+0530", WINTER, {"Asia/Kolkata", "Asia/Colombo"}, set()),
        ("+05:45", WINTER, {"Asia/Kathmandu"}, set()),
        ("-03:30", WINTER, {"America/St_Johns"}, set()),
        ("-02:30", SUMMER, {"America/St_Johns"}, set()),  # Newfoundland daylight time
        # January: Adelaide on daylight time (+10:30), Lord Howe +11:00 (half-hour DST)
        ("+10:30", WINTER, {"Australia/Adelaide"}, {"Australia/Lord_Howe"}),
        # July: Adelaide back to +09:30, Lord Howe on standard +10:30
        ("+10:30", SUMMER, {"Australia/Lord_Howe"}, {"Australia/Adelaide"}),
        ("+09:30", SUMMER, {"Australia/Adelaide", "Australia/Darwin"}, set()),
    ],
)
def test_fractional_offsets_offer_the_zones_with_that_offset_now(
    text: str, now: datetime, expected: set[str], excluded: set[str]
) -> None:
    res = resolve_timezone(text, now)
    assert res.match is None
    zones = set(_zones(res))
    assert expected <= zones
    assert not excluded & zones
    for zone in zones:
        assert (
            now.astimezone(ZoneInfo(zone)).utcoffset()
            == now.astimezone(ZoneInfo(res.candidates[0].zone)).utcoffset()
        )


def test_fractional_offset_nobody_uses_is_empty() -> None:
    assert resolve_timezone("+03:15", WINTER) == Resolution(None, ())


@pytest.mark.parametrize("hours", range(-12, 15))
def test_every_whole_hour_offset_means_that_offset(hours: int) -> None:
    res = resolve_timezone(f"UTC{hours:+d}", WINTER)
    assert res.match is not None
    assert WINTER.astimezone(ZoneInfo(res.match.zone)).utcoffset() == timedelta(hours=hours)


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        resolve_timezone("Berlin", datetime(2026, 1, 1))


def test_default_now_works() -> None:
    assert resolve_timezone("+05:30").match is None


def test_common_zones() -> None:
    assert 8 <= len(COMMON_ZONES) <= 10
    assert all(is_valid_zone(m.zone) for m in COMMON_ZONES)
    assert "UTC" in {m.zone for m in COMMON_ZONES}
    assert len({m.zone for m in COMMON_ZONES}) == len(COMMON_ZONES)
    assert ZoneMatch("Europe/Berlin", "Berlin (Europe/Berlin)") in COMMON_ZONES


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Berlin", True),
        ("Etc/GMT-2", True),
        ("UTC", True),
        ("Asia/Calcutta", True),
        ("europe/berlin", False),
        ("Mars/Olympus_Mons", False),
        ("", False),
        ("Factory", False),
        ("../../etc/passwd", False),
        ("Europe/Berlin ", False),
    ],
)
def test_is_valid_zone(name: str, valid: bool) -> None:
    assert is_valid_zone(name) is valid


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Europe/Berlin", "Berlin (Europe/Berlin)"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires (America/Argentina/Buenos_Aires)"),
        ("Australia/Lord_Howe", "Lord Howe (Australia/Lord_Howe)"),
        ("Etc/GMT-2", "UTC+02:00"),
        ("Etc/GMT+5", "UTC-05:00"),
        ("Etc/GMT-14", "UTC+14:00"),
        ("Etc/UTC", "UTC"),
        ("UTC", "UTC"),
    ],
)
def test_zone_label(name: str, label: str) -> None:
    assert zone_label(name) == label


@pytest.mark.parametrize(
    ("lat", "lon", "zone"),
    [
        (52.52, 13.405, "Europe/Berlin"),
        (40.7128, -74.006, "America/New_York"),
        (-33.8688, 151.2093, "Australia/Sydney"),
        (22.5726, 88.3639, "Asia/Kolkata"),
        (-23.55, -46.633, "America/Sao_Paulo"),
        (-31.55, 159.08, "Australia/Lord_Howe"),
    ],
)
def test_zone_from_location(lat: float, lon: float, zone: str) -> None:
    assert zone_from_location(lat, lon) == zone


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(91.0, 0.0), (-90.5, 0.0), (0.0, 180.5), (0.0, -181.0), (float("nan"), 0.0)],
)
def test_zone_from_location_rejects_bad_coordinates(lat: float, lon: float) -> None:
    assert zone_from_location(lat, lon) is None


@settings(max_examples=200, deadline=None)
@given(
    lat=st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_zone_from_location_returns_a_loadable_zone_or_none(lat: float, lon: float) -> None:
    zone = zone_from_location(lat, lon)
    assert zone is None or is_valid_zone(zone)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_resolve_never_raises_and_offers_valid_distinct_zones(text: str) -> None:
    res = resolve_timezone(text, WINTER)
    zones = _zones(res)
    assert len(zones) == len(set(zones))
    assert len(zones) <= max(MAX_CANDIDATES, len(COMMON_ZONES))
    for zone in zones + ([res.match.zone] if res.match else []):
        assert is_valid_zone(zone), zone
    if res.match is not None:
        assert res.candidates == ()
    if any(ch.isalpha() for ch in text) and res.match is None:
        assert res.candidates, text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(m.zone for m in COMMON_ZONES)))
def test_a_zone_name_resolves_to_itself(zone: str) -> None:
    for text in (zone, zone.lower(), zone.upper()):
        res = resolve_timezone(text, WINTER)
        assert res.match is not None
        assert res.match.zone == zone


# --- places as people type them (issue 13, item 5) -------------------------------------
# Expected: a zone name (a match), or Offer(zones the list must hold, zones it must not,
# whether "Other" applies). Every row is also checked against the general rules in
# test_place_table (valid zones, at most MAX_CANDIDATES, match xor candidates).


class Offer:
    def __init__(self, *zones: str, other: bool = False, never: tuple[str, ...] = ()) -> None:
        self.zones = set(zones)
        self.other = other
        self.never = set(never)

    def __repr__(self) -> str:
        return f"Offer({sorted(self.zones)}, other={self.other}, never={sorted(self.never)})"


US = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix")
US_ALL = (*US, "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu")
AU = ("Australia/Perth", "Australia/Darwin", "Australia/Brisbane", "Australia/Adelaide")
AU_ALL = (*AU, "Australia/Sydney")
MX = ("America/Tijuana", "America/Mexico_City", "America/Cancun", "America/Mazatlan")

PLACE_TABLE: list[tuple[str, str | Offer]] = [
    # countries with several zones: one button per group of offsets, plus "Other"
    ("USA", Offer(*US_ALL, other=True, never=("Europe/Istanbul",))),
    ("usa", Offer(*US_ALL, other=True, never=("Europe/Istanbul",))),
    ("U.S.A.", Offer(*US_ALL, other=True)),
    ("US", Offer(*US_ALL, other=True)),
    ("America", Offer(*US_ALL, other=True)),
    ("the States", Offer(*US_ALL, other=True)),
    ("United States of America", Offer(*US_ALL, other=True)),
    ("Australia", Offer(*AU_ALL, other=True, never=("Asia/Tokyo",))),
    ("Austrailia", Offer(*AU_ALL, other=True)),  # a misspelt country is still offered
    ("Canada", Offer("America/Toronto", "America/Vancouver", "America/Halifax", other=True)),
    ("Canada", Offer("America/Edmonton", "America/Winnipeg", "America/St_Johns", other=True)),
    ("Brazil", Offer("America/Sao_Paulo", "America/Manaus", "America/Rio_Branco", other=True)),
    ("Brasil", Offer("America/Sao_Paulo", "America/Manaus", other=True)),
    ("Mexico", Offer(*MX, other=True, never=("America/Guatemala", "Asia/Manila"))),
    ("México", Offer(*MX, other=True, never=("America/Guatemala", "Asia/Manila"))),
    ("Russia", Offer("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Irkutsk", other=True)),
    ("Indonesia", Offer("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", other=True)),
    ("Spain", Offer("Europe/Madrid", "Atlantic/Canary", other=True)),
    ("Portugal", Offer("Europe/Lisbon", "Atlantic/Azores", other=True)),  # not the old link
    ("DR Congo", Offer("Africa/Kinshasa", "Africa/Lubumbashi", other=True)),
    ("Georgia", Offer("Asia/Tbilisi", "America/New_York", other=True)),  # country and state
    ("Washington", Offer("America/Los_Angeles", "America/New_York", other=True)),
    # US states, provinces, Australian states
    ("Texas", Offer("America/Chicago", "America/Denver", other=True)),
    ("Indiana", Offer("America/Indiana/Indianapolis", "America/Chicago", other=True)),
    ("Ontario", Offer("America/Toronto", "America/Winnipeg", other=True)),
    ("NSW", Offer("Australia/Sydney", "Australia/Broken_Hill", other=True)),
    ("California", "America/Los_Angeles"),
    ("Arizona", "America/Phoenix"),
    ("Hawaii", "Pacific/Honolulu"),
    ("Washington State", "America/Los_Angeles"),
    ("New York State", "America/New_York"),
    ("Georgia USA", "America/New_York"),
    ("Queensland", "Australia/Brisbane"),
    ("Western Australia", "Australia/Perth"),
    ("Saskatchewan", "America/Regina"),
    ("Alberta", "America/Edmonton"),
    ("Quebec", "America/Toronto"),
    # countries with one zone (or one group of identical zones)
    ("India", "Asia/Kolkata"),
    ("Germany", "Europe/Berlin"),
    ("Deutschland", "Europe/Berlin"),
    ("France", "Europe/Paris"),
    ("Japan", "Asia/Tokyo"),
    ("Italia", "Europe/Rome"),
    ("Schweiz", "Europe/Zurich"),
    ("Türkiye", "Europe/Istanbul"),
    ("Argentina", "America/Argentina/Buenos_Aires"),
    ("New Zealand", "Pacific/Auckland"),
    ("Kiribati", "Pacific/Tarawa"),  # the other zones have no town of 15,000
    ("Panama", "America/Panama"),
    ("Singapore", "Asia/Singapore"),
    ("Armenia", Offer("Asia/Yerevan", "America/Bogota", other=True)),  # and the city
    # short names of countries
    ("UK", "Europe/London"),
    ("U.K.", "Europe/London"),
    ("England", "Europe/London"),
    ("Scotland", "Europe/London"),
    ("Great Britain", "Europe/London"),
    ("UAE", "Asia/Dubai"),
    ("Emirates", "Asia/Dubai"),
    ("Holland", "Europe/Amsterdam"),
    ("Netherlands", "Europe/Amsterdam"),
    ("Korea", "Asia/Seoul"),
    ("Czech Republic", "Europe/Prague"),
    ("Burma", "Asia/Yangon"),
    ("Saudi", "Asia/Riyadh"),
    # short names of cities
    ("NYC", "America/New_York"),
    ("nyc", "America/New_York"),
    ("LA", "America/Los_Angeles"),
    ("L.A.", "America/Los_Angeles"),
    ("SF", "America/Los_Angeles"),
    ("Bay Area", "America/Los_Angeles"),
    ("DC", "America/New_York"),
    ("D.C.", "America/New_York"),
    ("Philly", "America/New_York"),
    ("Vegas", "America/Los_Angeles"),
    ("NOLA", "America/Chicago"),
    ("KC", "America/Chicago"),
    ("KL", "Asia/Kuala_Lumpur"),
    ("HK", "Asia/Hong_Kong"),
    ("HCMC", "Asia/Ho_Chi_Minh"),
    ("CDMX", "America/Mexico_City"),
    ("Rio", "America/Sao_Paulo"),
    ("Bali", "Asia/Makassar"),
    # "City Country", "City State", "City, Region", several qualifiers
    ("Sydney Australia", "Australia/Sydney"),
    ("sydney australia", "Australia/Sydney"),
    ("Sydney, Australia", "Australia/Sydney"),
    ("Sydney, NSW", "Australia/Sydney"),
    ("Melbourne Australia", "Australia/Melbourne"),
    ("Melbourne Florida", "America/New_York"),
    ("Melbourne, FL", "America/New_York"),
    ("Portland Oregon", "America/Los_Angeles"),
    ("Portland OR", "America/Los_Angeles"),
    ("Portland Maine", "America/New_York"),
    ("Portland, Oregon, USA", "America/Los_Angeles"),
    ("Portland Oregon USA", "America/Los_Angeles"),
    ("Paris France", "Europe/Paris"),
    ("Paris Texas", "America/Chicago"),
    ("London Ontario", "America/Toronto"),
    ("London, Ontario", "America/Toronto"),
    ("London UK", "Europe/London"),
    ("Vancouver BC", "America/Vancouver"),
    ("Vancouver WA", "America/Los_Angeles"),
    ("Vancouver Washington", "America/Los_Angeles"),
    ("Cambridge MA", "America/New_York"),
    ("Cambridge England", "Europe/London"),
    ("Atlanta Georgia", "America/New_York"),
    ("Tbilisi Georgia", "Asia/Tbilisi"),
    ("Washington DC", "America/New_York"),
    ("Washington, D.C.", "America/New_York"),
    ("Halifax Nova Scotia", "America/Halifax"),
    ("Halifax England", "Europe/London"),
    ("Dublin Ireland", "Europe/Dublin"),
    ("Dublin Ohio", "America/New_York"),
    ("Lagos Nigeria", "Africa/Lagos"),
    ("Lagos Portugal", "Europe/Lisbon"),
    ("Perth Scotland", "Europe/London"),
    ("Kuala Lumpur Malaysia", "Asia/Kuala_Lumpur"),
    ("Guadalajara Mexico", "America/Mexico_City"),
    ("Moscow Russia", "Europe/Moscow"),
    ("Berlin Germany", "Europe/Berlin"),
    ("Sao Paulo Brazil", "America/Sao_Paulo"),
    ("Ft Worth", "America/Chicago"),
    # a misspelt city with its country: the guesses in that country
    ("Sidny Australia", Offer("Australia/Sydney")),
    # cities people name alone
    ("Phoenix", "America/Phoenix"),
    ("Denver", "America/Denver"),
    ("Tijuana", "America/Tijuana"),
    ("Vladivostok", "Asia/Vladivostok"),
    ("Makassar", "Asia/Makassar"),
]


@pytest.mark.parametrize(("text", "expected"), PLACE_TABLE)
def test_place_table(text: str, expected: str | Offer) -> None:
    res = resolve_timezone(text, WINTER)
    assert (res.match is None) != (res.candidates == ()), res
    assert len(res.candidates) <= MAX_CANDIDATES
    for zone in _zones(res) + ([res.match.zone] if res.match else []):
        assert is_valid_zone(zone), zone
    if isinstance(expected, str):
        assert res.match is not None, res
        assert res.match.zone == expected
        assert not res.other
        return
    assert res.match is None, res
    zones = set(_zones(res))
    assert expected.zones <= zones, res
    assert not expected.never & zones, res
    assert res.other is expected.other


def test_the_place_table_is_big_enough() -> None:
    assert len(PLACE_TABLE) >= 80
    assert len({text for text, _ in PLACE_TABLE}) >= 80


def _offset_now(zone: str, now: datetime) -> timedelta | None:
    return now.astimezone(ZoneInfo(zone)).utcoffset()


@pytest.mark.parametrize("now", [WINTER, SUMMER])
@pytest.mark.parametrize("text", ["USA", "Australia", "Canada", "Brazil", "Mexico", "Russia"])
def test_country_buttons_are_one_per_offset_named_by_a_city(text: str, now: datetime) -> None:
    res = resolve_timezone(text, now)
    assert res.match is None
    assert res.other
    assert 2 <= len(res.candidates) <= MAX_CANDIDATES
    offsets = [_offset_now(c.zone, now) for c in res.candidates]
    assert offsets == sorted(offsets, key=lambda o: o or timedelta())  # west to east
    for candidate, offset in zip(res.candidates, offsets, strict=True):
        city, _, shown = candidate.label.rpartition(" (")
        assert city and "/" not in city and "_" not in city, candidate
        assert offset is not None
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        assert shown == f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
    # Zones that share today's offset are separate buttons only if they part during the
    # year (Denver keeps daylight saving, Phoenix doesn't).
    for i, a in enumerate(res.candidates):
        for b in res.candidates[i + 1 :]:
            if _offset_now(a.zone, now) == _offset_now(b.zone, now):
                later = [now + timedelta(days=d) for d in (91, 182, 273)]
                assert any(_offset_now(a.zone, t) != _offset_now(b.zone, t) for t in later)


def test_usa_in_summer_keeps_phoenix_apart_from_los_angeles() -> None:
    res = resolve_timezone("USA", SUMMER)
    by_zone = {c.zone: c.label for c in res.candidates}
    assert by_zone["America/Phoenix"] == "Phoenix (UTC-07:00)"
    assert by_zone["America/Los_Angeles"] == "Los Angeles (UTC-07:00)"
    assert by_zone["America/New_York"] == "New York City (UTC-04:00)"


def test_russia_offers_the_eight_most_populous_offsets() -> None:
    res = resolve_timezone("Russia", WINTER)
    assert len(res.candidates) == MAX_CANDIDATES  # Russia has eleven
    assert res.candidates[0] == ZoneMatch("Europe/Moscow", "Moscow (UTC+03:00)")
    assert "Asia/Kamchatka" not in _zones(res)


def test_a_one_zone_country_is_labelled_with_its_name() -> None:
    assert resolve_timezone("India", WINTER).match == ZoneMatch(
        "Asia/Kolkata", "India (Asia/Kolkata)"
    )


def test_every_area_resolves_to_a_match_or_a_list_with_other() -> None:
    for key in open_index().areas:
        res = resolve_timezone(key, WINTER)
        if res.match is not None:
            assert res.candidates == () and not res.other, key
            assert is_valid_zone(res.match.zone), key
            continue
        assert 2 <= len(res.candidates) <= MAX_CANDIDATES and res.other, (key, res)
        assert all(is_valid_zone(c.zone) for c in res.candidates), key
        assert len(set(_zones(res))) == len(res.candidates), key


def test_every_alias_means_something() -> None:
    for alias in PLACE_ALIASES:
        res = resolve_timezone(alias, WINTER)
        assert res.match is not None or res.other, (alias, res)


# Places typed in the bot's other languages: one table each (issue 18). The index has
# CLDR's country and exemplar-city names in es, pt_BR, de and ru, geonames' Latin-script
# alternates and Russian names; every language is read whatever the person's setting.
BY_LANGUAGE: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {
    # text -> the match (or None), and zones among the candidates
    "es": [
        ("Múnich", "Europe/Berlin", ()),
        ("Nueva York", "America/New_York", ()),
        ("Londres", "Europe/London", ()),
        ("Ciudad de México", "America/Mexico_City", ()),
        ("Alemania", "Europe/Berlin", ()),
        ("Múnich, Alemania", "Europe/Berlin", ()),
        ("Suiza", "Europe/Zurich", ()),
        ("Japón", "Asia/Tokyo", ()),
        ("España", None, ("Europe/Madrid", "Atlantic/Canary")),
        ("Estados Unidos", None, ("America/New_York", "America/Los_Angeles")),
        ("EE.UU.", None, ("America/New_York", "America/Chicago")),
        ("Granada", None, ("Europe/Madrid",)),  # the city; Spanish for Grenada is not read
        # another language's name of a bigger city than the place of that name: both offered
        ("Pekín", None, ("Asia/Shanghai", "America/Chicago")),
        ("Colonia", None, ("Europe/Berlin", "America/New_York")),
        ("Colonia, Alemania", "Europe/Berlin", ()),
    ],
    "pt": [
        ("São Paulo", "America/Sao_Paulo", ()),
        ("Sao Paulo", "America/Sao_Paulo", ()),
        ("Cidade do México", "America/Mexico_City", ()),
        ("Alemanha", "Europe/Berlin", ()),
        ("Moscou", "Europe/Moscow", ()),
        ("Nova York", "America/New_York", ()),
        ("Brasil", None, ("America/Sao_Paulo", "America/Manaus")),
        ("Rússia", None, ("Europe/Moscow", "Asia/Yekaterinburg")),
    ],
    "de": [
        ("München", "Europe/Berlin", ()),
        ("Köln", "Europe/Berlin", ()),
        ("Wien", "Europe/Vienna", ()),
        ("Deutschland", "Europe/Berlin", ()),
        ("Österreich", "Europe/Vienna", ()),
        ("Georgien", "Asia/Tbilisi", ()),  # the country: English "Georgia" asks
        ("Mexiko-Stadt", "America/Mexico_City", ()),
        ("Köln, Deutschland", "Europe/Berlin", ()),
        ("Spanien", None, ("Europe/Madrid", "Atlantic/Canary")),
        ("Peking", "Asia/Shanghai", ()),
    ],
    "ru": [
        ("Москва", "Europe/Moscow", ()),
        ("москва", "Europe/Moscow", ()),
        ("Мюнхен", "Europe/Berlin", ()),
        ("Санкт-Петербург", "Europe/Moscow", ()),
        ("Питер", "Europe/Moscow", ()),
        ("Екатеринбург", "Asia/Yekaterinburg", ()),
        ("Новосибирск", "Asia/Novosibirsk", ()),
        ("Киев", "Europe/Kyiv", ()),
        ("Алматы", "Asia/Almaty", ()),
        ("Нью-Йорк", "America/New_York", ()),
        ("Берлин", "Europe/Berlin", ()),
        ("Германия", "Europe/Berlin", ()),
        ("Мюнхен, Германия", "Europe/Berlin", ()),
        ("Грузия", "Asia/Tbilisi", ()),
        ("Россия", None, ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Vladivostok")),
        ("США", None, ("America/New_York", "America/Los_Angeles")),
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "zone", "among"),
    [(lang, *row) for lang, rows in BY_LANGUAGE.items() for row in rows],
)
def test_places_typed_in_each_language(
    language: str, text: str, zone: str | None, among: tuple[str, ...]
) -> None:
    res = resolve_timezone(text, WINTER)
    assert (res.match.zone if res.match else None) == zone, (language, text, res)
    assert set(among) <= set(_zones(res)), (language, text, res)


def test_a_country_in_another_language_is_labelled_as_typed() -> None:
    found = resolve_timezone("Германия", WINTER).match
    assert found == ZoneMatch("Europe/Berlin", "Германия (Europe/Berlin)")
    assert resolve_timezone("Alemania", WINTER).match == ZoneMatch(
        "Europe/Berlin", "Alemania (Europe/Berlin)"
    )
