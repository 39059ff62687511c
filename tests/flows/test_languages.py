"""Each person in their language, end to end: Telegram's language at first contact, a choice
in /settings that later Telegram settings don't override, every piece of due work in the
recipient's language, group posts in the circle's, the menus per language, the helpline by
the country of the person's time zone.

Expected texts are read from the catalogs through the i18n API (``said(code, ...)``), and
every conversation is checked for English leaking through: no sizeable piece of an English
source text whose translation differs may appear in what the person received
(:func:`assert_no_english`).
"""

from __future__ import annotations

import asyncio
import functools
import io
import re
import zipfile
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.config import Settings
from bot.devtools.client import UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.devtools.objects import JSON, BotMessage
from bot.flows import care
from bot.flows.language import LanguagePick
from bot.storage import circles, users
from bot.ui import texts
from bot.ui.i18n import DOMAIN, LOCALE_DIR, use_language
from tests.harness import BotHarness, harness

OTHERS = ("pt_BR", "de", "ru")
TELEGRAM = {"es": "es", "pt_BR": "pt-br", "de": "de", "ru": "ru"}  # as clients send it
SUNDAY_18_BERLIN = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
HELPLINE_DE = "TelefonSeelsorge 0800 111 0 111"
CODES = "en, de, es, pt, ru"
BUTTONS = ["English", "Deutsch", "Español", "Português (Brasil)", "Русский"]


def said(code: str, text: Callable[[], str]) -> str:
    """``text()`` rendered in the language ``code``."""
    with use_language(code):
        return text()


def differs(code: str, text: Callable[[], str]) -> str:
    """``text()`` in ``code``, checked to be a translation (not the English). Texts new in
    this round are read with :func:`said` only: their translations reach the catalogs
    when they are merged, and a text not in a catalog yet reads as its English."""
    translated, english = said(code, text), said("en", text)
    assert translated != english, f"not translated into {code}: {english!r}"
    return translated


# --- English leaking through ----------------------------------------------------------------
_PIECES = re.compile(r"\{[^}]*\}|<[^>]*>|\n")


@functools.cache
def _english_pieces(code: str) -> tuple[str, ...]:
    """Pieces of English source texts (between placeholders, tags and line breaks) long
    enough to be unmistakable, from every text that ``code`` translates differently."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    found: set[str] = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple) else (message.id,))]
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        translated = " ".join(str(s) for s in strs if s)
        if not translated:
            continue
        for source in ids:
            for piece in _PIECES.split(source):
                piece = piece.strip(" .,:;—–-()")
                if len(piece) >= 24 and piece not in translated:
                    found.add(piece)
    return tuple(sorted(found))


def _seen(messages: list[BotMessage]) -> list[str]:
    shown: list[str] = []
    for m in messages:
        shown.extend(v.html or "" for v in m.edits)
        shown.append(m.html or "")
        shown.extend(b.text for row in m.buttons for b in row)
    return shown


def assert_no_english(emu: BotApiEmulator, chat_id: int, code: str) -> int:
    """No English piece in anything the bot showed in the chat; returns the messages read."""
    messages = list(emu.chat(chat_id).bot_messages)
    assert messages
    for shown in _seen(messages):
        leaked = [p for p in _english_pieces(code) if p in shown]
        assert not leaked, f"English in a {code} chat: {leaked} in {shown!r}"
    return len(messages)


# --- a journey's steps ----------------------------------------------------------------------
async def drain(user: UserClient) -> list[BotMessage]:
    """What the bot said since the last message read, once it has nothing more to say."""
    await user.emulator.settle()
    new: list[BotMessage] = []
    while True:
        try:
            new.append(await user.expect_message(timeout=0.01))
        except AssertionError:
            return new


async def onboard(user: UserClient, code: str) -> None:
    await user.send("/start")
    welcome = await user.expect_message()
    assert welcome.html == differs(code, lambda: texts.WELCOME.format(name=user.name))
    ask = await user.expect_message()
    assert ask.html == differs(code, lambda: texts.ASK_TIMEZONE)
    hint = await user.expect_message()
    assert hint.keyboard == [[differs(code, lambda: texts.BUTTON_SHARE_LOCATION)]]
    await user.send("Berlin")
    confirm = await user.expect_message()
    await user.press(confirm, differs(code, lambda: texts.TZ_YES))
    saved = await user.expect_message()
    assert "Europe/Berlin" in (saved.text or "")
    slot = await user.expect_message()
    assert slot.html == differs(code, lambda: texts.ASK_CHECKIN)
    await user.press(slot, differs(code, lambda: texts.CHECKIN_KEEP))
    done = await user.expect_message()
    assert done.html is not None
    assert done.html.startswith(differs(code, lambda: texts.ONBOARDED.split("{when}")[0]))
    await drain(user)  # what else set-up offers (the calendar file)


async def tap_first(user: UserClient) -> None:
    """Press the first button of the bot's latest message that has buttons."""
    shown = await drain(user)
    await user.press(next(m for m in reversed(shown) if m.buttons), 0)


