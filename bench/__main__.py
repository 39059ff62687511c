"""``python -m bench``: run the benchmarks, print the tables, write bench/results.md.

python -m bench                      # all six at the standard sizes (~25 minutes)
python -m bench --only throughput,cost  # or fanout, scale, sigkill, conversation
python -m bench --quick              # every N scaled down: a check that all still run
python -m bench --fanout-users 10000 # the full 10,000-user fan-out (~6 minutes alone)
python -m bench --full               # store scale up to 1M users / 50M entries too
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from pathlib import Path

from bench import conversation, fanout, handler_cost, idle, sigkill_queue, store_scale, throughput
from bench.common import machine

ALL = ("throughput", "cost", "fanout", "scale", "sigkill", "conversation", "idle")
RESULTS = Path(__file__).resolve().parent / "results.md"

METHOD = {
    "throughput": """\
The driver and the emulator (`bot/devtools/emulator.py`, aiohttp on 127.0.0.1) run in the
parent process; the bot runs in a child process, polling the emulator over HTTP. Separate
processes, because on one event loop the emulator's own work (parsing, HTML checks,
recording) would compete with the bot's and blur the comparison; the machine has 2 cores,
one for each side. The "emulator+driver CPU" column shows that side never saturated its
core. {users} simulated people each keep one update in flight (send, wait for the bot's last
response, send the next), repeating `/win <text>`, `/rejection`, the kind button, a typed
"where", the hurt button, Skip. Comeback: `build_application(settings)` on a real SQLite
file (WAL) in a temp dir, the users pre-onboarded in the `users` table, one warm-up round
per user not timed. Echo: a bare PTB `Application` (no persistence, no rate limiter) with a
`MessageHandler` echoing and a `CallbackQueryHandler` answering, same emulator and driver.
Latency is from the driver's send to the bot's last response to that update (our next
prompt; the echo or the callback answer). Bot CPU is the child's user+system time from
/proc. Medians of {reps} alternating repetitions of {updates} updates each ({slow} with
latency). Every bot runs with the rate limiter's limits off (Comeback: the pacing and the
per-person flood guard off), except "as deployed"; with "100 ms" the emulator waits 100 ms
before answering every Bot API call (getUpdates excepted), as a real server far from
Telegram does. The echo bots: PTB as it ships (one update at a time) and with
`concurrent_updates(256)`; Comeback: as built (each person in order, different people at
once), and with `MAX_CONCURRENT_UPDATES=1` (one update at a time, as PTB does by default).""",
    "cost": """\
`Application.process_update` on prepared `Update` objects; every Bot API call is answered
in process by `bench.common.RecordingRequest` (canned Telegram-shaped JSON, no HTTP). The
same six-update script over 50 users, one warm-up round not timed. Comeback runs with its
SQLite file and persistence; `update_persistence()` runs every 50 updates (what the
2-second flush does at ~25 updates/s) and is counted. The echo handler is a bare
Application with the same request object. Medians of {reps} repetitions of {updates}.""",
    "fanout": """\
{users} onboarded users all due for their weekly check-in two minutes ago. The bot runs as
deployed (its rate limiter, the real repeating tick: `checkin.send_due_checkins` ->
`ticker.run_checkins`) in a child process; the emulator enforces Telegram's limits
(`enforce_rate_limits=True`: 30 messages/s per bot in a sliding second, ~1/s per chat, 20/min
per group, 429 with `retry_after` beyond) and time-stamps every request. Rate = delivered
messages / time from the first to the last. Lost / sent twice come from the emulator's
chats: every user must hold exactly one message.""",
    "interactive": """\
{people} other people chat with the bot (running as deployed, Telegram's limits enforced by
the emulator) while the {users}-person fan-out above runs: each sends `/win <text>`, waits
for the answer, pauses a second, and again. Latency is from the send to the answer. The
first row is the same people for 20 s without a fan-out, in the same run. The fan-out rate
counts check-ins only (the people's answers take turns of the same 30/s).""",
    "sigkill": """\
`python -m bench.sigkill_queue`: a real `comeback run` process (MAX_CONCURRENT_UPDATES=4,
every Bot API call 100 ms) gets {updates} `/win` updates from {updates} new people at once;
once it has fetched them and sent its first answer, it is SIGKILLed at a random moment
before the last; {kills} rounds, then a clean start that handles what is still stored.
Lost: a person without their win in the database or without an answer. Applied twice: a
win stored twice. Answered twice: the answer went out, the kill came before the update was
marked handled, and the replay answered again (the win is found, not stored again).""",
    "conversation": """\
`python -m bench.conversation`: the bot as deployed, the emulator enforcing Telegram's
limits (3 messages in any 3 s in one private chat, 30/s overall); people log a rejection
and reframe it, each answer given the moment the question arrives (a fast tapper). Before
the pacing of bot/ops/pacing.py and the edited questions, one person's log + reframe drew
12 × 429 ("retry after 1"; measured when the issue was filed). The reframe has gained a
belief step since: the script takes the first belief offered.""",
    "scale": """\
Databases generated with `executemany` in 200k-row transactions (schema by the bot's own
migrations): onboarded users with next week's check-in due, entries 40% rejections /
20% plans / 40% wins over a year, one heavy user with 5,000 entries and a year of
check-ins, 2% of users with a draft in progress (loaded by persistence at start-up). A
fresh child process per size measures (Bot API answered in process): start-up =
`build_application` + `initialize` + `post_init`; `/stats` and `/history` of the heavy user
through `Application.process_update` (the whole handler: queries, text, for /stats the
chart PNG), the last /history page through its `hi:<offset>` button; one tick with nothing
due (every due-work function once); peak RSS of that process. Medians of 5.""",
    "idle": """\
Both bots start as fresh processes polling the emulator, one after the other, alternating
which goes first: Comeback as deployed (`python -m bot run`, on an already migrated SQLite
file) and a bare PTB echo bot (`bench/bare_bot.py`). Start-up is from spawning the process
to its first `getUpdates` (wall clock, and the process's own CPU time); "imports" and "app
start-up" (`build_application` + `initialize` + `post_init`) come from a separate
in-process run (`bench/startup_phases.py`). Idle RSS is `VmRSS` after {idle:g} s of doing
nothing. First use: a new user sends /start, reads for 4 s, then types "Berln" (a
misspelling: the fuzzy path, the most the time-zone index ever loads) and "Sydney
Australia". Medians of {reps}.""",
}


