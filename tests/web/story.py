"""A few weeks of someone's comeback, written straight to storage: what the browser test
and its screenshot show."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.client import UserClient
from bot.storage import applications, beliefs, entries, focus
from bot.storage.entries import Plan
from tests.harness import BotHarness

# (days ago, kind, where, hurt, hurt after the reframe, the plan's "if" and "then")
REJECTIONS = [
    (40, "application", "Initech, analyst", 5, 3, "ask Sam for a referral", "I get an interview"),
    (31, "interview", "Globex, data analyst", 4, 2, "send a thank-you note", "they remember me"),
    (24, "recruiter", "Hooli", 3, 2, "write to the recruiter", "I hear back this week"),
    (12, "interview", "Acme, BI developer", 4, 2, "practise SQL for 30 minutes a day", None),
    (3, "application", "Umbrella, analyst", 3, None, "rework my CV summary", "it gets replies"),
]


async def tell(bot: BotHarness, user: UserClient) -> Plan:
    """The story; returns the plan still open that the test marks done."""
    db, now = bot.svc.db, bot.clock.now()
    last: Plan | None = None
    for days, kind, where, hurt, after, if_do, then in REJECTIONS:
        moment = now - timedelta(days=days)
        rejection = await entries.add_rejection(
            db,
            user_id=user.id,
            kind=kind,
            other_text=None,
            where_text=where,
            hurt=hurt,
            in_control=None,
            now=moment,
        )
        if after is not None:
            await entries.set_hurt_after(db, user.id, rejection.id, after)
        last = await entries.add_plan(
            db,
            user_id=user.id,
            rejection_id=rejection.id,
            if_do=if_do,
            then_happens=then or "I feel ready for the next one",
            follow_up_on=(moment + timedelta(days=2)).date() if days > 5 else None,
            follow_up_due=None,
            now=moment,
        )
        if days > 20:
            await entries.close_plan(db, user.id, last.id, "done", moment + timedelta(days=2))
    await entries.add_win(db, user_id=user.id, text="Two recruiter calls booked", now=now)
    await entries.add_win(
        db, user_id=user.id, text="Finished the SQL course", now=now - timedelta(days=9)
    )
    await focus.set_focus(
        db, user_id=user.id, text="Tell my projects as stories", source="typed", now=now
    )
    await beliefs.set_belief(
        db,
        user_id=user.id,
        text="A “no” is about one role on one day, not about me.",
        source="typed",
        now=now,
    )
    for i, company in enumerate(("Initech", "Globex", "Hooli", "Acme", "Umbrella", "Stark")):
        applied = (now - timedelta(days=45 - 7 * i)).date()
        await applications.add(
            db,
            user.id,
            applications.NewApplication(
                kind="application",
                company=company,
                role=None,
                link=None,
                applied_on=applied,
                news_at=now,
                follow_up_due=None,
                answered_on=applied + timedelta(days=5) if i % 2 == 0 else None,
                interview_on=applied + timedelta(days=9) if i in (0, 2) else None,
            ),
            now,
        )
    assert last is not None
    return last
