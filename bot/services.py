"""What handlers and jobs need besides the update: a leaf module.

``Services`` holds the process's resources (settings, database, clock, persistence) and the
due-work list the ticker runs. ``BotContext`` is the context every handler and job receives
(registered through ``ContextTypes``, as PTB's contexttypes example does), so a handler
writes ``context.services.db`` instead of digging in ``bot_data``. ``App`` names the
application's full generic type once.

This module imports nothing from ``bot/`` but the types it holds; ``bot.app`` (the
composition root) builds them, and nothing in ``bot/`` imports ``bot.app``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.clock import Clock
from bot.config import Settings
from bot.persistence import SQLitePersistence
from bot.storage.db import Database

__all__ = ["CONTEXT_TYPES", "App", "BotContext", "DueWork", "Services", "services_of"]

_SERVICES_KEY = "services"


@dataclass
class Services:
    """The process's resources, shared by every handler and job."""

    settings: Settings
    db: Database
    clock: Clock
    persistence: SQLitePersistence
    due_work: list[DueWork] = field(default_factory=list)
    last_tick: float | None = None
    # Exceptions that reached the error handler (tests assert 0) and requests given up
    # after retries (also written to ops_send_failures for `comeback health`).
    unhandled_errors: int = 0
    failed_sends: int = 0


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The handler context, with the services one attribute away."""

    @property
    def services(self) -> Services:
        return services_of(self.application)


# The application, as handlers and jobs see it. PTB types ``context.application`` with its
# own type variables, so the parameters are left open here, once, instead of everywhere.
App: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
DueWork: TypeAlias = Callable[[Services, App], Awaitable[None]]
CONTEXT_TYPES = ContextTypes(context=BotContext)


def attach(app: App, services: Services) -> None:
    """Make ``services`` reachable from ``app`` (done once, by the composition root)."""
    app.bot_data[_SERVICES_KEY] = services


def services_of(app: App) -> Services:
    found = app.bot_data[_SERVICES_KEY]
    assert isinstance(found, Services)
    return found