async def onboard_english(user: UserClient) -> None:
    await user.send("/start")
    await drain(user)
    await user.send("Berlin")
    await user.press(await user.expect_message(), texts.TZ_YES)
    await user.expect_message()
    await user.press(await user.expect_message(), texts.CHECKIN_KEEP)
    await drain(user)


async def reject_and_reframe(user: UserClient, code: str) -> None:
    """A rejection logged, then reframed into a plan for today (followed up at 18:00)."""
    await user.send("/rejection")
    kind = await user.expect_message()
    assert kind.html == differs(code, lambda: texts.ASK_KIND)
    await user.press(kind, differs(code, lambda: texts.REJECTION_KIND_LABEL["interview"]))
    where = await user.expect_message()
    assert where.html == differs(code, lambda: texts.ASK_WHERE)
    await user.send("ACME")
    hurt = await user.expect_message()
    assert hurt.html == differs(code, lambda: texts.ASK_HURT)
    await user.press(hurt, "4")
    control = await user.expect_message()
    assert control.html == differs(code, lambda: texts.ASK_CONTROL)
    await user.send("Preguntar por feedback")
    saved = await user.expect_message()
    assert saved.html == differs(code, lambda: texts.REJECTION_SAVED)
    await user.press(saved, differs(code, lambda: texts.BUTTON_REFRAME_NOW))
    # The reframe, by its first buttons: a belief, a next step (both blanks), today, 2/5.
    for _ in range(4):
        await tap_first(user)
    await drain(user)


async def checkin_invitation(bot: BotHarness, user: UserClient, code: str) -> BotMessage:
    bot.clock.set(SUNDAY_18_BERLIN)
    await bot.tick()  # the plan's follow-up (due since Wednesday) comes with it
    start = differs(code, lambda: texts.BUTTON_START_CHECKIN)
    invite = next(m for m in await drain(user) if m.button_texts() == [start])
    assert invite.html == differs(code, lambda: texts.CHECKIN_DUE)
    return invite


