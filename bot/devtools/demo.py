"""`comeback demo`: the real bot, a SQLite file and the local emulator, chatted with in a terminal.

Everything is real but Telegram: the application that ``__main__`` builds (handlers, storage,
persistence, the due-work ticker) polls a :class:`~bot.devtools.emulator.BotApiEmulator`
over HTTP on 127.0.0.1. What you type is sent by the person you talk as; the bot's messages
are printed with their buttons numbered (type a number to press one). Lines starting with
``:`` are demo commands (:data:`HELP`), lines starting with ``#`` are comments, and a
backslash sends the rest of the line as it is (``\\3``, ``\\:)``).

Time: the demo has its own clock (a :class:`~bot.clock.FrozenClock`), which stands still
while you type. ``:later 3d`` moves it forward in 15-minute steps and runs the bot's ticker
job at each step, so a check-in, a plan follow-up, a cheer note or a digest arrives at the
moment it falls due, once, as it would in production.

Other people and groups: ``:as NAME`` talks as someone else (with their own private chat),
``:group TITLE`` makes a group with the bot in it, ``:join NAME`` adds someone to it,
``:in TITLE`` / ``:private`` move between chats. Every chat's news is printed, in the order
it happened; messages outside the chat you are in say where they went.

Scripts: with stdin not a terminal, or ``--script FILE``, each line is one input; the demo
waits for the bot's answers to each, echoes it as ``you> line``, and exits at the end.
"You" are then always Sam (in a terminal: ``$USER``), so a script reads the same anywhere.

The demo's folder (``--dir``; by default a new temporary folder, kept afterwards) holds the
database, the bot's log (never printed into the chat; ``:log`` shows where it is) and every
picture or file the bot sends, whose path is printed beside it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import re
import socket
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol, TextIO
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from apscheduler.triggers.interval import IntervalTrigger

from bot import logs
from bot.clock import Clock, FrozenClock
from bot.config import Settings
from bot.devtools.client import BotMessage, Button, GroupClient, UserClient
from bot.devtools.emulator import BotApiEmulator
from bot.ops.runner import running
from bot.services import App, services_of
from bot.storage import users
from bot.web import auth

__all__ = ["HELP", "AppFactory", "parse_duration", "run_demo"]

DEMO_TOKEN = "123456789:AAdemoTokenForTheLocalEmulatorOnly"
DEMO_BOT = "ComebackDemoBot"
QUIET_SECONDS = 0.25  # see Demo.quiet
ANSWER_SECONDS = 60.0  # a bot that takes longer than this to answer is stuck
# :later runs the ticker every 15 minutes of demo time: zones are whole quarter hours off
# UTC, so whatever is due on a quarter hour arrives on time, and the rest at most 14 minutes
# late (a check-in says it is late only after 15).
STEP = timedelta(minutes=15)
LONGEST_LATER = timedelta(weeks=8)
NAME_LIMIT = 64  # a Telegram first name has at most 64 characters (a group title 128)

HELP = """\
Type a message to send it; a number presses that button (\\3 sends the text "3").
  :later 2h | 3d | 1w   move the clock forward; what falls due meanwhile arrives then
  :now [2026-11-25 12:00]  the demo's time (set it, in UTC, before anyone has written)
  :as NAME              talk as NAME (new people are created); :as alone lists them
  :group TITLE          a new group with the bot and the current person; talk there
  :join NAME            add NAME to the current group
  :in TITLE             talk in that group (as a member); :private back to your own chat
  :open                 open the latest t.me link to the bot, as if it was forwarded to you
  :dashboard            the address of the current person's dashboard (any browser)
  :location LAT LON     share a location; :photo and :sticker send one
  :log                  where the bot's log is written (it never goes into the chat)
  :help, :quit
Lines starting with # are comments."""

