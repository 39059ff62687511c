"""Telegram's HTML parse mode, as the Bot API server parses it.

A port of the rules in tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp), which is what
the Bot API runs for ``parse_mode=HTML``: the supported tags, the four named entities plus
numeric ones, and the error messages with their UTF-8 byte offsets. The result is the plain
text Telegram would store (its length is what the 4096/1024 limits apply to) and the
MessageEntity objects it would return.

One deliberate difference: tdlib keeps an ``&`` that does not start a supported entity as a
literal character. By default this parser refuses it (``strict_ampersand=True``), because an
unescaped ``&`` means user text went out without ``html.escape`` - and then a user's "&lt;"
would silently turn into "<".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["HtmlParseError", "ParsedText", "parse_html", "utf16_len"]

ERROR_PREFIX = "Bad Request: can't parse entities: "

# tag -> MessageEntity type (a few depend on attributes and are decided when the tag closes)
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\r\n\f\v"


class HtmlParseError(ValueError):
    """Telegram would refuse the markup; ``description`` is the Bot API error text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.description = ERROR_PREFIX + reason


@dataclass(frozen=True)
class ParsedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: what Telegram's limits and entity offsets count."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    argument: str
    expandable: bool
    utf16_offset: int
    order: int  # opening order: outer entities come first among equal ranges


