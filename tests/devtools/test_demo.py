"""`comeback demo` as a newcomer runs it: lines through stdin or ``--script``, the real bot.

Every test goes through ``run_demo``, the function ``make demo`` runs, and reads its output
like a person would. The scripts in ``demo/`` (quoted in the README) run here too.
"""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import build_application
from bot.config import Settings
from bot.devtools.demo import HELP, parse_duration, run_demo

SCRIPTS = Path(__file__).resolve().parents[2] / "demo"
START = ":now 2026-11-25 12:00"  # a Wednesday
ONBOARD = ["/start", "Berlin", "1", "1"]  # Berlin, keep Sunday 18:00 check-ins


async def demo(
    tmp_path: Path, lines: list[str] | None = None, *, script: Path | None = None
) -> str:
    out = io.StringIO()
    code = await run_demo(
        Settings(_env_file=None),  # type: ignore[call-arg]
        build_application,
        folder=tmp_path / "demo",
        script=script,
        name="Sam",
        stdin=io.StringIO("\n".join(lines or []) + "\n"),
        out=out,
    )
    text = out.getvalue()
    assert code == 0
    assert text.rstrip().endswith("Bye.")
    assert "Telegram would refuse" not in text
    return text


def between(text: str, start: str, end: str) -> str:
    """The part of ``text`` from ``start`` up to the next ``end``."""
    head = text.index(start)
    return text[head : text.index(end, head + len(start))]


def saved_path(text: str, label: str) -> Path:
    found = re.search(rf"\[{label}: (\S+)\]", text)
    assert found is not None, f"no [{label}: PATH] in the output"
    return Path(found.group(1))


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("2h", timedelta(hours=2)),
        ("3d", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
        ("90m", timedelta(minutes=90)),
        ("1d 12h", timedelta(days=1, hours=12)),
        ("1W", timedelta(weeks=1)),
        ("", None),
        ("2", None),
        ("h2", None),
        ("2 hours", None),
        ("-1d", None),
        ("2h x", None),
    ],
)
def test_parse_duration(text: str, delta: timedelta | None) -> None:
    assert parse_duration(text) == delta


async def test_scripted_demo_logs_a_rejection(tmp_path: Path) -> None:
    script = ["/start", "Berlin", "1", "1", "/rejection", "2", "\\3", "4", "skip it"]
    text = await demo(tmp_path, [*script, ":location x"])
    assert "Comeback: It's" in text and "Europe/Berlin" in text
    assert "[1] ✓ Yes" in text
    assert "(you pressed “No response to an application”)" in text
    assert "usage: :location 52.52 13.40" in text
    assert "Logged. That took courage." in text
    with sqlite3.connect(tmp_path / "demo" / "demo.sqlite3") as conn:
        row = conn.execute("SELECT kind, where_text, hurt, in_control FROM rejections").fetchone()
    assert row == ("application", "3", 4, None)  # "\3" sent a literal 3; "skip it" skips


async def test_free_text_script_logs_a_rejection_from_words_typed_outside_a_flow(
    tmp_path: Path,
) -> None:
    text = await demo(tmp_path, script=SCRIPTS / "free-text.txt")
    assert "Log this as a rejection?" in text and "Logged. That took courage." in text
    with sqlite3.connect(tmp_path / "demo" / "demo.sqlite3") as conn:
        row = conn.execute("SELECT kind, where_text, hurt, in_control, note FROM rejections")
        found = row.fetchone()
    assert found == (
        "interview",
        "Google, data analyst",
        4,
        None,
        "Got rejected by Google today, after the final round",
    )


async def test_week_script_brings_the_follow_up_and_the_check_in_once(tmp_path: Path) -> None:
    text = await demo(tmp_path, script=SCRIPTS / "week-with-checkin.txt")
    # :later 6h: the follow-up of a plan for today arrives at 18:00 Berlin time, once.
    evening = between(text, "you> :later 6h", "you> 1")
    assert "  … Wed 25 Nov 2026, 18:00 Europe/Berlin\n\nComeback: Did you do it?" in evening
    assert "(6 hours later: Wed 25 Nov 2026, 19:00 Europe/Berlin)" in evening
    assert text.count("Did you do it?") == 1
    # :later 4d: Sunday 18:00, the weekly check-in; its chart is saved, the path printed.
    sunday = between(text, "you> :later 4d", "you> 1")
    assert "  … Sun 29 Nov 2026, 18:00 Europe/Berlin\n\nComeback: 🗓" in sunday
    assert text.count("Time for your weekly check-in") == 1
    chart = saved_path(text, "picture")
    assert chart.parent == tmp_path / "demo" / "files"
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "✅ Check-in saved." in text
    assert "# " not in text  # comments are neither sent nor echoed


async def test_later_is_a_clock_that_only_moves_forward(tmp_path: Path) -> None:
    text = await demo(
        tmp_path,
        [START, *ONBOARD, ":later 1w", ":later 1w", ":later", ":later 2 days", ":later 9w"],
    )
    assert text.count("Time for your weekly check-in") == 2  # Sundays 29 Nov and 6 Dec
    assert "  … Sun 29 Nov 2026, 18:00 Europe/Berlin" in text
    assert "  … Sun 6 Dec 2026, 18:00 Europe/Berlin" in text
    assert "(1 week later: Wed 9 Dec 2026, 13:00 Europe/Berlin)" in text
    assert text.count("usage: :later 2h") == 2
    assert "(at most 8 weeks at a time)" in text


