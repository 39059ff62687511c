"""Numbered schema migrations, tracked with ``PRAGMA user_version``.

Each migration is a tuple of statements applied in one transaction together with the new
``user_version``, so a crash leaves the schema at the previous version, never half-way.
Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import logging

import aiosqlite

log = logging.getLogger(__name__)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Comeback; refusing to touch it."""


MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1 — foundation: users and PTB's conversation persistence.
    (
        """
        CREATE TABLE users (
            user_id          INTEGER PRIMARY KEY,
            chat_id          INTEGER NOT NULL,
            first_name       TEXT    NOT NULL DEFAULT '',
            language_code    TEXT,
            timezone         TEXT    NOT NULL DEFAULT 'UTC',
            checkin_weekday  INTEGER NOT NULL DEFAULT 6 CHECK (checkin_weekday BETWEEN 0 AND 6),
            checkin_time     TEXT    NOT NULL DEFAULT '18:00',
            next_checkin_due TEXT,
            paused           INTEGER NOT NULL DEFAULT 0,
            blocked_since    TEXT,
            onboarded_at     TEXT,
            created_at       TEXT    NOT NULL
        )
        """,
        """
        CREATE INDEX users_checkin_due ON users (next_checkin_due)
        WHERE next_checkin_due IS NOT NULL AND paused = 0 AND blocked_since IS NULL
        """,
        """
        CREATE TABLE ptb_conversations (
            name  TEXT NOT NULL,
            key   TEXT NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (name, key)
        )
        """,
        """
        CREATE TABLE ptb_user_data (
            user_id INTEGER PRIMARY KEY,
            data    TEXT NOT NULL
        )
        """,
    ),
    # 2 — core flows: rejections, if-then plans, wins.
    (
        """
        CREATE TABLE rejections (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            kind        TEXT    NOT NULL,
            other_text  TEXT,
            where_text  TEXT,
            hurt        INTEGER NOT NULL CHECK (hurt BETWEEN 1 AND 5),
            hurt_after  INTEGER CHECK (hurt_after BETWEEN 1 AND 5),
            in_control  TEXT,
            created_at  TEXT    NOT NULL
        )
        """,
        "CREATE INDEX rejections_user ON rejections (user_id, created_at)",
        """
        CREATE TABLE plans (
            id            INTEGER PRIMARY KEY,
            user_id       INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            rejection_id  INTEGER REFERENCES rejections (id) ON DELETE SET NULL,
            if_do         TEXT    NOT NULL,
            then_happens  TEXT    NOT NULL,
            follow_up_on  TEXT,
            follow_up_due TEXT,
            status        TEXT    NOT NULL DEFAULT 'open'
                                  CHECK (status IN ('open', 'done', 'dropped')),
            created_at    TEXT    NOT NULL,
            closed_at     TEXT
        )
        """,
        "CREATE INDEX plans_user ON plans (user_id, created_at)",
        """
        CREATE INDEX plans_follow_up_due ON plans (follow_up_due)
        WHERE follow_up_due IS NOT NULL AND status = 'open'
        """,
        """
        CREATE TABLE wins (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            text       TEXT    NOT NULL,
            source     TEXT    NOT NULL DEFAULT 'win',
            created_at TEXT    NOT NULL
        )
        """,
        "CREATE INDEX wins_user ON wins (user_id, created_at)",
    ),
    # 3 — weekly check-ins (one per ISO week in the user's zone) and pause periods.
    (
        """
        CREATE TABLE checkins (
            id           INTEGER PRIMARY KEY,
            user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            iso_year     INTEGER NOT NULL,
            iso_week     INTEGER NOT NULL,
            worked       TEXT,
            didnt        TEXT,
            people       TEXT,
            started_at   TEXT    NOT NULL,
            completed_at TEXT,
            UNIQUE (user_id, iso_year, iso_week)
        )
        """,
        """
        CREATE TABLE pauses (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            started_at TEXT    NOT NULL,
            ended_at   TEXT
        )
        """,
        "CREATE INDEX pauses_user ON pauses (user_id, started_at)",
    ),
    # ops — operations: a key/value table read by `comeback health` (heartbeat, webhook
    # secret) and the sends that failed for good (counted by health, pruned after a week).
    (
        "CREATE TABLE ops_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE ops_send_failures (
            id      INTEGER PRIMARY KEY,
            at      TEXT    NOT NULL,
            method  TEXT    NOT NULL,
            chat_id INTEGER,
            error   TEXT    NOT NULL
        )
        """,
        "CREATE INDEX ops_send_failures_at ON ops_send_failures (at)",
    ),
    # feedback rounds (anonymous answers; givers kept only as a per-round salted hash) and
    # the focus history (one current focus per user: ended_at IS NULL).
    (
        """
        CREATE TABLE feedback_rounds (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            token      TEXT    NOT NULL UNIQUE,
            salt       TEXT    NOT NULL,
            goal       TEXT,
            asked      INTEGER NOT NULL DEFAULT 10 CHECK (asked BETWEEN 1 AND 100),
            created_at TEXT    NOT NULL,
            expires_at TEXT    NOT NULL,
            closed_at  TEXT
        )
        """,
        "CREATE INDEX feedback_rounds_user ON feedback_rounds (user_id, created_at)",
        """
        CREATE TABLE feedback_answers (
            id         INTEGER PRIMARY KEY,
            round_id   INTEGER NOT NULL REFERENCES feedback_rounds (id) ON DELETE CASCADE,
            do_better  TEXT,
            adjectives TEXT    NOT NULL DEFAULT '[]',
            other      TEXT,
            created_on TEXT    NOT NULL
        )
        """,
        "CREATE INDEX feedback_answers_round ON feedback_answers (round_id)",
        """
        CREATE TABLE feedback_givers (
            round_id   INTEGER NOT NULL REFERENCES feedback_rounds (id) ON DELETE CASCADE,
            giver_hash TEXT    NOT NULL,
            PRIMARY KEY (round_id, giver_hash)
        )
        """,
        """
        CREATE TABLE focus (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            text       TEXT    NOT NULL,
            source     TEXT    NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'feedback')),
            started_at TEXT    NOT NULL,
            ended_at   TEXT
        )
        """,
        "CREATE INDEX focus_user ON focus (user_id, started_at)",
        "CREATE UNIQUE INDEX focus_one_current ON focus (user_id) WHERE ended_at IS NULL",
    ),
    # accountability groups: circles (one per Telegram group), memberships, shares (one group
    # post each), cheers, and the pending daily cheer note per author. Every table that
    # refers to a person has a user_id column (the data issue's /delete goes by it).
    (
        """
        CREATE TABLE circles (
            id              INTEGER PRIMARY KEY,
            chat_id         INTEGER NOT NULL UNIQUE,
            title           TEXT    NOT NULL DEFAULT '',
            join_token      TEXT    NOT NULL UNIQUE,
            active          INTEGER NOT NULL DEFAULT 1,
            removed_at      TEXT,
            digest_on       INTEGER NOT NULL DEFAULT 0,
            digest_timezone TEXT    NOT NULL DEFAULT 'UTC',
            digest_weekday  INTEGER NOT NULL DEFAULT 6 CHECK (digest_weekday BETWEEN 0 AND 6),
            digest_time     TEXT    NOT NULL DEFAULT '19:00',
            digest_next_due TEXT,
            created_at      TEXT    NOT NULL
        )
        """,
        """
        CREATE INDEX circles_digest_due ON circles (digest_next_due)
        WHERE digest_next_due IS NOT NULL AND digest_on = 1 AND active = 1
        """,
        """
        CREATE TABLE memberships (
            circle_id INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
            user_id   INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            joined_at TEXT    NOT NULL,
            PRIMARY KEY (circle_id, user_id)
        )
        """,
        "CREATE INDEX memberships_user ON memberships (user_id)",
        """
        CREATE TABLE shares (
            id           INTEGER PRIMARY KEY,
            circle_id    INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
            user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            win_id       INTEGER REFERENCES wins (id) ON DELETE CASCADE,
            plan_id      INTEGER REFERENCES plans (id) ON DELETE CASCADE,
            with_details INTEGER NOT NULL DEFAULT 0,
            chat_id      INTEGER,
            message_id   INTEGER,
            cheers_shown INTEGER NOT NULL DEFAULT 0,
            shared_at    TEXT    NOT NULL,
            CHECK ((win_id IS NULL) <> (plan_id IS NULL)),
            UNIQUE (circle_id, win_id),
            UNIQUE (circle_id, plan_id)
        )
        """,
        "CREATE INDEX shares_user ON shares (user_id)",
        "CREATE INDEX shares_circle ON shares (circle_id, shared_at)",
        """
        CREATE TABLE cheers (
            share_id    INTEGER NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
            user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            created_at  TEXT    NOT NULL,
            notified_at TEXT,
            PRIMARY KEY (share_id, user_id)
        )
        """,
        "CREATE INDEX cheers_user ON cheers (user_id)",
        """
        CREATE TABLE cheer_notes (
            user_id INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
            due_at  TEXT    NOT NULL
        )
        """,
    ),
    # plans by rejection: /history looks up each listed rejection's plans, and deleting a
    # rejection sets its plans' rejection_id to NULL; without it both scan every plan
    # (bench/store_scale.py: /history grew ~4x from 500k to 5M entries for the same user).
    ("CREATE INDEX plans_rejection ON plans (rejection_id) WHERE rejection_id IS NOT NULL",),
    # inbox: every update from Telegram is written here before Telegram is told it arrived
    # (bot/ops/inbox.py); ``raw`` is the update until it is handled, then NULL (only the id
    # stays, to recognise a repeated delivery, for a day). And the update that saved each
    # entry: a replayed update finds its entry instead of saving a second one.
    (
        """
        CREATE TABLE inbox (
            update_id   INTEGER PRIMARY KEY,
            user_id     INTEGER,
            chat_id     INTEGER,
            received_at TEXT    NOT NULL,
            raw         TEXT,
            handled_at  TEXT
        )
        """,
        "CREATE INDEX inbox_pending ON inbox (received_at) WHERE handled_at IS NULL",
        "CREATE INDEX inbox_handled ON inbox (handled_at) WHERE handled_at IS NOT NULL",
        "CREATE INDEX inbox_user ON inbox (user_id) WHERE user_id IS NOT NULL",
        "ALTER TABLE rejections ADD COLUMN update_id INTEGER",
        "ALTER TABLE plans ADD COLUMN update_id INTEGER",
        "ALTER TABLE wins ADD COLUMN update_id INTEGER",
        """
        CREATE UNIQUE INDEX rejections_update ON rejections (user_id, update_id)
        WHERE update_id IS NOT NULL
        """,
        "CREATE UNIQUE INDEX plans_update ON plans (user_id, update_id) "
        "WHERE update_id IS NOT NULL",
        "CREATE UNIQUE INDEX wins_update ON wins (user_id, update_id) WHERE update_id IS NOT NULL",
    ),
    # applications: applications, meeting requests and recruiter contacts with
    # their stage, the days of the funnel's steps (local dates), and what is due about each
    # (UTC: the silence question, the interview's note and "how did it go?"); the CSV
    # imports (rows kept as JSON between the preview and the tap that imports them); the
    # day of each person's last follow-up message (one a day); progress shared in circles.
    (
        """
        CREATE TABLE application_imports (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            file_name   TEXT    NOT NULL DEFAULT '',
            rows        TEXT,
            row_count   INTEGER NOT NULL,
            status      TEXT    NOT NULL DEFAULT 'preview'
                                CHECK (status IN ('preview', 'imported', 'undone', 'cancelled')),
            created_at  TEXT    NOT NULL,
            imported_at TEXT
        )
        """,
        "CREATE INDEX application_imports_user ON application_imports (user_id, created_at)",
        """
        CREATE TABLE applications (
            id             INTEGER PRIMARY KEY,
            user_id        INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            kind           TEXT    NOT NULL DEFAULT 'application'
                                   CHECK (kind IN ('application', 'meeting', 'recruiter')),
            company        TEXT    NOT NULL,
            role           TEXT,
            link           TEXT,
            applied_on     TEXT    NOT NULL,
            stage          TEXT    NOT NULL DEFAULT 'applied'
                                   CHECK (stage IN ('applied', 'heard', 'interview', 'offer',
                                                    'rejected', 'no_response', 'withdrawn')),
            news_at        TEXT    NOT NULL,
            answered_on    TEXT,
            interview_on   TEXT,
            offer_on       TEXT,
            closed_on      TEXT,
            interview_date TEXT,
            follow_up_due  TEXT,
            note_due       TEXT,
            check_due      TEXT,
            asks           INTEGER NOT NULL DEFAULT 0,
            pending        TEXT    CHECK (pending IN ('silence', 'note', 'check')),
            rejection_id   INTEGER REFERENCES rejections (id) ON DELETE SET NULL,
            import_id      INTEGER REFERENCES application_imports (id) ON DELETE SET NULL,
            update_id      INTEGER,
            created_at     TEXT    NOT NULL
        )
        """,
        "CREATE INDEX applications_user ON applications (user_id, applied_on)",
        """
        CREATE INDEX applications_follow_up_due ON applications (follow_up_due)
        WHERE follow_up_due IS NOT NULL
        """,
        "CREATE INDEX applications_note_due ON applications (note_due) WHERE note_due IS NOT NULL",
        """
        CREATE INDEX applications_check_due ON applications (check_due)
        WHERE check_due IS NOT NULL
        """,
        "CREATE INDEX applications_pending ON applications (user_id) WHERE pending IS NOT NULL",
        "CREATE INDEX applications_import ON applications (import_id) WHERE import_id IS NOT NULL",
        """
        CREATE UNIQUE INDEX applications_update ON applications (user_id, update_id)
        WHERE update_id IS NOT NULL
        """,
        """
        CREATE TABLE application_asks (
            user_id INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
            last_on TEXT    NOT NULL
        )
        """,
        """
        CREATE TABLE application_shares (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            circle_id  INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
            iso_year   INTEGER NOT NULL,
            iso_week   INTEGER NOT NULL,
            sent       INTEGER NOT NULL,
            chat_id    INTEGER,
            message_id INTEGER,
            shared_at  TEXT    NOT NULL,
            UNIQUE (user_id, circle_id, iso_year, iso_week)
        )
        """,
    ),
    # notes ("nothing typed is lost"): a message typed outside any flow that the
    # person chose to keep as it is; and the words a rejection was logged from ("Log this
    # as a rejection?"), kept beside its answers.
    (
        """
        CREATE TABLE notes (
            id         INTEGER PRIMARY KEY,
            user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            text       TEXT    NOT NULL,
            created_at TEXT    NOT NULL,
            update_id  INTEGER
        )
        """,
        "CREATE INDEX notes_user ON notes (user_id, created_at)",
        """
        CREATE UNIQUE INDEX notes_update ON notes (user_id, update_id)
        WHERE update_id IS NOT NULL
        """,
        "ALTER TABLE rejections ADD COLUMN note TEXT",
    ),
    # privacy and hardening. Feedback givers: hashes keyed with the server secret
    # (the old unkeyed ones could be matched to ids, and can't be checked any more: dropped),
    # in a table that keeps no arrival order; answers without a date, with random ids; the
    # seeker told about new answers once a day (answers_note_due), as a count. Digest posts
    # are tracked (with the shares they list) so unsharing and /delete can edit them.
    (
        "DROP TABLE feedback_givers",
        """
        CREATE TABLE feedback_givers (
            round_id   INTEGER NOT NULL REFERENCES feedback_rounds (id) ON DELETE CASCADE,
            giver_hash TEXT    NOT NULL,
            PRIMARY KEY (round_id, giver_hash)
        ) WITHOUT ROWID
        """,
        "ALTER TABLE feedback_answers DROP COLUMN created_on",
        "UPDATE feedback_answers SET id = (random() & 4611686018427387903) + 1",
        "ALTER TABLE feedback_rounds ADD COLUMN answers_told INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE feedback_rounds ADD COLUMN answers_note_due TEXT",
        """
        UPDATE feedback_rounds SET answers_told =
            (SELECT COUNT(*) FROM feedback_answers a WHERE a.round_id = feedback_rounds.id)
        """,
        """
        CREATE INDEX feedback_rounds_note_due ON feedback_rounds (answers_note_due)
        WHERE answers_note_due IS NOT NULL
        """,
        """
        CREATE TABLE digest_posts (
            id         INTEGER PRIMARY KEY,
            circle_id  INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            checked_in INTEGER NOT NULL,
            members    INTEGER NOT NULL,
            posted_at  TEXT    NOT NULL
        )
        """,
        """
        CREATE TABLE digest_lines (
            digest_id INTEGER NOT NULL REFERENCES digest_posts (id) ON DELETE CASCADE,
            share_id  INTEGER NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            PRIMARY KEY (digest_id, share_id)
        )
        """,
        "CREATE INDEX digest_lines_share ON digest_lines (share_id)",
    ),
    # languages: the language a person chose in /settings (NULL: follow their Telegram's
    # language_code), and each circle's language (whoever added the bot; NULL: English).
    (
        "ALTER TABLE users ADD COLUMN language TEXT",
        "ALTER TABLE circles ADD COLUMN language TEXT",
    ),
    # timely signals: a person's own quiet hours (NULL: the QUIET_HOURS setting; '': none),
    # and each kind of unscheduled note (cheers, feedback, applications) turned off or
    # snoozed until a moment (no row: on).
    (
        "ALTER TABLE users ADD COLUMN quiet_hours TEXT",
        """
        CREATE TABLE message_prefs (
            user_id       INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            kind          TEXT    NOT NULL,
            off           INTEGER NOT NULL DEFAULT 0,
            snoozed_until TEXT,
            PRIMARY KEY (user_id, kind)
        )
        """,
    ),
    # closing the loop on plans: "Did you do it?" is asked at most twice (follow_up_asks),
    # then the plan shows as overdue; after Done, whether its "then" happened (outcome:
    # yes / no / not_yet, when it was asked, how often, and when it is asked once more);
    # the win logged from it; the plan tried next after one that didn't work (parent_id).
    # The check-in keeps the answers to "Did you talk to …?" and "How is <focus> going?".
    (
        "ALTER TABLE plans ADD COLUMN follow_up_asks INTEGER NOT NULL DEFAULT 0",
        """
        UPDATE plans SET follow_up_asks = 1
        WHERE status = 'open' AND follow_up_due IS NULL AND follow_up_on IS NOT NULL
        """,
        """
        ALTER TABLE plans ADD COLUMN outcome TEXT
            CHECK (outcome IN ('yes', 'no', 'not_yet'))
        """,
        "ALTER TABLE plans ADD COLUMN outcome_asked_at TEXT",
        "ALTER TABLE plans ADD COLUMN outcome_asks INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE plans ADD COLUMN outcome_due TEXT",
        "ALTER TABLE plans ADD COLUMN win_id INTEGER REFERENCES wins (id) ON DELETE SET NULL",
        "ALTER TABLE plans ADD COLUMN parent_id INTEGER REFERENCES plans (id) ON DELETE SET NULL",
        "CREATE INDEX plans_outcome_due ON plans (outcome_due) WHERE outcome_due IS NOT NULL",
        "CREATE INDEX plans_parent ON plans (parent_id) WHERE parent_id IS NOT NULL",
        "ALTER TABLE checkins ADD COLUMN people_met TEXT CHECK (people_met IN ('yes', 'no'))",
        "ALTER TABLE checkins ADD COLUMN focus_note TEXT",
    ),
    # a person's own healthier belief, shown at each reframe; the earlier ones kept with
    # their dates (one current belief per user: replaced_at IS NULL).
    (
        """
        CREATE TABLE beliefs (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            text        TEXT    NOT NULL,
            source      TEXT    NOT NULL CHECK (source IN ('suggested', 'typed')),
            chosen_at   TEXT    NOT NULL,
            replaced_at TEXT
        )
        """,
        "CREATE INDEX beliefs_user ON beliefs (user_id, chosen_at)",
        "CREATE UNIQUE INDEX beliefs_one_current ON beliefs (user_id) WHERE replaced_at IS NULL",
    ),
)

LATEST_VERSION = len(MIGRATIONS)


async def current_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the schema up to ``target``; returns the version now in force."""
    version = await current_version(conn)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            f"the database schema is version {version}, but this Comeback knows only up to "
            f"{LATEST_VERSION}: upgrade Comeback or restore a matching backup"
        )
    while version < target:
        statements = MIGRATIONS[version]
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                await conn.execute(statement)
            # PRAGMA does not take bound parameters; the value is our own integer.
            await conn.execute(f"PRAGMA user_version = {version + 1:d}")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        await conn.execute("COMMIT")
        version += 1
        log.info("schema migrated to version %d", version)
    return version
