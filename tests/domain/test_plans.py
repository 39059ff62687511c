"""If-then plans (bot.domain.plans): the sentence, the day, and the honest follow-up time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import plans
from bot.domain.plans import FollowUp, follow_up_due, plan_follow_up


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(text: str, zone: str) -> datetime:
    """A wall-clock moment in ``zone``, as UTC (the clock the bot holds)."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


# now (the zone's wall clock), zone, days from today to the chosen day, and the expected
# moment of the question: in the zone's wall clock, and in UTC
FOLLOW_UPS: list[tuple[str, str, int, str, str]] = [
    # "Today" in Berlin (CET, UTC+1) over the day
    ("2026-11-25 09:00", "Europe/Berlin", 0, "2026-11-25 18:00", "2026-11-25 17:00"),
    ("2026-11-25 16:59", "Europe/Berlin", 0, "2026-11-25 18:00", "2026-11-25 17:00"),
    ("2026-11-25 17:30", "Europe/Berlin", 0, "2026-11-25 21:00", "2026-11-25 20:00"),
    # after the follow-up hour: tomorrow morning (issue 13: "Today" at 22:00)
    ("2026-11-25 18:00", "Europe/Berlin", 0, "2026-11-26 09:00", "2026-11-26 08:00"),
    ("2026-11-25 18:30", "Europe/Berlin", 0, "2026-11-26 09:00", "2026-11-26 08:00"),
    ("2026-11-25 22:00", "Europe/Berlin", 0, "2026-11-26 09:00", "2026-11-26 08:00"),
    ("2026-11-25 23:59", "Europe/Berlin", 0, "2026-11-26 09:00", "2026-11-26 08:00"),
    # just after midnight, local "today" is a new day although UTC is still yesterday
    ("2026-11-26 00:30", "Europe/Berlin", 0, "2026-11-26 18:00", "2026-11-26 17:00"),
    # "Tomorrow" and a picked day: 18:00 that day, even chosen late at night
    ("2026-11-25 23:30", "Europe/Berlin", 1, "2026-11-26 18:00", "2026-11-26 17:00"),
    ("2026-11-25 12:00", "Europe/Berlin", 2, "2026-11-27 18:00", "2026-11-27 17:00"),
    ("2026-11-25 12:00", "Europe/Berlin", 7, "2026-12-02 18:00", "2026-12-02 17:00"),
    # a day already past (a stale button): the next morning, never the past
    ("2026-11-25 12:00", "Europe/Berlin", -1, "2026-11-26 09:00", "2026-11-26 08:00"),
    # Berlin, spring forward (Sun 29 Mar 2026, 02:00 -> 03:00): the morning after is CEST
    ("2026-03-28 22:00", "Europe/Berlin", 0, "2026-03-29 09:00", "2026-03-29 07:00"),
    ("2026-03-28 12:00", "Europe/Berlin", 1, "2026-03-29 18:00", "2026-03-29 16:00"),
    # Berlin, fall back (Sun 25 Oct 2026, 03:00 -> 02:00): the morning after is CET
    ("2026-10-24 20:00", "Europe/Berlin", 0, "2026-10-25 09:00", "2026-10-25 08:00"),
    ("2026-10-25 02:30", "Europe/Berlin", 0, "2026-10-25 18:00", "2026-10-25 17:00"),
    # New York: spring forward (8 Mar 2026) and fall back (1 Nov 2026)
    ("2026-03-07 19:00", "America/New_York", 0, "2026-03-08 09:00", "2026-03-08 13:00"),
    ("2026-10-31 23:00", "America/New_York", 0, "2026-11-01 09:00", "2026-11-01 14:00"),
    ("2026-11-25 17:15", "America/New_York", 0, "2026-11-25 21:00", "2026-11-26 02:00"),
    # Sydney: DST ends (5 Apr 2026) and starts (4 Oct 2026); the UTC day is the day before
    ("2026-04-04 21:00", "Australia/Sydney", 0, "2026-04-05 09:00", "2026-04-04 23:00"),
    ("2026-10-03 21:00", "Australia/Sydney", 0, "2026-10-04 09:00", "2026-10-03 22:00"),
    ("2026-11-25 08:00", "Australia/Sydney", 0, "2026-11-25 18:00", "2026-11-25 07:00"),
    # half-hour and far zones, no DST
    ("2026-11-25 19:00", "Asia/Kolkata", 0, "2026-11-26 09:00", "2026-11-26 03:30"),
    ("2026-11-25 10:00", "Asia/Kathmandu", 0, "2026-11-25 18:00", "2026-11-25 12:15"),
    ("2026-11-25 22:00", "Pacific/Kiritimati", 0, "2026-11-26 09:00", "2026-11-25 19:00"),
    ("2026-11-25 22:00", "Pacific/Pago_Pago", 0, "2026-11-26 09:00", "2026-11-26 20:00"),
    # Santiago changes its clocks at midnight (DST ends Sun 5 Apr 2026, 00:00 -> 23:00 Sat)
    ("2026-04-04 20:00", "America/Santiago", 0, "2026-04-05 09:00", "2026-04-05 13:00"),
    ("2026-11-25 22:00", "UTC", 0, "2026-11-26 09:00", "2026-11-26 09:00"),
]