async def test_feedback_script_has_three_givers_answer_through_the_link(tmp_path: Path) -> None:
    text = await demo(tmp_path, script=SCRIPTS / "feedback-round.txt")
    for giver in ("Maya", "Leo", "Noor"):
        assert f"{giver}> :open\n  ({giver} opens t.me/ComebackDemoBot?start=… and" in text
    assert text.count("Sam is asking for your honest feedback.") == 3
    assert text.count("Your answers went to Sam, anonymously.") == 3
    results = text[text.rindex("you> /feedback") :]
    assert "3 of the 10 people" in results  # results show from three answers (issue 15)
    assert "thorough ×3" in results and "curious ×2" in results


async def test_circle_script_shares_cheers_and_sends_the_note_and_digest(tmp_path: Path) -> None:
    text = await demo(tmp_path, script=SCRIPTS / "circle-cheer.txt")
    assert "(Sam made the group Job club and added the bot)" in text
    assert "(Sam added Maya to Job club)" in text
    assert "Maya in Job club> /join" in text
    assert "Comeback in Job club: 🏆 Sam shares a win:" in text
    assert "Maya in Job club> 1\n  (you pressed “👏 Cheer”)" in text
    assert "[1] 👏 Cheer · 1" in text
    hours = text[text.index("Maya in Job club> :later 2h") :]
    # An hour after the cheer (13:00 on Maya's London clock): one note for Sam, naming her.
    assert (
        "  … Wed 25 Nov 2026, 13:00 Europe/London\n\nComeback → Sam: 👏 Maya cheered your win"
        in hours
    )
    assert text.count("cheered your win") == 1
    week = text[text.index("Maya in Job club> :later 1w") :]
    # Sunday 19:00 Berlin: the digest, in the group Maya is talking in.
    assert "\nComeback: 🗓 This week in Job club" in week
    assert text.count("This week in Job club") == 1


async def test_people_groups_and_where_you_talk(tmp_path: Path) -> None:
    text = await demo(
        tmp_path,
        [
            ":as",
            ":join Maya",
            ":in Nowhere",
            "/start",
            ":group Job club",
            ":group job club",
            ":as Maya",
            ":in Job club",
            ":as Sam",
            ":in Job club",
            ":join Maya",
            ":join maya",
            ":as Maya",
            ":photo",
            ":private",
            ":as",
            "hello",
        ],
    )
    assert "(people: nobody yet; talking as Sam)" in text
    assert "(first :group TITLE or :in TITLE, then :join NAME)" in text
    assert "(usage: :in TITLE; groups: none yet (:group TITLE))" in text
    assert "you in Job club> :group job club\n  (there is a group job club already" in text
    assert "Maya> :in Job club\n  (Maya is not in Job club; someone in it can :join them)" in text
    assert "you in Job club> :join maya\n  (Maya is in Job club already)" in text
    assert "Maya in Job club> :photo\n  (:photo works in a private chat here" in text
    assert "Maya> :as\n  (people: Sam (you), Maya; talking as Maya)" in text
    assert "(Sam made the group Job club and added the bot)\n\nComeback: 👋" in text
    with sqlite3.connect(tmp_path / "demo" / "demo.sqlite3") as conn:
        names = [r[0] for r in conn.execute("SELECT first_name FROM users ORDER BY user_id")]
    assert names == ["Sam", "Maya"]  # Maya's "hello" reached the bot from her own chat


async def test_logs_go_to_the_folder_and_files_are_saved(tmp_path: Path) -> None:
    text = await demo(
        tmp_path,
        [*ONBOARD, "some days I feel I can't go on", ":log", "/export"],
    )
    log_file = tmp_path / "demo" / "demo.log"
    assert f"(the bot's log: {log_file})" in text
    log = log_file.read_text()
    assert "WARNING bot.flows.care: care message sent user=" in log
    assert "user onboarded user_id=" in log
    assert "care message sent" not in text and " INFO " not in text
    assert "can't go on" not in log  # never what people typed
    export = saved_path(text, "file comeback-export-[^:]+")
    assert export.suffix == ".zip" and export.read_bytes().startswith(b"PK")


async def test_help_commands_comments_and_quit(tmp_path: Path) -> None:
    text = await demo(
        tmp_path,
        [
            ":help",
            ":now",
            "# a comment: not sent",
            ":frobnicate",
            "\\:frobnicate",
            ":sticker",
            ":now 2026-11-25 12:00",
            ":open",
            ":quit",
            "/help",
        ],
    )
    assert HELP in text
    assert "(no command :frobnicate; :help lists them" in text
    assert "a comment" not in text
    assert "(the clock can be set only before anyone has written" in text
    assert "(no t.me/ComebackDemoBot?start=… link has been sent yet)" in text
    assert "you> /help" not in text  # :quit stopped before it
    with sqlite3.connect(tmp_path / "demo" / "demo.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (1,)


def test_demo_command_runs_a_script_without_token_or_network(tmp_path: Path) -> None:
    script = tmp_path / "hello.txt"
    script.write_text(":now 2026-11-25 12:00\n/help\n:log\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--script", str(script), "--dir", "out"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PTB_TIMEDELTA": "1", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "it is Wed 25 Nov 2026, 12:00 UTC" in result.stdout
    assert "you> /help" in result.stdout and "/rejection" in result.stdout
    assert "(the bot's log: out/demo.log)" in result.stdout
    assert (tmp_path / "out" / "demo.log").stat().st_size > 0
    assert (tmp_path / "out" / "demo.sqlite3").exists()
