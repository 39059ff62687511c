"""Typed callback data: round trips, forged data refused, and every codec within 64 bytes."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import types
import typing
import zoneinfo
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bot.flows
from bot.domain.coaching import NEXT_STEPS
from bot.flows import common, focus, reframe, rejection
from bot.flows.common import FLOWS, Skip, ZoneTap
from bot.flows.data import Erase
from bot.flows.plans import PlanTap
from bot.ui import i18n, texts
from bot.ui.callbacks import CALLBACK_LIMIT, CallbackData, FlowData, Menu, check_size


# --- codecs used only by these tests ---------------------------------------------------------
@dataclass(frozen=True)
class Sample(CallbackData, prefix="t:sample"):
    number: int
    word: str
    flag: bool
    size: Literal["s", "m", "xl"]
    count: Literal[1, 10, 100]
    note: str | None = None
    day: date | None = None


@dataclass(frozen=True)
class Framed(FlowData, action="pick"):
    index: int
    label: str | None = None


def _test_only(codec: type[CallbackData]) -> bool:
    return codec.__module__ == __name__


# --- round trips -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "data"),
    [
        (Sample(7, "hi", True, "xl", 100), "t:sample:7:hi:1:xl:100"),
        (Sample(-3, "", False, "s", 1, "n"), "t:sample:-3::0:s:1:n"),
        (
            Sample(0, "w", True, "m", 10, None, date(2026, 11, 30)),
            "t:sample:0:w:1:m:10::2026-11-30",
        ),
        (PlanTap(7, "done"), "pl:7:done"),
        (PlanTap(7, "day", date(2026, 11, 30)), "pl:7:day:2026-11-30"),
        (Menu("show"), "menu:show"),
        (Framed(3, flow="xy", nonce="ab12"), "xy:ab12:pick:3"),
        (Framed(3, "a b", flow="xy", nonce="ab12"), "xy:ab12:pick:3:a b"),
        (Skip(flow="rj", nonce="0f0f"), "rj:0f0f:skip"),
        (Erase("no", flow="dl", nonce="0f0f"), "dl:0f0f:no"),  # no action segment
    ],
)
def test_pack_and_parse_round_trip(value: CallbackData, data: str) -> None:
    assert value.pack() == data
    assert type(value).parse(data) == value


def test_literal_and_optional_fields_come_back_typed() -> None:
    found = Sample.parse("t:sample:12:w:0:m:10:note:2026-02-28")
    assert found == Sample(12, "w", False, "m", 10, "note", date(2026, 2, 28))
    assert found is not None and isinstance(found.count, int) and isinstance(found.day, date)
    # Trailing optional fields may be left out, or sent empty: both are None.
    assert Sample.parse("t:sample:1:w:1:s:1") == Sample(1, "w", True, "s", 1)
    assert Sample.parse("t:sample:1:w:1:s:1::") == Sample(1, "w", True, "s", 1)


def test_pattern_fixes_fields_given_as_keywords() -> None:
    only_help = re.compile(Menu.pattern(action="help"))
    assert only_help.match("menu:help") and not only_help.match("menu:show")
    only_rj = re.compile(Framed.pattern(flow="rj"))
    assert only_rj.match("rj:ab12:pick:1") and not only_rj.match("fo:ab12:pick:1")
    with pytest.raises(TypeError, match="no field"):
        Menu.pattern(colour="red")


# --- refusals --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("codec", "data"),
    [
        (PlanTap, "pl:7:explode"),  # not one of the actions
        (PlanTap, "pl:abc:done"),  # not an int
        (PlanTap, "pl:7:day:2026-02-31"),  # looks like a date, is none
        (PlanTap, "pl:7:day:26-1-1"),
        (PlanTap, "pl:7"),  # a field missing
        (PlanTap, "pl:7:done::extra"),  # one too many
        (PlanTap, "pl:99999999999999999999:done"),  # 20 digits
        (PlanTap, "xx:7:done"),  # another prefix
        (PlanTap, ""),
        (PlanTap, None),
        (Menu, "menu:nope"),
        (Menu, "menu:show:x"),
        (Menu, "menu"),
        (Sample, "t:sample:1:w:2:s:1"),  # a bool is 0 or 1
        (Sample, "t:sample:1:w:1:s:2"),  # not one of the int choices
        (Sample, "t:sample:1:w:1:S:1"),  # choices are case-sensitive
        (rejection.KindTap, "rj:ab12:kind:bogus"),
        (common.ScaleTap, "rj:ab12:hurt:6"),
        (common.ScaleTap, "rj:ab12:hurt:05"),
        (common.HourTap, "st:ab12:hour:24"),
        (common.WeekdayTap, "st:ab12:day:7"),
        (Framed, "rj:ab12:other:1"),  # another action
        (Framed, "rj:ab:12:pick:1"),  # a separator inside the nonce
        (Erase, "dl:ab12:maybe"),
        (Erase, "dl:ab12:erase:yes"),
    ],
)
def test_forged_or_malformed_data_is_refused(codec: type[CallbackData], data: str | None) -> None:
    assert codec.parse(data) is None


def test_pack_refuses_what_could_not_be_parsed_back() -> None:
    with pytest.raises(ValueError, match="may not contain"):
        Sample(1, "a:b", True, "s", 1).pack()
    with pytest.raises(ValueError, match="packed by its Flow"):
        Framed(1).pack()
    with pytest.raises(ValueError, match="over 64 bytes"):
        Sample(1, "x" * 60, True, "s", 1).pack()
    assert check_size("é" * 32) == "é" * 32  # bytes are counted, not characters
    with pytest.raises(ValueError):
        check_size("é" * 33)


def test_bad_declarations_fail_on_first_use() -> None:
    with pytest.raises(ValueError, match="prefix"):

        class BadPrefix(CallbackData, prefix="a::b"):
            pass

    @dataclass(frozen=True)
    class Floaty(CallbackData, prefix="t:float"):
        ratio: float

    @dataclass(frozen=True)
    class Colons(CallbackData, prefix="t:colon"):
        pick: Literal["a:b", "c"]

    @dataclass(frozen=True)
    class Mixed(CallbackData, prefix="t:mixed"):
        pick: Literal["a", 1]

    @dataclass(frozen=True)
    class Either(CallbackData, prefix="t:either"):
        pick: int | str

    for codec in (Floaty, Colons, Mixed, Either):
        with pytest.raises(TypeError):
            codec.pattern()


_SAMPLES = st.builds(
    Sample,
    number=st.integers(-(2**63), 2**63 - 1),
    word=st.text(st.characters(blacklist_characters=":"), max_size=8),
    flag=st.booleans(),
    size=st.sampled_from(["s", "m", "xl"]),
    count=st.sampled_from([1, 10, 100]),
    note=st.none() | st.text(st.characters(blacklist_characters=":"), min_size=1, max_size=5),
    day=st.none() | st.dates(),
)


@given(_SAMPLES)
def test_any_value_that_fits_comes_back_equal(value: Sample) -> None:
    try:
        data = value.pack()
    except ValueError:  # over 64 bytes
        return
    assert Sample.parse(data) == value


_NEAR_MISSES = st.tuples(
    st.sampled_from(["pl", "menu", "t:sample", "rj:ab12:pick", "rj:ab12:tz", ""]),
    st.lists(st.text(alphabet="019-:abxé", max_size=12), max_size=8),
).map(lambda t: ":".join([t[0], *t[1]]))


@given(_NEAR_MISSES)
def test_parse_takes_anything_without_raising(data: str) -> None:
    for codec in (Sample, PlanTap, Menu, Framed, ZoneTap):
        found = codec.parse(data)
        if found is None or (isinstance(found, FlowData) and not (found.flow and found.nonce)):
            continue  # nothing; or a frame only a Flow packs
        if len(data.encode()) <= CALLBACK_LIMIT:  # all that Telegram delivers
            assert codec.parse(found.pack()) == found


# --- the texts the Literals stand for --------------------------------------------------------
def test_button_choices_match_their_labels() -> None:
    assert set(rejection.KINDS) == set(texts.REJECTION_KIND_LABEL)
    assert list(reframe.WHENS) == [code for _, code in texts.WHEN_BUTTONS]
    assert set(common.MENU) == {code for _, code in texts.MENU_BUTTONS}
    assert set(common.MENU) <= set(typing.get_args(typing.get_type_hints(Menu)["action"]))


# --- every codec in the code, at its largest -------------------------------------------------
def _all_codecs() -> list[type[CallbackData]]:
    for module in pkgutil.walk_packages(bot.flows.__path__, "bot.flows."):
        importlib.import_module(module.name)
    found: list[type[CallbackData]] = []
    todo = [CallbackData]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub is not FlowData and not _test_only(sub):
                found.append(sub)
    return found


# The longest text the code can put into each str field.
LONGEST_STR: dict[tuple[str, str], str] = {
    ("FlowData", "flow"): max((f.prefix for f in FLOWS.values()), key=len),
    ("FlowData", "nonce"): "ffff",  # secrets.token_hex(2)
    ("Skip", "step"): max((s for f in FLOWS.values() for s in f.prompts), key=len),
    ("ZoneTap", "zone"): max(zoneinfo.available_timezones(), key=len),
    ("PickUp", "flow"): max((f.prefix for f in FLOWS.values()), key=len),
    ("PickUp", "nonce"): "ffff",  # a flow's nonce
    ("FreeTap", "key"): "ffffff",  # secrets.token_hex(3), bot/flows/kept.py
    ("NextStepTap", "code"): max((c for cs in NEXT_STEPS.values() for c in cs), key=len),
    ("LanguagePick", "code"): max(i18n.shipped(), key=len),
}
# Ints default to 19 digits (a SQLite rowid or a Telegram id); these have a smaller bound.
LARGEST_INT: dict[tuple[str, str], int] = {
    ("ThemeTap", "index"): focus.MAX_THEMES - 1,
}
ID = 2**63 - 1


def _owner(codec: type[CallbackData], name: str) -> str:
    """The class that declares field ``name`` (FlowData for the frame)."""
    for klass in codec.__mro__:
        if name in getattr(klass, "__annotations__", {}):
            return klass.__name__
    raise AssertionError(name)


def _largest(codec: type[CallbackData], name: str, annotation: Any) -> object:
    key = (_owner(codec, name), name)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        [annotation] = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is Literal:
        return max(typing.get_args(annotation), key=lambda c: len(str(c)))
    if annotation is bool:
        return True
    if annotation is date:
        return date(9999, 12, 31)
    if annotation is int:
        return LARGEST_INT.get(key, ID)
    assert annotation is str
    assert key in LONGEST_STR, f"add the longest value of {key} to LONGEST_STR"
    return LONGEST_STR[key]


def _at_largest(codec: type[CallbackData]) -> CallbackData:
    hints = typing.get_type_hints(codec)
    values = {f.name: _largest(codec, f.name, hints[f.name]) for f in dataclasses.fields(codec)}
    return codec(**values)


def test_every_codec_fits_in_64_bytes_at_its_largest() -> None:
    codecs = _all_codecs()
    # The flows' own buttons are all there (a sample of them, by name).
    names = {c.__name__ for c in codecs}
    assert {"Menu", "PlanTap", "KindTap", "Resume", "Skip", "ZoneTap", "RoundTap"} <= names
    sizes = {}
    for codec in codecs:
        value = _at_largest(codec)
        data = value.pack()  # pack() itself refuses over 64 bytes
        assert type(value).parse(data) == value, data
        sizes[codec.__name__] = len(data.encode())
    assert max(sizes.values()) <= CALLBACK_LIMIT, sizes


def test_no_other_codec_takes_a_codecs_data() -> None:
    """A button's data is routed to its own codec's handler only. (Two flows may use the
    same action: their buttons differ by the flow's prefix, which Flow.pattern fixes.)"""
    codecs = _all_codecs()
    packed = {c: _at_largest(c).pack() for c in codecs}
    for codec in codecs:
        others = [
            other.__name__
            for other in codecs
            if other is not codec
            and not (issubclass(codec, FlowData) and issubclass(other, FlowData))
            and re.match(other.pattern(), packed[codec])
        ]
        assert not others, (codec.__name__, packed[codec], others)
