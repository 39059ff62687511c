"""The funnel, framed the article's way, in /stats and the check-in; and progress shared with a
circle — a count, never a company."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.ui import texts
from tests.flows.circles_support import circle_of_two
from tests.harness import BotHarness

FUNNEL = (
    "Applications — this week (all time)\n\n"
    "📨 Sent: 2 (3)\n"
    "📬 Answers: 1 (2)\n"
    "🗓 Interviews: 1 (1)\n"
    "🎉 Offers: 0 (0)\n"
    "Response rate: 67% of what you sent got an answer.\n\n"
    "💪 Every “no” brings the next “yes” closer — and 1 “no” is already behind you."
)


async def three_applications(alice: UserClient) -> None:
    """Globex and Initech today (Initech has an interview), Acme's "no" two weeks ago."""
    for company in ("Globex", "Initech"):
        await alice.send(f"/applied {company}")
        await alice.expect_message()
    await alice.send("/applications")
    board = await alice.expect_message()
    await alice.press(board, "1. Initech")
    card = await alice.expect_edit(board)
    await alice.press(card, "🗓 Interview")
    days = await alice.expect_message()
    await alice.press(days, texts.BUTTON_APP_NO_DATE)
    await alice.expect_message()
    await alice.send_document(b"company,date,status\nAcme,2026-11-10,rejected\n", "old.csv")
    preview = await alice.expect_message()
    await alice.press(preview, "✓ Import 1")
    await alice.expect_message()


async def test_stats_shows_the_funnel_and_its_chart(alice: UserClient, bot: BotHarness) -> None:
    await alice.send("/stats")
    assert (await alice.expect_message()).text == texts.STATS_EMPTY
    await three_applications(alice)
    await alice.send("/stats")
    funnel = await alice.expect_message()
    assert funnel.text == FUNNEL
    chart = await alice.expect_message()
    assert chart.kind == "photo" and chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")
    assert chart.button_texts()  # the menu: no dead end


async def test_stats_with_other_numbers_ends_with_the_funnel(
    alice: UserClient, bot: BotHarness
) -> None:
    await three_applications(alice)
    await alice.send("/win Sent three applications")
    await alice.expect_message()
    await alice.send("/stats")
    numbers = await alice.expect_message()
    assert numbers.text is not None and "🏆 Wins: 1" in numbers.text
    weekly = await alice.expect_message()
    assert weekly.kind == "photo" and weekly.buttons == []
    assert (await alice.expect_message()).text == FUNNEL
    last = await alice.expect_message()
    assert last.kind == "photo" and last.button_texts()


async def test_the_check_in_summary_has_the_weeks_funnel(
    alice: UserClient, bot: BotHarness
) -> None:
    await three_applications(alice)
    await alice.send("/checkin")
    summary = await alice.expect_message()
    assert summary.kind == "photo" and summary.text is not None
    assert summary.text.endswith("📨 Applications: sent 2 · answers 1 · interviews 1 · offers 0")


async def test_progress_shared_in_a_circle_never_names_a_company(
    alice: UserClient, bot: BotHarness
) -> None:
    bob, circle = await circle_of_two(bot, alice)
    await alice.send("/applications")
    empty = await alice.expect_message()
    assert texts.BUTTON_SHARE_PROGRESS not in empty.button_texts()  # nothing sent yet
    for company in ("Globex", "Initech"):
        await alice.send(f"/applied {company}, data analyst")
        await alice.expect_message()
    await alice.send("/applications")
    board = await alice.expect_message()
    await alice.press(board, texts.BUTTON_SHARE_PROGRESS)
    screen = await alice.expect_message()
    assert screen.text == (
        "Your circle would see only this — never a company:\n\n"
        "📨 Alice sent 2 applications this week."
    )
    assert screen.button_texts() == ["📣 Share with Job Club", texts.BUTTON_KEEP_PRIVATE]
    await alice.press(screen, "📣 Share with Job Club")
    assert (await alice.expect_callback_answer()).text == "📣 Shared in Job Club."
    post = await circle.group.expect_message()
    assert post.text == "📨 Alice sent 2 applications this week."
    assert "Globex" not in (post.html or "") and "analyst" not in (post.html or "")
    share = await bot.svc.db.fetchone("SELECT sent, chat_id, message_id FROM application_shares")
    assert share is not None and tuple(share) == (2, circle.group.chat_id, post.message_id)

    await alice.press(board, texts.BUTTON_SHARE_PROGRESS)
    again = await alice.expect_message()
    assert again.button_texts() == [texts.BUTTON_KEEP_PRIVATE]  # shared there this week
    await circle.group.expect_no_message()
    await bob.expect_no_message()
