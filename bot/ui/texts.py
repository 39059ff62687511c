"""Every user-facing string, in one place, in English: the source of every translation.

Constants are marked with ``N_()`` and read in the active language when used
(``texts.ASK_KIND`` is translated at each read; see bot/ui/i18n.py), so always write
``texts.NAME``, never ``from bot.ui.texts import NAME``. Texts that hold a count are functions
that call ``ngettext`` with the whole sentence in both forms. After adding or changing a text,
run ``make catalog`` (tests/ui/test_catalog.py fails, naming the text, until you do).

Strings are HTML for ``parse_mode=HTML``: anything a user typed is passed through
``html.escape`` before it is put into one of these templates (see ``esc``). Placeholders are
``{name}`` (str.format); a comment starting ``TRANSLATORS:`` right above a text reaches the
translators.
"""

from __future__ import annotations

import html

from babel.numbers import format_decimal

from bot.domain.plans import clean_if, clean_then
from bot.ui.i18n import N_, _, current, ngettext, translate_module

translate_module(__name__)

PRIVATE_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Start, or show the menu")),
    ("rejection", N_("Log a rejection")),
    ("reframe", N_("Turn it into an if-then plan")),
    ("win", N_("Log a win")),
    ("plans", N_("Your open plans")),
    ("applied", N_("Log an application in one line")),
    ("applications", N_("Your open applications")),
    ("checkin", N_("Run the weekly check-in now")),
    ("history", N_("What you have logged")),
    ("stats", N_("Your numbers")),
    ("feedback", N_("Ask people for honest feedback")),
    ("focus", N_("The one gap you work on")),
    ("settings", N_("Time zone, check-in time, pause")),
    ("export", N_("Download everything I hold about you")),
    ("delete", N_("Erase everything about you")),
    ("privacy", N_("What I keep, who sees it, for how long")),
    ("help", N_("What I can do")),
    ("cancel", N_("Leave what you are doing")),
)
GROUP_COMMANDS: tuple[tuple[str, str], ...] = (
    ("join", N_("Join this group's circle")),
    ("leave", N_("Leave this group's circle")),
    ("digest", N_("Weekly digest on or off (admins)")),
    ("language", N_("The language of my posts here (admins)")),
    ("help", N_("What I do here")),
)


def esc(text: str) -> str:
    """User text made safe for HTML parse mode."""
    return html.escape(text, quote=False)


# --- general -------------------------------------------------------------------------
ERROR_SORRY = N_(
    "Sorry, something went wrong on my side. What you already saved is safe. "
    "Try again, or send /cancel to start over."
)
NOTHING_TO_CANCEL = N_("There's nothing to cancel. Here's the menu.")
EXPIRED = N_("This button has expired.")
EXPIRED_WITH_MENU = N_("That button belongs to something that's finished. Here's the menu.")
FEEDBACK_LINK_EXPIRED = N_(
    "This feedback link has expired or isn't active. Thanks for wanting to help!"
)


def too_long(length: int, limit: int) -> str:
    """A typed text over the limit: how long it is, and the limit."""
    return ngettext(
        "That's {length} character; the limit here is {limit}. Please shorten it and send again.",
        "That's {length} characters; the limit here is {limit}. Please shorten it and send again.",
        length,
    ).format(length=length, limit=limit)


FINISH_FIRST = N_("You're in the middle of the {flow}: finish it, or /cancel first.")
EXPECTED_BUTTON = N_("Please tap one of the buttons above (or /cancel to leave).")
BUTTON_CANCEL = N_("✖ Cancel")
BUTTON_SKIP = N_("Skip ›")

HELP = N_(
    "<b>Comeback</b> helps you turn a “no” into your next step.\n\n"
    "/rejection — log a rejection (a minute, mostly buttons)\n"
    "/reframe — turn it into an “If I do ___, then ___” plan\n"
    "/win — log something that went well (/win &lt;text&gt; logs it at once)\n"
    "/plans — your open plans: done, not yet, or drop\n"
    "/applied — log an application in one line (/applied Globex, data analyst)\n"
    "/applications — your open applications: move them on, edit, import a CSV\n"
    "/checkin — the weekly check-in, now\n"
    "/history — what you've logged, newest first\n"
    "/stats — your numbers and a chart\n"
    "/feedback — ask people for honest feedback, anonymously\n"
    "/focus — the one gap you're working on\n"
    "/settings — time zone, check-in day and time, pause\n"
    "/export — a file with everything I hold about you\n"
    "/delete — erase everything about you\n"
    "/privacy — what I keep, who sees it, for how long\n"
    "/cancel — leave what you're doing\n"
    "/start — the menu · /help — this list\n\n"
    "In a group: /join, /leave, /digest on|off."
)
GROUP_HELP = N_(
    "I'm Comeback: I help job seekers keep going after a “no”. In this group, members can "
    "share wins they choose to share — nothing is posted without their tap.\n\n"
    "/join — join this group's circle\n/leave — leave it\n/digest on|off — weekly digest (admins)\n"
    "/language es — the language of my posts here (admins)"
)

# --- onboarding ----------------------------------------------------------------------
WELCOME = N_(
    "Hi {name}! I'm <b>Comeback</b>. When a job search hands you a “no”, I help you log it "
    "in under a minute, turn it into an “If I do ___, then ___” plan, and check in with you "
    "once a week.\n\n"
    "Everything you tell me stays on this bot's server. /delete erases it all, any time; "
    "/privacy says what I keep, who sees it and for how long."
)
ASK_TIMEZONE = N_(
    "First, your time zone, so check-ins arrive at your hour. Tap one, type your city "
    "(e.g. <i>Berlin</i>) or an offset (<i>UTC+2</i>), or share your location."
)
LOCATION_HINT = N_("Or share your location with the button below (only the time zone is kept).")
BUTTON_SHARE_LOCATION = N_("📍 Share my location")
TZ_CONFIRM = N_("It's <b>{time}</b> on <b>{weekday}</b> for you — {label}. Right?")
TZ_YES = N_("✓ Yes")
TZ_NO = N_("No, pick again")
TZ_CANDIDATES = N_("Did you mean one of these? Or type another city.")
TZ_UNKNOWN = N_(
    "I couldn't find “{text}”. Try a bigger city nearby, an IANA name like "
    "<i>Europe/Berlin</i>, or an offset like <i>UTC+2</i>."
)
TZ_LOCATION_UNKNOWN = N_("I couldn't tell the time zone from that location. Please type your city.")
TZ_SAVED = N_("Time zone set: {label}.")
ASK_CHECKIN = N_(
    "Once a week I'll check in: what worked, what didn't, what you're proud of. "
    "<b>Sunday 18:00</b> suits most people. Keep it, or pick another day?"
)
CHECKIN_KEEP = N_("✓ Sunday 18:00")
CHECKIN_OTHER = N_("Another day")
ASK_CHECKIN_DAY = N_("Which day?")
ASK_CHECKIN_HOUR = N_("What time on {weekday}?")
ONBOARDED = N_(
    "All set. Your first check-in: <b>{when}</b>.\n\n"
    "Had a “no” recently? Log it now — it takes under a minute."
)
MENU = N_("What would you like to do?")
MENU_BUTTONS: tuple[tuple[str, str], ...] = (
    (N_("😞 Log a rejection"), "rejection"),
    (N_("🔁 Reframe"), "reframe"),
    (N_("🏆 Log a win"), "win"),
    (N_("📋 My plans"), "plans"),
    (N_("🗓 Check-in"), "checkin"),
    (N_("❓ Help"), "help"),
)

# --- rejection -----------------------------------------------------------------------
REJECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("meeting", N_("Meeting request ignored")),
    ("application", N_("No response to an application")),
    ("recruiter", N_("Recruiter didn't follow up")),
    ("interview", N_("No offer after an interview")),
    ("other", N_("Something else")),
)
REJECTION_KIND_LABEL = dict(REJECTION_KINDS)
ASK_KIND = N_("Sorry you got a “no”. Let's log it and move on. What happened?")
ASK_OTHER = N_("In a few words, what happened?")
ASK_WHERE = N_("Where was it? Company and/or role (or skip).")
ASK_HURT = N_("How hard did it land? 1 = shrugged it off, 5 = gut punch.")
ASK_CONTROL = N_("What was in your control — anything you'd do differently next time? (or skip)")
REJECTION_SAVED = N_(
    "Logged. That took courage.\n\n"
    "Here's a healthier way to see it: a “no” from one person is not the final word — "
    "another person's “yes” is still out there, and every attempt brings you closer to it.\n\n"
    "Want to turn this into a small next step?"
)
BUTTON_REFRAME_NOW = N_("🔁 Reframe it now")
BUTTON_NOT_NOW = N_("Not now")
RESUME_DRAFT = N_("You have an unfinished {flow} from before. Continue where you left off?")
BUTTON_CONTINUE = N_("Continue")
BUTTON_START_OVER = N_("Start over")
FLOW_NAMES = {
    # TRANSLATORS: this and the next ones name a flow, in "You're in the middle of the {flow}".
    "rejection": N_("rejection log"),
    "reframe": N_("reframe"),
    "win": N_("win"),
    "onboarding": N_("set-up"),
    "checkin": N_("weekly check-in"),
    "settings": N_("settings"),
    "feedback": N_("feedback round set-up"),
    "feedback_give": N_("feedback"),
    "focus": N_("focus choice"),
    "delete": N_("erase"),
    "applied": N_("application log"),
    "app_edit": N_("application edit"),
    "entry_edit": N_("entry fix"),
    "loop": N_("next step"),
}
CANCELLED_DRAFT = N_(
    "Left the {flow}. What you typed so far is kept: send /{command} to pick it up again."
)
CANCELLED = N_("Left the {flow}. Nothing was saved.")

# --- reframe -------------------------------------------------------------------------
ASK_IF = N_(
    "Let's find one small step. Fill in the first blank:\n\n"
    "<b>If I do …</b>\n\n(for example: <i>message two former colleagues this week</i>)"
)
ASK_THEN = N_("And the second blank:\n\n<i>If I {if_do}</i>, <b>then … will happen?</b>")
PLAN_SENTENCE = N_("If I {if_do}, then {then}.")


def plan_sentence(if_do: str, then_happens: str) -> str:
    """The plan in the current language, plain text (escape it before HTML):
    "If I <do>, then <happens>.", without what the person typed twice ("If I", "then")."""
    return _(PLAN_SENTENCE).format(if_do=clean_if(if_do), then=clean_then(then_happens))


SHOW_PLAN = N_("Your plan:\n\n<b>{sentence}</b>\n\nWhen will you do it?")
WHEN_BUTTONS: tuple[tuple[str, str], ...] = (
    (N_("Today"), "today"),
    (N_("Tomorrow"), "tomorrow"),
    (N_("This week"), "week"),
    (N_("Pick a day"), "pick"),
)
ASK_PICK_DAY = N_("Which day?")
PLAN_SAVED = N_("Saved. I'll ask you <b>{when}</b> whether you did it.")
ASK_HURT_AFTER = N_("Now that you have a plan: how hard does that rejection feel now? (1–5)")
HURT_DROP = N_("It went from {before} to {after}. That's the reframe working.")
HURT_SAME = N_("It's still {after} out of 5 — that's okay. Taking the step is what counts.")

