"""What every flow shares: typed button data, drafts, text input checks, replies, expiry.

A flow's buttons are :class:`~bot.ui.callbacks.FlowData` codecs, packed by the flow as
``prefix:nonce[:action][:field…]``. The nonce is minted when a flow starts and kept in the
flow's draft, so a button from an older run of the same flow is recognised as expired
instead of being applied to the current one. Every button handler starts with
:meth:`Flow.tap` (parse → expired? → answer → settle the tapped message).

Typed answers count wherever buttons are shown: every step takes "cancel" typed
(:func:`typed` filters a button word), a step with Skip takes "skip" typed (and never as
an answer), and each button step has a handler for what can be typed there. A flow left
without /cancel (a command, or left idle: bot/flows/interruptions.py) is :meth:`Flow.put_aside`
with its draft kept, and :class:`PickUp` brings the person back to the step they left.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import secrets
import typing
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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

from bot.domain.answers import Word, parse_word
from bot.domain.due import local_now
from bot.domain.timezones import (
    COMMON_ZONES,
    MAX_CANDIDATES,
    Resolution,
    ZoneMatch,
    is_valid_zone,
    zone_from_location,
)
from bot.services import App, BotContext
from bot.storage import users
from bot.storage.users import User
from bot.ui import texts
from bot.ui.callbacks import CallbackData, FlowData, Menu, MenuAction, MenuPage
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
# What a step reads as a typed answer: text, or a photo's or file's caption.
TEXT_INPUT = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
# Keys of a draft that are the flow's bookkeeping, not something the person entered.
_META = frozenset({"nonce", "step", "resume_to", "answers"})
# The first screen of the menu: the everyday actions. "More…" shows the rest on the same
# message (bot/flows/basic.py), so every feature is at most two taps away.
MENU: tuple[MenuAction, ...] = ("rejection", "reframe", "win", "plans", "checkin", "help")


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


class Typed(filters.MessageFilter):
    """A message that is one of our button words, typed ("Skip.", "CANCEL", "yes please"):
    :func:`bot.domain.answers.parse_word`."""

    def __init__(self, *words: Word) -> None:
        super().__init__(name=f"Typed({', '.join(words)})")
        self.words = frozenset(words)

    def filter(self, message: Message) -> bool:
        text = message.text or message.caption
        return text is not None and parse_word(text) in self.words


def typed(*words: Word) -> filters.BaseFilter:
    """A filter for a private message that types one of ``words`` (see :class:`Typed`)."""
    return PRIVATE & Typed(*words)


def message_text(update: Update) -> str | None:
    """What a message says: its text, or a photo's or file's caption."""
    message = update.effective_message
    if message is None:
        return None
    return message.text or message.caption


def keyboard(rows: Buttons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def menu_button(action: MenuAction) -> tuple[str, str]:
    labels = {code: label for label, code in texts.MENU_BUTTONS}
    return (labels[action], Menu(action).pack())


def menu_rows() -> list[list[tuple[str, str]]]:
    buttons = [menu_button(action) for action in MENU]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return [*rows, [(texts.BUTTON_MENU_MORE, MenuPage("more").pack())]]


def menu_keyboard() -> InlineKeyboardMarkup:
    return keyboard(menu_rows())


def show_menu_button() -> tuple[str, str]:
    """One "☰ Menu" button, for a message whose obvious next step is anything."""
    return (texts.BUTTON_MENU, Menu("show").pack())


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


def _location_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.BUTTON_SHARE_LOCATION, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


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
    """The message's text (or caption), stripped; refuses (with the limit named) what's over
    ``limit``. (Distress never gets here: bot/flows/care.py reads every message first.)"""
    found = message_text(update)
    if found is None:
        return None
    text = found.strip()
    if not text:
        return None
    if len(text) > limit:
        await reply(update, texts.too_long(length=len(text), limit=limit))
        return None
    return text


# --- questions asked outside a flow, answered by typing ----------------------
ASKED = "asked"  # user_data: what -> the latest question of that kind asked outside a flow


def note_question(data: dict[Any, Any], what: str, now: datetime, **extra: object) -> None:
    """Remember a question just asked outside any flow — "checkin" (the weekly invitation),
    "follow_up" (a plan's "Did you do it?", with ``plan_id``), "outcome" (its "Did it
    happen?" after Done, with ``plan_id``) or "offer" ("Log this as …?",
    with ``key`` and ``reading``) — so that a typed answer to it counts
    (bot/flows/free_text.py). One of each kind is kept, the latest."""
    asked = data.get(ASKED)
    if not isinstance(asked, dict):
        asked = data[ASKED] = {}
    asked.pop(what, None)  # the latest last
    asked[what] = {"what": what, "at": now.isoformat(), **extra}


def note_question_for(app: App, user_id: int, what: str, now: datetime, **extra: object) -> None:
    """:func:`note_question` from due work (no update): saved with the next persistence run."""
    note_question(app.user_data[user_id], what, now, **extra)
    app.mark_data_for_update_persistence(user_ids=user_id)


def open_questions(
    data: dict[Any, Any], now: datetime, within: dict[str, timedelta]
) -> list[dict[str, Any]]:
    """The questions still open (each kind for its ``within``), the latest first."""
    asked = data.get(ASKED)
    found: list[tuple[datetime, int, dict[str, Any]]] = []
    for order, (what, record) in enumerate(asked.items() if isinstance(asked, dict) else ()):
        try:
            at = datetime.fromisoformat(str(record.get("at")))
        except (AttributeError, ValueError):
            continue
        if what in within and now - at <= within[what]:
            found.append((at, order, record))  # at the same time: noted later, asked later
    return [record for *_, record in sorted(found, key=lambda t: t[:2], reverse=True)]


def asked_by(data: dict[Any, Any], update_id: int) -> bool:
    """True if the answer to update ``update_id`` asked a question (``update_id=`` noted)."""
    asked = data.get(ASKED)
    records = asked.values() if isinstance(asked, dict) else ()
    return any(isinstance(r, dict) and r.get("update_id") == update_id for r in records)


def forget_question(data: dict[Any, Any], what: str) -> None:
    """The question ``what`` was answered (by a tap, a typed answer or a flow)."""
    asked = data.get(ASKED)
    if isinstance(asked, dict):
        asked.pop(what, None)


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


@dataclass(frozen=True)
class ZoneOther(FlowData, action="tzother"):
    """ "Other…" under one country's time zones: type a city, or share a location."""


