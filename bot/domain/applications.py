"""Applications, meeting requests and recruiter contacts as plain rules.

Three of the four kinds of rejection are silences. An application is logged with the day it
went out; the bot counts the days without news and, after the follow-up interval, asks
once whether there is news. Everything here is pure: stages and their moves, when a
question may be sent (quiet hours in the person's zone, at most one message a day), the
one-line ``/applied`` text, typed dates, the funnel's arithmetic, and reading a CSV file
of applications from its bytes.

Times in and out are aware datetimes (UTC for stored moments); days are local dates.
"""

from __future__ import annotations

import csv
import io
import re
import typing
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, Literal

from bot.domain.due import local_now, local_to_utc
from bot.domain.quiet import QuietHours, allowed_from, parse_quiet_hours

__all__ = [
    "ANSWERED",
    "CLOSED_STAGES",
    "KINDS",
    "MAX_ASKS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "OPEN_STAGES",
    "STAGES",
    "CsvReport",
    "FileProblem",
    "Funnel",
    "ImportRow",
    "Kind",
    "OneLine",
    "QuietHours",
    "RowError",
    "RowProblem",
    "Stage",
    "can_move",
    "check_due",
    "days_between",
    "days_since",
    "first_follow_up",
    "hold_until",
    "moves_from",
    "news_moment",
    "note_due",
    "parse_day",
    "parse_kind",
    "parse_one_line",
    "parse_quiet_hours",
    "read_csv",
    "rejection_kind",
]

# --- kinds and stages ----------------------------------------------------------------
Kind = Literal["application", "meeting", "recruiter"]
KINDS: Final[tuple[Kind, ...]] = typing.get_args(Kind)
Stage = Literal["applied", "heard", "interview", "offer", "rejected", "no_response", "withdrawn"]
STAGES: Final[tuple[Stage, ...]] = typing.get_args(Stage)
OPEN_STAGES: Final[frozenset[Stage]] = frozenset({"applied", "heard", "interview"})
CLOSED_STAGES: Final[frozenset[Stage]] = frozenset(STAGES) - OPEN_STAGES
# Stages that mean the other side answered (the funnel's "answers"): a "no" is an answer
# too; a silence that ends in "no response", or the person withdrawing, is none.
ANSWERED: Final[frozenset[Stage]] = frozenset({"heard", "interview", "offer", "rejected"})

# Where an open stage may go. Interview -> interview is another round (a new date).
_MOVES: Final[dict[Stage, tuple[Stage, ...]]] = {
    "applied": ("heard", "interview", "offer", "rejected", "no_response", "withdrawn"),
    "heard": ("interview", "offer", "rejected", "no_response", "withdrawn"),
    "interview": ("interview", "offer", "rejected", "no_response", "withdrawn"),
}

RejectionKind = Literal["meeting", "application", "recruiter", "interview"]


def moves_from(stage: Stage) -> tuple[Stage, ...]:
    """The stages an application at ``stage`` can move to (none once it is closed)."""
    return _MOVES.get(stage, ())


def can_move(stage: Stage, to: Stage) -> bool:
    return to in moves_from(stage)


def rejection_kind(kind: Kind, stage: Stage) -> RejectionKind:
    """The rejection log's kind for a silence that ends in a "no", by what was silent:
    after an interview it is "no offer after an interview"; before, the kind of contact."""
    if stage == "interview":
        return "interview"
    return kind


# --- limits ------------------------------------------------------------------------------
COMPANY_LIMIT: Final = 100
ROLE_LIMIT: Final = 100
LINK_LIMIT: Final = 300
MAX_ASKS: Final = 2  # the question, once more after half the interval, then "log it?"
MAX_IMPORT_ROWS: Final = 2000
# A CSV of 2,000 applications is about 200 kB; anything above this is refused unread.
MAX_IMPORT_BYTES: Final = 1_000_000


# --- /applied in one line -----------------------------------------------------------------
@dataclass(frozen=True)
class OneLine:
    company: str
    role: str | None = None
    link: str | None = None


_URL: Final = re.compile(r"https?://\S+", re.IGNORECASE)
_SEPARATORS: Final = re.compile(r"\s*(?:,|;|\s[-–—|/]\s)\s*")
_AT: Final = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<company>.+)$", re.IGNORECASE)
_SPACES: Final = re.compile(r"\s+")


