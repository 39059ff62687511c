"""/feedback (step 3): a round of anonymous feedback, and the giver's side of it.

The seeker sets up a round (their goal, how many people they ask) and gets a deep link
``https://t.me/<bot>?start=fb_<token>`` plus a message ready to forward. A giver who opens
the link answers three questions here (each may be skipped), sees what will be shared and
confirms. The answer is stored without the giver's id; only a per-round salted hash of it
stays, to refuse a second answer. Givers are not pushed through onboarding.

Round buttons on /feedback are stateless (``fbr:<round id>:<action>``) and re-check that
the round belongs to whoever pressed.

A giver who types before tapping "▶ Start" has answered the first question: the text is
kept as that answer. Givers' flows are never put aside for being idle (``expires=False``):
they came for these three questions.
"""

from __future__ import annotations

import logging
import re
import typing
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain import feedback as rules
from bot.domain.answers import Word, parse_count, parse_word
from bot.domain.text import shorten
from bot.flows import conversations
from bot.flows.common import (
    END,
    ENTRY_LIMIT,
    PRIVATE,
    SHORT_LIMIT,
    TEXT_INPUT,
    Context,
    Flow,
    Handler,
    Skip,
    answer,
    format_local,
    keyboard,
    read_text,
    reply,
    settle_button,
    show_menu_button,
    typed,
    zone_today,
)
from bot.storage import feedback as store
from bot.storage import users
from bot.storage.server_secret import server_key
from bot.ui import texts
from bot.ui.callbacks import CallbackData, FlowData, Menu, PickFocus

log = logging.getLogger(__name__)

MIN_SHOWN = rules.MIN_SHOWN  # answers are shown once this many people have answered
SHOWN_CHARS = 300  # of each free-text answer in the chat (/export has everything)
MESSAGE_LIMIT = 4000
Asked = Literal[3, 5, 10, 15, 20]
ASKED_CHOICES: tuple[Asked, ...] = typing.get_args(Asked)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
GIVER_LINK = r"^/start(@\w+)?\s+fb_"


def is_giver_update(update: Update, context: Context) -> bool:
    """The giver's side of a round: the link's /start, a tap or message in the giver flow
    (basic.seen keeps no users row for someone who only gives feedback)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    message = update.message
    if message is not None and re.match(GIVER_LINK, message.text or ""):
        return True
    query = update.callback_query
    if query is not None and (query.data or "").startswith(f"{giver.prefix}:"):
        return True
    return conversations.active(context.application, chat.id, user.id) == giver.name


async def forget_giver_only(update: Update, context: Context) -> None:
    """After every private update (the last handler group): someone with no users row who is
    in no flow (a giver between answers, or after a refused link) keeps no user_data either,
    not even when they last wrote."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != "private" or not context.user_data:
        return
    if conversations.active(context.application, chat.id, user.id) is not None:
        return
    if await users.get(context.services.db, user.id) is None:
        context.application.drop_user_data(user.id)


@dataclass(frozen=True)
class RoundTap(CallbackData, prefix="fbr"):
    """Under a round's status: close it, or start a new round (stateless: checks the owner)."""

    round_id: int
    action: Literal["close", "new"]


def _short(text: str, limit: int = SHOWN_CHARS) -> str:
    return texts.esc(shorten(text, limit))


