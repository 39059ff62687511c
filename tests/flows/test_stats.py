"""/stats against a seeded history: totals, the last 12 weeks in Berlin, streak, chart."""

from __future__ import annotations

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
    (2026, 20, "2026-05-17T17:00:00Z"),
    (2026, 46, "2026-11-15T17:00:00Z"),
    (2026, 47, "2026-11-22T17:00:00Z"),
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
        "INSERT INTO checkins (user_id, iso_year, iso_week, started_at, completed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(user_id, y, w, at, at) for y, w, at in CHECKINS],
    )


async def test_stats_match_the_seeded_history(bot: BotHarness, alice: UserClient) -> None:
    other = bot.emulator.user("Olga")
    await other.send("/start")  # another user's history must not count
    await other.expect_message()
    await seed(bot, alice.id)
    await seed(bot, other.id)

    await alice.send("/stats")
    summary = await alice.expect_message()
    text = summary.text or ""
    assert "😞 Rejections: 5 (3)" in text
    assert "· No offer after an interview: 2 (1)" in text
    assert "· No response to an application: 2 (1)" in text
    assert "· Meeting request ignored: 1 (1)" in text
    assert "🔁 Reframes: 4 (3)" in text
    assert "✅ Plans done: 2 (1) · dropped: 1 (1)" in text
    assert "🏆 Wins: 3 (2)" in text
    assert "🗓 Check-ins: 3 (2) · streak: 2 weeks" in text
    # (5-2) + (4-3) + (2-2) over three reframed rejections
    assert "1.3 points lighter" in text and "(3 reframed" in text
    chart = await alice.expect_message()
    assert chart.kind == "photo" and chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")
    assert "Berlin" in (chart.text or "")

    weeks = rules.last_weeks(bot.clock.now(), "Europe/Berlin")
    assert len(weeks) == 12 and weeks[0].label == "7\nSep" and weeks[-1].label == "23\nNov"
    series = await store.weekly(bot.svc.db, alice.id, weeks)
    assert series["rejections"] == [1] + [0] * 9 + [1, 1]
    assert series["reframes"] == [0, 0, 0, 1] + [0] * 7 + [2]
    assert series["plans_done"] == [0] * 11 + [1]
    assert series["plans_dropped"] == [0, 0, 0, 1] + [0] * 8
    assert series["wins"] == [0] * 10 + [1, 1]


async def test_stats_with_nothing_logged(bot: BotHarness, alice: UserClient) -> None:
    await alice.send("/stats")
    assert (await alice.expect_message()).text == texts.STATS_EMPTY
    await alice.expect_no_message()