# --- Spanish: the whole journey --------------------------------------------------------------
@pytest.fixture
async def bot(emu: BotApiEmulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """Long, quick chats: no flood guard slowing anyone down; a helpline for Germany."""
    async for running in harness(
        emu,
        tmp_path,
        flood_max_updates=10_000,
        flood_max_waiting_buttons=10_000,
        helplines={"DE": HELPLINE_DE},
    ):
        yield running


async def test_spanish_journey_in_private(bot: BotHarness) -> None:
    """Onboarding, a rejection and its reframe, the plan's follow-up, the check-in with its
    chart, /stats, /export and /delete: all in Spanish, nothing in English."""
    lucia = bot.emulator.user("Lucía", language_code="es")
    await onboard(lucia, "es")
    await reject_and_reframe(lucia, "es")

    bot.clock.set(datetime(2026, 11, 25, 17, 0, tzinfo=UTC))  # 18:00 in Berlin, the plan's day
    await bot.tick()
    follow_up = await lucia.expect_message()
    asked = differs("es", lambda: texts.PLAN_FOLLOW_UP.split("{sentence}")[0])
    assert (follow_up.html or "").startswith(asked)
    await lucia.press(follow_up, 0)  # done
    await lucia.expect_edit(follow_up)  # what follows a plan done has its own course
    await lucia.send("/cancel")
    await drain(lucia)

    invite = await checkin_invitation(bot, lucia, "es")
    await lucia.press(invite, differs("es", lambda: texts.BUTTON_START_CHECKIN))
    chart = await lucia.expect_message(timeout=30)  # drawn first: matplotlib takes a while
    assert chart.kind == "photo" and chart.photo_bytes
    worked = await lucia.expect_message()
    assert worked.html == differs("es", lambda: texts.ASK_WORKED)
    await lucia.send("/cancel")
    await drain(lucia)

    await lucia.send("/stats")
    numbers = await lucia.expect_message()
    assert (numbers.html or "").startswith(said("es", lambda: texts.STATS_HEADER))
    chart = await lucia.expect_message(timeout=20)  # a chart drawn with Spanish labels
    assert chart.kind == "photo" and chart.photo_bytes
    zone = differs("es", lambda: texts.STATS_CHART_CAPTION.split("{zone}")[0])
    assert (chart.html or "").startswith(zone)
    await drain(lucia)

    await lucia.send("/export")
    export = [m for m in await drain(lucia) if (m.file_name or "").endswith(".zip")]
    assert len(export) == 1
    caption_start = re.split(r"\d", differs("es", lambda: texts.export_caption(3, 2)))[0]
    assert (export[0].html or "").startswith(caption_start)
    assert export[0].document_bytes is not None
    with zipfile.ZipFile(io.BytesIO(export[0].document_bytes)) as zf:
        readme = zf.read("README.txt").decode()
    assert readme == said("es", lambda: texts.EXPORT_README) + "\n"

    await lucia.send("/delete")
    confirm = (await drain(lucia))[-1]
    assert (confirm.html or "").startswith(differs("es", lambda: texts.DELETE_CONFIRM))
    await lucia.press(confirm, differs("es", lambda: texts.BUTTON_DELETE_YES))
    erased = await drain(lucia)
    assert erased[-1].html == differs("es", lambda: texts.delete_done(0))
    assert_no_english(bot.emulator, lucia.chat_id, "es")


async def test_spanish_feedback_round_as_seeker_and_giver(bot: BotHarness) -> None:
    lucia = bot.emulator.user("Lucía", language_code="es")
    pablo = bot.emulator.user("Pablo", language_code="es-MX")  # a giver, never set up
    await onboard(lucia, "es")
    await lucia.send("/feedback")
    intro = await lucia.expect_message()
    assert intro.html == differs("es", lambda: texts.FEEDBACK_INTRO)
    await lucia.send("un puesto de analista de datos")
    asked = await lucia.expect_message()
    assert asked.html == differs("es", lambda: texts.FEEDBACK_ASK_ASKED)
    await lucia.press(asked, "10")
    await lucia.expect_message()  # opened
    forward = await lucia.expect_message()
    link = re.search(r"start=(fb_[A-Za-z0-9_-]+)", forward.html or "")
    assert link is not None
    greeting = differs("es", lambda: texts.FEEDBACK_FORWARD_WITH_GOAL.split("{goal}")[0])
    assert (forward.html or "").startswith(greeting)

    await pablo.send(f"/start {link.group(1)}")
    invited = await pablo.expect_message()
    assert (invited.html or "").startswith(
        differs("es", lambda: texts.GIVE_INTRO.format(name="Lucía", goal="").split("\n")[0])
    )
    await pablo.press(invited, differs("es", lambda: texts.BUTTON_GIVE_START))
    better = await pablo.expect_message()
    assert better.html == differs("es", lambda: texts.GIVE_ASK_BETTER.format(name="Lucía"))
    await pablo.send("hablar más de sus resultados")
    await pablo.expect_message()
    await pablo.send("curiosa, fiable, directa")
    other = await pablo.expect_message()
    await pablo.press(other, differs("es", lambda: texts.BUTTON_SKIP))
    preview = await pablo.expect_message()
    await pablo.press(preview, differs("es", lambda: texts.BUTTON_GIVE_SEND))
    thanks = await pablo.expect_message()
    assert thanks.html == differs("es", lambda: texts.GIVE_THANKS.format(name="Lucía"))

    await lucia.send("/feedback")
    status = await drain(lucia)
    assert said("es", lambda: texts.feedback_answered(1, 10)) in (status[0].html or "")
    assert_no_english(bot.emulator, lucia.chat_id, "es")
    assert_no_english(bot.emulator, pablo.chat_id, "es")


async def test_group_posts_in_the_circles_language(bot: BotHarness) -> None:
    """The circle speaks the language of whoever added the bot; each member's private
    messages stay in their own; an admin changes the circle's language with /language."""
    lucia = bot.emulator.user("Lucía", language_code="es")
    bob = bot.emulator.user("Bob", language_code="en")
    await onboard(lucia, "es")
    await onboard_english(bob)
    group = bot.emulator.group("Club de empleo", [lucia, bob])
    await group.add_bot(by=lucia)
    intro = await group.expect_message()
    assert intro.html == differs("es", lambda: texts.GROUP_INTRO)
    circle = await circles.by_chat(bot.svc.db, group.chat_id)
    assert circle is not None and circle.language == "es"

    for person, code in ((lucia, "es"), (bob, "en")):
        await group.send(person, "/join")
        joined = await person.expect_message()
        expected = said(code, lambda: texts.JOIN_DONE.format(title="Club de empleo"))
        assert joined.html == expected

    # Bob (English) shares a win: his screens in English, the post in Spanish.
    await bob.send("/win Got a second interview")
    await bob.expect_message()
    prompt = await bob.expect_message()
    label = said("en", lambda: texts.BUTTON_SHARE_WITH.format(title="Club de empleo"))
    await bob.press(prompt, label)
    await bob.expect_edit(prompt)
    post = await group.expect_message()
    win_post = differs("es", lambda: texts.SHARE_WIN_POST.format(name="Bob", text="X"))
    assert post.html == win_post.replace("X", "Got a second interview")

    # (The group's /help is new this round: in the catalogs once translations are merged.)
    assert_no_english(bot.emulator, group.chat_id, "es")
    await group.send(bob, "/help")
    assert (await group.expect_message()).html == said("es", lambda: texts.GROUP_HELP)
    await group.send(bob, "/language de")  # not an admin
    refused = await group.expect_message()
    assert refused.html == said("es", lambda: texts.GROUP_LANGUAGE_ADMINS_ONLY)
    group.set_admin(lucia)
    await group.send(lucia, "/language klingonisch")
    unknown = await group.expect_message()
    assert unknown.html == said(
        "es", lambda: texts.GROUP_LANGUAGE_UNKNOWN.format(text="klingonisch", codes=CODES)
    )
    await group.send(lucia, "/language Deutsch")
    saved = await group.expect_message()
    assert saved.html == said("de", lambda: texts.GROUP_LANGUAGE_SAVED)
    await group.send(bob, "/language")
    assert (await group.expect_message()).html == said(
        "de", lambda: texts.GROUP_LANGUAGE_STATUS.format(codes=CODES)
    )
    circle = await circles.by_chat(bot.svc.db, group.chat_id)
    assert circle is not None and circle.language == "de"
    assert_no_english(bot.emulator, lucia.chat_id, "es")


# --- the other languages: onboarding, a rejection with its reframe, the check-in ----------
@pytest.mark.parametrize("code", OTHERS)
async def test_core_journey_in_each_language(bot: BotHarness, code: str) -> None:
    person = bot.emulator.user("Sam", language_code=TELEGRAM[code])
    await onboard(person, code)
    await reject_and_reframe(person, code)
    invite = await checkin_invitation(bot, person, code)
    await person.press(invite, differs(code, lambda: texts.BUTTON_START_CHECKIN))
    await person.expect_message(timeout=30)  # the week's chart
    worked = await person.expect_message()
    assert worked.html == differs(code, lambda: texts.ASK_WORKED)
    assert_no_english(bot.emulator, person.chat_id, code)


# --- choosing a language --------------------------------------------------------------------
def commands_in(code: str, pairs: Callable[[], tuple[tuple[str, str], ...]]) -> list[JSON]:
    with use_language(code):
        return [{"command": c, "description": d} for c, d in pairs()]


async def test_telegrams_language_until_one_is_chosen_then_the_choice(bot: BotHarness) -> None:
    kai = bot.emulator.user("Kai", language_code="de-AT")
    await onboard(kai, "de")
    # No choice yet: their Telegram's language, as it is now.
    kai.info.language_code = "es"
    await kai.send("/help")
    assert (await kai.expect_message()).html.startswith(differs("es", lambda: texts.HELP))  # type: ignore[union-attr]

    await kai.send("/settings language Deutsch")
    saved = await kai.expect_message()
    assert saved.html == said("de", lambda: texts.LANGUAGE_SAVED)
    person = await users.get(bot.svc.db, kai.id)
    assert person is not None and person.language == "de"
    await kai.send("/help")  # Telegram still says Spanish: the choice wins
    assert (await kai.expect_message()).html.startswith(differs("de", lambda: texts.HELP))  # type: ignore[union-attr]
    chat_menu = bot.emulator.bot_commands({"type": "chat", "chat_id": kai.chat_id})
    assert chat_menu == commands_in("de", lambda: texts.PRIVATE_COMMANDS)

    # The panel's button, the buttons (each language in its own name), Russian.
    await kai.send("/settings")
    panel = await kai.expect_message()
    await kai.press(panel, said("de", lambda: texts.BUTTON_LANGUAGE))
    picker = await kai.expect_message()
    assert picker.html == said("de", lambda: texts.LANGUAGE_ASK.format(codes=CODES))
    assert picker.button_texts() == BUTTONS
    await kai.press(picker, "Русский")
    confirmed = await kai.expect_edit(picker)
    assert confirmed.html == said("ru", lambda: texts.LANGUAGE_SAVED) and not confirmed.buttons
    kai.info.language_code = "pt-br"
    await kai.send("/settings")
    assert (await kai.expect_message()).html.startswith(  # type: ignore[union-attr]
        differs("ru", lambda: texts.SETTINGS_SHOW.split("{")[0])
    )
    assert bot.emulator.bot_commands({"type": "chat", "chat_id": kai.chat_id}) == commands_in(
        "ru", lambda: texts.PRIVATE_COMMANDS
    )

    # A language it doesn't speak: said so, with the buttons; nothing changes.
    await kai.send("/settings language klingon")
    unknown = await kai.expect_message()
    assert unknown.html == said("ru", lambda: texts.LANGUAGE_UNKNOWN.format(text="klingon"))
    assert unknown.button_texts() == BUTTONS
    await kai.press_data(unknown, LanguagePick("xx").pack())  # forged: the buttons again
    assert (await kai.expect_message()).html == said(
        "ru", lambda: texts.LANGUAGE_ASK.format(codes=CODES)
    )
    person = await users.get(bot.svc.db, kai.id)
    assert person is not None and person.language == "ru"
    assert_no_english(bot.emulator, kai.chat_id, "ru")


async def test_a_language_button_inside_a_flow_keeps_the_flow(bot: BotHarness) -> None:
    eva = bot.emulator.user("Eva", language_code="en")
    await onboard_english(eva)
    await eva.send("/settings language")
    picker = await eva.expect_message()
    await eva.send("/rejection")
    kind = await eva.expect_message()
    assert kind.html == texts.ASK_KIND
    await eva.press(picker, "Español")
    assert (await eva.expect_edit(picker)).html == said("es", lambda: texts.LANGUAGE_SAVED)
    await eva.press(kind, 3)  # the buttons shown before, in English: interview
    assert (await eva.expect_message()).html == differs("es", lambda: texts.ASK_WHERE)


async def test_command_menus_in_every_language(bot: BotHarness) -> None:
    emu = bot.emulator
    private, groups = {"type": "all_private_chats"}, {"type": "all_group_chats"}
    assert emu.bot_commands(private) == commands_in("en", lambda: texts.PRIVATE_COMMANDS)
    assert emu.bot_commands(groups) == commands_in("en", lambda: texts.GROUP_COMMANDS)
    for code, telegram in (("es", "es"), ("pt_BR", "pt"), ("de", "de"), ("ru", "ru")):
        menu = emu.bot_commands(private, telegram)
        assert menu == commands_in(code, lambda: texts.PRIVATE_COMMANDS)
        assert menu != commands_in("en", lambda: texts.PRIVATE_COMMANDS)
        assert emu.bot_commands(groups, telegram) == commands_in(code, lambda: texts.GROUP_COMMANDS)


async def test_people_at_once_each_in_their_own_language(bot: BotHarness) -> None:
    """The processor runs different people's updates concurrently: each keeps their own
    language (the ContextVar is set per update, never shared)."""
    people = [
        (bot.emulator.user(f"P{i}", language_code=TELEGRAM.get(code, code)), code)
        for i, code in enumerate(["es", "de", "ru", "pt_BR", "en"] * 2)
    ]
    for _ in range(3):
        await asyncio.gather(*(person.send("/help") for person, _ in people))
    await bot.emulator.settle()
    for person, code in people:
        replies = [m.html or "" for m in await person.messages()]
        assert len(replies) == 3
        assert all(r.startswith(said(code, lambda: texts.HELP)) for r in replies), code


# --- the helpline ---------------------------------------------------------------------------
async def test_helpline_of_the_country_of_the_zone_in_the_persons_language(
    bot: BotHarness,
) -> None:
    lucia = bot.emulator.user("Lucía", language_code="es")
    await onboard(lucia, "es")  # Berlin: Germany has a helpline configured
    await lucia.send("I want to end it all")
    care = await lucia.expect_message()
    line = said("es", lambda: texts.HELPLINE_COUNTRY.format(helpline=HELPLINE_DE))
    assert (care.html or "").startswith(line)
    assert HELPLINE_DE in (care.text or "") and "findahelpline.com" in (care.text or "")
    assert differs("es", lambda: texts.SAFETY.split("{helpline}")[1]) in (care.html or "")

    ivan = bot.emulator.user("Ivan", language_code="ru")
    await ivan.send("/start")
    await drain(ivan)
    await ivan.send("Tokyo")  # no helpline configured for Japan: the directory, in Russian
    await drain(ivan)
    await ivan.send("I want to end it all")
    care = await ivan.expect_message()
    assert (care.html or "").startswith(said("ru", lambda: texts.HELPLINE_DIRECTORY))
    assert HELPLINE_DE not in (care.text or "")


def test_country_of_a_zone() -> None:
    cases = {
        "Europe/Berlin": "DE",  # zone.tab's country, not zone1970.tab's first (DE,DK,...)
        "Europe/Copenhagen": "DK",
        "America/Sao_Paulo": "BR",
        "Europe/Moscow": "RU",
        "America/Mexico_City": "MX",
        "UTC": None,
        "Etc/GMT-2": None,
    }
    assert {zone: care.country_of(zone) for zone in cases} == cases


def test_operator_helpline_text_is_kept_as_written(tmp_path: Path) -> None:
    own = "Call our partner line: 0000"
    settings = Settings(_env_file=None, helpline_text=own, helplines={"br": " CVV 188 "})  # type: ignore[call-arg]
    assert settings.helplines == {"BR": "CVV 188"}
    with use_language("de"):
        assert care.helpline(settings, "Europe/Berlin") == own
        assert "CVV 188" in care.helpline(settings, "America/Sao_Paulo")
    with pytest.raises(ValueError, match="country codes"):
        Settings(_env_file=None, helplines={"Germany": "x"})  # type: ignore[call-arg]


# --- the English-leak check itself -------------------------------------------------------------
async def test_the_leak_check_finds_english(bot: BotHarness) -> None:
    eva = bot.emulator.user("Eva", language_code="en")
    await onboard_english(eva)
    with pytest.raises(AssertionError, match="English in a es chat"):
        assert_no_english(bot.emulator, eva.chat_id, "es")
