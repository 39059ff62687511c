"""Feedback rounds end to end: two seekers, three givers, anonymity, closing, bad links, focus."""

from __future__ import annotations

import re

from bot.devtools.client import BotMessage, UserClient
from bot.storage import focus
from bot.ui import texts
from tests.flows.conftest import onboard
from tests.harness import BotHarness

LINK_RE = re.compile(r"https://t\.me/ComebackTestBot\?start=(fb_[A-Za-z0-9_-]+)")


async def open_round(user: UserClient, goal: str | None = "land a data analyst role") -> str:
    """/feedback on a user without a round: goal, ten people; returns the start parameter."""
    await user.send("/feedback")
    intro = await user.expect_message()
    assert "three adjectives" in intro.text
    if goal is None:
        await user.press(intro, texts.BUTTON_SKIP)
    else:
        await user.send(goal)
    asked = await user.expect_message()
    await user.press(asked, "10")
    opened = await user.expect_message()
    forward = await user.expect_message()
    match = LINK_RE.search(forward.text or "")
    assert match is not None, forward.text
    assert match.group(0) in (opened.text or "")
    param = match.group(1)
    assert len(param) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", param)
    if goal is not None:
        assert goal in (forward.text or "")
    return param


async def give(
    giver: UserClient,
    param: str,
    *,
    better: str | None,
    adjectives: str | None,
    other: str | None,
) -> BotMessage:
    """A giver answers through the link; returns the bot's last message (the thanks)."""
    await giver.send(f"/start {param}")
    intro = await giver.expect_message()
    assert "honest feedback" in intro.text
    await giver.press(intro, texts.BUTTON_GIVE_START)
    for value in (better, adjectives, other):
        question = await giver.expect_message()
        if value is None:
            await giver.press(question, texts.BUTTON_SKIP)
        else:
            await giver.send(value)
    preview = await giver.expect_message()
    assert "without your name" in preview.text
    await giver.press(preview, texts.BUTTON_GIVE_SEND)
    return await giver.expect_message()


async def feedback_text(user: UserClient) -> tuple[str, list[BotMessage]]:
    await user.send("/feedback")
    first = await user.expect_message()
    shown = [first]
    # Results may span several messages; the last one carries the buttons.
    while not shown[-1].buttons:
        shown.append(await user.expect_message())
    return "\n".join(m.text or "" for m in shown), shown


async def test_two_seekers_three_givers(bot: BotHarness, alice: UserClient) -> None:
    emu = bot.emulator
    bob = emu.user("Bob")
    await onboard(bob)
    gina, hank, ivy = emu.user("Gina"), emu.user("Hank"), emu.user("Ivy")

    alice_param = await open_round(alice)
    bob_param = await open_round(bob, goal=None)
    assert alice_param != bob_param

    # One answer is not shown yet: it could be traced back.
    thanks = await give(
        gina,
        alice_param,
        better="Tell your story in <60 seconds & stop apologising",
        adjectives="Curious, reliable, direct",
        other=None,
    )
    assert "Alice" in thanks.text and "anonymously" in thanks.text
    text, _ = await feedback_text(alice)
    assert "1 of the 10" in text and "at least 3" in text and "Curious" not in text

    await give(
        hank,
        alice_param,
        better="Follow up with recruiters",
        adjectives="reliable; hard-working and CURIOUS",
        other="Ask for referrals",
    )
    await give(
        ivy,
        alice_param,
        better="follow up with recruiters!",
        adjectives="Relaible, Hard working, calm",
        other=None,
    )
    await give(gina, bob_param, better="Smile more", adjectives="kind, funny", other=None)
    await give(hank, bob_param, better=None, adjectives="kind", other="Rest")

    text, messages = await feedback_text(alice)
    assert "3 of the 10" in text
    lines = text.splitlines()
    adjectives = lines[lines.index("How people describe you") + 1 :][:4]
    assert adjectives == ["• reliable ×3", "• curious ×2", "• hard working ×2", "• calm ×1"]
    assert "• direct ×1" in text
    assert "• Follow up with recruiters (×2)" in text
    assert "• Tell your story in <60 seconds & stop apologising" in text  # escaped, intact
    assert "• Ask for referrals" in text
    assert "Smile more" not in text and "kind" not in text  # Bob's answers stay Bob's
    for name in ("Gina", "Hank", "Ivy"):
        assert name not in text
    assert texts.BUTTON_PICK_FOCUS in messages[-1].button_texts()

    bob_text, _ = await feedback_text(bob)  # two answers: not shown yet (issue 15)
    assert "2 of the 10" in bob_text and "at least 3" in bob_text and "kind" not in bob_text

    # Nothing that identifies a giver is stored with the answers.
    db = bot.svc.db
    giver_ids = {gina.id, hank.id, ivy.id}
    for table in ("feedback_answers", "feedback_givers", "feedback_rounds"):
        for row in await db.fetchall(f"SELECT * FROM {table}"):
            assert not giver_ids & set(tuple(row)), table
    assert await db.fetchval("SELECT COUNT(*) FROM feedback_givers") == 5
    # Givers were never sent through onboarding, and are not kept as users (issue 15).
    for giver in (gina, hank, ivy):
        row = await db.fetchone("SELECT onboarded_at FROM users WHERE user_id = ?", (giver.id,))
        assert row is None

    # Step 4: a focus from the feedback's themes, then a typed one; history keeps dates.
    await alice.press(messages[-1], texts.BUTTON_PICK_FOCUS)
    pick = await alice.expect_message()
    assert "No focus yet" in pick.text
    assert pick.button_texts()[0] == "Follow up with recruiters"
    await alice.press(pick, "Follow up with recruiters")
    chosen = await alice.expect_message()
    assert "Follow up with recruiters" in chosen.text
    current = await focus.current(db, alice.id)
    assert current is not None and current.text == "Follow up with recruiters"
    bot.clock.advance(days=9)
    await alice.send("/focus")
    again = await alice.expect_message()
    assert "since 25 Nov 2026" in again.text and texts.BUTTON_KEEP_FOCUS in again.button_texts()
    await alice.send("Pitch myself in <b>60</b> seconds")
    await alice.expect_message()
    current = await focus.current(db, alice.id)
    assert current is not None and current.text == "Pitch myself in <b>60</b> seconds"
    await alice.send("/focus")
    shown = await alice.expect_message()
    assert "Pitch myself in <b>60</b> seconds" in shown.text
    assert "• Follow up with recruiters (25 Nov 2026 – 04 Dec 2026)" in shown.text
    rows = await db.fetchall("SELECT * FROM focus WHERE user_id = ? ORDER BY id", (alice.id,))
    assert [(r["source"], r["ended_at"] is None) for r in rows] == [
        ("feedback", False),
        ("typed", True),
    ]
    await alice.press(shown, texts.BUTTON_KEEP_FOCUS)
    assert (await alice.expect_message()).text == texts.FOCUS_KEPT


