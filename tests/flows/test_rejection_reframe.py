"""Log a rejection, reframe it, and the plan that comes out of it — as a chat."""

from __future__ import annotations

from datetime import date, timedelta

from bot.devtools.client import UserClient
from bot.flows.common import ScaleTap
from bot.flows.plans import PlanTap
from bot.flows.rejection import KindTap
from bot.storage import entries
from bot.ui import texts
from bot.ui.callbacks import ReframeRejection
from tests.flows.conftest import plan_for_today
from tests.harness import BotHarness


async def log_rejection(user: UserClient, *, where: str | None = "ACME, data analyst") -> None:
    await user.send("/rejection")
    kind = await user.expect_message()
    await user.press(kind, "No offer after an interview")
    where_q = await user.expect_message()
    if where is None:
        await user.press(where_q, texts.BUTTON_SKIP)
    else:
        await user.send(where)
    hurt = await user.expect_message()
    await user.press(hurt, "4")
    control = await user.expect_message()
    assert control.text == texts.ASK_CONTROL
    await user.send("Ask for feedback at the end of the interview")


async def test_log_and_reframe_a_rejection(alice: UserClient, bot: BotHarness) -> None:
    await log_rejection(alice)
    saved = await alice.expect_message()
    assert "healthier" in saved.text and texts.BUTTON_REFRAME_NOW in saved.button_texts()
    await alice.press(saved, texts.BUTTON_REFRAME_NOW)
    belief = await alice.expect_message()  # the first reframe: a belief of one's own
    assert belief.text == texts.ASK_BELIEF
    await alice.send("A no today is a step towards a yes")
    assert "A no today is a step towards a yes" in (await alice.expect_message()).text
    ask_if = await alice.expect_message()
    assert "If I do" in ask_if.text and "🌱 A no today is a step towards a yes" in ask_if.text
    await alice.send("If I message two former colleagues")
    ask_then = await alice.expect_message()
    assert "If I message two former colleagues" in ask_then.text
    await alice.send("then one of them will refer me.")
    when = await alice.expect_message()
    assert "If I message two former colleagues, then one of them will refer me." in when.text
    await alice.press(when, "Tomorrow")
    planned = await alice.expect_message()
    assert "tomorrow" in planned.text
    hurt_after = await alice.expect_message()
    await alice.press(hurt_after, "2")
    closing = await alice.expect_message()
    assert "from 4 to 2" in closing.text

    db = bot.svc.db
    rejection = await db.fetchone("SELECT * FROM rejections WHERE user_id = ?", (alice.id,))
    assert rejection is not None
    assert (rejection["kind"], rejection["where_text"], rejection["hurt"]) == (
        "interview",
        "ACME, data analyst",
        4,
    )
    assert rejection["hurt_after"] == 2
    assert rejection["in_control"] == "Ask for feedback at the end of the interview"
    plan = await db.fetchone("SELECT * FROM plans WHERE user_id = ?", (alice.id,))
    assert plan is not None
    assert plan["rejection_id"] == rejection["id"]
    assert (plan["if_do"], plan["then_happens"]) == (
        "message two former colleagues",
        "one of them will refer me",
    )
    assert plan["follow_up_on"] == "2026-11-26"
    # 18:00 in Berlin (UTC+1 in November) is 17:00 UTC
    assert plan["follow_up_due"] == "2026-11-26T17:00:00Z"


async def test_other_kind_asks_for_a_short_text_and_skips(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, "Something else")
    other = await alice.expect_message()
    assert other.text == texts.ASK_OTHER
    await alice.send("Ghosted after a <b>take-home</b> & a call")
    where = await alice.expect_message()
    await alice.press(where, texts.BUTTON_SKIP)
    hurt = await alice.expect_message()
    await alice.press(hurt, "3")
    control = await alice.expect_message()
    await alice.press(control, texts.BUTTON_SKIP)
    saved = await alice.expect_message()
    await alice.press(saved, texts.BUTTON_NOT_NOW)
    assert (await alice.expect_message()).text == texts.MENU
    row = await bot.svc.db.fetchone("SELECT * FROM rejections WHERE user_id = ?", (alice.id,))
    assert row is not None
    assert row["other_text"] == "Ghosted after a <b>take-home</b> & a call"
    assert row["where_text"] is None and row["in_control"] is None
    await alice.send("/history")
    history = await alice.expect_message()
    assert "Ghosted after a <b>take-home</b> & a call" in history.text  # shown as typed


