"""Care comes first: distress is answered before any flow, and its words are kept only if the
person says so (issue 13, item 1; ../shared/SAFETY.md)."""

from __future__ import annotations

import pytest

from bot.devtools.client import BotMessage, UserClient
from bot.ui import texts
from tests.harness import BotHarness

CRISIS = "I want to end it all"


async def count(bot: BotHarness, table: str, user_id: int) -> int:
    found = await bot.svc.db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,))
    assert isinstance(found, int)
    return found


def assert_care(message: BotMessage, bot: BotHarness) -> None:
    """The helpline first, complete; nothing cheerful; no menu of logging buttons."""
    text = message.text or ""
    assert text.startswith(texts.esc(bot.svc.settings.helpline_text)), text
    assert "🏆" not in text and "Logged" not in text and "!" not in text
    labels = [b.text for row in message.buttons for b in row]
    assert not any("rejection" in label.lower() or "win" in label.lower() for label in labels)


async def test_win_command_in_distress_is_not_logged_until_asked(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send(f"/win {CRISIS}")
    care = await alice.expect_message()
    assert_care(care, bot)
    await alice.expect_no_message()
    assert await count(bot, "wins", alice.id) == 0
    await alice.press(care, texts.CARE_LEAVE)
    here = await alice.expect_message()
    assert here.text == texts.CARE_HERE
    await alice.expect_no_message()
    assert await count(bot, "wins", alice.id) == 0


async def test_save_it_anyway_logs_it_without_a_second_care_message(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send(f"/win {CRISIS}")
    care = await alice.expect_message()
    await alice.press(care, texts.CARE_SAVE)
    logged = await alice.expect_message()
    assert CRISIS in (logged.text or "")
    assert (logged.text or "") != care.text
    assert await count(bot, "wins", alice.id) == 1


@pytest.mark.parametrize(
    "text",
    [
        CRISIS,
        "theres no point in living anymore",
        "i'm worthless and everyone would be better off without me",
        "kms",
        "I feel like giving up on everything",
    ],
)
async def test_distress_at_idle_gets_care_and_nothing_else(
    alice: UserClient, bot: BotHarness, text: str
) -> None:
    await alice.send(text)
    assert_care(await alice.expect_message(), bot)
    await alice.expect_no_message()


async def test_a_figure_of_speech_is_not_a_crisis(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/win this job search is killing me but I got a call back")
    reply = await alice.expect_message()
    assert "findahelpline" not in (reply.text or "")
    assert await count(bot, "wins", alice.id) == 1


async def at_control_step(alice: UserClient) -> None:
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "No offer after an interview")
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("Acme")
    await alice.press(await alice.expect_message(), "4")
    assert (await alice.expect_message()).text == texts.ASK_CONTROL


async def test_in_a_flow_the_step_waits_and_carry_on_asks_again(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, "No offer after an interview")
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("Fired again, I want to die")
    care = await alice.expect_message()
    assert_care(care, bot)
    await alice.expect_no_message()
    # The next message is not taken as the step's answer: the flow waits.
    await alice.send("Acme")
    waiting = await alice.expect_message()
    assert waiting.text == texts.CARE_WAITING
    await alice.press(waiting, texts.CARE_CARRY_ON)
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("Globex")
    assert (await alice.expect_message()).text == texts.ASK_HURT
    assert await count(bot, "rejections", alice.id) == 0


async def test_in_control_step_nothing_is_logged_unless_saved(
    alice: UserClient, bot: BotHarness
) -> None:
    await at_control_step(alice)
    await alice.send(CRISIS)
    care = await alice.expect_message()
    assert_care(care, bot)
    await alice.expect_no_message()
    assert await count(bot, "rejections", alice.id) == 0
    await alice.press(care, texts.CARE_SAVE_ANSWER)
    await alice.expect_message()  # "Logged", with the reframe offer
    stored = await bot.svc.db.fetchval(
        "SELECT in_control FROM rejections WHERE user_id = ?", (alice.id,)
    )
    assert stored == CRISIS


async def test_a_givers_answer_in_distress_is_never_shown(
    bot: BotHarness, alice: UserClient
) -> None:
    from tests.flows.test_feedback_round import feedback_text, give, open_round

    param = await open_round(alice)
    givers = [bot.emulator.user(name) for name in ("Gina", "Hank", "Ivy")]
    await give(
        givers[0], param, better="Ask more questions", adjectives="kind, sharp, calm", other=None
    )
    # The giver's distress is answered with care; they choose to send it anyway.
    giver = givers[1]
    await giver.send(f"/start {param}")
    intro = await giver.expect_message()
    await giver.press(intro, texts.BUTTON_GIVE_START)
    await giver.expect_message()
    await giver.send(CRISIS)
    care = await giver.expect_message()
    assert_care(care, bot)
    await giver.press(care, texts.CARE_SAVE_ANSWER)
    adjectives = await giver.expect_message()
    await giver.send("curious, kind, direct")
    other = await giver.expect_message()
    await giver.press(other, texts.BUTTON_SKIP)
    preview = await giver.expect_message()
    await giver.press(preview, texts.BUTTON_GIVE_SEND)
    await giver.expect_message()
    await give(
        givers[2], param, better="Follow up faster", adjectives="kind, warm, curious", other=None
    )
    shown, _ = await feedback_text(alice)
    assert "Ask more questions" in shown and "Follow up faster" in shown
    assert CRISIS not in shown
    assert adjectives is not None


async def test_words_saved_after_care_are_never_offered_for_sharing(
    alice: UserClient, bot: BotHarness
) -> None:
    from tests.flows.circles_support import circle_of_two, log_win

    await circle_of_two(bot, alice)
    await log_win(alice, "Got a call back")  # an ordinary win is offered for sharing
    await alice.send(f"/win {CRISIS}")
    care = await alice.expect_message()
    await alice.press(care, texts.CARE_SAVE)
    logged = await alice.expect_message()
    assert CRISIS in (logged.text or "")
    await alice.expect_no_message()  # no "Share with …"
