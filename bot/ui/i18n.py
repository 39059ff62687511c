"""Translations: gettext catalogs read with Babel, and the language of the current work.

The English texts are the source and the msgids (bot/ui/texts.py, bot/ui/dates.py).
``make catalog`` extracts them into bot/locale/messages.pot and updates every
bot/locale/<language>/LC_MESSAGES/messages.po; English has one too (each msgstr equals its
msgid). A catalog is compiled in memory the first time its language is used: no .mo files,
no build step, so adding a language is adding a translated .po file.

The active language is a ContextVar (English unless set). asyncio tasks and
``asyncio.to_thread`` inherit it, and PTB may process two updates one after the other in the
same task, so set it around each piece of work rather than relying on what is left in it:
``with use_language(user.language_code):`` around an update's processing (the update
processor in bot/ops/processor.py is the natural place) and around each recipient's message
in due work.

- ``_()``, ``ngettext()``, ``pgettext()`` translate now, in the active language.
- ``N_()`` only marks a module-level constant for extraction; a module handed to
  :func:`translate_module` returns it translated each time it is read.
"""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Final, TypeVar

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "SOURCE",
    "Language",
    "_",
    "available",
    "current",
    "language",
    "load_catalog",
    "native_name",
    "negotiate",
    "ngettext",
    "parse_language",
    "pgettext",
    "shipped",
    "telegram_code",
    "translate_module",
    "use_language",
]

SOURCE: Final = "en"  # the language the texts are written in
DOMAIN: Final = "messages"
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"

T = TypeVar("T")


class Msgid(str):
    """A source text marked with ``N_()``: translated when a translated module hands it out."""

    __slots__ = ()


@dataclass(eq=False)
class Language:
    """One catalog: its code ("en", "pt_BR"), its Babel locale (dates, plural rules) and
    its translations, plus the module constants already translated into it."""

    code: str
    locale: Locale
    translations: Translations
    _resolved: dict[int, tuple[object, object]] = field(
        default_factory=dict, init=False, repr=False
    )

    def resolve(self, value: T) -> T:
        """``value`` with every ``N_()`` text in it translated (tuples and dicts walked),
        computed once per constant and language."""
        hit = self._resolved.get(id(value))
        if hit is None or hit[0] is not value:
            hit = (value, self._translate(value))
            self._resolved[id(value)] = hit
        return hit[1]  # type: ignore[return-value]  # same shape as value, by construction

    def _translate(self, value: object) -> object:
        if isinstance(value, Msgid):
            return str(self.translations.gettext(value))
        if isinstance(value, tuple):
            return tuple(self._translate(v) for v in value)
        if isinstance(value, dict):
            return {self._translate(k): self._translate(v) for k, v in value.items()}
        return value