async def test_cancel_keeps_the_draft_and_resumes(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, "Meeting request ignored")
    await alice.expect_message()  # where?
    await alice.send("Globex")
    hurt = await alice.expect_message()
    await alice.send("/cancel")
    left = await alice.expect_message()
    assert "kept" in left.text and "/rejection" in left.text
    await alice.press(hurt, "5")  # a button from the flow that was left
    answer = await alice.expect_callback_answer()
    assert answer.text == texts.EXPIRED
    assert (await alice.expect_message()).text == texts.EXPIRED_WITH_MENU
    await alice.send("/rejection")
    resume = await alice.expect_message()
    assert "unfinished" in resume.text
    await alice.press(resume, texts.BUTTON_CONTINUE)
    hurt_again = await alice.expect_message()
    assert hurt_again.text == texts.ASK_HURT
    await alice.press(hurt_again, "5")
    control = await alice.expect_message()
    await alice.press(control, texts.BUTTON_SKIP)
    await alice.expect_message()
    row = await bot.svc.db.fetchone("SELECT * FROM rejections WHERE user_id = ?", (alice.id,))
    assert row is not None and (row["kind"], row["where_text"], row["hurt"]) == (
        "meeting",
        "Globex",
        5,
    )


async def test_cancel_button_at_the_first_step_saves_nothing(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, texts.BUTTON_CANCEL)
    left = await alice.expect_message()
    assert "Nothing was saved" in left.text
    await alice.send("/rejection")
    assert (await alice.expect_message()).text == texts.ASK_KIND  # no resume offer


