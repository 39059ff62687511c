"""Every handler, registered here in priority order ("Order matters!", as in PTB's rules-bot).

PTB tries handler groups from the lowest number up; inside a group the first handler whose
check matches wins, and the next group still sees the update unless a handler raised
``ApplicationHandlerStop``.
"""

from __future__ import annotations

from enum import IntEnum

from bot.flows import (
    basic,
    care,
    checkin,
    circles,
    data,
    feedback,
    focus,
    history,
    onboarding,
    plans,
    privacy,
    reframe,
    rejection,
    settings,
    stats,
    win,
)
from bot.services import App, Services


class Group(IntEnum):
    """The handler groups, in the order they run."""

    # The bot was blocked or unblocked in a private chat: recorded, then nothing else runs.
    MEMBERSHIP = -30
    # Who wrote: make sure the user exists; a message from them lifts a block. Never stops.
    SEEN = -20
    # Care comes first: every private message is read for distress before any flow sees
    # it; when it fires, the helpline is sent and nothing else runs (see flows/care.py).
    CARE = -15
    # Buttons and links that work inside or outside a flow: share buttons, and circle join
    # links (/start join_<token>): the join completes, then an onboarded user stops there
    # and a new one goes on into onboarding's /start in MAIN.
    BEFORE_FLOWS = -10
    # Conversations first: an active one takes every update of its user, so two flows never
    # run at once; outside a flow only their entry points match. Then stateless commands
    # and buttons, then help and the catch-alls, last.
    MAIN = 0


def register_all(app: App, svc: Services) -> None:
    app.add_handler(basic.membership_handler(), Group.MEMBERSHIP)
    app.add_handler(basic.seen_handler(), Group.SEEN)
    app.add_handlers(care.handlers(), Group.CARE)
    app.add_handlers([circles.join_link_handler(), *circles.anytime_handlers()], Group.BEFORE_FLOWS)
    app.add_handlers(
        [
            # Feedback givers' /start fb_<token> links: before onboarding, so givers skip set-up.
            feedback.giver_conversation(),
            onboarding.conversation(),
            rejection.conversation(),
            reframe.conversation(),
            win.conversation(),
            feedback.conversation(),
            focus.conversation(),
            data.conversation(),
            checkin.conversation(),
            settings.conversation(),
            *plans.handlers(),
            *history.handlers(),
            *feedback.handlers(),
            *stats.handlers(),
            *data.handlers(),
            *privacy.handlers(),
            *circles.handlers(),
            *basic.catch_alls(),
        ],
        Group.MAIN,
    )
    svc.due_work.extend(
        [
            plans.send_follow_ups,
            checkin.send_due_checkins,
            circles.send_digests,
            circles.send_cheer_notes,
        ]
    )