# --- plans ---------------------------------------------------------------------------
NO_PLANS = N_("No open plans. /reframe turns a “no” into one.")
PLANS_HEADER = N_("Your open plans ({count}):")
PLAN_LINE = N_("<b>{sentence}</b>\nFollow-up: {when}")
PLAN_NO_DATE = N_("no date")
BUTTON_DONE = N_("✅ Done")
BUTTON_NOT_YET = N_("⏳ Not yet")
BUTTON_DROP = N_("✖ Drop")
PLAN_DONE = N_("✅ Done: <b>{sentence}</b>\nWell done — that's a step forward.")
PLAN_DROPPED = N_("✖ Dropped: {sentence}")
PLAN_RESCHEDULED = N_("⏳ {sentence}\nNew follow-up: <b>{when}</b>")
PLAN_ASK_NEW_DAY = N_("⏳ {sentence}\n\nWhen will you do it?")
PLAN_GONE = N_("That plan is already closed.")
PLAN_FOLLOW_UP = N_("Did you do it?\n\n<b>{sentence}</b>")

# --- wins ----------------------------------------------------------------------------
ASK_WIN = N_("What went well? Big or small — it counts.")
WIN_SAVED = N_("🏆 Logged: <i>{text}</i>\nIt's not bragging; it's keeping score of your progress.")

# --- history -------------------------------------------------------------------------
HISTORY_EMPTY = N_("Nothing logged yet. /rejection or /win gets you started.")
HISTORY_HEADER = N_("Your history (newest first), {first}–{last} of {total}:")
# TRANSLATORS: {after} is empty or " → 2/5" (how it felt after a reframe).
HISTORY_REJECTION = N_("😞 {date} — {kind} · hurt {hurt}/5{after}")
# TRANSLATORS: {where} is the company or role the person typed.
HISTORY_REJECTION_AT = N_("😞 {date} — {kind} at {where} · hurt {hurt}/5{after}")
HISTORY_REJECTION_PLAN = N_("   ↳ 🔁 {sentence} [{status}]")


def history_more_plans(count: int) -> str:
    # TRANSLATORS: under a rejection in /history: how many more of its plans are not shown.
    return ngettext("   ↳ …and {count} more", "   ↳ …and {count} more", count).format(count=count)


