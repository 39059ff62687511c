"""The Bot API emulator over real HTTP: protocol, refusals, faults, the user side, and PTB."""

from __future__ import annotations

import asyncio
import html
import json
import struct
import time
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
)

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator

SPEC_PATH = Path("/work/shared/telegram-bot-api/api.json")


def png(width: int = 2, height: int = 3) -> bytes:
    """A valid (tiny) PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def one_button(**action: Any) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": "A", **action}]]}


def as_form(params: dict[str, Any]) -> dict[str, str]:
    """Encode like PTB: strings as they are, everything else as JSON."""
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}


@pytest.fixture
async def http(emulator: BotApiEmulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator.api_url, trust_env=False, timeout=5) as client:
        yield client


@pytest.fixture
async def alice(emulator: BotApiEmulator) -> UserClient:
    user = emulator.user("Alice", username="alice")
    await user.send("/start")
    return user


async def call(http: httpx.AsyncClient, method: str, **params: Any) -> dict[str, Any]:
    response = await http.post(method, data=as_form(params))
    body: dict[str, Any] = response.json()
    assert response.status_code == (200 if body["ok"] else body["error_code"])
    return body


async def refused(
    emulator: BotApiEmulator, http: httpx.AsyncClient, method: str, **params: Any
) -> str:
    """Call, assert Telegram would refuse it, return the description (an expected refusal)."""
    with emulator.expecting_refusal(lambda _: True):
        body = await call(http, method, **params)
    assert body["ok"] is False, body
    description: str = body["description"]
    return description


async def updates(http: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    body = await call(http, "getUpdates", **params)
    result: list[dict[str, Any]] = body["result"]
    return result


# -- basics ------------------------------------------------------------------------------------
async def test_get_me_describes_the_bot_from_the_token(
    emulator: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    me = (await call(http, "getMe"))["result"]
    assert me["id"] == int(emulator.token.split(":")[0])
    assert me["is_bot"] is True and me["username"] == "ComebackTestBot"
    assert {"can_join_groups", "can_read_all_group_messages", "supports_inline_queries"} <= set(me)
    # method names are case-insensitive, GET with a query string works too
    assert (await http.get("GETME")).json()["result"] == me


async def test_wrong_token_and_unknown_method_are_refused(
    emulator: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    emulator.expect_refusals(2)
    async with httpx.AsyncClient(trust_env=False) as other:
        response = await other.post(f"{emulator.base_url}1:wrong/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    response = await http.post("sendMesage")
    assert response.status_code == 404
    assert response.json()["description"] == "Not Found"
    assert [r.error_code for r in emulator.refusals] == [401, 404]


async def test_send_message_returns_a_telegram_message(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    markup = {"inline_keyboard": [[{"text": "Done", "callback_data": "done:1"}]]}
    first = (await call(http, "sendMessage", chat_id=alice.id, text="<b>Hi</b> &amp; welcome",
                        parse_mode="HTML", reply_markup=markup))["result"]  # fmt: skip
    second = (await call(http, "sendMessage", chat_id=alice.id, text="again"))["result"]
    assert first["chat"] == {"id": alice.id, "type": "private", "first_name": "Alice",
                             "username": "alice"}  # fmt: skip
    assert first["from"]["is_bot"] is True and isinstance(first["date"], int)
    assert first["text"] == "Hi & welcome"
    assert first["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
    assert first["reply_markup"] == markup
    assert second["message_id"] == first["message_id"] + 1  # /start was message 1
    msg = await alice.expect_message()
    assert (msg.text, msg.html, msg.kind) == ("Hi & welcome", "<b>Hi</b> &amp; welcome", "text")
    assert msg.button_texts() == ["Done"] and msg.buttons[0][0].callback_data == "done:1"
    assert (await alice.expect_message()).text == "again"
    assert [m.text for m in await alice.messages()] == ["Hi & welcome", "again"]


async def test_json_bodies_work_like_forms(http: httpx.AsyncClient, alice: UserClient) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "url": "https://example.org"}]]}
    response = await http.post(
        "sendMessage", json={"chat_id": alice.id, "text": "json", "reply_markup": markup}
    )
    assert response.json()["result"]["reply_markup"] == markup


# -- refusals of text and markup ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"text": ""}, "Bad Request: message text is empty"),
        ({"text": "  \n "}, "Bad Request: message text is empty"),
        ({"text": "<b></b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
        ({"text": "x" * 4097}, "Bad Request: message is too long"),
        ({"text": "😀" * 2049}, "Bad Request: message is too long"),  # 4098 UTF-16 units
        ({"text": "x", "parse_mode": "BBCode"}, "Bad Request: unsupported parse_mode"),
        (
            {"text": "a <br> b", "parse_mode": "HTML"},
            'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 2',
        ),
        (
            {"text": "<foo>", "parse_mode": "HTML"},
            'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0',
        ),
        (
            {"text": "x", "reply_markup": one_button()},
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard",
        ),
        (
            {"text": "x", "reply_markup": one_button(callback_data="é" * 33)},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"text": "x", "reply_markup": one_button(callback_data="")},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"text": "x", "reply_markup": one_button(url="example")},
            "Bad Request: inline keyboard button URL 'example' is invalid: Wrong HTTP URL",
        ),
        (
            {"text": "x", "reply_markup": "{not json"},
            "Bad Request: can't parse reply keyboard markup JSON object",
        ),
    ],
)
async def test_send_message_refusals(
    emulator: BotApiEmulator,
    http: httpx.AsyncClient,
    alice: UserClient,
    params: dict[str, Any],
    description: str,
) -> None:
    got = await refused(emulator, http, "sendMessage", chat_id=alice.id, **params)
    assert got == description
    assert emulator.refusals[-1].method == "sendMessage"
    assert await alice.messages() == []


@pytest.mark.parametrize(
    "params",
    [
        {"text": "x" * 4096},
        {"text": "😀" * 2048},
        {"text": "<b>" + "x" * 4096 + "</b>", "parse_mode": "HTML"},  # limit after parsing
        {"text": "  padded  \n"},
        {"text": "*md*", "parse_mode": "MarkdownV2"},  # not validated, passed through
        {"text": "x", "reply_markup": one_button(callback_data="é" * 32)},
        {"text": "x", "reply_markup": {"keyboard": [["Yes", {"text": "No"}]]}},
        {"text": "x", "reply_markup": {"remove_keyboard": True}},
    ],
)
async def test_send_message_accepts_what_telegram_accepts(
    http: httpx.AsyncClient, alice: UserClient, params: dict[str, Any]
) -> None:
    assert (await call(http, "sendMessage", chat_id=alice.id, **params))["ok"] is True


async def test_chat_rules(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    stranger = emulator.user("Stranger")  # never wrote to the bot
    assert await refused(emulator, http, "sendMessage", chat_id=999, text="x") == (
        "Bad Request: chat not found"
    )
    assert await refused(emulator, http, "sendMessage", chat_id=stranger.id, text="x") == (
        "Forbidden: bot can't initiate conversation with a user"
    )
    assert await refused(emulator, http, "sendMessage", text="x") == "Bad Request: chat_id is empty"
    alice.block_bot()
    body = await call(http, "sendMessage", chat_id=alice.id, text="x")
    assert body == {"ok": False, "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user"}  # fmt: skip
    emulator.expect_refusals("blocked")
    alice.unblock_bot()
    assert (await call(http, "sendMessage", chat_id=alice.id, text="x"))["ok"] is True
    kinds = [u for u in await updates(http) if "my_chat_member" in u]
    transitions = [
        (u["my_chat_member"]["old_chat_member"]["status"],
         u["my_chat_member"]["new_chat_member"]["status"]) for u in kinds
    ]  # fmt: skip
    assert transitions == [("member", "kicked"), ("kicked", "member")]


# -- files -----------------------------------------------------------------------------------
async def test_send_photo_multipart_and_get_file(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    image = png(4, 3)
    response = await http.post(
        "sendPhoto",
        data={"chat_id": str(alice.id), "caption": "<i>chart</i>", "parse_mode": "HTML"},
        files={"photo": ("chart.png", image, "image/png")},
    )
    result = response.json()["result"]
    size = result["photo"][-1]
    assert (size["width"], size["height"], size["file_size"]) == (4, 3, len(image))
    assert {"file_id", "file_unique_id"} <= set(size)
    assert result["caption"] == "chart"
    assert result["caption_entities"] == [{"type": "italic", "offset": 0, "length": 5}]
    msg = await alice.expect_message()
    assert (msg.kind, msg.text, msg.photo_bytes) == ("photo", "chart", image)

    file = (await call(http, "getFile", file_id=size["file_id"]))["result"]
    async with httpx.AsyncClient(trust_env=False) as raw:
        download = await raw.get(f"{emulator.base_file_url}{emulator.token}/{file['file_path']}")
    assert download.content == image
    # the same photo again by file_id
    again = await call(http, "sendPhoto", chat_id=alice.id, photo=size["file_id"])
    assert again["result"]["photo"][-1]["file_id"] == size["file_id"]


async def test_send_document_and_file_refusals(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    response = await http.post(
        "sendDocument",
        data={"chat_id": str(alice.id), "caption": "your data"},
        files={"document": ("export.json", b'{"a": 1}', "application/octet-stream")},
    )
    document = response.json()["result"]["document"]
    assert document["file_name"] == "export.json" and document["mime_type"] == "application/json"
    assert document["file_size"] == 8
    msg = await alice.expect_message()
    assert (msg.kind, msg.file_name, msg.document_bytes) == ("document", "export.json", b'{"a": 1}')

    with emulator.expecting_refusal("IMAGE_PROCESS_FAILED"):
        response = await http.post(
            "sendPhoto", data={"chat_id": str(alice.id)}, files={"photo": ("x.png", b"nope")}
        )
    assert response.status_code == 400
    with emulator.expecting_refusal("message caption is too long"):
        await http.post(
            "sendPhoto",
            data={"chat_id": str(alice.id), "caption": "x" * 1025},
            files={"photo": ("x.png", png())},
        )
    assert await refused(emulator, http, "sendDocument", chat_id=alice.id, document="nope") == (
        "Bad Request: wrong file identifier/HTTP URL specified"
    )


# -- edits, deletes, callbacks -------------------------------------------------------------------
async def test_edits_and_not_modified(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    markup = {"inline_keyboard": [[{"text": "Done", "callback_data": "done"}]]}
    sent = await call(http, "sendMessage", chat_id=alice.id, text="Step 1", reply_markup=markup)
    message_id = sent["result"]["message_id"]
    msg = await alice.expect_message()

    edited = await call(http, "editMessageText", chat_id=alice.id, message_id=message_id,
                        text="Step 1", reply_markup=markup)  # fmt: skip
    assert edited["ok"] is False
    assert edited["description"] == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    emulator.expect_refusals("message is not modified")

    edited = await call(http, "editMessageText", chat_id=alice.id, message_id=message_id,
                        text="Step 2")  # fmt: skip
    assert isinstance(edited["result"]["edit_date"], int)
    assert "reply_markup" not in edited["result"]  # no reply_markup: the keyboard goes away
    assert (await alice.expect_edit(msg)) is msg
    assert (msg.text, msg.buttons, len(msg.edits)) == ("Step 2", [], 1)

    restored = await call(http, "editMessageReplyMarkup", chat_id=alice.id,
                          message_id=message_id, reply_markup=markup)  # fmt: skip
    assert restored["result"]["reply_markup"] == markup
    assert (await alice.expect_edit(msg)).button_texts() == ["Done"]

    assert await refused(emulator, http, "editMessageText", chat_id=alice.id, message_id=999,
                         text="x") == "Bad Request: message to edit not found"  # fmt: skip
    assert await refused(emulator, http, "editMessageText", chat_id=alice.id, message_id=1,
                         text="x") == "Bad Request: message can't be edited"  # fmt: skip


async def test_delete_message(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    sent = await call(http, "sendMessage", chat_id=alice.id, text="temporary")
    msg = await alice.expect_message()
    message_id = sent["result"]["message_id"]
    assert (await call(http, "deleteMessage", chat_id=alice.id, message_id=message_id))["ok"]
    assert msg.deleted
    again = await refused(emulator, http, "deleteMessage", chat_id=alice.id, message_id=message_id)
    assert again == "Bad Request: message to delete not found"


async def test_callback_query_and_answer(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    markup = {"inline_keyboard": [[{"text": "👏 Cheer", "callback_data": "cheer:7"}]]}
    await call(http, "sendMessage", chat_id=alice.id, text="Win!", reply_markup=markup)
    msg = await alice.expect_message()
    first = await alice.press(msg, "Cheer")  # unique substring
    forged = await alice.press_data(msg, "forged:123")
    queries = [u["callback_query"] for u in await updates(http) if "callback_query" in u]
    assert [q["data"] for q in queries] == ["cheer:7", "forged:123"]
    assert queries[0]["id"] == first.id and queries[0]["id"] != forged.id
    assert queries[0]["from"]["id"] == alice.id and queries[0]["chat_instance"]
    assert queries[0]["message"]["message_id"] == msg.message_id

    await call(http, "answerCallbackQuery", callback_query_id=first.id, text="Sent",
               show_alert=True)  # fmt: skip
    answer = await first.answer(timeout=1)
    assert (answer.text, answer.show_alert) == ("Sent", True)
    await call(http, "answerCallbackQuery", callback_query_id=forged.id)
    assert (await alice.expect_callback_answer(timeout=1)).text is None
    assert await refused(emulator, http, "answerCallbackQuery", callback_query_id=first.id) == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    with pytest.raises(AssertionError, match="no button"):
        await alice.press(msg, "Boo")


# -- getUpdates ----------------------------------------------------------------------------------
async def test_get_updates_offset_and_limit(http: httpx.AsyncClient, alice: UserClient) -> None:
    await alice.send("one")
    await alice.send("two")
    got = await updates(http, limit=2)
    assert [u["message"]["text"] for u in got] == ["/start", "one"]
    start = got[0]["message"]
    assert start["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert start["from"] == {"id": alice.id, "is_bot": False, "first_name": "Alice",
                             "username": "alice", "language_code": "en"}  # fmt: skip
    # without an offset nothing is confirmed: the same updates again
    assert [u["update_id"] for u in await updates(http, limit=2)] == [u["update_id"] for u in got]
    rest = await updates(http, offset=got[-1]["update_id"] + 1)
    assert [u["message"]["text"] for u in rest] == ["two"]
    assert await updates(http, offset=rest[-1]["update_id"] + 1) == []


async def test_get_updates_long_poll(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    offset = (await updates(http))[-1]["update_id"] + 1
    started = time.monotonic()
    assert await updates(http, offset=offset, timeout=0.3) == []
    assert 0.25 <= time.monotonic() - started < 2

    async def later() -> None:
        await asyncio.sleep(0.1)
        await alice.send("wake up")

    task = asyncio.create_task(later())
    started = time.monotonic()
    got = await updates(http, offset=offset, timeout=5)
    await task
    assert [u["message"]["text"] for u in got] == ["wake up"]
    assert time.monotonic() - started < 2


async def test_allowed_updates_filter(http: httpx.AsyncClient, alice: UserClient) -> None:
    alice.block_bot()
    got = await updates(http, allowed_updates=["my_chat_member"])
    assert [next(k for k in u if k != "update_id") for u in got] == ["my_chat_member"]


# -- faults and rate limits ------------------------------------------------------------------
async def test_injected_faults_are_not_refusals(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    emulator.inject_fault("sendMessage", status=429, retry_after=3)
    emulator.inject_fault("sendMessage", status=502, times=2)
    emulator.inject_fault(status=403, chat_id=alice.id)
    assert await call(http, "sendMessage", chat_id=alice.id, text="x") == {
        "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }  # fmt: skip
    for _ in range(2):
        assert (await call(http, "SENDMESSAGE", chat_id=alice.id, text="x"))["error_code"] == 502
    assert (await call(http, "sendChatAction", chat_id=alice.id, action="typing"))[
        "description"
    ] == "Forbidden: bot was blocked by the user"
    assert (await call(http, "sendMessage", chat_id=alice.id, text="x"))["ok"] is True
    assert emulator.refusals == []
    assert [c.injected for c in emulator.calls("sendMessage")] == [True, True, True, False]


async def test_injected_delay(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    emulator.inject_delay("sendMessage", delay=0.2)
    started = time.monotonic()
    assert (await call(http, "sendMessage", chat_id=alice.id, text="slow"))["ok"] is True
    assert time.monotonic() - started >= 0.2


async def test_rate_limits_when_enforced() -> None:
    async with BotApiEmulator("42:rate", enforce_rate_limits=True) as emu:
        alice = emu.user("Alice")
        await alice.send("hi")
        async with httpx.AsyncClient(base_url=emu.api_url, trust_env=False) as http:
            results = [
                await call(http, "sendMessage", chat_id=alice.id, text="x") for _ in range(4)
            ]
        assert [r["ok"] for r in results] == [True, True, True, False]
        assert results[-1]["parameters"]["retry_after"] >= 1
        assert [r.error_code for r in emu.refusals] == [429]


# -- refusal bookkeeping ---------------------------------------------------------------------
async def test_unexpected_refusals_fail_the_test() -> None:
    emu = BotApiEmulator("7:x")
    await emu.start()
    try:
        async with httpx.AsyncClient(base_url=emu.api_url, trust_env=False) as client:
            await call(client, "sendMessage", chat_id=1, text="x")
    finally:
        await emu.stop()
    with pytest.raises(AssertionError, match="chat not found"):
        emu.assert_no_unexpected_refusals()
    emu.expect_refusals(lambda r: r.error_code == 400)
    emu.assert_no_unexpected_refusals()
    with pytest.raises(AssertionError, match="expected a refusal"), emu.expecting_refusal("x"):
        pass


# -- groups ------------------------------------------------------------------------------------
async def test_group_lifecycle(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    bob = emulator.user("Bob")
    group = emulator.group("Job club", members=[alice, bob])
    assert group.chat_id < 0
    offset = (await updates(http))[-1]["update_id"] + 1
    await group.send(alice, "/join@ComebackTestBot")  # the bot is not in the group yet
    assert await updates(http, offset=offset) == []

    await group.add_bot(by=alice)
    await group.send(alice, "just chatting")  # privacy mode: not for the bot
    await group.send(bob, "/join")
    got = await updates(http, offset=offset)
    member = got[0]["my_chat_member"]
    assert member["chat"] == {"id": group.chat_id, "type": "group", "title": "Job club"}
    assert (member["old_chat_member"]["status"], member["new_chat_member"]["status"]) == (
        "left", "member",
    )  # fmt: skip
    assert got[1]["message"]["new_chat_members"][0]["id"] == emulator.bot.id
    assert got[2]["message"]["text"] == "/join" and got[2]["message"]["from"]["id"] == bob.id
    assert len(got) == 3
    offset = got[-1]["update_id"] + 1

    group.set_admin(bob)
    carol = emulator.user("Carol")  # not in the group
    statuses = [
        (await call(http, "getChatMember", chat_id=group.chat_id, user_id=u))["result"]["status"]
        for u in (alice.id, bob.id, emulator.bot.id, carol.id)
    ]
    assert statuses == ["creator", "administrator", "member", "left"]
    admins = (await call(http, "getChatAdministrators", chat_id=group.chat_id))["result"]
    assert {a["user"]["id"] for a in admins} == {alice.id, bob.id}

    markup = {"inline_keyboard": [[{"text": "👏 Cheer", "callback_data": "cheer"}]]}
    await call(http, "sendMessage", chat_id=group.chat_id, text="Alice got an offer!",
               reply_markup=markup)  # fmt: skip
    msg = await group.expect_message()
    await group.press(bob, msg, "👏 Cheer")
    query = (await updates(http, offset=offset))[0]["callback_query"]
    assert query["from"]["id"] == bob.id and query["message"]["chat"]["id"] == group.chat_id

    old_id = group.chat_id
    new_id = await group.migrate_to_supergroup()
    assert new_id == group.chat_id and str(new_id).startswith("-100")
    service = [u["message"] for u in await updates(http, offset=offset + 1)]
    assert service[0]["migrate_to_chat_id"] == new_id
    assert service[1]["migrate_from_chat_id"] == old_id
    assert service[1]["chat"]["type"] == "supergroup"
    body = await call(http, "sendMessage", chat_id=old_id, text="x")
    assert body["description"] == "Bad Request: group chat was upgraded to a supergroup chat"
    assert body["parameters"] == {"migrate_to_chat_id": new_id}
    assert (await call(http, "sendMessage", chat_id=new_id, text="hello"))["ok"]
    assert (await group.expect_message()).text == "hello"

    await group.remove_bot(by=alice)
    body = await call(http, "sendMessage", chat_id=new_id, text="x")
    assert (body["error_code"], body["description"]) == (
        403, "Forbidden: bot was kicked from the supergroup chat",
    )  # fmt: skip
    emulator.expect_refusals(2)


async def test_user_messages_of_every_kind_parse_as_ptb_updates(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    sent = await call(http, "sendMessage", chat_id=alice.id, text="Where are you?")
    question = await alice.expect_message()
    await alice.send("Berlin", reply_to=question)
    await alice.send_location(52.52, 13.40)
    await alice.send_sticker()
    await alice.send_photo(caption="me")
    await alice.send_voice()
    await alice.send_contact()
    await alice.send_document(b"cv", file_name="cv.pdf", mime_type="application/pdf")
    got = [Update.de_json(u, None) for u in await updates(http)]
    messages = [u.message for u in got if u.message is not None]
    assert messages[0].text == "/start"
    berlin = messages[1]
    assert berlin.reply_to_message is not None
    assert berlin.reply_to_message.message_id == sent["result"]["message_id"]
    assert messages[2].location is not None and messages[2].location.latitude == 52.52
    assert messages[3].sticker is not None and messages[3].sticker.emoji == "👍"
    assert messages[4].photo and messages[4].caption == "me"
    assert messages[5].voice is not None and messages[5].voice.duration.total_seconds() == 3
    assert messages[6].contact is not None and messages[6].contact.user_id == alice.id
    document = messages[7].document
    assert document is not None and document.file_name == "cv.pdf"
    file = (await call(http, "getFile", file_id=document.file_id))["result"]
    async with httpx.AsyncClient(trust_env=False) as raw:
        download = await raw.get(f"{emulator.base_file_url}{emulator.token}/{file['file_path']}")
    assert download.content == b"cv"
    # the bot replies to Alice's message
    reply = await call(http, "sendMessage", chat_id=alice.id, text="Nice",
                       reply_parameters={"message_id": berlin.message_id})  # fmt: skip
    assert reply["result"]["reply_to_message"]["text"] == "Berlin"
    assert (await alice.expect_message()).reply_to_message_id == berlin.message_id
    assert await refused(emulator, http, "sendMessage", chat_id=alice.id, text="x",
                         reply_parameters={"message_id": 999}) == (
        "Bad Request: message to be replied not found"
    )  # fmt: skip
    assert "Alice: Berlin" in alice.transcript() and "bot: Nice" in alice.transcript()


async def test_leave_chat_and_member_count(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    group = emulator.group("Club", members=[alice, emulator.user("Bob")], supergroup=True)
    assert str(group.chat_id).startswith("-100")
    await group.add_bot(by=alice, as_admin=True)
    await group.send(alice, "no command, but the bot is an admin")
    assert (await call(http, "getChatMemberCount", chat_id=group.chat_id))["result"] == 3
    assert (await call(http, "leaveChat", chat_id=group.chat_id))["result"] is True
    kinds = [next(k for k in u if k != "update_id") for u in await updates(http)]
    assert kinds == ["message", "my_chat_member", "message", "message", "my_chat_member"]
    body = await call(http, "getChat", chat_id=group.chat_id)
    assert body["description"] == "Forbidden: bot is not a member of the supergroup chat"
    emulator.expect_refusals(1)


# -- commands, actions, chats ------------------------------------------------------------------
async def test_my_commands_per_scope_and_language(
    emulator: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    private = {"type": "all_private_chats"}
    commands = [{"command": "start", "description": "Start over"}]
    await call(http, "setMyCommands", commands=commands, scope=private)
    await call(http, "setMyCommands", commands=[{"command": "hilfe", "description": "Hilfe"}],
               scope=private, language_code="de")  # fmt: skip
    assert (await call(http, "getMyCommands", scope=private))["result"] == commands
    assert (await call(http, "getMyCommands"))["result"] == []
    assert emulator.bot_commands(private, "de")[0]["command"] == "hilfe"
    await call(http, "deleteMyCommands", scope=private)
    assert emulator.bot_commands(private) == []
    bad = [{"command": "Start Over", "description": "x"}]
    assert await refused(emulator, http, "setMyCommands", commands=bad) == (
        "Bad Request: BOT_COMMAND_INVALID"
    )


async def test_chat_action_and_get_chat(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    assert (await call(http, "sendChatAction", chat_id=alice.id, action="typing"))["result"]
    assert emulator.chat(alice.id).actions == ["typing"]
    assert await refused(emulator, http, "sendChatAction", chat_id=alice.id, action="dancing") == (
        "Bad Request: wrong parameter action in request"
    )
    chat = (await call(http, "getChat", chat_id=alice.id))["result"]
    assert chat["type"] == "private" and chat["first_name"] == "Alice"
    assert "accepted_gift_types" in chat and "max_reaction_count" in chat
    assert await refused(emulator, http, "logOut")


# -- settle ------------------------------------------------------------------------------------
async def test_settle(emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient) -> None:
    with pytest.raises(AssertionError, match="1 update"):
        await emulator.settle(quiet=0.05, timeout=0.2)  # nobody fetched /start
    await updates(http)
    started = time.monotonic()
    await emulator.settle(quiet=0.1)
    assert 0.05 <= time.monotonic() - started < 1
    await alice.expect_no_message(quiet=0.05)


# -- API spec ----------------------------------------------------------------------------------
@pytest.mark.skipif(not SPEC_PATH.exists(), reason="Bot API spec file not available")
async def test_spec_checks_methods_and_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    async with BotApiEmulator("5:spec", api_spec_path=SPEC_PATH) as emu:
        alice = emu.user("Alice")
        await alice.send("hi")
        async with httpx.AsyncClient(base_url=emu.api_url, trust_env=False) as http:
            assert (await call(http, "sendMessage", chat_id=alice.id, text="ok"))["ok"]
            typo = await call(http, "sendMessage", chat_id=alice.id, text="x", parse_mod="HTML")
            missing = await call(http, "answerCallbackQuery")
            unknown = await call(http, "sendTelepathy", chat_id=alice.id)
    assert typo["description"] == (
        'Bad Request: unknown parameter "parse_mod" for method sendMessage'
    )
    assert missing["description"] == "Bad Request: callback_query_id is empty"
    assert unknown["error_code"] == 404
    assert len(emu.refusals) == 3
    monkeypatch.setenv("COMEBACK_BOT_API_SPEC", str(SPEC_PATH))
    assert BotApiEmulator("5:spec").spec is not None


# -- a real PTB Application ------------------------------------------------------------------
async def test_real_ptb_application_round_trip(emulator: BotApiEmulator) -> None:
    statuses: list[str] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="done")]])
        name = html.escape(update.effective_user.first_name)
        await update.effective_message.reply_html(f"<b>Hi</b> {name}", reply_markup=keyboard)

    async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Saved")
        await query.edit_message_text("Done ✓")

    async def my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.my_chat_member is not None
        statuses.append(update.my_chat_member.new_chat_member.status)

    app = (
        ApplicationBuilder()
        .token(emulator.token)
        .base_url(emulator.base_url)
        .base_file_url(emulator.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(done))
    app.add_handler(ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            alice = emulator.user("Alice <&>")
            await alice.send("/start")
            msg = await alice.expect_message()
            assert msg.text == "Hi Alice <&>" and msg.button_texts() == ["Done"]
            await alice.press(msg, "Done")
            assert (await alice.expect_callback_answer()).text == "Saved"
            assert (await alice.expect_edit(msg)).text == "Done ✓" and msg.buttons == []

            alice.block_bot()
            await emulator.settle(quiet=0.1)
            assert statuses == ["kicked"]
            with emulator.expecting_refusal("blocked"), pytest.raises(Forbidden):
                await app.bot.send_message(alice.id, "still there?")
            member = await app.bot.get_chat_member(alice.id, alice.id)
            assert member.status == "member"
            assert (await app.bot.get_chat(alice.id)).first_name == "Alice <&>"

            emulator.inject_fault("sendMessage", status=429, retry_after=2)
            with pytest.raises(RetryAfter) as retry:
                await app.bot.send_message(alice.id, "x")
            assert retry.value.retry_after.total_seconds() == 2  # type: ignore[union-attr]
            emulator.inject_fault("sendMessage", status=502)
            with pytest.raises(NetworkError):
                await app.bot.send_message(alice.id, "x")

            group = emulator.group("Club", members=[alice])
            await group.add_bot(by=alice)
            await group.migrate_to_supergroup()
            await emulator.settle(quiet=0.1)
            admin = await app.bot.get_chat_member(group.chat_id, alice.id)
            assert admin.status == "creator"
            with emulator.expecting_refusal("upgraded"), pytest.raises(ChatMigrated):
                await app.bot.send_message(-4_000_000_001, "old id")
            with emulator.expecting_refusal("too long"), pytest.raises(BadRequest):
                await app.bot.send_message(group.chat_id, "x" * 5000)
        finally:
            await app.updater.stop()
            await app.stop()
    assert statuses == ["kicked", "member"]


async def test_invite_is_a_service_message_and_sent_keeps_every_chat_in_order(
    emulator: BotApiEmulator, http: httpx.AsyncClient, alice: UserClient
) -> None:
    bob = emulator.user("Bob")
    group = emulator.group("Job club", members=[alice])
    await group.invite(bob, by=alice)  # the bot is not in the group: nothing for it
    offset = (await updates(http))[-1]["update_id"] + 1
    await group.add_bot(by=alice)
    carol = emulator.user("Carol")
    await group.invite(carol, by=bob)
    got = [u["message"] for u in await updates(http, offset=offset) if "message" in u]
    joined = got[-1]
    assert joined["new_chat_members"] == [carol.info.to_api()]
    assert joined["from"]["id"] == bob.id and joined["chat"]["id"] == group.chat_id
    assert group.is_member(bob) and group.is_member(carol)
    with pytest.raises(AssertionError, match="already a member"):
        await group.invite(carol, by=alice)

    for chat_id, text in ((alice.id, "one"), (group.chat_id, "two"), (alice.id, "three")):
        await call(http, "sendMessage", chat_id=chat_id, text=text)
    assert [(m.chat_id, m.text) for m in emulator.sent] == [
        (alice.id, "one"), (group.chat_id, "two"), (alice.id, "three"),
    ]  # fmt: skip
