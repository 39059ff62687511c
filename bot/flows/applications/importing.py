"""Bring your spreadsheet: a CSV file sent as a document imports applications.

The file is checked whole (:func:`bot.domain.applications.read_csv`): a file over the size
limit is refused before it is downloaded; a binary or wrongly encoded one, or one with
bad rows, is refused with the reasons and nothing is imported. A good one gets a preview
(the first rows and the count) and is imported only on the tap, all rows in one
transaction, with Undo afterwards.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime
from pathlib import PurePosixPath

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.domain import applications as rules
from bot.domain.applications import CsvReport, ImportRow
from bot.domain.text import shorten
from bot.flows.applications import moves
from bot.flows.applications.codecs import ImportTap
from bot.flows.common import Context, answer, keyboard, reply, settle_button, zone_today
from bot.storage import applications as store
from bot.storage.applications import NewApplication
from bot.ui import texts
from bot.ui.dates import format_short_date

log = logging.getLogger(__name__)

PREVIEW_ROWS = 5
ERRORS_SHOWN = 10
NAME_SHOWN = 50
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
CSV_TYPES = frozenset(
    {
        "text/csv",
        "text/plain",
        "text/tab-separated-values",
        "text/comma-separated-values",
        "application/csv",
        "application/vnd.ms-excel",  # what Windows calls a .csv file
    }
)


def looks_like_csv(file_name: str, mime_type: str | None) -> bool:
    suffix = PurePosixPath(file_name.lower()).suffix
    if suffix:
        return suffix in CSV_SUFFIXES
    return (mime_type or "").split(";")[0].strip().lower() in CSV_TYPES


async def document(update: Update, context: Context) -> None:
    """A document in the private chat, outside any flow."""
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and message.document is not None and tg_user is not None
    doc = message.document
    file_name = doc.file_name or "file.csv"
    if not looks_like_csv(file_name, doc.mime_type):
        await reply(update, texts.IMPORT_NOT_CSV, moves.after_buttons())
        return
    too_big = texts.IMPORT_PROBLEMS["too_big"]
    if (doc.file_size or 0) > rules.MAX_IMPORT_BYTES:
        log.info("import refused user_id=%s bytes=%d: too big", tg_user.id, doc.file_size)
        await reply(update, too_big, moves.after_buttons())
        return
    try:
        file = await doc.get_file()
        if (file.file_size or 0) > rules.MAX_IMPORT_BYTES:
            await reply(update, too_big, moves.after_buttons())
            return
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("import download failed user_id=%s: %s", tg_user.id, type(exc).__name__)
        await reply(update, texts.ERROR_SORRY)
        return
    _zone, today = await zone_today(context, tg_user.id)
    report = await asyncio.to_thread(rules.read_csv, data, today)
    log.info(
        "import read user_id=%s bytes=%d rows=%d errors=%d problem=%s",
        tg_user.id,
        len(data),
        len(report.rows),
        len(report.errors),
        report.problem,
    )
    if report.problem is not None:
        await reply(update, _problem(report), moves.after_buttons())
        return
    if report.errors:
        await reply(update, _errors(report), moves.after_buttons())
        return
    s = context.services
    import_id = await store.stage_import(s.db, tg_user.id, file_name, report.rows, s.clock.now())
    await reply(update, _preview(file_name, report, today), _confirm(import_id, len(report.rows)))


def _problem(report: CsvReport) -> str:
    assert report.problem is not None
    if report.problem is rules.FileProblem.TOO_MANY_ROWS:
        return texts.import_too_many(report.total, rules.MAX_IMPORT_ROWS)
    return texts.IMPORT_PROBLEMS[report.problem.value]


def _errors(report: CsvReport) -> str:
    lines = [texts.import_errors(len(report.errors))]
    for error in report.errors[:ERRORS_SHOWN]:
        template = texts.IMPORT_ROW_PROBLEMS[error.problem.value]
        lines.append(template.format(line=error.line, value=texts.esc(error.value)))
    if len(report.errors) > ERRORS_SHOWN:
        lines.append(texts.import_more_errors(len(report.errors) - ERRORS_SHOWN))
    lines += ["", texts.IMPORT_FIX]
    return "\n".join(lines)


def _row_name(row: ImportRow) -> str:
    if row.role:
        return texts.APP_NAME_WITH_ROLE.format(company=row.company, role=row.role)
    return row.company


def _preview(file_name: str, report: CsvReport, today: date) -> str:
    shown = report.rows[:PREVIEW_ROWS]
    lines = [
        texts.import_preview(
            texts.esc(shorten(file_name, NAME_SHOWN)), len(report.rows), len(shown)
        )
    ]
    for row in shown:
        lines.append(
            texts.IMPORT_ROW_LINE.format(
                day=format_short_date(row.applied_on),
                name=texts.esc(shorten(_row_name(row), NAME_SHOWN)),
                stage=texts.APP_STAGE_LABEL[row.stage],
            )
        )
    if not report.has_dates:
        lines += ["", texts.IMPORT_NO_DATES]
    return "\n".join(lines)


def _confirm(import_id: int, count: int) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [(texts.button_import(count), ImportTap(import_id, "yes").pack())],
            [(texts.BUTTON_CANCEL, ImportTap(import_id, "no").pack())],
        ]
    )


def imported(
    row: ImportRow, now: datetime, zone: str, today: date, context: Context
) -> NewApplication:
    """An imported row as an application: the funnel's days are its date (the file knows
    no better); open ones get their first silence question."""
    stage = row.stage
    news_at = rules.news_moment(row.applied_on, today, now, zone)
    follow_up = None
    if stage in rules.OPEN_STAGES:
        follow_up = rules.first_follow_up(news_at, now, moves.follow_up_interval(context.services))
    day = row.applied_on
    return NewApplication(
        kind="application",
        company=row.company,
        role=row.role,
        link=row.link,
        applied_on=day,
        news_at=news_at,
        follow_up_due=follow_up,
        stage=stage,
        answered_on=day if stage in rules.ANSWERED else None,
        interview_on=day if stage == "interview" else None,
        offer_on=day if stage == "offer" else None,
        closed_on=day if stage in rules.CLOSED_STAGES else None,
    )


async def tapped(update: Update, context: Context) -> None:
    """Import (all rows, once), Cancel, or Undo the import."""
    query = update.callback_query
    assert query is not None
    tap = ImportTap.parse(query.data)
    if tap is None:
        await answer(update, texts.EXPIRED)
        return
    s = context.services
    user_id = query.from_user.id
    found = await store.get_import(s.db, user_id, tap.import_id)
    if found is None:
        await answer(update, texts.IMPORT_STALE)
        return
    if tap.action == "no":
        if not await store.cancel_import(s.db, user_id, found.id):
            await answer(update, texts.IMPORT_STALE)
            return
        await answer(update)
        await settle_button(update, texts.BUTTON_CANCEL)
        await reply(update, texts.IMPORT_CANCELLED, moves.after_buttons())
        return
    if tap.action == "undo":
        removed = await store.undo_import(s.db, user_id, found.id)
        if removed is None:
            await answer(update, texts.IMPORT_STALE)
            return
        log.info("import undone user_id=%s import_id=%s removed=%d", user_id, found.id, removed)
        await answer(update)
        await settle_button(update, texts.BUTTON_UNDO_IMPORT)
        await reply(update, texts.import_undone(removed), moves.after_buttons())
        return
    now = s.clock.now()
    zone, today = await zone_today(context, user_id)
    new = [imported(row, now, zone, today, context) for row in found.rows]
    if not new or not await store.run_import(s.db, user_id, found.id, new, now):
        await answer(update, texts.IMPORT_STALE)
        return
    log.info("import done user_id=%s import_id=%s rows=%d", user_id, found.id, len(new))
    await answer(update)
    await settle_button(update, texts.button_import(len(new)))
    rows = [[(texts.BUTTON_UNDO_IMPORT, ImportTap(found.id, "undo").pack()), moves.apps_button()]]
    await reply(update, texts.import_done(len(new)), keyboard(rows))