async def test_a_giver_answers_only_once(bot: BotHarness, alice: UserClient) -> None:
    param = await open_round(alice)
    gina = bot.emulator.user("Gina")
    await give(gina, param, better="Listen more", adjectives="kind", other=None)
    await gina.send(f"/start {param}")
    assert (await gina.expect_message()).text == texts.GIVE_ALREADY
    await gina.expect_no_message()

    # Two tabs, one answer: the second submit is refused at the database.
    hank = bot.emulator.user("Hank")
    await hank.send(f"/start {param}")
    intro = await hank.expect_message()
    await hank.press(intro, texts.BUTTON_GIVE_START)
    for _ in range(3):
        await hank.press(await hank.expect_message(), texts.BUTTON_SKIP)
    assert (await hank.expect_message()).text == texts.GIVE_NOTHING  # all skipped: nothing
    await hank.send(f"/start {param}")
    intro = await hank.expect_message()
    await hank.press(intro, texts.BUTTON_GIVE_START)
    await hank.expect_message()
    await hank.send("Be bolder")
    await hank.press(await hank.expect_message(), texts.BUTTON_SKIP)
    await hank.press(await hank.expect_message(), texts.BUTTON_SKIP)
    preview = await hank.expect_message()
    from bot.domain import feedback as feedback_rules
    from bot.storage import feedback as store
    from bot.storage.server_secret import server_key

    round_ = await store.round_by_token(bot.svc.db, param.removeprefix("fb_"))
    assert round_ is not None
    await bot.svc.db.execute(
        "INSERT INTO feedback_givers (round_id, giver_hash) VALUES (?, ?)",
        (round_.id, feedback_rules.giver_hash(server_key(bot.svc.settings), round_.salt, hank.id)),
    )
    await hank.press(preview, texts.BUTTON_GIVE_SEND)
    assert (await hank.expect_message()).text == texts.GIVE_ALREADY
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM feedback_answers") == 1


