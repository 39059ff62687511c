"""What circles read: share posts, cheer labels and notes, the digest (escaped, cut)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.circles import CheeredItem, RejectionFacts, SharedWin
from bot.ui import circles as rules

FACTS = RejectionFacts(kind_label="No offer after an interview", where="Acme & Co")


def test_win_post_is_name_and_escaped_text_only() -> None:
    assert rules.win_post("Al<i>ce", "Got <b>it</b> & more") == (
        "🏆 <b>Al&lt;i&gt;ce</b> shares a win:\nGot &lt;b&gt;it&lt;/b&gt; &amp; more"
    )


@pytest.mark.parametrize(
    ("facts", "include", "expected"),
    [
        (None, False, "🔁 <b>Alice</b> made a plan:\nIf I call Bo, then I get a referral."),
        (FACTS, False, "🔁 <b>Alice</b> made a plan:\nIf I call Bo, then I get a referral."),
        (None, True, "🔁 <b>Alice</b> made a plan:\nIf I call Bo, then I get a referral."),
        (
            FACTS,
            True,
            "After a setback (No offer after an interview — Acme &amp; Co), <b>Alice</b> made "
            "a plan:\nIf I call Bo, then I get a referral.",
        ),
        (
            RejectionFacts("Recruiter didn't follow up", None),
            True,
            "After a setback (Recruiter didn't follow up), <b>Alice</b> made a plan:\n"
            "If I call Bo, then I get a referral.",
        ),
    ],
)
def test_reframe_post(facts: RejectionFacts | None, include: bool, expected: str) -> None:
    assert (
        rules.reframe_post("Alice", "call Bo", "I get a referral", facts, include_details=include)
        == expected
    )


secret = st.text(
    alphabet=st.characters(min_codepoint=0x41, max_codepoint=0x5A), min_size=12, max_size=30
)


@given(kind=secret, where=secret, if_do=st.text(max_size=40), then=st.text(max_size=40))
def test_rejection_details_never_leak_without_the_choice(
    kind: str, where: str, if_do: str, then: str
) -> None:
    post = rules.reframe_post(
        "Alice", if_do.lower(), then.lower(), RejectionFacts(kind, where), include_details=False
    )
    assert kind not in post and where not in post


def test_cheer_label() -> None:
    assert rules.cheer_label(0) == "👏 Cheer"
    assert rules.cheer_label(3) == "👏 Cheer · 3"


def test_cheer_note_names_who_cheered() -> None:
    assert rules.cheer_note([]) is None
    assert rules.cheer_note([CheeredItem("win", "x", ())]) is None
    assert rules.cheer_note([CheeredItem("win", "Got <in>", ("Ana",))]) == (
        "👏 Ana cheered your win: <i>Got &lt;in&gt;</i>"
    )
    assert rules.cheer_note([CheeredItem("win", "x", ("Ana", "<Ben>"))]) == (
        "👏 Ana and &lt;Ben&gt; cheered your win: <i>x</i>"
    )
    assert rules.cheer_note([CheeredItem("reframe", "x", ("Ana", "Ben", "Cy"))]) == (
        "👏 Ana, Ben and 1 other cheered your plan: <i>x</i>"
    )
    assert rules.cheer_note([CheeredItem("win", "x", ("Ana", "Ben", "Cy", "Di"))]) == (
        "👏 Ana, Ben and 2 others cheered your win: <i>x</i>"
    )
    assert rules.cheer_note([CheeredItem("post", "x", ("", " "))]) == (
        "👏 a circle member and a circle member cheered your post: <i>x</i>"
    )
    many = rules.cheer_note(
        [
            CheeredItem("win", "A", ("Ana", "Ben", "Cy")),
            CheeredItem("reframe", "B" * 100, ("Di", "Ed")),
            CheeredItem("win", "C", ("Flo",)),
        ]
    )
    assert many is not None
    assert many.splitlines() == [
        "👏 Your circle cheered you on:",
        "• Ana, Ben and 1 other — <i>A</i>",
        f"• Di and Ed — <i>{'B' * 59}…</i>",
        "• Flo — <i>C</i>",
    ]


def test_digest_text() -> None:
    assert rules.digest_text("Club", [], 0, 4) is None
    assert rules.digest_text("<Club>", [SharedWin("Bo", "a <win>")], 2, 4) == (
        "🗓 <b>This week in &lt;Club&gt;</b>\n\n🏆 <b>Bo</b>: a &lt;win&gt;\n\n"
        "✅ 2 of 4 members checked in."
    )
    quiet = rules.digest_text("Club", [], 1, 3)
    assert quiet is not None and "No wins shared this week" in quiet
    # no check-ins: the count is left out, not posted as "0 of 2"
    nobody = rules.digest_text("Club", [SharedWin("Bo", "a win")], 0, 2)
    assert nobody is not None and "checked in" not in nobody and "0 of" not in nobody
    wins = [SharedWin("Bo", f"win {i}") for i in range(20)]
    long = rules.digest_text("Club", wins, 0, 3)
    assert long is not None and "win 14" in long and "win 15" not in long
    assert "…and 5 more." in long and len(long) < 4096
