"""Every user-facing string, in one place (translation later).

Strings are HTML for ``parse_mode=HTML``: anything a user typed is passed through
``html.escape`` before it is put into one of these templates (see ``esc``).
"""

from __future__ import annotations

import html

PRIVATE_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start, or show the menu"),
    ("rejection", "Log a rejection"),
    ("reframe", "Turn it into an if-then plan"),
    ("win", "Log a win"),
    ("plans", "Your open plans"),
    ("checkin", "Run the weekly check-in now"),
    ("history", "What you have logged"),
    ("stats", "Your numbers"),
    ("feedback", "Ask people for honest feedback"),
    ("focus", "The one gap you work on"),
    ("settings", "Time zone, check-in time, pause"),
    ("export", "Download everything I hold about you"),
    ("delete", "Erase everything about you"),
    ("help", "What I can do"),
    ("cancel", "Leave what you are doing"),
)
GROUP_COMMANDS: tuple[tuple[str, str], ...] = (
    ("join", "Join this group's circle"),
    ("leave", "Leave this group's circle"),
    ("digest", "Weekly digest on or off (admins)"),
    ("help", "What I do here"),
)


def esc(text: str) -> str:
    """User text made safe for HTML parse mode."""
    return html.escape(text, quote=False)


# --- general -------------------------------------------------------------------------
ERROR_SORRY = (
    "Sorry, something went wrong on my side. What you already saved is safe. "
    "Try again, or send /cancel to start over."
)
UNKNOWN = "I didn't catch that. Tap a button below, or send /help to see everything I can do."
NOTHING_TO_CANCEL = "There's nothing to cancel. Here's the menu."
EXPIRED = "This button has expired."
EXPIRED_WITH_MENU = "That button belongs to something that's finished. Here's the menu."
NOT_AVAILABLE_YET = "That part of Comeback isn't ready yet. It's coming soon."
FEEDBACK_LINK_EXPIRED = (
    "This feedback link has expired or isn't active. Thanks for wanting to help!"
)
TOO_LONG = (
    "That's {length} characters; the limit here is {limit}. Please shorten it and send again."
)
EXPECTED_TEXT = "I can only read text here — please type your answer (or /cancel to leave)."
FINISH_FIRST = "You're in the middle of the {flow}: finish it, or /cancel first."
EXPECTED_BUTTON = "Please tap one of the buttons above (or /cancel to leave)."
IN_FLOW_COMMAND = (
    "You're in the middle of the {flow}. Finish it first, or send /cancel to leave it "
    "(what you've typed is kept)."
)
BUTTON_CANCEL = "✖ Cancel"
BUTTON_SKIP = "Skip ›"

HELP = (
    "<b>Comeback</b> helps you turn a “no” into your next step.\n\n"
    "/rejection — log a rejection (a minute, mostly buttons)\n"
    "/reframe — turn it into an “If I do ___, then ___” plan\n"
    "/win — log something that went well (/win &lt;text&gt; logs it at once)\n"
    "/plans — your open plans: done, not yet, or drop\n"
    "/checkin — the weekly check-in, now\n"
    "/history — what you've logged, newest first\n"
    "/stats — your numbers and a chart\n"
    "/feedback — ask people for honest feedback, anonymously\n"
    "/focus — the one gap you're working on\n"
    "/settings — time zone, check-in day and time, pause\n"
    "/export — a file with everything I hold about you\n"
    "/delete — erase everything about you\n"
    "/cancel — leave what you're doing\n"
    "/start — the menu · /help — this list\n\n"
    "In a group: /join, /leave, /digest on|off."
)
GROUP_HELP = (
    "I'm Comeback: I help job seekers keep going after a “no”. In this group, members can "
    "share wins they choose to share — nothing is posted without their tap.\n\n"
    "/join — join this group's circle\n/leave — leave it\n/digest on|off — weekly digest (admins)"
)

# --- onboarding ----------------------------------------------------------------------
WELCOME = (
    "Hi {name}! I'm <b>Comeback</b>. When a job search hands you a “no”, I help you log it "
    "in under a minute, turn it into an “If I do ___, then ___” plan, and check in with you "
    "once a week.\n\n"
    "Everything you tell me stays on this bot's server. /delete erases it all, any time."
)
ASK_TIMEZONE = (
    "First, your time zone, so check-ins arrive at your hour. Tap one, type your city "
    "(e.g. <i>Berlin</i>) or an offset (<i>UTC+2</i>), or share your location."
)
LOCATION_HINT = "Or share your location with the button below (only the time zone is kept)."
BUTTON_SHARE_LOCATION = "📍 Share my location"
TZ_CONFIRM = "It's <b>{time}</b> on <b>{weekday}</b> for you — {label}. Right?"
TZ_YES = "✓ Yes"
TZ_NO = "No, pick again"
TZ_CANDIDATES = "Did you mean one of these? Or type another city."
TZ_UNKNOWN = (
    "I couldn't find “{text}”. Try a bigger city nearby, an IANA name like "
    "<i>Europe/Berlin</i>, or an offset like <i>UTC+2</i>."
)
TZ_LOCATION_UNKNOWN = "I couldn't tell the time zone from that location. Please type your city."
TZ_SAVED = "Time zone set: {label}."
ASK_CHECKIN = (
    "Once a week I'll check in: what worked, what didn't, what you're proud of. "
    "<b>Sunday 18:00</b> suits most people. Keep it, or pick another day?"
)
CHECKIN_KEEP = "✓ Sunday 18:00"
CHECKIN_OTHER = "Another day"
ASK_CHECKIN_DAY = "Which day?"
ASK_CHECKIN_HOUR = "What time on {weekday}?"
ONBOARDED = (
    "All set. Your first check-in: <b>{when}</b>.\n\n"
    "Had a “no” recently? Log it now — it takes under a minute."
)
MENU = "What would you like to do?"
MENU_BUTTONS: tuple[tuple[str, str], ...] = (
    ("😞 Log a rejection", "rejection"),
    ("🔁 Reframe", "reframe"),
    ("🏆 Log a win", "win"),
    ("📋 My plans", "plans"),
    ("📜 History", "history"),
    ("❓ Help", "help"),
)

