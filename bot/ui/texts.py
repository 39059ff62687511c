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

# --- weekly check-in -------------------------------------------------------------------
FLOW_NAMES.update({"checkin": "weekly check-in", "settings": "settings"})
CHECKIN_DUE = (
    "🗓 Time for your weekly check-in: what worked, what didn't, and what you're proud of. "
    "About two minutes."
)
CHECKIN_DUE_LATE = (
    "🗓 Sorry, this one is late — your check-in was due <b>{when}</b>, and I couldn't "
    "reach you then. Still a good moment to look back at your week?"
)
BUTTON_START_CHECKIN = "▶ Start check-in"
CHECKIN_SUMMARY = (
    "<b>Your week</b> ({first} – {last})\n\n"
    "😞 Rejections logged: {rejections}\n"
    "🔁 Reframes made: {reframes}\n"
    "✅ Plans done: {plans_done} · open: {plans_open}\n"
    "🏆 Wins: {wins}"
)
CHECKIN_FOCUS = "\n🎯 Your focus: <i>{focus}</i>"
CHECKIN_CHART_TITLE = "Your last {weeks} weeks"
CHECKIN_SERIES = {
    "rejections": "Rejections",
    "reframes": "Reframes",
    "plans_done": "Plans done",
    "wins": "Wins",
}
CHECKIN_RESUME = "You started this week's check-in earlier. Continue where you left off?"
CHECKIN_EARLIER = "\n\n(Earlier this week you wrote: <i>{text}</i>. Type to replace it, or skip.)"
ASK_WORKED = "What worked well this week?"
ASK_DIDNT = "What didn't work?"
ASK_SUCCESSES = (
    "Note your successes — it's not bragging, it's keeping score. Send each one as a "
    "message (several are fine), then tap Done."
)
SUCCESS_SAVED = "🏆 Noted: <i>{text}</i>"
BUTTON_SUCCESSES_DONE = "Done ›"
CHECKIN_PLANS = "Plans due this week — one tap each:"
BUTTON_PLANS_NEXT = "Next ›"
CHECKIN_PLANS_NEXT = "When you're through the plans above, tap Next."
ASK_PEOPLE = "Time with people who lift your spirits helps. Who will you call or meet this week?"
CHECKIN_DONE_STREAK = "✅ Check-in saved. That's <b>{weeks} weeks in a row</b> — keep it going!"
CHECKIN_DONE_FIRST = "✅ Check-in saved. That's <b>1 week</b> — the first of a streak."
CHECKIN_NEXT = "Next check-in: <b>{when}</b>."
CHECKIN_PAUSED_NOTE = "Check-ins are paused; /settings resume turns them back on."

# --- settings --------------------------------------------------------------------------
SETTINGS_SHOW = (
    "<b>Settings</b>\n\n"
    "🌍 Time zone: {zone} (it's {local} there now)\n"
    "🗓 Check-in: {weekday}s at {time}\n"
    "{status}"
)
SETTINGS_NEXT = "⏭ Next check-in: <b>{when}</b>"
SETTINGS_PAUSED = "⏸ Check-ins are <b>paused</b>"
BUTTON_SET_TZ = "🌍 Time zone"
BUTTON_SET_DAY = "🗓 Day"
BUTTON_SET_TIME = "🕐 Time"
BUTTON_PAUSE = "⏸ Pause check-ins"
BUTTON_RESUME = "▶ Resume check-ins"
SETTINGS_ASK_TZ = (
    "Your time zone: tap one, type your city (e.g. <i>Berlin</i>), an IANA name "
    "(<i>Europe/Berlin</i>) or an offset (<i>UTC+2</i>), or share your location."
)
SETTINGS_ASK_DAY = "Which day should the check-in come?"
SETTINGS_ASK_TIME = (
    "What time on {weekday}? Tap one, or type a time like <i>18:30</i> or <i>7pm</i>."
)
SETTINGS_BAD_TIME = "I couldn't read “{text}” as a time. Try <i>18:30</i>, <i>9</i> or <i>7pm</i>."
SETTINGS_TZ_SAVED = "🌍 Time zone set: {label} (it's {local} there now)."
SETTINGS_SCHEDULE_SAVED = "🗓 Check-ins: {weekday}s at {time}."
SETTINGS_PAUSED_NOW = (
    "⏸ Check-ins paused. Your streak is safe: paused weeks don't break it. "
    "/settings resume when you're ready."
)
SETTINGS_ALREADY_PAUSED = "Check-ins are already paused. /settings resume turns them back on."
SETTINGS_RESUMED = "▶ Check-ins are back on."
SETTINGS_NOT_PAUSED = "Check-ins aren't paused."
SETTINGS_USAGE = (
    "I didn't understand that. You can type:\n"
    "/settings — see and change everything with buttons\n"
    "/settings timezone Europe/Berlin\n"
    "/settings checkin sunday 18:00\n"
    "/settings pause · /settings resume"
)
SETTINGS_TZ_USAGE = (
    "Which time zone? For example: <code>/settings timezone Europe/Berlin</code> "
    "(a city or <i>UTC+2</i> works too)."
)
SETTINGS_CHECKIN_USAGE = (
    "I couldn't read “{text}” as a day and time. For example: "
    "<code>/settings checkin sunday 18:00</code> or <code>/settings checkin mon 9am</code>."
)