@dataclass(frozen=True)
class PickUp(CallbackData, prefix="pu"):
    """ "Continue" under "Continue where you left off?", offered once after a flow was put
    aside: an entry point of the flow whose prefix is ``flow``, for the draft ``nonce``."""

    flow: str
    nonce: str


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
    # Put aside after FLOW_IDLE_MINUTES without an answer (bot/flows/interruptions.py).
    # Not for a flow whose next message is almost surely the answer to its question, such
    # as the set-up a newcomer came for.
    expires: bool = True

    def __post_init__(self) -> None:
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
        """True if the person entered something in this flow that isn't saved yet."""
        found = user_data(context).get(self.name)
        return isinstance(found, dict) and any(
            k not in _META and v is not None for k, v in found.items()
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

    def remember_answer(self, update: Update, context: Context, key: str, limit: int) -> None:
        """Note which message gave ``key``: editing that message updates the answer."""
        message = update.effective_message
        if message is not None:
            answers = self.draft(context).setdefault("answers", {})
            answers[str(message.message_id)] = [key, limit]

    def store_text(self, key: str, limit: int, then: Then) -> StepHandler:
        """A handler for a typed answer: checked, kept as ``key`` (see ``keep``), then
        ``then`` (a state to go to, or a step that finishes)."""

        async def typed(update: Update, context: Context) -> str | int | None:
            text = await read_text(update, limit)
            if text is None:
                return None
            self.remember_answer(update, context, key, limit)
            await self._keep(update, context, key, text)
            return await self._then(then, update, context)

        return typed

    def store_skip(self, key: str, then: Then) -> StepHandler:
        """A handler for this step's Skip, tapped or typed: ``key`` kept empty, then ``then``."""

        async def skipped(update: Update, context: Context) -> str | int | None:
            if update.callback_query is not None and await self.tap(update, context, Skip) is None:
                return None
            await self._keep(update, context, key, None)
            return await self._then(then, update, context)

        return skipped

    async def cant_skip(self, update: Update, context: Context) -> None:
        """ "Skip" typed at a step that has no Skip: never taken as the answer."""
        await reply(update, texts.CANT_SKIP)

    def text_step(self, key: str, limit: int, then: Then, *, skippable: bool) -> list[Handler]:
        """The handlers of a step answered by typing (see :meth:`store_text`) and, when
        ``skippable``, by its Skip button or "skip" typed (:meth:`store_skip`)."""
        if skippable:
            skipped = self.store_skip(key, then)
            first: list[Handler] = [
                MessageHandler(typed(Word.SKIP), skipped),
                CallbackQueryHandler(skipped, pattern=self.pattern(Skip)),
            ]
        else:
            first = [MessageHandler(typed(Word.SKIP), self.cant_skip)]
        return [*first, MessageHandler(PRIVATE & TEXT_INPUT, self.store_text(key, limit, then))]

    async def edit_answer(self, update: Update, context: Context) -> bool:
        """An edited message that gave one of this draft's answers: that answer is replaced
        (checked like a new one) and the person told. False if the message gave none."""
        message = update.edited_message
        answers = self.draft(context).get("answers")
        found = answers.get(str(message.message_id)) if message and answers else None
        if not isinstance(found, list):
            return False
        key, limit = str(found[0]), int(found[1])
        text = await read_text(update, limit)
        if text is None:
            return True
        await self._keep(update, context, key, None if parse_word(text) is Word.SKIP else text)
        await reply(update, texts.ANSWER_UPDATED.format(text=texts.esc(text)))
        return True

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
        await reply(update, texts.LOCATION_HINT, _location_keyboard())

    async def offer_zones(self, update: Update, context: Context, found: Resolution) -> None:
        """The zones a typed answer may mean, one a row (at most :data:`MAX_CANDIDATES`);
        "Other…" when they are a selection from a country's zones; always Cancel."""
        rows = self.zone_rows(context, found.candidates[:MAX_CANDIDATES], 1)
        last = [self.cancel_button(context)]
        if found.other:
            last.insert(0, (texts.BUTTON_TZ_OTHER, self.data(context, ZoneOther())))
        text = texts.TZ_AREA_CANDIDATES if found.other else texts.TZ_CANDIDATES
        await reply(update, text, keyboard([*rows, last]))

    async def zone_other(self, update: Update, context: Context) -> None:
        """ "Other…": ask for a city, with the reply keyboard that shares a location."""
        if await self.tap(update, context, ZoneOther) is None:
            return
        await reply(update, texts.TZ_OTHER, _location_keyboard())

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
        """Continue (True) or Start over (False), tapped or typed; None for a stale button
        or words that are neither (then said what to type)."""
        if update.callback_query is None:
            word = parse_word(message_text(update) or "")
            if word in (Word.CONTINUE, Word.YES):
                return True
            if word in (Word.START_OVER, Word.NO):
                return False
            await reply(update, texts.RESUME_HINT)
            return None
        tap = await self.tap(update, context, Resume)
        return None if tap is None else tap.choice == "yes"

    def resume_step(self, resume: StepHandler) -> list[Handler]:
        """The RESUME state's handlers: ``resume`` for the buttons and for typed words."""
        return [
            CallbackQueryHandler(resume, pattern=self.pattern(Resume)),
            MessageHandler(PRIVATE & TEXT_INPUT, resume),
        ]

    async def go_back(self, update: Update, context: Context, default: str) -> str:
        """Continue the draft at the step it was left at (``default`` if that is unknown)."""
        step = self.draft(context).pop("resume_to", None)
        return await self.go(step if step in self.prompts else default, update, context)

    # --- left without /cancel: put aside, picked up later --------------------------------
    def put_aside(self, context: Context) -> bool:
        """The flow was left by a command or after FLOW_IDLE_MINUTES (its conversation is
        ended by the caller): the draft stays as /cancel keeps it. True if there is one to
        pick up."""
        if self.drop_on_cancel or not self.has_draft(context):
            self.drop_draft(context)
            return False
        return True

    def pick_up_button(self, context: Context) -> tuple[str, str]:
        nonce = str(self.draft(context)["nonce"])
        return (texts.BUTTON_CONTINUE, PickUp(self.prefix, nonce).pack())

    async def pick_up(self, update: Update, context: Context) -> str | int:
        """ "Continue" after the flow was put aside: back at the step it was left at."""
        query = update.callback_query
        tap = PickUp.parse(query.data if query else None)
        found = user_data(context).get(self.name)
        draft = found if isinstance(found, dict) else {}
        if tap is None or tap.nonce != draft.get("nonce") or not self.has_draft(context):
            await answer(update, texts.EXPIRED)
            return END
        await answer(update)
        await settle_button(update, texts.BUTTON_CONTINUE)
        return await self.back_to_step(update, context)

    async def back_to_step(self, update: Update, context: Context) -> str:
        """Ask the question of the step the draft was left at (after :meth:`put_aside`;
        "continue" typed: then the caller puts the person into the conversation)."""
        forget_question(user_data(context), "pick_up")
        step = self.draft(context).get("step")
        first = next(iter(self.prompts))
        if step == RESUME:
            return await self.go_back(update, context, first)
        return await self.go(step if step in self.prompts else first, update, context)

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

    async def unknown_command(self, update: Update, context: Context) -> None:
        """A command no handler knows (a typo?): the flow stays where it was. (Known commands
        leave the flow before it sees them: bot/flows/interruptions.py.)"""
        await reply(update, texts.UNKNOWN_COMMAND_IN_FLOW)
        await self.reprompt(update, context)

    async def wrong_input(self, update: Update, context: Context) -> None:
        """What no handler of the step takes: a sticker, a voice note, a photo without words."""
        kind = texts.EXPECTED_BUTTON if message_text(update) else texts.MEDIA_IN_FLOW
        await reply(update, kind)
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
        """The flow's ConversationHandler: every state also takes "cancel" typed; "Continue"
        of a :class:`PickUp` is one more entry point; then the shared fallbacks."""
        cancel_typed: Handler = MessageHandler(typed(Word.CANCEL), self.cancel)
        fallbacks: list[Handler] = [
            CommandHandler("cancel", self.cancel),
            CallbackQueryHandler(self.cancel, pattern=self.pattern(Cancel)),
            CommandHandler("help", self.help_in_flow),
            MessageHandler(filters.COMMAND, self.unknown_command),
            MessageHandler(filters.ALL, self.wrong_input),
            CallbackQueryHandler(self.other_button),
        ]
        return ConversationHandler(
            entry_points=[
                *entry_points,
                CallbackQueryHandler(self.pick_up, pattern=PickUp.pattern(flow=self.prefix)),
            ],
            states={state: [cancel_typed, *handlers] for state, handlers in states.items()},
            fallbacks=fallbacks,
            name=self.name,
            persistent=True,
            allow_reentry=False,
        )