@pytest.mark.parametrize(("now", "zone", "ahead", "asked", "due"), FOLLOW_UPS)
def test_plan_follow_up(now: str, zone: str, ahead: int, asked: str, due: str) -> None:
    chosen = date.fromisoformat(now[:10]) + timedelta(days=ahead)
    found = plan_follow_up(chosen, local(now, zone), zone)
    expected = datetime.fromisoformat(asked)
    assert found == FollowUp(chosen, utc(due), expected.date(), expected.time())
    assert found.moved is (expected.date() != chosen)
    assert follow_up_due(chosen, local(now, zone), zone) == found.due


def test_today_at_22_is_tomorrow_morning() -> None:
    """Issue 13: "Today" chosen at 22:00 -> asked the next morning, and it says so."""
    now = local("2026-11-25 22:00", "Europe/Berlin")
    today = date(2026, 11, 25)
    found = plan_follow_up(plans.when_to_date("today", today), now, "Europe/Berlin")
    assert found.moved and found.day == today + timedelta(days=1) and found.at == time(9, 0)


ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Apia",
    "Pacific/Chatham",
    "UTC",
]


@settings(max_examples=400, deadline=None)
@given(
    st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2037, 12, 31)),
    st.sampled_from(ZONES),
    st.integers(min_value=0, max_value=8),
)
def test_follow_up_is_real(now_naive: datetime, zone: str, ahead: int) -> None:
    now = now_naive.replace(tzinfo=UTC)
    today = now.astimezone(ZoneInfo(zone)).date()
    found = plan_follow_up(today + timedelta(days=ahead), now, zone)
    shown = found.due.astimezone(ZoneInfo(zone))
    assert found.due.tzinfo is UTC
    assert found.due - now >= plans.MIN_LEAD  # never now, never in the past
    assert (shown.date(), shown.time()) == (found.day, found.at)  # what is said is what is sent
    assert found.day >= found.planned_for
    assert found.day - today <= timedelta(days=ahead + 1)


@pytest.mark.parametrize(
    ("choice", "today", "expected"),
    [
        ("today", "2026-11-25", "2026-11-25"),
        ("tomorrow", "2026-11-25", "2026-11-26"),
        ("tomorrow", "2026-12-31", "2027-01-01"),
        ("week", "2026-11-23", "2026-11-27"),  # Monday -> Friday
        ("week", "2026-11-26", "2026-11-27"),  # Thursday -> Friday
        ("week", "2026-11-27", "2026-11-29"),  # Friday -> Sunday
        ("week", "2026-11-29", "2026-11-29"),  # Sunday -> Sunday
    ],
)
def test_when_to_date(choice: str, today: str, expected: str) -> None:
    assert plans.when_to_date(choice, date.fromisoformat(today)) == date.fromisoformat(expected)


def test_when_to_date_refuses_the_unknown() -> None:
    with pytest.raises(ValueError):
        plans.when_to_date("pick", date(2026, 11, 25))


def test_pick_days() -> None:
    today = date(2026, 11, 25)
    assert plans.pick_days(today) == [today + timedelta(days=i) for i in range(1, 8)]


# --- closing the loop ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("asked", "zone", "asks", "expected"),
    [
        # the first ask, Wed 18:00 Berlin: once more on Friday at 18:00 Berlin
        ("2026-11-25 17:00", "Europe/Berlin", 1, "2026-11-27 17:00"),
        # across the autumn change: 18:00 local both times, an hour apart in UTC
        ("2026-10-23 16:00", "Europe/Berlin", 1, "2026-10-25 17:00"),
        # the second ask: nothing more
        ("2026-11-27 17:00", "Europe/Berlin", 2, None),
    ],
)
def test_follow_up_is_asked_again_once_two_days_later(
    asked: str, zone: str, asks: int, expected: str | None
) -> None:
    again = plans.follow_up_again(utc(asked), asks, zone)
    assert again == (None if expected is None else utc(expected))


@pytest.mark.parametrize(
    ("on", "due", "today", "overdue"),
    [
        (date(2026, 11, 25), None, date(2026, 11, 26), True),  # asked, unanswered, past
        (date(2026, 11, 25), utc("2026-11-27 17:00"), date(2026, 11, 26), False),  # asked again
        (date(2026, 11, 26), None, date(2026, 11, 26), False),  # its day is today
        (None, None, date(2026, 11, 26), False),  # no day at all
    ],
)
def test_overdue(on: date | None, due: datetime | None, today: date, overdue: bool) -> None:
    assert plans.is_overdue(on, due, today) is overdue


def test_not_yet_is_asked_once_more_a_week_later_at_the_follow_up_hour() -> None:
    now = utc("2026-11-25 20:30")  # 21:30 in Berlin
    assert plans.outcome_again(now, 1, "Europe/Berlin") == utc("2026-12-02 17:00")
    assert plans.outcome_again(now, 2, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("then", "win"),
    [
        ("then one of them replies.", "One of them replies"),
        ("I get an interview", "I get an interview"),
        ("  ...then   a call back!", "A call back"),
    ],
)
def test_the_win_a_plan_offers_is_its_then(then: str, win: str) -> None:
    assert plans.win_text(then) == win
