"""Meet people where they are (issue 13): each example of the issue, as a person types it.

Commands leave a flow and run; a flow left idle is put aside and offered back once; text
outside a flow is read for what it is; typed answers count wherever buttons are shown;
every step ends with somewhere to go; time zones and follow-up times say the truth.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

from bot.devtools.client import BotMessage, UserClient
from bot.flows import conversations
from bot.storage import checkins
from bot.ui import texts
from tests.harness import BotHarness

CRISIS = "I want to end it all"
RESUME_REJECTION = texts.RESUME_DRAFT.format(flow="rejection log")


async def count(bot: BotHarness, table: str, user_id: int) -> int:
    found = await bot.svc.db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,))
    assert isinstance(found, int)
    return found


async def in_flow(bot: BotHarness, user: UserClient) -> str | None:
    """The flow the person is in, once the bot has finished with their last update."""
    await bot.emulator.settle()
    assert bot.app is not None
    return conversations.active(bot.app, user.chat_id, user.id)


async def at_hurt(user: UserClient, where: str = "Acme") -> BotMessage:
    """A rejection log at "How hard did it land?"."""
    await user.send("/rejection")
    await user.press(await user.expect_message(), "No offer after an interview")
    assert (await user.expect_message()).text == texts.ASK_WHERE
    await user.send(where)
    hurt = await user.expect_message()
    assert hurt.text == texts.ASK_HURT
    return hurt


# --- commands during a flow leave it and run ---------------------------------------------
async def test_a_command_mid_flow_runs_and_the_flow_waits_for_later(
    alice: UserClient, bot: BotHarness
) -> None:
    await at_hurt(alice)
    await alice.send("/win I got an interview!")
    logged = await alice.expect_message()
    assert "I got an interview!" in (logged.text or "") and "🏆" in (logged.text or "")
    offer = await alice.expect_message()  # once, after the command's own answer
    assert offer.text == RESUME_REJECTION
    await alice.send("/stats")
    assert (await alice.expect_message()).text is not None  # the numbers
    assert (await alice.expect_message()).kind == "photo"  # and the chart
    await alice.send("/history")
    await alice.expect_message()
    await alice.expect_no_message()
    await alice.send("yes")  # typed to "Continue where you left off?"
    assert (await alice.expect_message()).text == texts.ASK_HURT
    await alice.send("4")  # typed, not tapped
    assert (await alice.expect_message()).text == texts.ASK_CONTROL
    await alice.send("SKIP")
    assert "Logged" in ((await alice.expect_message()).text or "")
    row = await bot.svc.db.fetchone("SELECT where_text, hurt, in_control FROM rejections")
    assert row is not None and tuple(row) == ("Acme", 4, None)
    assert await count(bot, "wins", alice.id) == 1


async def test_checkin_mid_flow_starts_the_checkin(alice: UserClient, bot: BotHarness) -> None:
    await at_hurt(alice)
    await alice.send("/checkin")
    assert (await alice.expect_message()).kind == "photo"
    assert (await alice.expect_message()).text == texts.ASK_WORKED
    assert (await in_flow(bot, alice)) == "checkin"
    await alice.send("/cancel")
    assert "weekly check-in" in ((await alice.expect_message()).text or "")
    await alice.send("/rejection")  # the rejection log was kept
    resume = await alice.expect_message()
    assert resume.text == RESUME_REJECTION
    await alice.send("continue")  # typed
    assert (await alice.expect_message()).text == texts.ASK_HURT


async def test_an_unknown_command_keeps_the_flow(alice: UserClient, bot: BotHarness) -> None:
    await at_hurt(alice)
    await alice.send("/stast")
    assert (await alice.expect_message()).text == texts.UNKNOWN_COMMAND_IN_FLOW
    assert (await alice.expect_message()).text == texts.ASK_HURT
    assert (await in_flow(bot, alice)) == "rejection"


async def test_the_menu_tapped_mid_flow_leaves_it_too(alice: UserClient, bot: BotHarness) -> None:
    await at_hurt(alice)
    await alice.send("/cancel")
    left = await alice.expect_message()
    await alice.send("/reframe")
    await alice.expect_message()  # If I do …
    await alice.press(left, "🏆 Log a win")  # an older menu, mid-reframe
    assert (await alice.expect_message()).text == texts.ASK_WIN
    assert (await in_flow(bot, alice)) == "win"


# --- idle flows are put aside -------------------------------------------------------------
async def test_a_rejection_left_open_for_three_weeks(alice: UserClient, bot: BotHarness) -> None:
    await at_hurt(alice)
    bot.clock.advance(days=21)
    await alice.send("I got an interview at Bolt!")  # not taken as the 1–5
    assert (await alice.expect_message()).text == texts.FREE_WIN
    offer = await alice.expect_message()
    assert offer.text == RESUME_REJECTION
    await alice.send("yes")  # answers the question about the message: log the win
    assert "I got an interview at Bolt!" in ((await alice.expect_message()).text or "")
    assert await count(bot, "wins", alice.id) == 1
    await alice.send("/checkin")  # runs: no "finish it first"
    assert (await alice.expect_message()).kind == "photo"
    assert (await alice.expect_message()).text == texts.ASK_WORKED


async def test_an_idle_reframe_does_not_take_the_next_message(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/reframe")
    assert (await alice.expect_message()).text is not None  # If I do …
    await alice.send("email the hiring manager")
    assert "then … will happen" in ((await alice.expect_message()).text or "")
    bot.clock.advance(hours=3)
    await alice.send("Got rejected from Google today")
    assert (await alice.expect_message()).text == texts.FREE_REJECTION
    offer = await alice.expect_message()
    assert offer.text == texts.RESUME_DRAFT.format(flow="reframe")
    data = offer.button(texts.BUTTON_CONTINUE).callback_data
    assert data is not None
    await alice.press(offer, texts.BUTTON_CONTINUE)
    then = await alice.expect_message()
    assert "If I email the hiring manager" in (then.text or "")
    await alice.press_data(offer, data)  # twice: the same step, asked again
    assert "If I email the hiring manager" in ((await alice.expect_message()).text or "")
    assert (await in_flow(bot, alice)) == "reframe"


async def test_within_the_idle_time_the_answer_counts(alice: UserClient, bot: BotHarness) -> None:
    hurt = await at_hurt(alice)
    bot.clock.advance(minutes=110)
    await alice.send("3")
    assert (await alice.expect_message()).text == texts.ASK_CONTROL
    bot.clock.advance(hours=5)
    await alice.send("Ask for feedback earlier")  # idle: read as new
    assert (await alice.expect_message()).text == texts.FREE_OTHER
    assert (await alice.expect_message()).text == RESUME_REJECTION
    assert hurt.text == texts.ASK_HURT


async def test_a_late_tap_on_the_flows_own_button_carries_on(
    alice: UserClient, bot: BotHarness
) -> None:
    hurt = await at_hurt(alice)
    bot.clock.advance(hours=6)
    await alice.press(hurt, "5")
    assert (await alice.expect_message()).text == texts.ASK_CONTROL
    assert (await in_flow(bot, alice)) == "rejection"


# --- free text outside a flow --------------------------------------------------------------
async def test_free_text_about_a_rejection_becomes_a_logged_rejection(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("Got rejected from Google today")
    offer = await alice.expect_message()
    assert offer.text == texts.FREE_REJECTION
    assert texts.BUTTON_SAVE_NOTE in offer.button_texts()
    await alice.press(offer, texts.BUTTON_LOG_REJECTION)
    assert (await alice.expect_message()).text == texts.REJECTION_FROM_TEXT
    kind = await alice.expect_message()
    assert kind.text == texts.ASK_KIND
    await alice.press(kind, "Something else")  # the words are its few words already
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("Google, data analyst")
    await alice.expect_message()  # how hard?
    await alice.send("3")
    await alice.expect_message()  # in your control?
    await alice.send("skip")
    assert "Logged" in ((await alice.expect_message()).text or "")
    row = await bot.svc.db.fetchone(
        "SELECT kind, other_text, where_text, hurt, note FROM rejections"
    )
    assert row is not None
    assert tuple(row) == (
        "other",
        "Got rejected from Google today",
        "Google, data analyst",
        3,
        "Got rejected from Google today",
    )


async def test_yes_typed_to_the_offer_starts_the_log_with_the_guessed_kind(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("the recruiter ghosted me after two calls")
    assert (await alice.expect_message()).text == texts.FREE_REJECTION
    await alice.send("Yes")
    assert "Recruiter didn't follow up" in ((await alice.expect_message()).text or "")
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    assert (await in_flow(bot, alice)) == "rejection"
    await alice.send("Initech")  # the next message is the flow's answer
    assert (await alice.expect_message()).text == texts.ASK_HURT


async def test_yes_typed_under_a_saved_rejection_starts_its_reframe(
    alice: UserClient, bot: BotHarness
) -> None:
    hurt = await at_hurt(alice)
    await alice.press(hurt, "3")
    await alice.expect_message()
    await alice.send("skip")
    assert "Want to turn this into a small next step?" in (
        (await alice.expect_message()).text or ""
    )
    await alice.send("yes please")
    assert (await alice.expect_message()).text == texts.ASK_BELIEF  # the first reframe
    await alice.send("Someone's yes is out there")
    await alice.expect_message()  # belief saved
    assert "first blank" in ((await alice.expect_message()).text or "")
    await alice.send("ask Jo for a referral")
    await alice.expect_message()
    await alice.send("I get an interview")
    await alice.expect_message()
    await alice.send("tomorrow")
    await alice.expect_message()  # saved
    assert (await alice.expect_message()).text == texts.ASK_HURT_AFTER  # linked to it
    plan = await bot.svc.db.fetchone("SELECT rejection_id FROM plans")
    assert plan is not None and plan["rejection_id"] is not None


async def test_a_flow_entered_by_a_typed_yes_survives_a_restart(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("No reply from Initech after three weeks")
    assert (await alice.expect_message()).text == texts.FREE_REJECTION
    await alice.send("y")
    await alice.expect_message()  # let's log it
    kind = await alice.expect_message()
    assert kind.text == texts.ASK_KIND
    await bot.restart()
    await alice.press(kind, "No response to an application")
    assert (await alice.expect_message()).text == texts.ASK_WHERE


async def test_button_words_with_nothing_to_answer_get_the_menu(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("Cancel")
    assert (await alice.expect_message()).text == texts.NOTHING_TO_CANCEL
    await alice.send("ok")
    menu = await alice.expect_message()
    assert menu.text == texts.MENU and texts.BUTTON_SAVE_NOTE not in menu.button_texts()


async def test_a_forwarded_recruiter_email_reads_as_a_rejection(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.forward(
        "Thank you for your interest in the Data Analyst role. After careful consideration, "
        "we have decided not to move forward with your application at this time.",
        from_name="Acme Talent Team",
    )
    assert (await alice.expect_message()).text == texts.FREE_REJECTION


async def test_free_text_about_a_win_logs_a_win_on_yes(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("I got an interview at Bolt!")
    offer = await alice.expect_message()
    assert offer.text == texts.FREE_WIN
    await alice.send("yes")
    saved = await alice.expect_message()
    assert "I got an interview at Bolt!" in (saved.text or "")
    assert "😞 Log a rejection" in saved.button_texts()
    assert await count(bot, "wins", alice.id) == 1
    await alice.press(offer, texts.BUTTON_LOG_WIN)  # the offer was answered already
    assert (await alice.expect_callback_answer()).text == texts.KEPT_GONE
    assert await count(bot, "wins", alice.id) == 1


async def test_anything_else_gets_the_menu_and_can_be_a_note(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("what a week. three calls, one of them odd")
    offer = await alice.expect_message()
    assert offer.text == texts.FREE_OTHER
    assert "😞 Log a rejection" in offer.button_texts()
    await alice.press(offer, texts.BUTTON_SAVE_NOTE)
    saved = await alice.expect_message()
    assert saved.text == texts.NOTE_SAVED and saved.buttons
    await alice.send("/history")
    assert "📝" in ((await alice.expect_message()).text or "")
    await alice.send("/export")
    export = await alice.expect_message()
    assert export.document_bytes is not None
    with zipfile.ZipFile(io.BytesIO(export.document_bytes)) as archive:
        dumped = json.loads(
            archive.read(next(n for n in archive.namelist() if n.endswith(".json")))
        )
    assert "what a week. three calls, one of them odd" in json.dumps(dumped)


async def test_voice_photo_and_caption_outside_a_flow(alice: UserClient, bot: BotHarness) -> None:
    await alice.send_voice()
    hint = await alice.expect_message()
    assert hint.text == texts.MEDIA_HINT and hint.buttons
    await alice.send_photo()
    assert (await alice.expect_message()).text == texts.MEDIA_HINT
    await alice.send_photo(caption="Got the offer letter today!")
    assert (await alice.expect_message()).text == texts.FREE_WIN
    await alice.send_sticker()
    assert (await alice.expect_message()).text == texts.MEDIA_HINT
    await alice.expect_no_message()


async def test_a_caption_answers_a_step(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "No offer after an interview")
    await alice.expect_message()
    await alice.send_photo(caption="Globex")
    assert (await alice.expect_message()).text == texts.ASK_HURT


# --- an edited message updates its answer --------------------------------------------------
async def test_editing_an_answer_updates_the_draft(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/rejection")
    await alice.press(await alice.expect_message(), "No offer after an interview")
    await alice.expect_message()
    sent = await alice.send("Acme")
    hurt = await alice.expect_message()
    await alice.edit(sent, "Initech, data analyst")
    assert (await alice.expect_message()).text == "✎ Updated your answer: Initech, data analyst"
    await alice.expect_no_message()  # not read as a new answer
    await alice.press(hurt, "2")
    await alice.expect_message()
    await alice.send("skip")
    await alice.expect_message()
    stored = await bot.svc.db.fetchval("SELECT where_text FROM rejections")
    assert stored == "Initech, data analyst"


async def test_editing_kept_text_or_a_saved_message(alice: UserClient, bot: BotHarness) -> None:
    sent = await alice.send("Got rejected by Acme")
    offer = await alice.expect_message()
    await alice.edit(sent, "Got rejected by Acme and Initech")
    assert "Acme and Initech" in ((await alice.expect_message()).text or "")
    await alice.press(offer, texts.BUTTON_SAVE_NOTE)
    await alice.expect_message()
    assert await bot.svc.db.fetchval("SELECT text FROM notes") == "Got rejected by Acme and Initech"
    win = await alice.send("/win shipped my portfolio")
    await alice.expect_message()
    await alice.edit(win, "/win shipped my portfolio site")
    await alice.expect_no_message()  # a saved entry stays as it is: no second win
    assert await count(bot, "wins", alice.id) == 1


# --- the weekly check-in answered by typing -------------------------------------------------
async def invited(alice: UserClient, bot: BotHarness) -> None:
    bot.clock.set(datetime(2026, 11, 29, 17, 0, tzinfo=UTC))  # Sunday 18:00 in Berlin
    await bot.tick()
    assert (await alice.expect_message()).text == texts.CHECKIN_DUE


async def test_typing_instead_of_start_starts_the_checkin(
    alice: UserClient, bot: BotHarness
) -> None:
    await invited(alice, bot)
    bot.clock.advance(hours=2)
    await alice.send("Two coffee chats with people from my old team")
    assert (await alice.expect_message()).kind == "photo"
    noted = await alice.expect_message()
    assert "Two coffee chats with people from my old team" in (noted.text or "")
    assert (await alice.expect_message()).text == texts.ASK_DIDNT
    await alice.send("Skip")  # a skip, not an answer
    assert (await alice.expect_message()).text == texts.ASK_SUCCESSES
    await alice.send("done")  # no success named "done"
    assert (await alice.expect_message()).text.startswith("Time with people")  # type: ignore[union-attr]
    await alice.send("skip")
    assert "Check-in saved" in ((await alice.expect_message()).text or "")
    week = await checkins.get(bot.svc.db, alice.id, (2026, 48))
    assert week is not None and week.completed_at is not None
    assert (week.worked, week.didnt, week.people) == (
        "Two coffee chats with people from my old team",
        None,
        None,
    )
    assert await count(bot, "wins", alice.id) == 0


async def test_yes_starts_it_and_a_win_does_not(alice: UserClient, bot: BotHarness) -> None:
    await invited(alice, bot)
    await alice.send("I got an interview at Bolt!")  # a win is a win
    assert (await alice.expect_message()).text == texts.FREE_WIN
    await alice.send("no")
    assert (await alice.expect_message()).text == texts.MENU
    await alice.send("ok")  # the invitation is still open
    assert (await alice.expect_message()).kind == "photo"
    assert (await alice.expect_message()).text == texts.ASK_WORKED


async def test_after_the_grace_hours_text_is_read_as_usual(
    alice: UserClient, bot: BotHarness
) -> None:
    await invited(alice, bot)
    bot.clock.advance(hours=bot.svc.settings.checkin_grace_hours + 1)
    await alice.send("Two coffee chats")
    assert (await alice.expect_message()).text == texts.FREE_OTHER
    assert (await in_flow(bot, alice)) is None


async def test_a_question_after_the_invitation_is_not_taken_as_an_answer(
    alice: UserClient, bot: BotHarness
) -> None:
    await invited(alice, bot)
    await alice.send("how long does it take?")
    assert (await alice.expect_message()).text == texts.FREE_OTHER
    assert (await in_flow(bot, alice)) is None


async def test_not_now_leaves_the_invitation(alice: UserClient, bot: BotHarness) -> None:
    await invited(alice, bot)
    await alice.send("not now")
    assert (await alice.expect_message()).text == texts.CHECKIN_NOT_NOW
    await alice.send("Two coffee chats")
    assert (await alice.expect_message()).text == texts.FREE_OTHER


async def test_distress_after_the_invitation_gets_care_only(
    alice: UserClient, bot: BotHarness
) -> None:
    await invited(alice, bot)
    await alice.send(CRISIS)
    care = await alice.expect_message()
    assert (care.text or "").startswith(texts.esc(bot.svc.settings.helpline_text))
    await alice.expect_no_message()
    assert (await in_flow(bot, alice)) is None
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM checkins") == 0


# --- a feedback giver who types before ▶ Start ---------------------------------------------
async def test_a_givers_early_text_is_their_first_answer(
    bot: BotHarness, alice: UserClient
) -> None:
    from tests.flows.test_feedback_round import open_round

    param = await open_round(alice)
    giver = bot.emulator.user("Gina")
    await giver.send(f"/start {param}")
    intro = await giver.expect_message()
    assert texts.BUTTON_GIVE_START in intro.button_texts()
    await giver.send("Ask more questions at the end of interviews")
    assert (await giver.expect_message()).text == texts.GIVE_EARLY_KEPT
    adjectives = await giver.expect_message()
    assert "adjectives" in (adjectives.text or "")
    await giver.send("curious, kind, direct")
    await giver.expect_message()  # anything else?
    await giver.send("skip")
    preview = await giver.expect_message()
    assert "Ask more questions at the end of interviews" in (preview.text or "")
    await giver.send("yes")
    assert "Thank you" in ((await giver.expect_message()).text or "")


# --- typed answers where buttons are shown --------------------------------------------------
async def test_onboarding_takes_typed_answers_and_any_time(bot: BotHarness) -> None:
    for typed_time, shown in (("7:30", "07:30"), ("6:30pm", "18:30")):
        user = bot.emulator.user(f"Tim {typed_time}")
        await user.send("/start")
        for _ in range(3):
            await user.expect_message()  # welcome, zone question, location hint
        await user.send("Berlin")
        confirm = await user.expect_message()
        assert "Right?" in (confirm.text or "")
        await user.send("YES")
        assert "Time zone set" in ((await user.expect_message()).text or "")
        await user.expect_message()  # Sunday 18:00, or another day?
        await user.send("no")
        assert (await user.expect_message()).text == texts.ASK_CHECKIN_DAY
        await user.send("Monday")
        assert "Monday" in ((await user.expect_message()).text or "")
        await user.send(typed_time)
        done = await user.expect_message()
        assert f"Monday 30 Nov, {shown}" in (done.text or ""), done.text


async def test_reframe_takes_typed_days_and_scales(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("skip")  # no Skip here: never taken as the answer
    assert (await alice.expect_message()).text == texts.CANT_SKIP
    await alice.send("call Jo")
    await alice.expect_message()
    await alice.send("I hear about the opening")
    await alice.expect_message()  # when?
    await alice.send("whenever")
    assert (await alice.expect_message()).html == texts.WHEN_HINT
    await alice.send("Friday")
    saved = await alice.expect_message()
    assert "Fri 27 Nov at 18:00" in (saved.text or ""), saved.text
    due = await bot.svc.db.fetchval("SELECT follow_up_due FROM plans")
    assert due == "2026-11-27T17:00:00Z"


async def test_typed_no_at_delete_keeps_everything_with_a_menu(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/delete")
    await alice.expect_message()
    await alice.send("hmm")
    assert (await alice.expect_message()).html == texts.YES_NO_HINT
    await alice.send("No")
    kept = await alice.expect_message()
    assert kept.text == texts.DELETE_KEPT
    assert "😞 Log a rejection" in kept.button_texts()
    assert await count(bot, "users", alice.id) == 1


async def test_cancel_typed_leaves_and_keeps_the_draft(alice: UserClient, bot: BotHarness) -> None:
    await at_hurt(alice)
    await alice.send("cancel")
    left = await alice.expect_message()
    assert "kept" in (left.text or "") and left.buttons
    assert (await in_flow(bot, alice)) is None


# --- no dead ends ---------------------------------------------------------------------------
async def test_plan_done_offers_the_next_step(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("call Jo")
    await alice.expect_message()
    await alice.send("I hear about the opening")
    await alice.expect_message()
    await alice.send("today")
    assert "today at 18:00" in ((await alice.expect_message()).text or "")
    await alice.expect_message()  # the menu
    bot.clock.set(datetime(2026, 11, 25, 17, 0, tzinfo=UTC))
    await bot.tick()
    reminder = await alice.expect_message()
    assert "Did you do it?" in (reminder.text or "")
    await alice.send("Done!")  # typed after "Did you do it?"
    done = await alice.expect_message()
    assert "Well done" in (done.text or "")
    # "Did it happen?" first; whatever the answer, a next step follows
    outcomes = [texts.BUTTON_OUTCOME_YES, texts.BUTTON_OUTCOME_NOT_YET, texts.BUTTON_OUTCOME_NO]
    assert done.button_texts() == outcomes
    await alice.press(done, texts.BUTTON_OUTCOME_NOT_YET)
    done = await alice.expect_edit(done)
    assert done.button_texts() == [texts.BUTTON_NEXT_STEP, texts.BUTTON_MENU]
    await alice.press(done, texts.BUTTON_NEXT_STEP)
    assert "first blank" in ((await alice.expect_message()).text or "")


async def test_not_yet_typed_after_a_reminder_asks_the_new_day(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("call Jo")
    await alice.expect_message()
    await alice.send("I hear about the opening")
    await alice.expect_message()
    await alice.send("TOMORROW")
    assert "tomorrow at 18:00" in ((await alice.expect_message()).text or "")
    await alice.expect_message()
    bot.clock.set(datetime(2026, 11, 26, 17, 0, tzinfo=UTC))
    await bot.tick()
    assert "Did you do it?" in ((await alice.expect_message()).text or "")
    await alice.send("not yet")
    picker = await alice.expect_message()
    assert "When will you do it?" in (picker.text or "")
    await alice.send("saturday")  # typed instead of tapped
    moved = await alice.expect_message()
    assert "on Sat 28 Nov at 18:00" in (moved.text or ""), moved.text
    assert moved.button_texts() == [texts.BUTTON_MENU]
    due = await bot.svc.db.fetchval("SELECT follow_up_due FROM plans")
    assert due == "2026-11-28T17:00:00Z"


async def test_private_commands_in_a_group_point_to_the_private_chat(bot: BotHarness) -> None:
    a, b = bot.emulator.user("A"), bot.emulator.user("B")
    group = bot.emulator.group("Job club", [a, b])
    await group.add_bot(by=a)
    await group.expect_message()  # the introduction
    for command in ("/win got a call", "/rejection", "/start"):
        await group.send(a, command)
        answer = await group.expect_message()
        assert answer.text == texts.GROUP_PRIVATE_ONLY
        button = answer.buttons[0][0]
        assert button.url == "https://t.me/ComebackTestBot?start=from_group"
    await group.expect_no_message()


# --- time zones -------------------------------------------------------------------------------
async def zone_question(bot: BotHarness, name: str) -> UserClient:
    user = bot.emulator.user(name)
    await user.send("/start")
    for _ in range(3):
        await user.expect_message()
    return user


async def test_a_country_with_several_zones_lists_them_with_other_and_cancel(
    bot: BotHarness,
) -> None:
    user = await zone_question(bot, "Kylie")
    await user.send("Australia")
    choices = await user.expect_message()
    assert choices.text == texts.TZ_AREA_CANDIDATES
    labels = choices.button_texts()
    assert any("Sydney" in label for label in labels) and any("Perth" in label for label in labels)
    assert labels[-2:] == [texts.BUTTON_TZ_OTHER, texts.BUTTON_CANCEL]
    assert not any("Tokyo" in label for label in labels)
    assert len(labels) <= 10
    await user.press(choices, texts.BUTTON_TZ_OTHER)
    assert (await user.expect_message()).html == texts.TZ_OTHER
    await user.send("Sydney Australia")
    assert "Sydney" in ((await user.expect_message()).text or "")


async def test_usa_mexico_and_short_names(bot: BotHarness) -> None:
    user = await zone_question(bot, "Sam")
    await user.send("USA")
    usa = await user.expect_message()
    assert any("New York" in label for label in usa.button_texts())
    assert not any("Uşak" in label for label in usa.button_texts())
    await user.send("Mexico")
    mexico = await user.expect_message()
    assert any("Mexico City" in label for label in mexico.button_texts())
    assert not any("Guatemala" in t or "Manila" in t for t in mexico.button_texts())
    for typed, city in (("NYC", "New York"), ("SF", "Los Angeles"), ("Sydney Australia", "Sydney")):
        await user.send(typed)
        confirm = await user.expect_message()
        assert city in (confirm.text or ""), (typed, confirm.text)
        await user.send("no")
        for _ in range(2):
            await user.expect_message()  # asked again


async def test_the_did_you_mean_list_has_cancel(bot: BotHarness) -> None:
    user = await zone_question(bot, "Pat")
    await user.send("Portland")
    choices = await user.expect_message()
    assert choices.text == texts.TZ_CANDIDATES
    await user.press(choices, texts.BUTTON_CANCEL)
    left = await user.expect_message()
    assert "set-up" in (left.text or "") and left.buttons


async def test_settings_lists_a_countrys_zones_too(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/settings timezone Canada")
    choices = await alice.expect_message()
    assert choices.text == texts.TZ_AREA_CANDIDATES
    await alice.press(choices, "Toronto")
    assert "Toronto" in ((await alice.expect_message()).text or "")


# --- honest follow-up times -----------------------------------------------------------------
async def plan_today_at(alice: UserClient, bot: BotHarness, utc: datetime) -> BotMessage:
    bot.clock.set(utc)
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("call Jo")
    await alice.expect_message()
    await alice.send("I hear about the opening")
    when = await alice.expect_message()
    await alice.press(when, "Today")
    await alice.expect_edit(when)
    saved = await alice.expect_message()
    await alice.expect_message()  # the menu
    return saved


async def test_today_late_in_the_evening_is_asked_the_next_morning(
    alice: UserClient, bot: BotHarness
) -> None:
    saved = await plan_today_at(alice, bot, datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # 22:00
    assert (
        saved.text
        == "Saved. It's late for today, so I'll ask you tomorrow at 09:00 whether you did it."
    )
    bot.clock.set(datetime(2026, 11, 26, 7, 59, tzinfo=UTC))
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 09:00 in Berlin
    await bot.tick()
    assert "Did you do it?" in ((await alice.expect_message()).text or "")


async def test_today_just_before_the_hour_is_asked_at_nine_in_the_evening(
    alice: UserClient, bot: BotHarness
) -> None:
    saved = await plan_today_at(alice, bot, datetime(2026, 11, 25, 16, 30, tzinfo=UTC))  # 17:30
    assert saved.text == "Saved. I'll ask you today at 21:00 whether you did it."
    await alice.send("/plans")
    await alice.expect_message()
    assert "today at 21:00" in ((await alice.expect_message()).text or "")


# --- care comes first, with all of the above --------------------------------------------------
async def test_distress_after_an_idle_flow_gets_care_and_nothing_else(
    alice: UserClient, bot: BotHarness
) -> None:
    await at_hurt(alice)
    bot.clock.advance(hours=3)
    await alice.send(CRISIS)
    care = await alice.expect_message()
    assert care.button_texts() == [texts.CARE_LEAVE, texts.CARE_SAVE]  # no flow waits now
    await alice.expect_no_message()  # no "continue where you left off" in the same breath
    await alice.press(care, texts.CARE_LEAVE)
    assert (await alice.expect_message()).text == texts.CARE_HERE
    await alice.send("/plans")
    await alice.expect_message()  # no plans
    assert (await alice.expect_message()).text == RESUME_REJECTION  # later, once


async def test_i_feel_hopeless_outside_a_flow_gets_care_not_a_menu(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("I feel hopeless")
    care = await alice.expect_message()
    assert (care.text or "").startswith(texts.esc(bot.svc.settings.helpline_text))
    assert texts.BUTTON_SAVE_NOTE not in care.button_texts()
    await alice.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM notes") == 0


async def test_win_command_in_distress_mid_flow_leaves_nothing(
    alice: UserClient, bot: BotHarness
) -> None:
    await at_hurt(alice)
    await alice.send(f"/win {CRISIS}")
    care = await alice.expect_message()
    assert texts.CARE_CARRY_ON in care.button_texts()
    await alice.expect_no_message()
    assert (await in_flow(bot, alice)) == "rejection"  # the flow waits
    assert await count(bot, "wins", alice.id) == 0
    await alice.press(care, texts.CARE_CARRY_ON)
    assert (await alice.expect_message()).text == texts.ASK_HURT


async def test_save_it_anyway_outside_a_flow_keeps_a_note_quietly(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send(CRISIS)
    care = await alice.expect_message()
    await alice.press(care, texts.CARE_SAVE)
    saved = await alice.expect_message()
    assert saved.text == texts.NOTE_SAVED
    await alice.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT text FROM notes") == CRISIS


async def test_a_givers_early_text_in_distress_is_not_kept(
    bot: BotHarness, alice: UserClient
) -> None:
    from tests.flows.test_feedback_round import open_round

    param = await open_round(alice)
    giver = bot.emulator.user("Hank")
    await giver.send(f"/start {param}")
    await giver.expect_message()
    await giver.send(CRISIS)
    care = await giver.expect_message()
    assert texts.CARE_CARRY_ON in care.button_texts()
    await giver.expect_no_message()
    await giver.press(care, texts.CARE_CARRY_ON)
    intro = await giver.expect_message()  # asked again: nothing kept
    assert texts.BUTTON_GIVE_START in intro.button_texts()
    assert bot.app is not None
    assert "better" not in bot.app.user_data[giver.id].get("feedback_give", {})


async def test_a_new_user_is_not_rushed_out_of_set_up(bot: BotHarness) -> None:
    user = await zone_question(bot, "Noor")
    bot.clock.advance(days=1)
    await user.send("Lisbon")  # a day later: still the answer to the question shown
    assert "Lisbon" in ((await user.expect_message()).text or "")