_COMMAND = re.compile(r"^:([A-Za-z]\S*)\s*(.*)$")
_DURATION = re.compile(r"(\d{1,4})([mhdw])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


class AppFactory(Protocol):
    """How the demo gets the bot: ``bot.app.build_application``, passed in by ``__main__``
    (nothing in ``bot/`` but ``__main__`` imports the composition root)."""

    def __call__(self, settings: Settings, *, clock: Clock | None = None) -> App: ...


def parse_duration(text: str) -> timedelta | None:
    """``2h``, ``3d``, ``1w``, ``90m``, ``1d 12h`` as a timedelta; None if it isn't one."""
    compact = "".join(text.lower().split())
    parts = _DURATION.findall(compact)
    if not compact or "".join(number + unit for number, unit in parts) != compact:
        return None
    return sum((timedelta(**{_UNITS[unit]: int(n)}) for n, unit in parts), timedelta())


def describe_duration(delta: timedelta) -> str:
    """``1 week``, ``2 days 3 hours``, ``45 minutes``."""
    minutes = int(delta.total_seconds()) // 60
    sizes = (("week", 7 * 24 * 60), ("day", 24 * 60), ("hour", 60), ("minute", 1))
    words = []
    for name, size in sizes:
        count, minutes = divmod(minutes, size)
        if count:
            words.append(f"{count} {name}{'' if count == 1 else 's'}")
    return " ".join(words) or "no time"


def _next_step(now: datetime) -> datetime:
    """The next multiple of STEP after ``now`` (UTC; zones are whole quarter hours off it)."""
    step = STEP.total_seconds()
    return datetime.fromtimestamp((now.timestamp() // step + 1) * step, UTC)


class Screen:
    """Prints what the bot did since the last look, in every chat, in the order it happened.

    Messages in the chat you are in are printed as ``Comeback:``; the others say where they
    went (``Comeback → Maya:``, ``Comeback in Job club:``). Buttons are numbered per chat:
    a number presses one of the latest buttons printed in the chat you are in.
    """

    def __init__(self, emu: BotApiEmulator, files: Path, out: TextIO) -> None:
        self.emu = emu
        self.files = files
        self.out = out
        self.shown: dict[tuple[int, int], int] = {}  # message -> edits shown (-1: deleted)
        self.first_texts: dict[tuple[int, int], str] = {}
        self.saved: dict[tuple[int, int], Path] = {}
        self.buttons: dict[int, list[tuple[BotMessage, Button]]] = {}  # chat id -> numbered
        self.refusals = 0  # refused requests already reported

    def refresh(self, here: int) -> None:
        for refusal in self.emu.refusals[self.refusals :]:
            problem = f"{refusal.method}: {refusal.error_code} {refusal.description}"
            self.out.write(f"  (Telegram would refuse the bot's {problem})\n")
        self.refusals = len(self.emu.refusals)
        fresh: dict[int, list[tuple[BotMessage, Button]]] = {}
        for msg in self.emu.sent:
            key = (msg.chat_id, msg.message_id)
            seen = self.shown.get(key)
            if msg.deleted:
                if seen is not None and seen >= 0:
                    where = self._where(msg.chat_id, here)
                    self.out.write(f"  (the bot deleted a message{' ' + where if where else ''})\n")
                self.shown[key] = -1
                continue
            if seen == len(msg.edits):
                continue
            who = "Comeback" + (" " + self._where(msg.chat_id, here)).rstrip()
            if seen is None:
                self.first_texts[key] = msg.text or ""
                self._print(who, self._attachment(msg) + (msg.text or ""), msg)
            else:
                before = msg.edits[seen - 1].text if seen > 0 else self.first_texts[key]
                now = msg.text or ""
                added = now[len(before) :].strip() if before and now.startswith(before) else now
                if now != before:
                    self._print(f"{who} (edited)", added, msg)
                else:
                    what = "new buttons" if msg.buttons else "buttons removed"
                    self._print(f"{who} ({what})", "", msg)
            self.shown[key] = len(msg.edits)
            buttons = [(msg, button) for row in msg.buttons for button in row]
            numbered = fresh.setdefault(msg.chat_id, [])
            if msg.chat_id == here:
                for i, (_, button) in enumerate(buttons, start=len(numbered) + 1):
                    self.out.write(f"    [{i}] {button.text}\n")
            elif buttons:
                labels = " | ".join(button.text for _, button in buttons)
                self.out.write(f"    (buttons: {labels})\n")
            numbered.extend(buttons)
        for chat_id, buttons in fresh.items():
            if buttons:
                self.buttons[chat_id] = buttons
        self.out.flush()

    def show_buttons(self, chat_id: int) -> None:
        """After moving into a chat: its numbered buttons, if the chat's latest message has
        some (older ones can still be pressed by number, as in Telegram)."""
        latest = next((m for m in reversed(self.emu.sent) if m.chat_id == chat_id), None)
        buttons = self.buttons.get(chat_id, [])
        if latest is None or latest.deleted or all(msg is not latest for msg, _ in buttons):
            return
        for i, (msg, button) in enumerate(buttons, start=1):
            if _still_there(msg, button):
                self.out.write(f"    [{i}] {button.text}\n")

    def button(self, chat_id: int, number: int) -> tuple[BotMessage, Button] | None:
        buttons = self.buttons.get(chat_id, [])
        return buttons[number - 1] if 1 <= number <= len(buttons) else None

    def _where(self, chat_id: int, here: int) -> str:
        if chat_id == here:
            return ""
        chat = self.emu.chat(chat_id)
        if chat.type == "private" and chat.user is not None:
            return f"→ {chat.user.first_name}"
        return f"in {chat.title}"

    def _attachment(self, msg: BotMessage) -> str:
        data = msg.photo_bytes if msg.kind == "photo" else msg.document_bytes
        if data is None:
            return ""
        path = self._save(msg, data)
        if msg.kind == "photo":
            return f"[picture: {path}] "
        return f"[file {msg.file_name}: {path}] "

    def _save(self, msg: BotMessage, data: bytes) -> Path:
        key = (msg.chat_id, msg.message_id)
        if key not in self.saved:
            self.files.mkdir(parents=True, exist_ok=True)
            name = Path(msg.file_name).name if msg.file_name else "picture" + _extension(data)
            path = self.files / f"{len(self.saved) + 1:02d}-{name}"
            path.write_bytes(data)
            self.saved[key] = path
        return self.saved[key]

    def _print(self, prefix: str, body: str, msg: BotMessage) -> None:
        lines = body.splitlines() or [""]
        self.out.write(f"\n{prefix}: {lines[0]}\n" if body else f"\n{prefix}\n")
        for line in lines[1:]:
            self.out.write(f"  {line}\n")
        keys = [t for row in msg.keyboard for t in row]
        if keys:
            self.out.write(f"  (keyboard: {' | '.join(keys)} — type :location LAT LON)\n")


def _still_there(msg: BotMessage, button: Button) -> bool:
    return not msg.deleted and any(button in row for row in msg.buttons)


def _extension(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return ".png"
    if data.startswith(b"\xff\xd8"):
        return ".jpg"
    return ".bin"


class Demo:
    """The people, the groups, where you are talking, and the demo's commands."""

    def __init__(
        self,
        emu: BotApiEmulator,
        app: App,
        clock: FrozenClock,
        folder: Path,
        out: TextIO,
        name: str,
    ) -> None:
        self.emu = emu
        self.app = app
        self.clock = clock
        self.folder = folder
        self.out = out
        self.main_name = name
        self.people: dict[str, UserClient] = {}
        self.groups: dict[str, GroupClient] = {}
        self.main: UserClient | None = None  # "you": created when first needed
        self.current: UserClient | None = None
        self.group: GroupClient | None = None  # None: the current person's private chat
        self.screen = Screen(emu, folder / "files", out)
        self.commands: dict[str, Callable[[str], Awaitable[None]]] = {
            "later": self.later,
            "now": self.now,
            "as": self.talk_as,
            "group": self.new_group,
            "join": self.join,
            "in": self.talk_in,
            "private": self.private,
            "open": self.open_link,
            "dashboard": self.dashboard,
            "location": self.location,
            "photo": self.photo,
            "sticker": self.sticker,
            "log": self.log,
            "help": self.help,
        }

    # -- who and where ---------------------------------------------------------------------
    @property
    def person(self) -> UserClient:
        if self.current is None:
            self.current = self._person(self.main_name)
        return self.current

    @property
    def here(self) -> int:
        return self.group.chat_id if self.group is not None else self.person.chat_id

    @property
    def prompt(self) -> str:
        who = "you" if self.current is None or self.current is self.main else self.current.name
        return f"{who} in {self.group.title}" if self.group is not None else who

    def _person(self, name: str) -> UserClient:
        key = name.casefold()
        if key not in self.people:
            self.people[key] = self.emu.user(name)
            if key == self.main_name.casefold():
                self.main = self.people[key]
        return self.people[key]

    def say(self, note: str) -> None:
        self.out.write(f"  ({note})\n")

    # -- one line of input -----------------------------------------------------------------
    async def handle(self, line: str) -> bool:
        """Act on one line of input; False to stop."""
        text = line.rstrip("\r\n")
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            return True
        command = _COMMAND.match(stripped)
        if command is not None:
            name, arg = command.group(1).lower(), command.group(2).strip()
            if name == "quit":
                return False
            action = self.commands.get(name)
            if action is None:
                self.say(f"no command :{name}; :help lists them, and \\:{name} sends it as text")
            else:
                await action(arg)
            return True
        if stripped.isdigit() and await self.press(int(stripped)):
            return True
        if text.startswith("\\"):
            text = text[1:]
        if self.group is not None:
            await self.group.send(self.person, text)
        else:
            await self.person.send(text)
        return True

    async def press(self, number: int) -> bool:
        """Press button ``number`` of the chat we are in; False if there is no such button."""
        found = self.screen.button(self.here, number)
        if found is None:
            return False
        msg, button = found
        if not _still_there(msg, button):
            self.say(f"button [{number}] is gone; \\{number} sends the number as text")
            return True
        self.say(f"you pressed “{button.text}”")
        if "web_app" in button.raw:  # a Mini App: the dashboard
            await self.dashboard("")
        elif button.callback_data is None:  # a link
            payload = self._start_payload(button.url or "")
            if payload is None:
                self.say(f"it opens {button.url}")
            else:
                await self._open(payload)
        elif self.group is not None:
            await self.group.press_data(self.person, msg, button.callback_data)
        else:
            await self.person.press_data(msg, button.callback_data)
        return True

    async def answers(self) -> None:
        """Wait for the bot's answers, let the ticker look once, and print what is new."""
        await self.quiet()
        if await self.tick():
            await self.quiet()
        self.screen.refresh(self.here)

    async def quiet(self) -> None:
        """Until the bot has fetched and handled every update (a chart takes a while to
        draw, with no request meanwhile) and made no request for QUIET_SECONDS (for what
        handlers left running in tasks)."""
        await self.emu.settle(quiet=0.05, timeout=ANSWER_SECONDS)  # every update fetched,
        await asyncio.wait_for(self.app.update_queue.join(), ANSWER_SECONDS)  # and handled
        await self.emu.settle(quiet=QUIET_SECONDS, timeout=ANSWER_SECONDS)

    async def tick(self) -> bool:
        """One run of the bot's repeating job (the due-work ticker) at the demo's time, as
        the job queue would run it; True if the bot sent anything."""
        assert self.app.job_queue is not None
        before = len(self.emu.sent)
        for job in self.app.job_queue.jobs():
            if isinstance(job.job.trigger, IntervalTrigger):
                await job.run(self.app)
        return len(self.emu.sent) != before

    # -- time --------------------------------------------------------------------------------
    async def later(self, arg: str) -> None:
        delta = parse_duration(arg)
        if not delta:
            self.say("usage: :later 2h, :later 3d, :later 1w (m, h, d, w; e.g. 1d 12h)")
            return
        if delta > LONGEST_LATER:
            self.say(f"at most {describe_duration(LONGEST_LATER)} at a time")
            return
        end = self.clock.now() + delta
        arrived = False
        while (now := self.clock.now()) < end:
            self.clock.set(min(end, _next_step(now)))
            if await self.tick():
                arrived = True
                await self.quiet()
                self.out.write(f"\n  … {await self.local_time()}\n")
                self.screen.refresh(self.here)
        if arrived:
            self.out.write("\n")
        self.say(f"{describe_duration(delta)} later: {await self.local_time()}")

    async def local_time(self) -> str:
        """The demo's time on the current person's clock (UTC until they chose a zone)."""
        zone = "UTC"
        if self.current is not None:
            user = await users.get(services_of(self.app).db, self.current.id)
            zone = user.timezone if user is not None else zone
        local = self.clock.now().astimezone(ZoneInfo(zone))
        return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {zone}"

    async def now(self, arg: str) -> None:
        if not arg:
            self.say(f"it is {await self.local_time()}")
            return
        if any(chat.user_messages for chat in self.emu.chats.values()):
            self.say("the clock can be set only before anyone has written; :later moves it")
            return
        try:
            moment = datetime.fromisoformat(arg)
        except ValueError:
            self.say("usage: :now 2026-11-25 12:00 (UTC unless an offset is given)")
            return
        self.clock.set(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
        self.say(f"it is {await self.local_time()}")

    # -- people and places -----------------------------------------------------------------
    async def talk_as(self, arg: str) -> None:
        if not arg:
            names = [p.name + (" (you)" if p is self.main else "") for p in self.people.values()]
            self.say(f"people: {', '.join(names) or 'nobody yet'}; talking as {self.person.name}")
            return
        if len(arg) > NAME_LIMIT:
            self.say(f"a name has at most {NAME_LIMIT} characters")
            return
        self.current = self._person(arg)
        if self.group is not None and not self.group.is_member(self.current):
            self.group = None
        self._moved()

    async def new_group(self, arg: str) -> None:
        if not arg or len(arg) > NAME_LIMIT:
            self.say(f"usage: :group TITLE (at most {NAME_LIMIT} characters)")
            return
        if arg.casefold() in self.groups:
            self.say(f"there is a group {arg} already: :in {arg}")
            return
        group = self.emu.group(arg, [self.person])
        self.groups[arg.casefold()] = group
        self.group = group
        self.say(f"{self.person.name} made the group {arg} and added the bot")
        await group.add_bot(by=self.person)

    async def join(self, arg: str) -> None:
        if self.group is None:
            self.say("first :group TITLE or :in TITLE, then :join NAME")
            return
        if not arg or len(arg) > NAME_LIMIT:
            self.say("usage: :join NAME")
            return
        person = self._person(arg)
        if self.group.is_member(person):
            self.say(f"{person.name} is in {self.group.title} already")
            return
        self.say(f"{self.person.name} added {person.name} to {self.group.title}")
        await self.group.invite(person, by=self.person)

    async def talk_in(self, arg: str) -> None:
        group = self.groups.get(arg.casefold())
        if group is None:
            titles = ", ".join(g.title for g in self.groups.values()) or "none yet (:group TITLE)"
            self.say(f"usage: :in TITLE; groups: {titles}")
            return
        if not group.is_member(self.person):
            self.say(f"{self.person.name} is not in {group.title}; someone in it can :join them")
            return
        self.group = group
        self._moved()

    async def private(self, arg: str) -> None:
        self.group = None
        self._moved()

    def _moved(self) -> None:
        where = self.group.title if self.group is not None else "the private chat with the bot"
        self.say(f"talking as {self.person.name}, in {where}")
        self.screen.show_buttons(self.here)

    # -- the dashboard ---------------------------------------------------------------------
    def dashboard_address(self) -> str:
        """The current person's dashboard, signed as Telegram would open it (plain HTTP on
        127.0.0.1: the demo only; a real one is HTTPS behind your proxy)."""
        settings = services_of(self.app).settings
        info = self.person.info
        init_data = auth.init_data_for(
            info.id, info.first_name, info.language_code, self.clock.now(), DEMO_TOKEN
        )
        path = urlsplit(settings.webapp_url).path.rstrip("/")
        port = settings.listen_port
        return f"http://127.0.0.1:{port}{path}/#tgWebAppData={quote(init_data, safe='')}"

    async def dashboard(self, arg: str) -> None:
        self.say(f"{self.person.name}'s dashboard: open this address in any browser")
        self.out.write(f"  {self.dashboard_address()}\n")

    # -- links -------------------------------------------------------------------------------
    async def open_link(self, arg: str) -> None:
        for msg in reversed(self.emu.sent):
            payload = self._payload_in(msg)
            if payload is not None and not msg.deleted:
                await self._open(payload)
                return
        self.say(f"no t.me/{DEMO_BOT}?start=… link has been sent yet")

    async def _open(self, payload: str) -> None:
        """Opening a start link: Telegram opens the private chat and sends /start PAYLOAD."""
        self.group = None
        self.say(f"{self.person.name} opens t.me/{DEMO_BOT}?start=… and presses Start")
        await self.person.send(f"/start {payload}")

    def _payload_in(self, msg: BotMessage) -> str | None:
        places = [msg.text or "", msg.html or ""]
        places += [str(e.get("url", "")) for e in msg.entities]
        places += [b.url or "" for row in msg.buttons for b in row]
        for place in places:
            payload = self._start_payload(place)
            if payload is not None:
                return payload
        return None

    @staticmethod
    def _start_payload(text: str) -> str | None:
        link = re.search(rf"t\.me/{DEMO_BOT}\?start=([A-Za-z0-9_-]{{1,64}})", text)
        return link.group(1) if link else None

    # -- things to send --------------------------------------------------------------------
    def _private_only(self, what: str) -> bool:
        if self.group is not None:
            self.say(f"{what} works in a private chat here: :private first")
        return self.group is None

    async def location(self, arg: str) -> None:
        if not self._private_only(":location"):
            return
        try:
            latitude, longitude = (float(part) for part in arg.split())
        except ValueError:
            self.say("usage: :location 52.52 13.40")
            return
        await self.person.send_location(latitude, longitude)

    async def photo(self, arg: str) -> None:
        if self._private_only(":photo"):
            await self.person.send_photo()

    async def sticker(self, arg: str) -> None:
        if self._private_only(":sticker"):
            await self.person.send_sticker()

    async def log(self, arg: str) -> None:
        self.say(f"the bot's log: {self.folder / 'demo.log'}")

    async def help(self, arg: str) -> None:
        self.out.write(HELP + "\n")


@contextlib.contextmanager
def _logging_to(path: Path) -> Iterator[None]:
    """While the demo runs, the bot's log lines go to ``path``, never into the chat."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logs.TextFormatter({DEMO_TOKEN: "<token>"}, logs.FORMAT))
    handler.addFilter(logs.LibraryArgsFilter())
    root = logging.getLogger()
    noisy = [logging.getLogger(name) for name in ("httpx", "httpcore", "apscheduler", "aiosqlite")]
    levels = [root.level, *(logger.level for logger in noisy)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for logger in noisy:
        logger.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        handler.close()
        for logger, level in zip([root, *noisy], levels, strict=True):
            logger.setLevel(level)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _default_name() -> str:
    name = os.environ.get("USER", "").capitalize()
    return name if name and name != "Root" else "Sam"


async def run_demo(
    settings: Settings,
    build: AppFactory,
    *,
    database: str | None = None,
    folder: str | Path | None = None,
    script: str | Path | None = None,
    name: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Chat with the bot: lines from ``script``, else ``stdin``; what happens goes to ``out``."""
    out = out or sys.stdout
    home = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="comeback-demo-"))
    home.mkdir(parents=True, exist_ok=True)
    db_path = Path(database) if database else home / "demo.sqlite3"
    clock = FrozenClock(datetime.now(UTC).replace(second=0, microsecond=0))
    if script is not None:
        lines: TextIO = io.StringIO(await asyncio.to_thread(Path(script).read_text, "utf-8"))
    else:
        lines = stdin or sys.stdin
    interactive = script is None and lines.isatty()
    with _logging_to(home / "demo.log"):
        emulator = BotApiEmulator(DEMO_TOKEN, DEMO_BOT, clock=lambda: clock.now().timestamp())
        async with emulator as emu:
            port = _free_port()
            demo_settings = settings.model_copy(
                update={
                    "bot_token": settings.bot_token.__class__(DEMO_TOKEN),
                    "bot_api_base_url": emu.base_url,
                    "bot_api_file_url": emu.base_file_url,
                    "database_path": db_path,
                    "tick_seconds": 24 * 3600.0,  # the demo runs the ticker job itself
                    # The dashboard on a free local port (HTTPS in the button, as Telegram
                    # requires; the demo's browser address is plain HTTP on 127.0.0.1).
                    "webapp_url": f"https://127.0.0.1:{port}/dashboard",
                    "listen_host": "127.0.0.1",
                    "listen_port": port,
                }
            )
            app = build(demo_settings, clock=clock)
            async with running(app, poll_timeout=1):
                # Scripts read the same on every machine: their "you" is always Sam.
                name = name or (_default_name() if interactive else "Sam")
                demo = Demo(emu, app, clock, home, out, name)
                out.write(
                    f"Comeback demo: the real bot and a local Telegram; nothing leaves this "
                    f"machine.\nYou are {demo.main_name}; it is {await demo.local_time()}. "
                    f"Database, log and files: {home}\n"
                    "Type messages; a number presses a button; :help lists the demo's "
                    "commands; :quit.\nTry /start.\n"
                    "Your dashboard opens in any browser: :dashboard prints its address.\n"
                )
                out.flush()
                while True:
                    if interactive:
                        out.write(f"\n{demo.prompt}> ")
                        out.flush()
                    line = await asyncio.to_thread(lines.readline)
                    if not line:
                        break
                    if not interactive and line.strip() and not line.lstrip().startswith("#"):
                        out.write(f"\n{demo.prompt}> {line.strip()}\n")
                    if not await demo.handle(line):
                        break
                    await demo.answers()
                out.write("\nBye.\n")
    return 0
