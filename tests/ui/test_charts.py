"""Charts: a PNG of the promised size for one week as for twelve; bad input refused."""

from __future__ import annotations

import struct

import pytest

from bot.ui import charts


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@pytest.mark.parametrize("weeks", [1, 3, 12])
def test_weekly_chart_any_number_of_weeks(weeks: int) -> None:
    labels = [f"{i}\nNov" for i in range(weeks)]
    series = {"Rejections": [i % 3 for i in range(weeks)], "Wins": [0] * weeks}
    assert _size(charts.render_weekly(labels, series, title="t")) == charts.SIZE_PX


def test_weekly_chart_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="no weeks"):
        charts.render_weekly([], {})
    with pytest.raises(ValueError, match="2 values for 1 weeks"):
        charts.render_weekly(["a"], {"Wins": [1, 2]})