def clean_cell(text: str) -> str:
    """One line of visible text: control characters out, whitespace runs made one space."""
    kept = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return _SPACES.sub(" ", kept).strip()


def parse_one_line(text: str) -> OneLine | None:
    """``/applied`` text: "Globex, data analyst", "Globex - data analyst https://…",
    "data analyst at Globex"; just "Globex" is a company without a role. None if empty."""
    link_match = _URL.search(text)
    link = link_match.group(0).rstrip(".,);") if link_match else None
    rest = clean_cell(_URL.sub(" ", text)).strip(" ,;-–—|")
    if not rest:
        return None
    parts = _SEPARATORS.split(rest, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        company, role = parts[0], parts[1].strip(" ,;-–—|")
    elif (at := _AT.match(rest)) is not None:
        company, role = at.group("company"), at.group("role")
    else:
        company, role = rest, ""
    return OneLine(company=company.strip(), role=role or None, link=link)


# --- a typed day ---------------------------------------------------------------------------
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_ISO: Final = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DOTTED: Final = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?(?:\s.*)?$")
_SLASHED: Final = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:\s.*)?$")
_DAY_MONTH: Final = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$")
_MONTH_DAY: Final = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$")
_AGO: Final = re.compile(r"^(\d{1,3}|a|an|one|two|three|four|five|six)\s+(day|week)s?\s+ago$")
_SMALL: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
SlashOrder = Literal["dmy", "mdy"]


def _year(text: str | None, default: int) -> int:
    if not text:
        return default
    value = int(text)
    return value + 2000 if value < 100 else value


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _named(day_text: str, month_text: str, year_text: str | None, today: date) -> date | None:
    month = _MONTHS.get(month_text)
    if month is None:
        return None
    found = _make(_year(year_text, today.year), month, int(day_text))
    if found is not None and year_text is None and found > today:
        found = _make(today.year - 1, month, int(day_text))  # "20 Dec" in January: last year
    return found


def _date_cell(text: str, today: date, slash: SlashOrder | None) -> date | None:
    """A date in one of the usual spellings (see :func:`read_csv`); None if it is none."""
    t = text.strip().casefold()
    if m := _ISO.match(t):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DOTTED.match(t):
        return _make(_year(m.group(3), today.year), int(m.group(2)), int(m.group(1)))
    if m := _SLASHED.match(t):
        a, b, year = int(m.group(1)), int(m.group(2)), _year(m.group(3), today.year)
        order = slash or _slash_order_of(a, b)
        if order is None:
            return None
        return _make(year, b, a) if order == "dmy" else _make(year, a, b)
    if m := _DAY_MONTH.match(t):
        return _named(m.group(1), m.group(2), m.group(3), today)
    if m := _MONTH_DAY.match(t):
        return _named(m.group(2), m.group(1), m.group(3), today)
    return None


def _slash_order_of(a: int, b: int) -> SlashOrder | None:
    """What one "a/b/yyyy" says about the order: a day over 12 settles it; else None."""
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    if a == b:
        return "dmy"  # either way the same day
    return None


def parse_day(text: str, today: date) -> date | None:
    """A day typed as an answer: "today", "yesterday", "3 days ago", "monday" (the last
    one, today included), "2026-11-20", "20.11.", "20 Nov", "Nov 20". A slashed "3/4/2026"
    only when the numbers settle the order. Future days come back as they are: the caller
    decides whether they make sense."""
    t = " ".join(text.strip().casefold().rstrip(".!").split())
    if t in ("today", "now", "just now"):
        return today
    if t == "yesterday":
        return today - timedelta(days=1)
    if m := _AGO.match(t):
        count = _SMALL.get(m.group(1)) or int(m.group(1))
        return today - timedelta(days=count * (7 if m.group(2) == "week" else 1))
    weekday = _WEEKDAYS.get(t.removeprefix("last ").removeprefix("on "))
    if weekday is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    return _date_cell(t, today, None)


def days_between(earlier: date, later: date) -> int:
    return max((later - earlier).days, 0)


def days_since(moment: datetime, now: datetime, zone: str) -> int:
    """Whole days from ``moment`` to ``now`` on the calendar of ``zone`` (0 on the same day)."""
    return days_between(local_now(moment, zone).date(), local_now(now, zone).date())


# --- when to ask: silence, quiet hours, once a day ---------------------------------------
# Quiet hours are the one rule of bot/domain/quiet.py, shared by every unscheduled sender.
_allowed_from = allowed_from


