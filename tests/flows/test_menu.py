"""The main menu: the everyday actions on its first screen, the rest behind "More…" on the
same message, so every feature in /help's list is at most two taps from any menu."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import pytest

from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.devtools.objects import BotMessage
from bot.ui import texts
from tests.harness import BotHarness, harness

# Not features to reach: /start is the menu itself, /cancel leaves whatever is going on.
NOT_FEATURES = {"start", "cancel"}


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """A bot whose flood guard lets one person send the ~100 updates of the walk at once
    (the guard has its own tests)."""
    async for running_bot in harness(emu, tmp_path, flood_max_updates=1000):
        yield running_bot


async def _outcome(
    user: UserClient, emu: BotApiEmulator, act: Awaitable[object]
) -> tuple[str, str | None]:
    """What the bot answers ``act`` with: its first message (kind, and text or file name)."""
    await user.messages()  # all seen
    await act
    first = await user.expect_message(timeout=20)  # a chart takes a moment
    await emu.settle()
    await user.messages()
    return first.kind, first.file_name if first.kind == "document" else first.text


async def _menu(user: UserClient, emu: BotApiEmulator) -> BotMessage:
    before = len(await user.messages())
    await user.send("/start")
    await emu.settle()
    new = (await user.messages())[before:]
    assert [m.text for m in new] == [texts.MENU], user.transcript()
    return new[0]


async def test_every_feature_is_two_taps_from_the_menu(
    emu: BotApiEmulator, alice: UserClient
) -> None:
    first_screen = {code: label for label, code in texts.MENU_BUTTONS}
    more_screen = {code: label for label, code in texts.MENU_MORE_BUTTONS}
    taps: dict[str, int] = {}
    await emu.settle()  # whatever set-up sent
    await alice.messages()
    for name, _ in texts.PRIVATE_COMMANDS:
        if name in NOT_FEATURES:
            continue
        # Twice: a flow left with /cancel may ask "continue?" the next time.
        by_command: set[tuple[str, str | None]] = set()
        for _ in range(2):
            by_command.add(await _outcome(alice, emu, alice.send(f"/{name}")))
            await _outcome(alice, emu, alice.send("/cancel"))
        menu = await _menu(alice, emu)
        if name in first_screen:
            by_menu = await _outcome(alice, emu, alice.press(menu, first_screen[name]))
            taps[name] = 1
        else:
            assert name in more_screen, f"/{name} is not in the menu"
            await alice.press(menu, texts.BUTTON_MENU_MORE)
            more = await alice.expect_edit(menu)
            by_menu = await _outcome(alice, emu, alice.press(more, more_screen[name]))
            taps[name] = 2
        assert by_menu in by_command, f"/{name} from the menu"
        await _outcome(alice, emu, alice.send("/cancel"))
    assert taps == {
        "rejection": 1,
        "reframe": 1,
        "win": 1,
        "plans": 1,
        "checkin": 1,
        "help": 1,
        **{name: 2 for name in taps if name not in first_screen},
    }
    assert len(taps) == len(texts.PRIVATE_COMMANDS) - len(NOT_FEATURES)


async def test_more_and_back_edit_the_same_message(emu: BotApiEmulator, alice: UserClient) -> None:
    menu = await _menu(alice, emu)
    first = menu.button_texts()
    assert first == [label for label, _ in texts.MENU_BUTTONS] + [texts.BUTTON_MENU_MORE]
    await alice.press(menu, texts.BUTTON_MENU_MORE)
    more = await alice.expect_edit(menu)
    assert more.text == texts.MENU
    assert more.button_texts() == [label for label, _ in texts.MENU_MORE_BUTTONS] + [
        texts.BUTTON_MENU_BACK
    ]
    await alice.press(more, texts.BUTTON_MENU_BACK)
    assert (await alice.expect_edit(more)).button_texts() == first
    await alice.expect_no_message()


async def test_looking_at_more_inside_a_flow_leaves_nothing(
    emu: BotApiEmulator, bot: BotHarness, alice: UserClient
) -> None:
    menu = await _menu(alice, emu)
    await alice.send("/win")
    assert (await alice.expect_message()).text == texts.ASK_WIN
    await alice.press(menu, texts.BUTTON_MENU_MORE)
    await alice.expect_edit(menu)
    await alice.send("Booked a coffee with Ana")  # still the answer to /win
    assert "Booked a coffee with Ana" in ((await alice.expect_message()).text or "")
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == "Booked a coffee with Ana"


async def test_a_feature_behind_more_leaves_a_flow_like_its_command(
    emu: BotApiEmulator, alice: UserClient
) -> None:
    menu = await _menu(alice, emu)
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "No offer after an interview")
    await alice.expect_message()  # where?
    await alice.press(menu, texts.BUTTON_MENU_MORE)
    more = await alice.expect_edit(menu)
    labels = {code: label for label, code in texts.MENU_MORE_BUTTONS}
    await alice.press(more, labels["applied"])
    assert (await alice.expect_message()).text == texts.APPLIED_ASK_KIND
    await alice.send("/cancel")
    await alice.expect_message()
    await alice.send("/rejection")  # the rejection log was put aside, not lost
    resume = await alice.expect_message()
    assert texts.BUTTON_CONTINUE in resume.button_texts()
