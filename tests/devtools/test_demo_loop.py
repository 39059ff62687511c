"""demo/closing-the-loop.txt reads as the README tells it: Done → "Did it happen?" → Yes →
a win with one tap; No → the next try; the check-in brings last week back."""

from __future__ import annotations

from pathlib import Path

from tests.devtools.test_demo import SCRIPTS, between, demo


async def test_closing_the_loop_script(tmp_path: Path) -> None:
    text = await demo(tmp_path, script=SCRIPTS / "closing-the-loop.txt")
    evening = between(text, "you> :later 6h", "you> /reframe")
    assert "And did it happen: one of them tells me what the team needed?" in evening
    assert "🏆 Logged: One of them tells me what the team needed" in evening
    assert "What would you try next?" in text
    assert "I'll ask once more on Fri 4 Dec." in text
    assert "What didn't work: Applying through the portal: nothing back" in text
    week = between(text, "you> :later 1w", "Bye.")
    assert week.count("Asking once more, then I'll leave it with you") == 1
    assert week.count("A week ago you were waiting to see this happen") == 1
    assert "Last time, this worked for you: Writing to people I already know" in week
    assert "⏰ Overdue: it was planned for Mon 30 Nov" in week
    assert "Lunch with Jo from the analytics meetup" in week
    assert "Telegram would refuse" not in text
