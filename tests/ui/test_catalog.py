"""The message catalogs are complete and current: extracted afresh from the code, they match
what is committed in bot/locale (run `make catalog` when this fails)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot.devtools import catalog as tool
from bot.ui.i18n import DOMAIN, LOCALE_DIR, SOURCE

Key = tuple[str | None, str]  # (context, msgid)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale, domain=DOMAIN)


def _messages(catalog: Catalog) -> dict[Key, Message]:
    return {(m.context, _singular(m)): m for m in catalog if m.id}


def _singular(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _listed(keys: set[Key]) -> str:
    return "\n".join(f"  {text!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, text in keys)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The template extracted from the code now, written to and read back from a temp dir."""
    path = tmp_path_factory.mktemp("catalog") / f"{DOMAIN}.pot"
    path.write_bytes(tool.render(tool.extract()))
    return _read(path)


def test_committed_template_has_exactly_the_texts_of_the_code(fresh: Catalog) -> None:
    code, committed = _messages(fresh), _messages(_read(tool.TEMPLATE))
    missing = code.keys() - committed.keys()
    stale = committed.keys() - code.keys()
    changed = {k for k in code.keys() & committed.keys() if code[k].id != committed[k].id}
    problems = [
        f"{title}:\n{_listed(keys)}"
        for title, keys in (
            ("texts missing from the catalog", missing),
            ("texts the code no longer has", stale),
            ("texts whose plural form changed", changed),
        )
        if keys
    ]
    assert not problems, "\n".join(problems) + "\nrun `make catalog`"


def test_the_english_catalog_translates_every_text_as_itself(fresh: Catalog) -> None:
    english = _read(tool.po_path(SOURCE), SOURCE)
    assert english.plural_forms == "nplurals=2; plural=(n != 1);"
    code, held = _messages(fresh), _messages(english)
    missing = code.keys() - held.keys()
    assert not missing, f"not in the English catalog (run `make catalog`):\n{_listed(missing)}"
    extra = held.keys() - code.keys()
    assert not extra, f"English catalog has texts the code lacks:\n{_listed(extra)}"
    wrong = {
        k
        for k, m in held.items()
        if m.fuzzy or (m.string if isinstance(m.id, str) else tuple(m.string)) != m.id
    }
    assert not wrong, f"English translations that differ from the text:\n{_listed(wrong)}"


def test_every_text_is_readable_by_extraction() -> None:
    assert tool.unreadable_texts() == []


def test_the_unreadable_check_finds_built_texts(tmp_path: Path) -> None:
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "m.py").write_text(
        "A = N_('fine')\n"
        "B = _(f'hi {name}')\n"
        "C = ngettext(one, 'many', n)\n"
        "D = _(self.resume_text)\n"  # a lookup of a text marked elsewhere: allowed
        "E = pgettext('ctx', 'a' + b)\n"
    )
    found = tool.unreadable_texts(tmp_path)
    assert [line.split(" ")[0] for line in found] == ["bot/m.py:2", "bot/m.py:3", "bot/m.py:5"]


@pytest.mark.parametrize("path", sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))
def test_every_catalog_keeps_placeholders_and_date_patterns(path: Path) -> None:
    code = path.parents[1].name
    catalog = _read(path, code)
    assert tool.translation_errors(catalog) == []
    if code != SOURCE:  # brought up to date by `make catalog` like the template
        assert _messages(catalog).keys() == _messages(_read(tool.TEMPLATE)).keys()


def test_translation_errors_are_found() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Hi {name}", "Hallo {nom}")
    catalog.add("Left the {flow}.", "Verlassen.")
    catalog.add(("{n} week", "{n} weeks"), ("eine Woche", "{n} Wochen"))  # fine: a plural
    catalog.add("Bad {", "Schlecht {")
    catalog.add("HH:mm", "QQQQQQQQ", context="date pattern")
    catalog.add("d MMM", "d. MMM", context="date pattern")  # fine
    errors = tool.translation_errors(catalog)
    assert len(errors) == 5, errors
    for expected in (
        "unknown ['nom']",
        "['name'] missing",
        "['flow'] missing",
        "'Bad {'",
        "'HH:mm'",
    ):
        assert any(expected in e for e in errors), (expected, errors)
