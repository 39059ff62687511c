"""A real `python -m bot run` process against the emulator (output to files, never a pipe)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.devtools.emulator import BotApiEmulator
from tests.harness import TOKEN


def bot_env(emu: BotApiEmulator, db_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": emu.base_url,
        "BOT_API_FILE_URL": emu.base_file_url,
        "DATABASE_PATH": str(db_path),
        "TICK_SECONDS": "3600",
        "PERSISTENCE_FLUSH_SECONDS": "0.2",
        "PTB_TIMEDELTA": "1",
        "LOG_LEVEL": "INFO",
        "WEBHOOK_URL": "",
        "WEBHOOK_SECRET": "",
        **extra,
    }


@dataclass
class BotProcess:
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:  # noqa: ASYNC109
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return await asyncio.to_thread(self.process.wait, timeout)


def spawn(emu: BotApiEmulator, db_path: Path, name: str = "bot", **extra: str) -> BotProcess:
    out = db_path.parent / f"{name}.stdout"
    err = db_path.parent / f"{name}.stderr"
    with out.open("ab") as stdout, err.open("ab") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=bot_env(emu, db_path, **extra),
            cwd=db_path.parent,
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
        )
    return BotProcess(process, out, err)


async def kill_all(*bots: BotProcess) -> None:
    for bot in bots:
        if bot.process.poll() is None:
            await bot.stop(signal.SIGKILL)
