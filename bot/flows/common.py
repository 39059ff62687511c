"""What every flow shares: typed button data, drafts, text input checks, replies, expiry.

A flow's buttons are :class:`~bot.ui.callbacks.FlowData` codecs, packed by the flow as
``prefix:nonce[:action][:field…]``. The nonce is minted when a flow starts and kept in the
flow's draft, so a button from an older run of the same flow is recognised as expired
instead of being applied to the current one. Every button handler starts with
:meth:`Flow.tap` (parse → expired? → answer → settle the tapped message).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import secrets
import typing
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.due import local_now
from bot.domain.timezones import COMMON_ZONES, ZoneMatch, is_valid_zone, zone_from_location
from bot.services import BotContext
from bot.storage import users
from bot.storage.users import User
from bot.ui import texts
from bot.ui.callbacks import FlowData, Menu, MenuAction
from bot.ui.dates import format_moment, format_weekday
from bot.ui.i18n import _

log = logging.getLogger(__name__)

Context = BotContext
Step = Callable[[Update, Context], Awaitable[object]]
StepHandler = Callable[[Update, Context], Coroutine[Any, Any, str | int | None]]
Then = str | Callable[[Update, Context], Awaitable[str | int]]
Keep = Callable[[Update, Context, str, str | None], Awaitable[None]]
Buttons = Sequence[Sequence[tuple[str, str]]]
Handler = BaseHandler[Update, BotContext, Any]
T = TypeVar("T", bound=FlowData)

RESUME = "resume"  # the state every flow with drafts uses for "Continue or Start over?"
SHORT_LIMIT = 200
ENTRY_LIMIT = 1000
END = ConversationHandler.END
PRIVATE = filters.ChatType.PRIVATE
TEXT_INPUT = filters.TEXT & ~filters.COMMAND
MENU: tuple[MenuAction, ...] = ("rejection", "reframe", "win", "plans", "history", "help")


def format_local(moment: datetime, zone: str) -> str:
    """A UTC moment as the user reads it: "Sunday 30 Nov, 18:00" in their zone."""
    return format_moment(local_now(moment, zone))


async def me(update: Update, context: Context) -> User:
    """The person writing in a private chat (basic.seen creates every one first)."""
    tg_user = update.effective_user
    assert tg_user is not None
    user = await users.get(context.services.db, tg_user.id)
    assert user is not None
    return user


async def zone_today(context: Context, user_id: int) -> tuple[str, date]:
    """The user's time zone (the default for someone never set up, such as a feedback
    giver) and today's date there."""
    s = context.services
    user = await users.get(s.db, user_id)
    zone = user.timezone if user else s.settings.default_timezone
    return zone, local_now(s.clock.now(), zone).date()


def keyboard(rows: Buttons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def menu_button(action: MenuAction) -> tuple[str, str]:
    labels = {code: label for label, code in texts.MENU_BUTTONS}
    return (labels[action], Menu(action).pack())


def menu_keyboard() -> InlineKeyboardMarkup:
    buttons = [menu_button(action) for action in MENU]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def user_data(context: Context) -> dict[str, Any]:
    data = context.user_data
    assert data is not None
    return data


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None,
    **kwargs: Any,
) -> Message | None:
    """Send to the update's chat. A reply that could not be delivered (Telegram unreachable
    after the retries in bot/ops/sending.py, or the user blocked the bot meanwhile) is logged
    and skipped, so the handler still finishes: what the user entered was saved before."""
    chat = update.effective_chat
    assert chat is not None
    try:
        return await chat.send_message(text, reply_markup=markup, **kwargs)
    except BadRequest:
        raise  # a message Telegram refuses is a bug: let the error handler report it
    except (NetworkError, RetryAfter, Forbidden) as exc:
        log.warning("reply not delivered chat_id=%s: %s", chat.id, type(exc).__name__)
        return None


