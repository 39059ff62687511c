"""Bad input, property-based, through the emulator: one running bot per test, a fresh user
per example. Whatever arrives (odd text, media, commands, forged buttons) at whatever step:
the bot never makes a request Telegram would refuse, never leaves an exception to the error
handler, and afterwards /cancel and /help still work.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops.processor import KeyedUpdateProcessor
from bot.ui import texts
from bot.ui.i18n import available, use_language
from tests.harness import BotHarness

ODD = (
    "\u200f\u202e\u200b\u200d\ufeff\u0301"  # RTL marks, zero-width, a combining accent
    "🙂👩‍👩‍👧🏳️‍🌈"
    "<>&;\"'/\\*_`[]()~|#=+-.!"
    "אבגعربي漢字"
)
SNIPPETS = ("<b>", "</i>", "&amp;", "&", "<a href='x'>", "**bold**", "_it_", "[l](http://x)", "@x")
COMMANDS = [
    "start",
    "help",
    "cancel",
    "rejection",
    "reframe",
    "win",
    "plans",
    "history",
    "checkin",
    "stats",
    "feedback",
    "focus",
    "settings",
    "export",
    "delete",
    "join",
    "leave",
    "digest",
    "pause",
    "resume",
    "menu",
]
ENTRY = ("/rejection", "/reframe", "/win", "/checkin", "/settings", "/focus", "/feedback", "/start")

texts_ = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(ODD), max_size=300),
    st.lists(st.sampled_from((*SNIPPETS, " ", "x", "🙂")), max_size=40).map("".join),
    st.integers(0, 10_000).map(lambda n: ("Ab🙂\u200f<i>&" * (n // 8 + 1))[:n]),
)
commands = st.builds(
    lambda name, args, bot_suffix: f"/{name}{'@ComebackTestBot' if bot_suffix else ''} {args}",
    st.one_of(st.sampled_from(COMMANDS), st.from_regex(r"[a-z_]{1,12}", fullmatch=True)),
    st.one_of(st.just(""), texts_, st.from_regex(r"-?\d{1,20}", fullmatch=True)),
    st.booleans(),
)
media = st.sampled_from(["sticker", "photo", "voice", "location", "contact", "document"])
actions = st.one_of(
    st.tuples(st.just("text"), texts_),
    st.tuples(st.just("command"), commands),
    st.tuples(st.just("media"), media),
    st.tuples(st.just("press"), st.integers(0, 30)),
    st.tuples(st.just("press"), st.integers(0, 30)),  # real buttons: walk through the steps
)

COUNT = {"inputs": 0, "examples": 0}
SETTINGS = settings(
    # No shrinking: examples share one running bot, so a shrunk replay is not the same run.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    max_examples=int(os.environ.get("COMEBACK_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# Each property test is one bot and ~40 examples of ~10 updates: under a loaded machine that
# is minutes of honest work, beyond the suite's 300 s guard against a hung test.
LONG = pytest.mark.timeout(900)
_names = itertools.count(1)
FIRST_UPDATE_ID = 100_001  # the emulator's first update id


# Ceilings, not budgets: each wait returns as soon as its condition holds. A machine shared
# with other test suites runs this bot at a fraction of a core, and the first /stats imports
# and draws a chart: a wait of many seconds is slow, not stuck.
CEILING = 120.0


class _Processed:
    """Counts the updates the bot finished (after the inbox commit) and wakes a waiter."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = asyncio.Event()

    def done(self) -> None:
        self.count += 1
        self.changed.set()

    async def reach(self, target: int) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CEILING
        while self.count < target:
            self.changed.clear()
            left = deadline - loop.time()
            assert left > 0, f"the bot processed {self.count} of {target} updates"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)


def _processed(bot: BotHarness) -> _Processed:
    """The counter, hooked into the processor's after-update step on first use: before the
    test's first update is sent, so that none is missed."""
    app = bot.app
    assert app is not None
    found = app.bot_data.get("_processed")
    if isinstance(found, _Processed):
        return found
    processed = app.bot_data["_processed"] = _Processed()
    processor = app.update_processor
    assert isinstance(processor, KeyedUpdateProcessor)
    commit = processor.on_done

    async def count(update: object) -> None:
        try:
            if commit is not None:
                await commit(update)
        finally:
            processed.done()

    processor.on_done = count
    return processed


async def _idle(bot: BotHarness, emu: BotApiEmulator) -> None:
    """Wait until the bot processed every update handed out so far (settle alone is not
    enough: a handler may work for a while, e.g. drawing a chart, without any request).
    Counted after each update, as the inbox commit is: a handler in an earlier group may
    stop an update (care, a button that works inside any flow), so a last group won't do."""
    await _processed(bot).reach(emu._next_update_id - FIRST_UPDATE_ID)
    await emu.settle(quiet=0.02, timeout=CEILING)


def _latest_with_buttons(emu: BotApiEmulator, user: UserClient) -> BotMessage | None:
    for msg in reversed(emu.chat(user.id).bot_messages):
        if msg.buttons and not msg.deleted:
            return msg
    return None


