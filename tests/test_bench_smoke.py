"""The benchmarks still run (a few updates each); no timing is asserted."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench import fanout, handler_cost, store_scale, throughput


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
