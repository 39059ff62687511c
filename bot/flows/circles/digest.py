"""The weekly digest: /digest in the group (anyone sees the setting, admins change it) and
the due work that posts each circle's digest once a week.

A digest counts and lists current members only: Telegram is asked about each member first
(:func:`~bot.flows.circles.membership.still_member`). Each digest post is recorded with the
shares it lists, so a share taken back (unshared, or its author's /delete) is edited out
of it (:mod:`~bot.flows.circles.unpublish`)."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.error import TelegramError

from bot.domain import circles as rules
from bot.domain.due import next_weekly_due
from bot.domain.parsing import parse_checkin_spec
from bot.domain.timezones import resolve_timezone, zone_label
from bot.flows.circles.membership import ensure_circle, still_member
from bot.flows.circles.posting import group_reply, send_to_circle
from bot.flows.common import Context
from bot.services import App, Services
from bot.storage import circles as store
from bot.storage import users
from bot.storage.circles import Circle
from bot.ui import circles as circle_text
from bot.ui import texts
from bot.ui.dates import format_time, format_weekday
from bot.ui.i18n import use_language

log = logging.getLogger(__name__)


async def is_admin(update: Update, context: Context) -> bool:
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    assert chat is not None and user is not None
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous admin writes as the group
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.info("admin check failed chat_id=%s: %s", chat.id, type(exc).__name__)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


def _digest_status(circle: Circle) -> str:
    if not circle.digest_on:
        return texts.DIGEST_STATUS_OFF
    return texts.DIGEST_STATUS_ON.format(
        weekday=format_weekday(circle.digest_weekday),
        time=format_time(circle.digest_time),
        zone=texts.esc(zone_label(circle.digest_timezone)),
    )


async def digest_command(update: Update, context: Context) -> None:
    """/digest (the setting), /digest on|off|time <day time>|zone <place> (admins only)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    s = context.services
    circle = await ensure_circle(update, context)
    args = context.args or []
    if not args:
        await group_reply(update, context, _digest_status(circle))
        return
    if not await is_admin(update, context):
        await group_reply(update, context, texts.DIGEST_ADMINS_ONLY)
        return
    sub, rest = args[0].lower(), " ".join(args[1:])
    on, zone = circle.digest_on, circle.digest_timezone
    weekday, at = circle.digest_weekday, circle.digest_time
    if sub == "on":
        on = True
        if circle.digest_next_due is None and zone == "UTC":
            admin = await users.get(s.db, user.id)
            zone = admin.timezone if admin else s.settings.default_timezone
    elif sub == "off":
        on = False
    elif sub == "time":
        spec = parse_checkin_spec(rest)
        if spec is None:
            await group_reply(
                update, context, texts.DIGEST_BAD_TIME.format(text=texts.esc(rest[:60]))
            )
            return
        weekday, at = spec
    elif sub in ("zone", "timezone"):
        found = resolve_timezone(rest, s.clock.now()).match if rest else None
        if found is None:
            await group_reply(
                update, context, texts.DIGEST_BAD_ZONE.format(text=texts.esc(rest[:60]))
            )
            return
        zone = found.zone
    else:
        await group_reply(update, context, texts.DIGEST_USAGE)
        return
    next_due = next_weekly_due(s.clock.now(), zone, weekday, at) if on else None
    await store.set_digest(
        s.db, circle.id, on=on, zone=zone, weekday=weekday, at=at, next_due=next_due
    )
    log.info("digest %s circle_id=%s by user_id=%s", sub, circle.id, user.id)
    if not on:
        await group_reply(update, context, texts.DIGEST_OFF)
        return
    await group_reply(
        update,
        context,
        texts.DIGEST_ON.format(
            weekday=format_weekday(weekday),
            time=format_time(at),
            zone=texts.esc(zone_label(zone)),
        ),
    )


async def send_digests(svc: Services, app: App) -> None:
    """Due work: each circle's weekly digest, claimed (compare-and-swap) before it is sent."""
    now = svc.clock.now()
    for circle in await store.due_digests(svc.db, now):
        due = circle.digest_next_due
        assert due is not None
        zone = circle.digest_timezone
        following = next_weekly_due(now, zone, circle.digest_weekday, circle.digest_time)
        if not await store.claim_digest(svc.db, circle, following):
            continue  # another tick (or process) took it
        if rules.digest_is_stale(due, now):
            log.info("digest skipped, missed by too long circle_id=%s", circle.id)
            continue
        window = rules.digest_window(due, zone)
        for user_id in await store.member_ids(svc.db, circle.id):
            await still_member(app, circle, user_id)  # who left the group leaves the circle
        found = await store.digest_wins(svc.db, circle.id, window.start, window.end)
        wins = [rules.SharedWin(w.name, w.text) for w in found]
        checked = await store.checked_in_count(svc.db, circle.id, window.iso_year, window.iso_week)
        members = await store.member_count(svc.db, circle.id)
        with use_language(circle.language):
            text = circle_text.digest_text(circle.title, wins, checked, members)
        if text is None:
            log.info("digest empty, not posted circle_id=%s", circle.id)
            continue
        try:
            sent = await send_to_circle(app, circle, text)
        except TelegramError as exc:
            log.warning("digest not posted circle_id=%s: %s", circle.id, type(exc).__name__)
            continue
        await store.record_digest(
            svc.db,
            circle.id,
            chat_id=sent.chat_id,
            message_id=sent.message_id,
            checked_in=checked,
            members=members,
            share_ids=[w.share_id for w in found],
            now=now,
        )
        log.info("digest posted circle_id=%s wins=%d checked_in=%d", circle.id, len(wins), checked)
