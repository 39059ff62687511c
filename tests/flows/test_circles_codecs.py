"""The circle buttons' data: every codec round-trips, fits Telegram's 64 bytes with the
largest values it can carry, and the 👏 button under group posts keeps its old format."""

from __future__ import annotations

import pytest

from bot.flows.circles.cheers import CheerTap
from bot.flows.circles.sharing import ShareClose, SharePick, ShareScreen, ShareTo, Unshare
from bot.ui.callbacks import CALLBACK_LIMIT, CallbackData

BIGGEST_ID = -(2**63)  # SQLite's smallest rowid: the longest number a field can hold

LARGEST: list[CallbackData] = [
    CheerTap(BIGGEST_ID),
    ShareTo("reframe", BIGGEST_ID, BIGGEST_ID, details=True),
    ShareScreen("reframe", BIGGEST_ID, details=True),
    Unshare(BIGGEST_ID),
    ShareClose(kept_private=True),
    SharePick(BIGGEST_ID, BIGGEST_ID),
]


@pytest.mark.parametrize("tap", LARGEST, ids=lambda tap: type(tap).__name__)
def test_largest_values_fit_and_round_trip(tap: CallbackData) -> None:
    data = tap.pack()
    assert len(data.encode()) <= CALLBACK_LIMIT
    assert type(tap).parse(data) == tap
    others = [type(other) for other in LARGEST if type(other) is not type(tap)]
    assert [codec for codec in others if codec.parse(data) is not None] == []


def test_cheer_buttons_already_in_groups_keep_working() -> None:
    assert CheerTap(42).pack() == "ch:42"
    assert CheerTap.parse("ch:42") == CheerTap(42)


@pytest.mark.parametrize(
    "data", ["", "ch:", "ch:x", "ch:1:2", "sh:win:1", "sh:post:1:2:0", "sh:view:win:1:2", "sh:k"]
)
def test_malformed_data_is_nobodys(data: str) -> None:
    assert all(type(codec).parse(data) is None for codec in LARGEST)
