"""What the emulator checks in a request, and the Telegram-shaped pieces it answers with.

Pure helpers for :mod:`bot.devtools.emulator`: request parameters (form, multipart, JSON),
errors, formatted text (HTML parse mode, the 4096/1024 limits), reply markup, bot commands,
uploaded files, ChatMember objects, the optional API-spec check and rate limits.
"""

from __future__ import annotations

import contextlib
import json
import math
import mimetypes
import re
import struct
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.devtools.objects import JSON, ApiError, UserInfo, bad_request
from bot.devtools.telegram_html import HtmlParseError, parse_html, utf16_len

__all__ = ["ApiError", "Params", "bad_request", "utf16_len", "utf16_offset"]


TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
PHOTO_SIZE_LIMIT = 10 * 1024 * 1024
FILE_SIZE_LIMIT = 50 * 1024 * 1024
_BUTTON_ACTIONS = {
    "callback_data", "url", "login_url", "switch_inline_query", "copy_text", "pay",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "callback_game",
    "web_app",
}  # fmt: skip
_URL_RE = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)
_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_HTTPS_RE = re.compile(r"^https://[^\s/?#]+\S*$", re.IGNORECASE)
# PTB fills these from ``Defaults`` into every method built on its ``_send_message`` helper,
# declared or not (editMessageReplyMarkup gets parse_mode); Telegram ignores what a method
# does not declare, so the spec check lets these through.
_PTB_DEFAULTS = {
    "parse_mode", "disable_notification", "protect_content", "link_preview_options",
    "allow_sending_without_reply", "allow_paid_broadcast", "message_effect_id",
}  # fmt: skip
_DEFAULT_FAULT_TEXT = {
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
}


def fault_error(status: int, description: str | None, retry_after: int | None) -> ApiError:
    """The error for an injected fault, worded like Telegram (or its front proxy)."""
    if status == 429:
        retry = retry_after or 1
        text = description or f"Too Many Requests: retry after {retry}"
        return ApiError(429, text, {"retry_after": retry})
    if description is None:
        try:
            description = _DEFAULT_FAULT_TEXT.get(status) or HTTPStatus(status).phrase
        except ValueError:
            description = f"Error {status}"
    return ApiError(status, description)


def utf16_offset(text: str, index: int) -> int:
    return utf16_len(text[:index])