def _chunks(parts: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Paragraphs joined into as few messages as fit ``limit`` (lines are never split)."""
    messages: list[str] = []
    current = ""
    for part in parts:
        for line in part.split("\n"):
            candidate = f"{current}\n{line}" if current else line
            if len(candidate) > limit and current:
                messages.append(current)
                current = line
            else:
                current = candidate
        current += "\n"
    if current.strip():
        messages.append(current.rstrip("\n"))
    return [m.rstrip("\n") for m in messages if m.strip()]


def link_for(context: Context, round_: store.Round) -> str:
    return rules.deep_link(context.bot.username, round_.token)


# --- the seeker: status and results ----------------------------------------------------------
async def _zone(context: Context, user_id: int) -> str:
    zone, _ = await zone_today(context, user_id)
    return zone


async def show_round(update: Update, context: Context, round_: store.Round) -> None:
    """Progress, then (with enough answers) the results and a nudge toward one focus."""
    s = context.services
    now = s.clock.now()
    zone = await _zone(context, round_.user_id)
    answers = await store.answers(s.db, round_.user_id, round_.id)
    if round_.closed_at is not None:
        state = texts.FEEDBACK_STATE_CLOSED
    elif not round_.is_open(now):
        state = texts.FEEDBACK_STATE_EXPIRED
    else:
        state = texts.FEEDBACK_STATE_OPEN.format(until=format_local(round_.expires_at, zone))
    head = texts.feedback_status(
        started=format_local(round_.created_at, zone),
        state=state,
        goal=_short(round_.goal) if round_.goal else texts.FEEDBACK_NO_GOAL,
        answered=len(answers),
        asked=round_.asked,
    )
    if round_.is_open(now):
        head += texts.FEEDBACK_LINK_AGAIN.format(link=link_for(context, round_))
    if len(answers) < MIN_SHOWN:
        head += texts.feedback_wait_more(MIN_SHOWN)
    parts = [head]
    if len(answers) >= MIN_SHOWN:
        parts += result_parts(answers)
    buttons: list[list[tuple[str, str]]] = []
    if len(answers) >= MIN_SHOWN:
        buttons.append([(texts.BUTTON_PICK_FOCUS, PickFocus().pack())])
    if round_.is_open(now):
        buttons.append([(texts.BUTTON_CLOSE_ROUND, RoundTap(round_.id, "close").pack())])
    buttons.append([(texts.BUTTON_NEW_ROUND, RoundTap(round_.id, "new").pack())])
    messages = _chunks(parts)
    for i, text in enumerate(messages):
        last = i == len(messages) - 1
        await reply(
            update,
            text,
            keyboard(buttons) if last else None,
            link_preview_options=NO_PREVIEW,
        )


def result_parts(answers: list[store.Answer]) -> list[str]:
    """The results as paragraphs: adjectives ranked, "do better" listed, other suggestions
    (as :func:`bot.domain.feedback.results` gives them: no distress, no arrival order)."""
    shown = rules.results(answers)
    if shown is None:
        return []
    parts: list[str] = []
    if shown.adjectives:
        lines = "\n".join(
            texts.FEEDBACK_ADJECTIVE_LINE.format(word=_short(r.word, 60), count=r.count)
            for r in shown.adjectives
        )
        parts.append("\n" + texts.FEEDBACK_ADJECTIVES.format(lines=lines))
    for template, found in (
        (texts.FEEDBACK_DO_BETTER, shown.do_better),
        (texts.FEEDBACK_OTHER, shown.other),
    ):
        if not found:
            continue
        lines = "\n".join(
            texts.FEEDBACK_TEXT_LINE_COUNT.format(text=_short(t), count=n)
            if n > 1
            else texts.FEEDBACK_TEXT_LINE.format(text=_short(t))
            for t, n in found
        )
        parts.append("\n" + template.format(lines=lines))
    parts.append("\n" + texts.FEEDBACK_NUDGE)
    return parts


# --- the seeker: setting up a round ------------------------------------------------------------
GOAL, ASKED = "goal", "asked"


@dataclass(frozen=True)
class AskedTap(FlowData, action="asked"):
    """How many people the seeker asks."""

    count: Asked


async def _ask_goal(update: Update, context: Context) -> None:
    text = texts.FEEDBACK_INTRO
    if flow.draft(context).get("replaces") is not None:
        text += texts.FEEDBACK_REPLACES
    buttons = [[flow.skip_button(context), flow.cancel_button(context)]]
    await reply(update, text, keyboard(buttons))


async def _ask_asked(update: Update, context: Context) -> None:
    numbers = [(str(n), flow.data(context, AskedTap(n))) for n in ASKED_CHOICES]
    await reply(
        update, texts.FEEDBACK_ASK_ASKED, keyboard([numbers, [flow.cancel_button(context)]])
    )


flow = Flow(
    name="feedback",
    prefix="fs",
    command="feedback",
    prompts={GOAL: _ask_goal, ASKED: _ask_asked},
    drop_on_cancel=True,  # started again from /feedback
)


async def begin(update: Update, context: Context) -> str | int:
    await answer(update)
    s = context.services
    user = update.effective_user
    assert user is not None
    latest = await store.latest_round(s.db, user.id)
    if latest is not None:
        await show_round(update, context, latest)
        return END
    flow.fresh_draft(context)
    return await flow.go(GOAL, update, context)


async def _own_round(update: Update, context: Context) -> store.Round | None:
    """The round a RoundTap names, if it belongs to whoever pressed."""
    query = update.callback_query
    assert query is not None
    tap = RoundTap.parse(query.data)
    if tap is None:
        return None
    return await store.get_round(context.services.db, query.from_user.id, tap.round_id)


async def new_round(update: Update, context: Context) -> str | int:
    s = context.services
    round_ = await _own_round(update, context)
    if round_ is None:
        await answer(update, texts.FEEDBACK_ROUND_GONE)
        return END
    await answer(update)
    await settle_button(update)
    replaces = round_.id if round_.is_open(s.clock.now()) else None
    flow.fresh_draft(context, replaces=replaces)
    return await flow.go(GOAL, update, context)


async def asked_chosen(update: Update, context: Context) -> int | None:
    tap = await flow.tap(update, context, AskedTap)
    if tap is None:
        return None
    return await _open(update, context, tap.count)


async def asked_typed(update: Update, context: Context) -> int | None:
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    count = parse_count(text, 100)
    if count is None or count < 1:
        await reply(update, texts.FEEDBACK_BAD_NUMBER)
        return None
    return await _open(update, context, count)


async def _open(update: Update, context: Context, asked: int) -> int:
    s = context.services
    user = update.effective_user
    assert user is not None
    goal = flow.draft(context).get("goal")
    round_ = await store.start_round(
        s.db, user_id=user.id, goal=goal, asked=asked, now=s.clock.now()
    )
    flow.drop_draft(context)
    log.info("feedback round opened user_id=%s round_id=%s", user.id, round_.id)
    link = link_for(context, round_)
    zone = await _zone(context, user.id)
    await reply(
        update,
        texts.FEEDBACK_OPENED.format(until=format_local(round_.expires_at, zone), link=link),
        keyboard([[show_menu_button()]]),
        link_preview_options=NO_PREVIEW,
    )
    forward = texts.FEEDBACK_FORWARD_WITH_GOAL if goal else texts.FEEDBACK_FORWARD
    await reply(
        update,
        forward.format(goal=texts.esc(goal or ""), link=link),
        link_preview_options=NO_PREVIEW,
    )
    return END


def conversation() -> ConversationHandler[Context]:
    return flow.conversation(
        entry_points=[
            CommandHandler("feedback", begin, PRIVATE),
            CallbackQueryHandler(begin, pattern=Menu.pattern(action="feedback")),
            CallbackQueryHandler(new_round, pattern=RoundTap.pattern(action="new")),
        ],
        states={
            GOAL: flow.text_step("goal", SHORT_LIMIT, ASKED, skippable=True),
            ASKED: [
                CallbackQueryHandler(asked_chosen, pattern=flow.pattern(AskedTap)),
                MessageHandler(PRIVATE & TEXT_INPUT, asked_typed),
            ],
        },
    )


async def close_round(update: Update, context: Context) -> None:
    """Close the presser's own open round."""
    s = context.services
    round_ = await _own_round(update, context)
    if round_ is None:
        await answer(update, texts.FEEDBACK_ROUND_GONE)
        return
    user_id = round_.user_id
    if not await store.close_round(s.db, user_id, round_.id, s.clock.now()):
        await answer(update, texts.FEEDBACK_ALREADY_CLOSED)
        return
    await answer(update)
    await settle_button(update)
    log.info("feedback round closed user_id=%s round_id=%s", user_id, round_.id)
    await reply(update, texts.FEEDBACK_CLOSED)
    closed = await store.get_round(s.db, user_id, round_.id)
    assert closed is not None
    await show_round(update, context, closed)


# --- the giver ---------------------------------------------------------------------------------
INTRO, BETTER, ADJECTIVES, OTHER, PREVIEW = "intro", "better", "adjectives", "other", "preview"


@dataclass(frozen=True)
class Begin(FlowData):
    """Answer now, or later (the link stays valid)."""

    choice: Literal["go", "later"]


@dataclass(frozen=True)
class Preview(FlowData):
    """Send the answers as previewed, or answer the questions again."""

    choice: Literal["send", "redo"]


def _name(context: Context) -> str:
    return texts.esc(str(giver.draft(context).get("name") or "?"))


async def _give_intro(update: Update, context: Context) -> None:
    draft = giver.draft(context)
    goal = draft.get("goal")
    text = texts.GIVE_INTRO.format(
        name=_name(context),
        goal=texts.GIVE_GOAL.format(goal=texts.esc(str(goal))) if goal else "",
    )
    buttons = [
        [(texts.BUTTON_GIVE_START, giver.data(context, Begin("go")))],
        [(texts.BUTTON_GIVE_LATER, giver.data(context, Begin("later")))],
    ]
    await reply(update, text, keyboard(buttons))


def _skip_row(context: Context) -> InlineKeyboardMarkup:
    return keyboard([[giver.skip_button(context), giver.cancel_button(context)]])


async def _give_better(update: Update, context: Context) -> None:
    await reply(update, texts.GIVE_ASK_BETTER.format(name=_name(context)), _skip_row(context))


async def _give_adjectives(update: Update, context: Context) -> None:
    await reply(update, texts.GIVE_ASK_ADJECTIVES.format(name=_name(context)), _skip_row(context))


async def _give_other(update: Update, context: Context) -> None:
    await reply(update, texts.GIVE_ASK_OTHER.format(name=_name(context)), _skip_row(context))


async def _give_preview(update: Update, context: Context) -> None:
    draft = giver.draft(context)
    adjectives = draft.get("adjectives") or []
    text = texts.GIVE_PREVIEW.format(
        name=_name(context),
        do_better=texts.esc(draft["better"]) if draft.get("better") else texts.GIVE_SKIPPED,
        adjectives=texts.esc(", ".join(adjectives)) if adjectives else texts.GIVE_SKIPPED,
        other=texts.esc(draft["other"]) if draft.get("other") else texts.GIVE_SKIPPED,
    )
    buttons = [
        [(texts.BUTTON_GIVE_SEND, giver.data(context, Preview("send")))],
        [
            (texts.BUTTON_GIVE_REDO, giver.data(context, Preview("redo"))),
            giver.cancel_button(context),
        ],
    ]
    await reply(update, text, keyboard(buttons))


giver = Flow(
    name="feedback_give",
    prefix="fg",
    command="start",
    expires=False,
    drop_on_cancel=True,  # started again from the link
    prompts={
        INTRO: _give_intro,
        BETTER: _give_better,
        ADJECTIVES: _give_adjectives,
        OTHER: _give_other,
        PREVIEW: _give_preview,
    },
)


async def give_start(update: Update, context: Context) -> str | int:
    """``/start fb_<token>``: check the link, then ask whether to begin."""
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    token = rules.token_from_start(context.args[0] if context.args else None)
    round_ = await store.round_by_token(s.db, token) if token else None
    now = s.clock.now()
    if round_ is None or (round_.closed_at is None and not round_.is_open(now)):
        log.info("feedback link refused user_id=%s known=%s", tg_user.id, round_ is not None)
        await reply(update, texts.FEEDBACK_LINK_EXPIRED)
        return END
    if round_.user_id == tg_user.id:
        await reply(update, texts.GIVE_OWN_LINK)
        return END
    if round_.closed_at is not None:
        await reply(update, texts.GIVE_CLOSED)
        return END
    if await store.has_answered(s.db, server_key(s.settings), round_, tg_user.id):
        await reply(update, texts.GIVE_ALREADY)
        return END
    seeker = await users.get(s.db, round_.user_id)
    giver.fresh_draft(
        context,
        token=round_.token,
        name=seeker.first_name if seeker and seeker.first_name else None,
        goal=round_.goal,
    )
    log.info("feedback giver started round_id=%s", round_.id)
    return await giver.go(INTRO, update, context)


async def begin_or_later(update: Update, context: Context) -> str | int | None:
    tap = await giver.tap(update, context, Begin)
    if tap is None:
        return None
    if tap.choice == "go":
        return await giver.go(BETTER, update, context)
    giver.drop_draft(context)
    await reply(update, texts.GIVE_DECLINED)
    return END


async def intro_typed(update: Update, context: Context) -> str | int | None:
    """Typed before "▶ Start": "yes"/"ok" starts, "no"/"later" declines, and anything else
    is the answer to the first question (kept, not lost)."""
    text = await read_text(update, ENTRY_LIMIT)
    if text is None:
        return None
    word = parse_word(text)
    if word in (Word.YES, Word.CONTINUE):
        return await giver.go(BETTER, update, context)
    if word in (Word.NO, Word.NOT_YET, Word.CANCEL):
        giver.drop_draft(context)
        await reply(update, texts.GIVE_DECLINED)
        return END
    giver.remember_answer(update, context, "better", ENTRY_LIMIT)
    giver.draft(context)["better"] = text
    await reply(update, texts.GIVE_EARLY_KEPT)
    return await giver.go(ADJECTIVES, update, context)


async def preview_typed(update: Update, context: Context) -> str | int | None:
    """ "Yes"/"send" sends, "no"/"start over" answers again."""
    word = parse_word((await read_text(update, ENTRY_LIMIT)) or "")
    if word is Word.YES or word is Word.DONE:
        return await _submit(update, context)
    if word in (Word.NO, Word.START_OVER):
        return await _redo(update, context)
    await reply(update, texts.YES_NO_HINT)
    return None


async def adjectives_typed(update: Update, context: Context) -> str | None:
    text = await read_text(update, SHORT_LIMIT)
    if text is None:
        return None
    found = rules.split_adjectives(text)
    if not found:
        await reply(update, texts.GIVE_NO_ADJECTIVES)
        return None
    giver.draft(context)["adjectives"] = found
    return await giver.go(OTHER, update, context)


async def _to_preview(update: Update, context: Context) -> str | int:
    draft = giver.draft(context)
    if not (draft.get("better") or draft.get("adjectives") or draft.get("other")):
        giver.drop_draft(context)
        await reply(update, texts.GIVE_NOTHING)
        return END
    return await giver.go(PREVIEW, update, context)


async def send_or_redo(update: Update, context: Context) -> str | int | None:
    tap = await giver.tap(update, context, Preview)
    if tap is None:
        return None
    if tap.choice == "send":
        return await _submit(update, context)
    return await _redo(update, context)


async def _redo(update: Update, context: Context) -> str:
    for key in ("better", "adjectives", "other", "answers"):
        giver.draft(context).pop(key, None)
    return await giver.go(BETTER, update, context)


async def _submit(update: Update, context: Context) -> int:
    s = context.services
    tg_user = update.effective_user
    assert tg_user is not None
    draft = giver.draft(context)
    name = _name(context)
    item = store.Answer(
        do_better=draft.get("better"),
        adjectives=tuple(draft.get("adjectives") or ()),
        other=draft.get("other"),
    )
    giver.drop_draft(context)
    try:
        round_ = await store.add_answer(
            s.db,
            key=server_key(s.settings),
            token=str(draft["token"]),
            giver_id=tg_user.id,
            answer=item,
            now=s.clock.now(),
        )
    except store.AlreadyAnsweredError:
        await reply(update, texts.GIVE_ALREADY)
        return END
    except store.RoundClosedError:
        await reply(update, texts.GIVE_CLOSED)
        return END
    log.info("feedback answer stored round_id=%s", round_.id)
    await reply(update, texts.GIVE_THANKS.format(name=name))
    return END


def giver_conversation() -> ConversationHandler[Context]:
    """Register before onboarding: it takes ``/start fb_...`` so givers skip the set-up."""
    return giver.conversation(
        entry_points=[
            CommandHandler("start", give_start, PRIVATE & filters.Regex(GIVER_LINK)),
        ],
        states={
            INTRO: [
                CallbackQueryHandler(begin_or_later, pattern=giver.pattern(Begin)),
                MessageHandler(PRIVATE & TEXT_INPUT, intro_typed),
            ],
            BETTER: giver.text_step("better", ENTRY_LIMIT, ADJECTIVES, skippable=True),
            ADJECTIVES: [
                MessageHandler(typed(Word.SKIP), giver.store_skip("adjectives", OTHER)),
                MessageHandler(PRIVATE & TEXT_INPUT, adjectives_typed),
                CallbackQueryHandler(
                    giver.store_skip("adjectives", OTHER), pattern=giver.pattern(Skip)
                ),
            ],
            OTHER: giver.text_step("other", ENTRY_LIMIT, _to_preview, skippable=True),
            PREVIEW: [
                CallbackQueryHandler(send_or_redo, pattern=giver.pattern(Preview)),
                MessageHandler(PRIVATE & TEXT_INPUT, preview_typed),
            ],
        },
    )


def handlers() -> list[Handler]:
    return [
        CallbackQueryHandler(close_round, pattern=RoundTap.pattern(action="close")),
    ]