def load_catalog(path: Path, code: str) -> Language:
    """A language from its .po file, compiled in memory (fuzzy entries left out)."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Language(code, Locale.parse(code), Translations(mo, domain=DOMAIN))


@functools.cache
def available() -> frozenset[str]:
    """The languages that have a catalog in bot/locale."""
    return frozenset(po.parents[1].name for po in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@functools.cache
def language(code: str) -> Language:
    """The shipped catalog for ``code`` (one of :func:`available`), loaded once."""
    return load_catalog(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po", code)


def negotiate(tag: str | None, among: Collection[str] | None = None) -> str:
    """The catalog for a Telegram ``language_code``, an IETF tag ("de", "pt-br", "es-419"):
    the exact one, else the same language without region or script, else English.
    ``among`` defaults to the shipped catalogs."""
    if among is None:
        return _negotiate_shipped(tag)
    return _negotiate(tag, among)


@functools.lru_cache(maxsize=1024)
def _negotiate_shipped(tag: str | None) -> str:
    """:func:`negotiate` among the shipped catalogs, remembered: it runs for every update
    (Babel's parsing costs ~0.1 ms) and people's tags are few."""
    return _negotiate(tag, available())


def _negotiate(tag: str | None, codes: Collection[str]) -> str:
    if tag:
        try:
            wanted = Locale.parse(tag.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            return SOURCE
        parts = (wanted.script, wanted.territory)
        narrower = [f"{wanted.language}_{part}" for part in parts if part]
        for code in (str(wanted), *narrower, wanted.language):
            if code in codes:
                return code
    return SOURCE


def shipped() -> tuple[str, ...]:
    """The catalogs, English first, then by code (the order of the language buttons)."""
    return (SOURCE, *sorted(available() - {SOURCE}))


def native_name(code: str) -> str:
    """A language's name in itself ("Español", "Português (Brasil)"), for its button: a
    person looks for their own language's name, whatever language the bot speaks now."""
    name = Locale.parse(code).get_display_name(Locale.parse(code)) or code
    return name[:1].upper() + name[1:]


def telegram_code(code: str) -> str:
    """The two-letter code Telegram uses for a catalog ("pt_BR" -> "pt"), e.g. for
    ``set_my_commands(language_code=...)``."""
    return code.split("_")[0]


@functools.cache
def _names() -> dict[str, str]:
    """Every way to name a shipped language as typed: its code, Telegram's code, and its
    name in each shipped language ("es", "spanish", "español", "spanisch", "испанский")."""
    found: dict[str, str] = {}
    for code in shipped():
        locale = Locale.parse(code)
        found[code.casefold()] = found[telegram_code(code)] = code
        for reader in shipped():
            in_reader = Locale.parse(reader)
            for name in (locale.get_display_name(in_reader), locale.get_language_name(in_reader)):
                if name:
                    found[name.casefold()] = code
    return found


def parse_language(text: str) -> str | None:
    """The shipped catalog a person named ("es", "pt-BR", "Deutsch", "russian"), or None."""
    typed = " ".join(text.split()).casefold().replace("-", "_")
    if not typed:
        return None
    if typed in _names():
        return _names()[typed]
    try:
        Locale.parse(typed)
    except (ValueError, UnknownLocaleError):
        return None
    code = negotiate(typed)
    return code if code != SOURCE or typed.startswith(SOURCE) else None


_active: ContextVar[Language | None] = ContextVar("comeback_language", default=None)


def current() -> Language:
    """The language of the work being done now (English unless set)."""
    return _active.get() or language(SOURCE)


@contextmanager
def use_language(which: Language | str | None) -> Iterator[Language]:
    """Speak ``which`` (a Language, or a tag for :func:`negotiate`) inside the block."""
    chosen = which if isinstance(which, Language) else language(negotiate(which))
    token = _active.set(chosen)
    try:
        yield chosen
    finally:
        _active.reset(token)


def _(message: str) -> str:
    """``message`` in the active language."""
    return str(current().translations.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the active language (English: singular when n == 1).

    Pass the whole sentence in both forms, with ``{placeholders}``; format the result."""
    return str(current().translations.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, for texts that need a context to translate."""
    return str(current().translations.pgettext(context, message))


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; it is translated when it is read."""
    return Msgid(message)


class TranslatedModule(ModuleType):
    """A module whose ``N_()`` constants (and tuples/dicts of them) read in the active
    language: ``texts.ASK_KIND`` is translated at use time, while mypy sees the ``str`` it
    was assigned. Setting a module's ``__class__`` to a ModuleType subclass is Python's own
    way to customise attribute access on a module (data model reference, "Customizing module
    attribute access"). ``from module import NAME`` would copy one language's text at import
    time: import the module and read ``module.NAME`` instead.

    Every attribute read runs this method: it stays a few exact type checks, and a dict
    lookup for a text (bench/i18n.py measures it)."""

    def __getattribute__(self, name: str) -> Any:
        value = _module_attribute(self, name)
        kind = type(value)
        if (kind is Msgid or kind is tuple or kind is dict) and name[0] != "_":
            return (_active.get() or language(SOURCE)).resolve(value)
        return value


_module_attribute = ModuleType.__getattribute__


def translate_module(name: str) -> None:
    """Make the module ``name`` hand out its ``N_()`` constants translated, from now on
    (constants defined after the call included). Loads the English catalog now, so that a
    missing or broken one stops the bot at start-up, not at its first message."""
    language(SOURCE)
    sys.modules[name].__class__ = TranslatedModule
