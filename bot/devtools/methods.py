"""The Bot API methods about chats, messages, commands and files, as the emulator answers them.

Each handler takes the request's :class:`~bot.devtools.checks.Params` and returns the
``result`` of a successful response, or raises :class:`~bot.devtools.objects.ApiError` with
Telegram's wording. State (chats, files, callback queries) lives on the emulator.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from bot.devtools import checks
from bot.devtools.checks import FileStore, Params
from bot.devtools.objects import (
    JSON,
    ApiError,
    BotMessage,
    CallbackAnswer,
    ChatState,
    MessageVersion,
    PendingCallback,
    UserInfo,
    bad_request,
)


class ServerState(Protocol):
    """The emulator's state as the methods see it (:class:`~bot.devtools.emulator.BotApiEmulator`
    implements it): the bot, its chats, files, commands and callback queries."""

    bot: UserInfo
    group_privacy: bool
    strict_html_ampersand: bool
    clock: Callable[[], float]
    chats: dict[int, ChatState]
    sent: list[BotMessage]
    files: FileStore
    commands: dict[tuple[str, str], list[JSON]]
    menu_buttons: dict[int | None, JSON]  # by private chat id; None: the bot's default
    callbacks: dict[str, PendingCallback]

    def notify(self) -> None: ...

    def message_api(self, msg: BotMessage) -> JSON: ...

    def find_message(self, chat: ChatState, message_id: int) -> BotMessage | JSON | None: ...

    def my_chat_member_update(self, chat: ChatState, by: UserInfo, old: str, new: str) -> None: ...


_CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}  # fmt: skip


class BotApiMethods:
    """Handlers for one emulator; ``table()`` maps Bot API method names to them."""

    def __init__(self, emu: ServerState) -> None:
        self.emu = emu

    def table(self) -> dict[str, Callable[[Params], Awaitable[Any]]]:
        return {
            "getMe": self.get_me,
            "logOut": self.log_out,
            "close": self.close,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "getChatMemberCount": self.get_chat_member_count,
            "leaveChat": self.leave_chat,
            "getFile": self.get_file,
        }

    # -- chats as the bot sees them ------------------------------------------------------
    def _resolve_chat(self, params: Params, *, sending: bool) -> ChatState:
        chat = self.emu.chats.get(params.chat_id())
        if chat is None or (chat.type == "private" and not chat.started and not sending):
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == "private":
            if sending and chat.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if sending and not chat.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        elif chat.bot_status not in ("member", "administrator"):
            kind = "supergroup" if chat.type == "supergroup" else "group"
            if chat.bot_removed:
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return chat

    def _store(self, chat: ChatState, msg: BotMessage) -> JSON:
        chat.bot_messages.append(msg)
        chat.log.append(msg)
        self.emu.sent.append(msg)
        self.emu.notify()
        return self.emu.message_api(msg)

    def _reply_to(self, chat: ChatState, params: Params) -> int | None:
        reply = params.get_json("reply_parameters")
        message_id = reply.get("message_id") if isinstance(reply, dict) else None
        message_id = message_id or params.get_int("reply_to_message_id")
        if message_id is None:
            return None
        if self.emu.find_message(chat, int(message_id)) is None:
            allow = isinstance(reply, dict) and reply.get("allow_sending_without_reply")
            if allow or params.get_bool("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        return int(message_id)

    def _new_message(self, chat: ChatState, kind: str, params: Params) -> BotMessage:
        reply_to = self._reply_to(chat, params)
        return BotMessage(
            chat_id=chat.id,
            message_id=chat.take_message_id(),
            kind=kind,
            date=int(self.emu.clock()),
            html=None,
            text=None,
            reply_to_message_id=reply_to,
        )

    # -- methods: the bot and its commands --------------------------------------------------
    async def get_me(self, params: Params) -> JSON:
        return self.emu.bot.to_api() | {
            "can_join_groups": True,
            "can_read_all_group_messages": not self.emu.group_privacy,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def log_out(self, params: Params) -> bool:
        raise bad_request("logOut would move the bot off the cloud Bot API; never call it")

    async def close(self, params: Params) -> bool:
        return True

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = params.get_json("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad_request("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True), params.get_str("language_code") or ""

    async def set_my_commands(self, params: Params) -> bool:
        commands = params.get_json("commands")
        checks.validate_commands(commands)
        self.emu.commands[self._commands_key(params)] = commands
        return True

    async def get_my_commands(self, params: Params) -> list[JSON]:
        return self.emu.commands.get(self._commands_key(params), [])

    async def delete_my_commands(self, params: Params) -> bool:
        self.emu.commands.pop(self._commands_key(params), None)
        return True

    def _menu_chat(self, params: Params) -> int | None:
        chat_id = params.get_int("chat_id")
        if chat_id is None:
            return None
        chat = self.emu.chats.get(chat_id)
        if chat is None or chat.type != "private" or not chat.started:
            raise bad_request("chat not found")
        return chat_id

    async def set_chat_menu_button(self, params: Params) -> bool:
        chat_id = self._menu_chat(params)
        self.emu.menu_buttons[chat_id] = checks.menu_button(params)
        return True

    async def get_chat_menu_button(self, params: Params) -> JSON:
        chat_id = self._menu_chat(params)
        found = self.emu.menu_buttons.get(chat_id) or self.emu.menu_buttons.get(None)
        return found or {"type": "default"}

    # -- methods: sending and editing ---------------------------------------------------
    def _formatted(self, params: Params, *, caption: bool) -> checks.Formatted:
        return checks.formatted_text(
            params, caption=caption, strict_ampersand=self.emu.strict_html_ampersand
        )

    async def send_message(self, params: Params) -> JSON:
        chat = self._resolve_chat(params, sending=True)
        content = self._formatted(params, caption=False)
        markup = checks.reply_markup(params)
        checks.no_web_app_outside_private(markup, chat.type)
        msg = self._new_message(chat, "text", params)
        msg.html, msg.text, msg.entities = content.raw, content.text, content.entities
        msg.parse_mode, msg.reply_markup = content.parse_mode, markup
        return self._store(chat, msg)

    async def send_photo(self, params: Params) -> JSON:
        return await self._send_file(params, "photo")

    async def send_document(self, params: Params) -> JSON:
        return await self._send_file(params, "document")

    async def _send_file(self, params: Params, kind: str) -> JSON:
        chat = self._resolve_chat(params, sending=True)
        content = self._formatted(params, caption=True)
        markup = checks.reply_markup(params)
        checks.no_web_app_outside_private(markup, chat.type)
        stored = self.emu.files.from_request(params, kind)
        msg = self._new_message(chat, kind, params)
        msg.html, msg.text, msg.entities = content.raw, content.text, content.entities
        msg.parse_mode, msg.reply_markup, msg.file_id = content.parse_mode, markup, stored.file_id
        msg.file_name, msg.mime_type = stored.file_name, stored.mime_type
        if kind == "photo":
            msg.photo_bytes = stored.data
        else:
            msg.document_bytes = stored.data
        return self._store(chat, msg)

    def _message_to_edit(self, params: Params) -> BotMessage:
        if params.has("inline_message_id"):
            raise bad_request("message to edit not found")  # no inline mode here
        chat = self._resolve_chat(params, sending=False)
        message_id = params.get_int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        found = self.emu.find_message(chat, message_id)
        if found is None:
            raise bad_request("message to edit not found")
        if not isinstance(found, BotMessage):
            raise bad_request("message can't be edited")
        return found

    def _apply_edit(
        self, msg: BotMessage, content: checks.Formatted | None, markup: JSON | None
    ) -> JSON | bool:
        same_text = content is None or (
            content.text == msg.text and content.entities == msg.entities
        )
        if same_text and markup == msg.reply_markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        if content is not None:
            msg.html, msg.text, msg.entities = content.raw, content.text, content.entities
            msg.parse_mode = content.parse_mode
        msg.reply_markup = markup
        msg.edit_date = int(self.emu.clock())
        msg.edits.append(MessageVersion(msg.text, msg.html, markup, msg.edit_date))
        self.emu.notify()
        return self.emu.message_api(msg)

    async def edit_message_text(self, params: Params) -> JSON | bool:
        msg = self._message_to_edit(params)
        if msg.kind != "text":
            raise bad_request("there is no text in the message to edit")
        content = self._formatted(params, caption=False)
        return self._apply_edit(msg, content, checks.reply_markup(params, inline_only=True))

    async def edit_message_caption(self, params: Params) -> JSON | bool:
        msg = self._message_to_edit(params)
        if msg.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        content = self._formatted(params, caption=True)
        return self._apply_edit(msg, content, checks.reply_markup(params, inline_only=True))

    async def edit_message_reply_markup(self, params: Params) -> JSON | bool:
        msg = self._message_to_edit(params)
        return self._apply_edit(msg, None, checks.reply_markup(params, inline_only=True))

    async def delete_message(self, params: Params) -> bool:
        chat = self._resolve_chat(params, sending=False)
        message_id = params.get_int("message_id")
        found = self.emu.find_message(chat, message_id) if message_id is not None else None
        if found is None:
            raise bad_request("message to delete not found")
        if isinstance(found, BotMessage):
            found.deleted = True
        else:
            if chat.type != "private" and chat.bot_status != "administrator":
                raise bad_request("message can't be deleted")
            chat.user_messages.pop(found["message_id"])
            chat.log.append(f"  (bot deleted message {found['message_id']})")
        self.emu.notify()
        return True

    async def answer_callback_query(self, params: Params) -> bool:
        query = self.emu.callbacks.get(params.get_str("callback_query_id") or "")
        if query is None or query.answer is not None:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get_str("text")
        if text is not None and checks.utf16_len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answer = CallbackAnswer(
            text=text,
            show_alert=params.get_bool("show_alert"),
            url=params.get_str("url"),
            cache_time=params.get_int("cache_time"),
        )
        self.emu.notify()
        return True

    async def send_chat_action(self, params: Params) -> bool:
        chat = self._resolve_chat(params, sending=True)
        action = params.get_str("action")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.actions.append(action)
        return True

    # -- methods: chats and members ------------------------------------------------------
    async def get_chat(self, params: Params) -> JSON:
        chat = self._resolve_chat(params, sending=False)
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        accepted = dict.fromkeys((*gifts, "gifts_from_channels"), False)
        info = chat.to_api() | {"accent_color_id": 0, "max_reaction_count": 11}
        return info | {"accepted_gift_types": accepted}

    def _member_status(self, chat: ChatState, user_id: int) -> tuple[UserInfo | None, str]:
        if user_id == self.emu.bot.id:
            return self.emu.bot, chat.bot_status
        user = chat.members.get(user_id)
        if chat.type == "private" and chat.user is not None and chat.user.id == user_id:
            return chat.user, "member"
        if user is None:
            other = self.emu.chats.get(user_id)
            return (other.user if other else None), "left"
        if user_id == chat.creator_id:
            return user, "creator"
        return user, "administrator" if user_id in chat.admins else "member"

    async def get_chat_member(self, params: Params) -> JSON:
        chat = self._resolve_chat(params, sending=False)
        user_id = params.get_int("user_id")
        if user_id is None:
            raise bad_request("user_id is empty")
        user, status = self._member_status(chat, user_id)
        if user is None:
            raise bad_request("user not found")
        return checks.chat_member(user, status)

    async def get_chat_administrators(self, params: Params) -> list[JSON]:
        chat = self._resolve_chat(params, sending=False)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = []
        for user_id, user in chat.members.items():
            status = self._member_status(chat, user_id)[1]
            if status in ("creator", "administrator"):
                admins.append(checks.chat_member(user, status))
        if chat.bot_status == "administrator":
            admins.append(checks.chat_member(self.emu.bot, "administrator"))
        return admins

    async def get_chat_member_count(self, params: Params) -> int:
        chat = self._resolve_chat(params, sending=False)
        if chat.type == "private":
            return 2
        return len(chat.members) + (1 if chat.bot_status in ("member", "administrator") else 0)

    async def leave_chat(self, params: Params) -> bool:
        chat = self._resolve_chat(params, sending=False)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        old, chat.bot_status = chat.bot_status, "left"
        chat.log.append("  (the bot left the chat)")
        self.emu.my_chat_member_update(chat, self.emu.bot, old, "left")
        return True

    async def get_file(self, params: Params) -> JSON:
        stored = self.emu.files.get(params.get_str("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return self.emu.files.to_api(stored) | {"file_path": stored.path}
