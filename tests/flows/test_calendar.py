"""The weekly check-in as a calendar invite: after onboarding and after every change of the
check-in's day, time or zone, one message: the confirmation as the caption of an .ics file
that calendar apps import (read back here with the icalendar package)."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar

from bot.devtools.client import BotMessage, UserClient
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.harness import BotHarness


def read_invite(msg: BotMessage) -> icalendar.Event:
    assert msg.kind == "document" and msg.file_name == "comeback-check-in.ics"
    assert msg.document_bytes is not None
    assert msg.document_bytes.endswith(b"END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(msg.document_bytes)
    (event,) = calendar.walk("VEVENT")
    return event


def local_hour_on(event: icalendar.Event, calendar: bytes, day: datetime) -> datetime:
    """The event's occurrence on ``day``'s date, in UTC, by the file's own VTIMEZONE."""
    (zone,) = icalendar.Calendar.from_ical(calendar).walk("VTIMEZONE")
    start = event.decoded("DTSTART")
    local = datetime.combine(day.date(), start.time()).replace(tzinfo=zone.to_tz(lookup_tzid=False))
    return local.astimezone(UTC)


async def test_onboarding_ends_with_the_invite(bot: BotHarness) -> None:
    dana = bot.emulator.user("Dana")
    await dana.send("/start")
    for _ in range(3):
        await dana.expect_message()
    await dana.send("Berlin")
    await dana.press(await dana.expect_message(), "✓ Yes")
    await dana.expect_message()
    await dana.press(await dana.expect_message(), "✓ Sunday 18:00")
    done = await dana.expect_message()
    assert done.text is not None
    assert done.text.startswith("All set. Your first check-in: Sunday 29 Nov, 18:00.")
    assert done.text.endswith(texts.CALENDAR_HINT)
    assert done.button_texts() == ["😞 Log a rejection"]  # the way on, as before
    event = read_invite(done)
    assert event.decoded("DTSTART") == datetime(2026, 11, 29, 18, 0).replace(
        tzinfo=event.decoded("DTSTART").tzinfo
    )
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    link = f"https://t.me/{bot.emulator.bot.username}"
    assert str(event["URL"]) == link
    assert link in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Comeback check-in"
    # The local hour holds across daylight saving: 18:00 is 16:00 UTC in July, 17:00 in
    # January, read through the VTIMEZONE inside the file (not Python's zone data).
    data = done.document_bytes
    assert data is not None
    assert local_hour_on(event, data, datetime(2027, 7, 4)) == datetime(2027, 7, 4, 16, tzinfo=UTC)
    assert local_hour_on(event, data, datetime(2027, 1, 3)) == datetime(2027, 1, 3, 17, tzinfo=UTC)
    await dana.expect_no_message()


async def test_a_new_schedule_or_zone_sends_an_invite_that_replaces_the_old(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/settings checkin monday 9:00")
    saved = await alice.expect_message()
    assert saved.text is not None and saved.text.startswith("🗓 Check-ins: Mondays at 09:00.")
    assert texts.BUTTON_SET_TZ in saved.button_texts()  # the panel, as before
    first = read_invite(saved)
    assert first["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert first.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 11, 30, 9, 0)

    bot.clock.advance(minutes=5)
    await alice.send("/settings timezone America/New_York")
    moved = await alice.expect_message()
    assert moved.text is not None and moved.text.startswith("🌍 Time zone set")
    second = read_invite(moved)
    assert str(second["DTSTART"].params["TZID"]) == "America/New_York"
    assert second.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 11, 30, 9, 0)
    # The same event, a later version: a calendar updates it instead of adding another.
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    await alice.expect_no_message()


async def test_the_invite_is_the_persons_own(bot: BotHarness) -> None:
    ana, ben = bot.emulator.user("Ana"), bot.emulator.user("Ben")
    uids = []
    for user in (ana, ben):
        await onboard(user)
        await user.send("/settings checkin friday 17:00")
        uids.append(str(read_invite(await user.expect_message())["UID"]))
    assert uids[0] != uids[1]
