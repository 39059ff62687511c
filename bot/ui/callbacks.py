"""Typed callback data: every button's data is defined once, as a codec.

A codec is a frozen dataclass with a prefix and typed fields (``int``, ``str``, ``bool``, a
``Literal`` of strings, or any of them ``| None``). ``Codec(...).pack()`` gives the button's
data, ``Codec.pattern()`` the regex for its ``CallbackQueryHandler``, and
``Codec.parse(data)`` the typed value back (None for data that isn't this codec's). Search
for a codec's name to find both the button and its handler::

    @dataclass(frozen=True)
    class PlanTap(CallbackData, prefix="pl"):
        plan_id: int
        action: Literal["done", "later", "drop"]

    PlanTap(7, "done").pack()            # "pl:7:done"
    PlanTap.parse("pl:7:done")           # PlanTap(plan_id=7, action="done")
    CallbackQueryHandler(on_tap, pattern=PlanTap.pattern())

Telegram refuses callback data over 64 bytes; :func:`check_size` is the one place that
says so, and ``pack()`` always goes through it.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, ClassVar, Self

__all__ = ["CALLBACK_LIMIT", "CallbackData", "check_size"]

CALLBACK_LIMIT = 64  # bytes, Telegram's limit for InlineKeyboardButton.callback_data
SEPARATOR = ":"

_FIELD_PATTERNS: dict[type, str] = {int: r"-?\d{1,19}", bool: r"[01]", str: r"[^:]*"}


def check_size(data: str) -> str:
    """``data`` unchanged if Telegram accepts it as callback data, else ValueError."""
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data[:20]}…")
    return data


def _field(annotation: Any) -> tuple[type, str, bool]:
    """(the base type, its regex, whether None is allowed) of a field annotation."""
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported callback field type {annotation!r}")
        annotation, optional = args[0], True
    if typing.get_origin(annotation) is typing.Literal:
        choices = typing.get_args(annotation)
        if not choices or not all(isinstance(c, str) and c and SEPARATOR not in c for c in choices):
            raise TypeError(f"callback Literal fields take plain strings: {annotation!r}")
        return str, "|".join(re.escape(c) for c in choices), optional
    if annotation not in _FIELD_PATTERNS:
        raise TypeError(f"unsupported callback field type {annotation!r}")
    return annotation, _FIELD_PATTERNS[annotation], optional


class CallbackData:
    """Base of every codec; subclass as a frozen dataclass with ``prefix="..."``."""

    prefix: ClassVar[str]
    _fields: ClassVar[tuple[tuple[str, type, str, bool], ...]] = ()

    def __init_subclass__(cls, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix or SEPARATOR in prefix:
            raise ValueError(f"bad callback prefix {prefix!r}")
        cls.prefix = prefix

    @classmethod
    def _typed_fields(cls) -> tuple[tuple[str, type, str, bool], ...]:
        if "_fields" not in cls.__dict__:
            hints = typing.get_type_hints(cls)
            cls._fields = tuple(
                (f.name, *_field(hints[f.name]))
                for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            )
        return cls._fields

    def pack(self) -> str:
        parts = [self.prefix]
        for name, kind, _, _ in self._typed_fields():
            value = getattr(self, name)
            if value is None:
                parts.append("")
            elif kind is bool:
                parts.append("1" if value else "0")
            else:
                text = str(value)
                if SEPARATOR in text:
                    raise ValueError(f"{type(self).__name__}.{name} may not contain ':'")
                parts.append(text)
        return check_size(SEPARATOR.join(parts))

    @classmethod
    def pattern(cls) -> str:
        """The regex a ``CallbackQueryHandler`` uses to route this codec's buttons."""
        parts = [re.escape(cls.prefix)]
        for _, _, body, optional in cls._typed_fields():
            parts.append(f"(?:{body})?" if optional else f"(?:{body})")
        return "^" + SEPARATOR.join(parts) + "$"

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The typed value of ``data``, or None when it isn't this codec's (or is forged)."""
        if data is None or not re.fullmatch(cls.pattern()[1:-1], data):
            return None
        raw = data.split(SEPARATOR)[1:]
        values: dict[str, Any] = {}
        for (name, kind, _, optional), text in zip(cls._typed_fields(), raw, strict=True):
            if text == "" and optional:
                values[name] = None
            elif kind is int:
                values[name] = int(text)
            elif kind is bool:
                values[name] = text == "1"
            else:
                values[name] = text
        return cls(**values)
