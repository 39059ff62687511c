"""Applications as a chat: /applied, /applications, and the bot noticing the silence.

The follow-up interval is one day here (APPLICATION_FOLLOW_UP_DAYS=1) and the clock is the
harness's: Alice lives in Berlin (UTC+1 in November), quiet hours are 21:00–08:00 there,
and the clock starts on Wednesday 25 Nov 2026, 12:00 UTC (13:00 in Berlin).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.devtools.client import BotMessage, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.flows.applications.codecs import Card, FollowUp
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.harness import BotHarness, harness

STILL_NOTHING = "⏳ Still nothing"
QUESTION_BUTTONS = ["🗓 Interview!", "❌ Rejected", STILL_NOTHING, "↩ Withdrew"]


@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    # A long chat in a few seconds: above the flood guard (tests/ops covers that).
    async for running in harness(
        emu, tmp_path, application_follow_up_days=1, flood_max_updates=1000
    ):
        yield running


async def at(bot: BotHarness, *args: int) -> None:
    """Move the clock to a moment (UTC) and run the due work once."""
    bot.clock.set(datetime(*args, tzinfo=UTC))  # type: ignore[misc]
    await bot.tick()


async def applied(user: UserClient, text: str) -> BotMessage:
    await user.send(f"/applied {text}")
    return await user.expect_message()


async def app_row(bot: BotHarness, company: str) -> dict[str, object]:
    row = await bot.svc.db.fetchone("SELECT * FROM applications WHERE company = ?", (company,))
    assert row is not None
    return dict(row)


async def test_one_line_then_undo(alice: UserClient, bot: BotHarness) -> None:
    saved = await applied(alice, "Globex, data analyst")
    assert saved.text == (
        "📨 Logged: your application to Globex (data analyst), today. If there's no news "
        "in 1 day, I'll ask you about it."
    )
    assert saved.button_texts() == ["↩ Undo", "📋 My applications", "➕ Log one"]
    row = await app_row(bot, "Globex")
    assert (row["role"], row["applied_on"], row["stage"]) == (
        "data analyst",
        "2026-11-25",
        "applied",
    )
    assert row["follow_up_due"] == "2026-11-26T12:00:00Z"
    undo = saved.button("↩ Undo").callback_data
    assert undo is not None
    await alice.press(saved, "↩ Undo")
    undone = await alice.expect_edit(saved)
    assert undone.text == "↩ Undone: Globex (data analyst) is no longer logged."
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM applications") == 0
    await alice.press_data(saved, undo)
    assert (await alice.expect_callback_answer()).text == texts.APP_GONE


async def test_the_button_flow_takes_typed_answers(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/applied")
    kind = await alice.expect_message()
    assert kind.button_texts() == [
        "📨 Application",
        "🤝 Meeting request",
        "📞 Recruiter contact",
        texts.BUTTON_CANCEL,
    ]
    await alice.send("a recruiter")
    await alice.expect_message()  # which company?
    await alice.send("Initech")
    role = await alice.expect_message()
    assert role.text == "Which role? (or skip)"
    await alice.send("skip")
    link = await alice.expect_message()
    await alice.press(link, texts.BUTTON_SKIP)
    day = await alice.expect_message()
    assert day.button_texts()[:3] == ["today", "Tue 24 Nov", "Mon 23 Nov"]
    await alice.send("tomorrow")
    assert (await alice.expect_message()).text is not None  # can't read that as a day
    await alice.send("yesterday")
    saved = await alice.expect_message()
    assert saved.text == (
        "📞 Logged: your contact with the recruiter at Initech, Tue 24 Nov. If there's no "
        "news in 1 day, I'll ask you about it."
    )
    row = await app_row(bot, "Initech")
    assert (row["kind"], row["role"], row["link"], row["applied_on"]) == (
        "recruiter",
        None,
        None,
        "2026-11-24",
    )
    # A day in the past: the silence counts from that day's noon, asked after half a day.
    assert row["follow_up_due"] == "2026-11-26T00:00:00Z"


async def test_company_role_and_link_in_one_answer(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/applied")
    kind = await alice.expect_message()
    await alice.press(kind, "🤝 Meeting request")
    await alice.expect_message()
    await alice.send("Globex - head of data https://globex.example/jobs/7")
    day = await alice.expect_message()
    assert day.text is not None and day.text.startswith("When did it go out?")
    await alice.press(day, "today")
    saved = await alice.expect_message()
    assert saved.text is not None and "meeting request to Globex (head of data)" in saved.text
    row = await app_row(bot, "Globex")
    assert (row["kind"], row["link"]) == ("meeting", "https://globex.example/jobs/7")


async def test_silence_question_twice_then_log_it_as_no_response(
    alice: UserClient, bot: BotHarness
) -> None:
    await applied(alice, "Globex, data analyst")
    await at(bot, 2026, 11, 26, 11, 59)
    await alice.expect_no_message()
    await at(bot, 2026, 11, 26, 12, 0)
    question = await alice.expect_message()
    assert question.text == "Heard back from Globex (data analyst)? You applied 1 day ago."
    assert question.button_texts() == QUESTION_BUTTONS
    await bot.tick()
    await alice.expect_no_message()  # claimed: never twice

    await alice.press(question, STILL_NOTHING)
    noted = await alice.expect_message()
    assert noted.text == "Noted. I'll ask once more on Fri 27 Nov."
    # Half the interval later is 01:00 in Berlin: quiet hours, so at 08:00 there.
    await at(bot, 2026, 11, 27, 0, 0)
    await at(bot, 2026, 11, 27, 6, 59)
    await alice.expect_no_message()
    await at(bot, 2026, 11, 27, 7, 0)
    again = await alice.expect_message()
    assert again.text == "Still nothing from Globex (data analyst)? It's been 2 days."
    await alice.press(again, STILL_NOTHING)
    last = await alice.expect_message()
    assert last.text == (
        "2 days without a word from Globex (data analyst). Silence is an answer too: log it "
        "as “no response” and put your energy into the next one?"
    )
    await alice.press(last, "📝 Log it, move on")
    hurt = await alice.expect_message()
    assert hurt.text is not None and hurt.text.startswith("Logging the silence from Globex")
    await alice.press(hurt, "2")
    logged = await alice.expect_message()
    assert logged.text == texts.REJECTION_SAVED
    assert logged.button_texts() == [texts.BUTTON_REFRAME_NOW, texts.BUTTON_NOT_NOW]

    db = bot.svc.db
    rejection = await db.fetchone("SELECT * FROM rejections WHERE user_id = ?", (alice.id,))
    assert rejection is not None
    assert (rejection["kind"], rejection["where_text"], rejection["hurt"]) == (
        "application",
        "Globex (data analyst)",
        2,
    )
    row = await app_row(bot, "Globex")
    assert (row["stage"], row["rejection_id"], row["follow_up_due"]) == (
        "no_response",
        rejection["id"],
        None,
    )
    await bot.tick()
    await at(bot, 2026, 12, 1, 12, 0)
    await alice.expect_no_message()  # closed: never asked again
    await alice.press(logged, texts.BUTTON_REFRAME_NOW)
    belief = await alice.expect_message()  # the first reframe asks for a belief
    await alice.press(belief, 0)
    await alice.expect_message()  # belief saved
    ask_if = await alice.expect_message()
    assert ask_if.text is not None and "If I do" in ask_if.text


async def test_several_due_make_one_list_gone_through_one_at_a_time(
    alice: UserClient, bot: BotHarness
) -> None:
    for company in ("Acme", "Bolt", "Cosmo"):
        await applied(alice, company)
    bot.clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    await applied(alice, "Dyna")  # due Thursday 19:00 in Berlin: the same local day
    await at(bot, 2026, 11, 26, 12, 0)
    daily = await alice.expect_message()
    assert daily.text == (
        "📋 4 things about your applications today:\n"
        "• Acme: no news for 1 day\n"
        "• Bolt: no news for 1 day\n"
        "• Cosmo: no news for 1 day\n"
        "• Dyna: no news for 1 day"
    )
    assert daily.button_texts() == ["▶ Go through them"]
    await at(bot, 2026, 11, 26, 18, 0)
    await alice.expect_no_message()  # Dyna was in the morning's list

    await alice.press(daily, "▶ Go through them")
    first = await alice.expect_message()
    assert first.text == "Heard back from Acme? You applied 1 day ago."
    await alice.press(first, "↩ Withdrew")
    assert (await alice.expect_message()).text == (
        "↩ Noted: you withdrew from Acme. Your time goes where it counts."
    )
    second = await alice.expect_message()
    assert second.text == "Heard back from Bolt? You applied 1 day ago."
    await alice.press(second, "🗓 Interview!")
    days = await alice.expect_message()
    await alice.press(days, texts.BUTTON_APP_NO_DATE)
    assert (await alice.expect_message()).text == (
        "🗓 Interview with Bolt: noted. When you know the day, /applications sets it."
    )
    third = await alice.expect_message()
    assert third.text == "Heard back from Cosmo? You applied 1 day ago."
    await alice.press(third, "❌ Rejected")
    hurt = await alice.expect_message()
    assert hurt.text == (
        "Sorry about Cosmo. How hard did it land? 1 = shrugged it off, 5 = gut punch."
    )
    await alice.press(hurt, "3")
    await alice.expect_message()  # logged, reframe offered
    fourth = await alice.expect_message()
    assert fourth.text == "Heard back from Dyna? You applied 1 day ago."
    await alice.press(fourth, STILL_NOTHING)
    await alice.expect_message()  # I'll ask once more
    await alice.expect_no_message()
    await alice.press(daily, "▶ Go through them")
    assert (await alice.expect_callback_answer()).text == texts.REVIEW_DONE

    stages = {
        r["company"]: r["stage"]
        for r in await bot.svc.db.fetchall("SELECT company, stage FROM applications")
    }
    assert stages == {
        "Acme": "withdrawn",
        "Bolt": "interview",
        "Cosmo": "rejected",
        "Dyna": "applied",
    }
    kind = await bot.svc.db.fetchval("SELECT kind FROM rejections WHERE where_text = 'Cosmo'")
    assert kind == "application"


async def test_quiet_hours_and_a_message_missed_while_down(
    alice: UserClient, bot: BotHarness
) -> None:
    bot.clock.set(datetime(2026, 11, 25, 20, 30, tzinfo=UTC))  # 21:30 in Berlin
    await applied(alice, "Globex")
    await at(bot, 2026, 11, 26, 20, 30)
    await alice.expect_no_message()  # 21:30 in Berlin: quiet
    await bot.restart()
    bot.clock.set(datetime(2026, 11, 27, 9, 45, tzinfo=UTC))  # the bot was down at 08:00
    await bot.tick()
    late = await alice.expect_message()
    assert late.text == "Heard back from Globex? You applied 2 days ago."
    await bot.restart()
    await bot.tick()
    await alice.expect_no_message()
    await alice.press(late, STILL_NOTHING)  # a button from before the restart still works
    assert (await alice.expect_message()).text == "Noted. I'll ask once more on Fri 27 Nov."


async def test_no_quiet_hours_when_turned_off(emu: BotApiEmulator, tmp_path: Path) -> None:
    async for running in harness(emu, tmp_path, application_follow_up_days=1, quiet_hours=""):
        alice = running.emulator.user("Alice")
        await onboard(alice)
        running.clock.set(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))  # 23:00 in Berlin
        await applied(alice, "Globex")
        await at(running, 2026, 11, 26, 22, 0)
        assert (await alice.expect_message()).text == (
            "Heard back from Globex? You applied 1 day ago."
        )


async def test_an_interview_gets_a_note_before_and_a_question_after(
    alice: UserClient, bot: BotHarness
) -> None:
    await applied(alice, "Globex, data analyst")
    await at(bot, 2026, 11, 26, 12, 0)
    question = await alice.expect_message()
    await alice.press(question, "🗓 Interview!")
    days = await alice.expect_message()
    assert days.text == (
        "🗓 When is the interview with Globex (data analyst)? I'll send a note the day "
        "before and ask how it went the day after."
    )
    assert days.button_texts()[:2] == ["today", "tomorrow"] and len(days.button_texts()) == 15
    await alice.press(days, "Mon 30 Nov")
    assert (await alice.expect_message()).text == (
        "🗓 Interview with Globex (data analyst): Mon 30 Nov. I'll send you a note the day "
        "before and ask how it went the day after."
    )
    await at(bot, 2026, 11, 27, 12, 0)  # no silence question while an interview is coming
    await at(bot, 2026, 11, 29, 7, 59)
    await alice.expect_no_message()
    await at(bot, 2026, 11, 29, 8, 0)  # Sunday 09:00 in Berlin
    note = await alice.expect_message()
    assert note.text == (
        "🗓 Tomorrow: your interview with Globex (data analyst).\n\n"
        "A question worth asking at the end: “What concerns do you have that I wouldn't be a "
        "good fit for this role?” It brings their doubts into the open while you can still "
        "answer them.\n\nYou've prepared for this."
    )
    assert note.buttons == []
    await at(bot, 2026, 12, 1, 8, 0)  # Tuesday 09:00: the day after
    how = await alice.expect_message()
    assert how.text == "How did your interview with Globex (data analyst) go?"
    await alice.press(how, "🏆 It went well")
    well = await alice.expect_message()
    assert well.text == (
        "🏆 Logged as a win: Had my interview with Globex (data analyst). Now the wait: if "
        "there's no news in 1 day, I'll ask."
    )
    win = await bot.svc.db.fetchone("SELECT text, source FROM wins WHERE user_id = ?", (alice.id,))
    assert win is not None and tuple(win) == (
        "Had my interview with Globex (data analyst)",
        "application",
    )
    await at(bot, 2026, 12, 2, 8, 0)
    after = await alice.expect_message()
    assert after.text == (
        "Any news from Globex (data analyst) since your interview? That was 1 day ago."
    )
    await alice.press(after, "❌ Rejected")
    hurt = await alice.expect_message()
    await alice.press(hurt, "5")
    await alice.expect_message()
    kind = await bot.svc.db.fetchval("SELECT kind FROM rejections WHERE user_id = ?", (alice.id,))
    assert kind == "interview"  # no offer after an interview


async def test_an_interview_tomorrow_gets_the_question_at_once(
    alice: UserClient, bot: BotHarness
) -> None:
    await applied(alice, "Globex")
    await alice.send("/applications")
    board = await alice.expect_message()
    await alice.press(board, "1. Globex")
    card = await alice.expect_edit(board)
    await alice.press(card, "🗓 Interview")
    days = await alice.expect_message()
    await alice.press(days, "tomorrow")
    soon = await alice.expect_message()
    assert soon.text is not None and soon.text.startswith(
        "🗓 Interview with Globex: tomorrow. Good luck!\n\nA question worth asking at the end"
    )
    row = await app_row(bot, "Globex")
    assert row["note_due"] is None and row["check_due"] == "2026-11-27T08:00:00Z"
    assert (row["answered_on"], row["interview_on"]) == ("2026-11-25", "2026-11-25")


async def test_the_list_pages_moves_edits_and_removes(alice: UserClient, bot: BotHarness) -> None:
    for company in "ABCDEFG":
        await applied(alice, f"{company} Corp")
    await alice.send("/applications")
    board = await alice.expect_message()
    assert board.text is not None
    lines = board.text.splitlines()
    assert lines[0] == "Your open applications: 7, newest first."
    assert lines[2:7] == [f"{n}. {c} Corp · waiting · 0 days" for n, c in enumerate("GFEDC", 1)]
    assert "Older ›" in board.button_texts() and "‹ Newer" not in board.button_texts()
    await alice.press(board, "Older ›")
    page = await alice.expect_edit(board)
    assert page.text is not None and "6. B Corp · waiting · 0 days" in page.text
    await alice.press(page, "6. B Corp")
    card = await alice.expect_edit(board)
    assert card.text == ("B Corp\nApplication · today\nStage: waiting · 0 days since the last news")
    assert card.button_texts() == [
        "📬 Heard back",
        "🗓 Interview",
        "🎉 Offer",
        "❌ Rejected",
        "🔇 No response",
        "↩ Withdrew",
        "✎ Edit",
        "🗑 Remove",
        "‹ Back",
    ]
    heard_data = card.button("📬 Heard back").callback_data
    assert heard_data is not None
    await alice.press(card, "📬 Heard back")
    heard = await alice.expect_message()
    assert heard.text == "📬 B Corp: heard back. If it goes quiet for 1 day, I'll ask."
    assert (await app_row(bot, "B Corp"))["stage"] == "heard"
    await alice.press_data(card, heard_data)  # a double tap on the old card
    assert (await alice.expect_callback_answer()).text == texts.APP_MOVED_ALREADY

    # Edit: the company, then clear the role, then the day.
    a_id = (await app_row(bot, "A Corp"))["id"]
    assert isinstance(a_id, int)
    await alice.press_data(heard, Card(a_id, "edit").pack())
    fields = await alice.expect_edit(heard)
    await alice.press(fields, "Company")
    await alice.expect_message()  # the company's name?
    await alice.send("Acme Labs, platform engineer")
    edited = await alice.expect_message()
    assert edited.text == (
        "✎ Saved.\n\nAcme Labs, platform engineer\nApplication · today\n"
        "Stage: waiting · 0 days since the last news"
    )
    await alice.press(edited, "✎ Edit")
    fields = await alice.expect_edit(edited)
    await alice.press(fields, "Date")
    ask_day = await alice.expect_message()
    await alice.send("3 days ago")
    dated = await alice.expect_message()
    assert dated.text is not None and "Application · Sun 22 Nov" in dated.text
    row = await app_row(bot, "Acme Labs, platform engineer")
    assert row["applied_on"] == "2026-11-22"
    assert ask_day.text is not None

    # Remove, after a confirmation.
    await alice.press(dated, "🗑 Remove")
    confirm = await alice.expect_edit(dated)
    assert confirm.text == (
        "Remove Acme Labs, platform engineer from your applications? This can't be undone."
    )
    await alice.press(confirm, "Yes, remove it")
    removed = await alice.expect_edit(confirm)
    assert removed.text == "🗑 Removed: Acme Labs, platform engineer."
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM applications") == 6


async def test_someone_elses_buttons_do_nothing(alice: UserClient, bot: BotHarness) -> None:
    saved = await applied(alice, "Globex")
    app_id = (await app_row(bot, "Globex"))["id"]
    assert isinstance(app_id, int)
    mallory = bot.emulator.user("Mallory")
    await onboard(mallory)
    await mallory.send("/applications")
    board = await mallory.expect_message()
    assert board.text is not None and board.text.startswith("No open applications.")
    for data in (
        Card(app_id).pack(),
        FollowUp(app_id, "withdrew").pack(),
        f"ap:mv:{app_id}:offer",
        f"ap:rm:{app_id}",
        f"ap:undo:{app_id}",
        f"ap:edit:{app_id}:company",
    ):
        await mallory.press_data(board, data)
        assert (await mallory.expect_callback_answer()).text == texts.APP_GONE
    assert (await app_row(bot, "Globex"))["stage"] == "applied"
    await alice.expect_no_message()
    assert saved.text is not None


async def test_blocked_at_send_time_then_back(alice: UserClient, bot: BotHarness) -> None:
    await applied(alice, "Globex")
    bot.emulator.inject_fault(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    await at(bot, 2026, 11, 26, 12, 0)
    await alice.expect_no_message()
    assert await bot.svc.db.fetchval("SELECT blocked_since FROM users") is not None
    row = await app_row(bot, "Globex")
    assert (row["follow_up_due"], row["asks"], row["pending"]) == ("2026-11-26T12:00:00Z", 0, None)
    await at(bot, 2026, 11, 26, 13, 0)  # blocked: nothing is tried
    await alice.send("/applications")  # back: writing lifts the block
    await alice.expect_message()
    await at(bot, 2026, 11, 26, 13, 5)
    assert (await alice.expect_message()).text == "Heard back from Globex? You applied 1 day ago."


async def test_a_server_error_is_retried_ten_minutes_later_once(
    emu: BotApiEmulator, tmp_path: Path
) -> None:
    async for running in harness(
        emu, tmp_path, application_follow_up_days=1, send_retries=0, send_retry_backoff_seconds=0
    ):
        alice = emu.user("Alice")
        await onboard(alice)
        await applied(alice, "Globex")
        emu.inject_fault("sendMessage", status=502, description="Bad Gateway", chat_id=alice.id)
        await at(running, 2026, 11, 26, 12, 0)
        await alice.expect_no_message()
        await at(running, 2026, 11, 26, 12, 9)
        await alice.expect_no_message()
        await at(running, 2026, 11, 26, 12, 10)
        assert (await alice.expect_message()).text == (
            "Heard back from Globex? You applied 1 day ago."
        )
        await running.tick()
        await alice.expect_no_message()
