"""``python -m bench.calendar``: what building a check-in's .ics file costs, per zone.

The file is built on onboarding and on every change of the check-in's day, time or zone
(bot/flows/invite.py), in the handler. Most of the cost is finding the zone's offset changes
in twelve years of zoneinfo data (bot/ui/calendar.py ``vtimezone``); a zone whose changes
follow no yearly rule lists them, so its file is larger. The zone part is cached per zone
and year, so only a zone's first file of the year pays for the search.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from datetime import time as clock_time

from bot.ui.calendar import CheckinEvent, checkin_calendar

ZONES = ("UTC", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "America/Santiago")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
RUNS = 20


def main() -> None:
    print(f"{'zone':<20} {'first ms':>10} {'cached ms':>10} {'bytes':>7}")
    for zone in ZONES:
        event = CheckinEvent(
            uid="checkin-1@bench.comeback",
            zone=zone,
            weekday=6,
            at=clock_time(18),
            first=date(2026, 11, 29),
            summary="Comeback check-in",
            description="Your weekly check-in: https://t.me/bench",
            url="https://t.me/bench",
        )
        start = time.perf_counter()
        data = checkin_calendar(event, NOW)
        first = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        for _ in range(RUNS):
            checkin_calendar(event, NOW)
        cached = (time.perf_counter() - start) / RUNS * 1000
        print(f"{zone:<20} {first:>10.1f} {cached:>10.2f} {len(data):>7}")


if __name__ == "__main__":
    main()
