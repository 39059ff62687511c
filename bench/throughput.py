"""Benchmark 1: update throughput end to end, Comeback against a bare PTB echo bot.

Variants (``--variants``): ``echo`` (a bare PTB bot as it ships: one update at a time),
``echo256`` (the same with ``concurrent_updates(256)``), ``ours`` (Comeback: each person
in order, different people at once), ``ours-seq`` (Comeback with MAX_CONCURRENT_UPDATES=1,
one update at a time, as PTB does by default), ``ours-deployed`` (Comeback with Telegram's limits
kept). All but the last run with the pacing off. Each runs with every ``--latency`` (seconds
the emulator waits before answering each Bot API call: a real server is 50–300 ms away).

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


VARIANTS = ("echo", "echo256", "ours", "ours-seq", "ours-deployed")
NAMES = {
    "echo": "bare PTB echo (sequential, as it ships)",
    "echo256": "bare PTB echo, concurrent_updates(256)",
    "ours": "Comeback",
    "ours-seq": "Comeback, one update at a time",
    "ours-deployed": "Comeback as deployed (Telegram's limits kept)",
}


@dataclass
class Run:
    variant: str
    latency: float
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
    def request_rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

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


async def _reply(user: UserClient) -> BotMessage:
    """The bot's next message, past a flood note (as deployed the guard is on)."""
    while True:
        msg = await user.expect_message(WAIT)
        if msg.text != texts.FLOOD_SLOW_DOWN:
            return msg


