"""Bring your spreadsheet: CSV files sent to the bot — good, bad and hostile ones."""

from __future__ import annotations

from bot.devtools.client import UserClient
from bot.domain.applications import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from bot.ui import texts
from tests.harness import BotHarness

GOOD = (
    "\ufeffCompany;Position;Date applied;Status\n"
    "Globex;Data analyst;13.11.2026;applied\n"
    '"=HYPERLINK(""http://evil.example"",""Click me"")";Analyst;2026-11-02;Phone screen\n'
    "Initech;<b>Lead</b> & co;1 Nov 2026;Rejected\n"
).encode()


async def count(bot: BotHarness, table: str = "applications") -> int:
    return int(await bot.svc.db.fetchval(f"SELECT COUNT(*) FROM {table}"))


async def test_preview_import_and_undo(alice: UserClient, bot: BotHarness) -> None:
    await alice.send_document(GOOD, "jobs.csv", "text/csv")
    preview = await alice.expect_message()
    assert preview.text == (
        "📥 jobs.csv: 3 applications, ready to import. The first 3:\n"
        "• 13 Nov · Globex (Data analyst) · waiting\n"
        '• 02 Nov · =HYPERLINK("http://evil.example","Click me") (Ana… · heard back\n'
        "• 01 Nov · Initech (<b>Lead</b> & co) · rejected"
    )
    assert preview.button_texts() == ["✓ Import all 3", texts.BUTTON_CANCEL]
    assert await count(bot) == 0  # nothing before the tap
    import_data = preview.button("✓ Import all 3").callback_data
    assert import_data is not None
    await alice.press(preview, "✓ Import all 3")
    done = await alice.expect_message()
    assert done.text == (
        "📥 Imported 3 applications. I'll ask about the quiet ones — one message a day at most."
    )
    rows = await bot.svc.db.fetchall(
        "SELECT company, role, applied_on, stage, follow_up_due FROM applications ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        ("Globex", "Data analyst", "2026-11-13", "applied", "2026-12-02T12:00:00Z"),
        ('=HYPERLINK("http://evil.example","Click me")', "Analyst", "2026-11-02", "heard",
         "2026-12-02T12:00:00Z"),
        ("Initech", "<b>Lead</b> & co", "2026-11-01", "rejected", None),
    ]  # fmt: skip
    await alice.press_data(preview, import_data)  # the same tap again: imported once
    assert (await alice.expect_callback_answer()).text == texts.IMPORT_STALE
    assert await count(bot) == 3

    await alice.press(done, "↩ Undo import")
    undone = await alice.expect_message()
    assert undone.text == "↩ Import undone: 3 applications removed."
    assert await count(bot) == 0


async def test_imported_rows_are_listed_with_their_silence(
    alice: UserClient, bot: BotHarness
) -> None:
    await alice.send_document(GOOD, "jobs.csv", "text/csv")
    preview = await alice.expect_message()
    await alice.press(preview, "✓ Import all 3")
    await alice.expect_message()
    await alice.send("/applications")
    board = await alice.expect_message()
    assert board.text is not None
    assert board.text.splitlines()[:4] == [
        "Your open applications: 2, newest first.",
        "",
        "1. Globex (Data analyst) · waiting · 12 days",
        '2. =HYPERLINK("http://evil.example","Click me") (Analyst) · heard back · 23 days',
    ]


async def test_bad_rows_are_listed_and_nothing_is_imported(
    alice: UserClient, bot: BotHarness
) -> None:
    data = (
        b"company,role,date,status\n"
        b"Globex,Analyst,2026-11-13,applied\n"
        b",Analyst,2026-11-13,applied\n"
        b"Acme,,3/4/2026,applied\n"
        b"Acme,,2027-01-01,applied\n"
        b"Acme,,2026-11-01,maybe <later>\n"
    )
    await alice.send_document(data, "applications.csv", "text/csv")
    refused = await alice.expect_message()
    assert refused.text == (
        "4 rows can't be imported, so I imported nothing (all or nothing, so no list is left "
        "half-done):\n"
        "• line 3: no company\n"
        "• line 4: “3/4/2026” could be two different days (write 2026-04-03)\n"
        "• line 5: “2027-01-01” is in the future\n"
        "• line 6: I don't know the status “maybe <later>” (applied, heard back, interview, "
        "offer, rejected, no response, withdrawn)\n"
        "\n"
        "Fix them and send the file again."
    )
    assert await count(bot) == 0 and await count(bot, "application_imports") == 0


async def test_hostile_files_are_refused_cleanly(alice: UserClient, bot: BotHarness) -> None:
    ten_mb = b"company\n" + b"A" * (10 * 1024 * 1024)
    await alice.send_document(ten_mb, "huge.csv", "text/csv")
    refused = await alice.expect_message()
    assert refused.text is not None and refused.text.startswith("That file is too big")
    assert bot.emulator.calls("getFile") == []  # refused before it was downloaded

    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    await alice.send_document(png, "jobs.csv", "text/csv")
    assert (await alice.expect_message()).text == (
        "That file isn't text — perhaps a spreadsheet in its own format. Save it as CSV UTF-8 "
        "and send that."
    )
    await alice.send_document("company\nMüller\n".encode("latin-1"), "jobs.csv", "text/csv")
    assert (await alice.expect_message()).text == (
        "I couldn't read the characters in that file. Save it as CSV UTF-8 and send it again."
    )
    many = b"company\n" + b"Globex\n" * (MAX_IMPORT_ROWS + 1)
    assert len(many) < MAX_IMPORT_BYTES
    await alice.send_document(many, "jobs.csv", "text/csv")
    assert (await alice.expect_message()).text == (
        "That file has 2001 rows; I import at most 2000 at a time. Split it and send the parts."
    )
    xlsx = b"PK\x03\x04" + b"\x00" * 64
    await alice.send_document(
        xlsx, "jobs.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    not_csv = await alice.expect_message()
    assert not_csv.text is not None and not_csv.text.startswith("I can import applications")
    assert len(bot.emulator.calls("getFile")) == 3  # only the three that looked like CSV
    assert await count(bot) == 0 and await count(bot, "application_imports") == 0


async def test_cancel_the_preview(alice: UserClient, bot: BotHarness) -> None:
    await alice.send_document(b"company\nGlobex\n", "jobs.txt", "text/plain")
    preview = await alice.expect_message()
    assert preview.text is not None and "There is no date column" in preview.text
    await alice.press(preview, texts.BUTTON_CANCEL)
    assert (await alice.expect_message()).text == texts.IMPORT_CANCELLED
    status = await bot.svc.db.fetchval("SELECT status FROM application_imports")
    assert status == "cancelled" and await count(bot) == 0
