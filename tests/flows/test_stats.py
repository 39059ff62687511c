"""/stats against a seeded history: this week, the last 4 weeks and all time in Berlin,
what worked, the chart from the first week."""

from __future__ import annotations

from datetime import date

from bot.devtools.client import UserClient
from bot.domain import stats as rules
from bot.storage import stats as store
from bot.ui import texts
from tests.harness import BotHarness

# The clock stands at Wed 2026-11-25 12:00 UTC; Alice is in Berlin (UTC+1, UTC+2 until
# 25 Oct). The 12 weeks shown start on Monday 7 Sep 2026, 00:00 CEST = 6 Sep 22:00 UTC.
REJECTIONS = [
    # created_at (UTC), kind, hurt, hurt_after
    ("2026-06-01T09:00:00Z", "interview", 5, 2),  # long ago
    ("2026-09-06T21:30:00Z", "application", 3, None),  # Sun 6 Sep 23:30 local: not shown
    ("2026-09-06T22:30:00Z", "application", 4, 3),  # Mon 7 Sep 00:30 local: first week
    ("2026-11-22T22:30:00Z", "meeting", 2, 2),  # Sun 22 Nov 23:30 local: last week
    ("2026-11-22T23:00:00Z", "interview", 4, None),  # Mon 23 Nov 00:00 local: this week
]
PLANS = [
    # created_at, status, closed_at
    ("2026-06-02T10:00:00Z", "done", "2026-06-03T10:00:00Z"),
    ("2026-10-01T10:00:00Z", "dropped", "2026-10-02T10:00:00Z"),
    ("2026-11-24T10:00:00Z", "done", "2026-11-25T10:00:00Z"),
    ("2026-11-24T11:00:00Z", "open", None),
]
WINS = ["2026-05-01T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-25T11:00:00Z"]
CHECKINS = [
    # iso year, iso week, completed_at, what worked
    (2026, 20, "2026-05-17T17:00:00Z", "Mock interview, called Ana"),
    (2026, 46, "2026-11-15T17:00:00Z", "mock interviews; coffee with Ben"),
    (2026, 47, "2026-11-22T17:00:00Z", "Mock Interview. \n- Called ana!"),
]


async def seed(bot: BotHarness, user_id: int) -> None:
    db = bot.svc.db
    await db.executemany(
        "INSERT INTO rejections (user_id, kind, hurt, hurt_after, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(user_id, kind, hurt, after, at) for at, kind, hurt, after in REJECTIONS],
    )
    await db.executemany(
        "INSERT INTO plans (user_id, if_do, then_happens, status, created_at, closed_at) "
        "VALUES (?, 'ask', 'learn', ?, ?, ?)",
        [(user_id, status, at, closed) for at, status, closed in PLANS],
    )
    await db.executemany(
        "INSERT INTO wins (user_id, text, created_at) VALUES (?, 'a win', ?)",
        [(user_id, at) for at in WINS],
    )
    await db.executemany(
        "INSERT INTO checkins (user_id, iso_year, iso_week, started_at, completed_at, worked) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(user_id, y, w, at, at, worked) for y, w, at, worked in CHECKINS],
    )


async def test_stats_match_the_seeded_history(bot: BotHarness, alice: UserClient) -> None:
    other = bot.emulator.user("Olga")
    await other.send("/start")  # another user's history must not count
    await other.expect_message()
    await seed(bot, alice.id)
    await seed(bot, other.id)

    await alice.send("/stats")
    summary = await alice.expect_message()
    blocks = (summary.text or "").split("\n\n")
    assert blocks[0] == "Your numbers"
    assert blocks[1] == (
        "This week (since Mon 23 Nov)\n"
        "😞 Rejections: 1 · 🔁 Reframes: 2\n"
        "✅ Plans done: 1 · dropped: 0\n"
        "🏆 Wins: 1 · 🗓 Check-ins: 0"
    )
    assert blocks[2] == (
        "Last 4 weeks (since Mon 2 Nov)\n"
        "😞 Rejections: 2 · 🔁 Reframes: 2\n"
        "✅ Plans done: 1 · dropped: 0\n"
        "🏆 Wins: 2 · 🗓 Check-ins: 2"
    )
    assert blocks[3] == (
        "All time (since 01 May 2026)\n"
        "😞 Rejections: 5 · 🔁 Reframes: 4\n"
        "✅ Plans done: 2 · dropped: 1\n"
        "🏆 Wins: 3 · 🗓 Check-ins: 3\n"
        "   · No response to an application: 2\n"
        "   · No offer after an interview: 2\n"
        "   · Meeting request ignored: 1\n"
        "🔥 Check-in streak: 2 weeks"
    )
    # (5-2) + (4-3) + (2-2) over three reframed rejections
    assert "1.3 points lighter" in blocks[4] and "(3 reframed" in blocks[4]
    # Named in two check-ins each, shown as last written; "mock interviews" and "coffee
    # with Ben" only once: not yet a pattern.
    assert blocks[5].splitlines()[1:] == [
        "• Mock Interview — in 2 check-ins",
        "• Called ana — in 2 check-ins",
    ]
    chart = await alice.expect_message(timeout=30)  # matplotlib on a busy machine
    assert chart.kind == "photo" and chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")
    assert "Berlin" in (chart.text or "")

    first = await store.first_moment(bot.svc.db, alice.id)
    weeks = rules.chart_weeks(bot.clock.now(), "Europe/Berlin", first)
    assert len(weeks) == 12 and weeks[0].monday == date(2026, 9, 7)
    assert weeks[-1].monday == date(2026, 11, 23)
    series = await store.weekly(bot.svc.db, alice.id, weeks)
    assert series["rejections"] == [1] + [0] * 9 + [1, 1]
    assert series["reframes"] == [0, 0, 0, 1] + [0] * 7 + [2]
    assert series["plans_done"] == [0] * 11 + [1]
    assert series["plans_dropped"] == [0, 0, 0, 1] + [0] * 8
    assert series["wins"] == [0] * 10 + [1, 1]


async def test_a_newcomers_numbers_start_this_week(bot: BotHarness, alice: UserClient) -> None:
    await alice.send("/win Sent my first application")
    await alice.expect_message()
    await alice.send("/stats")
    blocks = ((await alice.expect_message()).text or "").split("\n\n")
    assert blocks[3].startswith("All time (since 25 Nov 2026)\n")
    assert "🏆 Wins: 1" in blocks[1] and "🏆 Wins: 1" in blocks[2]
    assert blocks[4] == texts.STATS_DROP_NONE and blocks[5] == texts.STATS_WORKED_NONE
    assert (await alice.expect_message(timeout=30)).kind == "photo"
    first = await store.first_moment(bot.svc.db, alice.id)
    assert len(rules.chart_weeks(bot.clock.now(), "Europe/Berlin", first)) == 1


async def test_stats_with_nothing_logged(bot: BotHarness, alice: UserClient) -> None:
    await alice.send("/stats")
    assert (await alice.expect_message()).text == texts.STATS_EMPTY
    await alice.expect_no_message()
