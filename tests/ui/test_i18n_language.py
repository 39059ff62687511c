"""Naming a language as people type it, and Telegram's codes for the catalogs."""

from __future__ import annotations

import pytest

from bot.ui import i18n


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("es-419", "es"),
        ("Español", "es"),
        ("spanish", "es"),
        ("Spanisch", "es"),
        ("испанский", "es"),
        ("pt", "pt_BR"),
        ("pt-BR", "pt_BR"),
        ("pt_br", "pt_BR"),
        ("Português", "pt_BR"),
        ("portuguese", "pt_BR"),
        ("de", "de"),
        ("de-AT", "de"),
        ("Deutsch", "de"),
        ("german", "de"),
        ("ru", "ru"),
        ("Русский", "ru"),
        ("russian", "ru"),
        ("  English ", "en"),
        ("en-GB", "en"),
        ("inglés", "en"),
        ("fr", None),
        ("français", None),
        ("klingon", None),
        ("", None),
        ("   ", None),
        ("x" * 300, None),
    ],
)
def test_parse_language(typed: str, code: str | None) -> None:
    assert i18n.parse_language(typed) == code


def test_shipped_languages_english_first_and_telegram_codes() -> None:
    assert i18n.shipped() == ("en", "de", "es", "pt_BR", "ru")
    assert [i18n.telegram_code(c) for c in i18n.shipped()] == ["en", "de", "es", "pt", "ru"]


def test_each_language_named_in_itself() -> None:
    names = [i18n.native_name(code) for code in i18n.shipped()]
    assert names == ["English", "Deutsch", "Español", "Português (Brasil)", "Русский"]