def hold_until(
    now: datetime, zone: str, quiet: QuietHours | None, last_sent_on: date | None
) -> datetime | None:
    """None if a follow-up message may go to this person now; else the first moment it
    may (UTC). At most one a day (a local day of their zone), never in quiet hours."""
    today = local_now(now, zone).date()
    if last_sent_on is not None and last_sent_on >= today:
        tomorrow = local_to_utc(today + timedelta(days=1), time(0), zone)
        return _allowed_from(tomorrow, zone, quiet)
    allowed = _allowed_from(now, zone, quiet)
    return None if allowed == now else allowed


def end_of_day(now: datetime, zone: str) -> datetime:
    """The next local midnight, in UTC: a day's message takes what falls due until then."""
    return local_to_utc(local_now(now, zone).date() + timedelta(days=1), time(0), zone)


def news_moment(day: date, today: date, now: datetime, zone: str) -> datetime:
    """When the silence about a contact made on ``day`` started: now for today, else that
    day's noon (the hour of an earlier day is unknown)."""
    if day >= today:
        return now
    return local_to_utc(day, time(12), zone)


def first_follow_up(news_at: datetime, now: datetime, interval: timedelta) -> datetime:
    """When to ask about a contact first: ``interval`` after its news; one logged (or
    imported) when that is long past is asked about after half the interval, not at once."""
    return max(news_at + interval, now + interval / 2)


NOTE_AT: Final = time(9)  # the interview notes: 09:00 (or when quiet hours end)


def note_due(interview_on: date, zone: str, quiet: QuietHours | None) -> datetime:
    """The day before an interview: the note with the question to ask at the end."""
    at = local_to_utc(interview_on - timedelta(days=1), NOTE_AT, zone)
    return _allowed_from(at, zone, quiet)


def check_due(interview_on: date, zone: str, quiet: QuietHours | None) -> datetime:
    """The day after an interview: "How did it go?"."""
    at = local_to_utc(interview_on + timedelta(days=1), NOTE_AT, zone)
    return _allowed_from(at, zone, quiet)


_KIND_WORDS: Final[dict[str, Kind]] = {
    "application": "application",
    "applications": "application",
    "applied": "application",
    "job": "application",
    "job application": "application",
    "an application": "application",
    "meeting": "meeting",
    "meeting request": "meeting",
    "a meeting": "meeting",
    "a meeting request": "meeting",
    "coffee": "meeting",
    "coffee chat": "meeting",
    "intro": "meeting",
    "recruiter": "recruiter",
    "recruiter contact": "recruiter",
    "a recruiter": "recruiter",
    "headhunter": "recruiter",
    "recruiting": "recruiter",
}


def parse_kind(text: str) -> Kind | None:
    """The kind, typed where its buttons are shown: "application", "meeting request",
    "a recruiter"; None for anything else."""
    key = " ".join(_header_key(text).split())
    return _KIND_WORDS.get(key)


# --- the funnel ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Funnel:
    """Applications sent, answers, interviews and offers, and the "no"s (rejected or no
    response) over some stretch of time."""

    sent: int = 0
    answers: int = 0
    interviews: int = 0
    offers: int = 0
    noes: int = 0

    @property
    def response_rate(self) -> float | None:
        """Answers per application sent (0..1), None before the first one."""
        if not self.sent:
            return None
        return min(self.answers / self.sent, 1.0)

    @property
    def empty(self) -> bool:
        return not (self.sent or self.answers or self.interviews or self.offers or self.noes)


# --- reading a CSV file of applications ----------------------------------------------------
class FileProblem(StrEnum):
    """Why a whole file is refused (nothing is imported)."""

    TOO_BIG = "too_big"
    BINARY = "binary"
    NOT_UTF8 = "not_utf8"
    EMPTY = "empty"
    NOT_CSV = "not_csv"  # quoting the csv module cannot read, a giant cell
    NO_COMPANY = "no_company"  # no header names a company column
    TOO_MANY_ROWS = "too_many_rows"


class RowProblem(StrEnum):
    """Why one row cannot be imported."""

    NO_COMPANY = "no_company"
    TOO_LONG = "too_long"
    NO_DATE = "no_date"
    BAD_DATE = "bad_date"
    AMBIGUOUS_DATE = "ambiguous_date"
    FUTURE_DATE = "future_date"
    BAD_STATUS = "bad_status"


