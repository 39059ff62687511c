"""Every shipped translation is complete and safe to send: each message translated in every
plural form of its language, the markup, commands and emoji of the English kept, button
labels about as short as the English, and every text of bot/ui/texts.py, read in that
language with sample values, sent through the Bot API emulator, which refuses what Telegram
would (HTML parse mode, 4096 characters, keyboards, command descriptions).

The placeholders and date patterns are checked for every catalog by tests/ui/test_catalog.py
(``translation_errors``); the mechanism that reads a constant in the active language by
tests/ui/test_i18n.py. A language is a directory in bot/locale: adding one adds it here.
"""

from __future__ import annotations

import inspect
import json
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from babel.messages.catalog import Catalog, Message

from bot.devtools.checks import TEXT_LIMIT
from bot.devtools.emulator import BotApiEmulator
from bot.devtools.telegram_html import HtmlParseError, parse_html, utf16_len
from bot.ui import i18n, texts
from bot.ui.i18n import SOURCE, use_language
from tests.ui.test_catalog import _read
from tests.ui.test_i18n import _constants

LANGUAGES = sorted(code for code in i18n.available() if code != SOURCE)

_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^>]*)?>")
# "/start", not "and/or", "</b>", "Europe/Berlin", "1/3" or "https://"
_COMMAND = re.compile(r"(?<![\w/<:])/[a-z][a-z_]*")
_SAMPLE = "Ana &amp; Co, 3 <i>x</i> " * 4  # ~100 characters of escaped text with markup
GROUPS_SCOPE = {"type": "all_group_chats"}


def _po(code: str) -> Path:
    return i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _catalog(code: str) -> Catalog:
    return _read(_po(code), code)


def _sources(message: Message) -> list[str]:
    return [message.id] if isinstance(message.id, str) else list(message.id)


def _forms(message: Message) -> list[str]:
    """The translation, one string per plural form ("" where untranslated)."""
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string or ())


def _name(message: Message) -> str:
    where = f" (context {message.context!r})" if message.context else ""
    return f"{_sources(message)[0]!r}{where}"


def _emoji(text: str) -> Counter[str]:
    return Counter(c for c in text if unicodedata.category(c) == "So")


def _markup(text: str) -> tuple[Counter[str], set[str], Counter[str]]:
    """What a translation must keep from its source: tags, /commands and emoji."""
    return Counter(_TAG.findall(text)), set(_COMMAND.findall(text)), _emoji(text)


def _fill(template: str) -> str:
    """``template`` with a sample value for each placeholder."""
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**dict.fromkeys(fields, _SAMPLE))


def _telegram_length(html: str) -> int:
    """The length Telegram counts for ``html`` sent with parse_mode=HTML (raises if refused)."""
    return utf16_len(parse_html(html).text.strip())


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


# int arguments that reach every plural form of the four languages (Russian: 1, 2, 5, 11, 21)
_COUNTS = (0, 1, 2, 3, 5, 11, 21, 22, 100, 1_000_000)


def _calls(function: Callable[..., str]) -> Iterator[str]:
    """``function`` called with sample arguments: each int parameter through _COUNTS."""
    parameters = inspect.signature(function).parameters
    for n in _COUNTS:
        kwargs: dict[str, object] = {}
        for name, parameter in parameters.items():
            kind = parameter.annotation
            kwargs[name] = (
                n if kind in (int, "int") else 1.5 if kind in (float, "float") else _SAMPLE
            )
        yield function(**kwargs)


