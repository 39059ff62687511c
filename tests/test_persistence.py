"""The SQLite persistence round-trips what PTB gives it."""

from __future__ import annotations

from pathlib import Path

from bot.persistence import SQLitePersistence
from bot.storage.db import Database


async def test_conversations_and_user_data_survive_a_new_connection(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = SQLitePersistence(Database(path))
    await first.update_conversation("rejection", (5, 5), "where")
    await first.update_conversation("win", (5, 5), "text")
    await first.update_user_data(5, {"rejection": {"nonce": "ab12", "kind": "meeting"}})
    await first.db.close()

    second = SQLitePersistence(Database(path))
    assert await second.get_conversations("rejection") == {(5, 5): "where"}
    assert await second.get_user_data() == {5: {"rejection": {"nonce": "ab12", "kind": "meeting"}}}
    await second.update_conversation("rejection", (5, 5), None)  # conversation ended
    assert await second.get_conversations("rejection") == {}
    await second.forget_user(5)
    assert await second.get_conversations("win") == {}
    assert await second.get_user_data() == {}
    await second.db.close()
