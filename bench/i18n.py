"""``python -m bench.i18n``: what translation costs per text read and per catalog load.

A ``texts.NAME`` read goes through ``TranslatedModule.__getattribute__`` (the active
language, then a dict lookup of the constant already translated into it); compared with a
plain module attribute. A second language is the English catalog loaded under another
code, so that every lookup goes through a catalog that is not the default. Loading a
catalog reads its .po with Babel and compiles it in memory, once per language and process.
"""

from __future__ import annotations

import tempfile
import time
import timeit
import types
from datetime import UTC, datetime
from pathlib import Path

from bot.devtools import catalog as tool
from bot.ui import dates, i18n, texts

READS = 200_000


def per_call_ns(statement: str, **names: object) -> float:
    best = min(timeit.repeat(statement, globals=names, number=READS, repeat=5))
    return best / READS * 1e9


def main() -> None:
    start = time.perf_counter()
    i18n.load_catalog(tool.po_path(i18n.SOURCE), i18n.SOURCE)
    load_ms = (time.perf_counter() - start) * 1000
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "messages.po"
        copy.write_bytes(tool.po_path(i18n.SOURCE).read_bytes())
        other = i18n.load_catalog(copy, "de")

    plain = types.SimpleNamespace(ASK_KIND=str(texts.ASK_KIND))
    moment = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    rows = [
        ("plain attribute", per_call_ns("m.ASK_KIND", m=plain)),
        ("texts.ASK_KIND", per_call_ns("texts.ASK_KIND", texts=texts)),
        ("texts.MENU_BUTTONS", per_call_ns("texts.MENU_BUTTONS", texts=texts)),
        ("texts.esc (not a text)", per_call_ns("texts.esc", texts=texts)),
        ("texts.digest_checkins(2, 5)", per_call_ns("f(2, 5)", f=texts.digest_checkins)),
        ("dates.format_moment", per_call_ns("f(m)", f=dates.format_moment, m=moment)),
    ]
    with i18n.use_language(other):
        rows.append(("texts.ASK_KIND, other language", per_call_ns("t.ASK_KIND", t=texts)))
    print(f"English catalog: {len(tool.extract())} texts, loaded in {load_ms:.1f} ms")
    print(f"{'per read / call':<32} {'ns':>8}")
    for name, ns in rows:
        print(f"{name:<32} {ns:8.0f}")


if __name__ == "__main__":
    main()