def _split(text: str) -> tuple[list[str], list[list[str]]]:
    """A results file as its lines before the first ``## `` heading and its ``## ``
    sections (each a list of lines, heading first)."""
    head: list[str] = []
    sections: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
        else:
            head.append(line)
    return head, sections


def _number(section: list[str]) -> str | None:
    """``"3"`` for a generated section (``## 3. ...``); None for a hand-written one."""
    match = _NUMBERED.match(section[0])
    return match.group(1) if match else None


_NUMBERED = re.compile(r"## (\d+)\. ")


def merge(old: str, new: str, header: list[str], date: str) -> str:
    """The new results file: ``header``, then the old file's sections in their order, each
    generated one (``## N. ...``) replaced by this run's (``new``) if it ran, dated;
    hand-written sections (notes, history: no number) and generated ones not run this time
    are kept as they were; new sections the old file lacks go after the last generated one."""
    _, fresh = _split(new)
    fresh = [[s[0], "", f"(Run {date}.)", *s[1:]] for s in fresh]
    by_number = {_number(s): s for s in fresh}
    _, previous = _split(old)
    out = [by_number.get(_number(s), s) if _number(s) else s for s in previous]
    present = {_number(s) for s in previous}
    numbered = [i for i, s in enumerate(out) if _number(s)]
    at = numbered[-1] + 1 if numbered else len(out)
    out[at:at] = [s for s in fresh if _number(s) not in present]
    body = ["\n".join(section).strip() + "\n" for section in out]
    return "\n".join(header).rstrip() + "\n\n" + "\n".join(body)


