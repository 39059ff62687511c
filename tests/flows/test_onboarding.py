"""Onboarding: time zone by button, city, offset, location, candidates; the check-in slot."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.storage import users
from bot.ui import texts
from tests.harness import BotHarness


async def start(user: UserClient) -> None:
    await user.send("/start")
    await user.expect_message()  # welcome
    await user.expect_message()  # the question with zone buttons
    hint = await user.expect_message()
    assert hint.keyboard == [[texts.BUTTON_SHARE_LOCATION]]


async def test_city_confirm_and_default_slot(bot: BotHarness) -> None:
    bo = bot.emulator.user("Bo")
    await start(bo)
    await bo.send("sao paulo")
    confirm = await bo.expect_message()
    # 12:00 UTC on Wednesday 25 Nov 2026 is 09:00 in São Paulo
    assert "09:00" in confirm.text and "Wednesday" in confirm.text
    await bo.press(confirm, texts.TZ_YES)
    assert "America/Sao_Paulo" in (await bo.expect_message()).text
    slot = await bo.expect_message()
    await bo.press(slot, texts.CHECKIN_KEEP)
    done = await bo.expect_message()
    assert "Sunday 29 Nov, 18:00" in done.text
    user = await users.get(bot.svc.db, bo.id)
    assert user is not None and user.onboarded and user.timezone == "America/Sao_Paulo"
    assert user.next_checkin_due is not None
    assert user.next_checkin_due.isoformat() == "2026-11-29T21:00:00+00:00"


async def test_zone_button_no_then_offset_and_another_day(bot: BotHarness) -> None:
    cy = bot.emulator.user("Cy")
    await cy.send("/start")
    await cy.expect_message()
    question = await cy.expect_message()
    await cy.expect_message()
    await cy.press(question, 0)
    confirm = await cy.expect_message()
    await cy.press(confirm, texts.TZ_NO)
    await cy.expect_message()  # asked again
    await cy.expect_message()
    await cy.send("UTC+2")
    confirm = await cy.expect_message()
    assert "14:00" in confirm.text
    await cy.press(confirm, texts.TZ_YES)
    await cy.expect_message()
    slot = await cy.expect_message()
    await cy.press(slot, texts.CHECKIN_OTHER)
    days = await cy.expect_message()
    await cy.press(days, "Monday")
    hours = await cy.expect_message()
    await cy.press(hours, "08:00")
    done = await cy.expect_message()
    assert "Monday 30 Nov, 08:00" in done.text
    user = await users.get(bot.svc.db, cy.id)
    assert user is not None and user.timezone == "Etc/GMT-2" and user.checkin_weekday == 0


async def test_location_and_unknown_place(bot: BotHarness) -> None:
    di = bot.emulator.user("Di")
    await start(di)
    await di.send("Xqzzyvillezzz")
    reply = await di.expect_message()
    assert reply.button_texts() or "couldn't find" in reply.text
    await di.send_location(35.68, 139.69)  # Tokyo
    confirm = await di.expect_message()
    assert "21:00" in confirm.text  # 12:00 UTC is 21:00 in Tokyo
    await di.press(confirm, texts.TZ_YES)
    await di.expect_message()
    await di.expect_message()
    user = await users.get(bot.svc.db, di.id)
    assert user is not None and user.timezone == "Asia/Tokyo"


async def test_ambiguous_entry_offers_candidates(bot: BotHarness) -> None:
    ed = bot.emulator.user("Ed")
    await start(ed)
    await ed.send("Berln")
    options = await ed.expect_message()
    assert options.text == texts.TZ_CANDIDATES
    assert any("Berlin" in b for b in options.button_texts())
    berlin = next(b for b in options.button_texts() if "Berlin" in b)
    await ed.press(options, berlin)
    confirm = await ed.expect_message()
    assert "13:00" in confirm.text


async def test_feedback_deep_link_is_not_active_yet(bot: BotHarness) -> None:
    fay = bot.emulator.user("Fay")
    await fay.send("/start fb_abcdef")
    assert (await fay.expect_message()).text == texts.FEEDBACK_LINK_EXPIRED


async def test_onboarding_resumes_after_restart(bot: BotHarness) -> None:
    gus = bot.emulator.user("Gus")
    await start(gus)
    await gus.send("Kolkata")
    confirm = await gus.expect_message()
    await bot.restart()
    await gus.press(confirm, texts.TZ_YES)
    assert "Asia/Kolkata" in (await gus.expect_message()).text