# --- groups (accountability circles) -------------------------------------------------
GROUP_INTRO = (
    "👋 Hi, I'm <b>Comeback</b>. I help job seekers keep going after a “no”.\n\n"
    "Here, members of this group's circle can share wins with you — and only what they "
    "choose: nothing is posted here without the member's own tap. You can cheer with 👏.\n\n"
    "/join — join this group's circle (then share from your private chat with me)"
)
JOIN_DONE = (
    "🤝 You joined the circle of <b>{title}</b>. After /win, tap “Share with {title}” — "
    "nothing is shared unless you choose it."
)
JOIN_ALREADY = "You're already in the circle of <b>{title}</b>."
JOIN_NEEDS_START = (
    "{name}, to join I need to be able to write to you: open a private chat with me and "
    "tap Start. You'll be in the circle right away."
)
BUTTON_OPEN_PRIVATE = "Open Comeback"
JOIN_LINK_INVALID = "That join link isn't valid anymore. Send /join in the group again."
JOIN_NOT_IN_GROUP = "Only members of <b>{title}</b> can join its circle."
JOIN_IN_GROUP_ONLY = "/join, /leave and /digest work inside a group that has added me."
LEAVE_DONE = (
    "👋 You left the circle of <b>{title}</b>. What you shared there stays; "
    "/history lets you unshare it."
)
LEAVE_NOT_MEMBER = "You're not in the circle of <b>{title}</b>."
DIGEST_ADMINS_ONLY = "Only group admins can change the digest."
DIGEST_ON = (
    "🗓 Weekly digest on: <b>{weekday}s at {time}</b> ({zone}). It lists the wins members "
    "shared that week and how many checked in — nothing else.\n"
    "Change it: <code>/digest time sunday 19:00</code> · <code>/digest zone Europe/Berlin</code>"
)
DIGEST_OFF = "Weekly digest off."
DIGEST_STATUS_ON = "Weekly digest: on, <b>{weekday}s at {time}</b> ({zone})."
DIGEST_STATUS_OFF = "Weekly digest: off. An admin can turn it on with /digest on."
DIGEST_USAGE = (
    "Usage: <code>/digest on</code> · <code>/digest off</code> · "
    "<code>/digest time sunday 19:00</code> · <code>/digest zone Europe/Berlin</code>"
)
DIGEST_BAD_TIME = (
    "I couldn't read “{text}” as a day and time. Try <code>/digest time sunday 19:00</code>."
)
DIGEST_BAD_ZONE = (
    "I couldn't find the time zone “{text}”. Try an IANA name like <code>Europe/Berlin</code>."
)
DIGEST_TITLE = "🗓 <b>This week in {title}</b>"
DIGEST_WIN_LINE = "🏆 <b>{name}</b>: {text}"
DIGEST_MORE_WINS = "…and {count} more."
DIGEST_NO_WINS = "No wins shared this week — small ones count too."
DIGEST_CHECKINS = "✅ {count} of {members} members checked in."
SHARE_WIN_POST = "🏆 <b>{name}</b> shares a win:\n{text}"
SHARE_REFRAME_POST = "🔁 <b>{name}</b> made a plan:\n{sentence}"
SHARE_REFRAME_DETAILS = "After a setback ({kind}{where}), <b>{name}</b> made a plan:\n{sentence}"
SHARE_WHERE = " — {where}"
BUTTON_CHEER = "👏 Cheer"
BUTTON_CHEER_COUNT = "👏 Cheer · {count}"
CHEERED = "👏 Cheered!"
UNCHEERED = "Cheer taken back."
CHEER_JOIN_FIRST = "Join the circle first: send /join in this group."
CHEER_OWN = "That's your own post — your circle will cheer it. 🙂"
CHEER_GONE = "This post isn't shared anymore."
CHEER_NOT_YET = "Just posted — tap again in a moment."
CHEER_NOTE_ONE = "👏 {count} {people} cheered your {what}: <i>{text}</i>"
CHEER_NOTE_MANY = "👏 Your circle cheered you on today:"
CHEER_NOTE_LINE = "• {count} {people} — <i>{text}</i>"
CHEER_WHAT = {"win": "win", "reframe": "plan"}
SHARE_ASK = "Share this with a circle? They'd see exactly this:\n\n{preview}"
SHARE_ASK_DETAILS = (
    "With the rejection details, they'd see exactly this:\n\n{preview}\n\n"
    "Rejections stay private unless you choose this."
)
BUTTON_SHARE_WITH = "📣 Share with {title}"
BUTTON_SHARE_DETAILS_WITH = "📣 Share with {title}, with details"
BUTTON_SHARED_IN = "✓ Shared in {title} — unshare"
BUTTON_INCLUDE_DETAILS = "Include the rejection details…"
BUTTON_WITHOUT_DETAILS = "‹ Without the details"
BUTTON_KEEP_PRIVATE = "🔒 Keep private"
BUTTON_SHARE_DONE = "Done"
SHARE_POSTED = "📣 Shared with <b>{title}</b>."
SHARE_KEPT_PRIVATE = "🔒 Kept private."
SHARE_ALREADY = "Already shared there."
SHARE_NOT_FOUND = "I can't find that entry."
SHARE_NOT_MEMBER = "You're not in that circle anymore."
SHARE_FAILED = "I couldn't post to <b>{title}</b>: {reason}"
SHARE_FAILED_REMOVED = "I'm no longer in that group."
SHARE_FAILED_OTHER = "Telegram refused it. Try again later."
UNSHARED = "Removed from <b>{title}</b>."
UNSHARE_GONE = "That share is already gone."
SHARE_PICK = "What would you like to share or unshare?"
SHARE_PICK_EMPTY = "Nothing on this page can be shared: wins and plans can."
BUTTON_HISTORY_SHARE = "📣 Share / unshare…"
HISTORY_SHARED = "   📣 shared in {titles}"
HISTORY_SHARED_PLAN = "   📣 plan shared in {titles}"
SHARE_REMOVED_POST = "(removed by its author)"


