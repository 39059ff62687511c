"""Dates and times as a person reads them, in the active language (Babel, CLDR data).

Every format is a CLDR pattern (``EEEE`` weekday, ``d`` day, ``MMM`` short month, ``HH:mm``
24-hour time: https://unicode.org/reports/tr35/tr35-dates.html#Date_Field_Symbol_Table)
kept in the catalog with the context "date pattern", so a translator can reorder it; the
names in it come from Babel's locale data for the active language. The English patterns
reproduce what the bot has always written ("Sunday 30 Nov, 18:00").

Weekdays use Python's numbering, 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from babel import dates as cldr

from bot.ui.i18n import _, current, pgettext

__all__ = [
    "day_label",
    "follow_up_when",
    "format_date",
    "format_day",
    "format_day_month",
    "format_moment",
    "format_short_date",
    "format_time",
    "format_weekday",
]


def format_weekday(weekday: int) -> str:
    """0 -> "Monday" ... 6 -> "Sunday"."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {weekday}")
    return str(cldr.get_day_names("wide", locale=current().locale)[weekday])


def format_time(at: time) -> str:
    """A time of day: "18:00", "06:30"."""
    # TRANSLATORS: CLDR pattern of a time of day: HH = hour (00-23), mm = minutes.
    return cldr.format_time(at, pgettext("date pattern", "HH:mm"), locale=current().locale)


def format_moment(local: datetime) -> str:
    """A moment already in the person's zone: "Sunday 30 Nov, 18:00"."""
    # TRANSLATORS: CLDR pattern: EEEE = weekday, d = day, MMM = short month, HH:mm = time.
    pattern = pgettext("date pattern", "EEEE d MMM, HH:mm")
    return cldr.format_datetime(local, pattern, locale=current().locale)


def format_day(day: date) -> str:
    """A day to plan for: "Sat 28 Nov"."""
    # TRANSLATORS: CLDR pattern: EEE = short weekday, d = day, MMM = short month.
    return cldr.format_date(day, pgettext("date pattern", "EEE d MMM"), locale=current().locale)


def format_day_month(day: date) -> str:
    """One end of a range of days: "23 Nov"."""
    # TRANSLATORS: CLDR pattern: d = day, MMM = short month.
    return cldr.format_date(day, pgettext("date pattern", "d MMM"), locale=current().locale)


def format_short_date(day: date) -> str:
    """The day of an entry in a list: "05 Nov"."""
    # TRANSLATORS: CLDR pattern: dd = day (two digits), MMM = short month.
    return cldr.format_date(day, pgettext("date pattern", "dd MMM"), locale=current().locale)


def format_date(day: date) -> str:
    """A day with its year: "04 Dec 2026"."""
    # TRANSLATORS: CLDR pattern: dd = day (two digits), MMM = short month, y = year.
    return cldr.format_date(day, pgettext("date pattern", "dd MMM y"), locale=current().locale)


def day_label(day: date, today: date) -> str:
    """A day as a button or a follow-up date: "today", "tomorrow", else "Sat 28 Nov"."""
    if day == today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    return format_day(day)


def follow_up_when(day: date, at: time, today: date) -> str:
    """When "Did you do it?" really comes: "today at 18:00", "tomorrow at 09:00",
    "on Sat 28 Nov at 18:00" (``day`` and ``at`` local: ``bot.domain.plans.FollowUp``)."""
    moment = format_time(at)
    if day == today:
        # TRANSLATORS: {time} is a time of day such as "18:00".
        return _("today at {time}").format(time=moment)
    if day == today + timedelta(days=1):
        # TRANSLATORS: {time} is a time of day such as "09:00".
        return _("tomorrow at {time}").format(time=moment)
    # TRANSLATORS: {day} is a date such as "Sat 28 Nov", {time} a time of day such as "18:00".
    return _("on {day} at {time}").format(day=format_day(day), time=moment)
