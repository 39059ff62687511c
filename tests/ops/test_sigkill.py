"""SIGKILL at random moments of a scripted conversation (bench/sigkill.py, fewer runs): every
entry the bot confirmed is in the database afterwards, and no reminder is sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import sigkill


@pytest.mark.slow
async def test_sigkill_at_random_points_loses_nothing_confirmed(tmp_path: Path) -> None:
    result = await sigkill.run(runs=4, seed=11, workdir=tmp_path)
    assert result.kills == 4
    assert result.confirmed_wins and result.confirmed_rejections, result.summary()
    assert not result.missing, result.summary()
    assert result.reminders_twice == 0 and result.checkins_twice == 0, result.summary()
    assert result.checkins > 0, result.summary()
