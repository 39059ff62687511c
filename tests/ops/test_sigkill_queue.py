"""SIGKILL while people's updates are fetched but not yet handled (bench/sigkill_queue.py,
a small count): after a restart every person gets their answer and every win is stored
exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import sigkill_queue


@pytest.mark.slow
async def test_sigkill_with_updates_queued_loses_none_and_applies_none_twice(
    tmp_path: Path,
) -> None:
    result = await sigkill_queue.run(12, 2, workdir=tmp_path, seed=3)
    assert result.rounds == 2 and result.updates == 24
    assert result.queued_at_kill > 0, result.summary()  # the kill did find updates waiting
    assert result.lost == 0, result.summary()
    assert result.applied_twice == 0, result.summary()