async def answer(update: Update, text: str | None = None) -> None:
    """Answer a callback query (stops the button's spinner); harmless if it's too old."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer(text)
    except BadRequest as exc:
        log.info("callback answer failed user_id=%s: %s", query.from_user.id, exc.message)
    except (NetworkError, RetryAfter, Forbidden) as exc:
        log.warning("callback answer failed user_id=%s: %s", query.from_user.id, type(exc).__name__)


def _pressed_label(update: Update) -> str | None:
    """The text of the button that was tapped, as the tapped message shows it."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return None
    markup = query.message.reply_markup
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def settle_button(update: Update, chosen: str | None = None) -> None:
    """Remove the buttons from the message that was tapped, showing the choice made."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    message = query.message
    try:
        if chosen is not None and message.text_html is not None:
            await message.edit_text(
                f"{message.text_html}\n\n› <i>{texts.esc(chosen)}</i>", reply_markup=None
            )
        elif message.reply_markup is not None:
            await message.edit_reply_markup(reply_markup=None)
    except BadRequest as exc:
        log.info("could not settle button message_id=%s: %s", message.message_id, exc.message)
    except (NetworkError, RetryAfter, Forbidden) as exc:
        log.warning(
            "could not settle button message_id=%s: %s", message.message_id, type(exc).__name__
        )


async def expired(update: Update, context: Context) -> None:
    """A button from something that's finished: say so and offer the menu."""
    await answer(update, texts.EXPIRED)
    query = update.callback_query
    # Only a message that still has buttons can lose them ("message is not modified").
    if (
        query is not None
        and isinstance(query.message, Message)
        and query.message.reply_markup is not None
    ):
        with contextlib.suppress(BadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
    await reply(update, texts.EXPIRED_WITH_MENU, menu_keyboard())


async def read_text(update: Update, limit: int) -> str | None:
    """The message's text, stripped; refuses (with the limit named) what's over ``limit``.

    Also answers with care first when the text suggests self-harm, then lets the flow go on.
    """
    message = update.effective_message
    if message is None or message.text is None:
        return None
    text = message.text.strip()
    if not text:
        return None
    if len(text) > limit:
        await reply(update, texts.too_long(length=len(text), limit=limit))
        return None
    return text


# --- the buttons every flow can show ----------------------------------------------------
@dataclass(frozen=True)
class Cancel(FlowData, action="cancel"):
    """Leave the flow (a fallback: the Cancel of any run of the flow works)."""


@dataclass(frozen=True)
class Resume(FlowData, action="resume"):
    """Continue the unfinished draft, or start over."""

    choice: Literal["yes", "no"]


@dataclass(frozen=True)
class Skip(FlowData, action="skip"):
    """Skip a step. It names its step: an old prompt's Skip must not skip a later step."""

    step: str | None = None


@dataclass(frozen=True)
class ZoneTap(FlowData, action="tz"):
    """A time zone picked from a list (onboarding, settings)."""

    zone: str


Score = Literal[1, 2, 3, 4, 5]
SCORES: tuple[Score, ...] = typing.get_args(Score)


@dataclass(frozen=True)
class ScaleTap(FlowData, action="hurt"):
    """How hard a rejection landed, 1–5 (rejection, reframe)."""

    score: Score


Weekday = Literal[0, 1, 2, 3, 4, 5, 6]  # 0 = Monday
WEEKDAYS: tuple[Weekday, ...] = typing.get_args(Weekday)
Hour = Literal[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]


@dataclass(frozen=True)
class WeekdayTap(FlowData, action="day"):
    """The check-in weekday (onboarding, settings)."""

    weekday: Weekday


@dataclass(frozen=True)
class HourTap(FlowData, action="hour"):
    """The check-in hour (onboarding, settings)."""

    hour: Hour


FLOWS: dict[str, Flow] = {}  # every flow, by the name of its conversation


@dataclass
class Flow:
    """A conversation: its name, callback prefix and command, and a prompt per state.
    Flows register themselves in :data:`FLOWS`."""

    name: str
    prefix: str
    command: str
    prompts: dict[str, Step]
    # The "Continue or Start over?" question, if not the default. Read at import time, in
    # English (the msgid): translated when asked.
    resume_text: str | None = None
    # A draft restarted from a link or a list is not worth keeping after /cancel.
    drop_on_cancel: bool = False
    # Where store_text/store_skip put an answer (update, context, key, text or None for a
    # skip); by default the draft.
    keep: Keep | None = None

    def __post_init__(self) -> None:
        self.button_states: frozenset[object] = frozenset()  # set by conversation()
        FLOWS[self.name] = self

    @property
    def label(self) -> str:
        """The flow's name as users read it ("rejection log"), in their language."""
        return texts.FLOW_NAMES.get(self.name, self.name)

    # --- the draft ------------------------------------------------------------------------
    def draft(self, context: Context) -> dict[str, Any]:
        data = user_data(context)
        found = data.get(self.name)
        if not isinstance(found, dict):
            found = {"nonce": secrets.token_hex(2)}
            data[self.name] = found
        return found

    def fresh_draft(self, context: Context, **values: Any) -> dict[str, Any]:
        draft = {"nonce": secrets.token_hex(2), **values}
        user_data(context)[self.name] = draft
        return draft

    def has_draft(self, context: Context) -> bool:
        found = user_data(context).get(self.name)
        return isinstance(found, dict) and any(
            k not in ("nonce", "step") and v is not None for k, v in found.items()
        )

    def drop_draft(self, context: Context) -> None:
        user_data(context).pop(self.name, None)

    # --- buttons: typed data for this run -------------------------------------------------
    def data(self, context: Context, tap: FlowData) -> str:
        """The callback data of ``tap`` for the current run of this flow."""
        nonce = str(self.draft(context)["nonce"])
        return dataclasses.replace(tap, flow=self.prefix, nonce=nonce).pack()

    def pattern(self, codec: type[FlowData]) -> str:
        """The regex routing ``codec``'s buttons of this flow (of any run: see :meth:`parse`)."""
        return codec.pattern(flow=self.prefix)

    def parse(self, update: Update, context: Context, codec: type[T]) -> T | None:
        """The tapped button's value if it is a ``codec`` of the current run, else None."""
        query = update.callback_query
        found = codec.parse(query.data if query is not None else None)
        draft = self.draft(context)
        if found is None or found.flow != self.prefix or found.nonce != draft.get("nonce"):
            return None
        if isinstance(found, Skip) and found.step not in (None, draft.get("step")):
            return None
        return found

    async def tap(
        self,
        update: Update,
        context: Context,
        codec: type[T],
        *,
        valid: Callable[[T], bool] | None = None,
        shown: Callable[[T], str] | None = None,
    ) -> T | None:
        """The prelude of every button handler in a flow. A tap that isn't a ``codec`` of
        the current run (an old or forged button, or one ``valid`` refuses) is answered
        "expired" and gives None. Otherwise the query is answered and the tapped message
        settled, showing the choice (the button's label, or ``shown(tap)``)."""
        found = self.parse(update, context, codec)
        if found is None or (valid is not None and not valid(found)):
            await answer(update, texts.EXPIRED)
            return None
        await answer(update)
        await settle_button(update, shown(found) if shown else _pressed_label(update))
        return found

    def cancel_button(self, context: Context) -> tuple[str, str]:
        return (texts.BUTTON_CANCEL, self.data(context, Cancel()))

    def skip_button(self, context: Context) -> tuple[str, str]:
        """Skip for the current step (see :meth:`parse`)."""
        step = self.draft(context).get("step")
        return (texts.BUTTON_SKIP, self.data(context, Skip(str(step) if step else None)))

    def scale_row(self, context: Context) -> list[tuple[str, str]]:
        """1 to 5, in one row."""
        return [(str(n), self.data(context, ScaleTap(n))) for n in SCORES]

    def weekday_rows(self, context: Context) -> list[list[tuple[str, str]]]:
        days = [(format_weekday(d), self.data(context, WeekdayTap(d))) for d in WEEKDAYS]
        return [days[:4], days[4:]]

    def hour_rows(self, context: Context, hours: Sequence[Hour]) -> list[list[tuple[str, str]]]:
        buttons = [(f"{h:02d}:00", self.data(context, HourTap(h))) for h in hours]
        return [buttons[:4], buttons[4:]]

    # --- moving on ------------------------------------------------------------------------
    async def go(self, state: str, update: Update, context: Context) -> str:
        """Move to ``state``: remember it in the draft and send its prompt."""
        self.draft(context)["step"] = state
        await self._prompt(state, update, context)
        return state

    async def _prompt(self, state: str, update: Update, context: Context) -> None:
        if state == RESUME:
            await self._ask_resume(update, context)
        else:
            await self.prompts[state](update, context)

    async def _then(self, then: Then, update: Update, context: Context) -> str | int:
        if isinstance(then, str):
            return await self.go(then, update, context)
        return await then(update, context)

    # --- the common steps: a typed answer, or Skip ----------------------------------------
    async def _keep(self, update: Update, context: Context, key: str, value: str | None) -> None:
        if self.keep is not None:
            await self.keep(update, context, key, value)
        else:
            self.draft(context)[key] = value

    def store_text(self, key: str, limit: int, then: Then) -> StepHandler:
        """A handler for a typed answer: checked, kept as ``key`` (see ``keep``), then
        ``then`` (a state to go to, or a step that finishes)."""

        async def typed(update: Update, context: Context) -> str | int | None:
            text = await read_text(update, limit)
            if text is None:
                return None
            await self._keep(update, context, key, text)
            return await self._then(then, update, context)

        return typed

    def store_skip(self, key: str, then: Then) -> StepHandler:
        """A handler for this step's Skip button: ``key`` kept empty, then ``then``."""

        async def skipped(update: Update, context: Context) -> str | int | None:
            if await self.tap(update, context, Skip) is None:
                return None
            await self._keep(update, context, key, None)
            return await self._then(then, update, context)

        return skipped

    def text_step(self, key: str, limit: int, then: Then, *, skippable: bool) -> list[Handler]:
        """The handlers of a step answered by typing (see :meth:`store_text`) and, when
        ``skippable``, by its Skip button (:meth:`store_skip`)."""
        handlers: list[Handler] = [
            MessageHandler(PRIVATE & TEXT_INPUT, self.store_text(key, limit, then))
        ]
        if skippable:
            skipped = self.store_skip(key, then)
            handlers.append(CallbackQueryHandler(skipped, pattern=self.pattern(Skip)))
        return handlers

    # --- the time-zone question (onboarding and settings) -------------------------------
    def zone_rows(self, context: Context, zones: Sequence[ZoneMatch], per_row: int) -> Buttons:
        """One :class:`ZoneTap` button per zone, ``per_row`` a row."""
        return [
            [(z.label, self.data(context, ZoneTap(z.zone))) for z in zones[i : i + per_row]]
            for i in range(0, len(zones), per_row)
        ]

    async def ask_zone(self, update: Update, context: Context, question: str) -> None:
        """The common zones as buttons, then the reply keyboard that shares a location."""
        rows = self.zone_rows(context, COMMON_ZONES, 2)
        await reply(update, question, keyboard([*rows, [self.cancel_button(context)]]))
        location = ReplyKeyboardMarkup(
            [[KeyboardButton(texts.BUTTON_SHARE_LOCATION, request_location=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        await reply(update, texts.LOCATION_HINT, location)

    async def zone_shared(self, update: Update) -> str | None:
        """The zone of the location the user shared; None (and said so) where none is."""
        message = update.effective_message
        assert message is not None and message.location is not None
        zone = zone_from_location(message.location.latitude, message.location.longitude)
        if zone is None:
            await reply(update, texts.TZ_LOCATION_UNKNOWN)
        return zone

    async def zone_tapped(self, update: Update, context: Context) -> str | None:
        """The zone of a tapped :class:`ZoneTap` (after :meth:`tap`), None if refused."""
        tap = await self.tap(update, context, ZoneTap, valid=lambda t: is_valid_zone(t.zone))
        return None if tap is None else tap.zone

    # --- an unfinished draft: Continue or Start over ------------------------------------
    async def offer_resume(self, update: Update, context: Context) -> str:
        """Ask whether to continue the unfinished draft at its step, or start over."""
        draft = self.draft(context)
        draft["resume_to"] = draft.get("step")
        return await self.go(RESUME, update, context)

    async def _ask_resume(self, update: Update, context: Context) -> None:
        buttons = [
            [(texts.BUTTON_CONTINUE, self.data(context, Resume("yes")))],
            [(texts.BUTTON_START_OVER, self.data(context, Resume("no")))],
        ]
        if self.resume_text is not None:
            text = _(self.resume_text)
        else:
            text = texts.RESUME_DRAFT.format(flow=self.label)
        await reply(update, text, keyboard(buttons))

    async def resume_choice(self, update: Update, context: Context) -> bool | None:
        """The tap on Continue (True) or Start over (False); None for a stale button."""
        tap = await self.tap(update, context, Resume)
        return None if tap is None else tap.choice == "yes"

    async def go_back(self, update: Update, context: Context, default: str) -> str:
        """Continue the draft at the step it was left at (``default`` if that is unknown)."""
        step = self.draft(context).pop("resume_to", None)
        return await self.go(step if step in self.prompts else default, update, context)

    # --- shared fallbacks -------------------------------------------------------------
    async def cancel(self, update: Update, context: Context) -> int:
        await answer(update)
        await settle_button(update)
        if self.drop_on_cancel:
            self.drop_draft(context)
        if self.has_draft(context):
            text = texts.CANCELLED_DRAFT.format(flow=self.label, command=self.command)
        else:
            self.drop_draft(context)
            text = texts.CANCELLED.format(flow=self.label)
        await reply(update, text, menu_keyboard())
        return END

    async def command_in_flow(self, update: Update, context: Context) -> None:
        await reply(update, texts.IN_FLOW_COMMAND.format(flow=self.label))
        await self.reprompt(update, context)

    async def wrong_input(self, update: Update, context: Context) -> None:
        step = self.draft(context).get("step")
        expects_button = step in self.button_states
        await reply(update, texts.EXPECTED_BUTTON if expects_button else texts.EXPECTED_TEXT)
        await self.reprompt(update, context)

    async def other_button(self, update: Update, context: Context) -> None:
        """A button that doesn't fit the current step: old, double-tapped, or another flow's."""
        query = update.callback_query
        if query is not None and (query.data or "").startswith(f"{self.prefix}:"):
            await answer(update, texts.EXPIRED)
            return
        await answer(update, texts.FINISH_FIRST.format(flow=self.label))

    async def help_in_flow(self, update: Update, context: Context) -> None:
        await reply(update, texts.HELP)
        await self.reprompt(update, context)

    async def reprompt(self, update: Update, context: Context) -> None:
        step = self.draft(context).get("step")
        if isinstance(step, str) and (step in self.prompts or step == RESUME):
            await self._prompt(step, update, context)

    def conversation(
        self, entry_points: list[Handler], states: dict[object, list[Handler]]
    ) -> ConversationHandler[Context]:
        """The flow's ConversationHandler, with the shared fallbacks. A state none of whose
        handlers takes a message expects a button (what wrong input is told)."""
        self.button_states = frozenset(
            state
            for state, handlers in states.items()
            if not any(isinstance(h, MessageHandler) for h in handlers)
        )
        fallbacks: list[Handler] = [
            CommandHandler("cancel", self.cancel),
            CallbackQueryHandler(self.cancel, pattern=self.pattern(Cancel)),
            CommandHandler("help", self.help_in_flow),
            MessageHandler(filters.COMMAND, self.command_in_flow),
            MessageHandler(filters.ALL, self.wrong_input),
            CallbackQueryHandler(self.other_button),
        ]
        return ConversationHandler(
            entry_points=entry_points,
            states=states,
            fallbacks=fallbacks,
            name=self.name,
            persistent=True,
            allow_reentry=False,
        )
