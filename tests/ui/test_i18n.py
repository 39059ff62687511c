"""The i18n seam: texts read in the active language at use time, plural forms by the
language's own rules, one language per task, IETF tags matched to catalogs.

A pseudo-Polish catalog (every text wrapped in ‹›, plural forms tagged with their CLDR
category) stands in for a real translation: Polish has three plural forms, so a wrong form
shows."""

from __future__ import annotations

import ast
import asyncio
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.devtools import catalog as tool
from bot.ui import dates, i18n, texts
from bot.ui.i18n import Language, Msgid, load_catalog, negotiate, use_language

ROOT = Path(__file__).resolve().parents[2]


def _pseudo(text: str) -> str:
    return f"‹{text}›"


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Language:
    """Every text of the committed template, "translated" into pseudo-Polish."""
    with tool.TEMPLATE.open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale="pl")
    for m in template:
        if not m.id:
            continue
        if isinstance(m.id, str):
            catalog.add(m.id, _pseudo(m.id), context=m.context)
        else:
            one, other = m.id
            forms = (f"one {one}", f"few {other}", f"many {other}")
            catalog.add(m.id, tuple(_pseudo(f) for f in forms), context=m.context)
    path = tmp_path_factory.mktemp("pl") / "messages.po"
    with path.open("wb") as f:
        write_po(f, catalog)
    return load_catalog(path, "pl")


def _raw(name: str) -> object:
    """A texts constant as written in texts.py, before translation."""
    return vars(texts)[name]


def _constants() -> list[str]:
    return [n for n, v in vars(texts).items() if n.isupper() and isinstance(v, str | tuple | dict)]


def _marked(value: object) -> object:
    """``value`` with every ``N_()`` text replaced by its pseudo translation."""
    if isinstance(value, Msgid):
        return _pseudo(value)
    if isinstance(value, tuple):
        return tuple(_marked(v) for v in value)
    if isinstance(value, dict):
        return {_marked(k): _marked(v) for k, v in value.items()}
    return value


def test_english_by_default_and_plain_str() -> None:
    assert texts.ASK_KIND == "Sorry you got a “no”. Let's log it and move on. What happened?"
    assert type(texts.ASK_KIND) is str
    assert texts.REJECTION_KIND_LABEL["interview"] == "No offer after an interview"
    assert all(type(label) is str for _, label in texts.MENU_BUTTONS)


def test_every_constant_reads_translated_at_use_time(pseudo: Language) -> None:
    names = _constants()
    assert {"ASK_KIND", "MENU_BUTTONS", "REJECTION_KINDS", "FLOW_NAMES", "HELP"} <= set(names)
    english = {name: getattr(texts, name) for name in names}
    with use_language(pseudo):
        wrong = [name for name in names if getattr(texts, name) != _marked(_raw(name))]
        assert wrong == []  # not translated: missing from the catalog?
        # codes stay codes: only the labels are translated
        assert texts.REJECTION_KINDS[0] == ("meeting", _pseudo("Meeting request ignored"))
        assert texts.FLOW_NAMES["checkin"] == _pseudo("weekly check-in")
        assert texts.MENU_BUTTONS[0][1] == "rejection"
    assert {name: getattr(texts, name) for name in names} == english


def test_every_text_constant_is_marked() -> None:
    """A text written without N_() would never reach the catalog, nor be translated."""

    def marked(value: object) -> bool:
        if isinstance(value, str):
            return isinstance(value, Msgid)
        if isinstance(value, dict):
            value = tuple(value.values())
        return isinstance(value, tuple) and any(marked(v) for v in value)

    assert [name for name in _constants() if not marked(_raw(name))] == []


def test_the_module_machinery_is_left_alone() -> None:
    assert vars(texts) is texts.__dict__
    assert isinstance(texts.__builtins__, dict)
    assert texts.esc("<b>") == "&lt;b&gt;"


@pytest.mark.parametrize(
    ("n", "form"),
    [(1, "one"), (2, "few"), (4, "few"), (5, "many"), (12, "many"), (22, "few"), (25, "many")],
)
def test_plural_forms_follow_the_languages_rules(pseudo: Language, n: int, form: str) -> None:
    with use_language(pseudo):
        assert texts.stats_weeks(n) == _pseudo(
            f"{form} {n} week" if form == "one" else f"{form} {n} weeks"
        )
    assert texts.stats_weeks(n) == (f"{n} week" if n == 1 else f"{n} weeks")


