"""The benchmarks still run (a few updates each); no timing is asserted."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench import conversation, fanout, handler_cost, store_scale, throughput
from bench.__main__ import merge


async def test_throughput_runs() -> None:
    result = await throughput.run(updates=12, reps=1, users=2, deployed=False)
    assert {r.variant for r in result.runs} == {"echo", "ours"}
    assert all(r.updates == 12 and r.refusals == 0 for r in result.runs)
    assert "Ratio" in result.table()


async def test_handler_cost_runs() -> None:
    result = await handler_cost.run(updates=12, reps=1, users=2)
    assert {r.variant for r in result.runs} == {"echo", "ours"}
    assert "Ratio" in result.table()


async def test_fanout_runs() -> None:
    result = await fanout.run(users=5, tick_seconds=0.5)
    assert result.delivered == 5
    assert result.lost == 0 and result.duplicated == 0


@pytest.mark.filterwarnings("ignore::ResourceWarning")
async def test_store_scale_runs(tmp_path: Path) -> None:
    path = tmp_path / "scale.sqlite3"
    await asyncio.to_thread(store_scale.generate, path, 20, store_scale.HEAVY + 100)
    numbers = await store_scale.measure(path)
    assert {"startup_s", "stats_ms", "history_ms", "tick_ms", "peak_rss_mb"} <= set(numbers)
    assert numbers["requests_during_ticks"] == 0


async def test_conversation_runs() -> None:
    """The log + reframe script still matches the flow (it broke once when the reframe
    gained a step), and draws no 429 under Telegram's limits."""
    result = await conversation.run(1)
    assert result.sends >= 8
    assert result.too_many == 0


OLD_RESULTS = """# Benchmarks

Last run: old.

## 1. Throughput

(Run yesterday.)

old one

## 2. Cost

old two

## Notes

hand-written
"""


def test_results_keep_what_did_not_run_and_the_hand_written_notes() -> None:
    new = "## 1. Throughput\n\nnew one\n\n## 6. Conversation\n\nnew six\n"
    out = merge(OLD_RESULTS, new, ["# Benchmarks", "", "Last run: now."], "today")
    assert out == (
        "# Benchmarks\n\nLast run: now.\n\n"
        "## 1. Throughput\n\n(Run today.)\n\nnew one\n\n"
        "## 2. Cost\n\nold two\n\n"
        "## 6. Conversation\n\n(Run today.)\n\nnew six\n\n"
        "## Notes\n\nhand-written\n"
    )