HISTORY_PLAN = N_("🔁 {date} — {sentence} [{status}]")
HISTORY_WIN = N_("🏆 {date} — {text}")
BUTTON_PREV = N_("‹ Newer")
BUTTON_NEXT = N_("Older ›")
PLAN_STATUS = {
    # TRANSLATORS: this and the next two are a plan's status, shown as "[open]" after it.
    "open": N_("open"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}

# --- safety --------------------------------------------------------------------------
# TRANSLATORS: the reply when a message suggests a crisis (see SAFETY.md): the helpline
# comes first; calm, warm, few words, nothing cheerful.
SAFETY = N_(
    "{helpline}\n\n"
    "I'm really sorry you're feeling this way. You don't have to carry it alone: please "
    "reach out to one of them, or to someone you trust, now.\n\n"
    "When you're ready, I'm here."
)

# --- weekly check-in -------------------------------------------------------------------
CHECKIN_DUE = N_(
    "🗓 Time for your weekly check-in: what worked, what didn't, and what you're proud of. "
    "About two minutes."
)
CHECKIN_DUE_LATE = N_(
    "🗓 Sorry, this one is late — your check-in was due <b>{when}</b>, and I couldn't "
    "reach you then. Still a good moment to look back at your week?"
)
BUTTON_START_CHECKIN = N_("▶ Start check-in")
CHECKIN_SUMMARY = N_(
    "<b>Your week</b> ({first} – {last})\n\n"
    "😞 Rejections logged: {rejections}\n"
    "🔁 Reframes made: {reframes}\n"
    "✅ Plans done: {plans_done} · open: {plans_open}\n"
    "🏆 Wins: {wins}"
)
CHECKIN_FOCUS = N_("\n🎯 Your focus: <i>{focus}</i>")


def checkin_chart_title(weeks: int) -> str:
    return ngettext("Your last {weeks} week", "Your last {weeks} weeks", weeks).format(weeks=weeks)


CHECKIN_SERIES = {
    "rejections": N_("Rejections"),
    "reframes": N_("Reframes"),
    "plans_done": N_("Plans done"),
    "wins": N_("Wins"),
}
CHECKIN_RESUME = N_("You started this week's check-in earlier. Continue where you left off?")
CHECKIN_EARLIER = N_(
    "\n\n(Earlier this week you wrote: <i>{text}</i>. Type to replace it, or skip.)"
)
ASK_WORKED = N_("What worked well this week?")
ASK_DIDNT = N_("What didn't work?")
ASK_SUCCESSES = N_(
    "Note your successes — it's not bragging, it's keeping score. Send each one as a "
    "message (several are fine), then tap Done."
)
SUCCESS_SAVED = N_("🏆 Noted: <i>{text}</i>")
BUTTON_SUCCESSES_DONE = N_("Done ›")
CHECKIN_PLANS = N_("Plans due this week — one tap each:")
BUTTON_PLANS_NEXT = N_("Next ›")
CHECKIN_PLANS_NEXT = N_("When you're through the plans above, tap Next.")
ASK_PEOPLE = N_(
    "Time with people who lift your spirits helps. Who will you call or meet this week?"
)


def checkin_done_streak(weeks: int) -> str:
    """For a streak of two weeks or more (the first week has CHECKIN_DONE_FIRST)."""
    return ngettext(
        "✅ Check-in saved. That's <b>{weeks} week in a row</b> — keep it going!",
        "✅ Check-in saved. That's <b>{weeks} weeks in a row</b> — keep it going!",
        weeks,
    ).format(weeks=weeks)


CHECKIN_DONE_FIRST = N_("✅ Check-in saved. That's <b>1 week</b> — the first of a streak.")
CHECKIN_NEXT = N_("Next check-in: <b>{when}</b>.")
CHECKIN_PAUSED_NOTE = N_("Check-ins are paused; /settings resume turns them back on.")

# --- settings --------------------------------------------------------------------------
# TRANSLATORS: "{weekday}s at {time}" is "every Sunday at 18:00" ({weekday} is a day name).
SETTINGS_SHOW = N_(
    "<b>Settings</b>\n\n"
    "🌍 Time zone: {zone} (it's {local} there now)\n"
    "🗓 Check-in: {weekday}s at {time}\n"
    "{status}"
)
SETTINGS_NEXT = N_("⏭ Next check-in: <b>{when}</b>")
SETTINGS_PAUSED = N_("⏸ Check-ins are <b>paused</b>")
BUTTON_SET_TZ = N_("🌍 Time zone")
BUTTON_SET_DAY = N_("🗓 Day")
BUTTON_SET_TIME = N_("🕐 Time")
BUTTON_PAUSE = N_("⏸ Pause check-ins")
BUTTON_RESUME = N_("▶ Resume check-ins")
SETTINGS_ASK_TZ = N_(
    "Your time zone: tap one, type your city (e.g. <i>Berlin</i>), an IANA name "
    "(<i>Europe/Berlin</i>) or an offset (<i>UTC+2</i>), or share your location."
)
SETTINGS_ASK_DAY = N_("Which day should the check-in come?")
SETTINGS_ASK_TIME = N_(
    "What time on {weekday}? Tap one, or type a time like <i>18:30</i> or <i>7pm</i>."
)
SETTINGS_BAD_TIME = N_(
    "I couldn't read “{text}” as a time. Try <i>18:30</i>, <i>9</i> or <i>7pm</i>."
)
SETTINGS_TZ_SAVED = N_("🌍 Time zone set: {label} (it's {local} there now).")
# TRANSLATORS: "{weekday}s at {time}" is "every Sunday at 18:00" ({weekday} is a day name).
SETTINGS_SCHEDULE_SAVED = N_("🗓 Check-ins: {weekday}s at {time}.")
SETTINGS_PAUSED_NOW = N_(
    "⏸ Check-ins paused. Your streak is safe: paused weeks don't break it. "
    "/settings resume when you're ready."
)
SETTINGS_ALREADY_PAUSED = N_("Check-ins are already paused. /settings resume turns them back on.")
SETTINGS_RESUMED = N_("▶ Check-ins are back on.")
SETTINGS_NOT_PAUSED = N_("Check-ins aren't paused.")
SETTINGS_USAGE = N_(
    "I didn't understand that. You can type:\n"
    "/settings — see and change everything with buttons\n"
    "/settings timezone Europe/Berlin\n"
    "/settings checkin sunday 18:00\n"
    "/settings pause · /settings resume"
)
SETTINGS_TZ_USAGE = N_(
    "Which time zone? For example: <code>/settings timezone Europe/Berlin</code> "
    "(a city or <i>UTC+2</i> works too)."
)
SETTINGS_CHECKIN_USAGE = N_(
    "I couldn't read “{text}” as a day and time. For example: "
    "<code>/settings checkin sunday 18:00</code> or <code>/settings checkin mon 9am</code>."
)

# --- groups (accountability circles) -------------------------------------------------
GROUP_INTRO = N_(
    "👋 Hi, I'm <b>Comeback</b>. I help job seekers keep going after a “no”.\n\n"
    "Here, members of this group's circle can share wins with you — and only what they "
    "choose: nothing is posted here without the member's own tap. You can cheer with 👏.\n\n"
    "/join — join this group's circle (then share from your private chat with me)"
)
JOIN_DONE = N_(
    "🤝 You joined the circle of <b>{title}</b>. After /win, tap “Share with {title}” — "
    "nothing is shared unless you choose it."
)
JOIN_ALREADY = N_("You're already in the circle of <b>{title}</b>.")
JOIN_NEEDS_START = N_(
    "{name}, to join I need to be able to write to you: open a private chat with me and "
    "tap Start. You'll be in the circle right away."
)
BUTTON_OPEN_PRIVATE = N_("Open Comeback")
JOIN_LINK_INVALID = N_("That join link isn't valid anymore. Send /join in the group again.")
JOIN_NOT_IN_GROUP = N_("Only members of <b>{title}</b> can join its circle.")
JOIN_IN_GROUP_ONLY = N_("/join, /leave and /digest work inside a group that has added me.")
LEAVE_DONE = N_(
    "👋 You left the circle of <b>{title}</b>. What you shared there stays; "
    "/history lets you unshare it."
)
LEAVE_NOT_MEMBER = N_("You're not in the circle of <b>{title}</b>.")
DIGEST_ADMINS_ONLY = N_("Only group admins can change the digest.")
# TRANSLATORS: "{weekday}s at {time}" is "every Sunday at 18:00" ({weekday} is a day name).
DIGEST_ON = N_(
    "🗓 Weekly digest on: <b>{weekday}s at {time}</b> ({zone}). It lists the wins members "
    "shared that week and how many checked in — nothing else.\n"
    "Change it: <code>/digest time sunday 19:00</code> · <code>/digest zone Europe/Berlin</code>"
)
DIGEST_OFF = N_("Weekly digest off.")
# TRANSLATORS: "{weekday}s at {time}" is "every Sunday at 18:00" ({weekday} is a day name).
DIGEST_STATUS_ON = N_("Weekly digest: on, <b>{weekday}s at {time}</b> ({zone}).")
DIGEST_STATUS_OFF = N_("Weekly digest: off. An admin can turn it on with /digest on.")
DIGEST_USAGE = N_(
    "Usage: <code>/digest on</code> · <code>/digest off</code> · "
    "<code>/digest time sunday 19:00</code> · <code>/digest zone Europe/Berlin</code>"
)
DIGEST_BAD_TIME = N_(
    "I couldn't read “{text}” as a day and time. Try <code>/digest time sunday 19:00</code>."
)
DIGEST_BAD_ZONE = N_(
    "I couldn't find the time zone “{text}”. Try an IANA name like <code>Europe/Berlin</code>."
)
DIGEST_TITLE = N_("🗓 <b>This week in {title}</b>")
DIGEST_WIN_LINE = N_("🏆 <b>{name}</b>: {text}")


def digest_more_wins(count: int) -> str:
    # TRANSLATORS: at the end of the weekly digest: how many more shared wins are not shown.
    return ngettext("…and {count} more.", "…and {count} more.", count).format(count=count)


DIGEST_NO_WINS = N_("No wins shared this week — small ones count too.")


def digest_checkins(count: int, members: int) -> str:
    return ngettext(
        "✅ {count} of {members} member checked in.",
        "✅ {count} of {members} members checked in.",
        members,
    ).format(count=count, members=members)


SHARE_WIN_POST = N_("🏆 <b>{name}</b> shares a win:\n{text}")
SHARE_REFRAME_POST = N_("🔁 <b>{name}</b> made a plan:\n{sentence}")
SHARE_REFRAME_DETAILS = N_("After a setback ({kind}), <b>{name}</b> made a plan:\n{sentence}")
# TRANSLATORS: {kind} is a kind of rejection, {where} the company or role the person typed.
SHARE_REFRAME_DETAILS_WHERE = N_(
    "After a setback ({kind} — {where}), <b>{name}</b> made a plan:\n{sentence}"
)
BUTTON_CHEER = N_("👏 Cheer")
BUTTON_CHEER_COUNT = N_("👏 Cheer · {count}")
CHEERED = N_("👏 Cheered!")
UNCHEERED = N_("Cheer taken back.")
CHEER_JOIN_FIRST = N_("Join the circle first: send /join in this group.")
CHEER_OWN = N_("That's your own post — your circle will cheer it. 🙂")
CHEER_GONE = N_("This post isn't shared anymore.")
CHEER_NOT_YET = N_("Just posted — tap again in a moment.")
SHARE_ASK = N_("Share this with a circle? They'd see exactly this:\n\n{preview}")
SHARE_ASK_DETAILS = N_(
    "With the rejection details, they'd see exactly this:\n\n{preview}\n\n"
    "Rejections stay private unless you choose this."
)
BUTTON_SHARE_WITH = N_("📣 Share with {title}")
BUTTON_SHARE_DETAILS_WITH = N_("📣 Share with {title}, with details")
BUTTON_SHARED_IN = N_("✓ Shared in {title} — unshare")
BUTTON_INCLUDE_DETAILS = N_("Include the rejection details…")
BUTTON_WITHOUT_DETAILS = N_("‹ Without the details")
BUTTON_KEEP_PRIVATE = N_("🔒 Keep private")
BUTTON_SHARE_DONE = N_("Done")
SHARE_POSTED = N_("📣 Shared with <b>{title}</b>.")
SHARE_KEPT_PRIVATE = N_("🔒 Kept private.")
SHARE_ALREADY = N_("Already shared there.")
SHARE_NOT_FOUND = N_("I can't find that entry.")
SHARE_NOT_MEMBER = N_("You're not in that circle anymore.")
SHARE_FAILED = N_("I couldn't post to <b>{title}</b>: {reason}")
SHARE_FAILED_REMOVED = N_("I'm no longer in that group.")
SHARE_FAILED_OTHER = N_("Telegram refused it. Try again later.")
UNSHARED = N_("Removed from <b>{title}</b>.")
UNSHARE_GONE = N_("That share is already gone.")
SHARE_PICK = N_("What would you like to share or unshare?")
SHARE_PICK_EMPTY = N_("Nothing on this page can be shared: wins and plans can.")
BUTTON_HISTORY_SHARE = N_("📣 Share / unshare…")
HISTORY_SHARED = N_("   📣 shared in {titles}")
HISTORY_SHARED_PLAN = N_("   📣 plan shared in {titles}")
SHARE_REMOVED_POST = N_("(removed by its author)")


# --- operations (storage trouble) --------------------------------------------------------
DB_TROUBLE = N_(
    "I couldn't save that just now: my storage is having a problem on my side. Nothing you "
    "saved before is affected. Please try again in a few minutes."
)

# --- feedback round, focus, stats, export and delete -----------------------------------
FEEDBACK_INTRO = N_(
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
FEEDBACK_REPLACES = N_("\n\n(Starting a new round closes the one that is open now.)")
FEEDBACK_ASK_ASKED = N_(
    "How many people will you ask? About 10 works well. Tap a number or type one (1–100)."
)
FEEDBACK_BAD_NUMBER = N_("Please send a number from 1 to 100.")
FEEDBACK_OPENED = N_(
    "Your round is open until <b>{until}</b>. Forward the next message to the people "
    "you chose — or copy this link:\n{link}\n\n"
    "/feedback shows how many have answered, and the results."
)
# TRANSLATORS: the message a person forwards to the people they ask for feedback.
FEEDBACK_FORWARD = N_(
    "Hi! I'm working on my job search and I'd value your honest view — even if it "
    "isn't glowing. Three short questions, about two minutes. It's anonymous: I'll see "
    "the answers, not who gave them.\n\n👉 {link}"
)
# TRANSLATORS: the same message, when the person gave their goal ({goal}, as they typed it).
FEEDBACK_FORWARD_WITH_GOAL = N_(
    "Hi! I'm working on my job search (my goal: {goal}) and I'd value your honest view — "
    "even if it isn't glowing. Three short questions, about two minutes. It's anonymous: "
    "I'll see the answers, not who gave them.\n\n👉 {link}"
)


def feedback_status(started: str, state: str, goal: str, answered: int, asked: int) -> str:
    """The head of /feedback: when the round started, its state, the goal, the answers."""
    head = _(FEEDBACK_STATUS_HEAD).format(started=started, state=state, goal=goal)
    return f"{head}\n{feedback_answered(answered, asked)}"


# TRANSLATORS: {state} is "open until …", "closed" or "expired".
FEEDBACK_STATUS_HEAD = N_("<b>Your feedback round</b>, started {started} — {state}\nGoal: {goal}")


FEEDBACK_NO_GOAL = N_("<i>not given</i>")
FEEDBACK_STATE_OPEN = N_("open until {until}")
FEEDBACK_STATE_CLOSED = N_("closed")
FEEDBACK_STATE_EXPIRED = N_("expired")
FEEDBACK_LINK_AGAIN = N_("\n\nThe link to forward:\n{link}")


def feedback_wait_more(count: int) -> str:
    """Why no answers are shown yet: fewer than ``count`` people have answered."""
    return ngettext(
        "\n\nAnswers show once at least {count} person has answered, so no single answer "
        "can be traced back.",
        "\n\nAnswers show once at least {count} people have answered, so no single answer "
        "can be traced back.",
        count,
    ).format(count=count)


FEEDBACK_ADJECTIVES = N_("<b>How people describe you</b>\n{lines}")
FEEDBACK_ADJECTIVE_LINE = N_("• {word} ×{count}")
FEEDBACK_DO_BETTER = N_("<b>One thing to do better</b>\n{lines}")
FEEDBACK_OTHER = N_("<b>Other suggestions</b>\n{lines}")
FEEDBACK_TEXT_LINE = N_("• {text}")
FEEDBACK_TEXT_LINE_COUNT = N_("• {text} (×{count})")
FEEDBACK_NUDGE = N_(
    "What's the top theme you hear? Working on everything at once is overwhelming: "
    "pick <b>one</b> gap and make it your focus."
)
BUTTON_PICK_FOCUS = N_("🎯 Pick my focus")
BUTTON_CLOSE_ROUND = N_("🔒 Close this round")
BUTTON_NEW_ROUND = N_("➕ Start a new round")
FEEDBACK_CLOSED = N_("🔒 Round closed: the link takes no more answers.")
FEEDBACK_ALREADY_CLOSED = N_("That round is already closed.")
FEEDBACK_ROUND_GONE = N_("That round is no longer there.")

GIVE_INTRO = N_(
    "<b>{name}</b> is asking for your honest feedback.{goal}\n\n"
    "Three short questions; skip any you like. Your answers go to {name} without your "
    "name: they will see what you wrote, never that it was you. (I keep only a one-way "
    "code so that nobody answers twice.)"
)
GIVE_GOAL = N_("\nTheir goal: <i>{goal}</i>")
BUTTON_GIVE_START = N_("▶ Start")
BUTTON_GIVE_LATER = N_("Not now")
GIVE_ASK_BETTER = N_("1/3 · What's <b>one thing {name} can do better</b> to reach their goal?")
GIVE_ASK_ADJECTIVES = N_(
    "2/3 · Which <b>three adjectives</b> would you use to describe {name}? "
    "(e.g. <i>curious, reliable, direct</i>)"
)
GIVE_ASK_OTHER = N_("3/3 · Any <b>other suggestion</b> for {name}?")
GIVE_NO_ADJECTIVES = N_(
    "I couldn't find adjectives in that. Separate them with commas, e.g. "
    "<i>curious, reliable, direct</i>."
)
GIVE_PREVIEW = N_(
    "This is what {name} will see — without your name:\n\n"
    "<b>Do better:</b> {do_better}\n"
    "<b>Adjectives:</b> {adjectives}\n"
    "<b>Other:</b> {other}\n\n"
    "Send it?"
)
GIVE_SKIPPED = N_("<i>(skipped)</i>")
BUTTON_GIVE_SEND = N_("✓ Send anonymously")
BUTTON_GIVE_REDO = N_("✎ Start over")
GIVE_THANKS = N_(
    "Thank you! Your answers went to {name}, anonymously.\n\n"
    "(Looking for a job yourself? /start shows what I do. If not, there's nothing else "
    "to do here.)"
)
GIVE_NOTHING = N_("You skipped every question, so there's nothing to send. Thanks anyway!")
GIVE_ALREADY = N_("You've already answered this round — thank you! Everyone answers once.")
GIVE_CLOSED = N_(
    "This feedback round has closed, so your answers can't be added. Thanks for wanting to help!"
)
GIVE_OWN_LINK = N_(
    "That's your own feedback link: forward it to the people you want to hear from. "
    "/feedback shows the round."
)
GIVE_DECLINED = N_("No problem. The link keeps working until the round closes.")

FOCUS_NONE = N_("<b>Your focus</b>\nNo focus yet.")
FOCUS_CURRENT = N_("<b>Your focus</b> since {since}:\n🎯 <i>{text}</i>")
FOCUS_HISTORY = N_("\n\nBefore:\n{lines}")
FOCUS_HISTORY_LINE = N_("• {text} ({start} – {end})")
FOCUS_ASK = N_(
    "\n\nWhat's the <b>one</b> gap to work on now? It's easy to get overwhelmed working on "
    "several things: pick one."
)
FOCUS_ASK_THEMES = N_("\nTap a theme from your feedback, or type your own in a few words.")
FOCUS_ASK_TYPE = N_(
    "\nType it in a few words (e.g. <i>tell my story in 60 seconds</i>). /feedback helps "
    "you find it."
)
BUTTON_KEEP_FOCUS = N_("Keep my focus")
FOCUS_SET = N_(
    "🎯 Your focus now: <b>{text}</b>\n\n"
    "It shows in every weekly check-in. What will help you close this gap — a skill to "
    "build, a habit to start or stop? /reframe turns it into a step."
)
FOCUS_KEPT = N_("Your focus stays as it is.")

STATS_EMPTY = N_("Nothing to count yet. /rejection or /win gets you started.")
STATS_KIND_LINE = N_("   · {label}: {count}\n")


def stats_weeks(n: int) -> str:
    """A streak's length, for "Check-in streak: {streak}"."""
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


def stats_drop(drop: float, count: int) -> str:
    """How much lighter rejections felt after a reframe (``drop`` points on the 1–5 scale,
    shown with one decimal), over ``count`` reframed rejections."""
    # TRANSLATORS: {drop} is a number with one decimal ("1.5"); the form follows {count}.
    return ngettext(
        "💪 After a reframe, a rejection felt <b>{drop} points lighter</b> on average "
        "({count} reframed, 1–5 scale).",
        "💪 After a reframe, a rejection felt <b>{drop} points lighter</b> on average "
        "({count} reframed, 1–5 scale).",
        count,
    ).format(drop=format_decimal(round(drop, 1), "0.0", locale=current().locale), count=count)


STATS_DROP_NONE = N_("💪 Reframe a rejection (/reframe) to see how much lighter it feels after.")
STATS_CHART_CAPTION = N_("Weeks start on Monday, {zone} time.")
STATS_SERIES = {
    "rejections": N_("Rejections"),
    "reframes": N_("Reframes"),
    "plans_done": N_("Plans done"),
    "plans_dropped": N_("Plans dropped"),
    "wins": N_("Wins"),
}


def export_caption(rows: int, tables: int) -> str:
    """The caption of the /export file: how many rows from how many tables."""
    # TRANSLATORS: {rows} is "1 row" / "12 rows", {tables} is "1 table" / "3 tables".
    return _(
        "Everything I hold about you: {rows} from {tables}, as JSON plus one CSV per table. "
        "Times are UTC."
    ).format(
        rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
        tables=ngettext("{count} table", "{count} tables", tables).format(count=tables),
    )


EXPORT_EMPTY = N_("I hold nothing about you beyond this chat.")

DELETE_CONFIRM = N_(
    "⚠️ <b>Erase everything?</b>\n\n"
    "This erases everything I hold about you — rejections, plans, wins, check-ins, "
    "feedback rounds and their answers, your focus, your settings — including your shares "
    "in groups (those messages are deleted too). <b>It cannot be undone.</b>\n\n"
    "Feedback you gave to others stays, anonymous and not linked to you.\n"
    "Want a copy first? /export"
)
BUTTON_DELETE_YES = N_("Yes, erase everything")
BUTTON_DELETE_NO = N_("No, keep my data")
DELETE_KEPT = N_("Nothing was erased.")
DELETE_WORKING = N_("Erasing…")
DELETE_BUSY = N_("Already erasing — one moment.")


def delete_done(groups: int) -> str:
    """After /delete: everything is erased, and ``groups`` shared group messages removed."""
    if not groups:
        return _(
            "Done: everything about you is erased. If you write to me again, I'll start "
            "fresh. Good luck out there."
        )
    return ngettext(
        "Done: everything about you is erased, and {count} group message was removed. If you "
        "write to me again, I'll start fresh. Good luck out there.",
        "Done: everything about you is erased, and {count} group messages were removed. If you "
        "write to me again, I'll start fresh. Good luck out there.",
        groups,
    ).format(count=groups)


# --- many people at once ---
FLOOD_SLOW_DOWN = N_(
    "That's a lot at once — I'm reading everything, in order, just a little slower. "
    "Nothing you write is lost."
)
FLOOD_BUTTON_IGNORED = N_("Slow down a little — that tap was skipped.")


# --- care comes first (bot/flows/care.py) ---
CARE_CARRY_ON = N_("Carry on")
CARE_SAVE_ANSWER = N_("Save what I wrote as my answer")
CARE_SAVE = N_("Save it anyway")
CARE_LEAVE = N_("Leave it")
CARE_WAITING = N_("I've kept your place. When you're ready, tap Carry on, or save what you wrote.")
CARE_HERE = N_("I'm here whenever you want. Send /start when you'd like the menu.")


# --- privacy (/privacy, and what /delete says about backups and logs) ---
PRIVACY_KEPT = N_(
    "🔒 <b>Your data</b>\n\n"
    "<b>What I keep about you:</b> your Telegram id, first name and language; your time zone "
    "and check-in day; what you log here — rejections, plans, wins, notes, check-ins, your "
    "focus, your feedback rounds with their anonymous answers — and the circles you joined "
    "with what you shared there. A message that isn't part of one of these waits a day at "
    "most for you to log it or save it as a note, then it is gone.\n\n"
    "<b>For how long:</b> in the database until you remove it, or erase everything with "
    "/delete."
)


def backups_kept(days: int) -> str:
    """How long backup copies of the database keep what a person erased."""
    return ngettext(
        "Backup copies of the database are kept for {days} day, so what you erase is gone "
        "from them a day later.",
        "Backup copies of the database are kept for {days} days, so what you erase is gone "
        "from them {days} days later.",
        days,
    ).format(days=days)


def logs_kept(days: int) -> str:
    """What the server's logs hold about a person, and for how long."""
    return ngettext(
        "The server's logs note your Telegram id, what kind of thing happened and when — "
        "never what you write — and are kept for {days} day.",
        "The server's logs note your Telegram id, what kind of thing happened and when — "
        "never what you write — and are kept for {days} days.",
        days,
    ).format(days=days)


PRIVACY_WHO = N_(
    "<b>Who sees what:</b>\n"
    "• What you log is for you alone: nobody else can open your history, plans or numbers.\n"
    "• A group's circle sees only what you share with a tap, with your first name, and, if "
    "the group turned it on, a weekly digest of the wins members shared. Unsharing takes a "
    "post back.\n"
    "• People you ask for feedback see your first name and your question, not your "
    "entries. Their answers are anonymous, and you see them only once several people have "
    "answered.\n"
    "• Whoever runs this bot can read its database on their server.\n\n"
    "/export sends you everything I hold about you as a file; /delete erases it."
)


BUTTON_PRIVACY_EXPORT = N_("📦 Export my data")
BUTTON_PRIVACY_DELETE = N_("🗑 Erase everything")


# --- applications ---
APP_KIND_BUTTONS: tuple[tuple[str, str], ...] = (
    ("application", N_("📨 Application")),
    ("meeting", N_("🤝 Meeting request")),
    ("recruiter", N_("📞 Recruiter contact")),
)
APP_KIND_LABEL = {
    "application": N_("Application"),
    "meeting": N_("Meeting request"),
    "recruiter": N_("Recruiter contact"),
}
APP_STAGE_LABEL = {
    "applied": N_("waiting"),
    "heard": N_("heard back"),
    "interview": N_("interview"),
    "offer": N_("offer"),
    "rejected": N_("rejected"),
    "no_response": N_("no response"),
    "withdrawn": N_("withdrawn"),
}
APP_MOVE_BUTTONS = {
    "heard": N_("📬 Heard back"),
    "interview": N_("🗓 Interview"),
    "offer": N_("🎉 Offer"),
    "rejected": N_("❌ Rejected"),
    "no_response": N_("🔇 No response"),
    "withdrawn": N_("↩ Withdrew"),
}
BUTTON_APP_NEXT_INTERVIEW = N_("🗓 Another interview")
# TRANSLATORS: a company and the role applied for, e.g. "Globex (data analyst)".
APP_NAME_WITH_ROLE = N_("{company} ({role})")

APPLIED_ASK_KIND = N_("What are you logging? Tap one (or type it).")
APPLIED_BAD_KIND = N_(
    "Tap one of the buttons, or type <i>application</i>, <i>meeting</i> or <i>recruiter</i>."
)
APPLIED_ASK_COMPANY = N_(
    "Which company? You can add the role after a comma: <i>Globex, data analyst</i>."
)
APPLIED_ASK_ROLE = N_("Which role? (or skip)")
APPLIED_ASK_LINK = N_("A link to the posting or the person? (or skip)")
APPLIED_ASK_DAY = N_(
    "When did it go out? Tap a day, or type one (<i>3 days ago</i>, <i>20 Nov</i>)."
)
APPLIED_BAD_DAY = N_(
    "I couldn't read that as a day. Try <i>yesterday</i>, <i>3 days ago</i> or <i>20 Nov</i>, "
    "or tap one of the days."
)
APPLIED_FUTURE_DAY = N_("That day hasn't come yet. When did it go out?")
APPLIED_SAVED = {
    "application": N_(
        "📨 Logged: your application to <b>{name}</b>, {day}. If there's no news in "
        "{interval}, I'll ask you about it."
    ),
    "meeting": N_(
        "🤝 Logged: your meeting request to <b>{name}</b>, {day}. If there's no answer in "
        "{interval}, I'll ask you about it."
    ),
    "recruiter": N_(
        "📞 Logged: your contact with the recruiter at <b>{name}</b>, {day}. If there's no "
        "news in {interval}, I'll ask you about it."
    ),
}
BUTTON_APP_UNDO = N_("↩ Undo")
BUTTON_MY_APPLICATIONS = N_("📋 My applications")
BUTTON_LOG_APPLICATION = N_("➕ Log one")
APP_UNDONE = N_("↩ Undone: {name} is no longer logged.")
APP_GONE = N_("That application is no longer there.")
APP_MOVED_ALREADY = N_("That one has moved on already.")
APP_EDIT_ASK = {
    "company": N_("The company's name?"),
    "role": N_("The role? (Skip clears it.)"),
    "link": N_("The link? (Skip clears it.)"),
    "day": N_("When did it go out? Tap a day, or type one (<i>3 days ago</i>, <i>20 Nov</i>)."),
}
APP_EDIT_FIELDS = {
    "company": N_("Company"),
    "role": N_("Role"),
    "link": N_("Link"),
    "day": N_("Date"),
}
APP_EDIT_WHICH = N_("What do you want to change?")
APP_EDITED = N_("✎ Saved.")


def interval_days(days: int) -> str:
    """The follow-up interval, for "If there's no news in {interval}"."""
    # TRANSLATORS: "14 days", in "If there's no news in {interval}, I'll ask you about it."
    return ngettext("{count} day", "{count} days", days).format(count=days)


def interval_hours(hours: int) -> str:
    """The follow-up interval when it is under a day (an operator's test setting)."""
    return ngettext("{count} hour", "{count} hours", hours).format(count=hours)


def applications_header(count: int) -> str:
    """The head of /applications."""
    return ngettext(
        "<b>Your open applications</b>: {count}, newest first.",
        "<b>Your open applications</b>: {count}, newest first.",
        count,
    ).format(count=count)


def application_line(number: int, name: str, stage: str, days: int) -> str:
    """One line of /applications: its number on the page, the company (and role), its
    stage, and the days since the last news."""
    # TRANSLATORS: {stage} is "waiting", "heard back" or "interview".
    return ngettext(
        "{number}. {name} · {stage} · {days} day",
        "{number}. {name} · {stage} · {days} days",
        days,
    ).format(number=number, name=name, stage=stage, days=days)


APPS_HINT = N_(
    "Tap one to move it on, edit or remove it. <code>/applied Globex, data analyst</code> "
    "logs a new one; a CSV file from your spreadsheet imports many."
)
APPS_NONE = N_(
    "No open applications. Log one in a line — <code>/applied Globex, data analyst</code> — "
    "or send me a CSV file from your spreadsheet (columns company, role, date, status)."
)


def application_card(name: str, kind: str, day: str, stage: str, days: int) -> str:
    """An application on its own: its kind, the day it went out, its stage, the silence."""
    # TRANSLATORS: {kind} is "Application", "Meeting request" or "Recruiter contact"; {day}
    # the day it went out; {stage} as in the list.
    return ngettext(
        "<b>{name}</b>\n{kind} · {day}\nStage: <b>{stage}</b> · {days} day since the last news",
        "<b>{name}</b>\n{kind} · {day}\nStage: <b>{stage}</b> · {days} days since the last news",
        days,
    ).format(name=name, kind=kind, day=day, stage=stage, days=days)


APP_CARD_LINK = N_("\nLink: {link}")
APP_CARD_INTERVIEW = N_("\nInterview: {day}")
BUTTON_APP_EDIT = N_("✎ Edit")
BUTTON_APP_REMOVE = N_("🗑 Remove")
BUTTON_APP_BACK = N_("‹ Back")
BUTTON_APP_PREVIOUS = N_("‹ Newer")
BUTTON_APP_MORE = N_("Older ›")
APP_REMOVE_CONFIRM = N_("Remove <b>{name}</b> from your applications? This can't be undone.")
BUTTON_APP_REMOVE_YES = N_("Yes, remove it")
BUTTON_APP_REMOVE_NO = N_("No, keep it")
APP_REMOVED = N_("🗑 Removed: {name}.")

# The silence question and its answers.
FOLLOW_UP_BUTTONS = {
    "interview": N_("🗓 Interview!"),
    "rejected": N_("❌ Rejected"),
    "nothing": N_("⏳ Still nothing"),
    "withdrew": N_("↩ Withdrew"),
}


def follow_up_question(kind: str, stage: str, name: str, days: int) -> str:
    """ "Heard back?" after ``days`` days of silence about an application, a meeting
    request or a recruiter contact, or since an interview or the last news."""
    if stage == "interview":
        return ngettext(
            "Any news from <b>{name}</b> since your interview? That was {days} day ago.",
            "Any news from <b>{name}</b> since your interview? That was {days} days ago.",
            days,
        ).format(name=name, days=days)
    if stage == "heard":
        return ngettext(
            "Any news from <b>{name}</b>? The last was {days} day ago.",
            "Any news from <b>{name}</b>? The last was {days} days ago.",
            days,
        ).format(name=name, days=days)
    if kind == "meeting":
        return ngettext(
            "Any answer from <b>{name}</b> to your meeting request? You asked {days} day ago.",
            "Any answer from <b>{name}</b> to your meeting request? You asked {days} days ago.",
            days,
        ).format(name=name, days=days)
    if kind == "recruiter":
        return ngettext(
            "Heard from the recruiter at <b>{name}</b>? Your last contact was {days} day ago.",
            "Heard from the recruiter at <b>{name}</b>? Your last contact was {days} days ago.",
            days,
        ).format(name=name, days=days)
    return ngettext(
        "Heard back from <b>{name}</b>? You applied {days} day ago.",
        "Heard back from <b>{name}</b>? You applied {days} days ago.",
        days,
    ).format(name=name, days=days)


def follow_up_again(name: str, days: int) -> str:
    """The second (and last) question about one silence."""
    return ngettext(
        "Still nothing from <b>{name}</b>? It's been {days} day.",
        "Still nothing from <b>{name}</b>? It's been {days} days.",
        days,
    ).format(name=name, days=days)


APP_ASK_AGAIN_ON = N_("Noted. I'll ask once more on {day}.")


def follow_up_last(name: str, days: int) -> str:
    """After the second "Still nothing": offer to log the silence and move on."""
    return ngettext(
        "{days} day without a word from <b>{name}</b>. Silence is an answer too: log it as "
        "“no response” and put your energy into the next one?",
        "{days} days without a word from <b>{name}</b>. Silence is an answer too: log it as "
        "“no response” and put your energy into the next one?",
        days,
    ).format(name=name, days=days)


BUTTON_APP_LOG_SILENCE = N_("📝 Log it, move on")
BUTTON_APP_KEEP_OPEN = N_("Keep it open")
APP_KEPT_OPEN = N_(
    "Kept open. I won't ask about it again; /applications moves it on when there's news."
)
APP_HEARD = N_("📬 {name}: heard back. If it goes quiet for {interval}, I'll ask.")
APP_WITHDRAWN = N_("↩ Noted: you withdrew from {name}. Your time goes where it counts.")
APP_ASK_HURT = N_("Sorry about {name}. How hard did it land? 1 = shrugged it off, 5 = gut punch.")
APP_ASK_HURT_SILENT = N_(
    "Logging the silence from {name} as “no response”. How hard did it land? "
    "1 = shrugged it off, 5 = gut punch."
)
APP_ASK_INTERVIEW_DAY = N_(
    "🗓 When is the interview with {name}? I'll send a note the day before and ask how it "
    "went the day after."
)
BUTTON_APP_NO_DATE = N_("No date yet")
APP_INTERVIEW_SAVED = N_(
    "🗓 Interview with {name}: {day}. I'll send you a note the day before and ask how it "
    "went the day after."
)
APP_INTERVIEW_NO_DATE = N_(
    "🗓 Interview with {name}: noted. When you know the day, /applications sets it."
)
# TRANSLATORS: the question comes from the career coach's article the bot is built on.
APP_INTERVIEW_QUESTION = N_(
    "A question worth asking at the end: <i>“What concerns do you have that I wouldn't be a "
    "good fit for this role?”</i> It brings their doubts into the open while you can still "
    "answer them."
)
APP_INTERVIEW_SOON = N_("🗓 Interview with {name}: {day}. Good luck!\n\n{question}")
APP_INTERVIEW_NOTE = N_(
    "🗓 Tomorrow: your interview with <b>{name}</b>.\n\n{question}\n\nYou've prepared for this."
)
APP_HOW_DID_IT_GO = N_("How did your interview with <b>{name}</b> go?")
APP_HOW_BUTTONS = {
    "offer": N_("🎉 I got an offer"),
    "well": N_("🏆 It went well"),
    "unsure": N_("🤷 Hard to say"),
}
# TRANSLATORS: stored as a win, so it reads in the person's own voice.
APP_WIN_INTERVIEW = N_("Had my interview with {name}")
# TRANSLATORS: stored as a win, so it reads in the person's own voice.
APP_WIN_OFFER = N_("Got an offer from {name}")
APP_WENT_WELL = N_(
    "🏆 Logged as a win: {win}. Now the wait: if there's no news in {interval}, I'll ask."
)
APP_HARD_TO_SAY = N_(
    "Interviews are hard to read. If there's no news in {interval}, I'll ask — either way, "
    "you showed up."
)
APP_OFFER = N_(
    "🎉 An offer from <b>{name}</b>! Logged as a win. Every “no” before it was part of the way "
    "here."
)


def daily_header(count: int) -> str:
    """The head of a daily message that lists several things."""
    return ngettext(
        "📋 {count} thing about your applications today:",
        "📋 {count} things about your applications today:",
        count,
    ).format(count=count)


def daily_silence_line(name: str, days: int) -> str:
    return ngettext(
        "• {name}: no news for {days} day",
        "• {name}: no news for {days} days",
        days,
    ).format(name=name, days=days)


DAILY_NOTE_LINE = N_("• Interview {day}: {name}")
DAILY_CHECK_LINE = N_("• How did the interview with {name} go?")


def daily_more(count: int) -> str:
    return ngettext("…and {count} more.", "…and {count} more.", count).format(count=count)


BUTTON_REVIEW = N_("▶ Go through them")
REVIEW_DONE = N_("Nothing left to go through.")

# CSV import.
IMPORT_NOT_CSV = N_(
    "I can import applications from a <b>CSV</b> file: a line of column names (company, "
    "role, date, status), then one application a line. In Excel, Numbers or Google Sheets: "
    "File → Save as / Download → CSV."
)
IMPORT_PROBLEMS = {
    "too_big": N_(
        "That file is too big for a list of applications (over 1 MB), so I didn't read it. "
        "Send a CSV of at most 2,000 rows."
    ),
    "binary": N_(
        "That file isn't text — perhaps a spreadsheet in its own format. Save it as "
        "<b>CSV UTF-8</b> and send that."
    ),
    "not_utf8": N_(
        "I couldn't read the characters in that file. Save it as <b>CSV UTF-8</b> and send it "
        "again."
    ),
    "empty": N_("That file is empty."),
    "not_csv": N_(
        "I couldn't read that as CSV (the quotes don't match up, or a cell is huge). Save it "
        "from your spreadsheet as CSV and send it again."
    ),
    "no_company": N_(
        "I couldn't find a company column. The first line should name the columns, e.g. "
        "<code>company,role,date,status</code>."
    ),
}


def import_too_many(count: int, limit: int) -> str:
    return ngettext(
        "That file has {count} row; I import at most {limit} at a time. Split it and send the "
        "parts.",
        "That file has {count} rows; I import at most {limit} at a time. Split it and send the "
        "parts.",
        count,
    ).format(count=count, limit=limit)


def import_errors(count: int) -> str:
    """Before the list of bad rows: nothing was imported."""
    return ngettext(
        "{count} row can't be imported, so I imported nothing (all or nothing, so no list is "
        "left half-done):",
        "{count} rows can't be imported, so I imported nothing (all or nothing, so no list is "
        "left half-done):",
        count,
    ).format(count=count)


IMPORT_ROW_PROBLEMS = {
    "no_company": N_("• line {line}: no company"),
    "too_long": N_("• line {line}: “{value}” is too long"),
    "no_date": N_("• line {line}: no date"),
    "bad_date": N_("• line {line}: “{value}” isn't a date I can read (write 2026-11-20)"),
    "ambiguous_date": N_("• line {line}: “{value}” could be two different days (write 2026-04-03)"),
    "future_date": N_("• line {line}: “{value}” is in the future"),
    "bad_status": N_(
        "• line {line}: I don't know the status “{value}” (applied, heard back, interview, "
        "offer, rejected, no response, withdrawn)"
    ),
}
IMPORT_FIX = N_("Fix them and send the file again.")


def import_more_errors(count: int) -> str:
    return ngettext("…and {count} more row.", "…and {count} more rows.", count).format(count=count)


def import_preview(file: str, count: int, shown: int) -> str:
    """The preview's head: the file, how many applications, how many are shown."""
    return ngettext(
        "📥 <b>{file}</b>: {count} application, ready to import. The first {shown}:",
        "📥 <b>{file}</b>: {count} applications, ready to import. The first {shown}:",
        count,
    ).format(file=file, count=count, shown=shown)


IMPORT_ROW_LINE = N_("• {day} · {name} · {stage}")
IMPORT_NO_DATES = N_("There is no date column, so each is dated today.")


def button_import(count: int) -> str:
    return ngettext("✓ Import {count}", "✓ Import all {count}", count).format(count=count)


def import_done(count: int) -> str:
    return ngettext(
        "📥 Imported {count} application. I'll ask about the quiet ones — one message a day "
        "at most.",
        "📥 Imported {count} applications. I'll ask about the quiet ones — one message a day "
        "at most.",
        count,
    ).format(count=count)


def import_undone(count: int) -> str:
    return ngettext(
        "↩ Import undone: {count} application removed.",
        "↩ Import undone: {count} applications removed.",
        count,
    ).format(count=count)


IMPORT_CANCELLED = N_("Not imported. Nothing changed.")
BUTTON_UNDO_IMPORT = N_("↩ Undo import")
IMPORT_STALE = N_("That import is done or was cancelled.")

# The funnel, in /stats and the weekly check-in.
FUNNEL_TEXT = N_(
    "<b>Applications</b> — this week (all time)\n\n"
    "📨 Sent: {sent}\n"
    "📬 Answers: {answers}\n"
    "🗓 Interviews: {interviews}\n"
    "🎉 Offers: {offers}\n"
    "{rate}\n\n"
    "{belief}"
)
FUNNEL_RATE = N_("Response rate: {rate} of what you sent got an answer.")
FUNNEL_RATE_NONE = N_("Response rate: none sent yet.")


def funnel_belief(noes: int) -> str:
    """The belief, with the real count of "no"s (rejections and silences logged)."""
    return ngettext(
        "💪 Every “no” brings the next “yes” closer — and {count} “no” is already behind you.",
        "💪 Every “no” brings the next “yes” closer — and {count} “no”s are already behind you.",
        noes,
    ).format(count=noes)


FUNNEL_WEEK = N_(
    "\n📨 Applications: sent {sent} · answers {answers} · interviews {interviews} · offers {offers}"
)
FUNNEL_CHART_TITLE = N_("Your applications, all time")
FUNNEL_STEPS = {
    "sent": N_("Sent"),
    "answers": N_("Answers"),
    "interviews": N_("Interviews"),
    "offers": N_("Offers"),
}

# Progress shared in a circle: a count, never a company.
BUTTON_SHARE_PROGRESS = N_("📣 Share this week's count")
SHARE_PROGRESS_ASK = N_("Your circle would see only this — never a company:\n\n{post}")


def progress_post(name: str, count: int) -> str:
    """The group post: how many applications someone sent this week."""
    return ngettext(
        "📨 <b>{name}</b> sent {count} application this week.",
        "📨 <b>{name}</b> sent {count} applications this week.",
        count,
    ).format(name=name, count=count)


SHARE_PROGRESS_DONE = N_("📣 Shared in {title}.")
SHARE_PROGRESS_ALREADY = N_("Already shared there this week.")
SHARE_PROGRESS_NOTHING = N_("Nothing sent this week yet.")
SHARE_PROGRESS_KEPT = N_("Kept private.")


# --- meet people where they are: nothing typed is lost, typed answers count ---
BUTTON_MENU = N_("☰ Menu")
UNKNOWN_COMMAND = N_("I don't know that command. Here's what I can do:")
UNKNOWN_COMMAND_IN_FLOW = N_("I don't know that command. Here's where we were:")
MEDIA_HINT = N_("Text works best for me: tell me in a few words, or pick from the menu.")
MEDIA_IN_FLOW = N_("Text works best for me: type your answer, or tap a button.")
CANT_SKIP = N_("This one can't be skipped: a few words are enough (or /cancel to leave).")
RESUME_HINT = N_("Tap Continue or Start over above (typing it works too).")
YES_NO_HINT = N_("Tap a button above, or type <i>yes</i> or <i>no</i>.")
# TRANSLATORS: after the person edited a message that answered a question; {text} is the
# answer as it is now.
ANSWER_UPDATED = N_("✎ Updated your answer: <i>{text}</i>")

# Free text outside a flow
FREE_REJECTION = N_(
    "That sounds like a “no” — I'm sorry. Log this as a rejection? What you wrote is kept "
    "as its note."
)
FREE_WIN = N_("That sounds like good news! Log this as a win?")
FREE_OTHER = N_("What would you like to do? I can also keep what you wrote as a note.")
BUTTON_LOG_REJECTION = N_("😞 Yes, log the rejection")
BUTTON_LOG_WIN = N_("🏆 Yes, log the win")
BUTTON_SAVE_NOTE = N_("📝 Save this as a note")
BUTTON_NO_THANKS = N_("No, thanks")
NOTE_SAVED = N_("📝 Saved as a note. /history shows it.")
KEPT_GONE = N_("I no longer have that message. Please send it again.")
# TRANSLATORS: {kind} is the kind of rejection guessed from what the person wrote.
REJECTION_FROM_TEXT_KIND = N_("Let's log it: <b>{kind}</b>. What you wrote is kept as its note.")
REJECTION_FROM_TEXT = N_("Let's log it. What you wrote is kept as its note.")
# TRANSLATORS: {kind} is the kind of rejection read from what the person typed.
KIND_UNDERSTOOD = N_("Noted: <b>{kind}</b>.")
HISTORY_NOTE = N_("📝 {date} — {text}")

# Answers typed where buttons are shown
HURT_HINT = N_("Tap a number above, or type one from 1 to 5.")
WHEN_HINT = N_(
    "Tap one above, or type <i>today</i>, <i>tomorrow</i>, <i>this week</i> or a day "
    "such as <i>Friday</i>."
)
PICK_DAY_HINT = N_("Tap a day above, or type one such as <i>Friday</i>.")
DAY_HINT = N_("Tap a day above, or type one such as <i>Monday</i>.")
HOUR_HINT = N_("Tap an hour above, or type a time such as <i>7:30</i> or <i>6pm</i>.")
CHECKIN_SLOT_HINT = N_(
    "Type <i>yes</i> to keep Sunday 18:00, or a day and time such as <i>Monday 9am</i>."
)
PLANS_NEXT_HINT = N_("Tap the buttons under each plan, then Next (or type <i>next</i>).")
BUTTON_TZ_OTHER = N_("Other…")
TZ_AREA_CANDIDATES = N_("That country has more than one time zone. Which one is yours?")
TZ_OTHER = N_(
    "Type the nearest big city (e.g. <i>Denver</i>), or share your location with the button below."
)

# Questions asked outside a flow, answered by typing
CHECKIN_FIRST_ANSWER = N_("I've noted that as what worked this week: <i>{text}</i>")
CHECKIN_NOT_NOW = N_("No problem. Send /checkin whenever you're ready.")
GIVE_EARLY_KEPT = N_("Thank you! I kept that as your answer to the first question.")

# Honest follow-up times
# TRANSLATORS: {when} is "today at 18:00", "tomorrow at 09:00" or "on Sat 28 Nov at 18:00".
PLAN_SAVED_LATE = N_(
    "Saved. It's late for today, so I'll ask you <b>{when}</b> whether you did it."
)

# No dead ends
BUTTON_NEXT_STEP = N_("🔁 Plan the next step")
BUTTON_MY_PLANS = N_("📋 My plans")
GROUP_PRIVATE_ONLY = N_(
    "That one is for our private chat, where what you log stays yours. Tap below to open it."
)
# After "Save it anyway" (care): what was saved, plainly, nothing cheerful.
SAVED_QUIETLY = N_("Saved: <i>{text}</i>")


# --- privacy and hardening: taking posts back, membership, feedback notes ---
SHARE_NO_CHECK = N_(
    "I couldn't reach Telegram to check that you're still in that group. Try again in a moment."
)


def posts_not_removed(count: int) -> str:
    """After unsharing or /delete: group messages the bot could not take back."""
    return ngettext(
        "{count} message in a group could not be taken back: I'm no longer in that group. "
        "An admin there can delete it.",
        "{count} messages in groups could not be taken back: I'm no longer in those groups. "
        "Admins there can delete them.",
        count,
    ).format(count=count)


def feedback_new_answers(count: int) -> str:
    """The seeker's daily note: how many answers came in since the last one (never who)."""
    return ngettext(
        "📬 {count} new answer to your feedback round. /feedback shows where it stands.",
        "📬 {count} new answers to your feedback round. /feedback shows where it stands.",
        count,
    ).format(count=count)


# --- languages ---
# (Each language's button shows its own name, from CLDR: bot.ui.i18n.native_name.)
BUTTON_LANGUAGE = N_("🌐 Language")
# TRANSLATORS: {codes} lists the languages' codes: "en, de, es, pt, ru".
LANGUAGE_ASK = N_(
    "Which language should I speak with you? You can also type it: "
    "<code>/settings language es</code> ({codes})."
)
# TRANSLATORS: said in the language just chosen: name that language (here: English).
LANGUAGE_SAVED = N_("Done: from now on I'll speak English with you.")
LANGUAGE_UNKNOWN = N_("I can't speak “{text}” yet. Pick one of these:")
# In a group: the language of the bot's posts there (admins change it with /language).
# TRANSLATORS: name the language of this translation (here: English).
GROUP_LANGUAGE_STATUS = N_(
    "I post in English in this group. An admin can change it: <code>/language es</code> ({codes})."
)
# TRANSLATORS: said in the language just chosen: name that language (here: English).
GROUP_LANGUAGE_SAVED = N_("Done: from now on I'll post in English in this group.")
GROUP_LANGUAGE_ADMINS_ONLY = N_("Only group admins can change the language of my posts here.")
# TRANSLATORS: {codes} lists the languages' codes: "en, de, es, pt, ru".
GROUP_LANGUAGE_UNKNOWN = N_("I can't post in “{text}” yet. Choose one of: {codes}.")
# The helpline line at the top of the care message (SAFETY.md). The English of
# HELPLINE_DIRECTORY is also the default HELPLINE_TEXT in bot/config.py.
HELPLINE_DIRECTORY = N_(
    "If you are in danger or thinking about harming yourself, please call your local "
    "emergency number now, or find a free, confidential helpline in your country at "
    "https://findahelpline.com"
)
# TRANSLATORS: {helpline} is the operator's line for the person's country, as configured
# (a name and a number, e.g. "Telefonseelsorge 0800 111 0 111"): never change it.
HELPLINE_COUNTRY = N_(
    "If you are in danger or thinking about harming yourself, please call your local "
    "emergency number now, or call:\n📞 {helpline}\n\n"
    "More free, confidential helplines: https://findahelpline.com"
)
# The README.txt inside the /export file (plain text, not HTML). File and column names stay
# as they are: the files are read by programs too.
EXPORT_README = N_(
    "Comeback: everything the bot holds about you.\n\n"
    "comeback-export.json: all of it in one file.\n"
    "csv/: one file per table, to open in a spreadsheet.\n\n"
    "Times are UTC. Feedback answers are anonymous: no giver is stored with them, and they "
    "are here as /feedback shows them. Feedback you gave to others is not linked to you "
    "and is not part of this file.\n\n"
    "/delete in the chat erases everything the bot holds about you."
)


# --- dashboard ---
# The Mini App: the button that opens it, /help's line about it, and every text on the page
# (sent to the page by the server in the person's language; the page has no text of its own).
DASHBOARD_OPEN = N_(
    "Your comeback on one screen: the “no”s, what each one turned into, your plans and wins. "
    "Tap below to open it."
)
BUTTON_DASHBOARD = N_("📊 Open the dashboard")
# TRANSLATORS: the menu button beside the message field that opens the dashboard; keep it short.
MENU_BUTTON_DASHBOARD = N_("Dashboard")
DASHBOARD_OFF = N_(
    "The dashboard isn't switched on for this bot. Everything it would show is here in the "
    "chat: /history, /plans and /stats."
)
HELP_DASHBOARD = N_("/dashboard — your comeback on one screen: timeline, trend, plans")
HELP_DASHBOARD_OFF = N_(
    "(No /dashboard on this bot: /history, /plans and /stats show the same in the chat.)"
)
DASHBOARD_PAGE = {
    "title": N_("Your comeback"),
    "timeline": N_("Timeline"),
    "trend": N_("How hard the “no”s land"),
    "trend_before": N_("when it happened"),
    "trend_after": N_("after the reframe"),
    "trend_empty": N_("Rate a rejection again after a reframe, and the trend shows up here."),
    "weekly": N_("The last 12 weeks"),
    "weekly_rejections": N_("“no”s"),
    "weekly_plans": N_("plans made"),
    "weekly_wins": N_("wins"),
    "plans": N_("Open plans"),
    "plans_empty": N_("No open plans. /reframe in the chat makes one."),
    "pick_day": N_("When will you do it?"),
    "plan_done": N_("Done. That's a step taken."),
    "plan_dropped": N_("Dropped. Making room is fine too."),
    "plan_moved": N_("Moved. I'll ask you {when}."),
    "focus": N_("Your focus"),
    "focus_none": N_("No focus yet: /focus in the chat picks one gap to work on."),
    "belief": N_("What you believe"),
    "applications": N_("Applications"),
    "empty": N_("Nothing logged yet. Log a “no” with /rejection in the chat and it shows up here."),
    "rejection": N_("A “no”"),
    "plan": N_("Plan"),
    "win": N_("Win"),
    "note": N_("Note"),
    "hurt": N_("landed {hurt}/5"),
    "hurt_after": N_("landed {hurt}/5, then {after}/5"),
    "status_happened": N_("it happened"),
    "status_not_happened": N_("it didn't happen (yet)"),
    # TRANSLATORS: {then} (here and below) is the second half of the person's plan, in their
    # words.
    "outcome_question": N_("Did “{then}” happen?"),
    "outcome_happened": N_("🎉 It happened: “{then}”. That's a win: log it?"),
    # TRANSLATORS: {win} is the second half of the person's plan, now logged as a win.
    "outcome_win": N_("🏆 Logged as a win: {win}"),
    "outcome_no": N_(
        "It didn't happen: worth knowing, now you know what to change. "
        "/reframe in the chat plans what to try next."
    ),
    # TRANSLATORS: {day} is a date like "Thu 3 Dec".
    "outcome_not_yet": N_("These things take time. I'll ask once more in the chat on {day}."),
    "outcome_not_yet_last": N_("I won't ask again. If it happens, log it with /win in the chat."),
    "error": N_("Couldn't load this just now. Try again in a moment."),
    "retry": N_("Try again"),
}
DASHBOARD_UNAUTHORIZED = N_(
    "This page opens from the bot's chat in Telegram: send /dashboard there and tap the button."
)


# --- timely signals: cheer notes by name, the calendar invite, notification settings ---
CHEER_NOTE_MANY = N_("👏 Your circle cheered you on:")
# TRANSLATORS: {name} is the first name of the member who cheered.
CHEER_NOTE_ONE_WIN = N_("👏 {name} cheered your win: <i>{text}</i>")
CHEER_NOTE_ONE_PLAN = N_("👏 {name} cheered your plan: <i>{text}</i>")
CHEER_NOTE_ONE_POST = N_("👏 {name} cheered your post: <i>{text}</i>")
# TRANSLATORS: {first} and {second} are the first names of the two members who cheered.
CHEER_NOTE_TWO_WIN = N_("👏 {first} and {second} cheered your win: <i>{text}</i>")
CHEER_NOTE_TWO_PLAN = N_("👏 {first} and {second} cheered your plan: <i>{text}</i>")
CHEER_NOTE_TWO_POST = N_("👏 {first} and {second} cheered your post: <i>{text}</i>")
CHEER_LINE_ONE = N_("• {name} — <i>{text}</i>")
CHEER_LINE_TWO = N_("• {first} and {second} — <i>{text}</i>")
# TRANSLATORS: when a member's Telegram account shows no first name.
CHEER_SOMEONE = N_("a circle member")


def cheer_note_one(kind: str, count: int, text: str, first: str, second: str) -> str:
    """The note to an author when one post was cheered, naming who: ``count`` people, the
    first two named (``first``, ``second``), the rest counted. ``kind``: win, reframe, post."""
    if count <= 1:
        one = {"win": CHEER_NOTE_ONE_WIN, "reframe": CHEER_NOTE_ONE_PLAN}
        return _(one.get(kind, CHEER_NOTE_ONE_POST)).format(name=first, text=text)
    if count == 2:
        two = {"win": CHEER_NOTE_TWO_WIN, "reframe": CHEER_NOTE_TWO_PLAN}
        return _(two.get(kind, CHEER_NOTE_TWO_POST)).format(first=first, second=second, text=text)
    others = count - 2
    # TRANSLATORS: {first} and {second} are first names; {count} more people cheered too.
    if kind == "win":
        template = ngettext(
            "👏 {first}, {second} and {count} other cheered your win: <i>{text}</i>",
            "👏 {first}, {second} and {count} others cheered your win: <i>{text}</i>",
            others,
        )
    elif kind == "reframe":
        template = ngettext(
            "👏 {first}, {second} and {count} other cheered your plan: <i>{text}</i>",
            "👏 {first}, {second} and {count} others cheered your plan: <i>{text}</i>",
            others,
        )
    else:
        template = ngettext(
            "👏 {first}, {second} and {count} other cheered your post: <i>{text}</i>",
            "👏 {first}, {second} and {count} others cheered your post: <i>{text}</i>",
            others,
        )
    return template.format(first=first, second=second, count=others, text=text)


def cheer_note_line(count: int, text: str, first: str, second: str) -> str:
    """One post in a note about several (under CHEER_NOTE_MANY), naming who cheered it."""
    if count <= 1:
        return _(CHEER_LINE_ONE).format(name=first, text=text)
    if count == 2:
        return _(CHEER_LINE_TWO).format(first=first, second=second, text=text)
    # TRANSLATORS: {first} and {second} are first names; {count} more people cheered too.
    return ngettext(
        "• {first}, {second} and {count} other — <i>{text}</i>",
        "• {first}, {second} and {count} others — <i>{text}</i>",
        count - 2,
    ).format(first=first, second=second, count=count - 2, text=text)


# The calendar invite: a file any calendar app imports, sent after onboarding and whenever
# the check-in's day, time or zone changes.
# Under the confirmation, in the same message as the file.
CALENDAR_HINT = N_(
    "📅 This file is your weekly check-in as a calendar event: open it to add it to your "
    "calendar. A newer file replaces the old event."
)
CALENDAR_SUMMARY = N_("Comeback check-in")
# TRANSLATORS: the calendar event's description; {link} is the bot's t.me link.
CALENDAR_DESCRIPTION = N_(
    "Your weekly check-in: what worked this week, and one next step. "
    "I'll message you then — or open the chat: {link}"
)

# /settings → 🔔 Messages: each kind of message the person did not schedule themselves.
BUTTON_NOTIFICATIONS = N_("🔔 Messages and quiet hours")
NOTIFY_SHOW = N_(
    "🔔 <b>Messages I send on my own</b>\n"
    "Your check-in always comes at the time you chose. The messages below wait until your "
    "quiet hours are over.\n\n"
    "🌙 Quiet hours: <b>{quiet}</b>\n"
    "{lines}\n\n"
    "🗓 Circle digests are posts in the group: an admin there can turn them off with "
    "/digest off.\n"
    "Other quiet hours: type <code>/settings quiet 22-7</code> (from hour - to hour)."
)
# TRANSLATORS: quiet hours, e.g. "21:00–08:00".
NOTIFY_QUIET_RANGE = N_("{start}–{end}")
NOTIFY_QUIET_NONE = N_("none")
# TRANSLATORS: one line per kind of message: its name, then "on", "off" or "snoozed until …".
NOTIFY_LINE = N_("{kind}: {state}")
NOTIFY_KINDS = {
    "cheers": N_("👏 Cheer notes"),
    "feedback": N_("📬 New feedback answers"),
    "applications": N_("📋 Application questions"),
}
NOTIFY_ON = N_("on")
NOTIFY_OFF = N_("off")
# TRANSLATORS: {when} is a date, e.g. "Thu 3 Dec".
NOTIFY_SNOOZED = N_("snoozed until {when}")
# TRANSLATORS: {emoji} is the kind's emoji (👏, 📬 or 📋) on a short button.
BUTTON_NOTIFY_ON = N_("{emoji} On")
BUTTON_NOTIFY_OFF = N_("{emoji} Off")
BUTTON_NOTIFY_SNOOZE = N_("{emoji} Snooze 7 days")
BUTTON_QUIET_NONE = N_("🌙 No quiet hours")
NOTIFY_QUIET_SAVED = N_("🌙 Quiet hours: <b>{quiet}</b>.")
NOTIFY_QUIET_USAGE = N_(
    "Quiet hours are two hours of the day, from - to, like <code>/settings quiet 22-7</code> "
    "(22:00 to 7:00), or <code>/settings quiet off</code>."
)


def feedback_answered(answered: int, asked: int) -> str:
    """How many of the people asked have answered: the verb follows ``answered``."""
    if asked == 1:
        if answered >= 1:
            return _("<b>The one person you asked</b> has answered.")
        return _("<b>The one person you asked</b> hasn't answered yet.")
    # TRANSLATORS: {asked} is always 2 or more; the form follows {answered}.
    return ngettext(
        "<b>{answered} of the {asked}</b> people you asked has answered.",
        "<b>{answered} of the {asked}</b> people you asked have answered.",
        answered,
    ).format(answered=answered, asked=asked)


# --- clear numbers, the menu, fixing one entry ---
STATS_HEADER = N_("<b>Your numbers</b>")
# TRANSLATORS: {date} is a Monday: "Mon 23 Nov".
STATS_THIS_WEEK = N_("<b>This week</b> (since {date})")
# TRANSLATORS: {date} is a Monday: "Mon 2 Nov". The 4 weeks include this one.
STATS_LAST_4_WEEKS = N_("<b>Last 4 weeks</b> (since {date})")
# TRANSLATORS: {date} is the day the person started: "01 Jun 2026".
STATS_ALL_TIME = N_("<b>All time</b> (since {date})")
STATS_PERIOD = N_(
    "😞 Rejections: {rejections} · 🔁 Reframes: {reframes}\n"
    "✅ Plans done: {done} · dropped: {dropped}\n"
    "🏆 Wins: {wins} · 🗓 Check-ins: {checkins}"
)
# TRANSLATORS: {streak} is "1 week" / "3 weeks".
STATS_STREAK = N_("🔥 Check-in streak: {streak}")
STATS_WORKED_HEADER = N_("🌱 <b>What worked for you most often</b> (from your check-ins):")
STATS_WORKED_NONE = N_(
    "🌱 Tell the weekly check-in what worked (/checkin): what comes up again and again "
    "shows here, so you can do more of it."
)


def stats_worked_line(text: str, weeks: int) -> str:
    """One thing that worked, and in how many check-ins it was named (2 or more)."""
    return ngettext(
        "• {text} — in {count} check-in", "• {text} — in {count} check-ins", weeks
    ).format(text=text, count=weeks)


STATS_CHART_THIS_WEEK = N_("Your first week")


def stats_chart_title(weeks: int) -> str:
    """The chart's title when it shows ``weeks`` weeks (2 or more)."""
    return ngettext("Your last {count} week", "Your last {count} weeks", weeks).format(count=weeks)


BUTTON_MENU_MORE = N_("➕ More…")
BUTTON_MENU_BACK = N_("‹ Back")
# The first menu screen shows MENU_BUTTONS (the everyday actions); "More…" shows these.
# (label, code): the codes stay as they are.
MENU_MORE_BUTTONS: tuple[tuple[str, str], ...] = (
    (N_("📜 History"), "history"),
    (N_("📨 Log an application"), "applied"),
    (N_("🗂 My applications"), "applications"),
    (N_("📊 My numbers"), "stats"),
    (N_("💬 Ask for feedback"), "feedback"),
    (N_("🎯 My focus"), "focus"),
    (N_("⚙️ Settings"), "settings"),
    (N_("🔒 Privacy"), "privacy"),
    (N_("📦 Download my data"), "export"),
    (N_("🗑 Erase my data"), "delete"),
)

BUTTON_HISTORY_FIX = N_("✏️ Fix or remove…")
HISTORY_FIX_PICK = N_("Which entry do you want to fix or remove?")
HISTORY_FIX_ENTRY = N_("{entry}\n\nWhat would you like to change?")
BUTTON_EDIT_WHERE = N_("✏️ Where")
BUTTON_EDIT_WHAT = N_("✏️ What happened")
BUTTON_EDIT_IF = N_("✏️ If…")
BUTTON_EDIT_THEN = N_("✏️ Then…")
BUTTON_EDIT_TEXT = N_("✏️ Text")
BUTTON_REMOVE = N_("🗑 Remove")
BUTTON_REMOVE_YES = N_("🗑 Yes, remove it")
BUTTON_REMOVE_NO = N_("Keep it")
# TRANSLATORS: {current} is what the entry says now, as the person typed it.
ENTRY_ASK_EDIT = N_("Send the new text. Right now it says:\n\n<i>{current}</i>")
ENTRY_ASK_EDIT_EMPTY = N_("Send the text to put there (it's empty now).")
ENTRY_EDITED = N_("✅ Changed:\n\n{entry}")
ENTRY_REMOVE_CONFIRM = N_("Remove this entry for good?\n\n{entry}")
ENTRY_REMOVED = N_("🗑 Removed. /stats counts without it now.")
ENTRY_KEPT = N_("Kept as it is.")
# A callback answer: no HTML.
ENTRY_GONE = N_("That entry isn't there anymore.")


def entry_remove_plans(count: int) -> str:
    """Under "Remove this entry?" for a rejection: its plans go with it."""
    return ngettext(
        "Its {count} if-then plan goes with it.", "Its {count} if-then plans go with it.", count
    ).format(count=count)


def entry_remove_shared(count: int) -> str:
    """Under "Remove this entry?": where it is shared."""
    return ngettext(
        "It's shared in {count} group: I'll take the post down too.",
        "It's shared in {count} groups: I'll take the posts down too.",
        count,
    ).format(count=count)


def entry_posts_updated(count: int) -> str:
    """After editing a shared entry: its group posts now say the new text."""
    return ngettext(
        "{count} group post now says the new text too.",
        "{count} group posts now say the new text too.",
        count,
    ).format(count=count)


def entry_posts_not_updated(count: int) -> str:
    """After editing a shared entry: posts the bot could not change."""
    return ngettext(
        "{count} group post still shows the old text: I couldn't change it there.",
        "{count} group posts still show the old text: I couldn't change them there.",
        count,
    ).format(count=count)


# --- coaching: your own belief, tailored next steps ---
# TRANSLATORS: healthier beliefs about rejection, offered as buttons: keep them short.
BELIEF_SUGGESTIONS: tuple[str, ...] = (
    N_("One person's “no” makes room for someone else's “yes”."),
    N_("Every attempt teaches me something for the next one."),
    N_("A “no” is about one role, not about who I am."),
)
ASK_BELIEF = N_(
    "Before the plan: what healthier belief will you carry with you, so a “no” doesn't "
    "stop you from putting yourself out there?\n\nTap one, or type your own in a few words."
)
# TRANSLATORS: {belief} is the person's current belief, in their own words.
ASK_BELIEF_CHANGE = N_(
    "Your belief now: <i>{belief}</i>\n\nTap a new one, or type your own in a few words."
)
BUTTON_KEEP_BELIEF = N_("↩ Keep this one")
BELIEF_SAVED = N_("🌱 Your belief: <i>{belief}</i>\nI'll show it to you each time you reframe.")
# TRANSLATORS: one line at the top of each reframe: the person's belief, in their own words.
BELIEF_LINE = N_("🌱 <i>{belief}</i>")
BUTTON_CHANGE_BELIEF = N_("🌱 Change my belief")
BUTTON_PICK_BELIEF = N_("🌱 Pick a healthier belief")
NEXT_STEP_INTRO = N_("Let's find one small step. Tap one to fill in both blanks:")
# TRANSLATORS: {number} is 1, 2, 3…; {sentence} is a whole “If I …, then ….” plan.
NEXT_STEP_ITEM = N_("{number}. {sentence}")
# TRANSLATORS: {if_do} is what the person said was in their control, as a first blank.
NEXT_STEP_CONTROL = N_("Or start from what you said was in your control:\n<i>If I {if_do} …</i>")
NEXT_STEP_TYPE = N_("Or type your own first blank: <b>If I do …</b>")
BUTTON_FROM_CONTROL = N_("✍️ Start from my answer")
BUTTON_MY_OWN = N_("✏️ My own")
# TRANSLATORS: {example} is the first blank of a suggested plan.
ASK_IF_OWN = N_("Type your first blank:\n\n<b>If I do …</b>\n\n(for example: <i>{example}</i>)")
BUTTON_CHANGE_PLAN = N_("✏️ Change it")
BUTTON_KEEP = N_("✓ Keep it")
ASK_IF_EDIT = N_("Type a new first blank, or keep this one:\n\n<b>If I {if_do}</b> …")
ASK_THEN_EDIT = N_(
    "Type a new second blank, or keep this one:\n\n<i>If I {if_do}</i>, <b>then {then}</b>."
)
# TRANSLATORS: {example} is a filled-in blank of a suggested plan.
NUDGE_BLANK = N_(
    "That's a little short to plan with. What would you actually do, or hope will happen? "
    "For example: <i>{example}</i>\n\n(If you meant it, just send it again.)"
)
# TRANSLATORS: a healthier belief (about rejection) that is too short gets this once.
NUDGE_BELIEF = N_(
    "In a few more words? For example: <i>{example}</i>\n\n(If you meant it, just send it again.)"
)
# Tailored next steps, by code (bot/domain/coaching.py NEXT_STEPS): a button label, then the
# two blanks of “If I …, then ….”.
# TRANSLATORS: each entry is (button label, first blank after "If I", second blank after "then").
NEXT_STEPS: dict[str, tuple[str, str, str]] = {
    "memory": (
        N_("🤝 Revive a contact"),
        N_("write to one former colleague about a moment we shared, without asking for anything"),
        N_("we'll be back in touch before I need a favour"),
    ),
    "send_anyway": (
        N_("📣 Send it anyway"),
        N_("send my news to the contacts I've been too nervous to write to"),
        N_("someone may answer with an opening I would otherwise miss"),
    ),
    "short_call": (
        N_("☕ Offer a shorter call"),
        N_("suggest a 15-minute call instead, at a time that suits them"),
        N_("it becomes easier for them to say yes"),
    ),
    "resume": (
        N_("📄 Sharpen my resume"),
        N_(
            "rewrite the top of my resume to name the role I want and how I'd help the "
            "hiring manager"
        ),
        N_("my next applications get more replies"),
    ),
    "hiring_manager": (
        N_("🔎 Find the hiring manager"),
        N_(
            "search LinkedIn to work out who the hiring manager probably is, and send them "
            "a short note"
        ),
        N_("someone who decides will see my name"),
    ),
    "introduction": (
        N_("🙋 Ask for an introduction"),
        N_("ask one person I know to introduce me to someone at a company I'm applying to"),
        N_("my application reaches a person, not just a system"),
    ),
    "recruiter_note": (
        N_("✉️ One friendly nudge"),
        N_("send the recruiter one short, friendly note asking where things stand"),
        N_("I'll get an answer and can move on either way"),
    ),
    "insider": (
        N_("👋 Ask someone inside"),
        N_("ask someone who works there how hiring for the role is going"),
        N_("I'll know where I stand without waiting"),
    ),
    "concerns": (
        N_("❓ Ask about their doubts"),
        N_("ask at the end of my next interview whether anything makes them doubt I'm a good fit"),
        N_("I can answer their doubts while I'm still in the room"),
    ),
    "thank_you": (
        N_("💌 Thank them anyway"),
        N_("send a short thank-you note to the people who interviewed me anyway"),
        N_("I leave the door open for the next role there"),
    ),
    "one_tip": (
        N_("💡 Ask for one tip"),
        N_("ask the recruiter for one thing I could do better next time"),
        N_("I'll know what to practise before the next interview"),
    ),
}
# After logging a rejection, once the person has a belief of their own (shown at the reframe).
REJECTION_SAVED_OWN_BELIEF = N_(
    "Logged. That took courage.\n\nWant to turn this into a small next step?"
)
# TRANSLATORS: a line of the weekly check-in summary: the person's belief, in their words.
CHECKIN_BELIEF = N_("\n🌱 Your belief: <i>{belief}</i>")
# TRANSLATORS: /history: {since} is a short date ("05 Nov"); {belief} in the person's words.
HISTORY_BELIEF = N_("🌱 Your belief since {since}: <i>{belief}</i>")
# TRANSLATORS: /history: an earlier belief, held from {start} to {end} (short dates).
HISTORY_BELIEF_BEFORE = N_("   before, {start} – {end}: <i>{belief}</i>")


# --- closing the loop ----------------------------------------------------------------
# The second and last "Did you do it?", two days after the first went unanswered.
PLAN_FOLLOW_UP_AGAIN = N_(
    "Asking once more, then I'll leave it with you: did you do it?\n\n<b>{sentence}</b>"
)
# TRANSLATORS: {day} is the plan's day: "yesterday" is never used, a date like "Sat 28 Nov".
PLAN_OVERDUE_LINE = N_("<b>{sentence}</b>\n⏰ Overdue: it was planned for {day}")
# TRANSLATORS: below "Done: If I …, then …"; {then} is the "then" part of the plan.
PLAN_OUTCOME_ASK = N_("And did it happen: <i>{then}</i>?")
BUTTON_OUTCOME_YES = N_("🎉 Yes")
BUTTON_OUTCOME_NOT_YET = N_("⏳ Not yet")
BUTTON_OUTCOME_NO = N_("✖ No")
PLAN_OUTCOME_AGAIN = N_(
    "A week ago you were waiting to see this happen:\n<i>{then}</i>\n\nDid it happen?"
)
PLAN_OUTCOME_YES = N_(
    "🎉 It happened: <i>{then}</i>\nThat's a win. Log it as it is, or in your own words?"
)
BUTTON_LOG_WIN = N_("🏆 Log it")
BUTTON_OWN_WORDS = N_("✏️ My own words")
# TRANSLATORS: {day} is a date like "Thu 3 Dec".
PLAN_OUTCOME_NOT_YET = N_(
    "⏳ Not yet: <i>{then}</i>\nThese things take time. I'll ask once more on {day}."
)
PLAN_OUTCOME_NOT_YET_LAST = N_(
    "⏳ Still waiting: <i>{then}</i>\nI won't ask again. If it happens, log it with /win."
)
PLAN_OUTCOME_NO = N_(
    "It didn't happen: <i>{then}</i>\n"
    "That's worth knowing: now you know what to change. What would you try next?"
)
BUTTON_NEXT_TRY = N_("✍️ Plan my next try")
PLAN_OUTCOME_ANSWERED = N_("You've already answered that one.")
# The next plan after one whose "then" didn't happen.
ASK_NEXT_IF = N_(
    "Last time: <i>{sentence}</i>\n\nWhat would you try next? Fill in the first blank:"
    "\n\n<b>If I do …</b>"
)
# The check-in's "what didn't work", turned into a plan.
ASK_DIDNT_IF = N_(
    "What didn't work: <i>{didnt}</i>\n\nWhat will you try instead? Fill in the first blank:"
    "\n\n<b>If I do …</b>"
)
ASK_NEXT_WHEN = N_("Your next plan:\n\n<b>{sentence}</b>\n\nWhen will you do it?")
NEXT_WHEN_HINT = N_("Tap one above, or type <i>today</i>, <i>tomorrow</i> or <i>this week</i>.")
ASK_WIN_WORDS = N_("How would you put it? Type the win in your own words.")
BUTTON_DIDNT_TO_PLAN = N_("✍️ Plan what to try instead")
# The check-in: last week's answers come back.
# TRANSLATORS: shown above "What worked well this week?"; {text} is last check-in's answer.
CHECKIN_LAST_WORKED = N_("Last time, this worked for you: <i>{text}</i>\n\n")
# TRANSLATORS: {focus} is the gap the person chose to work on, as they typed it.
ASK_FOCUS_GOING = N_("🎯 How is <i>{focus}</i> going?")
# TRANSLATORS: {people} is what the person typed last week, usually a name: "Ana".
ASK_PEOPLE_MET = N_("Last week you wanted to reach out. Did you talk to <b>{people}</b>?")
# TRANSLATORS: {people} is what the person typed last week, a longer answer.
ASK_PEOPLE_MET_LONG = N_(
    "Last week you wrote who you'd call or meet:\n<i>{people}</i>\n\nDid it happen?"
)
BUTTON_MET_YES = N_("✅ Yes")
BUTTON_MET_NO = N_("Not this time")
PEOPLE_MET_YES = N_("👏 Good — every conversation keeps doors open.")
PEOPLE_MET_NO = N_("That's all right. Maybe this week.")
PEOPLE_MET_HINT = N_("Tap one above, or type <i>yes</i> or <i>no</i>.")
