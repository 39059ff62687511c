"""Conversation flows, one module each, registered explicitly in :func:`register_all`."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.app import Services


def register_all(app: Application[Any, Any, Any, Any, Any, Any], svc: Services) -> None:
    from bot.flows import (
        basic,
        checkin,
        data,
        feedback,
        focus,
        groups,
        history,
        onboarding,
        plans,
        reframe,
        rejection,
        settings,
        sharing,
        stats,
        win,
    )

    # Everything below is in group 0, where the first matching handler wins. The
    # conversations come first: one that is active takes every update of its user, so two
    # flows never run at once; outside a flow only their entry points match.
    # Circle join links (/start join_<token>) run just before, in handler group -1: the
    # join completes, then an onboarded user stops there and a new one goes on into
    # onboarding's /start below (group 0) — see groups.start_join.
    groups.register_join_link(app)
    # Feedback givers' /start fb_<token> links: before onboarding, so givers skip set-up.
    app.add_handler(feedback.giver_conversation())
    app.add_handler(onboarding.conversation())
    app.add_handler(rejection.conversation())
    app.add_handler(reframe.conversation())
    app.add_handler(win.conversation())
    app.add_handler(feedback.conversation())
    app.add_handler(focus.conversation())
    app.add_handler(data.conversation())
    app.add_handler(checkin.conversation())
    app.add_handler(settings.conversation())
    # Then stateless commands and buttons.
    plans.register(app)
    history.register(app)
    feedback.register(app)
    stats.register(app)
    data.register(app)
    groups.register(app)
    sharing.register(app)
    svc.due_work.append(plans.send_follow_ups)
    svc.due_work.append(checkin.send_due_checkins)
    svc.due_work.append(groups.send_digests)
    svc.due_work.append(sharing.send_cheer_notes)
    # Before everything (who wrote; blocks), then help and the catch-alls, last.
    basic.register(
        app,
        later_commands=(),
    )
