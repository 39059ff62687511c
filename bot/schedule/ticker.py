"""The weekly check-in ticker: find due users, claim each, send, handle what went wrong.

Telegram-free: the caller passes ``send`` (the bot's, a recording one in tests and the
benchmark). Delivery is *at most once* per weekly slot:

* Each due user is claimed with a compare-and-swap that moves ``next_checkin_due`` to the
  next future slot, committed before ``send`` is called. A second tick or a second process
  loses the swap and skips the user. A process killed after a claim but before its send
  completes loses that one check-in (the user gets next week's); it is never sent twice.
* Missed while the bot was down: only the most recent missed slot counts. If it is at
  most ``grace`` old it is sent late, once, saying so; otherwise it is skipped. The claim
  always moves to the first slot after *now*, so an outage never turns into a burst.
* ``Outcome.BLOCKED`` (Forbidden): the sender marks the user blocked; the partial index
  leaves them out until they write again, when they get a fresh future slot.
* ``Outcome.RETRY`` (a 5xx or Telegram's flood limit after the rate limiter's retries):
  the claim is put back for ``retry_after`` later, as long as that is still within the
  grace window of the slot; so a slot is tried at most ``grace / retry_after`` times.
* ``Outcome.FAILED`` (a timeout — the message may have arrived — a bad request, a bug):
  not retried, because a retry could send it twice.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.due import next_weekly_due
from bot.domain.weekly import Send, decide, slot_of
from bot.storage import checkins
from bot.storage.checkins import DueUser
from bot.storage.db import Database

log = logging.getLogger(__name__)

BATCH = 200
MAX_BATCHES = 50  # 10,000 check-ins per tick at most; the rest wait for the next tick
RETRY_AFTER = timedelta(minutes=10)


class Outcome(enum.Enum):
    SENT = "sent"
    BLOCKED = "blocked"
    RETRY = "retry"
    FAILED = "failed"


# send(user, slot, late) -> what happened
Sender = Callable[[DueUser, datetime, bool], Awaitable[Outcome]]


@dataclass
class TickReport:
    sent: int = 0
    late: int = 0
    skipped: int = 0
    blocked: int = 0
    retried: int = 0
    failed: int = 0
    lost: int = 0  # claimed by another tick or process first

    @property
    def handled(self) -> int:
        return self.sent + self.skipped + self.blocked + self.retried + self.failed + self.lost


async def run_checkins(
    db: Database,
    now: datetime,
    grace: timedelta,
    send: Sender,
    *,
    batch: int = BATCH,
    max_batches: int = MAX_BATCHES,
    retry_after: timedelta = RETRY_AFTER,
) -> TickReport:
    """One tick: every check-in due at ``now`` is claimed and then sent, late or skipped."""
    report = TickReport()
    for _ in range(max_batches):
        due = await checkins.due_users(db, now, batch)
        for user in due:
            await _one(db, user, now, grace, send, retry_after, report)
        if len(due) < batch:
            break
    if report.handled:
        log.info(
            "check-ins tick sent=%d late=%d skipped=%d blocked=%d retried=%d failed=%d lost=%d",
            report.sent,
            report.late,
            report.skipped,
            report.blocked,
            report.retried,
            report.failed,
            report.lost,
        )
    return report


async def _one(
    db: Database,
    user: DueUser,
    now: datetime,
    grace: timedelta,
    send: Sender,
    retry_after: timedelta,
    report: TickReport,
) -> None:
    next_due = next_weekly_due(now, user.timezone, user.weekday, user.at)
    if not await checkins.claim(db, user.user_id, user.due, next_due):
        report.lost += 1
        return
    slot = slot_of(now, user.timezone, user.weekday, user.at)
    action = decide(slot, now, grace)
    if action is Send.SKIP:
        report.skipped += 1
        log.info("check-in skipped, too late user_id=%s slot=%s", user.user_id, slot.isoformat())
        return
    try:
        outcome = await send(user, slot, action is Send.LATE)
    except Exception:
        log.exception("check-in send failed user_id=%s", user.user_id)
        outcome = Outcome.FAILED
    if outcome is Outcome.SENT:
        report.sent += 1
        report.late += action is Send.LATE
        log.info("check-in sent user_id=%s late=%s", user.user_id, action is Send.LATE)
    elif outcome is Outcome.BLOCKED:
        report.blocked += 1
        log.info("check-in not sent, blocked user_id=%s", user.user_id)
    elif outcome is Outcome.RETRY and now + retry_after - slot <= grace:
        retry_at = now + retry_after
        if await checkins.put_back(db, user.user_id, next_due, retry_at):
            report.retried += 1
            log.warning(
                "check-in not sent, retry at %s user_id=%s", retry_at.isoformat(), user.user_id
            )
        else:  # the user changed their schedule meanwhile: that one stands
            report.failed += 1
    else:
        report.failed += 1
        log.warning("check-in not sent, not retried user_id=%s", user.user_id)