def test_english_plurals() -> None:
    assert (
        texts.cheer_note_one("win", 1, "Hired", "Ana", "")
        == "👏 Ana cheered your win: <i>Hired</i>"
    )
    assert texts.cheer_note_one("reframe", 3, "x", "A", "B") == (
        "👏 A, B and 1 other cheered your plan: <i>x</i>"
    )
    assert texts.cheer_note_one("other", 4, "x", "A", "B") == (
        "👏 A, B and 2 others cheered your post: <i>x</i>"
    )
    assert texts.feedback_answered(1, 10) == "<b>1 of the 10</b> people you asked has answered."
    assert texts.feedback_answered(2, 10) == "<b>2 of the 10</b> people you asked have answered."
    assert texts.feedback_answered(0, 1) == "<b>The one person you asked</b> hasn't answered yet."
    assert texts.digest_checkins(1, 1) == "✅ 1 of 1 member checked in."
    assert texts.digest_checkins(1, 3) == "✅ 1 of 3 members checked in."
    assert texts.export_caption(1, 1).startswith("Everything I hold about you: 1 row from 1 table,")
    assert "12 rows from 3 tables" in texts.export_caption(12, 3)
    assert texts.delete_done(0).startswith("Done: everything about you is erased. If")
    assert "and 1 group message was removed." in texts.delete_done(1)
    assert "<b>The one person you asked</b> has answered." in texts.feedback_status(
        started="x", state="open", goal="g", answered=1, asked=1
    )
    assert texts.stats_drop(0.15, 3).startswith(  # rounded like f"{0.15:.1f}"
        f"💪 After a reframe, a rejection felt <b>{0.15:.1f} points lighter</b>"
    )


def test_numbers_and_dates_use_the_languages_conventions(pseudo: Language) -> None:
    with use_language(pseudo):
        assert "<b>1,5 points lighter</b>" in texts.stats_drop(1.5, 2)
        assert dates.format_weekday(6) == "niedziela"
        assert dates.format_time(time(18, 0)) == "‹18:00›"
        sunday = datetime(2026, 11, 29, 18, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
        assert dates.format_moment(sunday) == "‹niedziela 29 lis, 18:00›"


async def test_each_task_keeps_its_own_language(pseudo: Language) -> None:
    seen: dict[str, list[str]] = {}

    async def speak(who: str, language: Language | None) -> None:
        with use_language(language):
            seen[who] = [texts.MENU]
            await asyncio.sleep(0)  # the other task runs here
            seen[who].append(texts.MENU)
            seen[who].append(await asyncio.to_thread(lambda: texts.MENU))

    await asyncio.gather(speak("pl", pseudo), speak("en", None), speak("pl2", pseudo))
    assert seen["pl"] == seen["pl2"] == [_pseudo(texts.MENU)] * 3
    assert seen["en"] == [texts.MENU] * 3
    assert i18n.current().code == "en"


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("pt-br", "pt_BR"),
        ("PT-BR", "pt_BR"),
        ("pt-pt", "pt"),
        ("de-AT", "de"),
        ("de", "de"),
        ("es-419", "es_419"),
        ("es-MX", "en"),  # no Spanish but Latin America's
        ("sr-Latn-RS", "sr_Latn"),
        ("en-us", "en"),
        ("zz", "en"),
        ("not a tag", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_telegram_language_codes_find_their_catalog(tag: str | None, code: str) -> None:
    among = {"en", "pt_BR", "pt", "de", "es_419", "sr_Latn"}
    assert negotiate(tag, among) == code


def test_the_shipped_languages_load() -> None:
    assert "en" in i18n.available()
    with use_language("en-GB") as language:
        assert language.code == "en" and texts.MENU == "What would you like to do?"


def test_no_module_copies_a_text_at_import() -> None:
    """``from bot.ui.texts import NAME`` would freeze NAME in the language of import time."""
    copied = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "bot.ui.texts":
                copied += [
                    f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.isupper()
                ]
    assert copied == []
