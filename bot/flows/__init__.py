"""Conversation flows, one module each, registered explicitly in :func:`register_all`."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.app import Services


def register_all(app: Application[Any, Any, Any, Any, Any, Any], svc: Services) -> None:
    from bot.flows import basic, history, onboarding, plans, reframe, rejection, win

    # Everything below is in group 0, where the first matching handler wins. The
    # conversations come first: one that is active takes every update of its user, so two
    # flows never run at once; outside a flow only their entry points match.
    app.add_handler(onboarding.conversation())
    app.add_handler(rejection.conversation())
    app.add_handler(reframe.conversation())
    app.add_handler(win.conversation())
    # Then stateless commands and buttons.
    plans.register(app)
    history.register(app)
    svc.due_work.append(plans.send_follow_ups)
    # Before everything (who wrote; blocks), then help and the catch-alls, last.
    basic.register(
        app,
        later_commands=("checkin", "stats", "feedback", "focus", "settings", "export", "delete"),
    )