# --- rejection -----------------------------------------------------------------------
REJECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("meeting", "Meeting request ignored"),
    ("application", "No response to an application"),
    ("recruiter", "Recruiter didn't follow up"),
    ("interview", "No offer after an interview"),
    ("other", "Something else"),
)
REJECTION_KIND_LABEL = dict(REJECTION_KINDS)
ASK_KIND = "Sorry you got a “no”. Let's log it and move on. What happened?"
ASK_OTHER = "In a few words, what happened?"
ASK_WHERE = "Where was it? Company and/or role (or skip)."
ASK_HURT = "How hard did it land? 1 = shrugged it off, 5 = gut punch."
ASK_CONTROL = "What was in your control — anything you'd do differently next time? (or skip)"
REJECTION_SAVED = (
    "Logged. That took courage.\n\n"
    "Here's a healthier way to see it: a “no” from one person is not the final word — "
    "another person's “yes” is still out there, and every attempt brings you closer to it.\n\n"
    "Want to turn this into a small next step?"
)
BUTTON_REFRAME_NOW = "🔁 Reframe it now"
BUTTON_NOT_NOW = "Not now"
RESUME_DRAFT = "You have an unfinished {flow} from before. Continue where you left off?"
BUTTON_CONTINUE = "Continue"
BUTTON_START_OVER = "Start over"
FLOW_NAMES = {
    "rejection": "rejection log",
    "reframe": "reframe",
    "win": "win",
    "onboarding": "set-up",
}
CANCELLED_DRAFT = (
    "Left the {flow}. What you typed so far is kept: send /{command} to pick it up again."
)
CANCELLED = "Left the {flow}. Nothing was saved."

# --- reframe -------------------------------------------------------------------------
ASK_IF = (
    "Let's find one small step. Fill in the first blank:\n\n"
    "<b>If I do …</b>\n\n(for example: <i>message two former colleagues this week</i>)"
)
ASK_THEN = "And the second blank:\n\n<i>If I {if_do}</i>, <b>then … will happen?</b>"
PLAN_SENTENCE = "If I {if_do}, then {then}."
SHOW_PLAN = "Your plan:\n\n<b>{sentence}</b>\n\nWhen will you do it?"
WHEN_BUTTONS: tuple[tuple[str, str], ...] = (
    ("Today", "today"),
    ("Tomorrow", "tomorrow"),
    ("This week", "week"),
    ("Pick a day", "pick"),
)
ASK_PICK_DAY = "Which day?"
PLAN_SAVED = "Saved. I'll ask you <b>{when}</b> whether you did it."
ASK_HURT_AFTER = "Now that you have a plan: how hard does that rejection feel now? (1–5)"
HURT_DROP = "It went from {before} to {after}. That's the reframe working."
HURT_SAME = "It's still {after} out of 5 — that's okay. Taking the step is what counts."

# --- plans ---------------------------------------------------------------------------
NO_PLANS = "No open plans. /reframe turns a “no” into one."
PLANS_HEADER = "Your open plans ({count}):"
PLAN_LINE = "<b>{sentence}</b>\nFollow-up: {when}"
PLAN_NO_DATE = "no date"
BUTTON_DONE = "✅ Done"
BUTTON_NOT_YET = "⏳ Not yet"
BUTTON_DROP = "✖ Drop"
PLAN_DONE = "✅ Done: <b>{sentence}</b>\nWell done — that's a step forward."
PLAN_DROPPED = "✖ Dropped: {sentence}"
PLAN_RESCHEDULED = "⏳ {sentence}\nNew follow-up: <b>{when}</b>"
PLAN_ASK_NEW_DAY = "⏳ {sentence}\n\nWhen will you do it?"
PLAN_GONE = "That plan is already closed."
PLAN_FOLLOW_UP = "Did you do it?\n\n<b>{sentence}</b>"

# --- wins ----------------------------------------------------------------------------
ASK_WIN = "What went well? Big or small — it counts."
WIN_SAVED = "🏆 Logged: <i>{text}</i>\nIt's not bragging; it's keeping score of your progress."

# --- history -------------------------------------------------------------------------
HISTORY_EMPTY = "Nothing logged yet. /rejection or /win gets you started."
HISTORY_HEADER = "Your history (newest first), {first}–{last} of {total}:"
HISTORY_REJECTION = "😞 {date} — {kind}{where} · hurt {hurt}/5{after}"
HISTORY_REJECTION_PLAN = "   ↳ 🔁 {sentence} [{status}]"
HISTORY_MORE_PLANS = "   ↳ …and {count} more"
HISTORY_PLAN = "🔁 {date} — {sentence} [{status}]"
HISTORY_WIN = "🏆 {date} — {text}"
BUTTON_PREV = "‹ Newer"
BUTTON_NEXT = "Older ›"
PLAN_STATUS = {"open": "open", "done": "done", "dropped": "dropped"}

# --- safety --------------------------------------------------------------------------
SAFETY = (
    "I'm really sorry you're feeling this way. You don't have to carry it alone. {helpline}\n\n"
    "Talking to someone you trust can help too. I'm here whenever you want to continue."
)