# --- operations (storage trouble) --------------------------------------------------------
DB_TROUBLE = (
    "I couldn't save that just now: my storage is having a problem on my side. Nothing you "
    "saved before is affected. Please try again in a few minutes."
)

# --- feedback round, focus, stats, export and delete -----------------------------------
FLOW_NAMES.update(
    {
        "feedback": "feedback round set-up",
        "feedback_give": "feedback",
        "focus": "focus choice",
        "delete": "erase",
    }
)
FEEDBACK_INTRO = (
    "<b>Feedback round</b>\n\n"
    "Ask about 10 people who will be honest with you — even if it isn't glowing — three "
    "short questions. They answer here, in the bot, anonymously: you see the answers, "
    "never who gave them.\n\n"
    "1. What's one thing I can do better to reach my goal?\n"
    "2. Which three adjectives describe me?\n"
    "3. Any other suggestion for me?\n\n"
    "First, your goal in your own words (e.g. <i>land a data analyst role in Berlin</i>), "
    "or skip."
)
FEEDBACK_REPLACES = "\n\n(Starting a new round closes the one that is open now.)"
FEEDBACK_ASK_ASKED = (
    "How many people will you ask? About 10 works well. Tap a number or type one (1–100)."
)
FEEDBACK_BAD_NUMBER = "Please send a number from 1 to 100."
FEEDBACK_OPENED = (
    "Your round is open until <b>{until}</b>. Forward the next message to the people "
    "you chose — or copy this link:\n{link}\n\n"
    "/feedback shows how many have answered, and the results."
)
FEEDBACK_FORWARD = (
    "Hi! I'm working on my job search{goal} and I'd value your honest view — even if it "
    "isn't glowing. Three short questions, about two minutes. It's anonymous: I'll see "
    "the answers, not who gave them.\n\n👉 {link}"
)
FEEDBACK_FORWARD_GOAL = " (my goal: {goal})"
FEEDBACK_STATUS = (
    "<b>Your feedback round</b>, started {started} — {state}\n"
    "Goal: {goal}\n"
    "<b>{answered} of the {asked}</b> people you asked have answered."
)
FEEDBACK_NO_GOAL = "<i>not given</i>"
FEEDBACK_STATE_OPEN = "open until {until}"
FEEDBACK_STATE_CLOSED = "closed"
FEEDBACK_STATE_EXPIRED = "expired"
FEEDBACK_LINK_AGAIN = "\n\nThe link to forward:\n{link}"
FEEDBACK_WAIT_MORE = (
    "\n\nAnswers show once at least {min} people have answered, so no single answer "
    "can be traced back."
)
FEEDBACK_ADJECTIVES = "<b>How people describe you</b>\n{lines}"
FEEDBACK_ADJECTIVE_LINE = "• {word} ×{count}"
FEEDBACK_DO_BETTER = "<b>One thing to do better</b>\n{lines}"
FEEDBACK_OTHER = "<b>Other suggestions</b>\n{lines}"
FEEDBACK_TEXT_LINE = "• {text}"
FEEDBACK_TEXT_LINE_COUNT = "• {text} (×{count})"
FEEDBACK_NUDGE = (
    "What's the top theme you hear? Working on everything at once is overwhelming: "
    "pick <b>one</b> gap and make it your focus."
)
BUTTON_PICK_FOCUS = "🎯 Pick my focus"
BUTTON_CLOSE_ROUND = "🔒 Close this round"
BUTTON_NEW_ROUND = "➕ Start a new round"
FEEDBACK_CLOSED = "🔒 Round closed: the link takes no more answers."
FEEDBACK_ALREADY_CLOSED = "That round is already closed."
FEEDBACK_ROUND_GONE = "That round is no longer there."

