"""A local Telegram Bot API server for tests, benchmarks and the demo.

The bot talks to it over real HTTP (aiohttp, 127.0.0.1, a free port) exactly as it talks to
api.telegram.org: ``ApplicationBuilder().base_url(emu.base_url).base_file_url(...)``. The
emulator answers with Telegram-shaped objects, and refuses what Telegram refuses, with
Telegram's wording (too long, bad HTML, oversized callback data, unknown chat, blocked user,
...). Every refusal is recorded; tests fail on refusals they did not announce
(:meth:`BotApiEmulator.expecting_refusal`, :meth:`BotApiEmulator.assert_no_unexpected_refusals`).

The user side (people writing, pressing buttons, groups) lives in :mod:`bot.devtools.client`,
the methods about chats, messages and files in :mod:`bot.devtools.methods`, the protocol
checks (text, markup, files, spec) in :mod:`bot.devtools.checks`, and the objects they all
share (messages, chats, errors) in :mod:`bot.devtools.objects`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from bot.devtools import checks
from bot.devtools.checks import Params
from bot.devtools.client import CallbackPress, GroupClient, UserClient
from bot.devtools.methods import BotApiMethods
from bot.devtools.objects import (
    JSON,
    ApiError,
    BotMessage,
    CallbackAnswer,
    ChatState,
    PendingCallback,
    UserInfo,
    bad_request,
)

__all__ = ["ApiCall", "ApiError", "BotApiEmulator", "ChatState", "Refusal"]

T = TypeVar("T")
Handler = Callable[[Params], Awaitable[Any]]

SPEC_ENV_VAR = "COMEBACK_BOT_API_SPEC"
# Telegram's default when allowed_updates was never set: everything but these.
_NOT_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}
_SEND_METHODS = {"sendmessage", "sendphoto", "senddocument"}
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


@dataclass
class Refusal:
    """A request the emulator refused the way Telegram would."""

    seq: int
    method: str
    params: JSON
    error_code: int
    description: str


@dataclass
class ApiCall:
    """One request the bot made (getUpdates included)."""

    method: str
    params: JSON
    ok: bool
    error_code: int | None = None
    description: str | None = None
    injected: bool = False


@dataclass
class _Fault:
    method: str | None  # lower-case; None = any method but getUpdates
    status: int
    description: str | None
    retry_after: int | None
    remaining: int
    delay: float
    chat_id: int | None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method is None and method == "getupdates":
            return False
        if self.method is not None and self.method != method:
            return False
        return self.chat_id is None or self.chat_id == chat_id


@dataclass
class _Expectation:
    predicate: Callable[[Refusal], bool]
    remaining: int | None  # None: any number of matches
    first_seq: int = 0
    last_seq: int | None = None  # exclusive; None while the window is open


@dataclass
class _Update:
    update_id: int
    kind: str
    payload: JSON
    fetched: bool = False

    def to_api(self) -> JSON:
        return {"update_id": self.update_id, self.kind: self.payload}


class BotApiEmulator:
    """An in-process Bot API server. ``await start()``, point the bot at ``base_url``."""

    def __init__(
        self,
        token: str = "123456:ABC-test",
        bot_username: str = "ComebackTestBot",
        *,
        bot_name: str = "Comeback",
        api_spec_path: str | Path | None = None,
        enforce_rate_limits: bool = False,
        group_privacy: bool = True,
        strict_html_ampersand: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        bot_id, sep, _ = token.partition(":")
        if not (sep and bot_id.isdigit()):
            raise ValueError("token must look like '<bot id>:<secret>'")
        self.token = token
        self.bot = UserInfo(id=int(bot_id), first_name=bot_name, username=bot_username, is_bot=True)
        self.group_privacy = group_privacy
        self.strict_html_ampersand = strict_html_ampersand
        self.clock = clock
        # COMEBACK_BOT_API_SPEC: devtools-only switch, read here rather than in bot.config.
        self.spec = checks.ApiSpec.load(api_spec_path or os.environ.get(SPEC_ENV_VAR) or None)
        self.rate_limiter = checks.RateLimiter() if enforce_rate_limits else None

        self.requests: list[ApiCall] = []
        self.refusals: list[Refusal] = []
        self.chats: dict[int, ChatState] = {}
        self.sent: list[BotMessage] = []  # every message the bot sent, in order, in any chat
        self.files = checks.FileStore()
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}
        self._updates: list[_Update] = []
        self._next_update_id = 100_001
        self._allowed_updates: set[str] | None = None
        self.callbacks: dict[str, PendingCallback] = {}
        self._next_callback = 1
        self._next_user_id = 10_001
        self._next_group = 1
        self._faults: list[_Fault] = []
        self.webhook: dict[str, str] = {}
        self._expectations: list[_Expectation] = []
        self._changed = asyncio.Event()
        self._in_flight = 0
        self._last_activity = 0.0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port = 0
        own: dict[str, Handler] = {
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
        }
        table = own | BotApiMethods(self).table()
        self._methods = {name.lower(): (name, handler) for name, handler in table.items()}

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._port)  # 0 first: a free port
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._last_activity = asyncio.get_running_loop().time()

    async def stop(self) -> None:
        self._closing = True
        self.notify()  # wakes long polls so the server can shut down at once
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def go_offline(self) -> None:
        """An outage: the server stops listening (the bot's requests are refused) while the
        users, chats and queued updates stay; :meth:`come_back` listens on the same port."""
        await self.stop()

    async def come_back(self) -> None:
        self._closing = False
        await self.start()

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/file/bot"

    @property
    def api_url(self) -> str:
        """``base_url`` with the token: append a method name for a raw request."""
        return f"{self.base_url}{self.token}/"

    # -- faults, refusals ---------------------------------------------------------------
    def inject_fault(
        self,
        method: str | None = None,
        *,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` matching requests fail with ``status`` (200: only slow).

        ``method=None`` matches every method except getUpdates. Injected failures are not
        refusals: they never fail a test by themselves.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        fault = _Fault(
            method.lower() if method else None,
            status,
            description,
            retry_after,
            times,
            delay,
            chat_id,
        )
        self._faults.append(fault)

    def inject_delay(
        self, method: str | None = None, *, delay: float, times: int = 1, chat_id: int | None = None
    ) -> None:
        self.inject_fault(method, status=200, delay=delay, times=times, chat_id=chat_id)

    def expect_refusals(self, match: int | str | Callable[[Refusal], bool]) -> None:
        """Announce refusals: a number (any N), a description substring or a predicate (any
        number of matches). Applies to refusals already recorded and to later ones."""
        if isinstance(match, int):
            self._expectations.append(_Expectation(lambda _: True, match))
        else:
            self._expectations.append(_Expectation(_refusal_predicate(match), None))

    @contextlib.contextmanager
    def expecting_refusal(
        self, match: str | Callable[[Refusal], bool], *, required: bool = True
    ) -> Iterator[None]:
        """Refusals matching ``match`` inside the block are expected; with ``required`` (the
        default) the block must produce at least one (await ``settle()`` inside it)."""
        expectation = _Expectation(_refusal_predicate(match), None, first_seq=len(self.refusals))
        self._expectations.append(expectation)
        try:
            yield
        finally:
            expectation.last_seq = len(self.refusals)
        window = self.refusals[expectation.first_seq : expectation.last_seq]
        if required and not any(expectation.predicate(r) for r in window):
            raise AssertionError(f"expected a refusal matching {match!r}; got {window!r}")

    def unexpected_refusals(self) -> list[Refusal]:
        budget = {id(e): e.remaining for e in self._expectations}
        unexpected = []
        for refusal in self.refusals:
            for exp in self._expectations:
                in_window = exp.first_seq <= refusal.seq and (
                    exp.last_seq is None or refusal.seq < exp.last_seq
                )
                left = budget[id(exp)]
                if in_window and (left is None or left > 0) and exp.predicate(refusal):
                    if left is not None:
                        budget[id(exp)] = left - 1
                    break
            else:
                unexpected.append(refusal)
        return unexpected

    def assert_no_unexpected_refusals(self) -> None:
        unexpected = self.unexpected_refusals()
        if unexpected:
            lines = [
                f"  {r.method} -> {r.error_code} {r.description}  {r.params}" for r in unexpected
            ]
            raise AssertionError(
                "the bot made requests Telegram would refuse:\n" + "\n".join(lines)
            )

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Requests the bot made, optionally only one method (case-insensitive)."""
        if method is None:
            return list(self.requests)
        return [c for c in self.requests if c.method.lower() == method.lower()]

    # -- waiting -------------------------------------------------------------------------
    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_for_change(self, seconds: float) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    async def wait_until(self, probe: Callable[[], T | None], within: float) -> T | None:
        """Re-run ``probe`` on every emulator change until it returns non-None, or time out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            result = probe()
            remaining = deadline - loop.time()
            if result is not None or remaining <= 0:
                return result
            await self._wait_for_change(remaining)

    async def settle(
        self,
        quiet: float = 0.3,
        timeout: float = 10.0,  # noqa: ASYNC109
        *,
        unfetched_ok: bool = False,
    ) -> None:
        """Wait until the bot fetched every queued update and made no request for ``quiet``
        seconds (long polls do not count). ``unfetched_ok``: updates not fetched yet may
        stay queued (after the bot was killed, they wait for its next start)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = loop.time()
            pending = 0
            if not unfetched_ok:
                pending = sum(1 for u in self._updates if not u.fetched and self._allowed(u.kind))
            idle_for = now - self._last_activity
            if not pending and not self._in_flight and idle_for >= quiet:
                return
            if now >= deadline:
                raise AssertionError(
                    f"the bot did not settle within {timeout}s: {pending} update(s) not "
                    f"fetched, {self._in_flight} request(s) in flight"
                )
            wait = quiet - idle_for if not pending and not self._in_flight else 0.05
            await self._wait_for_change(max(0.005, min(wait, deadline - now)))

    # -- the user side (see bot.devtools.client) -----------------------------------------
    def user(
        self,
        first_name: str,
        user_id: int | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        last_name: str | None = None,
    ) -> UserClient:
        if user_id is None:
            user_id = self._next_user_id
            self._next_user_id += 1
        if user_id in self.chats:
            raise ValueError(f"user id {user_id} already exists")
        info = UserInfo(user_id, first_name, username, language_code, last_name)
        self.chats[user_id] = ChatState(id=user_id, type="private", user=info)
        return UserClient(self, info)

    def group(
        self, title: str, members: list[UserClient], *, supergroup: bool = False
    ) -> GroupClient:
        """A group made by ``members[0]`` (its creator), without the bot until ``add_bot``."""
        if not members:
            raise ValueError("a group needs at least its creator")
        number = self._next_group
        self._next_group += 1
        chat_id = -(1_000_000_000_000 + number) if supergroup else -(4_000_000_000 + number)
        chat = ChatState(
            id=chat_id,
            type="supergroup" if supergroup else "group",
            title=title,
            members={u.id: u.info for u in members},
            creator_id=members[0].id,
            bot_status="left",
        )
        self.chats[chat_id] = chat
        return GroupClient(self, chat)

    def chat(self, chat_id: int) -> ChatState:
        return self.chats[chat_id]

    def transcript(self, chat_id: int) -> str:
        chat = self.chats[chat_id]
        lines = [f"--- transcript of chat {chat_id} ({chat.title or chat.type}) ---"]
        for entry in chat.log:
            lines.append(f"  bot: {entry.describe()}" if isinstance(entry, BotMessage) else entry)
        if len(lines) == 1:
            lines.append("  (empty)")
        return "\n".join(lines)

    def _enqueue(self, kind: str, payload: JSON) -> None:
        self._updates.append(_Update(self._next_update_id, kind, payload))
        self._next_update_id += 1
        self.notify()

    def user_message(
        self, chat_id: int, sender: UserInfo, content: JSON, reply_to: BotMessage | None = None
    ) -> JSON:
        """Record a message from ``sender`` and (if the bot would see it) queue the update."""
        chat = self.chats[chat_id]
        if chat.migrated_to is not None:
            raise AssertionError(f"chat {chat_id} was migrated to {chat.migrated_to}")
        message: JSON = {
            "message_id": chat.take_message_id(),
            "from": sender.to_api(),
            "chat": chat.to_api(),
            "date": int(self.clock()),
            **content,
        }
        text = content.get("text")
        if isinstance(text, str):
            entities = [
                {"type": "bot_command", "offset": checks.utf16_offset(text, m.start())}
                | {"length": checks.utf16_len(m.group())}
                for m in _COMMAND_RE.finditer(text)
            ]
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            if reply_to.deleted:
                raise AssertionError("cannot reply to a deleted message")
            message["reply_to_message"] = self.message_api(reply_to)
        chat.user_messages[message["message_id"]] = message
        summary = text if isinstance(text, str) else "<" + next(iter(content), "message") + ">"
        chat.log.append(f"  {sender.first_name}: {summary}")
        if chat.type == "private":
            chat.started = True
        if self._bot_sees(chat, message):
            self._enqueue("message", message)
        else:
            self.notify()
        return message

    def user_edit(self, chat_id: int, message_id: int, text: str) -> JSON:
        """The user edits the text of their message ``message_id``: an ``edited_message``."""
        chat = self.chats[chat_id]
        edited: JSON = {**chat.user_messages[message_id], "text": text}
        edited["edit_date"] = int(self.clock())
        chat.user_messages[message_id] = edited
        sender = edited["from"]
        chat.log.append(f"  {sender['first_name']} edited #{message_id}: {text}")
        if self._bot_sees(chat, edited):
            self._enqueue("edited_message", edited)
        else:
            self.notify()
        return edited

    def _bot_sees(self, chat: ChatState, message: JSON) -> bool:
        if chat.type == "private":
            return not chat.blocked
        if chat.bot_status not in ("member", "administrator"):
            return False
        if not self.group_privacy or chat.bot_status == "administrator":
            return True
        text = str(message.get("text") or "")
        replied = message.get("reply_to_message") or {}
        if replied.get("from", {}).get("id") == self.bot.id:
            return True
        if f"@{self.bot.username}".lower() in text.lower():
            return True
        for match in _COMMAND_RE.finditer(text):
            _, _, addressee = match.group().partition("@")
            if not addressee or addressee.lower() == (self.bot.username or "").lower():
                return True
        return False

    def user_photo(self, data: bytes) -> list[JSON]:
        stored = self.files.add(data, kind="photo", width=800, height=600)
        return self.files.photo_sizes(stored)

    def user_file(
        self,
        data: bytes,
        *,
        kind: str = "document",
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> JSON:
        stored = self.files.add(data, kind=kind, file_name=file_name, mime_type=mime_type)
        return self.files.to_api(stored)

    def callback_query(self, sender: UserInfo, msg: BotMessage, data: str) -> CallbackPress:
        if msg.deleted:
            raise AssertionError(f"message {msg.message_id} was deleted; nothing to press")
        query_id = f"{self.bot.id}{self._next_callback:08d}"
        self._next_callback += 1
        self.callbacks[query_id] = PendingCallback(query_id, sender.id)
        chat = self.chats[msg.chat_id]
        chat.log.append(f"  {sender.first_name} pressed: {data!r}")
        self._enqueue(
            "callback_query",
            {
                "id": query_id,
                "from": sender.to_api(),
                "message": self.message_api(msg),
                "chat_instance": str(abs(msg.chat_id) * 7919 + self.bot.id),
                "data": data,
            },
        )
        return CallbackPress(self, query_id, data, msg)

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        return self.callbacks[query_id].answer

    def set_blocked(self, user: UserInfo, *, blocked: bool) -> None:
        chat = self.chats[user.id]
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        chat.log.append(f"  ({user.first_name} {'blocked' if blocked else 'unblocked'} the bot)")
        self.my_chat_member_update(chat, user, old, new)

    def change_bot_status(self, chat: ChatState, by: UserInfo, status: str) -> None:
        old = chat.bot_status
        chat.bot_status = status
        chat.bot_removed = status in ("left", "kicked")
        chat.log.append(f"  ({by.first_name} changed the bot's status: {old} -> {status})")
        self.my_chat_member_update(chat, by, old, status)
        if old in ("left", "kicked") and status in ("member", "administrator"):
            service = {"new_chat_members": [self.bot.to_api()]}
            self._enqueue("message", self._service_message(chat, by, service))

    def member_added(self, chat: ChatState, user: UserInfo, by: UserInfo) -> None:
        """``by`` adds ``user`` to a group: a ``new_chat_members`` service message, which the
        bot receives in privacy mode too."""
        chat.members[user.id] = user
        chat.log.append(f"  ({by.first_name} added {user.first_name})")
        if chat.bot_status in ("member", "administrator"):
            service = {"new_chat_members": [user.to_api()]}
            self._enqueue("message", self._service_message(chat, by, service))
        else:
            self.notify()

    def member_left(
        self, chat: ChatState, user: UserInfo, by: UserInfo, *, service_message: bool = True
    ) -> None:
        """``user`` leaves a group (``by`` is ``user``) or is removed by ``by``: a
        ``left_chat_member`` service message, which the bot receives in privacy mode too
        (unless ``service_message`` is off, as in large supergroups), and a ``chat_member``
        update if the bot is an administrator (Telegram sends those to admins only)."""
        old = self._status_of(chat, user.id)
        chat.members.pop(user.id, None)
        chat.admins.discard(user.id)
        new = "left" if by.id == user.id else "kicked"
        chat.log.append(f"  ({user.first_name} {'left' if new == 'left' else 'was removed'})")
        if chat.bot_status in ("member", "administrator") and service_message:
            service = {"left_chat_member": user.to_api()}
            self._enqueue("message", self._service_message(chat, by, service))
        if chat.bot_status == "administrator":
            payload = {
                "chat": chat.to_api(),
                "from": by.to_api(),
                "date": int(self.clock()),
                "old_chat_member": checks.chat_member(user, old),
                "new_chat_member": checks.chat_member(user, new),
            }
            self._enqueue("chat_member", payload)
        self.notify()

    @staticmethod
    def _status_of(chat: ChatState, user_id: int) -> str:
        if user_id == chat.creator_id:
            return "creator"
        return "administrator" if user_id in chat.admins else "member"

    def migrate(self, old: ChatState) -> ChatState:
        if old.type != "group":
            raise AssertionError("only a basic group can migrate to a supergroup")
        new = ChatState(
            id=-(1_000_000_000_000 + abs(old.id) % 1_000_000_000),
            type="supergroup",
            title=old.title,
            members=dict(old.members),
            admins=set(old.admins),
            creator_id=old.creator_id,
            bot_status=old.bot_status,
        )
        self.chats[new.id] = new
        old.migrated_to = new.id
        creator = old.members.get(old.creator_id or 0, self.bot)
        old.log.append(f"  (migrated to supergroup {new.id})")
        if old.bot_status in ("member", "administrator"):
            to_msg = self._service_message(old, creator, {"migrate_to_chat_id": new.id})
            from_msg = self._service_message(new, creator, {"migrate_from_chat_id": old.id})
            self._enqueue("message", to_msg)
            self._enqueue("message", from_msg)
        return new

    def _service_message(self, chat: ChatState, sender: UserInfo, content: JSON) -> JSON:
        message = {
            "message_id": chat.take_message_id(),
            "from": sender.to_api(),
            "chat": chat.to_api(),
            "date": int(self.clock()),
            **content,
        }
        chat.user_messages[message["message_id"]] = message
        return message

    def my_chat_member_update(self, chat: ChatState, by: UserInfo, old: str, new: str) -> None:
        payload = {
            "chat": chat.to_api(),
            "from": by.to_api(),
            "date": int(self.clock()),
            "old_chat_member": checks.chat_member(self.bot, old),
            "new_chat_member": checks.chat_member(self.bot, new),
        }
        self._enqueue("my_chat_member", payload)

    # -- HTTP ----------------------------------------------------------------------------
    async def _handle_api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        params = await checks.read_params(request)
        is_poll = name.lower() == "getupdates"
        loop = asyncio.get_running_loop()
        if not is_poll:
            self._in_flight += 1
            self.notify()
        try:
            status, body = await self._dispatch(request.match_info["token"], name, params)
        finally:
            if not is_poll:
                self._in_flight -= 1
                self._last_activity = loop.time()
                self.notify()
        return web.json_response(body, status=status)

    async def _dispatch(self, token: str, name: str, params: Params) -> tuple[int, JSON]:
        known = self._methods.get(name.lower())
        method = known[0] if known else name
        call = ApiCall(method, params.display(), ok=False)
        self.requests.append(call)
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            if known is None or (self.spec is not None and not self.spec.has(method)):
                raise ApiError(404, "Not Found")
            if self.spec is not None:
                self.spec.check(method, params)
            injected = await self._apply_fault(method.lower(), params)
            if injected is not None:
                call.injected = True
                raise injected
            if self.rate_limiter is not None and method.lower() in _SEND_METHODS:
                self.rate_limiter.check(params.chat_id_or_none(), self._chat_type(params))
            result = await known[1](params)
        except ApiError as error:
            call.error_code, call.description = error.code, error.description
            if not call.injected:
                self.refusals.append(
                    Refusal(len(self.refusals), method, call.params, error.code, error.description)
                )
            return error.code, error.to_api()
        call.ok = True
        return 200, {"ok": True, "result": result}

    async def _apply_fault(self, method: str, params: Params) -> ApiError | None:
        chat_id = params.chat_id_or_none()
        fault = next((f for f in self._faults if f.matches(method, chat_id)), None)
        if fault is None:
            return None
        fault.remaining -= 1
        if fault.remaining <= 0:
            self._faults.remove(fault)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 200:
            return None
        return checks.fault_error(fault.status, fault.description, fault.retry_after)

    def _chat_type(self, params: Params) -> str | None:
        chat = self.chats.get(params.chat_id_or_none() or 0)
        return chat.type if chat else None

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").to_api(), status=401)
        stored = self.files.by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").to_api(), status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # -- Telegram objects for bot messages ---------------------------------------------
    def message_api(self, msg: BotMessage) -> JSON:
        data: JSON = {
            "message_id": msg.message_id,
            "from": self.bot.to_api(),
            "chat": self.chats[msg.chat_id].to_api(),
            "date": msg.date,
        }
        entities_key = "entities" if msg.kind == "text" else "caption_entities"
        if msg.text is not None:
            data["text" if msg.kind == "text" else "caption"] = msg.text
        if msg.entities:
            data[entities_key] = msg.entities
        if msg.file_id is not None:
            stored = self.files.by_id(msg.file_id)
            if msg.kind == "photo":
                data["photo"] = self.files.photo_sizes(stored)
            else:
                data[msg.kind] = self.files.to_api(stored)
        if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if msg.reply_to_message_id is not None:
            replied = self.find_message(self.chats[msg.chat_id], msg.reply_to_message_id)
            if isinstance(replied, BotMessage):
                data["reply_to_message"] = self.message_api(replied)
            elif replied is not None:
                data["reply_to_message"] = replied
        return data

    def find_message(self, chat: ChatState, message_id: int) -> BotMessage | JSON | None:
        for msg in chat.bot_messages:
            if msg.message_id == message_id and not msg.deleted:
                return msg
        return chat.user_messages.get(message_id)

    # -- methods: the update queue (the rest are in bot.devtools.methods) ----------------
    def _allowed(self, kind: str) -> bool:
        if self._allowed_updates is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self._allowed_updates

    async def _get_updates(self, params: Params) -> list[JSON]:
        if params.has("allowed_updates"):
            allowed = params.get_json("allowed_updates")
            if not isinstance(allowed, list):
                raise bad_request("can't parse allowed updates")
            self._allowed_updates = {str(a) for a in allowed} or None
        offset = params.get_int("offset") or 0
        limit = max(1, min(100, params.get_int("limit") or 100))
        timeout = max(0.0, params.get_float("timeout") or 0.0)
        if offset > 0:
            self._updates = [u for u in self._updates if u.update_id >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._updates = [u for u in self._updates if self._allowed(u.kind)]

        def ready() -> list[_Update] | None:
            wanted = [u for u in self._updates if self._allowed(u.kind)]
            return wanted or ([] if self._closing else None)

        batch = (await self.wait_until(ready, timeout) or [])[:limit]
        for update in batch:
            update.fetched = True
        if batch:
            self._last_activity = asyncio.get_running_loop().time()
        return [u.to_api() for u in batch]

    async def _delete_webhook(self, params: Params) -> bool:
        if params.get_bool("drop_pending_updates"):
            for update in self._updates:
                update.fetched = True
            self._updates.clear()
        return True

    async def _set_webhook(self, params: Params) -> bool:
        """Records the webhook (tests POST updates to it themselves); getUpdates keeps working."""
        url = params.get_str("url") if params.has("url") else ""
        self.webhook = {"url": url or "", "secret_token": params.get_str("secret_token") or ""}
        if params.get_bool("drop_pending_updates"):
            await self._delete_webhook(params)
        return True

    async def _get_webhook_info(self, params: Params) -> JSON:
        pending = sum(1 for u in self._updates if self._allowed(u.kind))
        url = self.webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}

    def menu_button(self, chat_id: int | None = None) -> JSON:
        """The menu button the bot set for a private chat (None: its default)."""
        return self.menu_buttons.get(chat_id) or {"type": "default"}

    def bot_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The commands set for a scope (default scope when None)."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return self.commands.get((key, language_code), [])


def _refusal_predicate(match: str | Callable[[Refusal], bool]) -> Callable[[Refusal], bool]:
    if isinstance(match, str):
        return lambda refusal: match in refusal.description
    return match