# -- parameters ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Upload:
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Params:
    """Request parameters. Form values are strings (PTB JSON-encodes the complex ones);
    JSON bodies carry native values. Accessors convert the way the Bot API does."""

    raw: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)

    def names(self) -> set[str]:
        return set(self.raw) | set(self.files)

    def has(self, name: str) -> bool:
        return self.raw.get(name) is not None or name in self.files

    def get_str(self, name: str) -> str | None:
        value = self.raw.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        return json.dumps(value)

    def get_int(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def get_json(self, name: str, error: str | None = None) -> Any:
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error or f"can't parse {name} JSON object") from None

    def chat_id(self) -> int:
        value = self.raw.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None  # "@channelusername" and the like

    def chat_id_or_none(self) -> int | None:
        try:
            return self.chat_id()
        except ApiError:
            return None

    def display(self) -> JSON:
        """The parameters decoded for humans (records, assertion messages)."""
        shown: JSON = {}
        for key, value in self.raw.items():
            if isinstance(value, str) and value[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            shown[key] = value
        for key, upload in self.files.items():
            shown[key] = f"<upload {upload.filename or key!r}, {len(upload.data)} bytes>"
        return shown


async def read_params(request: web.Request) -> Params:
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.body_exists:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                raw.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = Upload(value.filename, value.content_type, value.file.read())
                elif isinstance(value, bytes | bytearray):
                    raw[key] = bytes(value).decode("utf-8", "replace")
                else:
                    raw[key] = value
    return Params(raw, files)


# -- formatted text -------------------------------------------------------------------------
@dataclass(frozen=True)
class Formatted:
    raw: str | None  # as sent
    text: str | None  # after entity parsing and trimming; None for "no caption"
    entities: list[JSON]
    parse_mode: str | None


def formatted_text(params: Params, *, caption: bool, strict_ampersand: bool) -> Formatted:
    """Text or caption with its parse mode applied, checked against Telegram's limits."""
    key = "caption" if caption else "text"
    raw = params.get_str(key) or ""
    parse_mode = params.get_str("parse_mode") or None
    mode = (parse_mode or "").lower()
    if mode not in ("", "html", "markdown", "markdownv2"):
        raise bad_request("unsupported parse_mode")
    if mode == "html":
        try:
            parsed = parse_html(raw, strict_ampersand=strict_ampersand)
        except HtmlParseError as error:
            raise ApiError(400, error.description) from None
        text, entities = parsed.text, parsed.entities
    else:  # MarkdownV2 is not validated: the text is taken as it is
        given = params.get_json("caption_entities" if caption else "entities") or []
        text, entities = raw, list(given) if isinstance(given, list) else []
    text, entities = _strip(text, entities)
    if not text and not caption:
        raise bad_request("message text is empty")
    if utf16_len(text) > (CAPTION_LIMIT if caption else TEXT_LIMIT):
        raise bad_request("message caption is too long" if caption else "message is too long")
    return Formatted(raw or None, text or None, entities, parse_mode)


def _strip(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Telegram trims surrounding whitespace; entity offsets move with the text."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    moved = []
    for entity in entities:
        start = max(0, int(entity["offset"]) - shift)
        end = min(size, int(entity["offset"]) + int(entity["length"]) - shift)
        if end > start:
            moved.append(entity | {"offset": start, "length": end - start})
    return stripped, moved


# -- reply markup and commands ----------------------------------------------------------------
def reply_markup(params: Params, *, inline_only: bool = False) -> JSON | None:
    """The validated reply_markup, or None (an empty inline keyboard counts as none)."""
    if not params.has("reply_markup"):
        return None
    unparsable = "can't parse reply keyboard markup JSON object"
    markup = params.get_json("reply_markup", unparsable)
    if not isinstance(markup, dict):
        raise bad_request(unparsable)
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
        return markup if markup["inline_keyboard"] else None
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array')
        for button in (b for row in rows for b in row):
            text = button if isinstance(button, str) else (button or {}).get("text")
            if not isinstance(text, str) or not text:
                raise bad_request('can\'t parse keyboard button: Field "text" must be a String')
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request(unparsable)


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    buttons = [b for row in rows for b in row]
    if len(buttons) > 100:
        raise bad_request("REPLY_MARKUP_TOO_LONG")
    for button in buttons:
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise bad_request(
                'can\'t parse inline keyboard button: Field "text" must be of type String'
            )
        if not _BUTTON_ACTIONS & set(button):
            raise bad_request(
                "can't parse inline keyboard button: "
                "Text buttons are unallowed in the inline keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            size = len(data.encode("utf-8")) if isinstance(data, str) else 0
            if not 1 <= size <= CALLBACK_DATA_LIMIT:
                raise bad_request("BUTTON_DATA_INVALID")
        if "url" in button and not _URL_RE.match(str(button["url"])):
            raise bad_request(
                f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL"
            )
        if "web_app" in button:
            web_app_url(button["web_app"], "inline keyboard button Web App URL")


def web_app_url(info: Any, what: str) -> str:
    """The URL of a WebAppInfo: Telegram opens Mini Apps over HTTPS only."""
    url = info.get("url") if isinstance(info, dict) else None
    if not isinstance(url, str) or not _HTTPS_RE.match(url):
        raise bad_request(f"{what} '{url}' is invalid: Only HTTPS links are allowed")
    return url


def no_web_app_outside_private(markup: JSON | None, chat_type: str) -> None:
    """``web_app`` buttons are "available only in private chats" (Bot API)."""
    if chat_type == "private" or not markup:
        return
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    if any(isinstance(b, dict) and "web_app" in b for row in rows for b in row):
        raise bad_request("BUTTON_TYPE_INVALID")


def menu_button(params: Params) -> JSON:
    """setChatMenuButton's menu_button (MenuButtonDefault when absent), validated."""
    if not params.has("menu_button"):
        return {"type": "default"}
    button = params.get_json("menu_button", "can't parse menu button JSON object")
    kind = button.get("type") if isinstance(button, dict) else None
    if kind in ("default", "commands"):
        return {"type": kind}
    if kind != "web_app" or not isinstance(button, dict):
        raise bad_request("can't parse menu button JSON object")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("menu button text must be non-empty")
    url = web_app_url(button.get("web_app"), "menu button Web App URL")
    return {"type": "web_app", "text": text, "web_app": {"url": url}}


def validate_commands(commands: Any) -> None:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND_NAME_RE.match(
            str(command.get("command", ""))
        ):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")


def chat_member(user: UserInfo, status: str) -> JSON:
    """A ChatMember object of the right subtype for ``status``."""
    member: JSON = {"status": status, "user": user.to_api()}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member["can_be_edited"] = False
        rights = (
            "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_change_info", "can_invite_users", "can_post_stories",
            "can_edit_stories", "can_delete_stories", "can_pin_messages",
        )  # fmt: skip
        member |= dict.fromkeys(rights, True)
        member |= {"is_anonymous": False, "can_promote_members": False}
    elif status == "kicked":
        member["until_date"] = 0
    return member


# -- files ------------------------------------------------------------------------------------
@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None


_FILE_ID_PREFIX = {"photo": "AgAC", "document": "BQAC", "sticker": "CAAC", "voice": "AwAC"}


class FileStore:
    """Files that went through the emulator, by file_id and by getFile path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}

    def add(
        self,
        data: bytes,
        *,
        kind: str,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
    ) -> StoredFile:
        number = len(self._by_id) + 1
        suffix = Path(file_name).suffix if file_name else ".jpg" if kind == "photo" else ""
        stored = StoredFile(
            file_id=f"{_FILE_ID_PREFIX.get(kind, 'BAAC')}AgIAAxkBAAI{number:06d}",
            file_unique_id=f"AQAD{number:06d}",
            kind=kind,
            data=data,
            path=f"{kind}s/file_{number}{suffix}",
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_id(self, file_id: str) -> StoredFile:
        return self._by_id[file_id]

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)

    def to_api(self, stored: StoredFile) -> JSON:
        data: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name is not None:
            data["file_name"] = stored.file_name
        if stored.mime_type is not None:
            data["mime_type"] = stored.mime_type
        return data

    def photo_sizes(self, stored: StoredFile) -> list[JSON]:
        """One PhotoSize (Telegram sends several; bots use the last, the largest)."""
        size = {"width": stored.width or 800, "height": stored.height or 600}
        return [self.to_api(stored) | size]

    def from_request(self, params: Params, kind: str) -> StoredFile:
        """The photo/document of a send request: an upload, attach://name or a file_id."""
        upload = params.files.get(kind)
        value = params.get_str(kind) if upload is None else None
        if value is not None and value.startswith("attach://"):
            upload = params.files.get(value.removeprefix("attach://"))
        if upload is None:
            if not value:
                raise bad_request(f"there is no {kind} in the request")
            if _URL_RE.match(value):
                raise bad_request("failed to get HTTP URL content")  # no internet here
            existing = self.get(value)
            if existing is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            if existing.kind != kind:
                raise bad_request(f"can't use file of type {existing.kind} as {kind}")
            return existing
        if not upload.data:
            raise bad_request("file must be non-empty")
        if kind == "photo":
            return self._photo(upload)
        if len(upload.data) > FILE_SIZE_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        guessed = mimetypes.guess_type(upload.filename or "")[0]
        mime = guessed or upload.content_type or "application/octet-stream"
        return self.add(upload.data, kind=kind, file_name=upload.filename, mime_type=mime)

    def _photo(self, upload: Upload) -> StoredFile:
        if len(upload.data) > PHOTO_SIZE_LIMIT:
            raise bad_request("PHOTO_SAVE_FILE_INVALID")
        size = image_size(upload.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10_000 or max(width, height) > 20 * max(1, min(width, height)):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        return self.add(upload.data, kind="photo", width=width, height=height)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG; WebP gets a nominal size; None otherwise."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return 512, 512
    if data[:2] != b"\xff\xd8":
        return None
    pos = 2
    while pos + 9 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return int(width), int(height)
        pos += 2 + int(struct.unpack(">H", data[pos + 2 : pos + 4])[0])
    return None


# -- API spec and rate limits -----------------------------------------------------------------
@dataclass
class ApiSpec:
    """Method names and parameters from a machine-readable Bot API description
    (the format of PaulSonOfLars/telegram-bot-api-spec's api.json)."""

    methods: dict[str, dict[str, bool]]  # lower-case method -> {parameter: required}

    @classmethod
    def load(cls, path: str | Path | None) -> ApiSpec | None:
        if path is None:
            return None
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        methods = {
            name.lower(): {f["name"]: bool(f.get("required")) for f in method.get("fields", [])}
            for name, method in spec["methods"].items()
        }
        return cls(methods)

    def has(self, method: str) -> bool:
        return method.lower() in self.methods

    def check(self, method: str, params: Params) -> None:
        fields = self.methods[method.lower()]
        attached = {
            name
            for value in params.raw.values()
            if isinstance(value, str)
            for name in re.findall(r"attach://([\w.-]+)", value)
        }
        for name in sorted(params.names() - set(fields) - attached - _PTB_DEFAULTS):
            raise bad_request(f'unknown parameter "{name}" for method {method}')
        for name, required in fields.items():
            if required and not params.has(name):  # Telegram's wording: "chat_id is empty"
                raise bad_request("message text is empty" if name == "text" else f"{name} is empty")


@dataclass
class RateLimiter:
    """Sliding windows roughly like Telegram's: per bot, per private chat, per group."""

    per_bot: tuple[int, float] = (30, 1.0)
    per_private_chat: tuple[int, float] = (3, 3.0)  # ~1/s with a small burst
    per_group: tuple[int, float] = (20, 60.0)
    clock: Any = time.monotonic
    _sent: dict[object, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def check(self, chat_id: int | None, chat_type: str | None) -> None:
        now = float(self.clock())
        windows: list[tuple[object, tuple[int, float]]] = [("bot", self.per_bot)]
        if chat_id is not None:
            group = chat_type in ("group", "supergroup")
            windows.append((chat_id, self.per_group if group else self.per_private_chat))
        for key, (limit, window) in windows:
            sent = self._sent[key]
            while sent and sent[0] <= now - window:
                sent.popleft()
            if len(sent) >= limit:
                retry = max(1, math.ceil(sent[0] + window - now))
                raise ApiError(
                    429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}
                )
        for key, _ in windows:
            self._sent[key].append(now)
