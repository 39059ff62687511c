"""The dashboard's API: who may ask (401 otherwise), what each person sees (their own data
only), and plan buttons that change what the chat shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.devtools.client import UserClient
from bot.storage import entries, focus, users
from bot.ui import texts
from bot.ui.dates import format_short_date
from bot.ui.i18n import use_language
from bot.web import auth
from tests.harness import TOKEN, BotHarness
from tests.web.conftest import Page, person

OTHER_TOKEN = "987654321:AAHanotherBotsTokenForTheTests00"


async def seed(bot: BotHarness, user: UserClient, word: str) -> entries.Plan:
    """A rejection with a plan, a win and a focus, all carrying ``word``."""
    db, now = bot.svc.db, bot.clock.now()
    rejection = await entries.add_rejection(
        db,
        user_id=user.id,
        kind="interview",
        other_text=None,
        where_text=f"{word} Corp",
        hurt=4,
        in_control=None,
        now=now - timedelta(days=3),
    )
    await entries.set_hurt_after(db, user.id, rejection.id, 2)
    plan = await entries.add_plan(
        db,
        user_id=user.id,
        rejection_id=rejection.id,
        if_do=f"write to {word}",
        then_happens="I get an answer",
        follow_up_on=None,
        follow_up_due=None,
        now=now - timedelta(days=3),
    )
    await entries.add_win(db, user_id=user.id, text=f"{word} called back", now=now)
    await focus.set_focus(db, user_id=user.id, text=f"{word} interviews", source="typed", now=now)
    return plan


async def test_who_may_ask(bot: BotHarness, page: Page, alice: UserClient) -> None:
    await seed(bot, alice, "Acme")
    good = page.init_data(alice)
    old = page.init_data(alice, now=bot.clock.now() - timedelta(hours=25))
    cases = {
        "none": None,
        "tampered": good.replace("Alice", "Alicf"),
        "expired": old,
        "another bot": page.init_data(alice, token=OTHER_TOKEN),
        "duplicate key": good + "&auth_date=1",
        "garbage": "hello",
    }
    for name, init_data in cases.items():
        status, body = await page.get(init_data)
        assert status == 401, name
        assert body == {"message": texts.DASHBOARD_UNAUTHORIZED}, name
    stranger = bot.emulator.user("Stranger")  # signed by Telegram, never talked to the bot
    assert (await page.get(page.init_data(stranger)))[0] == 401

    status, body = await page.get(good)
    assert status == 200
    assert body["name"] == "Alice"
    assert body["focus"] == "Acme interviews"
    assert [p["text"] for p in body["plans"]] == ["If I write to Acme, then I get an answer."]
    kinds = [item["kind"] for item in body["timeline"]]
    assert kinds == ["win", "rejection"]
    assert body["timeline"][1]["title"].endswith("· Acme Corp")
    assert body["timeline"][1]["detail"] == "landed 4/5, then 2/5"
    assert "<svg" in body["trend_svg"] and "<svg" in body["weekly_svg"]
    assert body["texts"]["done"] == texts.BUTTON_DONE


async def test_one_person_never_sees_another(
    bot: BotHarness, page: Page, alice: UserClient
) -> None:
    alice_plan = await seed(bot, alice, "Acme")
    bob = await person(bot, "Bob")
    await seed(bot, bob, "Globex")
    status, body = await page.get(page.init_data(bob))
    assert status == 200
    assert "Acme" not in str(body) and "Alice" not in str(body)
    assert "Globex" in str(body)
    # Bob can't close Alice's plan by its id: it stays open, as the chat shows it.
    status, body = await page.post(page.init_data(bob), alice_plan.id, {"action": "done"})
    assert status == 404
    assert body["message"] == texts.PLAN_GONE
    assert "Acme" not in str(body)
    still = await entries.get_plan(bot.svc.db, alice.id, alice_plan.id)
    assert still is not None and still.status == "open"


async def test_done_then_it_happened_shows_in_the_chat(
    bot: BotHarness, page: Page, alice: UserClient
) -> None:
    plan = await seed(bot, alice, "Acme")
    me = page.init_data(alice)
    status, body = await page.post(me, plan.id, {"action": "done"})
    assert status == 200
    assert body["message"] == texts.DASHBOARD_PAGE["plan_done"]
    assert body["ask"]["text"] == "Did “I get an answer” happen?"
    choices = [(b["label"], b["action"]) for b in body["ask"]["buttons"]]
    assert choices == [
        (texts.BUTTON_OUTCOME_YES, "yes"),
        (texts.BUTTON_OUTCOME_NOT_YET, "not_yet"),
        (texts.BUTTON_OUTCOME_NO, "no"),
    ]
    assert body["summary"]["plans"] == []
    # The same tap again: already closed, nothing changes.
    status, again = await page.post(me, plan.id, {"action": "done"})
    assert (status, again["message"]) == (409, texts.PLAN_GONE)

    await alice.send("/plans")
    assert (await alice.expect_message()).html == texts.NO_PLANS

    status, body = await page.post(me, plan.id, {"action": "yes"})
    assert status == 200
    assert body["ask"]["text"] == "🎉 It happened: “I get an answer”. That's a win: log it?"
    assert body["ask"]["buttons"] == [{"label": texts.BUTTON_LOG_WIN, "action": "win"}]
    status, body = await page.post(me, plan.id, {"action": "win"})
    assert (status, body["message"]) == (200, "🏆 Logged as a win: I get an answer")
    wins = [i["title"] for i in body["summary"]["timeline"] if i["kind"] == "win"]
    assert wins == ["I get an answer", "Acme called back"]
    status, body = await page.post(me, plan.id, {"action": "win"})  # logged once
    assert (status, body["message"]) == (409, texts.PLAN_OUTCOME_ANSWERED)
    closed = await entries.get_plan(bot.svc.db, alice.id, plan.id)
    assert closed is not None and (closed.status, closed.outcome) == ("done", "yes")
    assert closed.win_id is not None
    await alice.send("/history")
    assert "I get an answer" in ((await alice.expect_message()).text or "")


async def test_it_did_not_happen_or_not_yet(bot: BotHarness, page: Page, alice: UserClient) -> None:
    first = await seed(bot, alice, "Acme")
    second = await seed(bot, alice, "Globex")
    me = page.init_data(alice)
    status, _ = await page.post(me, first.id, {"action": "yes"})  # not done yet: refused
    assert status == 400
    for plan in (first, second):
        assert (await page.post(me, plan.id, {"action": "done"}))[0] == 200
    status, body = await page.post(me, first.id, {"action": "no"})
    assert (status, body["message"]) == (200, texts.DASHBOARD_PAGE["outcome_no"])
    status, body = await page.post(me, second.id, {"action": "not_yet"})
    assert status == 200
    # Wed 25 Nov + a week: asked once more in the chat on Wed 2 Dec.
    assert body["message"] == texts.DASHBOARD_PAGE["outcome_not_yet"].format(day="Wed 2 Dec")
    found = {
        p.id: p
        for p in [await entries.get_plan(bot.svc.db, alice.id, x.id) for x in (first, second)]
        if p
    }
    assert found[first.id].outcome == "no" and found[second.id].outcome == "not_yet"
    assert found[second.id].outcome_due is not None


async def test_not_yet_moves_the_day_and_drop_closes(
    bot: BotHarness, page: Page, alice: UserClient
) -> None:
    plan = await seed(bot, alice, "Acme")
    me = page.init_data(alice)
    status, body = await page.get(me)
    day = body["days"][1]
    status, body = await page.post(me, plan.id, {"action": "day", "day": day["date"]})
    assert status == 200
    assert body["message"].startswith("Moved. I'll ask you on ")
    moved = await entries.get_plan(bot.svc.db, alice.id, plan.id)
    assert moved is not None and moved.follow_up_on is not None
    assert moved.follow_up_on.isoformat() == day["date"]
    # A day that was not offered, an unknown action, a body that is not JSON: 400, kept.
    for bad in ({"action": "day", "day": "2020-01-01"}, {"action": "fly"}, ["done"]):
        status, body = await page.post(me, plan.id, bad)
        assert status == 400, bad
        assert body["message"] == texts.DASHBOARD_PAGE["error"]
    status, body = await page.post(me, plan.id, {"action": "drop"})
    assert (status, body["message"]) == (200, texts.DASHBOARD_PAGE["plan_dropped"])
    await alice.send("/plans")
    assert (await alice.expect_message()).html == texts.NO_PLANS


async def test_the_page_and_its_files(page: Page) -> None:
    for path, kind in (("/", "text/html"), ("", "text/html"), ("/app.js", "text/javascript")):
        async with page.session.get(page.url + path) as response:
            assert response.status == 200
            assert response.content_type == kind
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
            body = await response.text()
    async with page.session.get(page.url + "/") as response:
        html = await response.text()
    assert 'src="/dashboard/app.js"' in html and "{{base}}" not in html
    assert "initData" in body
    async with page.session.get(page.url + "/../bot/config.py") as response:
        assert response.status == 404


async def test_in_the_persons_language_and_zone(bot: BotHarness, page: Page) -> None:
    """A person whose Telegram is in German reads the page in German, dates in their zone."""
    jonas = bot.emulator.user("Jonas", language_code="de")
    now = bot.clock.now()
    await users.seen(
        bot.svc.db,
        user_id=jonas.id,
        chat_id=jonas.chat_id,
        first_name="Jonas",
        language_code="de",
        default_timezone="Pacific/Auckland",
        now=now,
    )
    # 23:30 UTC on 1 Oct is already 2 Oct in Auckland.
    late = datetime(2026, 10, 1, 23, 30, tzinfo=UTC)
    await entries.add_win(bot.svc.db, user_id=jonas.id, text="Angebot!", now=late)
    status, body = await page.get(auth.init_data_for(jonas.id, "Jonas", "de", now, TOKEN))
    assert status == 200
    with use_language("de"):
        assert body["texts"]["done"] == texts.BUTTON_DONE != "✅ Done"
        assert body["timeline"][0]["date"] == format_short_date(date(2026, 10, 2))
        assert body["timeline"][0]["date"] != format_short_date(date(2026, 10, 1))
