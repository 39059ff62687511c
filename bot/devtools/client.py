"""The user side of the emulator: people who write to the bot, press its buttons, sit in groups.

Tests read like a chat::

    alice = emulator.user("Alice")
    await alice.send("/start")
    msg = await alice.expect_message()
    await alice.press(msg, "Done")
    assert "saved" in (await alice.expect_message()).text

Everything here is in-process: a "send" puts a Telegram-shaped update in the emulator's queue
(which the bot fetches with getUpdates over HTTP), and "expect" waits until the bot's request
has arrived at the emulator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.devtools.objects import (
    JSON,
    BotMessage,
    Button,
    CallbackAnswer,
    ChatState,
    MessageVersion,
    UserInfo,
)

__all__ = [
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "CallbackPress",
    "Emulator",
    "GroupClient",
    "MessageVersion",
    "UserClient",
    "UserInfo",
]

T = TypeVar("T")


class Emulator(Protocol):
    """The emulator as the user side sees it (:class:`~bot.devtools.emulator.BotApiEmulator`
    implements it): what a person can do, and how to wait for and read the bot's answers."""

    def chat(self, chat_id: int) -> ChatState: ...

    def transcript(self, chat_id: int) -> str: ...

    async def wait_until(self, probe: Callable[[], T | None], within: float) -> T | None: ...

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None: ...  # noqa: ASYNC109

    def user_message(
        self, chat_id: int, sender: UserInfo, content: JSON, reply_to: BotMessage | None = None
    ) -> JSON: ...

    def user_edit(self, chat_id: int, message_id: int, text: str) -> JSON: ...

    def user_photo(self, data: bytes) -> list[JSON]: ...

    def user_file(
        self,
        data: bytes,
        *,
        kind: str = "document",
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> JSON: ...

    def callback_query(self, sender: UserInfo, msg: BotMessage, data: str) -> CallbackPress: ...

    def callback_answer(self, query_id: str) -> CallbackAnswer | None: ...

    def set_blocked(self, user: UserInfo, *, blocked: bool) -> None: ...

    def change_bot_status(self, chat: ChatState, by: UserInfo, status: str) -> None: ...

    def member_added(self, chat: ChatState, user: UserInfo, by: UserInfo) -> None: ...

    def member_left(
        self, chat: ChatState, user: UserInfo, by: UserInfo, *, service_message: bool = True
    ) -> None: ...

    def migrate(self, old: ChatState) -> ChatState: ...


@dataclass
class CallbackPress:
    """A button press the user made; ``await press.answer()`` waits for the bot's answer."""

    emulator: Emulator
    id: str
    data: str
    message: BotMessage

    @property
    def answered(self) -> CallbackAnswer | None:
        return self.emulator.callback_answer(self.id)

    async def answer(self, timeout: float = 5.0) -> CallbackAnswer:  # noqa: ASYNC109
        got = await self.emulator.wait_until(
            lambda: self.emulator.callback_answer(self.id), timeout
        )
        if got is None:
            raise AssertionError(
                f"the bot did not answer callback query {self.id} ({self.data!r}) "
                f"within {timeout}s\n{self.emulator.transcript(self.message.chat_id)}"
            )
        return got


class _ChatView:
    """Reading the bot's messages in one chat, with a cursor of what the test has seen."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self._cursor = 0
        self._seen_edits: dict[tuple[int, int], int] = {}

    @property
    def chat_id(self) -> int:
        raise NotImplementedError

    def _chat(self) -> ChatState:
        return self.emulator.chat(self.chat_id)

    def _mark_seen(self, msg: BotMessage) -> BotMessage:
        self._seen_edits[(msg.chat_id, msg.message_id)] = len(msg.edits)
        return msg

    async def expect_message(self, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The next bot message in this chat that this client has not seen yet."""

        def next_unseen() -> BotMessage | None:
            sent = self._chat().bot_messages
            return sent[self._cursor] if self._cursor < len(sent) else None

        msg = await self.emulator.wait_until(next_unseen, timeout)
        if msg is None:
            raise AssertionError(
                f"no new bot message in chat {self.chat_id} within {timeout}s\n"
                + self.emulator.transcript(self.chat_id)
            )
        self._cursor += 1
        return self._mark_seen(msg)

    async def expect_no_message(self, quiet: float = 0.3, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Let the bot finish what it is doing, then assert it sent nothing new here."""
        await self.emulator.settle(quiet=quiet, timeout=timeout)
        unseen = self._chat().bot_messages[self._cursor :]
        if unseen:
            raise AssertionError(
                "unexpected bot message(s): "
                + "; ".join(m.describe() for m in unseen)
                + "\n"
                + self.emulator.transcript(self.chat_id)
            )

    async def messages(self) -> list[BotMessage]:
        """Every bot message in this chat so far, oldest first (marks them all as seen)."""
        sent = list(self._chat().bot_messages)
        self._cursor = len(sent)
        return [self._mark_seen(m) for m in sent]

    async def expect_edit(self, msg: BotMessage, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """Wait until ``msg`` is edited (after what this client last saw of it)."""
        key = (msg.chat_id, msg.message_id)
        seen = self._seen_edits.get(key, 0)
        got = await self.emulator.wait_until(
            lambda: msg if len(msg.edits) > seen else None, timeout
        )
        if got is None:
            raise AssertionError(
                f"message {msg.message_id} was not edited within {timeout}s\n"
                + self.emulator.transcript(msg.chat_id)
            )
        return self._mark_seen(got)

    def transcript(self) -> str:
        return self.emulator.transcript(self.chat_id)


class UserClient(_ChatView):
    """A Telegram user; their private chat with the bot has ``chat_id == user id``."""

    def __init__(self, emulator: Emulator, info: UserInfo) -> None:
        super().__init__(emulator)
        self.info = info
        self._last_press: CallbackPress | None = None

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.first_name

    @property
    def username(self) -> str | None:
        return self.info.username

    @property
    def chat_id(self) -> int:
        return self.info.id

    def __repr__(self) -> str:
        return f"UserClient({self.name!r}, id={self.id})"

    # -- writing to the bot ----------------------------------------------------------------
    async def send(self, text: str, *, reply_to: BotMessage | None = None) -> JSON:
        """A text message; "/command ..." gets a bot_command entity like in Telegram."""
        return self.emulator.user_message(self.chat_id, self.info, {"text": text}, reply_to)

    async def edit(self, sent: JSON, text: str) -> JSON:
        """Edit a message this user sent (what :meth:`send` returned) to say ``text``."""
        return self.emulator.user_edit(self.chat_id, int(sent["message_id"]), text)

    async def forward(self, text: str, from_name: str = "Hidden sender") -> JSON:
        """Forward a text message from someone who hides their account, as Telegram shows it."""
        origin = {"type": "hidden_user", "sender_user_name": from_name, "date": 1_790_000_000}
        content: JSON = {"text": text, "forward_origin": origin}
        return self.emulator.user_message(self.chat_id, self.info, content)

    async def send_location(self, latitude: float, longitude: float) -> JSON:
        location = {"latitude": latitude, "longitude": longitude}
        return self.emulator.user_message(self.chat_id, self.info, {"location": location})

    async def send_photo(self, data: bytes = b"\x89PNG fake photo", caption: str = "") -> JSON:
        content: JSON = {"photo": self.emulator.user_photo(data)}
        if caption:
            content["caption"] = caption
        return self.emulator.user_message(self.chat_id, self.info, content)

    async def send_document(
        self, data: bytes, file_name: str = "file.txt", mime_type: str = "text/plain"
    ) -> JSON:
        document = self.emulator.user_file(data, file_name=file_name, mime_type=mime_type)
        return self.emulator.user_message(self.chat_id, self.info, {"document": document})

    async def send_sticker(self, emoji: str = "👍") -> JSON:
        sticker = self.emulator.user_file(b"RIFF fake webp sticker", kind="sticker")
        sticker |= {"type": "regular", "width": 512, "height": 512, "emoji": emoji}
        sticker |= {"is_animated": False, "is_video": False}
        return self.emulator.user_message(self.chat_id, self.info, {"sticker": sticker})

    async def send_voice(self, duration: int = 3) -> JSON:
        voice = self.emulator.user_file(b"OggS fake voice", kind="voice", mime_type="audio/ogg")
        voice["duration"] = duration
        return self.emulator.user_message(self.chat_id, self.info, {"voice": voice})

    async def send_contact(self, phone_number: str = "+4915100000000") -> JSON:
        contact = {"phone_number": phone_number, "first_name": self.name, "user_id": self.id}
        return self.emulator.user_message(self.chat_id, self.info, {"contact": contact})

    # -- buttons ---------------------------------------------------------------------------
    async def press(self, msg: BotMessage, label: str | int) -> CallbackPress:
        """Press an inline button by exact text, index, or unique substring."""
        button = msg.button(label)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data: {button.raw}")
        return await self.press_data(msg, button.callback_data)

    async def press_data(self, msg: BotMessage, data: str) -> CallbackPress:
        """A callback query with any data (e.g. forged) on ``msg``."""
        press = self.emulator.callback_query(self.info, msg, data)
        self._last_press = press
        return press

    async def expect_callback_answer(self, timeout: float = 5.0) -> CallbackAnswer:  # noqa: ASYNC109
        """The bot's answerCallbackQuery for this user's latest press."""
        if self._last_press is None:
            raise AssertionError(f"{self.name} has not pressed any button")
        return await self._last_press.answer(timeout)

    # -- relationship with the bot -----------------------------------------------------
    def block_bot(self) -> None:
        """Block the bot: my_chat_member (member -> kicked); sends get 403 from now on."""
        self.emulator.set_blocked(self.info, blocked=True)

    def unblock_bot(self) -> None:
        self.emulator.set_blocked(self.info, blocked=False)


class GroupClient(_ChatView):
    """A group chat; follows a migration to a supergroup (``chat_id`` changes then)."""

    def __init__(self, emulator: Emulator, chat: ChatState) -> None:
        super().__init__(emulator)
        self._state = chat

    @property
    def chat_id(self) -> int:
        return self._state.id

    @property
    def title(self) -> str:
        return self._state.title or ""

    def __repr__(self) -> str:
        return f"GroupClient({self.title!r}, id={self.chat_id})"

    async def send(
        self, user: UserClient, text: str, *, reply_to: BotMessage | None = None
    ) -> JSON:
        self._require_member(user)
        return self.emulator.user_message(self.chat_id, user.info, {"text": text}, reply_to)

    async def add_bot(self, by: UserClient, *, as_admin: bool = False) -> None:
        """``by`` adds the bot: my_chat_member (left -> member) and a new_chat_members message."""
        self._require_member(by)
        self.emulator.change_bot_status(
            self._state, by.info, "administrator" if as_admin else "member"
        )

    async def remove_bot(self, by: UserClient) -> None:
        """``by`` removes the bot: my_chat_member (member -> left); sends get 403 afterwards."""
        self._require_member(by)
        self.emulator.change_bot_status(self._state, by.info, "left")

    async def migrate_to_supergroup(self) -> int:
        """The group becomes a supergroup with a new -100... id; returns the new id."""
        self._state = self.emulator.migrate(self._state)
        self._cursor = 0
        return self._state.id

    async def invite(self, user: UserClient, *, by: UserClient) -> None:
        """``by`` adds ``user`` to the group, as in Telegram: the bot gets a
        ``new_chat_members`` service message (``add_member`` changes the list silently)."""
        self._require_member(by)
        if user.id in self._state.members:
            raise AssertionError(f"{user.name} is already a member of {self.title!r}")
        self.emulator.member_added(self._state, user.info, by.info)

    async def leave(
        self, user: UserClient, *, by: UserClient | None = None, service_message: bool = True
    ) -> None:
        """``user`` leaves the group, or ``by`` removes them, as in Telegram: the bot gets a
        ``left_chat_member`` service message (unless ``service_message`` is off, as large
        supergroups do) and, as an admin, a ``chat_member`` update (``remove_member``
        changes the list silently)."""
        self._require_member(user)
        remover = by or user
        self._require_member(remover)
        self.emulator.member_left(
            self._state, user.info, remover.info, service_message=service_message
        )

    def add_member(self, user: UserClient) -> None:
        self._state.members[user.id] = user.info

    def remove_member(self, user: UserClient) -> None:
        self._state.members.pop(user.id, None)
        self._state.admins.discard(user.id)

    def set_admin(self, user: UserClient, admin: bool = True) -> None:
        self._require_member(user)
        if admin:
            self._state.admins.add(user.id)
        else:
            self._state.admins.discard(user.id)

    async def press(self, user: UserClient, msg: BotMessage, label: str | int) -> CallbackPress:
        button = msg.button(label)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data: {button.raw}")
        return await self.press_data(user, msg, button.callback_data)

    async def press_data(self, user: UserClient, msg: BotMessage, data: str) -> CallbackPress:
        self._require_member(user)
        return self.emulator.callback_query(user.info, msg, data)

    def is_member(self, user: UserClient) -> bool:
        return user.id in self._state.members

    def _require_member(self, user: UserClient) -> None:
        if not self.is_member(user):
            raise AssertionError(f"{user.name} is not a member of {self.title!r}")