async def _step(kind: str, user: UserClient, step: int, last: BotMessage | None) -> BotMessage:
    """One update and the wait for the bot's last response to it; returns the message to
    act on next."""
    echo = kind.startswith("echo")
    if step == 0:
        await user.send("/win Sent three applications and followed up on one")
        return await _reply(user)
    if step == 1:
        await user.send("/rejection")
        return await _reply(user)
    if step == 3:
        await user.send("Acme Corp")
        return await _reply(user)
    assert last is not None
    if echo:
        data = {2: "rj:abcd:kind:interview", 4: "rj:abcd:hurt:3", 5: "rj:abcd:skip"}[step]
        press = await user.press_data(last, data)
        await press.answer(WAIT)
        return last
    label: str | int = {2: 0, 4: "3", 5: texts.BUTTON_SKIP}[step]
    await user.press(last, label)
    return await _reply(user)


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
    variant: str,
    updates: int,
    users: int,
    workdir: Path,
    *,
    latency: float = 0.0,
    tick_seconds: float = 3600.0,
) -> Run:
    kind = variant if variant.startswith("echo") else "ours"
    emu = TimedEmulator(TOKEN, "ComebackBench")
    await emu.start()
    if latency:
        emu.inject_delay(None, delay=latency, times=10**9)
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
            sequential=variant == "ours-seq",
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
            latency,
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

    def of(self, variant: str, latency: float | None = None) -> list[Run]:
        return [
            r
            for r in self.runs
            if r.variant == variant and (latency is None or r.latency == latency)
        ]

    @property
    def latencies(self) -> list[float]:
        return sorted({r.latency for r in self.runs})

    def summary(self, variant: str, latency: float | None = None) -> dict[str, float]:
        runs = self.of(variant, latency)
        lat = [x for r in runs for x in r.latencies]
        return {
            "reps": len(runs),
            "rate": median([r.rate for r in runs]),
            "request_rate": median([r.request_rate for r in runs]),
            "p50_ms": percentile(lat, 50) * 1000,
            "p99_ms": percentile(lat, 99) * 1000,
            "bot_cpu_us": median([r.bot_cpu_us for r in runs]),
            "bot_cpu_share": median([r.bot_cpu / r.seconds for r in runs]),
            "driver_cpu_share": median([r.driver_cpu / r.seconds for r in runs]),
            "refusals": sum(r.refusals for r in runs),
            "req_per_update": sum(r.requests for r in runs) / max(1, sum(r.updates for r in runs)),
        }

    def ratio(self, variant: str = "ours", base: str = "echo", latency: float = 0.0) -> float:
        """updates/s of ``variant`` over ``base`` at the same latency."""
        if not self.of(variant, latency) or not self.of(base, latency):
            return float("nan")
        theirs = self.summary(base, latency)["rate"]
        return self.summary(variant, latency)["rate"] / theirs if theirs else float("nan")

    def request_ratio(self, variant: str, base: str, latency: float) -> float:
        """Bot API requests/s of ``variant`` over ``base`` at the same latency."""
        if not self.of(variant, latency) or not self.of(base, latency):
            return float("nan")
        theirs = self.summary(base, latency)["request_rate"]
        return self.summary(variant, latency)["request_rate"] / theirs if theirs else float("nan")

    def table(self) -> str:
        lines = [
            "| bot | latency per call | reps | updates/s (median) | API requests/s | p50 ms "
            "| p99 ms | API requests/update | bot CPU µs/update | bot process CPU "
            "| emulator+driver CPU | refusals |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for latency in self.latencies:
            for variant in VARIANTS:
                if not self.of(variant, latency):
                    continue
                s = self.summary(variant, latency)
                lines.append(
                    f"| {NAMES[variant]} | {latency * 1000:.0f} ms | {s['reps']:.0f} "
                    f"| {s['rate']:.1f} | {s['request_rate']:.0f} | {s['p50_ms']:.1f} "
                    f"| {s['p99_ms']:.1f} | {s['req_per_update']:.2f} | {s['bot_cpu_us']:.0f} "
                    f"| {s['bot_cpu_share']:.0%} | {s['driver_cpu_share']:.0%} "
                    f"| {s['refusals']:.0f} |"
                )
        notes = []
        for latency in self.latencies:
            parts = [f"ours / echo (updates/s) **{self.ratio('ours', 'echo', latency):.2f}**"]
            if self.of("echo256", latency):
                parts.append(
                    "ours / echo256: updates/s "
                    f"**{self.ratio('ours', 'echo256', latency):.2f}**, requests/s "
                    f"**{self.request_ratio('ours', 'echo256', latency):.2f}**"
                )
            if self.of("ours-seq", latency):
                parts.append(
                    f"ours / ours one at a time **{self.ratio('ours', 'ours-seq', latency):.1f}×**"
                )
            notes.append(f"Ratios at {latency * 1000:.0f} ms: " + "; ".join(parts) + ".")
        return "\n".join([*lines, "", *notes])


async def run(
    updates: int = 2000,
    reps: int = 3,
    users: int = 32,
    *,
    deployed: bool = True,
    deployed_updates: int | None = None,
    variants: tuple[str, ...] = ("echo", "ours"),
    latencies: tuple[float, ...] = (0.0,),
    slow_updates: int | None = None,
) -> Result:
    """Every variant at every latency, alternating; ``slow_updates`` (default ``updates``)
    for the runs with latency (one update at a time through 100 ms round trips is slow)."""
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        workdir = Path(tmp)
        for latency in latencies:
            count = updates if not latency else (slow_updates or updates)
            for rep in range(reps):
                order = list(variants) if rep % 2 == 0 else list(reversed(variants))
                for variant in order:
                    r = await run_once(variant, count, users, workdir, latency=latency)
                    print(
                        f"  throughput {variant:<8} {latency * 1000:3.0f} ms rep {rep + 1}: "
                        f"{r.rate:7.1f} updates/s, {r.request_rate:6.0f} requests/s, "
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
    parser.add_argument("--slow-updates", type=int, default=400)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--variants", default="echo,echo256,ours,ours-seq")
    parser.add_argument("--latency", default="0,0.1", help="seconds per call, comma-separated")
    parser.add_argument("--no-deployed", action="store_true")
    args = parser.parse_args(argv)
    result = asyncio.run(
        run(
            args.updates,
            args.reps,
            args.users,
            deployed=not args.no_deployed,
            variants=tuple(v for v in args.variants.split(",") if v),
            latencies=tuple(float(x) for x in args.latency.split(",")),
            slow_updates=args.slow_updates,
        )
    )
    print(result.table())


if __name__ == "__main__":
    main()
