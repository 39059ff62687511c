"""Typed callback data: every button's data is defined once, as a codec.

A codec is a frozen dataclass with typed fields: ``int``, ``str``, ``bool``, ``date`` (ISO),
a ``Literal`` of strings or of ints, or any of them ``| None``. ``Codec(...).pack()`` gives
the button's data, ``Codec.pattern()`` the regex for its ``CallbackQueryHandler`` (fields
given as keywords are fixed: ``Menu.pattern(action="win")``), and ``Codec.parse(data)`` the
typed value back (None for data that isn't this codec's, or is forged). Search for a codec's
name to find both the button and its handler::

    @dataclass(frozen=True)
    class PlanTap(CallbackData, prefix="pl"):
        plan_id: int
        action: Literal["done", "later", "drop", "day"]
        day: date | None = None

    PlanTap(7, "done").pack()                  # "pl:7:done" (a trailing None is left out)
    PlanTap.parse("pl:7:day:2026-11-30")       # PlanTap(7, "day", date(2026, 11, 30))
    CallbackQueryHandler(on_tap, pattern=PlanTap.pattern())

Two kinds of codec:

- :class:`CallbackData`, a stateless button: ``prefix:field:…``. The prefix may have more
  than one segment (``rf:new``).
- :class:`FlowData`, a button of one run of a conversation: ``<flow>:<nonce>[:<action>]:…``.
  The ``Flow`` that sends it (bot/flows/common.py) fills in its prefix and per-run nonce
  when it packs, and checks both when it parses, so a button from an older run is expired.

Telegram refuses callback data over 64 bytes; :func:`check_size` is the one place that
says so, and ``pack()`` always goes through it.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal, Self

__all__ = [
    "CALLBACK_LIMIT",
    "CallbackData",
    "FlowData",
    "Menu",
    "MenuAction",
    "MenuPage",
    "PickFocus",
    "ReframeRejection",
    "check_size",
]

CALLBACK_LIMIT = 64  # bytes, Telegram's limit for InlineKeyboardButton.callback_data
SEPARATOR = ":"

_BODIES: dict[type, str] = {
    int: r"-?\d{1,19}",
    bool: r"[01]",
    str: r"[^:]*",
    date: r"\d{4}-\d{2}-\d{2}",
}


def check_size(data: str) -> str:
    """``data`` unchanged if Telegram accepts it as callback data, else ValueError."""
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data[:20]}…")
    return data


@dataclass(frozen=True)
class _Field:
    name: str
    kind: type  # int, bool, str or date
    body: str  # the regex of one value
    optional: bool


def _field(name: str, annotation: Any) -> _Field:
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported callback field type {annotation!r}")
        annotation, optional = args[0], True
    if typing.get_origin(annotation) is typing.Literal:
        choices = typing.get_args(annotation)
        kinds = {type(c) for c in choices}
        if (kinds == {str} and all(c and SEPARATOR not in c for c in choices)) or kinds == {int}:
            body = "|".join(re.escape(str(c)) for c in choices)
            return _Field(name, kinds.pop(), body, optional)
        raise TypeError(f"callback Literal fields take plain strings or ints: {annotation!r}")
    if annotation not in _BODIES:
        raise TypeError(f"unsupported callback field type {annotation!r}")
    return _Field(name, annotation, _BODIES[annotation], optional)


def _encode(field: _Field, value: object) -> str:
    if value is None:
        return ""
    if field.kind is bool:
        return "1" if value else "0"
    text = value.isoformat() if isinstance(value, date) else str(value)
    if SEPARATOR in text:
        raise ValueError(f"callback field {field.name} may not contain {SEPARATOR!r}")
    return text


def _decode(field: _Field, text: str | None) -> object:
    """The value of ``text``; ValueError for one the regex let through (a 31st of February)."""
    if text is None or (text == "" and field.optional):
        return None
    if field.kind is int:
        value = int(text)
        if not -(2**63) <= value < 2**63:  # no id is larger (SQLite refuses to bind it)
            raise ValueError(f"{field.name} out of range")
        return value
    if field.kind is bool:
        return text == "1"
    if field.kind is date:
        return date.fromisoformat(text)
    return text


class CallbackData:
    """Base of every codec; subclass as a frozen dataclass with ``prefix="..."``."""

    prefix: ClassVar[str]
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]  # set by @dataclass
    _typed: ClassVar[tuple[_Field, ...]]  # per codec class, filled on first use
    _regex: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if prefix is None:
            return  # an abstract base, such as FlowData
        if not all(prefix.split(SEPARATOR)):
            raise ValueError(f"bad callback prefix {prefix!r}")
        cls.prefix = prefix

    # --- the layout: constants and fields, in wire order ---------------------------------
    @classmethod
    def _fields(cls) -> tuple[_Field, ...]:
        if "_typed" not in cls.__dict__:
            hints = typing.get_type_hints(cls)
            cls._typed = tuple(_field(f.name, hints[f.name]) for f in dataclasses.fields(cls))
        return cls._typed

    @classmethod
    def _layout(cls) -> tuple[str | _Field, ...]:
        return (cls.prefix, *cls._fields())

    # --- the three operations --------------------------------------------------------
    def pack(self) -> str:
        """The button's data (checked against Telegram's 64-byte limit)."""
        layout = self._layout()
        parts = [
            seg if isinstance(seg, str) else _encode(seg, getattr(self, seg.name)) for seg in layout
        ]
        while parts and parts[-1] == "" and _omittable(layout[len(parts) - 1]):
            parts.pop()  # trailing empty optional fields are left out
        return check_size(SEPARATOR.join(parts))

    @classmethod
    def pattern(cls, **fixed: object) -> str:
        """The regex a ``CallbackQueryHandler`` routes on; keywords fix a field's value."""
        layout = cls._layout()
        names = {seg.name for seg in layout if isinstance(seg, _Field)}
        if unknown := set(fixed) - names:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        tail_start = len(layout)
        while tail_start > 0 and _omittable(layout[tail_start - 1]):
            tail_start -= 1

        def group(seg: str | _Field) -> str:
            if isinstance(seg, str):
                return re.escape(seg)
            body = re.escape(_encode(seg, fixed[seg.name])) if seg.name in fixed else seg.body
            if seg.optional:
                body = f"(?:{body})?"
            return f"(?P<{seg.name}>{body})"

        head = SEPARATOR.join(group(seg) for seg in layout[:tail_start])
        tail = ""
        for seg in reversed(layout[tail_start:]):
            tail = f"(?:{SEPARATOR}{group(seg)}{tail})?"
        return f"^{head}{tail}$"

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The typed value of ``data``, or None when it isn't this codec's (or is forged)."""
        if data is None:
            return None
        if "_regex" not in cls.__dict__:
            cls._regex = re.compile(cls.pattern())
        found = cls._regex.fullmatch(data)
        if found is None:
            return None
        try:
            values = {f.name: _decode(f, found.group(f.name)) for f in cls._fields()}
        except ValueError:
            return None
        return cls(**values)


def _omittable(seg: str | _Field) -> bool:
    return isinstance(seg, _Field) and seg.optional


@dataclass(frozen=True)
class FlowData(CallbackData):
    """A button of one run of a flow: ``<flow>:<nonce>[:<action>][:field…]``.

    Subclass with the fields the button carries, and ``action="..."`` for a constant segment
    after the nonce (``Resume``: ``rj:3f2a:resume:yes``). Without one, the first field comes
    right after the nonce (a Literal of the choices: ``dl:3f2a:yes``). The ``Flow`` sets
    ``flow`` and ``nonce`` (``Flow.data``) and checks them (``Flow.parse``).
    """

    action: ClassVar[str | None] = None
    flow: str = dataclasses.field(default="", kw_only=True)
    nonce: str = dataclasses.field(default="", kw_only=True)

    def __init_subclass__(cls, action: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if action is not None and (not action or SEPARATOR in action):
            raise ValueError(f"bad flow action {action!r}")
        cls.action = action

    @classmethod
    def _layout(cls) -> tuple[str | _Field, ...]:
        by_name = {f.name: f for f in cls._fields()}
        frame = (by_name.pop("flow"), by_name.pop("nonce"))
        return (*frame, *((cls.action,) if cls.action else ()), *by_name.values())

    def pack(self) -> str:
        if not (self.flow and self.nonce):
            raise ValueError(f"{type(self).__name__} is packed by its Flow (Flow.data)")
        return super().pack()


# --- buttons one feature sends and another handles ------------------------------------------
MenuAction = Literal[
    "rejection",
    "reframe",
    "win",
    "plans",
    "history",
    "help",
    "show",
    "checkin",
    "stats",
    "export",
    "delete",
    "feedback",
    "privacy",
]


@dataclass(frozen=True)
class Menu(CallbackData, prefix="menu"):
    """A main-menu button (``show``: the menu itself); each flow's entry point routes one."""

    action: MenuAction


@dataclass(frozen=True)
class MenuPage(CallbackData, prefix="menu:page"):
    """The menu's "More…" and "‹ Back": the same message, the other screen of buttons."""

    page: Literal["more", "main"]


@dataclass(frozen=True)
class ReframeRejection(CallbackData, prefix="rf:new"):
    """Reframe it now, under a saved rejection: sent by /rejection, handled by /reframe."""

    rejection_id: int


@dataclass(frozen=True)
class PickFocus(CallbackData, prefix="focus:pick"):
    """Pick a focus, under feedback results: sent by /feedback, handled by /focus."""