@dataclass(frozen=True)
class ImportRow:
    line: int  # the line of the file the row starts on (the header is line 1)
    company: str
    role: str | None
    applied_on: date
    stage: Stage
    link: str | None = None


@dataclass(frozen=True)
class RowError:
    line: int
    problem: RowProblem
    value: str = ""  # the cell at fault, as it is in the file (shortened)


@dataclass(frozen=True)
class CsvReport:
    rows: tuple[ImportRow, ...] = ()
    errors: tuple[RowError, ...] = ()
    problem: FileProblem | None = None
    total: int = 0  # data rows in the file (blank ones not counted)
    has_dates: bool = True  # False: no date column, every row dated today

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.errors and bool(self.rows)


Field = Literal["company", "role", "date", "status", "link"]
# Header words, checked in this order: the first field whose word is in a header wins
# ("Job link" is a link, "Application status" a status, "Date applied" a date).
_HEADER_WORDS: Final[tuple[tuple[Field, tuple[str, ...]], ...]] = (
    ("link", ("link", "url", "website", "posting", "enlace")),
    ("status", ("status", "stage", "result", "outcome", "estado")),
    ("date", ("date", "applied", "datum", "fecha", "data", "when", "day", "sent")),
    ("company", ("company", "employer", "organisation", "organization", "firm", "business",
                 "empresa", "unternehmen", "firma", "компания")),
    ("role", ("role", "position", "title", "job", "rolle", "stelle", "puesto", "cargo",
              "vaga", "должность")),
)  # fmt: skip
_STATUS_WORDS: Final[dict[str, Stage]] = {
    "": "applied",
    "applied": "applied",
    "apply": "applied",
    "sent": "applied",
    "submitted": "applied",
    "application sent": "applied",
    "waiting": "applied",
    "pending": "applied",
    "open": "applied",
    "heard back": "heard",
    "heard": "heard",
    "responded": "heard",
    "response": "heard",
    "replied": "heard",
    "screening": "heard",
    "phone screen": "heard",
    "screen": "heard",
    "in review": "heard",
    "reviewing": "heard",
    "in progress": "heard",
    "assessment": "heard",
    "take home": "heard",
    "offer": "offer",
    "offered": "offer",
    "accepted": "offer",
    "hired": "offer",
    "rejected": "rejected",
    "rejection": "rejected",
    "declined": "rejected",
    "turned down": "rejected",
    "not selected": "rejected",
    "unsuccessful": "rejected",
    "no": "rejected",
    "ghosted": "no_response",
    "no response": "no_response",
    "no answer": "no_response",
    "no reply": "no_response",
    "silence": "no_response",
    "withdrawn": "withdrawn",
    "withdrew": "withdrawn",
    "withdraw": "withdrawn",
    "not interested": "withdrawn",
}
_STATUS_STEMS: Final[tuple[tuple[str, Stage], ...]] = (
    ("reject", "rejected"),
    ("withdr", "withdrawn"),
    ("ghost", "no_response"),
    ("offer", "offer"),
    ("interview", "interview"),
    ("onsite", "interview"),
    ("final round", "interview"),
    ("screen", "heard"),
)
_SHOWN: Final = 40  # characters of a bad cell quoted back


def _header_key(text: str) -> str:
    return "".join(c if c.isalnum() else " " for c in text.casefold()).strip()


def _names(word: str, tokens: list[str]) -> bool:
    """A header word names a column when it is one of the header's words, or starts one
    ("Applied_on", "Companyname"), or (five letters and more) is inside one ("jobtitle").
    Shorter words must stand alone, so "date" is not found in "Last update"."""
    return any(
        token == word
        or (len(word) >= 4 and token.startswith(word))
        or (len(word) >= 5 and word in token)
        for token in tokens
    )


def match_headers(headers: Sequence[str]) -> dict[Field, int]:
    """Which column holds which field, matched leniently ("Company name", "Date applied",
    "Job Title", "STATUS", "company_name"); the first column a field matches wins."""
    found: dict[Field, int] = {}
    for index, header in enumerate(headers):
        tokens = _header_key(header).split()
        for name, words in _HEADER_WORDS:
            if name not in found and any(_names(word, tokens) for word in words):
                found[name] = index
                break
    return found


def parse_status(text: str) -> Stage | None:
    key = " ".join(_header_key(text.replace("-", " ").replace("_", " ")).split())
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    for stem, stage in _STATUS_STEMS:
        if stem in key:
            return stage
    return None