async def test_bad_input_at_each_step_keeps_the_flow(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/rejection")
    assert (await alice.expect_message()).text == texts.ASK_KIND
    await alice.send("the recruiter")  # typed where buttons are shown: read for its kind
    assert (await alice.expect_message()).text == "Noted: Recruiter didn't follow up."
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send_sticker()
    assert (await alice.expect_message()).text == texts.MEDIA_IN_FLOW
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("x" * 201)
    too_long = await alice.expect_message()
    assert "201" in too_long.text and "200" in too_long.text
    await alice.send("/frobnicate")  # not a command: the flow stays
    assert (await alice.expect_message()).text == texts.UNKNOWN_COMMAND_IN_FLOW
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    await alice.send("Initech")
    hurt = await alice.expect_message()
    assert hurt.text == texts.ASK_HURT
    await alice.send("very hard")
    assert (await alice.expect_message()).text == texts.HURT_HINT
    first = await alice.press(hurt, "2")
    second = await alice.press(hurt, "2")  # a double tap
    control = await alice.expect_message()
    assert control.text == texts.ASK_CONTROL
    assert (await first.answer()).text is None
    assert (await second.answer()).text == texts.EXPIRED
    await alice.send_photo()
    assert (await alice.expect_message()).text == texts.MEDIA_IN_FLOW
    await alice.expect_message()
    await alice.send("y" * 1001)
    assert "1000" in (await alice.expect_message()).text
    await alice.send("Follow up after a week")
    await alice.expect_message()
    row = await bot.svc.db.fetchone("SELECT kind, where_text, hurt FROM rejections")
    assert row is not None and tuple(row) == ("recruiter", "Initech", 2)


async def test_standalone_reframe_pick_a_day(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/reframe")
    await alice.expect_message()
    await alice.send("apply to 3 roles that fit")
    await alice.expect_message()
    await alice.send("I will get at least one call back")
    when = await alice.expect_message()
    await alice.press(when, "Pick a day")
    days = await alice.expect_message()
    assert len(days.button_texts()) == 7
    await alice.press(days, 2)  # the third day from tomorrow: Saturday 28 Nov
    saved = await alice.expect_message()
    assert "Sat 28 Nov" in saved.text
    menu = await alice.expect_message()
    assert menu.text == texts.MENU
    plan = await bot.svc.db.fetchone("SELECT * FROM plans")
    assert plan is not None and plan["rejection_id"] is None
    assert plan["follow_up_on"] == "2026-11-28"


async def test_reframe_it_now_for_someone_elses_rejection_is_refused(
    alice: UserClient, bot: BotHarness
) -> None:
    await log_rejection(alice)
    saved = await alice.expect_message()
    mallory = bot.emulator.user("Mallory")
    await mallory.send("/help")
    menu = await mallory.expect_message()
    rejection_id = await bot.svc.db.fetchval("SELECT id FROM rejections")
    await mallory.press_data(menu, ReframeRejection(rejection_id).pack())
    assert (await mallory.expect_callback_answer()).text == texts.EXPIRED
    await bot.emulator.settle()
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM plans") == 0
    assert saved.button_texts()  # alice's own button is still there


async def test_follow_up_sent_once_and_buttons_work(alice: UserClient, bot: BotHarness) -> None:
    await plan_for_today(alice)
    await bot.tick()
    await alice.expect_no_message()
    bot.clock.advance(hours=6)  # 18:00 Berlin = 17:00 UTC; start is 12:00 UTC
    await bot.tick()
    await bot.tick()
    reminder = await alice.expect_message()
    assert "Did you do it?" in reminder.text and "If I call Jo" in reminder.text
    await alice.expect_no_message()
    await alice.press(reminder, texts.BUTTON_NOT_YET)
    picker = await alice.expect_edit(reminder)
    await alice.press(picker, 0)  # tomorrow
    rescheduled = await alice.expect_edit(picker)
    assert "New follow-up" in rescheduled.text
    bot.clock.advance(days=1)
    await bot.tick()
    again = await alice.expect_message()
    await alice.press(again, texts.BUTTON_DONE)
    done = await alice.expect_edit(again)
    assert done.text.startswith("✅ Done")
    plan_id = await bot.svc.db.fetchval("SELECT id FROM plans")
    await alice.press_data(reminder, PlanTap(plan_id, "drop").pack())  # the first reminder's Drop
    assert (await alice.expect_callback_answer()).text == texts.PLAN_GONE
    status = await bot.svc.db.fetchval("SELECT status FROM plans")
    assert status == "done"


async def test_follow_up_survives_a_restart_and_is_sent_once(
    alice: UserClient, bot: BotHarness
) -> None:
    await plan_for_today(alice)
    bot.clock.advance(hours=6)
    await bot.tick()
    await alice.expect_message()
    await bot.restart()
    await bot.tick()
    await alice.expect_no_message()
    assert len([m for m in await alice.messages() if "Did you do it?" in m.text]) == 1


async def test_plans_list_and_forged_plan_ids(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/plans")
    assert (await alice.expect_message()).text == texts.NO_PLANS
    await entries.add_plan(
        bot.svc.db, user_id=alice.id, rejection_id=None, if_do="a", then_happens="b",
        follow_up_on=None, follow_up_due=None, now=bot.clock.now(),
    )  # fmt: skip
    await alice.send("/plans")
    assert "1" in (await alice.expect_message()).text
    item = await alice.expect_message()
    assert "If I a, then b." in item.text
    mallory = bot.emulator.user("Mallory")
    await mallory.send("/help")
    menu = await mallory.expect_message()
    plan_id = await bot.svc.db.fetchval("SELECT id FROM plans")
    await mallory.press_data(menu, PlanTap(plan_id, "done").pack())
    assert (await mallory.expect_callback_answer()).text == texts.PLAN_GONE
    past = date(2020, 1, 1)
    await mallory.press_data(menu, PlanTap(plan_id, "day", past).pack())
    assert (await mallory.expect_callback_answer()).text == texts.PLAN_GONE
    assert await bot.svc.db.fetchval("SELECT status FROM plans") == "open"
    await alice.press_data(item, PlanTap(plan_id, "day", past).pack())  # a day in the past
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
    bot.clock.advance(seconds=timedelta(days=1).total_seconds())


async def test_an_old_skip_button_does_not_skip_a_later_step(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    await alice.press(kind, "Meeting request ignored")
    where = await alice.expect_message()
    await alice.send("Umbrella Corp")  # typed, so the Skip under "where" stays
    hurt = await alice.expect_message()
    await alice.press(hurt, "3")
    control = await alice.expect_message()
    assert control.text == texts.ASK_CONTROL
    old_skip = await alice.press(where, texts.BUTTON_SKIP)
    assert (await old_skip.answer()).text == texts.EXPIRED
    await alice.send("Follow up in two days")
    assert "Logged" in (await alice.expect_message()).text
    row = await bot.svc.db.fetchone("SELECT where_text, in_control FROM rejections")
    assert row is not None and tuple(row) == ("Umbrella Corp", "Follow up in two days")


async def test_forged_and_misplaced_flow_buttons_change_nothing(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send("/rejection")
    kind = await alice.expect_message()
    real = KindTap.parse(kind.buttons[0][0].callback_data)
    assert real is not None and real.flow == "rj"
    other_run = "0000" if real.nonce != "0000" else "ffff"
    # A kind from another run of the flow, and this run's 1–5 scale at the kind step.
    await alice.press_data(kind, KindTap("other", flow="rj", nonce=other_run).pack())
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
    await alice.press_data(kind, ScaleTap(5, flow="rj", nonce=real.nonce).pack())
    assert (await alice.expect_callback_answer()).text == texts.EXPIRED
    # Another flow's button while this one runs.
    await alice.press_data(kind, KindTap("other", flow="rf", nonce=real.nonce).pack())
    assert "middle of the rejection log" in (await alice.expect_callback_answer()).text
    await alice.press(kind, "Recruiter didn't follow up")  # the real buttons still work
    assert (await alice.expect_message()).text == texts.ASK_WHERE
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM rejections") == 0
