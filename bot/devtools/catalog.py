"""The message catalogs: extract every text from the code, keep every language's .po current.

    python -m bot.devtools.catalog             # `make catalog`: messages.pot + every .po
    python -m bot.devtools.catalog --init de   # start a language (then translate its .po)

The extraction settings are pyproject.toml's ``[tool.babel.extract_messages]``, which
``pybabel extract`` reads too. English is the source language: its catalog holds every text
as its own translation and is rewritten from scratch. Any other language keeps its
translations; new texts arrive untranslated (shown in English until translated), changed
ones are marked fuzzy with the old translation as a hint, removed ones stay as obsolete
``#~`` entries. A file is only written when a message in it changed (not for a new date).
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import string
import tomllib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from babel import Locale
from babel import dates as cldr
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.ui.i18n import DOMAIN, LOCALE_DIR, SOURCE

ROOT = LOCALE_DIR.parents[1]
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ("_", "N_", "ngettext", "pgettext")  # what bot/ui/i18n.py offers
_SAMPLE = datetime(2026, 11, 29, 18, 0)  # a date pattern must be able to format this
_HEADER = "# {what}, written by `make catalog`.\n#"
_DATE_HEADERS = (b'"POT-Creation-Date: ', b'"PO-Revision-Date: ')


def settings() -> dict[str, Any]:
    """``[tool.babel.extract_messages]`` from pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        table: dict[str, Any] = tomllib.load(f)["tool"]["babel"]["extract_messages"]
    return table


def _listed(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def extract(root: Path = ROOT) -> Catalog:
    """The template: every text marked in the code under ``root``, in source order."""
    config = settings()
    template = Catalog(
        project=config.get("project"),
        header_comment=_HEADER.format(what="Comeback's texts"),
        fuzzy=False,
    )
    for base in _listed(config["input_paths"]):
        found = extract_from_dir(
            str(root / base),
            keywords=DEFAULT_KEYWORDS,
            comment_tags=_listed(config.get("add_comments")),
        )
        for filename, lineno, message, comments, context in found:
            where = os.path.normpath(os.path.join(base, filename))
            template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def unreadable_texts(root: Path = ROOT) -> list[str]:
    """Calls whose text extraction cannot read, so that it would be missing from the catalog.

    ``N_``, ``ngettext`` and ``pgettext`` take string literals only. ``_`` takes a literal,
    or a variable holding a text marked elsewhere (``_(self.resume_text)``); never a text
    built at run time (an f-string, ``+``, ``%``)."""
    found = []
    for base in _listed(settings()["input_paths"]):
        for path in sorted((root / base).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS
                ):
                    continue
                name = node.func.id
                args = node.args[:1] if name in ("_", "N_") else node.args[:2]
                literal = all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
                )
                built = any(isinstance(a, ast.JoinedStr | ast.BinOp) for a in args)
                if built or (not literal and name != "_"):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)[:60]}")
    return found


def _fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a str.format template (ValueError if it is malformed)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def translation_errors(catalog: Catalog) -> list[str]:
    """Translations that would break at run time: a placeholder the source text does not
    have (or a malformed one), a placeholder dropped (allowed only in a plural form, as in
    "one week"), or a date pattern Babel cannot read."""
    errors = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        try:
            source = set().union(*(_fields(i) for i in ids))
            for text in strings:
                if not text:
                    continue
                fields = _fields(text)
                if fields - source:
                    errors.append(f"{ids[0]!r}: unknown {sorted(fields - source)} in {text!r}")
                if len(ids) == 1 and source - fields:
                    errors.append(f"{ids[0]!r}: {sorted(source - fields)} missing in {text!r}")
                if message.context == "date pattern":
                    cldr.format_datetime(_SAMPLE, text, locale=catalog.locale or SOURCE)
        except (ValueError, KeyError) as exc:
            errors.append(f"{ids[0]!r}: {exc}")
    return errors


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def source_catalog(template: Catalog) -> Catalog:
    """The English catalog: every text translated as itself."""
    catalog = Catalog(
        locale=SOURCE,
        project=template.project,
        header_comment=_HEADER.format(what="Comeback's English texts, each its own translation"),
        fuzzy=False,
    )
    for message in template:
        if message.id:
            catalog.add(
                message.id,
                message.id,
                message.locations,
                auto_comments=message.auto_comments,
                context=message.context,
            )
    return catalog


def updated(code: str, template: Catalog) -> Catalog:
    """Language ``code``'s catalog brought up to ``template`` (translations kept)."""
    with po_path(code).open("rb") as f:
        catalog = read_po(f, locale=code, domain=DOMAIN)
    catalog.update(template)
    return catalog


def render(catalog: Catalog) -> bytes:
    """The .po text, locations without line numbers (adding a text elsewhere in a file
    changes no other entry)."""
    out = io.BytesIO()
    write_po(out, catalog, include_lineno=False)
    return out.getvalue()


def _messages_part(content: bytes) -> list[bytes]:
    return [line for line in content.splitlines() if not line.startswith(_DATE_HEADERS)]


def write(path: Path, content: bytes) -> bool:
    """Write ``content`` unless only its dates differ from the file's; True if written."""
    if path.exists() and _messages_part(path.read_bytes()) == _messages_part(content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def languages() -> list[str]:
    """Every language with a catalog, English first."""
    others = sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE, *(code for code in others if code != SOURCE)]


def update_all() -> list[Path]:
    """Extract the texts, then rewrite the template and every catalog that changed."""
    template = extract()
    changed = []
    if write(TEMPLATE, render(template)):
        changed.append(TEMPLATE)
    for code in languages():
        catalog = source_catalog(template) if code == SOURCE else updated(code, template)
        if write(po_path(code), render(catalog)):
            changed.append(po_path(code))
    return changed


def init(code: str) -> Path:
    """Start a catalog for ``code`` (a Babel locale such as "de" or "pt_BR") from the template."""
    Locale.parse(code)  # refuses what Babel has no data (plural rules, dates) for
    path = po_path(code)
    if path.exists():
        raise SystemExit(f"{path} exists already: run `make catalog` to update it")
    template = extract()
    catalog = Catalog(locale=code, project=template.project, fuzzy=False)
    catalog.update(template)
    write(path, render(catalog))
    return path


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.devtools.catalog", description=__doc__)
    parser.add_argument("--init", metavar="LANGUAGE", help="start a catalog for LANGUAGE")
    args = parser.parse_args(None if argv is None else list(argv))
    if args.init:
        print(f"created {init(args.init).relative_to(ROOT)}")
        return 0
    changed = update_all()
    for path in changed:
        print(f"updated {path.relative_to(ROOT)}")
    if not changed:
        print("catalogs up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
