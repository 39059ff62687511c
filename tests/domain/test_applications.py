"""The rules of applications: stages, one-line /applied, typed days, when to ask, the CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import applications as rules
from bot.domain.applications import (
    FileProblem,
    Funnel,
    OneLine,
    QuietHours,
    RowProblem,
    can_move,
    hold_until,
    parse_day,
    parse_kind,
    parse_one_line,
    parse_quiet_hours,
    read_csv,
    rejection_kind,
)

TODAY = date(2026, 11, 25)  # a Wednesday
BERLIN = "Europe/Berlin"
QUIET = QuietHours(21, 8)


def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(BERLIN)).astimezone(UTC)


# --- stages ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stage", "to", "ok"),
    [
        ("applied", "heard", True),
        ("applied", "interview", True),
        ("applied", "no_response", True),
        ("heard", "heard", False),
        ("interview", "interview", True),  # another round
        ("interview", "heard", False),
        ("offer", "rejected", False),
        ("rejected", "applied", False),
        ("withdrawn", "interview", False),
    ],
)
def test_moves(stage: rules.Stage, to: rules.Stage, ok: bool) -> None:
    assert can_move(stage, to) is ok


@pytest.mark.parametrize(
    ("kind", "stage", "expected"),
    [
        ("application", "applied", "application"),
        ("meeting", "applied", "meeting"),
        ("recruiter", "heard", "recruiter"),
        ("application", "interview", "interview"),
        ("recruiter", "interview", "interview"),
    ],
)
def test_rejection_kind_is_what_was_silent(
    kind: rules.Kind, stage: rules.Stage, expected: str
) -> None:
    assert rejection_kind(kind, stage) == expected


# --- typed input --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Globex, data analyst", OneLine("Globex", "data analyst")),
        ("Globex,data analyst", OneLine("Globex", "data analyst")),
        ("Globex - data analyst", OneLine("Globex", "data analyst")),
        ("Globex — UX/UI designer", OneLine("Globex", "UX/UI designer")),
        ("data analyst at Globex", OneLine("Globex", "data analyst")),
        ("Globex", OneLine("Globex")),
        ("Acme Corp; PM, platform", OneLine("Acme Corp", "PM, platform")),
        (
            "Globex, analyst https://jobs.example/123.",
            OneLine("Globex", "analyst", "https://jobs.example/123"),
        ),
        ("  Globex \n data analyst ", OneLine("Globex data analyst")),
        ("", None),
        (" , - ", None),
        ("https://jobs.example/1", None),
    ],
)
def test_parse_one_line(text: str, expected: OneLine | None) -> None:
    assert parse_one_line(text) == expected


@given(st.text(max_size=300))
def test_parse_one_line_never_raises_and_never_gives_an_empty_company(text: str) -> None:
    found = parse_one_line(text)
    if found is not None:
        assert found.company.strip()
        assert "\n" not in found.company


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Yesterday.", TODAY - timedelta(days=1)),
        ("3 days ago", date(2026, 11, 22)),
        ("a week ago", date(2026, 11, 18)),
        ("two weeks ago", date(2026, 11, 11)),
        ("monday", date(2026, 11, 23)),
        ("last Wed", TODAY),
        ("2026-11-20", date(2026, 11, 20)),
        ("20.11.", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("20 Nov", date(2026, 11, 20)),
        ("Nov 20th", date(2026, 11, 20)),
        ("December 20", date(2025, 12, 20)),  # not yet this year: last year's
        ("13/4/2026", date(2026, 4, 13)),
        ("4/13/2026", date(2026, 4, 13)),
        ("3/4/2026", None),  # 3 April or 4 March: not guessed
        ("31.02.2026", None),
        ("soon", None),
        ("tomorrow", None),
    ],
)
def test_parse_day(text: str, expected: date | None) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("application", "application"),
        ("An application!", "application"),
        ("meeting request", "meeting"),
        ("Coffee chat", "meeting"),
        ("RECRUITER", "recruiter"),
        ("a recruiter", "recruiter"),
        ("something", None),
    ],
)
def test_parse_kind(text: str, expected: str | None) -> None:
    assert parse_kind(text) == expected


# --- when to ask ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("21-8", QuietHours(21, 8)), (" 22 - 7 ", QuietHours(22, 7)), ("1-6", QuietHours(1, 6))],
)
def test_parse_quiet_hours(text: str, expected: QuietHours) -> None:
    assert parse_quiet_hours(text) == expected


@pytest.mark.parametrize("text", ["21", "21-21", "25-8", "9pm-8am", "21-8-3"])
def test_bad_quiet_hours(text: str) -> None:
    with pytest.raises(ValueError, match="QUIET_HOURS"):
        parse_quiet_hours(text)


def test_no_quiet_hours() -> None:
    assert parse_quiet_hours("") is None
    assert parse_quiet_hours("   ") is None


@pytest.mark.parametrize(
    ("local_hour", "quiet", "expected"),
    [
        (12, QUIET, None),  # midday: now
        (8, QUIET, None),  # the quiet hours end at 08:00
        (20, QUIET, None),
        (21, QUIET, berlin(TODAY + timedelta(days=1), 8)),  # 21:00: tomorrow 08:00
        (23, QUIET, berlin(TODAY + timedelta(days=1), 8)),
        (3, QUIET, berlin(TODAY, 8)),  # 03:00: 08:00 the same morning
        (3, None, None),  # no quiet hours: any time
        (12, QuietHours(9, 17), berlin(TODAY, 17)),  # quiet hours inside a day
    ],
)
def test_hold_until_quiet_hours(
    local_hour: int, quiet: QuietHours | None, expected: datetime | None
) -> None:
    assert hold_until(berlin(TODAY, local_hour), BERLIN, quiet, None) == expected


def test_one_message_a_local_day() -> None:
    now = berlin(TODAY, 15)
    tomorrow_morning = berlin(TODAY + timedelta(days=1), 8)
    assert hold_until(now, BERLIN, QUIET, TODAY) == tomorrow_morning
    assert hold_until(now, BERLIN, QUIET, TODAY - timedelta(days=1)) is None
    assert hold_until(now, BERLIN, None, TODAY) == berlin(TODAY + timedelta(days=1), 0)
    # The day is the person's: 23:30 UTC is already tomorrow in Berlin.
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert hold_until(late, BERLIN, None, TODAY) is None


def test_quiet_hours_follow_daylight_saving() -> None:
    # The night the clocks go back in Berlin (25 Oct 2026): 08:00 is still 08:00 local.
    night = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    assert hold_until(night, BERLIN, QUIET, None) == berlin(date(2026, 10, 25), 8)


def test_interview_notes_the_day_before_and_after() -> None:
    day = date(2026, 12, 3)
    assert rules.note_due(day, BERLIN, QUIET) == berlin(date(2026, 12, 2), 9)
    assert rules.check_due(day, BERLIN, QUIET) == berlin(date(2026, 12, 4), 9)
    # Quiet hours until 10: moved to their end.
    assert rules.note_due(day, BERLIN, QuietHours(22, 10)) == berlin(date(2026, 12, 2), 10)


def test_first_follow_up() -> None:
    now = berlin(TODAY, 12)
    interval = timedelta(days=14)
    assert rules.first_follow_up(now, now, interval) == now + interval
    # Logged a month late: asked after half the interval, not at once.
    old = now - timedelta(days=30)
    assert rules.first_follow_up(old, now, interval) == now + timedelta(days=7)


def test_news_moment_and_days_since() -> None:
    now = berlin(TODAY, 15)
    assert rules.news_moment(TODAY, TODAY, now, BERLIN) == now
    assert rules.news_moment(date(2026, 11, 11), TODAY, now, BERLIN) == berlin(
        date(2026, 11, 11), 12
    )
    assert rules.days_since(berlin(date(2026, 11, 11), 23, 30), now, BERLIN) == 14
    assert rules.days_since(now, now, BERLIN) == 0


def test_funnel_rate() -> None:
    assert Funnel().response_rate is None
    assert Funnel(sent=8, answers=2).response_rate == 0.25
    assert Funnel(sent=1, answers=3).response_rate == 1.0  # imported answers, never over 100%
    assert Funnel().empty and not Funnel(noes=1).empty


# --- the CSV --------------------------------------------------------------------------------------
def csv_bytes(text: str, *, bom: bool = False) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode()


def test_a_good_file_with_semicolons_bom_and_lenient_headers() -> None:
    data = csv_bytes(
        "Company name;Job Title;Date applied;Application status;Job link\n"
        "Globex;Data analyst;2026-11-13;Applied;https://jobs.example/1\n"
        "Initech;;13/11/2026;Phone screen;\n"
        "Acme;Designer;01.11.2026;Rejected;\n"
        "\n"
        "Umbrella;PM;5 Nov 2026;ghosted;\n",
        bom=True,
    )
    report = read_csv(data, TODAY)
    assert report.ok and report.total == 4 and report.has_dates
    assert [(r.company, r.role, r.applied_on, r.stage) for r in report.rows] == [
        ("Globex", "Data analyst", date(2026, 11, 13), "applied"),
        ("Initech", None, date(2026, 11, 13), "heard"),
        ("Acme", "Designer", date(2026, 11, 1), "rejected"),
        ("Umbrella", "PM", date(2026, 11, 5), "no_response"),
    ]
    assert report.rows[0].link == "https://jobs.example/1"
    assert [r.line for r in report.rows] == [2, 3, 4, 6]


def test_commas_quotes_and_formula_cells_stay_text() -> None:
    data = csv_bytes(
        "status,company,role\n"
        'interview,"=HYPERLINK(""http://evil.example"",""Click"")","Analyst, data"\n'
        "offer,@SUM(A1:A2),+cmd|' /C calc'!A0\n"
    )
    report = read_csv(data, TODAY)
    assert report.ok and not report.has_dates
    first, second = report.rows
    assert first.company == '=HYPERLINK("http://evil.example","Click")'
    assert first.role == "Analyst, data" and first.stage == "interview"
    assert (second.company, second.role) == ("@SUM(A1:A2)", "+cmd|' /C calc'!A0")
    assert {r.applied_on for r in report.rows} == {TODAY}  # no date column: today


def test_bad_rows_are_listed_with_their_reason() -> None:
    data = csv_bytes(
        "company,role,date,status\n"
        "Globex,Analyst,2026-11-13,applied\n"
        ",Analyst,2026-11-13,applied\n"
        f"{'X' * 101},Analyst,2026-11-13,applied\n"
        "Acme,,,applied\n"
        "Acme,,yesterday-ish,applied\n"
        "Acme,,2026-12-24,applied\n"
        "Acme,,1999-01-01,applied\n"
        "Acme,,2026-11-13,thinking about it\n"
    )
    report = read_csv(data, TODAY)
    assert not report.ok and len(report.rows) == 1
    assert [(e.line, e.problem) for e in report.errors] == [
        (3, RowProblem.NO_COMPANY),
        (4, RowProblem.TOO_LONG),
        (5, RowProblem.NO_DATE),
        (6, RowProblem.BAD_DATE),
        (7, RowProblem.FUTURE_DATE),
        (8, RowProblem.BAD_DATE),
        (9, RowProblem.BAD_STATUS),
    ]
    assert report.errors[-1].value == "thinking about it"
    assert len(report.errors[1].value) <= 40


def test_slashed_dates_take_the_files_order_or_are_refused() -> None:
    us = read_csv(csv_bytes("company,date\nA,11/24/2026\nB,3/4/2026\n"), TODAY)
    assert [r.applied_on for r in us.rows] == [date(2026, 11, 24), date(2026, 3, 4)]
    eu = read_csv(csv_bytes("company,date\nA,24/11/2026\nB,3/4/2026\n"), TODAY)
    assert [r.applied_on for r in eu.rows] == [date(2026, 11, 24), date(2026, 4, 3)]
    unsure = read_csv(csv_bytes("company,date\nA,3/4/2026\n"), TODAY)
    assert [e.problem for e in unsure.errors] == [RowProblem.AMBIGUOUS_DATE]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", FileProblem.EMPTY),
        (b"\n\n  \n", FileProblem.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), FileProblem.BINARY),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, FileProblem.BINARY),  # an .xlsx
        ("company\nMüller GmbH\n".encode("latin-1"), FileProblem.NOT_UTF8),
        ("company\nGlobex\n".encode("utf-16"), FileProblem.BINARY),
        (b"name,job\nGlobex,analyst\n", FileProblem.NO_COMPANY),
        (b"company\n" + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e" * 3, FileProblem.BINARY),
        (b'company,role\n"' + b"x" * 200_000 + b'"\n', FileProblem.NOT_CSV),
        (b"company\n" + b"Globex\n" * (rules.MAX_IMPORT_ROWS + 1), FileProblem.TOO_MANY_ROWS),
        (b"company\n" + b"x" * rules.MAX_IMPORT_BYTES, FileProblem.TOO_BIG),
    ],
)
def test_files_refused_whole(data: bytes, problem: FileProblem) -> None:
    report = read_csv(data, TODAY)
    assert report.problem is problem
    assert not report.rows and not report.ok


def test_the_row_limit_counts_rows_not_lines() -> None:
    at_limit = b"company\n" + b"Globex\n" * rules.MAX_IMPORT_ROWS
    report = read_csv(at_limit, TODAY)
    assert report.ok and len(report.rows) == rules.MAX_IMPORT_ROWS


@settings(max_examples=200)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_report(data: bytes) -> None:
    report = read_csv(data, TODAY)
    assert report.problem is not None or len(report.rows) + len(report.errors) == report.total


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(st.text(max_size=30), min_size=1, max_size=5),
        min_size=0,
        max_size=30,
    )
)
def test_any_table_gives_a_report(cells: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["company", "role", "date", "status"])
    writer.writerows(cells)
    report = read_csv(out.getvalue().encode(), TODAY)
    for row in report.rows:
        assert row.company and len(row.company) <= rules.COMPANY_LIMIT
        assert row.applied_on <= TODAY
