"""Closing the loop on a plan, as a chat: Done → "Did it happen?" → Yes (a win, pre-filled),
Not yet (asked once more a week later), No (the next try, linked); an unanswered "Did you
do it?" asked once more two days later, then overdue and never asked again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.devtools.client import BotMessage, UserClient
from bot.domain.quiet import QuietHours
from bot.flows.plans import NextStep, PlanTap
from bot.storage import entries, preferences
from bot.ui import texts
from tests.harness import BotHarness

TODAY = date(2026, 11, 25)  # the harness starts on Wednesday 25 Nov, 12:00 UTC
EVENING = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)  # 18:00 in Berlin, alice's zone


async def make_plan(bot: BotHarness, user: UserClient) -> int:
    """A plan for today, asked about at 18:00 Berlin."""
    plan = await entries.add_plan(
        bot.svc.db,
        user_id=user.id,
        rejection_id=None,
        if_do="message two former colleagues",
        then_happens="one of them replies",
        follow_up_on=TODAY,
        follow_up_due=EVENING,
        now=bot.clock.now(),
    )
    return plan.id


async def done_and_asked(bot: BotHarness, user: UserClient) -> tuple[int, BotMessage]:
    """The evening reminder, Done tapped: "Did it happen?" under it."""
    plan_id = await make_plan(bot, user)
    bot.clock.set(EVENING)
    await bot.tick()
    reminder = await user.expect_message()
    assert "Did you do it?" in reminder.text
    await user.press(reminder, texts.BUTTON_DONE)
    asked = await user.expect_edit(reminder)
    assert asked.text.startswith("✅ Done") and "did it happen: one of them replies?" in asked.text
    assert asked.button_texts() == [
        texts.BUTTON_OUTCOME_YES,
        texts.BUTTON_OUTCOME_NOT_YET,
        texts.BUTTON_OUTCOME_NO,
    ]
    return plan_id, asked


async def test_yes_offers_the_then_as_a_win_logged_with_one_tap(
    alice: UserClient, bot: BotHarness
) -> None:
    plan_id, asked = await done_and_asked(bot, alice)
    await alice.press(asked, texts.BUTTON_OUTCOME_YES)
    offer = await alice.expect_edit(asked)
    assert "It happened" in offer.text and "one of them replies" in offer.text
    assert offer.button_texts() == [texts.BUTTON_LOG_WIN, texts.BUTTON_OWN_WORDS]
    await alice.press(offer, texts.BUTTON_LOG_WIN)
    logged = await alice.expect_edit(offer)
    assert "Logged" in logged.text and "One of them replies" in logged.text
    db = bot.svc.db
    assert await db.fetchval("SELECT text FROM wins") == "One of them replies"
    assert await db.fetchval("SELECT source FROM wins") == "plan"
    plan = await entries.get_plan(db, alice.id, plan_id)
    assert plan is not None and plan.outcome == "yes" and plan.win_id is not None
    # The same button again (a double tap, an old message): nothing more is logged.
    await alice.press_data(offer, PlanTap(plan_id, "win").pack())
    assert (await alice.expect_callback_answer()).text == texts.PLAN_OUTCOME_ANSWERED
    await alice.press_data(offer, PlanTap(plan_id, "no").pack())
    assert (await alice.expect_callback_answer()).text == texts.PLAN_OUTCOME_ANSWERED
    await bot.emulator.settle()
    assert await db.fetchval("SELECT COUNT(*) FROM wins") == 1
    assert await db.fetchval("SELECT outcome FROM plans") == "yes"


async def test_yes_in_ones_own_words(alice: UserClient, bot: BotHarness) -> None:
    plan_id, asked = await done_and_asked(bot, alice)
    await alice.press(asked, texts.BUTTON_OUTCOME_YES)
    offer = await alice.expect_edit(asked)
    await alice.press(offer, texts.BUTTON_OWN_WORDS)
    assert (await alice.expect_message()).text == texts.ASK_WIN_WORDS
    await alice.send("Jo replied and wants to talk on Monday")
    saved = await alice.expect_message()
    assert "Logged" in saved.text and "Jo replied" in saved.text
    assert await bot.svc.db.fetchval("SELECT text FROM wins") == (
        "Jo replied and wants to talk on Monday"
    )
    # Logged once: the one-tap button under the offer now has nothing left to do.
    await alice.press_data(offer, PlanTap(plan_id, "win").pack())
    assert (await alice.expect_callback_answer()).text == texts.PLAN_OUTCOME_ANSWERED
    await bot.emulator.settle()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM wins") == 1


async def test_no_asks_what_next_and_links_the_new_plan(alice: UserClient, bot: BotHarness) -> None:
    plan_id, asked = await done_and_asked(bot, alice)
    await alice.press(asked, texts.BUTTON_OUTCOME_NO)
    no = await alice.expect_edit(asked)
    assert "What would you try next?" in no.text
    assert no.button_texts() == [texts.BUTTON_NEXT_TRY, texts.BUTTON_MENU]
    await alice.press(no, texts.BUTTON_NEXT_TRY)
    first = await alice.expect_message()
    assert "If I message two former colleagues, then one of them replies." in first.text
    assert "What would you try next?" in first.text
    await alice.send("ask Jo for an intro to the hiring manager")
    assert "second blank" in (await alice.expect_message()).text
    await alice.send("I get a call")
    when = await alice.expect_message()
    assert "If I ask Jo for an intro to the hiring manager, then I get a call." in when.text
    await alice.send("someday")  # not a day: told what to type, nothing lost
    assert (await alice.expect_message()).html == texts.NEXT_WHEN_HINT
    await alice.press(when, "Tomorrow")
    await alice.expect_edit(when)
    saved = await alice.expect_message()
    assert "tomorrow at 18:00" in saved.text
    rows = await bot.svc.db.fetchall("SELECT id, parent_id, status FROM plans ORDER BY id")
    assert [(r["parent_id"], r["status"]) for r in rows] == [(None, "done"), (plan_id, "open")]
    assert await bot.svc.db.fetchval("SELECT outcome FROM plans WHERE id = ?", (plan_id,)) == "no"
    # "Plan my next try" again (a forwarded or old button): its next try is planned already.
    await alice.press_data(no, NextStep("next", plan_id).pack())
    assert (await alice.expect_callback_answer()).text == texts.PLAN_OUTCOME_ANSWERED
    await bot.emulator.settle()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM plans") == 2


async def test_not_yet_is_asked_once_more_a_week_later_then_never(
    alice: UserClient, bot: BotHarness
) -> None:
    plan_id, asked = await done_and_asked(bot, alice)
    await alice.press(asked, texts.BUTTON_OUTCOME_NOT_YET)
    waiting = await alice.expect_edit(asked)
    assert "I'll ask once more on Wed 2 Dec" in waiting.text
    # Her own quiet hours, 17 to 20: the question waits for them to end (never nagging).
    await preferences.set_quiet_hours(bot.svc.db, alice.id, QuietHours(17, 20))
    bot.clock.advance(days=6)
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 12, 2, 17, 0, tzinfo=UTC))  # Wed 18:00 in Berlin: quiet
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 12, 2, 19, 0, tzinfo=UTC))  # 20:00: quiet hours are over
    await bot.tick()
    await bot.tick()
    again = await alice.expect_message()
    assert "Did it happen?" in again.text and "one of them replies" in again.text
    await alice.expect_no_message()
    await alice.press(again, texts.BUTTON_OUTCOME_NOT_YET)
    last = await alice.expect_edit(again)
    assert "I won't ask again" in last.text
    bot.clock.advance(days=8)
    await bot.tick()
    await alice.expect_no_message()
    plan = await entries.get_plan(bot.svc.db, alice.id, plan_id)
    assert plan is not None
    assert (plan.outcome, plan.outcome_asks, plan.outcome_due) == ("not_yet", 2, None)


async def test_an_unanswered_follow_up_is_asked_once_more_then_shown_overdue(
    alice: UserClient, bot: BotHarness
) -> None:
    plan_id = await make_plan(bot, alice)
    bot.clock.set(EVENING)
    await bot.tick()
    first = await alice.expect_message()
    assert first.text.startswith("Did you do it?")
    bot.clock.advance(days=1)
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.advance(days=1)  # Friday 18:00 in Berlin: two days later, once more
    await bot.tick()
    await bot.tick()
    again = await alice.expect_message()
    assert again.text.startswith("Asking once more") and "message two former" in again.text
    assert again.button_texts() == [texts.BUTTON_DONE, texts.BUTTON_NOT_YET, texts.BUTTON_DROP]
    bot.clock.advance(hours=47)  # Sunday 17:00 Berlin, before the check-in
    await bot.tick()
    await alice.expect_no_message()
    await alice.send("/plans")
    await alice.expect_message()
    line = await alice.expect_message()
    assert "⏰ Overdue: it was planned for Wed 25 Nov" in line.text
    bot.clock.advance(hours=1)
    await bot.tick()
    assert (await alice.expect_message()).text == texts.CHECKIN_DUE  # only the check-in
    bot.clock.advance(days=6)  # a week after the second ask, nothing more
    await bot.tick()
    await alice.expect_no_message()
    plan = await entries.get_plan(bot.svc.db, alice.id, plan_id)
    assert plan is not None and (plan.status, plan.follow_up_asks) == ("open", 2)
    # The overdue plan in the check-in, marked, with its buttons.
    await alice.send("/checkin")
    assert (await alice.expect_message(timeout=30)).kind == "photo"  # a chart: slow at first
    await alice.expect_message()  # what worked
    await alice.send("skip")
    await alice.expect_message()
    await alice.send("skip")  # what didn't
    successes = await alice.expect_message()
    await alice.press(successes, texts.BUTTON_SUCCESSES_DONE)
    assert (await alice.expect_message()).text == texts.CHECKIN_PLANS
    overdue = await alice.expect_message()
    assert "⏰ Overdue: it was planned for Wed 25 Nov" in overdue.text
    await alice.press(overdue, texts.BUTTON_DONE)  # answered late: the loop goes on
    done = await alice.expect_edit(overdue)
    assert "did it happen" in done.text


async def test_the_next_try_from_inside_the_checkin_leaves_it_for_later(
    alice: UserClient, bot: BotHarness
) -> None:
    """Done and No on a plan listed in the check-in; "Plan my next try" puts the check-in
    aside (its answers kept) and starts the plan; the check-in is offered back after."""
    await make_plan(bot, alice)
    bot.clock.set(EVENING + timedelta(days=4))  # Sunday 18:00 Berlin
    await bot.tick()
    await alice.expect_message()  # the reminder (asked once more later)
    await alice.expect_message()  # the check-in invitation
    await alice.send("/checkin")
    await alice.expect_message(timeout=30)  # the photo (a chart: slow at first)
    await alice.expect_message()  # what worked
    await alice.send("coffee with Ana")
    await alice.expect_message()
    await alice.send("skip")
    successes = await alice.expect_message()
    await alice.press(successes, texts.BUTTON_SUCCESSES_DONE)
    await alice.expect_message()  # plans due
    listed = await alice.expect_message()
    await alice.expect_message()  # "tap Next"
    await alice.press(listed, texts.BUTTON_DONE)
    asked = await alice.expect_edit(listed)
    await alice.press(asked, texts.BUTTON_OUTCOME_NO)
    no = await alice.expect_edit(asked)
    await alice.press(no, texts.BUTTON_NEXT_TRY)
    assert "What would you try next?" in (await alice.expect_message()).text
    await alice.send("ask Jo")
    await alice.expect_message()
    await alice.send("I get a call")
    when = await alice.expect_message()
    await alice.press(when, "This week")
    await alice.expect_edit(when)
    assert "Saved" in (await alice.expect_message()).text
    assert await bot.svc.db.fetchval("SELECT worked FROM checkins") == "coffee with Ana"
    await alice.send("/checkin")  # the check-in, where it was left
    back = await alice.expect_message()
    assert back.text == texts.CHECKIN_RESUME
    await alice.press(back, texts.BUTTON_CONTINUE)
    assert (await alice.expect_message()).text == texts.CHECKIN_PLANS


async def test_did_it_happen_answered_by_typing(alice: UserClient, bot: BotHarness) -> None:
    """Typed where the buttons are: "yes" counts as Yes; a second "yes" is no answer to it."""
    plan_id, _ = await done_and_asked(bot, alice)
    await alice.send("yes")
    offer = await alice.expect_message()
    assert "It happened" in offer.text and "one of them replies" in offer.text
    assert offer.button_texts() == [texts.BUTTON_LOG_WIN, texts.BUTTON_OWN_WORDS]
    plan = await entries.get_plan(bot.svc.db, alice.id, plan_id)
    assert plan is not None and plan.outcome == "yes"
    await alice.send("yes")  # the question is closed: nothing more is recorded
    await alice.expect_message()
    await bot.emulator.settle()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM wins") == 0


async def test_did_it_happen_no_typed_offers_the_next_try(
    alice: UserClient, bot: BotHarness
) -> None:
    plan_id, _ = await done_and_asked(bot, alice)
    await alice.send("nope")
    reply = await alice.expect_message()
    assert texts.BUTTON_NEXT_TRY in reply.button_texts()
    plan = await entries.get_plan(bot.svc.db, alice.id, plan_id)
    assert plan is not None and plan.outcome == "no"