def _write(sections: list[str], info: dict[str, str], took: float, argv_note: str) -> None:
    header = [
        "# Benchmarks",
        "",
        f"Last run: `{argv_note}` on {info['date']} in {took / 60:.1f} minutes.",
        "",
        f"- CPU: {info['cpu']} ({info['cores']} cores)",
        f"- Python {info['python']}, python-telegram-bot {info['ptb']}, SQLite {info['sqlite']}",
        f"- OS: {info['os']}",
        "",
        "Other work ran on the machine at the same time (parallel test suites), so absolute",
        "numbers carry noise; each comparison ran side by side, alternating, in the same run.",
        "Each numbered section says when it ran: a run of some of them (`--only`) keeps the",
        "others, and the hand-written sections (no number), from the file as it was.",
    ]
    old = RESULTS.read_text() if RESULTS.exists() else ""
    RESULTS.write_text(merge(old, "\n".join(sections), header, info["date"]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated: " + ",".join(ALL))
    parser.add_argument("--quick", action="store_true", help="every N scaled down")
    parser.add_argument("--updates", type=int, help="updates per run (benchmarks 1 and 2)")
    parser.add_argument("--reps", type=int, help="repetitions (benchmarks 1 and 2)")
    parser.add_argument("--fanout-users", type=int, help="users due at once (default 3000)")
    parser.add_argument("--full", action="store_true", help="store scale up to 1M users")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    quick = args.quick
    updates = args.updates or (300 if quick else 2000)
    reps = args.reps or (1 if quick else 3)
    started = time.perf_counter()
    info = machine()
    sections: list[str] = []

    try:
        if "throughput" in chosen:
            print("1. update throughput, end to end", flush=True)
            users = 8 if quick else 32
            slow = 60 if quick else 400
            r1 = asyncio.run(
                throughput.run(
                    updates,
                    reps,
                    users,
                    deployed=True,
                    variants=("echo", "echo256", "ours", "ours-seq"),
                    latencies=(0.0, 0.1),
                    slow_updates=slow,
                )
            )
            print(r1.table(), flush=True)
            sections += [
                "## 1. Update throughput, end to end",
                "",
                METHOD["throughput"].format(users=users, reps=reps, updates=updates, slow=slow),
                "",
                r1.table(),
                "",
            ]
        if "cost" in chosen:
            print("2. handler cost in process", flush=True)
            n = max(updates, 300) if quick else max(updates, 3000)
            r2 = asyncio.run(handler_cost.run(n, reps))
            print(r2.table(), flush=True)
            sections += [
                "## 2. Handler cost in process (no HTTP)",
                "",
                METHOD["cost"].format(reps=reps, updates=n),
                "",
                r2.table(),
                "",
            ]
        if "fanout" in chosen:
            print("3. check-in fan-out", flush=True)
            users = args.fanout_users or (300 if quick else 3000)
            people = 3 if quick else 10
            alone = asyncio.run(fanout.run(0, people=people))
            r3 = asyncio.run(fanout.run(users, people=people))
            print(r3.table(), flush=True)
            print(fanout.interactive_table([alone, r3]), flush=True)
            sections += [
                "## 3. Check-in fan-out under Telegram's limits",
                "",
                METHOD["fanout"].format(users=f"{users:,}"),
                "",
                r3.table(),
                "",
                "### People chatting while the fan-out runs",
                "",
                METHOD["interactive"].format(people=people, users=f"{users:,}"),
                "",
                fanout.interactive_table([alone, r3]),
                "",
            ]
        if "scale" in chosen:
            print("4. store scale", flush=True)
            sizes = (
                store_scale.FULL_SIZES
                if args.full
                else store_scale.QUICK_SIZES
                if quick
                else store_scale.DEFAULT_SIZES
            )
            r4 = store_scale.run(sizes)
            print(r4.table(), flush=True)
            sections += [
                "## 4. Scale of the store",
                "",
                METHOD["scale"],
                "",
                r4.table(),
                "",
            ]
        if "sigkill" in chosen:
            print("5. SIGKILL with updates queued", flush=True)
            count, kills = (10, 3) if quick else (40, 20)
            with tempfile.TemporaryDirectory(prefix="bench-sigkill-") as tmp:
                r5 = asyncio.run(sigkill_queue.run(count, kills, workdir=Path(tmp)))
            print(r5.summary(), flush=True)
            sections += [
                "## 5. SIGKILL with updates queued",
                "",
                METHOD["sigkill"].format(updates=count, kills=kills),
                "",
                "| SIGKILLs | updates | waiting when killed | lost | applied twice "
                "| answered twice | seconds |",
                "|---|---|---|---|---|---|---|",
                f"| {r5.rounds} | {r5.updates} | {r5.queued_at_kill} | **{r5.lost}** "
                f"| **{r5.applied_twice}** | {r5.answered_twice} | {r5.seconds:.0f} |",
                "",
            ]
        if "conversation" in chosen:
            print("6. 429s in a conversation", flush=True)
            tables = [asyncio.run(conversation.run(n)).table() for n in (1, 5)]
            print("\n".join(tables), flush=True)
            sections += [
                "## 6. 429s in a log + reframe under Telegram's limits",
                "",
                METHOD["conversation"],
                "",
                tables[0],
                *tables[1].splitlines()[2:],
                "",
            ]
        if "idle" in chosen:
            print("7. at rest: idle memory and start-up", flush=True)
            idle_reps, idle_seconds = (1 if quick else 5), 3.0
            r7 = idle.table(asyncio.run(idle.run(idle_reps, idle_seconds)))
            print(r7, flush=True)
            sections += [
                "## 7. At rest: idle memory and start-up",
                "",
                METHOD["idle"].format(idle=idle_seconds, reps=idle_reps),
                "",
                r7,
                "",
            ]
    finally:  # what ran is written even if a later benchmark failed
        took = time.perf_counter() - started
        given = sys.argv[1:] if argv is None else argv
        note = " ".join(["python -m bench", *given])
        if sections and not args.no_write:
            _write(sections, info, took, note)
            print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