def _delimiter(first_line: str) -> str:
    """Semicolons (spreadsheets in many European locales), tabs or commas: whichever the
    header line has most of, outside quotes."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(data: bytes) -> str | FileProblem:
    if not data.strip():
        return FileProblem.EMPTY
    if b"\x00" in data[:65536]:
        return FileProblem.BINARY  # UTF-16, a spreadsheet's binary format, an image
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileProblem.NOT_UTF8
    # Text files have few control characters besides tab and line ends.
    controls = sum(1 for c in text[:65536] if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    if controls > 8:
        return FileProblem.BINARY
    return text


def _slash_order(cells: Iterable[str]) -> SlashOrder | None:
    """The day/month order of a file's slashed dates, if any of them settles it."""
    votes: set[SlashOrder] = set()
    for cell in cells:
        m = _SLASHED.match(cell.strip())
        if m is not None:
            order = _slash_order_of(int(m.group(1)), int(m.group(2)))
            if order is not None and int(m.group(1)) != int(m.group(2)):
                votes.add(order)
    return votes.pop() if len(votes) == 1 else None


def read_csv(data: bytes, today: date) -> CsvReport:
    """Applications from a CSV file (columns company, role, date, status, link: matched by
    their header, any order; only company is required; commas, semicolons or tabs; UTF-8
    with or without BOM). Each bad row is reported with its reason; the caller imports
    nothing unless there are none. Cells are kept as text: a formula such as
    ``=HYPERLINK(…)`` stays those characters and is never evaluated."""
    if len(data) > MAX_IMPORT_BYTES:
        return CsvReport(problem=FileProblem.TOO_BIG)
    text = _decode(data)
    if isinstance(text, FileProblem):
        return CsvReport(problem=text)
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    table: list[tuple[int, list[str]]] = []  # (line where the row starts, its cells)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                table.append((start, row))
            start = reader.line_num + 1
    except csv.Error:
        return CsvReport(problem=FileProblem.NOT_CSV)
    if not table:
        return CsvReport(problem=FileProblem.EMPTY)
    columns = match_headers(table[0][1])
    if "company" not in columns:
        return CsvReport(problem=FileProblem.NO_COMPANY)
    body = table[1:]
    if len(body) > MAX_IMPORT_ROWS:
        return CsvReport(problem=FileProblem.TOO_MANY_ROWS, total=len(body))

    def cell(row: list[str], name: Field) -> str:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else ""

    slash = _slash_order(cell(row, "date") for _, row in body)
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    for number, row in body:
        found = _read_row(number, row, cell, "date" in columns, slash, today)
        if isinstance(found, RowError):
            errors.append(found)
        else:
            rows.append(found)
    return CsvReport(tuple(rows), tuple(errors), None, len(body), "date" in columns)


def _read_row(
    number: int,
    row: list[str],
    cell: typing.Callable[[list[str], Field], str],
    has_dates: bool,
    slash: SlashOrder | None,
    today: date,
) -> ImportRow | RowError:
    def shown(text: str) -> str:
        text = clean_cell(text)
        return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"

    company, role = clean_cell(cell(row, "company")), clean_cell(cell(row, "role"))
    link = clean_cell(cell(row, "link"))
    if not company:
        return RowError(number, RowProblem.NO_COMPANY)
    for value, limit in ((company, COMPANY_LIMIT), (role, ROLE_LIMIT), (link, LINK_LIMIT)):
        if len(value) > limit:
            return RowError(number, RowProblem.TOO_LONG, shown(value))
    day = today
    if has_dates:
        raw = clean_cell(cell(row, "date"))
        if not raw:
            return RowError(number, RowProblem.NO_DATE)
        parsed = _date_cell(raw, today, slash)
        if parsed is None:
            ambiguous = _SLASHED.match(raw.casefold()) is not None
            problem = RowProblem.AMBIGUOUS_DATE if ambiguous else RowProblem.BAD_DATE
            return RowError(number, problem, shown(raw))
        if parsed > today:
            return RowError(number, RowProblem.FUTURE_DATE, shown(raw))
        if parsed.year < 2000:
            return RowError(number, RowProblem.BAD_DATE, shown(raw))
        day = parsed
    status_text = cell(row, "status")
    stage = parse_status(status_text)
    if stage is None:
        return RowError(number, RowProblem.BAD_STATUS, shown(status_text))
    return ImportRow(number, company, role or None, day, stage, link or None)
