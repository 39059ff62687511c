"""Benchmark 1: update throughput end to end, Comeback against a bare PTB echo bot.

The emulator and the driver run in this process; the bot runs in a child process (see
``bench.common.bot_process``), polling the emulator over HTTP on 127.0.0.1. ``users``
simulated users each keep one update in flight: send, wait for the bot's last response to
it, send the next. Every user repeats the same six updates:

    /win <text> · /rejection · [kind button] · <where> typed · [hurt 3] · [Skip]

For Comeback the "reply" is the message that ends the bot's work on the update (a press is
answered, the tapped message edited, then the next prompt sent: we wait for the prompt).
For the echo bot it is the echo (texts) or the callback answer (presses).

Run: ``python -m bench.throughput [--updates N] [--reps R] [--users U]``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    FIRST_USER_ID,
    TOKEN,
    TimedEmulator,
    add_users,
    bot_process,
    create_schema,
    median,
    percentile,
)
from bot.devtools.client import BotMessage, UserClient
from bot.ui import texts

WAIT = 120.0
STEPS = 6


@dataclass
class Run:
    variant: str  # "echo" | "ours" | "ours-deployed"
    updates: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    bot_cpu: float = 0.0
    driver_cpu: float = 0.0
    refusals: int = 0
    requests: int = 0  # Bot API requests other than getUpdates

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    @property
    def bot_cpu_us(self) -> float:
        return self.bot_cpu / self.updates * 1e6 if self.updates else 0.0


class _Budget:
    def __init__(self, total: int) -> None:
        self.left = total

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


async def _step(kind: str, user: UserClient, step: int, last: BotMessage | None) -> BotMessage:
    """One update and the wait for the bot's last response to it; returns the message to
    act on next."""
    echo = kind == "echo"
    if step == 0:
        await user.send("/win Sent three applications and followed up on one")
        return await user.expect_message(WAIT)
    if step == 1:
        await user.send("/rejection")
        return await user.expect_message(WAIT)
    if step == 3:
        await user.send("Acme Corp")
        return await user.expect_message(WAIT)
    assert last is not None
    if echo:
        data = {2: "rj:abcd:kind:interview", 4: "rj:abcd:hurt:3", 5: "rj:abcd:skip"}[step]
        press = await user.press_data(last, data)
        await press.answer(WAIT)
        return last
    label: str | int = {2: 0, 4: "3", 5: texts.BUTTON_SKIP}[step]
    await user.press(last, label)
    return await user.expect_message(WAIT)


async def _user_loop(
    kind: str, user: UserClient, budget: _Budget | None, latencies: list[float]
) -> None:
    """One full cycle (budget None: warm-up) or steps until the shared budget is spent."""
    last: BotMessage | None = None
    step = 0
    while True:
        if budget is None:
            if step == STEPS:
                return
        elif not budget.take():
            return
        started = time.perf_counter()
        last = await _step(kind, user, step % STEPS, last)
        if budget is not None:
            latencies.append(time.perf_counter() - started)
        step += 1


async def run_once(
    variant: str, updates: int, users: int, workdir: Path, *, tick_seconds: float = 3600.0
) -> Run:
    kind = "echo" if variant == "echo" else "ours"
    emu = TimedEmulator(TOKEN, "ComebackBench")
    await emu.start()
    try:
        clients = [emu.user(f"U{i}", user_id=FIRST_USER_ID + i) for i in range(users)]
        db_path: Path | None = None
        if kind == "ours":
            db_path = workdir / f"{variant}-{time.monotonic_ns()}.sqlite3"
            await create_schema(db_path)
            add_users(db_path, [c.id for c in clients])
        async with bot_process(
            kind,
            emu,
            db_path,
            workdir / "bot.log",
            throttled=variant == "ours-deployed",
            tick_seconds=tick_seconds,
        ) as proc:
            await asyncio.gather(*(_user_loop(kind, c, None, []) for c in clients))
            latencies: list[float] = []
            budget = _Budget(updates)
            cpu0, drv0 = proc.cpu_seconds(), time.process_time()
            first_stamp = len(emu.stamps)
            started = time.perf_counter()
            await asyncio.gather(*(_user_loop(kind, c, budget, latencies) for c in clients))
            seconds = time.perf_counter() - started
            bot_cpu, driver_cpu = proc.cpu_seconds() - cpu0, time.process_time() - drv0
            requests = sum(1 for s in emu.stamps[first_stamp:] if s.method != "getupdates")
        return Run(
            variant,
            len(latencies),
            seconds,
            latencies,
            bot_cpu,
            driver_cpu,
            len(emu.refusals),
            requests,
        )
    finally:
        await emu.stop()


@dataclass
class Result:
    updates: int
    users: int
    runs: list[Run]

    def of(self, variant: str) -> list[Run]:
        return [r for r in self.runs if r.variant == variant]

    def summary(self, variant: str) -> dict[str, float]:
        runs = self.of(variant)
        lat = [x for r in runs for x in r.latencies]
        return {
            "reps": len(runs),
            "rate": median([r.rate for r in runs]),
            "p50_ms": percentile(lat, 50) * 1000,
            "p99_ms": percentile(lat, 99) * 1000,
            "bot_cpu_us": median([r.bot_cpu_us for r in runs]),
            "bot_cpu_share": median([r.bot_cpu / r.seconds for r in runs]),
            "driver_cpu_share": median([r.driver_cpu / r.seconds for r in runs]),
            "refusals": sum(r.refusals for r in runs),
            "req_per_update": sum(r.requests for r in runs) / max(1, sum(r.updates for r in runs)),
            "bot_cpu_us_per_request": median(
                [r.bot_cpu / r.requests * 1e6 for r in runs if r.requests]
            ),
        }

    def ratio(self, variant: str = "ours") -> float:
        echo = self.summary("echo")["rate"]
        return self.summary(variant)["rate"] / echo if echo else float("nan")

    def table(self) -> str:
        lines = [
            "| bot | reps | updates/s (median) | p50 ms | p99 ms | bot CPU µs/update "
            "| API requests/update | bot CPU µs/request | bot process CPU | emulator+driver CPU "
            "| refusals |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        names = {
            "echo": "bare PTB echo",
            "ours": "Comeback (rate limiter's limits off)",
            "ours-deployed": "Comeback as deployed (AIORateLimiter 30/s)",
        }
        for variant in ("echo", "ours", "ours-deployed"):
            if not self.of(variant):
                continue
            s = self.summary(variant)
            lines.append(
                f"| {names[variant]} | {s['reps']:.0f} | {s['rate']:.0f} | {s['p50_ms']:.1f} "
                f"| {s['p99_ms']:.1f} | {s['bot_cpu_us']:.0f} | {s['req_per_update']:.2f} "
                f"| {s['bot_cpu_us_per_request']:.0f} | {s['bot_cpu_share']:.0%} "
                f"| {s['driver_cpu_share']:.0%} | {s['refusals']:.0f} |"
            )
        ratio = f"Ratio ours / echo (updates/s, medians): **{self.ratio('ours'):.2f}**"
        echo, ours = self.summary("echo"), self.summary("ours")
        per_request = (ours["rate"] * ours["req_per_update"]) / (
            echo["rate"] * echo["req_per_update"]
        )
        ratio += f"; per Bot API request (requests/s): **{per_request:.2f}**"
        if self.of("ours-deployed"):
            ratio += (
                f"; as deployed / echo: {self.ratio('ours-deployed'):.2f} "
                "(capped by the rate limiter's 30 requests/s)"
            )
        lines += ["", ratio + "."]
        return "\n".join(lines)


async def run(
    updates: int = 2000,
    reps: int = 3,
    users: int = 32,
    *,
    deployed: bool = True,
    deployed_updates: int | None = None,
) -> Result:
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        workdir = Path(tmp)
        for rep in range(reps):
            order = ("echo", "ours") if rep % 2 == 0 else ("ours", "echo")
            for variant in order:
                r = await run_once(variant, updates, users, workdir)
                print(
                    f"  throughput {variant:<6} rep {rep + 1}: {r.rate:7.1f} updates/s "
                    f"p50 {percentile(r.latencies, 50) * 1000:.1f} ms",
                    flush=True,
                )
                runs.append(r)
        if deployed:
            r = await run_once("ours-deployed", deployed_updates or updates, users, workdir)
            print(f"  throughput deployed: {r.rate:7.1f} updates/s", flush=True)
            runs.append(r)
    return Result(updates, users, runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput")
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--no-deployed", action="store_true")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.updates, args.reps, args.users, deployed=not args.no_deployed))
    print(result.table())


if __name__ == "__main__":
    main()