async def test_closed_round_takes_no_answers(bot: BotHarness, alice: UserClient) -> None:
    param = await open_round(alice)
    gina, hank = bot.emulator.user("Gina"), bot.emulator.user("Hank")
    # Hank is half-way through when the round closes.
    await hank.send(f"/start {param}")
    await hank.press(await hank.expect_message(), texts.BUTTON_GIVE_START)
    await hank.expect_message()
    await hank.send("Network more")

    await alice.send("/feedback")
    status = await alice.expect_message()
    assert "0 of the 10" in status.text and "open until" in status.text
    close_data = status.button(texts.BUTTON_CLOSE_ROUND).callback_data
    assert close_data is not None
    await alice.press(status, texts.BUTTON_CLOSE_ROUND)
    assert (await alice.expect_message()).text == texts.FEEDBACK_CLOSED
    closed = await alice.expect_message()
    assert "closed" in closed.text and texts.BUTTON_CLOSE_ROUND not in closed.button_texts()
    await alice.press_data(status, close_data)  # the same button, again
    assert (await alice.expect_callback_answer()).text == texts.FEEDBACK_ALREADY_CLOSED

    await gina.send(f"/start {param}")
    assert (await gina.expect_message()).text == texts.GIVE_CLOSED
    await hank.press(await hank.expect_message(), texts.BUTTON_SKIP)  # adjectives
    await hank.press(await hank.expect_message(), texts.BUTTON_SKIP)  # other
    await hank.press(await hank.expect_message(), texts.BUTTON_GIVE_SEND)
    assert (await hank.expect_message()).text == texts.GIVE_CLOSED
    assert await bot.svc.db.fetchval("SELECT COUNT(*) FROM feedback_answers") == 0

    # A new round replaces it, with a new link.
    await alice.press(closed, texts.BUTTON_NEW_ROUND)
    intro = await alice.expect_message()
    await alice.press(intro, texts.BUTTON_SKIP)
    await alice.press(await alice.expect_message(), "5")
    await alice.expect_message()
    forward = await alice.expect_message()
    match = LINK_RE.search(forward.text or "")
    assert match is not None and match.group(1) != param


async def test_forged_expired_and_own_links(bot: BotHarness, alice: UserClient) -> None:
    param = await open_round(alice)
    gina = bot.emulator.user("Gina")
    for forged in (
        "fb_" + "A" * 32,
        "fb_short",
        "fb_" + param[3:-1] + ("B" if param[-1] != "B" else "C"),
    ):
        await gina.send(f"/start {forged}")
        assert (await gina.expect_message()).text == texts.FEEDBACK_LINK_EXPIRED
        await gina.expect_no_message()  # no onboarding after it

    await alice.send(f"/start {param}")
    assert (await alice.expect_message()).text == texts.GIVE_OWN_LINK

    bot.clock.advance(days=31)
    await gina.send(f"/start {param}")
    assert (await gina.expect_message()).text == texts.FEEDBACK_LINK_EXPIRED
    await alice.send("/feedback")
    status = await alice.expect_message()
    assert "expired" in status.text and "start=" not in status.text
    row = await bot.svc.db.fetchone("SELECT onboarded_at FROM users WHERE user_id = ?", (gina.id,))
    assert row is None  # a would-be giver is not kept as a user (issue 15)


async def test_giver_can_cancel_and_start_over(bot: BotHarness, alice: UserClient) -> None:
    param = await open_round(alice)
    gina = bot.emulator.user("Gina")
    await gina.send(f"/start {param}")
    intro = await gina.expect_message()
    await gina.press(intro, texts.BUTTON_GIVE_LATER)
    assert (await gina.expect_message()).text == texts.GIVE_DECLINED
    await gina.send(f"/start {param}")
    await gina.press(await gina.expect_message(), texts.BUTTON_GIVE_START)
    await gina.expect_message()
    await gina.send("x" * 1001)
    assert "limit here is 1000" in (await gina.expect_message()).text
    await gina.send("/cancel")
    assert "Nothing was saved" in (await gina.expect_message()).text
    await gina.send(f"/start {param}")
    await gina.press(await gina.expect_message(), texts.BUTTON_GIVE_START)
    await gina.expect_message()
    await gina.send("Be concise")
    await gina.send(",,, ;")
    await gina.expect_message()  # the adjectives question
    assert (await gina.expect_message()).html == texts.GIVE_NO_ADJECTIVES
    await gina.send("concise")
    await gina.press(await gina.expect_message(), texts.BUTTON_SKIP)
    preview = await gina.expect_message()
    assert "Be concise" in preview.text and "concise" in preview.text
    await gina.press(preview, texts.BUTTON_GIVE_REDO)
    await gina.expect_message()
    await gina.send("Be brief")
    await gina.press(await gina.expect_message(), texts.BUTTON_SKIP)
    await gina.press(await gina.expect_message(), texts.BUTTON_SKIP)
    preview = await gina.expect_message()
    assert "Be brief" in preview.text and "concise" not in preview.text
    await gina.press(preview, texts.BUTTON_GIVE_SEND)
    assert "Thank you" in (await gina.expect_message()).text
    row = await bot.svc.db.fetchone("SELECT * FROM feedback_answers")
    assert row is not None and row["do_better"] == "Be brief" and row["adjectives"] == "[]"
