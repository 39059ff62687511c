"""Coaching in the reframe, as a chat: your own belief (asked once, shown at each reframe,
changed on request, the old one kept), and next steps that fit the rejection."""

from __future__ import annotations

import pytest

from bot.devtools.client import BotMessage, UserClient
from bot.flows.reframe import PLAN_PART_LIMIT, FromControl, NextStepTap
from bot.storage import beliefs, entries
from bot.ui import texts
from bot.ui.callbacks import ReframeRejection
from tests.harness import BotHarness

CONTROL = "Ask for feedback at the end of the interview"


@pytest.fixture
async def alice(alice: UserClient, bot: BotHarness) -> UserClient:
    """Alice, onboarded, with whatever onboarding sends after "all set" already read."""
    await bot.emulator.settle()
    await alice.messages()
    return alice


async def log_interview_no(user: UserClient, control: str | None = CONTROL) -> BotMessage:
    """A "No offer after an interview" rejection; returns "Logged … Reframe it now?"."""
    await user.send("/rejection")
    await user.press(await user.expect_message(), "No offer after an interview")
    await user.expect_message()  # where?
    await user.send("Acme, data analyst")
    await user.press(await user.expect_message(), "4")
    ask_control = await user.expect_message()
    if control is None:
        await user.press(ask_control, texts.BUTTON_SKIP)
    else:
        await user.send(control)
    return await user.expect_message()


async def reframe_now(user: UserClient, saved: BotMessage) -> BotMessage:
    await user.press(saved, texts.BUTTON_REFRAME_NOW)
    return await user.expect_message()


async def test_first_reframe_asks_for_a_belief_later_ones_show_it(
    alice: UserClient, bot: BotHarness
) -> None:
    saved = await log_interview_no(alice)
    assert "healthier way" in saved.text  # no belief of her own yet: the general one
    ask_belief = await reframe_now(alice, saved)
    assert ask_belief.text == texts.ASK_BELIEF
    suggestions = list(texts.BELIEF_SUGGESTIONS)
    assert ask_belief.button_texts() == [*suggestions, texts.BUTTON_CANCEL]
    await alice.press(ask_belief, suggestions[0])
    assert suggestions[0] in (await alice.expect_message()).text  # saved
    ask_if = await alice.expect_message()
    assert ask_if.text.splitlines()[0] == f"🌱 {suggestions[0]}"
    await alice.press(ask_if, texts.BUTTON_CANCEL)
    await alice.expect_message()  # left the reframe

    # The next rejection's reframe: no question, her belief in one line at the top.
    later = await entries.add_rejection(
        bot.svc.db, user_id=alice.id, kind="recruiter", other_text=None, where_text=None,
        hurt=3, in_control=None, now=bot.clock.now(),
    )  # fmt: skip
    await alice.press_data(saved, ReframeRejection(later.id).pack())
    ask_if = await alice.expect_message()
    assert ask_if.text.splitlines()[0] == f"🌱 {suggestions[0]}"
    assert texts.BUTTON_CHANGE_BELIEF in ask_if.button_texts()
    assert f"1. {texts.NEXT_STEPS['hiring_manager'][0]}" in ask_if.button_texts()
    held = await beliefs.current_belief(bot.svc.db, alice.id)
    assert held is not None and (held.text, held.source) == (suggestions[0], "suggested")


async def test_change_my_belief_keeps_the_old_one(alice: UserClient, bot: BotHarness) -> None:
    old_words = "Someone's yes is coming"
    await beliefs.set_belief(
        bot.svc.db, user_id=alice.id, text=old_words, source="typed", now=bot.clock.now()
    )
    saved = await log_interview_no(alice)
    assert saved.text == texts.REJECTION_SAVED_OWN_BELIEF  # hers comes at the reframe
    ask_if = await reframe_now(alice, saved)
    assert ask_if.text.splitlines()[0] == f"🌱 {old_words}"

    bot.clock.advance(days=2)
    await alice.press(ask_if, texts.BUTTON_CHANGE_BELIEF)
    change = await alice.expect_message()
    assert change.text.startswith(f"Your belief now: {old_words}")
    assert texts.BUTTON_KEEP_BELIEF in change.button_texts()
    await alice.send("Every <no> gets me closer & I keep going")
    assert "Every <no> gets me closer & I keep going" in (await alice.expect_message()).text
    ask_if = await alice.expect_message()
    assert ask_if.text.splitlines()[0] == "🌱 Every <no> gets me closer & I keep going"
    held = await beliefs.current_belief(bot.svc.db, alice.id)
    assert held is not None and (held.text, held.source) == (
        "Every <no> gets me closer & I keep going",
        "typed",
    )
    (old,) = await beliefs.earlier_beliefs(bot.svc.db, alice.id)
    assert old.text == old_words
    assert old.replaced_at == held.chosen_at == bot.clock.now()

    # A stand-alone /reframe shows it too, and never asks.
    await alice.press(ask_if, texts.BUTTON_CANCEL)
    await alice.expect_message()
    await alice.send("/reframe")
    await alice.press(await alice.expect_message(), texts.BUTTON_START_OVER)
    standalone = await alice.expect_message()
    assert standalone.text.splitlines()[0] == "🌱 Every <no> gets me closer & I keep going"


