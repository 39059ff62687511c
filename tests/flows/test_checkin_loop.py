"""The check-in closes the loop on last week: what worked is recalled, "Did you talk to Ana?"
(the name as typed), "How is <focus> going?", and what didn't work turned into a plan."""

from __future__ import annotations

from bot.devtools.client import BotMessage, UserClient
from bot.storage import checkins, focus
from bot.ui import texts
from tests.harness import BotHarness

LAST_WEEK = (2026, 47)  # the harness starts on Wednesday 25 Nov 2026 (week 48)


async def last_week_said(bot: BotHarness, user: UserClient, worked: str, people: str) -> None:
    db, now = bot.svc.db, bot.clock.now()
    await checkins.start(db, user.id, LAST_WEEK, now)
    await checkins.set_answer(db, user.id, LAST_WEEK, "worked", worked)
    await checkins.set_answer(db, user.id, LAST_WEEK, "people", people)
    await checkins.complete(db, user.id, LAST_WEEK, now)


async def start(user: UserClient) -> BotMessage:
    """/checkin: the chart (slow the first time), then "what worked"."""
    await user.send("/checkin")
    assert (await user.expect_message(timeout=30)).kind == "photo"
    return await user.expect_message()


async def test_last_week_comes_back_and_what_didnt_work_becomes_a_plan(
    alice: UserClient, bot: BotHarness
) -> None:
    await last_week_said(bot, alice, worked="the design meetup", people="Ana")
    await focus.set_focus(
        bot.svc.db, user_id=alice.id, text="telling my story", source="typed", now=bot.clock.now()
    )
    worked = await start(alice)
    assert worked.text.startswith("Last time, this worked for you: the design meetup")
    assert worked.text.endswith(texts.ASK_WORKED)
    await alice.send("another meetup")
    await alice.expect_message()  # what didn't
    await alice.send("cold applications")
    successes = await alice.expect_message()
    await alice.press(successes, texts.BUTTON_SUCCESSES_DONE)
    going = await alice.expect_message()
    assert going.html == texts.ASK_FOCUS_GOING.format(focus="telling my story")
    await alice.send("better: I practised it twice")
    met = await alice.expect_message()
    assert met.html == texts.ASK_PEOPLE_MET.format(people="Ana")
    await alice.send("maybe")  # neither: told what to type, still asked
    assert (await alice.expect_message()).html == texts.PEOPLE_MET_HINT
    await alice.press(met, texts.BUTTON_MET_YES)
    assert (await alice.expect_message()).text == texts.PEOPLE_MET_YES
    assert (await alice.expect_message()).text == texts.ASK_PEOPLE
    await alice.send("Ben")
    done = await alice.expect_message()
    assert done.button_texts()[0] == texts.BUTTON_DIDNT_TO_PLAN
    entry = await checkins.get(bot.svc.db, alice.id, (2026, 48))
    assert entry is not None
    assert (entry.worked, entry.didnt, entry.people) == (
        "another meetup",
        "cold applications",
        "Ben",
    )
    assert (entry.focus_note, entry.people_met) == ("better: I practised it twice", "yes")
    # What didn't work → the if-then, with it in view.
    await alice.press(done, texts.BUTTON_DIDNT_TO_PLAN)
    first = await alice.expect_message()
    assert "What didn't work: cold applications" in first.text and "If I do" in first.text
    await alice.send("find the hiring manager on LinkedIn before I apply")
    await alice.expect_message()
    await alice.send("I reach a person, not a portal")
    when = await alice.expect_message()
    await alice.press(when, "This week")
    await alice.expect_edit(when)
    assert "Saved" in (await alice.expect_message()).text
    plan = await bot.svc.db.fetchone("SELECT if_do, parent_id, status FROM plans")
    assert plan is not None
    assert tuple(plan) == ("find the hiring manager on LinkedIn before I apply", None, "open")


async def test_a_longer_who_is_asked_back_as_written_and_no_is_fine(
    alice: UserClient, bot: BotHarness
) -> None:
    await last_week_said(bot, alice, worked="", people="I'll email Ana from Acme about a referral")
    worked = await start(alice)
    assert worked.text == texts.ASK_WORKED  # nothing worked last time: nothing recalled
    await alice.send("skip")
    await alice.expect_message()
    await alice.send("skip")
    successes = await alice.expect_message()
    await alice.press(successes, texts.BUTTON_SUCCESSES_DONE)
    met = await alice.expect_message()  # no focus: not asked about one
    assert met.html == texts.ASK_PEOPLE_MET_LONG.format(
        people="I'll email Ana from Acme about a referral"
    )
    await alice.send("not yet")
    assert (await alice.expect_message()).text == texts.PEOPLE_MET_NO
    assert (await alice.expect_message()).text == texts.ASK_PEOPLE
    await alice.send("skip")
    done = await alice.expect_message()
    assert texts.BUTTON_DIDNT_TO_PLAN not in done.button_texts()  # nothing didn't work
    assert await bot.svc.db.fetchval("SELECT people_met FROM checkins WHERE iso_week = 48") == "no"


async def test_two_weeks_ago_is_not_last_week(alice: UserClient, bot: BotHarness) -> None:
    db, now = bot.svc.db, bot.clock.now()
    await checkins.start(db, alice.id, (2026, 46), now)
    await checkins.set_answer(db, alice.id, (2026, 46), "people", "Ana")
    await checkins.set_answer(db, alice.id, (2026, 46), "worked", "mock interviews")
    worked = await start(alice)
    assert "mock interviews" in worked.text  # what worked: the last time, whenever it was
    await alice.send("skip")
    await alice.expect_message()
    await alice.send("skip")
    successes = await alice.expect_message()
    await alice.press(successes, texts.BUTTON_SUCCESSES_DONE)
    assert (await alice.expect_message()).text == texts.ASK_PEOPLE  # no "Did you talk to Ana?"
