"""The emulator's shared vocabulary: Telegram-shaped objects, chat state and API errors.

A leaf module: it imports nothing from ``bot/``. The emulator (:mod:`bot.devtools.emulator`),
its Bot API methods (:mod:`bot.devtools.methods`), its protocol checks
(:mod:`bot.devtools.checks`) and the user side (:mod:`bot.devtools.client`) all speak in
these types, so none of them needs another to name what it holds. Dependencies inside the
package point one way::

    objects, telegram_html  <-  checks  <-  methods  <-  emulator  ->  client  ->  objects
                                                            ^
                                                          demo

``client`` and ``methods`` reach the emulator through small protocols of their own
(``client.Emulator``, ``methods.ServerState``), which ``BotApiEmulator`` implements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "JSON",
    "ApiError",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "ChatState",
    "MessageVersion",
    "PendingCallback",
    "UserInfo",
    "bad_request",
]

JSON = dict[str, Any]


# -- errors ----------------------------------------------------------------------------------
class ApiError(Exception):
    """A Bot API error response: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_api(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


# -- people and the bot's messages -----------------------------------------------------------
@dataclass
class UserInfo:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    last_name: str | None = None
    is_bot: bool = False

    def to_api(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None
    raw: JSON = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class MessageVersion:
    """One successful edit: the content the message had after it."""

    text: str | None
    html: str | None
    reply_markup: JSON | None
    edit_date: int


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot passed to answerCallbackQuery."""

    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


@dataclass
class PendingCallback:
    """A callback query the emulator delivered, and the bot's answer once it came."""

    id: str
    user_id: int
    answer: CallbackAnswer | None = None


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent. Live: edits and deletions show up on the same object."""

    chat_id: int
    message_id: int
    kind: str  # "text" | "photo" | "document"
    date: int
    html: str | None  # text or caption exactly as the bot sent it
    text: str | None  # text or caption after entity parsing (what the user sees)
    entities: list[JSON] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: JSON | None = None
    photo_bytes: bytes | None = None
    document_bytes: bytes | None = None
    file_name: str | None = None
    mime_type: str | None = None
    file_id: str | None = None
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    deleted: bool = False
    edits: list[MessageVersion] = field(default_factory=list)

    @property
    def buttons(self) -> list[list[Button]]:
        """The inline keyboard, row by row (empty without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [
                Button(
                    text=str(b.get("text", "")),
                    callback_data=b.get("callback_data"),
                    url=b.get("url"),
                    raw=b,
                )
                for b in row
            ]
            for row in rows
        ]

    @property
    def keyboard(self) -> list[list[str]]:
        """A reply keyboard's button texts, row by row (empty without one)."""
        rows = (self.reply_markup or {}).get("keyboard") or []
        return [[b if isinstance(b, str) else str(b.get("text", "")) for b in row] for row in rows]

    def button_texts(self) -> list[str]:
        return [b.text for row in self.buttons for b in row]

    def button(self, label: str | int) -> Button:
        """A button by exact text, by index (flat, left to right), or by a unique substring."""
        flat = [b for row in self.buttons for b in row]
        if isinstance(label, int):
            if not 0 <= label < len(flat):
                raise AssertionError(f"no button #{label}; buttons: {self.button_texts()}")
            return flat[label]
        exact = [b for b in flat if b.text == label]
        if exact:
            return exact[0]
        partial = [b for b in flat if label in b.text]
        if len(partial) == 1:
            return partial[0]
        problem = "ambiguous" if partial else "no"
        raise AssertionError(f"{problem} button {label!r}; buttons: {self.button_texts()}")

    def describe(self) -> str:
        body = self.text if self.text is not None else f"<{self.kind}>"
        if self.kind != "text":
            body = f"[{self.kind}{': ' + self.file_name if self.file_name else ''}] {body}"
        buttons = self.button_texts() or [t for row in self.keyboard for t in row]
        if buttons:
            body += "  [" + " | ".join(buttons) + "]"
        if self.edits:
            body += f"  (edited x{len(self.edits)})"
        if self.deleted:
            body += "  (deleted)"
        return body


# -- chats -----------------------------------------------------------------------------------
@dataclass(eq=False)
class ChatState:
    """A chat as the emulator keeps it: who is in it, and everything said there."""

    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    user: UserInfo | None = None  # the other side of a private chat
    members: dict[int, UserInfo] = field(default_factory=dict)
    admins: set[int] = field(default_factory=set)
    creator_id: int | None = None
    bot_status: str = "member"  # in groups: "left" until added
    bot_removed: bool = False
    blocked: bool = False
    started: bool = False  # a private chat exists once the user wrote to the bot
    migrated_to: int | None = None
    next_message_id: int = 1
    bot_messages: list[BotMessage] = field(default_factory=list)
    user_messages: dict[int, JSON] = field(default_factory=dict)
    log: list[str | BotMessage] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)

    def to_api(self) -> JSON:
        if self.type == "private" and self.user is not None:
            data: JSON = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
            return data
        return {"id": self.id, "type": self.type, "title": self.title or ""}

    def take_message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id - 1