async def test_a_typed_belief_gets_one_nudge_when_it_says_nothing(
    alice: UserClient, bot: BotHarness
) -> None:
    ask_belief = await reframe_now(alice, await log_interview_no(alice))
    assert ask_belief.text == texts.ASK_BELIEF
    await alice.send("ok")
    nudge = await alice.expect_message()
    assert nudge.text.startswith("In a few more words?")
    assert await beliefs.current_belief(bot.svc.db, alice.id) is None
    await alice.send("ok")  # the second answer is taken as it is
    assert "ok" in (await alice.expect_message()).text
    ask_if = await alice.expect_message()
    assert ask_if.text.splitlines()[0] == "🌱 ok"


async def test_no_offer_after_an_interview_becomes_a_plan_with_one_tap(
    alice: UserClient, bot: BotHarness
) -> None:
    await beliefs.set_belief(
        bot.svc.db,
        user_id=alice.id,
        text="Someone's yes is coming",
        source="typed",
        now=bot.clock.now(),
    )  # fmt: skip: a belief of her own, so the reframe starts at the blanks
    ask_if = await reframe_now(alice, await log_interview_no(alice))
    label, if_do, then = texts.NEXT_STEPS["concerns"]
    assert f"1. If I {if_do}, then {then}." in ask_if.text  # the interview's tactics first
    labels = ask_if.button_texts()
    assert labels[:3] == [f"{n}. {texts.NEXT_STEPS[c][0]}" for n, c in
                          enumerate(("concerns", "thank_you", "one_tip"), start=1)]  # fmt: skip
    await alice.press(ask_if, f"1. {label}")  # the one tap
    when = await alice.expect_message()
    assert f"If I {if_do}, then {then}." in when.text
    await alice.press(when, "Tomorrow")
    assert "tomorrow" in (await alice.expect_message()).text
    await alice.expect_message()  # how does it feel now?
    plan = await bot.svc.db.fetchone("SELECT * FROM plans WHERE user_id = ?", (alice.id,))
    assert plan is not None and (plan["if_do"], plan["then_happens"]) == (if_do, then)
    assert plan["rejection_id"] is not None


async def test_a_suggestion_can_be_changed_before_the_day(
    alice: UserClient, bot: BotHarness
) -> None:
    ask_belief = await reframe_now(alice, await log_interview_no(alice, control=None))
    await alice.press(ask_belief, 1)
    await alice.expect_message()
    ask_if = await alice.expect_message()
    assert texts.BUTTON_FROM_CONTROL not in ask_if.button_texts()  # nothing was given
    _label, if_do, then = texts.NEXT_STEPS["thank_you"]
    await alice.press(ask_if, 1)  # the second suggestion
    when = await alice.expect_message()
    await alice.press(when, texts.BUTTON_CHANGE_PLAN)
    edit_if = await alice.expect_message()
    assert f"If I {if_do}" in edit_if.text
    keep_if = edit_if.button(texts.BUTTON_KEEP).callback_data
    assert keep_if is not None
    await alice.press(edit_if, texts.BUTTON_KEEP)
    edit_then = await alice.expect_message()
    assert f"then {then}" in edit_then.text
    await alice.press_data(edit_if, keep_if)  # the first blank's Keep again, a step later
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
    await alice.send("the team lead remembers me for the next opening")
    when = await alice.expect_message()
    assert f"If I {if_do}, then the team lead remembers me for the next opening." in when.text
    await alice.press(when, "This week")
    await alice.expect_message()
    plan = await bot.svc.db.fetchone("SELECT if_do, then_happens FROM plans")
    assert plan is not None
    assert tuple(plan) == (if_do, "the team lead remembers me for the next opening")


async def test_the_control_answer_is_offered_as_the_first_blank(
    alice: UserClient, bot: BotHarness
) -> None:
    ask_belief = await reframe_now(alice, await log_interview_no(alice))
    await alice.press(ask_belief, 2)
    await alice.expect_message()
    ask_if = await alice.expect_message()
    assert "If I ask for feedback at the end of the interview …" in ask_if.text
    await alice.press(ask_if, texts.BUTTON_FROM_CONTROL)
    ask_then = await alice.expect_message()
    assert "If I ask for feedback at the end of the interview" in ask_then.text
    await alice.send("I'll know what to work on")
    when = await alice.expect_message()
    assert "If I ask for feedback at the end of the interview, then I'll know what to work on." in (
        when.text
    )
    await alice.press(when, "Today")
    await alice.expect_message()
    plan = await bot.svc.db.fetchone("SELECT if_do, then_happens FROM plans")
    assert plan is not None
    assert tuple(plan) == (
        "ask for feedback at the end of the interview",
        "I'll know what to work on",
    )


