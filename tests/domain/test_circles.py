"""The circle rules without Telegram: share content, cheers, the digest, pacing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import circles as rules
from bot.domain.circles import Cheer, RejectionFacts

FACTS = RejectionFacts(kind_label="No offer after an interview", where="Acme & Co")


secret = st.text(
    alphabet=st.characters(min_codepoint=0x41, max_codepoint=0x5A), min_size=12, max_size=30
)


@pytest.mark.parametrize(
    ("presser", "member", "had", "expected"),
    [
        (1, True, False, Cheer.OWN),
        (2, True, False, Cheer.ADDED),
        (2, True, True, Cheer.REMOVED),
        (2, False, False, Cheer.NOT_MEMBER),
        (2, False, True, Cheer.NOT_MEMBER),  # left the circle: can't take it back either
    ],
)
def test_cheer_outcome(presser: int, member: bool, had: bool, expected: Cheer) -> None:
    assert (
        rules.cheer_outcome(presser=presser, author=1, is_member=member, had_cheered=had)
        is expected
    )


def test_a_cheer_reaches_its_author_within_the_hour() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert rules.cheer_note_due(now) == now + timedelta(hours=1)


def test_cheered_item_counts_who_cheered() -> None:
    assert rules.CheeredItem("win", "x", ("Ana", "Ben")).people == 2
    assert rules.CheeredItem("win", "x", ()).people == 0


@pytest.mark.parametrize(
    ("due", "week"),
    [
        (datetime(2026, 11, 29, 18, 0, tzinfo=UTC), 48),  # Sunday evening: this week
        (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), 48),  # Monday morning: the week just ended
        (datetime(2026, 12, 2, 12, 0, tzinfo=UTC), 48),  # Wednesday noon: mostly last week
        (datetime(2026, 12, 3, 12, 0, tzinfo=UTC), 49),  # Thursday: mostly this week
    ],
)
def test_digest_window(due: datetime, week: int) -> None:
    window = rules.digest_window(due, "Europe/Berlin")
    assert (window.iso_year, window.iso_week) == (2026, week)
    assert window.end == due and window.end - window.start == timedelta(days=7)


def test_digest_is_stale() -> None:
    due = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    assert not rules.digest_is_stale(due, due + timedelta(hours=12))
    assert rules.digest_is_stale(due, due + timedelta(hours=12, seconds=1))


@pytest.mark.parametrize(
    ("sent", "now", "expected"),
    [
        ([], 0.0, 0.0),
        ([0.0] * 18, 1.0, 0.0),
        ([0.0] * 19, 1.0, 59.0),
        ([float(i) for i in range(19)], 30.0, 30.0),
        ([float(i) for i in range(19)], 60.0, 0.0),  # the first left the window
        ([float(i) for i in range(25)], 30.0, 36.0),
    ],
)
def test_pacing_wait(sent: list[float], now: float, expected: float) -> None:
    assert rules.pacing_wait(sent, now, 20, 60.0) == pytest.approx(expected)


@given(
    arrivals=st.lists(st.floats(min_value=0, max_value=300, allow_nan=False), max_size=80),
    limit=st.integers(min_value=2, max_value=25),
    window=st.floats(min_value=0.5, max_value=90),
)
def test_pacing_never_fills_a_window_and_never_waits_for_nothing(
    arrivals: list[float], limit: int, window: float
) -> None:
    sent: list[float] = []
    clock = 0.0
    for arrival in sorted(arrivals):  # one sender, in order, like GroupPacer
        clock = max(clock, arrival)
        wait = rules.pacing_wait(sent, clock, limit, window)
        recent = [t for t in sent if t > clock - window]
        assert (wait == 0) == (len(recent) < limit - 1)
        while wait > 0:  # as GroupPacer: sleep, then look again
            clock += wait
            wait = rules.pacing_wait(sent, clock, limit, window)
        sent.append(clock)
    for t in sent:
        in_window = [u for u in sent if t - window < u <= t]
        assert len(in_window) <= limit - 1
