"""Telegram's HTML parse mode: what it accepts, what it refuses, and the text it leaves."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.devtools.telegram_html import HtmlParseError, parse_html, utf16_len


def ent(kind: str, offset: int, length: int, **extra: str) -> dict[str, Any]:
    return {"type": kind, "offset": offset, "length": length, **extra}


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("plain", "plain", []),
        ("<b>bold</b> <strong>too</strong>", "bold too", [ent("bold", 0, 4), ent("bold", 5, 3)]),
        (
            "<i>a</i><em>b</em><u>c</u><ins>d</ins>",
            "abcd",
            [
                ent("italic", 0, 1),
                ent("italic", 1, 1),
                ent("underline", 2, 1),
                ent("underline", 3, 1),
            ],
        ),
        (
            "<s>x</s><strike>y</strike><del>z</del>",
            "xyz",
            [ent("strikethrough", i, 1) for i in range(3)],
        ),
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [ent("spoiler", 0, 1), ent("spoiler", 1, 1)],
        ),
        (
            '<a href="https://example.org/?a=1&amp;b=2">link</a>',
            "link",
            [ent("text_link", 0, 4, url="https://example.org/?a=1&b=2")],
        ),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            "👍",
            [ent("custom_emoji", 0, 2, custom_emoji_id="5368324170671202286")],
        ),
        ("<code>x = 1</code>", "x = 1", [ent("code", 0, 5)]),
        (
            '<pre><code class="language-python">print()</code></pre>',
            "print()",
            [ent("pre", 0, 7, language="python")],
        ),
        ("<pre>raw</pre>", "raw", [ent("pre", 0, 3)]),
        ("<blockquote>q</blockquote>", "q", [ent("blockquote", 0, 1)]),
        ("<blockquote expandable>q</blockquote>", "q", [ent("expandable_blockquote", 0, 1)]),
        ("<B>upper</B>", "upper", [ent("bold", 0, 5)]),
        ("<b>x</>", "x", [ent("bold", 0, 1)]),  # Telegram allows </>
        ("<b><i>both</i></b>", "both", [ent("bold", 0, 4), ent("italic", 0, 4)]),
        ("&lt;tag&gt; &amp; &quot;q&quot;", '<tag> & "q"', []),
        ("&#65;&#x42;&#x1F600;", "AB😀", []),
        ("&lt no semicolon", "< no semicolon", []),  # tdlib: the ";" is optional
        ("a > b", "a > b", []),
        ("😀<b>x</b>", "😀x", [ent("bold", 2, 1)]),  # offsets in UTF-16 code units
        ("<b></b>empty", "empty", []),  # empty entities are dropped
        ("<a>no href</a>", "no href", []),
    ],
)
def test_valid_markup(source: str, text: str, entities: list[dict[str, Any]]) -> None:
    parsed = parse_html(source)
    assert parsed.text == text
    assert parsed.entities == entities


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("line<br/>break", 'Unsupported start tag "br/" at byte offset 4'),
        ("é<p>", 'Unsupported start tag "p" at byte offset 2'),  # offsets are UTF-8 bytes
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<span class="bold">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("<a href>y</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'),  # noqa: E501
        ("<a href=x/y>z</a>", "Unexpected end of name token at byte offset 8"),
        ("Q&A", "Unsupported HTML entity at byte offset 1"),
        ("&nbsp;", "Unsupported HTML entity at byte offset 0"),
        ("&#0;", "Unsupported HTML entity at byte offset 0"),
        ("&#xD800;", "Unsupported HTML entity at byte offset 0"),
    ],
)  # fmt: skip
def test_refused_markup(source: str, reason: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert caught.value.reason.startswith(reason)
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


def test_bare_ampersand_can_be_allowed_like_telegram() -> None:
    assert parse_html("Q&A &nbsp;", strict_ampersand=False).text == "Q&A &nbsp;"


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("é", 1), ("😀", 2), ("👍🏽", 4), ("👨‍👩‍👧", 8), ("日本", 2)],
)
def test_utf16_len(text: str, units: int) -> None:
    assert utf16_len(text) == units


@given(st.text())
def test_escaped_text_round_trips(text: str) -> None:
    assert parse_html(html.escape(text)).text == text


@given(st.text(min_size=1), st.sampled_from(["b", "i", "u", "s", "code", "tg-spoiler"]))
def test_a_tag_around_escaped_text_covers_all_of_it(text: str, tag: str) -> None:
    parsed = parse_html(f"<{tag}>{html.escape(text)}</{tag}>")
    assert parsed.text == text
    assert [(e["offset"], e["length"]) for e in parsed.entities] == [(0, utf16_len(text))]
