"""/settings as a chat: every button path, every typed shortcut, bad input; each change is
confirmed with the next check-in in the user's zone, and the schedule follows it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.client import BotMessage, UserClient
from bot.storage import users
from bot.ui import texts
from tests.harness import BotHarness

# Alice: Berlin, Sundays 18:00; now is Wednesday 25 Nov 2026, 13:00 in Berlin.


async def state(bot: BotHarness, user: UserClient) -> users.User:
    found = await users.get(bot.svc.db, user.id)
    assert found is not None
    return found


async def panel(user: UserClient) -> BotMessage:
    await user.send("/settings")
    msg = await user.expect_message()
    assert msg.text is not None and msg.text.startswith("Settings")
    return msg


async def test_panel_shows_everything(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    assert "Berlin (Europe/Berlin)" in (msg.text or "")
    assert "it's 13:00 there now" in (msg.text or "")
    assert "Sundays at 18:00" in (msg.text or "")
    assert "Next check-in: Sunday 29 Nov, 18:00" in (msg.text or "")
    assert msg.button_texts() == [
        texts.BUTTON_SET_TZ,
        texts.BUTTON_SET_DAY,
        texts.BUTTON_SET_TIME,
        texts.BUTTON_PAUSE,
        texts.BUTTON_LANGUAGE,
        texts.BUTTON_NOTIFICATIONS,
    ]


async def test_timezone_button_then_common_zone(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_SET_TZ)
    ask = await alice.expect_message()
    assert ask.text == texts.SETTINGS_ASK_TZ.replace("<i>", "").replace("</i>", "")
    hint = await alice.expect_message()
    assert hint.keyboard == [[texts.BUTTON_SHARE_LOCATION]]
    await alice.press(ask, "New York (America/New_York)")
    done = await alice.expect_message()
    assert "Time zone set: New York (America/New_York)" in (done.text or "")
    assert "it's 07:00 there now" in (done.text or "")
    assert "Next check-in: Sunday 29 Nov, 18:00" in (done.text or "")
    assert done.reply_markup == {"remove_keyboard": True}
    user = await state(bot, alice)
    assert user.timezone == "America/New_York"
    assert user.next_checkin_due == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)


async def test_timezone_typed_city_candidates_and_location(
    alice: UserClient, bot: BotHarness
) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_SET_TZ)
    await alice.expect_message()
    await alice.expect_message()
    await alice.send("UTC+15")  # no such offset
    assert "couldn't find" in ((await alice.expect_message()).text or "")
    await alice.send("Portland")
    candidates = await alice.expect_message()
    assert candidates.text == texts.TZ_CANDIDATES
    await alice.press(candidates, "Portland (America/Los_Angeles)")
    done = await alice.expect_message()
    assert "Los Angeles" in (done.text or "") or "Portland" in (done.text or "")
    assert (await state(bot, alice)).timezone == "America/Los_Angeles"

    await alice.send("/settings")
    await alice.press(await alice.expect_message(), texts.BUTTON_SET_TZ)
    await alice.expect_message()
    await alice.expect_message()
    await alice.send_location(35.68, 139.69)  # Tokyo
    done = await alice.expect_message()
    assert "Asia/Tokyo" in (done.text or "")
    user = await state(bot, alice)
    assert user.timezone == "Asia/Tokyo"
    assert user.next_checkin_due == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert "Sunday 29 Nov, 18:00" in (done.text or "")

    await alice.send("/settings")
    await alice.press(await alice.expect_message(), texts.BUTTON_SET_TZ)
    await alice.expect_message()
    await alice.expect_message()
    await alice.send("Tokyo")
    assert "Tokyo" in ((await alice.expect_message()).text or "")


async def test_day_button(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_SET_DAY)
    days = await alice.expect_message()
    await alice.send("someday")  # typed, but no day
    assert (await alice.expect_message()).html == texts.DAY_HINT
    await alice.press(days, "Wednesday")
    done = await alice.expect_message()
    # 18:00 today is still ahead (it's 13:00 in Berlin).
    assert "Wednesdays at 18:00" in (done.text or "")
    assert "Next check-in: Wednesday 25 Nov, 18:00" in (done.text or "")
    user = await state(bot, alice)
    assert (user.checkin_weekday, user.next_checkin_due) == (
        2,
        datetime(2026, 11, 25, 17, 0, tzinfo=UTC),
    )


async def test_time_button_typed_and_bad(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_SET_TIME)
    hours = await alice.expect_message()
    assert "What time on Sunday" in (hours.text or "")
    await alice.press(hours, "08:00")
    done = await alice.expect_message()
    assert "Next check-in: Sunday 29 Nov, 08:00" in (done.text or "")

    await alice.press(done, texts.BUTTON_SET_TIME)
    await alice.expect_message()
    await alice.send("25:00")
    assert "couldn't read" in ((await alice.expect_message()).text or "")
    await alice.send("7:30 pm")
    done = await alice.expect_message()
    assert "Sundays at 19:30" in (done.text or "")
    assert "Next check-in: Sunday 29 Nov, 19:30" in (done.text or "")
    user = await state(bot, alice)
    assert user.next_checkin_due == datetime(2026, 11, 29, 18, 30, tzinfo=UTC)


async def test_cancel_inside_settings(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_SET_TIME)
    hours = await alice.expect_message()
    await alice.press(hours, texts.BUTTON_CANCEL)
    left = await alice.expect_message()
    assert left.text == texts.CANCELLED.format(flow="settings")
    assert (await state(bot, alice)).checkin_time.hour == 18


async def test_pause_and_resume_buttons(alice: UserClient, bot: BotHarness) -> None:
    msg = await panel(alice)
    await alice.press(msg, texts.BUTTON_PAUSE)
    paused = await alice.expect_message()
    assert "Check-ins paused" in (paused.text or "") and "paused" in (paused.text or "")
    assert texts.BUTTON_RESUME in paused.button_texts()
    assert (await state(bot, alice)).paused
    rows = await bot.svc.db.fetchall("SELECT * FROM pauses WHERE user_id = ?", (alice.id,))
    assert len(rows) == 1 and rows[0]["ended_at"] is None

    # Paused: no check-in on Sunday, nor later.
    bot.clock.set(datetime(2026, 11, 29, 17, 0, tzinfo=UTC))
    await bot.tick()
    bot.clock.advance(days=8)  # Monday 7 Dec
    await bot.tick()
    await alice.expect_no_message()

    await alice.press(paused, texts.BUTTON_RESUME)
    resumed = await alice.expect_message()
    assert "back on" in (resumed.text or "")
    assert "Next check-in: Sunday 13 Dec, 18:00" in (resumed.text or "")
    rows = await bot.svc.db.fetchall("SELECT * FROM pauses WHERE user_id = ?", (alice.id,))
    assert rows[0]["ended_at"] == "2026-12-07T17:00:00Z"
    await bot.tick()
    await alice.expect_no_message()  # no burst after a pause


async def test_typed_shortcuts(alice: UserClient, bot: BotHarness) -> None:
    async def say(text: str) -> str:
        await alice.send(text)
        return (await alice.expect_message()).text or ""

    assert "Time zone set: Tokyo (Asia/Tokyo)" in await say("/settings timezone Asia/Tokyo")
    assert (await state(bot, alice)).timezone == "Asia/Tokyo"
    reply = await say("/settings timezone Europe/Berlin")
    assert "Berlin" in reply and "Next check-in: Sunday 29 Nov, 18:00" in reply
    assert "For example" in await say("/settings timezone")
    assert "couldn't find" in await say("/settings timezone UTC+15")
    await alice.send("/cancel")  # the bad zone left the time zone question open
    await alice.expect_message()
    assert "limit here is 200" in await say("/settings timezone " + "Berlin " * 40)
    await alice.send("/cancel")  # the bad zone left the time zone question open
    await alice.expect_message()

    reply = await say("/settings checkin monday 9am")
    assert "Mondays at 09:00" in reply and "Next check-in: Monday 30 Nov, 09:00" in reply
    user = await state(bot, alice)
    assert (user.checkin_weekday, user.checkin_time.hour) == (0, 9)
    reply = await say("/settings checkin funday 25:00")
    assert "funday 25:00" in reply and "/settings checkin sunday 18:00" in reply
    assert "For example" in await say("/settings checkin")
    assert (await state(bot, alice)).checkin_weekday == 0  # unchanged

    assert "Check-ins paused" in await say("/settings pause")
    assert "already paused" in await say("/settings pause")
    reply = await say("/settings resume")
    assert "back on" in reply and "Next check-in: Monday 30 Nov, 09:00" in reply
    assert "aren't paused" in await say("/settings resume")
    assert "/settings timezone Europe/Berlin" in await say("/settings frobnicate")
    assert "/settings timezone Europe/Berlin" in await say("/settings pause now please")


async def test_old_panel_buttons_still_work(alice: UserClient, bot: BotHarness) -> None:
    old = await panel(alice)
    await panel(alice)
    bot.clock.advance(days=1)
    await alice.press(old, texts.BUTTON_PAUSE)
    assert "Check-ins paused" in ((await alice.expect_message()).text or "")
    assert (await state(bot, alice)).paused
