"""Benchmark 2: the cost of handling an update in process, without HTTP.

``Application.process_update`` on prepared updates; every Bot API call is answered at once
by ``RecordingRequest`` (canned JSON, no network). The same six-update script as benchmark 1,
round-robin over ``users`` users. Comeback runs on a real SQLite file (WAL) with its
persistence; its conversation state is flushed (``update_persistence``) every
``FLUSH_EVERY`` updates, which is what the 2-second flush does at ~25 updates/s, and that
time is counted. Only ``process_update`` (and the flushes) are timed, not building the
Update objects. The echo handler is a bare Application with the same request object.

Run: ``python -m bench.handler_cost [--updates N] [--reps R]``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update

from bench.common import (
    FIRST_USER_ID,
    App,
    RecordingRequest,
    add_users,
    build_echo,
    button_update,
    create_schema,
    make_settings,
    median,
    text_update,
    unthrottle,
    use_recording,
)
from bot.app import build_application
from bot.ui import texts

FLUSH_EVERY = 50
STEPS = 6
STEP_NAMES = ("/win <text>", "/rejection", "kind button", "<where> typed", "hurt button", "Skip")


@dataclass
class Run:
    variant: str
    updates: int
    seconds: float
    per_step_us: dict[str, float]
    requests: int
    flush_seconds: float = 0.0

    @property
    def us_per_update(self) -> float:
        return self.seconds / self.updates * 1e6 if self.updates else 0.0


def _button(message: dict[str, Any], label: str | int) -> str:
    flat = [b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
    if isinstance(label, int):
        return str(flat[label]["callback_data"])
    return next(str(b["callback_data"]) for b in flat if b["text"] == label)


def _payload(
    echo: bool, update_id: int, user_id: int, step: int, rec: RecordingRequest
) -> dict[str, Any]:
    if step == 0:
        return text_update(update_id, user_id, "/win Sent three applications and followed up")
    if step == 1:
        return text_update(update_id, user_id, "/rejection")
    if step == 3:
        return text_update(update_id, user_id, "Acme Corp")
    last = rec.last_sent[user_id]
    if echo:
        data = {2: "rj:abcd:kind:interview", 4: "rj:abcd:hurt:3", 5: "rj:abcd:skip"}[step]
    else:
        data = _button(last, {2: 0, 4: "3", 5: texts.BUTTON_SKIP}[step])
    return button_update(update_id, user_id, last, data)


async def _drive(
    app: App, rec: RecordingRequest, echo: bool, updates: int, users: int, *, warm: bool
) -> tuple[float, float, dict[str, list[float]]]:
    spent = flushing = 0.0
    per_step: dict[str, list[float]] = {name: [] for name in STEP_NAMES}
    persistent = app.persistence is not None
    rounds = (updates + users - 1) // users
    done = 0
    update_id = 1_000_000 if not warm else 1
    for r in range(rounds):
        step = r % STEPS
        for u in range(users):
            if done >= updates:
                break
            update_id += 1
            payload = _payload(echo, update_id, FIRST_USER_ID + u, step, rec)
            update = Update.de_json(payload, app.bot)
            started = time.perf_counter()
            await app.process_update(update)
            took = time.perf_counter() - started
            spent += took
            per_step[STEP_NAMES[step]].append(took)
            done += 1
            if persistent and done % FLUSH_EVERY == 0:
                started = time.perf_counter()
                await app.update_persistence()
                flushing += time.perf_counter() - started
    return spent + flushing, flushing, per_step


async def run_once(variant: str, updates: int, users: int, workdir: Path) -> Run:
    rec = RecordingRequest()
    echo = variant == "echo"
    if echo:
        app = build_echo(request=rec)
    else:
        db_path = workdir / f"cost-{time.monotonic_ns()}.sqlite3"
        await create_schema(db_path)
        add_users(db_path, range(FIRST_USER_ID, FIRST_USER_ID + users))
        app = unthrottle(use_recording(build_application(make_settings(db_path)), rec))
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        # Warm-up: one full script per user (imports, caches, first rows), not timed.
        await _drive(app, rec, echo, users * STEPS, users, warm=True)
        before = sum(rec.counts.values())
        seconds, flushing, per_step = await _drive(app, rec, echo, updates, users, warm=False)
        requests = sum(rec.counts.values()) - before
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
    return Run(
        variant,
        updates,
        seconds,
        {name: median(v) * 1e6 for name, v in per_step.items() if v},
        requests,
        flushing,
    )


@dataclass
class Result:
    updates: int
    runs: list[Run]

    def of(self, variant: str) -> list[Run]:
        return [r for r in self.runs if r.variant == variant]

    def us(self, variant: str) -> float:
        return median([r.us_per_update for r in self.of(variant)])

    def ratio(self) -> float:
        """Echo cost / our cost: the share of our update rate the framework alone allows
        (1.0 = we add nothing)."""
        ours = self.us("ours")
        return self.us("echo") / ours if ours else float("nan")

    def table(self) -> str:
        lines = [
            "| handler | reps | µs/update (median) | of which flushes | API calls/update | "
            + " | ".join(f"{name} µs" for name in STEP_NAMES)
            + " |",
            "|---|---|---|---|---|" + "---|" * len(STEP_NAMES),
        ]
        for variant, label in (("echo", "bare PTB echo"), ("ours", "Comeback")):
            runs = self.of(variant)
            if not runs:
                continue
            steps = " | ".join(
                f"{median([r.per_step_us.get(name, 0.0) for r in runs]):.0f}" for name in STEP_NAMES
            )
            flush = median([r.flush_seconds / r.updates * 1e6 for r in runs])
            calls = sum(r.requests for r in runs) / max(1, sum(r.updates for r in runs))
            lines.append(
                f"| {label} | {len(runs)} | {self.us(variant):.0f} | {flush:.0f} | {calls:.2f} "
                f"| {steps} |"
            )
        lines.append("")
        lines.append(
            f"Ratio echo µs / ours µs: **{self.ratio():.2f}** "
            f"(ours costs {1 / self.ratio():.1f}× the bare framework per update)."
        )
        return "\n".join(lines)


async def run(updates: int = 3000, reps: int = 3, users: int = 50) -> Result:
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-cost-") as tmp:
        for rep in range(reps):
            order = ("echo", "ours") if rep % 2 == 0 else ("ours", "echo")
            for variant in order:
                r = await run_once(variant, updates, users, Path(tmp))
                print(
                    f"  handler cost {variant:<5} rep {rep + 1}: {r.us_per_update:7.0f} µs/update",
                    flush=True,
                )
                runs.append(r)
    return Result(updates, runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.handler_cost")
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args(argv)
    print(asyncio.run(run(args.updates, args.reps, args.users)).table())


if __name__ == "__main__":
    main()
