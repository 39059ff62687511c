"""Resolving typed or shared time zones (bot.domain.timezones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.timezones import (
    COMMON_ZONES,
    MAX_CANDIDATES,
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


@pytest.mark.parametrize("text", ["asdkjhqwe", "zzzz", "Москва", "123", "!!!", ""])
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
