"""What happens after a win is saved in a flow (the weekly check-in's successes).

The groups feature (bot/flows/sharing.py) offers "Share with…" for the win. Keep it a
plain async function: callers await it right after the win is stored and its
confirmation is sent (/win and the weekly check-in).
"""

from __future__ import annotations

from telegram import Update

from bot.flows.common import Context
from bot.storage.entries import Win


async def after_win_saved(update: Update, context: Context, win: Win) -> None:
    """Called once per saved win: offers "Share with …" (one button per circle the user is
    in) and "Keep private"; sends nothing for someone in no circle."""
    from bot.flows import sharing  # late: sharing imports the flows' common parts

    await sharing.after_win(update, context, win)
