"""What every flow shares: callback data, drafts, text input checks, replies, expiry.

Callback data is ``prefix:nonce:action[:arg]``. The nonce is minted when a flow starts and
kept in the flow's draft, so a button from an older run of the same flow is recognised
as expired instead of being applied to the current one.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
from bot.domain.parsing import format_weekday
from bot.domain.safety import suggests_self_harm
from bot.domain.timezones import COMMON_ZONES, ZoneMatch
from bot.services import BotContext
from bot.ui import texts

log = logging.getLogger(__name__)

Context = BotContext
Step = Callable[[Update, Context], Awaitable[object]]
StepHandler = Callable[[Update, Context], Coroutine[Any, Any, str | None]]
Buttons = Sequence[Sequence[tuple[str, str]]]
Handler = BaseHandler[Update, BotContext, Any]

RESUME = "resume"  # the state every flow with drafts uses for "Continue or Start over?"
SHORT_LIMIT = 200
ENTRY_LIMIT = 1000
CALLBACK_LIMIT = 64
END = ConversationHandler.END


def format_local(moment: datetime, zone: str) -> str:
    """A UTC moment as the user reads it: "Sunday 30 Nov, 18:00" in their zone."""
    local = local_now(moment, zone)
    return f"{format_weekday(local.weekday())} {local.day} {local.strftime('%b')}, {local:%H:%M}"


def cb(*parts: object) -> str:
    data = ":".join(str(p) for p in parts)
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data[:20]}…")
    return data


def keyboard(rows: Buttons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def menu_keyboard() -> InlineKeyboardMarkup:
    buttons = [(label, cb("menu", action)) for label, action in texts.MENU_BUTTONS]
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
        await reply(update, texts.TOO_LONG.format(length=len(text), limit=limit))
        return None
    return text


async def care_if_needed(update: Update, context: Context, text: str) -> None:
    if suggests_self_harm(text):
        user = update.effective_user
        log.warning("safety message sent user_id=%s", user.id if user else None)
        await reply(
            update,
            texts.SAFETY.format(helpline=texts.esc(context.services.settings.helpline_text)),
            disable_web_page_preview=True,
        )


@dataclass
class Flow:
    """A conversation's name, callback prefix, command and per-state prompt functions."""

    name: str
    prefix: str
    command: str
    prompts: dict[str, Step]

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

    def data(self, context: Context, action: str, arg: object | None = None) -> str:
        nonce = self.draft(context)["nonce"]
        return (
            cb(self.prefix, nonce, action) if arg is None else cb(self.prefix, nonce, action, arg)
        )

    def pattern(self, action: str) -> str:
        return rf"^{self.prefix}:[0-9a-f]{{4}}:{action}(:|$)"

    def parse(self, update: Update, context: Context) -> str | None:
        """The callback's argument if it belongs to the current run of this flow, else None."""
        query = update.callback_query
        if query is None or query.data is None:
            return None
        parts = query.data.split(":", 3)
        draft = self.draft(context)
        if len(parts) < 3 or parts[1] != draft.get("nonce"):
            return None
        arg = parts[3] if len(parts) > 3 else ""
        if parts[2] == "skip":
            # Skip buttons name their step: an old prompt's Skip must not skip a later step.
            return "" if arg in ("", draft.get("step")) else None
        return arg

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

    # --- the common steps: a typed answer, or Skip --------------------------------------
    def store_text(self, key: str, limit: int, then: str) -> StepHandler:
        """A handler for a typed answer: checked, kept in the draft as ``key``, then ``then``."""

        async def typed(update: Update, context: Context) -> str | None:
            text = await read_text(update, limit)
            if text is None:
                return None
            await care_if_needed(update, context, text)
            self.draft(context)[key] = text
            return await self.go(then, update, context)

        return typed

    def store_skip(self, key: str, then: str) -> StepHandler:
        """A handler for this step's Skip button: ``key`` left empty, then ``then``."""

        async def skipped(update: Update, context: Context) -> str | None:
            if self.parse(update, context) is None:
                await answer(update, texts.EXPIRED)
                return None
            await answer(update)
            await settle_button(update, texts.BUTTON_SKIP)
            self.draft(context)[key] = None
            return await self.go(then, update, context)

        return skipped

    # --- the time-zone question (onboarding and settings) -------------------------------
    def zone_rows(self, context: Context, zones: Sequence[ZoneMatch], per_row: int) -> Buttons:
        """One ``tz`` button per zone (callback ``prefix:nonce:tz:<zone>``), ``per_row`` a row."""
        return [
            [(z.label, self.data(context, "tz", z.zone)) for z in zones[i : i + per_row]]
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

    # --- an unfinished draft: Continue or Start over ------------------------------------
    resume_text: str | None = None

    async def offer_resume(self, update: Update, context: Context) -> str:
        """Ask whether to continue the unfinished draft at its step, or start over."""
        draft = self.draft(context)
        draft["resume_to"] = draft.get("step")
        return await self.go(RESUME, update, context)

    async def _ask_resume(self, update: Update, context: Context) -> None:
        buttons = [
            [(texts.BUTTON_CONTINUE, self.data(context, RESUME, "yes"))],
            [(texts.BUTTON_START_OVER, self.data(context, RESUME, "no"))],
        ]
        label = texts.FLOW_NAMES.get(self.name, self.name)
        text = self.resume_text or texts.RESUME_DRAFT.format(flow=label)
        await reply(update, text, keyboard(buttons))

    async def resume_choice(self, update: Update, context: Context) -> bool | None:
        """The tap on Continue (True) or Start over (False); None for a stale button."""
        arg = self.parse(update, context)
        if arg not in ("yes", "no"):
            await answer(update, texts.EXPIRED)
            return None
        await answer(update)
        await settle_button(
            update, texts.BUTTON_CONTINUE if arg == "yes" else texts.BUTTON_START_OVER
        )
        return arg == "yes"

    async def go_back(self, update: Update, context: Context, default: str) -> str:
        """Continue the draft at the step it was left at (``default`` if that is unknown)."""
        step = self.draft(context).pop("resume_to", None)
        return await self.go(step if step in self.prompts else default, update, context)

    # --- shared fallbacks -------------------------------------------------------------
    async def cancel(self, update: Update, context: Context) -> int:
        await answer(update)
        await settle_button(update)
        label = texts.FLOW_NAMES.get(self.name, self.name)
        if self.has_draft(context):
            text = texts.CANCELLED_DRAFT.format(flow=label, command=self.command)
        else:
            self.drop_draft(context)
            text = texts.CANCELLED.format(flow=label)
        await reply(update, text, menu_keyboard())
        return END

    async def command_in_flow(self, update: Update, context: Context) -> None:
        label = texts.FLOW_NAMES.get(self.name, self.name)
        await reply(update, texts.IN_FLOW_COMMAND.format(flow=label))
        await self.reprompt(update, context)

    async def wrong_input(self, update: Update, context: Context) -> None:
        expected = texts.EXPECTED_BUTTON if self._expects_button(context) else texts.EXPECTED_TEXT
        await reply(update, expected)
        await self.reprompt(update, context)

    async def stale_button(self, update: Update, context: Context) -> None:
        await answer(update, texts.EXPIRED)

    async def other_button(self, update: Update, context: Context) -> None:
        """A button that doesn't fit the current step: old, double-tapped, or another flow's."""
        query = update.callback_query
        if query is not None and (query.data or "").startswith(f"{self.prefix}:"):
            await answer(update, texts.EXPIRED)
            return
        label = texts.FLOW_NAMES.get(self.name, self.name)
        await answer(update, texts.FINISH_FIRST.format(flow=label))

    async def help_in_flow(self, update: Update, context: Context) -> None:
        await reply(update, texts.HELP)
        await self.reprompt(update, context)

    async def reprompt(self, update: Update, context: Context) -> None:
        step = self.draft(context).get("step")
        if isinstance(step, str) and (step in self.prompts or step == RESUME):
            await self._prompt(step, update, context)

    def _expects_button(self, context: Context) -> bool:
        step = self.draft(context).get("step")
        return step == RESUME or step in self.button_states

    button_states: frozenset[str] = frozenset()

    def conversation(
        self,
        entry_points: list[BaseHandler[Update, Context, Any]],
        states: dict[object, list[BaseHandler[Update, Context, Any]]],
    ) -> ConversationHandler[Context]:
        fallbacks: list[BaseHandler[Update, Context, Any]] = [
            CommandHandler("cancel", self.cancel),
            CallbackQueryHandler(self.cancel, pattern=self.pattern("cancel")),
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

    def cancel_button(self, context: Context) -> tuple[str, str]:
        return (texts.BUTTON_CANCEL, self.data(context, "cancel"))

    def skip_button(self, context: Context) -> tuple[str, str]:
        """Skip for the current step (see :meth:`parse`)."""
        step = self.draft(context).get("step")
        return (texts.BUTTON_SKIP, self.data(context, "skip", step if step else None))


PRIVATE = filters.ChatType.PRIVATE
TEXT_INPUT = filters.TEXT & ~filters.COMMAND