GIVE_INTRO = (
    "<b>{name}</b> is asking for your honest feedback.{goal}\n\n"
    "Three short questions; skip any you like. Your answers go to {name} without your "
    "name: they will see what you wrote, never that it was you. (I keep only a one-way "
    "code so that nobody answers twice.)"
)
GIVE_GOAL = "\nTheir goal: <i>{goal}</i>"
BUTTON_GIVE_START = "▶ Start"
BUTTON_GIVE_LATER = "Not now"
GIVE_ASK_BETTER = "1/3 · What's <b>one thing {name} can do better</b> to reach their goal?"
GIVE_ASK_ADJECTIVES = (
    "2/3 · Which <b>three adjectives</b> would you use to describe {name}? "
    "(e.g. <i>curious, reliable, direct</i>)"
)
GIVE_ASK_OTHER = "3/3 · Any <b>other suggestion</b> for {name}?"
GIVE_NO_ADJECTIVES = (
    "I couldn't find adjectives in that. Separate them with commas, e.g. "
    "<i>curious, reliable, direct</i>."
)
GIVE_PREVIEW = (
    "This is what {name} will see — without your name:\n\n"
    "<b>Do better:</b> {do_better}\n"
    "<b>Adjectives:</b> {adjectives}\n"
    "<b>Other:</b> {other}\n\n"
    "Send it?"
)
GIVE_SKIPPED = "<i>(skipped)</i>"
BUTTON_GIVE_SEND = "✓ Send anonymously"
BUTTON_GIVE_REDO = "✎ Start over"
GIVE_THANKS = (
    "Thank you! Your answers went to {name}, anonymously.\n\n"
    "(Looking for a job yourself? /start shows what I do. If not, there's nothing else "
    "to do here.)"
)
GIVE_NOTHING = "You skipped every question, so there's nothing to send. Thanks anyway!"
GIVE_ALREADY = "You've already answered this round — thank you! Everyone answers once."
GIVE_CLOSED = (
    "This feedback round has closed, so your answers can't be added. Thanks for wanting to help!"
)
GIVE_OWN_LINK = (
    "That's your own feedback link: forward it to the people you want to hear from. "
    "/feedback shows the round."
)
GIVE_DECLINED = "No problem. The link keeps working until the round closes."

