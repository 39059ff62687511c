"""The update processor sets each update's language around that update only."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.ops.processor import KeyedUpdateProcessor
from bot.ui.i18n import current


def private_update(update_id: int, user_id: int, language_code: str | None) -> Update:
    sender = {"id": user_id, "is_bot": False, "first_name": "P"}
    if language_code is not None:
        sender["language_code"] = language_code
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": sender,
                "text": "hi",
            },
        },
        None,
    )


async def telegram_language(update: object) -> str | None:
    assert isinstance(update, Update) and update.effective_user is not None
    await asyncio.sleep(0)  # a database read, in the real one
    if update.effective_user.language_code == "boom":
        raise RuntimeError("database locked")
    return update.effective_user.language_code


async def test_concurrent_updates_each_in_their_language_and_nothing_leaks() -> None:
    processor = KeyedUpdateProcessor(8, language_of=telegram_language)
    await processor.initialize()
    both_started = asyncio.Barrier(3)
    seen: dict[int, list[str]] = {}

    async def handle(user_id: int) -> None:
        seen[user_id] = [current().code]
        await both_started.wait()  # every update is running at once here
        seen[user_id].append(current().code)

    tags = {1: "es", 2: "de-AT", 3: "pt-br"}
    await asyncio.gather(
        *(
            processor.do_process_update(private_update(uid, uid, tag), handle(uid))
            for uid, tag in tags.items()
        )
    )
    assert seen == {1: ["es", "es"], 2: ["de", "de"], 3: ["pt_BR", "pt_BR"]}
    assert current().code == "en"  # the caller's language is untouched


async def test_a_language_that_cannot_be_read_is_english_and_the_update_still_runs() -> None:
    processor = KeyedUpdateProcessor(2, language_of=telegram_language)
    await processor.initialize()
    ran: list[str] = []

    async def handle() -> None:
        ran.append(current().code)

    await processor.do_process_update(private_update(1, 1, "boom"), handle())
    await processor.do_process_update(private_update(2, 2, None), handle())
    assert ran == ["en", "en"]
