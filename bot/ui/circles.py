"""Accountability circles, as the group and the author read them: posts, cheer labels, the
cheer notes naming who cheered, and the weekly digest. Everything here escapes what users typed."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.circles import CheeredItem, RejectionFacts, SharedWin
from bot.domain.text import shorten
from bot.ui import texts

DIGEST_WINS_SHOWN = 15
DIGEST_TEXT_SHOWN = 200
NOTE_TEXT_SHOWN = 60


def win_post(author: str, win_text: str) -> str:
    """The group post for a shared win: the author's first name and the win, nothing else."""
    return texts.SHARE_WIN_POST.format(name=texts.esc(author), text=texts.esc(win_text))


def reframe_post(
    author: str,
    if_do: str,
    then_happens: str,
    rejection: RejectionFacts | None = None,
    *,
    include_details: bool = False,
) -> str:
    """The group post for a shared reframe: only the if-then sentence, unless the member
    explicitly chose to include the rejection's kind and place (``include_details``)."""
    plan = texts.esc(texts.plan_sentence(if_do, then_happens))
    if include_details and rejection is not None:
        details = (
            texts.SHARE_REFRAME_DETAILS_WHERE if rejection.where else texts.SHARE_REFRAME_DETAILS
        )
        return details.format(
            kind=texts.esc(rejection.kind_label),
            where=texts.esc(rejection.where or ""),
            name=texts.esc(author),
            sentence=plan,
        )
    return texts.SHARE_REFRAME_POST.format(name=texts.esc(author), sentence=plan)


def cheer_label(count: int) -> str:
    return texts.BUTTON_CHEER_COUNT.format(count=count) if count > 0 else texts.BUTTON_CHEER


def _names(item: CheeredItem) -> tuple[str, str]:
    """The first two names of who cheered, escaped ("" for a second that isn't there)."""
    names = [texts.esc(n.strip()) if n.strip() else texts.CHEER_SOMEONE for n in item.names]
    return names[0], names[1] if len(names) > 1 else ""


def cheer_note(items: Sequence[CheeredItem]) -> str | None:
    """The author's note naming who cheered; None when nothing is left to tell."""
    shown = [i for i in items if i.people > 0]
    if not shown:
        return None
    if len(shown) == 1:
        item = shown[0]
        first, second = _names(item)
        text = texts.esc(shorten(item.text, NOTE_TEXT_SHOWN))
        return texts.cheer_note_one(item.kind, item.people, text, first, second)
    lines = [texts.CHEER_NOTE_MANY]
    for item in shown[:10]:
        first, second = _names(item)
        text = texts.esc(shorten(item.text, NOTE_TEXT_SHOWN))
        lines.append(texts.cheer_note_line(item.people, text, first, second))
    return "\n".join(lines)


def digest_text(title: str, wins: Sequence[SharedWin], checked_in: int, members: int) -> str | None:
    """The weekly digest: the wins shared in the circle and how many members checked in.

    Only what members shared there (wins) and a count; never rejections, reframe details
    or anything private. None when there is nothing at all to report (no post then).
    """
    if not wins and checked_in == 0:
        return None
    lines = [texts.DIGEST_TITLE.format(title=texts.esc(title)), ""]
    if wins:
        lines += [
            texts.DIGEST_WIN_LINE.format(
                name=texts.esc(w.author), text=texts.esc(shorten(w.text, DIGEST_TEXT_SHOWN))
            )
            for w in wins[:DIGEST_WINS_SHOWN]
        ]
        if len(wins) > DIGEST_WINS_SHOWN:
            lines.append(texts.digest_more_wins(len(wins) - DIGEST_WINS_SHOWN))
    else:
        lines.append(texts.DIGEST_NO_WINS)
    if checked_in > 0:  # "0 of 2 members checked in" is no news to post
        lines += ["", texts.digest_checkins(checked_in, max(members, checked_in))]
    return "\n".join(lines)
