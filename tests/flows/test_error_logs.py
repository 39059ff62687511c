"""No error path logs what a person typed (issue 15, item 10).

``"²".isdigit()`` and ``"፩".isdigit()`` are true and ``int()`` refuses both, so typing one at
"how many people?" used to be an unhandled error whose log line quoted it. And whatever
reaches the error handler is logged with its traceback but without the exception's message,
which can quote the person (``invalid literal for int() with base 10: '…'``)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot import logs
from bot.devtools.client import UserClient
from bot.flows.common import Context
from bot.ui import texts
from tests.harness import BotHarness


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Every log line at INFO and above, as the bot writes them in production."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logs.TextFormatter({}, logs.FORMAT))
    handler.addFilter(logs.LibraryArgsFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield out
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_odd_digits_at_how_many_people(
    alice: UserClient, bot: BotHarness, log_lines: io.StringIO
) -> None:
    await alice.send("/feedback")
    intro = await alice.expect_message()
    await alice.press(intro, texts.BUTTON_SKIP)
    await alice.expect_message()  # how many people?
    await alice.send("፩")  # Ethiopic digit one: a digit, not a decimal int() reads
    assert (await alice.expect_message()).text == texts.FEEDBACK_BAD_NUMBER
    await alice.send("²")
    reply = await alice.expect_message()
    await bot.emulator.settle()
    asked = await bot.svc.db.fetchval("SELECT asked FROM feedback_rounds")
    assert reply.text == texts.FEEDBACK_BAD_NUMBER or asked == 2  # read as a 2, or refused
    assert bot.svc.unhandled_errors == 0
    assert "፩" not in log_lines.getvalue() and "²" not in log_lines.getvalue()


async def test_the_error_handler_logs_no_message_text(
    alice: UserClient, bot: BotHarness, log_lines: io.StringIO
) -> None:
    async def breaks(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        int(update.effective_message.text or "")  # a bug that quotes the person

    assert bot.app is not None
    bot.app.add_handler(MessageHandler(filters.Regex("^boom"), breaks), group=-100)
    await alice.send("boom my private words")
    assert (await alice.expect_message()).text == texts.ERROR_SORRY
    await bot.emulator.settle()
    written = log_lines.getvalue()
    assert bot.svc.unhandled_errors == 1
    assert "unhandled error" in written and "ValueError" in written and "in breaks" in written
    assert "private words" not in written
