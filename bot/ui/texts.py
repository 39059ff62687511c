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

from bot.ui.i18n import N_, _, current, ngettext, translate_module

translate_module(__name__)

PRIVATE_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Start, or show the menu")),
    ("rejection", N_("Log a rejection")),
    ("reframe", N_("Turn it into an if-then plan")),
    ("win", N_("Log a win")),
    ("plans", N_("Your open plans")),
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
UNKNOWN = N_("I didn't catch that. Tap a button below, or send /help to see everything I can do.")
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


EXPECTED_TEXT = N_("I can only read text here — please type your answer (or /cancel to leave).")
FINISH_FIRST = N_("You're in the middle of the {flow}: finish it, or /cancel first.")
EXPECTED_BUTTON = N_("Please tap one of the buttons above (or /cancel to leave).")
IN_FLOW_COMMAND = N_(
    "You're in the middle of the {flow}. Finish it first, or send /cancel to leave it "
    "(what you've typed is kept)."
)
BUTTON_CANCEL = N_("✖ Cancel")
BUTTON_SKIP = N_("Skip ›")

HELP = N_(
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
    "/privacy — what I keep, who sees it, for how long\n"
    "/cancel — leave what you're doing\n"
    "/start — the menu · /help — this list\n\n"
    "In a group: /join, /leave, /digest on|off."
)
GROUP_HELP = N_(
    "I'm Comeback: I help job seekers keep going after a “no”. In this group, members can "
    "share wins they choose to share — nothing is posted without their tap.\n\n"
    "/join — join this group's circle\n/leave — leave it\n/digest on|off — weekly digest (admins)"
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
    (N_("📜 History"), "history"),
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
CHEER_NOTE_MANY = N_("👏 Your circle cheered you on today:")


def cheer_note_one(kind: str, count: int, text: str) -> str:
    """The day's note to an author when one post was cheered: a win, a plan, or a post."""
    if kind == "win":
        template = ngettext(
            "👏 {count} person cheered your win: <i>{text}</i>",
            "👏 {count} people cheered your win: <i>{text}</i>",
            count,
        )
    elif kind == "reframe":
        template = ngettext(
            "👏 {count} person cheered your plan: <i>{text}</i>",
            "👏 {count} people cheered your plan: <i>{text}</i>",
            count,
        )
    else:
        template = ngettext(
            "👏 {count} person cheered your post: <i>{text}</i>",
            "👏 {count} people cheered your post: <i>{text}</i>",
            count,
        )
    return template.format(count=count, text=text)


def cheer_note_line(count: int, text: str) -> str:
    """One post in the day's note when several were cheered (under CHEER_NOTE_MANY)."""
    return ngettext(
        "• {count} person — <i>{text}</i>", "• {count} people — <i>{text}</i>", count
    ).format(count=count, text=text)


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
    # TRANSLATORS: {state} is "open until …", "closed" or "expired"; the form follows {asked}.
    return ngettext(
        "<b>Your feedback round</b>, started {started} — {state}\n"
        "Goal: {goal}\n"
        "<b>{answered} of the {asked}</b> person you asked has answered.",
        "<b>Your feedback round</b>, started {started} — {state}\n"
        "Goal: {goal}\n"
        "<b>{answered} of the {asked}</b> people you asked have answered.",
        asked,
    ).format(started=started, state=state, goal=goal, answered=answered, asked=asked)


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
STATS_TEXT = N_(
    "<b>Your numbers</b> — all time (last 12 weeks)\n\n"
    "😞 Rejections: {rejections}\n{kinds}"
    "🔁 Reframes: {reframes}\n"
    "✅ Plans done: {done} · dropped: {dropped}\n"
    "🏆 Wins: {wins}\n"
    "🗓 Check-ins: {checkins} · streak: {streak}\n\n"
    "{drop}"
)
STATS_KIND_LINE = N_("   · {label}: {count}\n")
STATS_PAIR = N_("{total} ({recent})")


def stats_weeks(n: int) -> str:
    """A streak's length, for "streak: {streak}"."""
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
STATS_CHART_TITLE = N_("Your last 12 weeks")
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


# --- many people at once (issue 14) ---
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
CARE_WAITING = N_(
    "I've kept your place. When you're ready, tap Carry on, or save what you wrote."
)
CARE_HERE = N_("I'm here whenever you want. Send /start when you'd like the menu.")


# --- privacy (/privacy, and what /delete says about backups and logs) ---
PRIVACY_KEPT = N_(
    "🔒 <b>Your data</b>\n\n"
    "<b>What I keep about you:</b> your Telegram id, first name and language; your time zone "
    "and check-in day; what you log here — rejections, plans, wins, check-ins, your focus, "
    "your feedback rounds with their anonymous answers — and the circles you joined with "
    "what you shared there. A message that isn't part of one of these is not kept.\n\n"
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