async def test_a_thin_blank_gets_one_nudge_then_is_taken(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/reframe")  # stand-alone: the general suggestions
    ask_if = await alice.expect_message()
    _label, if_do, then = texts.NEXT_STEPS["send_anyway"]
    assert f"1. If I {if_do}, then {then}." in ask_if.text
    assert texts.BUTTON_PICK_BELIEF in ask_if.button_texts()  # none yet: offered, not asked
    await alice.send("thanks")
    nudge = await alice.expect_message()
    assert nudge.text.startswith("That's a little short to plan with.")
    assert if_do in nudge.text  # an example that fits
    await alice.send("Thanks!")  # the second answer is taken as it is
    ask_then = await alice.expect_message()
    assert "If I Thanks" in ask_then.text
    await alice.send(".")
    nudge = await alice.expect_message()
    assert nudge.text.startswith("That's a little short") and then in nudge.text
    await alice.send("they answer")
    when = await alice.expect_message()
    assert "If I Thanks, then they answer." in when.text
    await alice.press(when, "Today")
    await alice.expect_message()
    plan = await bot.svc.db.fetchone("SELECT if_do, then_happens FROM plans")
    assert plan is not None and tuple(plan) == ("Thanks", "they answer")


async def test_my_own_and_foreign_suggestions(alice: UserClient, bot: BotHarness) -> None:
    ask_belief = await reframe_now(alice, await log_interview_no(alice))
    await alice.press(ask_belief, 0)
    await alice.expect_message()
    ask_if = await alice.expect_message()
    # A suggestion this kind doesn't offer (a recruiter's), forged with this run's nonce.
    real = NextStepTap.parse(ask_if.button(0).callback_data)
    assert real is not None
    forged = NextStepTap("hiring_manager", flow=real.flow, nonce=real.nonce).pack()
    await alice.press_data(ask_if, forged)
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
    await alice.press(ask_if, texts.BUTTON_MY_OWN)
    own = await alice.expect_message()
    assert own.text.startswith("Type your first blank")
    await alice.send("call Jo from my old team")
    assert "If I call Jo from my old team" in (await alice.expect_message()).text
    await alice.send("skip")  # no Skip here: never the answer
    assert (await alice.expect_message()).text == texts.CANT_SKIP
    await alice.send("she tells me about openings")
    when = await alice.expect_message()
    assert "If I call Jo from my old team, then she tells me about openings." in when.text
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM plans") == 0


async def test_the_check_in_shows_the_belief_in_one_line(
    alice: UserClient, bot: BotHarness
) -> None:
    words = "B" * 200  # the longest a typed belief can be
    await beliefs.set_belief(
        bot.svc.db, user_id=alice.id, text=words, source="typed", now=bot.clock.now()
    )
    await alice.send("/checkin")
    photo = await alice.expect_message(timeout=30)
    assert photo.kind == "photo" and photo.text is not None
    assert f"🌱 Your belief: {words}" in photo.text.splitlines()
    assert len(photo.html or "") <= 1024


async def test_history_keeps_the_old_beliefs_with_their_dates(
    alice: UserClient, bot: BotHarness
) -> None:
    db = bot.svc.db
    await alice.send("/history")
    assert "🌱" not in (await alice.expect_message()).text  # nothing logged, no belief
    await entries.add_rejection(
        db, user_id=alice.id, kind="meeting", other_text=None, where_text=None, hurt=2,
        in_control=None, now=bot.clock.now(),
    )  # fmt: skip
    await beliefs.set_belief(
        db, user_id=alice.id, text="One no, <then> a yes", source="suggested", now=bot.clock.now()
    )
    bot.clock.advance(days=9)
    await beliefs.set_belief(
        db, user_id=alice.id, text="I learn from each try", source="typed", now=bot.clock.now()
    )
    await alice.send("/history")
    lines = (await alice.expect_message()).text.splitlines()
    assert "🌱 Your belief since 04 Dec: I learn from each try" in lines
    assert "   before, 25 Nov – 04 Dec: One no, <then> a yes" in lines


async def test_a_control_answer_too_long_for_a_blank_is_not_offered(
    alice: UserClient, bot: BotHarness
) -> None:
    long_answer = "Prepare better: " + "practise the system design question. " * 10
    assert len(long_answer) > PLAN_PART_LIMIT
    ask_belief = await reframe_now(alice, await log_interview_no(alice, control=long_answer))
    await alice.press(ask_belief, 0)
    await alice.expect_message()
    ask_if = await alice.expect_message()
    assert texts.BUTTON_FROM_CONTROL not in ask_if.button_texts()
    real = NextStepTap.parse(ask_if.button(0).callback_data)
    assert real is not None
    await alice.press_data(ask_if, FromControl(flow=real.flow, nonce=real.nonce).pack())
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