async def _do(
    bot: BotHarness, emu: BotApiEmulator, user: UserClient, action: tuple[str, Any]
) -> None:
    kind, arg = action
    COUNT["inputs"] += 1
    if kind == "text" or kind == "command":
        await user.send(arg)
    elif kind == "media":
        if arg == "sticker":
            await user.send_sticker()
        elif arg == "photo":
            await user.send_photo()
        elif arg == "voice":
            await user.send_voice()
        elif arg == "location":
            await user.send_location(52.52, 13.40)
        elif arg == "contact":
            await user.send_contact()
        else:
            await user.send_document(b"%PDF-1.4 fake", "cv.pdf")
    elif kind == "press":
        msg = _latest_with_buttons(emu, user)
        if msg is None:
            await user.send("/help")
            return
        flat = [b for row in msg.buttons for b in row if b.callback_data is not None]
        if not flat:
            return
        await user.press_data(msg, flat[arg % len(flat)].callback_data or "")
    elif kind == "forge":
        msg = _latest_with_buttons(emu, user) or (emu.chat(user.id).bot_messages or [None])[-1]
        if msg is None:
            await user.send("/start")
            return
        await user.press_data(msg, arg)
    await _idle(bot, emu)


async def _still_usable(bot: BotHarness, emu: BotApiEmulator, user: UserClient) -> None:
    assert bot.svc.unhandled_errors == 0, emu.transcript(user.id)
    assert not emu.unexpected_refusals(), emu.transcript(user.id)
    await user.send("/cancel")
    await _idle(bot, emu)
    before = len(emu.chat(user.id).bot_messages)
    await user.send("/help")
    await _idle(bot, emu)
    after = [m.html or m.text or "" for m in emu.chat(user.id).bot_messages[before:]]
    # A random tap may have chosen another language: /help answers in whichever it is.
    helps = set()
    for code in available():
        with use_language(code):
            helps.add(texts.HELP.split("\n", 1)[0])
    assert any(t.startswith(tuple(helps)) for t in after), emu.transcript(user.id) + str(
        [(c.method, c.ok, c.description) for c in emu.requests][-8:]
    )
    assert bot.svc.unhandled_errors == 0, emu.transcript(user.id)
    COUNT["examples"] += 1


async def _run_script(
    bot: BotHarness, emu: BotApiEmulator, first: str, script: list[tuple[str, Any]]
) -> None:
    _processed(bot)
    user = emu.user(f"Prop{next(_names)}")
    await _do(bot, emu, user, ("command", first))
    for action in script:
        await _do(bot, emu, user, action)
    await _still_usable(bot, emu, user)


@LONG
@SETTINGS
@given(first=st.sampled_from(ENTRY), script=st.lists(actions, min_size=1, max_size=8))
async def test_any_input_at_any_step_of_any_flow(
    bot: BotHarness, emu: BotApiEmulator, first: str, script: list[tuple[str, Any]]
) -> None:
    await _run_script(bot, emu, first, script)


@LONG
@SETTINGS
@given(script=st.lists(st.tuples(st.just("command"), commands), min_size=1, max_size=6))
async def test_random_commands_and_arguments(
    bot: BotHarness, emu: BotApiEmulator, script: list[tuple[str, Any]]
) -> None:
    await _run_script(bot, emu, "/help", script)


PREFIXES = ("pl", "rf", "rj", "wn", "ci", "menu", "hi", "sh", "fbr", "ch", "focus", "ob", "st")
forged = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(ODD), min_size=65, max_size=300),  # over-long
    st.builds(
        lambda p, a, b: f"{p}:{a}:{b}",
        st.sampled_from(PREFIXES),
        st.one_of(
            st.integers(-(2**70), 2**70).map(str), st.from_regex(r"[0-9a-f]{4}", fullmatch=True)
        ),
        st.one_of(st.sampled_from(["done", "drop", "later", "day", "new", "yes", "no"]), texts_),
    ),
    st.builds(
        lambda p, a: f"{p}:{a}",
        st.sampled_from(PREFIXES),
        st.one_of(st.integers(-(2**70), 2**70).map(str), st.sampled_from(COMMANDS), texts_),
    ),
)


@LONG
@SETTINGS
@given(
    first=st.sampled_from(ENTRY),
    script=st.lists(
        st.one_of(st.tuples(st.just("forge"), forged), st.tuples(st.just("press"), st.integers())),
        min_size=1,
        max_size=6,
    ),
    victim_action=st.sampled_from(["done", "drop", "later", "day:2099-01-01"]),
)
async def test_random_and_foreign_callback_data(
    bot: BotHarness,
    emu: BotApiEmulator,
    first: str,
    script: list[tuple[str, Any]],
    victim_action: str,
) -> None:
    from tests.ops.conftest import due_plans

    _processed(bot)
    victim = emu.user(f"Victim{next(_names)}")
    await victim.send("/help")
    await _idle(bot, emu)
    [plan_id] = await due_plans(bot, victim, 1)
    # Another user's plan, reframe and history ids, forged into the script.
    script = [
        ("forge", f"pl:{plan_id}:{victim_action}"),
        ("forge", f"rf:new:{plan_id}"),
        *script,
    ]
    await _run_script(bot, emu, first, script)
    status = await bot.svc.db.fetchval("SELECT status FROM plans WHERE id = ?", (plan_id,))
    assert status == "open"
    follow_up_on = await bot.svc.db.fetchval(
        "SELECT follow_up_on FROM plans WHERE id = ?", (plan_id,)
    )
    assert follow_up_on != "2099-01-01"


def test_report_inputs_tried() -> None:
    """Not a check: prints how many inputs the property tests above sent (run with -s)."""
    print(f"\nbad-input property tests: {COUNT['examples']} examples, {COUNT['inputs']} inputs")