def _text_functions() -> list[str]:
    return [
        name
        for name, value in vars(texts).items()
        if inspect.isfunction(value)
        and value.__module__ == texts.__name__
        and not name.startswith("_")
        and name != "esc"
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated_in_every_plural_form(code: str) -> None:
    catalog = _catalog(code)
    expected = Catalog(locale=code)
    assert (catalog.num_plurals, catalog.plural_expr) == (
        expected.num_plurals,
        expected.plural_expr,
    ), "Plural-Forms header is not the language's"
    problems = []
    for message in catalog:
        if not message.id:
            continue
        forms = _forms(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {_name(message)}")
        elif not all(forms):
            problems.append(f"untranslated: {_name(message)}")
        elif message.pluralizable and len(forms) != catalog.num_plurals:
            problems.append(f"{len(forms)} of {catalog.num_plurals} plural forms: {_name(message)}")
    assert not problems, f"{code}: translate these in {_po(code)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_markup_commands_and_emoji(code: str) -> None:
    problems = []
    for message in _catalog(code):
        if not message.id or message.fuzzy or message.context == "date pattern":
            continue
        sources = _sources(message)
        tags, commands, emoji = _markup(sources[0])
        for form in filter(None, _forms(message)):
            got_tags, got_commands, got_emoji = _markup(form)
            if got_tags != tags:
                problems.append(f"{_name(message)}: tags {sorted(got_tags.elements())}")
            if got_commands != commands:
                problems.append(f"{_name(message)}: commands {sorted(got_commands)}")
            if got_emoji != emoji:
                problems.append(f"{_name(message)}: emoji {sorted(got_emoji.elements())}")
    assert not problems, f"{code}:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_form_of_every_message_is_a_valid_telegram_message(code: str) -> None:
    """Each translation (every plural form, not only those the code reaches with a given
    number) with sample values: HTML that Telegram accepts, within its length limit."""
    problems = []
    for message in _catalog(code):
        if not message.id or message.fuzzy or message.context == "date pattern":
            continue
        for form in filter(None, _forms(message)):
            try:
                length = _telegram_length(_fill(form))
            except HtmlParseError as error:
                problems.append(f"{_name(message)}: {error.description}")
                continue
            if length > TEXT_LIMIT:
                problems.append(f"{_name(message)}: {length} characters")
    assert not problems, f"{code}:\n" + "\n".join(problems)


def _rendered(code: str) -> dict[str, list[str]]:
    """bot/ui/texts.py in language ``code``, as the code reads it: every constant (tuples and
    dicts of labels too, their codes included) and every text function, with sample values."""
    with use_language(code):
        rendered = {
            name: [_fill(t) for t in _strings(getattr(texts, name))] for name in _constants()
        }
        return rendered | {name: list(_calls(getattr(texts, name))) for name in _text_functions()}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_text_reads_translated(code: str) -> None:
    """The code reads its texts in the language (the emulator test below sends them)."""
    assert {"too_long", "export_caption", "cheer_note_one"} <= set(_text_functions())
    english = {name: list(_strings(getattr(texts, name))) for name in _constants()}
    rendered = _rendered(code)
    untranslated = [
        name for name, values in english.items() if values == [] or values == rendered[name]
    ]
    # a few texts are the same in a language ("Feedback", "Check-in"): at most one in ten
    assert len(untranslated) <= len(english) // 10, f"{code}: still English: {untranslated}"
    functions = {name: list(_calls(getattr(texts, name))) for name in _text_functions()}
    same = [name for name, values in functions.items() if values == rendered[name]]
    assert len(same) <= len(functions) // 10, f"{code}: functions still in English: {same}"


@pytest.mark.parametrize("code", LANGUAGES)
async def test_every_text_goes_through_the_emulator(emulator: BotApiEmulator, code: str) -> None:
    """Sent the way the bot sends them: each text with parse_mode=HTML, the labels on inline
    keyboards, the command menu with the language's code. The emulator answers as Telegram
    would, and the fixture fails on any refusal."""
    user = emulator.user("Ana")
    await user.send("/start")
    messages = sorted({t for values in _rendered(code).values() for t in values if t.strip()})
    with use_language(code):
        labels = sorted(
            {
                label.format(title="Job Club", count=3, emoji="👏")
                for name in _labels()
                for label in _strings(getattr(texts, name))
            }
        )
        private = [{"command": c, "description": d} for c, d in texts.PRIVATE_COMMANDS]
        groups = [{"command": c, "description": d} for c, d in texts.GROUP_COMMANDS]
    keyboards = [labels[i : i + 10] for i in range(0, len(labels), 10)]
    language_code = code.split("_")[0]  # Telegram's language codes have no region
    async with httpx.AsyncClient(base_url=emulator.api_url, trust_env=False, timeout=30) as http:

        async def call(method: str, **params: object) -> None:
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            body = (await http.post(method, data=form)).json()
            assert body["ok"], (body["description"], params)

        for text in messages:
            await call("sendMessage", chat_id=user.chat_id, text=text, parse_mode="HTML")
        for row in keyboards:
            markup = {"inline_keyboard": [[{"text": label, "callback_data": "x"}] for label in row]}
            await call("sendMessage", chat_id=user.chat_id, text="·", reply_markup=markup)
        await call("setMyCommands", commands=private, language_code=language_code)
        await call(
            "setMyCommands", commands=groups, scope=GROUPS_SCOPE, language_code=language_code
        )
    assert emulator.bot_commands(language_code=language_code) == private
    assert emulator.bot_commands(GROUPS_SCOPE, language_code) == groups


def _label_fits(label: str, english: str) -> bool:
    """A button's label about as short as the English: a phone shows about 30 characters
    on a full-width button, and a translation may run a little longer than the source."""
    return len(label) <= max(len(english) * 3 // 2, len(english) + 8)


def _labels() -> list[str]:
    """Constants shown on buttons: BUTTON_*, the *_BUTTONS tuples, and the rejection kinds."""
    return [
        name
        for name in _constants()
        if name.startswith("BUTTON_") or name.endswith("_BUTTONS") or name == "REJECTION_KINDS"
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_button_labels_stay_short(code: str) -> None:
    names = _labels()
    assert {"BUTTON_CANCEL", "MENU_BUTTONS", "REJECTION_KINDS"} <= set(names)
    english = {name: list(_strings(getattr(texts, name))) for name in names}
    with use_language(code):
        translated = {name: list(_strings(getattr(texts, name))) for name in names}
    too_long = [
        f"{name}: {label!r} ({len(label)} characters, English {len(source)})"
        for name in names
        for label, source in zip(translated[name], english[name], strict=True)
        if label != source and not _label_fits(label, source)
    ]
    assert not too_long, f"{code}: shorten these button labels:\n" + "\n".join(too_long)