class _Parser:
    def __init__(self, source: str, *, strict_ampersand: bool) -> None:
        self.src = source
        self.strict_ampersand = strict_ampersand
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[tuple[int, dict[str, Any]]] = []
        self.opened = 0

    # -- helpers -------------------------------------------------------------------------
    def char(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.src[i] if i < len(self.src) else ""

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8"))

    def fail(self, reason: str) -> HtmlParseError:
        return HtmlParseError(reason)

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def skip_spaces(self) -> None:
        while self.char() and self.char() in _SPACES:
            self.pos += 1

    def decode_entity(self) -> str | None:
        """At an ``&``: the decoded character (advancing past it), or None (not moved)."""
        src, start = self.src, self.pos
        end = start + 1
        if end < len(src) and src[end] == "#":
            end += 1
            hexadecimal = end < len(src) and src[end] in "xX"
            if hexadecimal:
                end += 1
            digits_start = end
            digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
            while end < len(src) and src[end] in digits:
                end += 1
            if end == digits_start:
                return None
            code = int(src[digits_start:end], 16 if hexadecimal else 10)
            if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                return None
            value = chr(code)
        else:
            while end < len(src) and src[end].isascii() and src[end].isalpha():
                end += 1
            named = _NAMED_ENTITIES.get(src[start + 1 : end])
            if named is None:
                return None
            value = named
        if end < len(src) and src[end] == ";":
            end += 1
        self.pos = end
        return value

    # -- the parse loop ------------------------------------------------------------------
    def run(self) -> ParsedText:
        while self.pos < len(self.src):
            c = self.src[self.pos]
            if c == "&":
                value = self.decode_entity()
                if value is not None:
                    self.emit(value)
                    continue
                if self.strict_ampersand:
                    raise self.fail(
                        f"Unsupported HTML entity at byte offset {self.byte_offset(self.pos)} "
                        "(only &lt; &gt; &amp; &quot; and numeric entities; "
                        "the emulator refuses a bare & that Telegram would keep)"
                    )
            if c != "<":
                self.emit(c)
                self.pos += 1
                continue
            if self.char(1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise self.fail(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda item: (item[1]["offset"], -item[1]["length"], item[0]))
        return ParsedText("".join(self.out), [entity for _, entity in self.entities])

    def start_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        self.pos += 1
        name_start = self.pos
        while self.char() and self.char() not in _SPACES and self.char() != ">":
            self.pos += 1
        if not self.char():
            raise self.fail(f"Unclosed start tag at byte offset {at}")
        name = self.src[name_start : self.pos].lower()
        if name not in _TAG_TYPES:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {at}')
        argument, expandable = "", False
        while self.char() != ">":
            self.skip_spaces()
            if self.char() == ">":
                break
            attr_start = self.pos
            while self.char() and self.char() not in _SPACES and self.char() not in "=>":
                self.pos += 1
            attr = self.src[attr_start : self.pos]
            if not attr:
                if not self.char():
                    raise self.fail(f"Unclosed start tag at byte offset {at}")
                raise self.fail(f'Empty attribute name in the tag "{name}" at byte offset {at}')
            self.skip_spaces()
            if self.char() != "=":
                if name == "blockquote" and attr == "expandable":
                    expandable = True
                    continue
                if not self.char():
                    raise self.fail(f"Unclosed start tag at byte offset {at}")
                raise self.fail(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{name}" at byte offset {at}'
                )
            self.pos += 1
            self.skip_spaces()
            value = self.attribute_value(at)
            if name == "a" and attr == "href":
                argument = value
            elif name == "code" and attr == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif name == "span" and attr == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif name == "tg-emoji" and attr == "emoji-id":
                argument = value
        self.pos += 1  # the ">"
        if name == "span" and argument != "spoiler":
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        if name == "tg-emoji" and not argument.isdigit():
            raise self.fail(f'Tag "tg-emoji" must have a numeric "emoji-id" at byte offset {at}')
        self.stack.append(_OpenTag(name, argument, expandable, self.utf16, self.opened))
        self.opened += 1

    def attribute_value(self, tag_at: int) -> str:
        if not self.char():
            raise self.fail(f"Unclosed start tag at byte offset {tag_at}")
        quote = self.char()
        if quote not in "'\"":
            token_start = self.pos
            while self.char() and (self.char().isalnum() or self.char() in ".-"):
                self.pos += 1
            if not self.char() or (self.char() not in _SPACES and self.char() != ">"):
                raise self.fail(
                    f"Unexpected end of name token at byte offset {self.byte_offset(token_start)}"
                )
            return self.src[token_start : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while self.char() and self.char() != quote:
            if self.char() == "&":
                decoded = self.decode_entity()
                if decoded is not None:
                    value.append(decoded)
                    continue
            value.append(self.char())
            self.pos += 1
        if not self.char():
            raise self.fail(f"Unclosed start tag at byte offset {tag_at}")
        self.pos += 1  # closing quote
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {at}")
        self.pos += 2
        name_start = self.pos
        while self.char() and self.char() not in _SPACES and self.char() != ">":
            self.pos += 1
        end_name = self.src[name_start : self.pos].lower()
        self.skip_spaces()
        if self.char() != ">":
            raise self.fail(f"Unclosed end tag at byte offset {at}")
        self.pos += 1
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise self.fail(
                f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        length = self.utf16 - tag.utf16_offset
        if length == 0:
            return
        entity: dict[str, Any] = {"type": _TAG_TYPES[tag.name], "offset": tag.utf16_offset}
        entity["length"] = length
        if tag.name == "a":
            if not tag.argument:
                return  # Telegram drops a link without a URL and keeps the text
            entity["url"] = tag.argument
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "code" and tag.argument:
            parent = self.stack[-1] if self.stack else None
            if (
                parent is not None
                and parent.name == "pre"
                and parent.utf16_offset == tag.utf16_offset
            ):
                parent.argument = tag.argument  # <pre><code class="language-x"> is one entity
                return
        elif tag.name == "pre" and tag.argument:
            entity["language"] = tag.argument
        self.entities.append((tag.order, entity))


def parse_html(source: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse ``source`` like Telegram does for ``parse_mode=HTML``.

    Returns the plain text and its entities; raises :class:`HtmlParseError` with Telegram's
    wording when the Bot API would answer "Bad Request: can't parse entities: ...".
    """
    return _Parser(source, strict_ampersand=strict_ampersand).run()
