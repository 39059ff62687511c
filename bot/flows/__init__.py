"""Every handler, registered here in priority order ("Order matters!", as in PTB's rules-bot).

PTB tries handler groups from the lowest number up; inside a group the first handler whose
check matches wins, and the next group still sees the update unless a handler raised
``ApplicationHandlerStop``.
"""

from __future__ import annotations

from enum import IntEnum

from telegram import Update
from telegram.ext import TypeHandler

from bot.flows import (
    applications,
    basic,
    care,
    checkin,
    circles,
    dashboard,
    data,
    feedback,
    feedback_notes,
    focus,
    free_text,
    history,
    history_edit,
    interruptions,
    language,
    loop,
    notifications,
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
    # A button pressed in a group: 👏 is handled, any other answered "expired"; nothing else
    # runs, so a private screen's button (copied or forged) never answers in a group.
    GROUP_BUTTONS = -25
    # Who wrote: make sure the user exists; a message from them lifts a block. Never stops.
    SEEN = -20
    # A flow left idle longer than FLOW_IDLE_MINUTES is put aside (draft kept) before
    # anything reads the new update, which then starts fresh (flows/interruptions.py).
    IDLE = -17
    # Care comes first: every private message is read for distress before any flow sees
    # it; when it fires, the helpline is sent and nothing else runs (see flows/care.py).
    CARE = -15
    # An edited message updates the answer it gave, and stops there. A known command (not
    # /cancel or /help) or a button that starts something leaves the current flow, draft
    # kept, and goes on to run in MAIN as it would outside a flow (flows/interruptions.py).
    BETWEEN_FLOWS = -12
    # Buttons and links that work inside or outside a flow: share buttons, and circle join
    # links (/start join_<token>): the join completes, then an onboarded user stops there
    # and a new one goes on into onboarding's /start in MAIN.
    BEFORE_FLOWS = -10
    # Conversations first: an active one takes every update of its user, so two flows never
    # run at once; outside a flow only their entry points match. Then stateless commands
    # and buttons, then text outside a flow read for what it is (flows/free_text.py), then
    # help and the catch-alls, last.
    MAIN = 0
    # A flow put aside meanwhile: "Continue where you left off?", offered once.
    AFTER_FLOWS = 10
    # Last: someone who only gives feedback (no users row, in no flow) keeps no user_data.
    LAST = 20


def register_all(app: App, svc: Services) -> None:
    app.add_handler(basic.membership_handler(), Group.MEMBERSHIP)
    app.add_handler(circles.group_buttons(), Group.GROUP_BUTTONS)
    app.add_handler(basic.seen_handler(), Group.SEEN)
    app.add_handler(interruptions.idle_handler(), Group.IDLE)
    app.add_handlers(care.handlers(), Group.CARE)
    app.add_handlers(
        [
            circles.join_link_handler(),
            *circles.anytime_handlers(),
            *plans.anytime_handlers(),
            *history.anytime_handlers(),
            *basic.anytime_handlers(),
            *language.anytime_handlers(),
            *notifications.anytime_handlers(),  # /settings → 🔔 messages and quiet hours
            *dashboard.link_handlers(),  # /start dashboard (the link from a group)
        ],
        Group.BEFORE_FLOWS,
    )
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
            loop.conversation(),  # closing the loop on a plan: started by NextStep buttons
            settings.conversation(),
            history_edit.conversation(),
            *applications.conversations(),
            *plans.handlers(),
            *history.handlers(),
            *history_edit.handlers(),
            *feedback.handlers(),
            *stats.handlers(),
            *dashboard.handlers(),
            *data.handlers(),
            *privacy.handlers(),
            *language.handlers(),
            *circles.handlers(),
            *applications.handlers(),  # also CSV documents: before the catch-alls
            *free_text.handlers(),
            *basic.catch_alls(),
        ],
        Group.MAIN,
    )
    # Which commands leave a flow: every one registered above.
    commands = interruptions.known_commands(app)
    app.add_handlers(interruptions.between_handlers(commands), Group.BETWEEN_FLOWS)
    app.add_handler(interruptions.after_handler(), Group.AFTER_FLOWS)
    app.add_handler(TypeHandler(Update, feedback.forget_giver_only), Group.LAST)
    svc.due_work.extend(
        [
            plans.send_follow_ups,
            plans.send_outcome_questions,
            checkin.send_due_checkins,
            circles.send_digests,
            circles.send_cheer_notes,
            feedback_notes.send_answer_notes,
            applications.send_due,
        ]
    )