FOCUS_NONE = "<b>Your focus</b>\nNo focus yet."
FOCUS_CURRENT = "<b>Your focus</b> since {since}:\n🎯 <i>{text}</i>"
FOCUS_HISTORY = "\n\nBefore:\n{lines}"
FOCUS_HISTORY_LINE = "• {text} ({start} – {end})"
FOCUS_ASK = (
    "\n\nWhat's the <b>one</b> gap to work on now? It's easy to get overwhelmed working on "
    "several things: pick one."
)
FOCUS_ASK_THEMES = "\nTap a theme from your feedback, or type your own in a few words."
FOCUS_ASK_TYPE = (
    "\nType it in a few words (e.g. <i>tell my story in 60 seconds</i>). /feedback helps "
    "you find it."
)
BUTTON_KEEP_FOCUS = "Keep my focus"
FOCUS_SET = (
    "🎯 Your focus now: <b>{text}</b>\n\n"
    "It shows in every weekly check-in. What will help you close this gap — a skill to "
    "build, a habit to start or stop? /reframe turns it into a step."
)
FOCUS_KEPT = "Your focus stays as it is."

STATS_EMPTY = "Nothing to count yet. /rejection or /win gets you started."
STATS_TEXT = (
    "<b>Your numbers</b> — all time (last 12 weeks)\n\n"
    "😞 Rejections: {rejections}\n{kinds}"
    "🔁 Reframes: {reframes}\n"
    "✅ Plans done: {done} · dropped: {dropped}\n"
    "🏆 Wins: {wins}\n"
    "🗓 Check-ins: {checkins} · streak: {streak}\n\n"
    "{drop}"
)
STATS_KIND_LINE = "   · {label}: {count}\n"
STATS_PAIR = "{total} ({recent})"
STATS_WEEKS = {1: "1 week"}
STATS_WEEKS_MANY = "{n} weeks"
STATS_DROP = (
    "💪 After a reframe, a rejection felt <b>{drop} points lighter</b> on average "
    "({count} reframed, 1–5 scale)."
)
STATS_DROP_NONE = "💪 Reframe a rejection (/reframe) to see how much lighter it feels after."
STATS_CHART_TITLE = "Your last 12 weeks"
STATS_CHART_CAPTION = "Weeks start on Monday, {zone} time."
STATS_SERIES = {
    "rejections": "Rejections",
    "reframes": "Reframes",
    "plans_done": "Plans done",
    "plans_dropped": "Plans dropped",
    "wins": "Wins",
}

EXPORT_CAPTION = (
    "Everything I hold about you: {rows} rows from {tables} tables, as JSON plus one CSV "
    "per table. Times are UTC."
)
EXPORT_EMPTY = "I hold nothing about you beyond this chat."

DELETE_CONFIRM = (
    "⚠️ <b>Erase everything?</b>\n\n"
    "This erases everything I hold about you — rejections, plans, wins, check-ins, "
    "feedback rounds and their answers, your focus, your settings — including your shares "
    "in groups (those messages are deleted too). <b>It cannot be undone.</b>\n\n"
    "Feedback you gave to others stays, anonymous and not linked to you.\n"
    "Want a copy first? /export"
)
BUTTON_DELETE_YES = "Yes, erase everything"
BUTTON_DELETE_NO = "No, keep my data"
DELETE_KEPT = "Nothing was erased."
DELETE_WORKING = "Erasing…"
DELETE_BUSY = "Already erasing — one moment."
DELETE_DONE = (
    "Done: everything about you is erased{groups}. If you write to me again, I'll start "
    "fresh. Good luck out there."
)
DELETE_DONE_GROUPS = ", and {count} group message(s) were removed"
