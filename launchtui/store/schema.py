"""Numbered migrations, applied in order and recorded, from the first version on.

sqlite-utils' `Migrations` applies them and records each by function name in
`_sqlite_migrations` (set "launchtui"), as it has since the first version. Which are
applied is read with plain SQL, so opening an up-to-date database never imports
sqlite-utils (~45 ms of every start-up); it is imported only when some are pending.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from launchtui.store.lazy_sqlite_utils import import_sqlite_utils

if TYPE_CHECKING:
    import sqlite_utils

    from launchtui.store.database import Database

MIGRATION_SET = "launchtui"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite_utils.Migrations.migrations_table

Migration = Callable[["sqlite_utils.Database"], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register the next migration; its function name is its recorded name forever."""
    MIGRATIONS.append(fn)
    return fn


def _append_only(db: sqlite_utils.Database, table: str) -> None:
    for verb in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


@migration
def m001_rollout_and_ticks(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE rollout_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            tool TEXT NOT NULL,
            launch_date TEXT NOT NULL,
            template TEXT NOT NULL,
            team_size INTEGER,
            reason TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE tick_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('tick', 'untick', 'skip')),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            note TEXT,
            undo_of INTEGER REFERENCES tick_events(id)
        )
        """
    )
    db.execute("CREATE INDEX tick_events_key ON tick_events(key, id)")
    db.execute("CREATE INDEX tick_events_actor ON tick_events(login, user, id)")
    _append_only(db, "rollout_events")
    _append_only(db, "tick_events")


@migration
def m002_issue_log(db: sqlite_utils.Database) -> None:
    """The issue log: `issue_events` is the truth; `issues` is a projection of it.

    `issue_events` is append-only. `issues` holds each issue's current state as
    `launchtui.domain.issues.fold` derives it from the events, rewritten in the same
    transaction as every event append, so that listing, filtering, counting and
    exporting 100,000 issues need no fold. It may be UPDATEd (it is a cache); its rows
    are never deleted, so issue numbers are never reused.
    """
    db.execute(
        """
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            detail TEXT,
            severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
            tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),
            status TEXT NOT NULL CHECK (status IN ('open', 'workaround', 'resolved')),
            workaround TEXT,
            resolution TEXT,
            phase INTEGER,
            "window" TEXT,
            location TEXT,
            assignee TEXT,
            reporter TEXT NOT NULL,
            reporter_login TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            resolved_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE issue_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            issue_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('logged', 'edited', 'escalated', 'workaround', 'resolved', 'reopened')),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            changes TEXT NOT NULL
        )
        """
    )
    # The listing order (unresolved first, critical first, oldest first) as an index on
    # the very expressions `IssueLog` sorts by, so a page of the list reads no more rows.
    db.execute(
        "CREATE INDEX issues_order ON issues ((status = 'resolved'),"
        " (CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END), created_at, id)"
    )
    db.execute("CREATE INDEX issues_status ON issues (status, severity)")
    db.execute("CREATE INDEX issues_severity ON issues (severity, status)")
    db.execute("CREATE INDEX issues_updated ON issues (updated_at)")
    db.execute("CREATE INDEX issue_events_issue ON issue_events (issue_id, id)")
    _append_only(db, "issue_events")
    db.execute(
        "CREATE TRIGGER issues_no_delete BEFORE DELETE ON issues "
        "BEGIN SELECT RAISE(ABORT, 'issues are never deleted; resolve them instead'); END"
    )


@migration
def m003_figures_overrides_plans(db: sqlite_utils.Database) -> None:
    """Adoption figures, gate overrides and edited phase plans: three append-only logs."""
    percent = "REAL CHECK ({0} IS NULL OR {0} BETWEEN 0 AND 100)"
    db.execute(
        f"""
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            phase INTEGER NOT NULL CHECK (phase >= 1),
            date TEXT NOT NULL,
            accounts {percent.format("accounts")},
            active_weekly {percent.format("active_weekly")},
            active_daily {percent.format("active_daily")},
            workflows {percent.format("workflows")},
            old_system {percent.format("old_system")},
            satisfaction REAL CHECK (satisfaction IS NULL OR satisfaction BETWEEN 0 AND 10),
            nps INTEGER CHECK (nps IS NULL OR nps BETWEEN -100 AND 100),
            tickets INTEGER CHECK (tickets IS NULL OR tickets >= 0),
            training {percent.format("training")},
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX figures_phase_date ON figures (phase, date, id)")
    db.execute("CREATE INDEX figures_date ON figures (date, id)")
    db.execute(
        """
        CREATE TABLE gate_overrides (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('hold', 'go', 'lift')),
            reason TEXT CHECK (kind = 'lift' OR length(trim(reason)) > 0),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE phase_plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_json TEXT NOT NULL CHECK (json_valid(plan_json)),
            reason TEXT,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    _append_only(db, "figures")
    _append_only(db, "gate_overrides")
    _append_only(db, "phase_plans")


@migration
def m004_retro_and_comms(db: sqlite_utils.Database) -> None:
    """Retrospective notes and comms facts.

    `retro_events` is the truth about notes (append-only): a `written` event per note,
    an `edited` event per change, each with its changes as JSON. `retro_notes` is its
    projection, rewritten in the same transaction as each append, like `issues`; its rows
    are never deleted, so note numbers are never reused. `comms_facts` is an append-only
    key/value log: the latest row of a key is its value (NULL: cleared).
    """
    db.execute(
        """
        CREATE TABLE retro_notes (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('went-well', 'lesson', 'thanks', 'next-step')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            phase INTEGER,
            "window" TEXT,
            issue_id INTEGER,
            item_key TEXT,
            author TEXT NOT NULL,
            author_login TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            edits INTEGER NOT NULL DEFAULT 0 CHECK (edits >= 0),
            editor TEXT,
            editor_login TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE retro_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            note_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('written', 'edited')),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            changes TEXT NOT NULL CHECK (json_valid(changes))
        )
        """
    )
    db.execute("CREATE INDEX retro_events_note ON retro_events (note_id, id)")
    db.execute("CREATE INDEX retro_notes_kind ON retro_notes (kind, created_at, id)")
    db.execute("CREATE INDEX retro_notes_phase ON retro_notes (phase, created_at, id)")
    _append_only(db, "retro_events")
    db.execute(
        "CREATE TRIGGER retro_notes_no_delete BEFORE DELETE ON retro_notes "
        "BEGIN SELECT RAISE(ABORT, 'notes are never deleted; edit them instead'); END"
    )
    db.execute(
        """
        CREATE TABLE comms_facts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL CHECK (length(key) > 0),
            value TEXT,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX comms_facts_key ON comms_facts (key, id)")
    _append_only(db, "comms_facts")


@migration
def m005_locations(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE location_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            tz TEXT NOT NULL,
            champion TEXT,
            removed INTEGER NOT NULL DEFAULT 0,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX location_events_name ON location_events (name COLLATE NOCASE, id)")
    _append_only(db, "location_events")
    # Where a tick was made: the ticker's location, when one is set.
    db.execute("ALTER TABLE tick_events ADD COLUMN location TEXT")


@migration
def m006_decisions_and_exceptions(db: sqlite_utils.Database) -> None:
    """Phase decisions with their evidence; ticks made against a rule keep why."""
    db.execute(
        """
        CREATE TABLE phase_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            phase INTEGER NOT NULL CHECK (phase >= 1),
            decision TEXT NOT NULL CHECK (decision IN ('go', 'hold', 'stop')),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            decided_on TEXT NOT NULL,
            gate_state TEXT NOT NULL,
            against_gate INTEGER NOT NULL CHECK (against_gate IN (0, 1)),
            evidence_json TEXT NOT NULL CHECK (json_valid(evidence_json))
        )
        """
    )
    db.execute("CREATE INDEX phase_decisions_phase ON phase_decisions (phase, id)")
    _append_only(db, "phase_decisions")
    # A tick made although a rule said not yet (the old system off below 80%): the rule,
    # the figure then and the coordinator's reason, as JSON.
    db.execute(
        "ALTER TABLE tick_events ADD COLUMN exception TEXT"
        " CHECK (exception IS NULL OR json_valid(exception))"
    )


@migration
def m007_figure_imports(db: sqlite_utils.Database) -> None:
    """A `metrics import` writes in many short transactions, shown only once complete.

    Each import is a row of `figure_imports`; its figures carry its id (`import_id`; NULL
    for figures recorded one by one). The import's last transaction adds its
    `figure_import_ends` row, `saved`, and only then are its figures shown. One that
    failed, was interrupted or died half-way ends `abandoned` (or has no end yet) and its
    figures are never shown; those, and only those, may be deleted, to clean up.
    """
    db.execute(
        """
        CREATE TABLE figure_imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            started_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE figure_import_ends (
            import_id INTEGER PRIMARY KEY REFERENCES figure_imports (id),
            outcome TEXT NOT NULL CHECK (outcome IN ('saved', 'abandoned')),
            rows INTEGER NOT NULL CHECK (rows >= 0),
            at TEXT NOT NULL
        )
        """
    )
    _append_only(db, "figure_imports")
    _append_only(db, "figure_import_ends")
    db.execute("ALTER TABLE figures ADD COLUMN import_id INTEGER")
    db.execute("CREATE INDEX figures_import ON figures (import_id) WHERE import_id IS NOT NULL")
    db.execute("DROP TRIGGER figures_no_delete")
    db.execute(
        "CREATE TRIGGER figures_no_delete BEFORE DELETE ON figures"
        " WHEN OLD.import_id IS NULL OR EXISTS (SELECT 1 FROM figure_import_ends"
        " WHERE import_id = OLD.import_id AND outcome = 'saved')"
        " BEGIN SELECT RAISE(ABORT, 'figures is append-only'); END"
    )


@migration
def m008_notes(db: sqlite_utils.Database) -> None:
    """Notes on checklist items, each by its own author: a note never re-records a tick.

    Append-only. A row with `undo_of` set is the undo of that note (its author's `u`) and
    has no text. `after_tick` is the newest `tick_events` id when the note was written,
    which orders notes among ticks (for `history` and for undo).
    """
    db.execute(
        """
        CREATE TABLE tick_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
            location TEXT,
            after_tick INTEGER NOT NULL,
            undo_of INTEGER REFERENCES tick_notes (id),
            CHECK ((note IS NULL) = (undo_of IS NOT NULL))
        )
        """
    )
    db.execute("CREATE INDEX tick_notes_key ON tick_notes (key, id)")
    db.execute("CREATE INDEX tick_notes_actor ON tick_notes (login, user, id)")
    _append_only(db, "tick_notes")


@migration
def m009_comms_facts_by_language(db: sqlite_utils.Database) -> None:
    """Comms facts per language, so a mail in one language never borrows another's text.

    `comms_facts.lang` is the language a value is written in; a row from before has NULL,
    which reads as the rollout's language. `rollout_events.lang` is the language the rollout
    was made in (NULL before: the language of whoever reads it).
    """
    db.execute(
        "ALTER TABLE comms_facts ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'nl'))"
    )
    db.execute("ALTER TABLE rollout_events ADD COLUMN lang TEXT")


@migration
def m010_sessions(db: sqlite_utils.Database) -> None:
    """Training sessions and office hours (issue 17), like the issue log: `session_events`
    is the append-only truth (each change with its fields as JSON), `sessions` its
    projection, rewritten in the same transaction as each append; its rows are never
    deleted (a session is cancelled), so session numbers are never reused. A start is kept
    as the wall time and zone where it happens and as UTC, for ordering across zones."""
    db.execute(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            phase INTEGER NOT NULL CHECK (phase >= 1),
            location TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('training', 'office-hour')),
            start_local TEXT NOT NULL,
            tz TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            host TEXT,
            place TEXT,
            status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
            attended INTEGER CHECK (attended IS NULL OR attended >= 0),
            revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
            created_by TEXT NOT NULL,
            created_login TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE session_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('planned', 'moved', 'cancelled', 'held')),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            changes TEXT NOT NULL CHECK (json_valid(changes))
        )
        """
    )
    db.execute("CREATE INDEX sessions_start ON sessions (start_utc, id)")
    db.execute("CREATE INDEX session_events_session ON session_events (session_id, id)")
    _append_only(db, "session_events")
    db.execute(
        "CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions "
        "BEGIN SELECT RAISE(ABORT, 'sessions are never deleted; cancel them instead'); END"
    )


@migration
def m011_value(db: sqlite_utils.Database) -> None:
    """What each phase returned, and the resistance heard: five append-only logs.

    `value_measures` (the latest row of a name is the measure), `value_readings`
    (baseline and impact figures per phase's group), `value_costs` (in the currency paid,
    with the rate to the organisation's recorded per entry), `value_settings` (a
    key/value log: the organisation's currency, the hourly cost) and `objections`.
    """
    db.execute(
        """
        CREATE TABLE value_measures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            unit TEXT NOT NULL CHECK (length(trim(unit)) > 0),
            lower_is_better INTEGER NOT NULL CHECK (lower_is_better IN (0, 1)),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX value_measures_name ON value_measures (name COLLATE NOCASE, id)")
    db.execute(
        """
        CREATE TABLE value_readings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            measure TEXT NOT NULL,
            phase INTEGER NOT NULL CHECK (phase >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('baseline', 'impact')),
            date TEXT NOT NULL,
            value REAL NOT NULL,
            source TEXT,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX value_readings_phase ON value_readings (phase, date, id)")
    db.execute(
        """
        CREATE TABLE value_costs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL CHECK (length(trim(label)) > 0),
            amount REAL NOT NULL CHECK (amount >= 0),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            rate REAL NOT NULL CHECK (rate > 0),
            kind TEXT NOT NULL CHECK (kind IN ('one-off', 'recurring')),
            period TEXT CHECK (period IS NULL OR period IN ('month', 'year')),
            date TEXT NOT NULL,
            phase INTEGER CHECK (phase IS NULL OR phase >= 1),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE value_settings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL CHECK (length(key) > 0),
            value TEXT,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE objections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            phase INTEGER CHECK (phase IS NULL OR phase >= 1),
            location TEXT,
            person TEXT,
            said TEXT,
            response TEXT,
            helped INTEGER CHECK (helped IS NULL OR helped IN (0, 1)),
            date TEXT NOT NULL,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX objections_kind ON objections (kind, phase, id)")
    for table in (
        "value_measures",
        "value_readings",
        "value_costs",
        "value_settings",
        "objections",
    ):
        _append_only(db, table)


@migration
def m012_objection_outcomes(db: sqlite_utils.Database) -> None:
    """Whether the response to an objection helped, learnt later (issue 18): the
    objections table is append-only, so each later verdict is a row of its own here and
    the latest one stands; the one given when the objection was logged stays as it was."""
    db.execute(
        """
        CREATE TABLE objection_outcomes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            objection_id INTEGER NOT NULL REFERENCES objections (id),
            helped INTEGER NOT NULL CHECK (helped IN (0, 1)),
            note TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
            date TEXT NOT NULL,
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX objection_outcomes_objection ON objection_outcomes (objection_id, id)")
    _append_only(db, "objection_outcomes")


@migration
def m013_location_workdays(db: sqlite_utils.Database) -> None:
    """A location's working days (issue 17: sessions fall on them), as the day codes
    `--workdays` takes, 'sun,mon,tue,wed,thu' say; NULL, as every location saved before,
    is Monday to Friday."""
    db.execute(
        "ALTER TABLE location_events ADD COLUMN workdays TEXT"
        " CHECK (workdays IS NULL OR length(workdays) >= 3)"
    )


@migration
def m014_issue_comments(db: sqlite_utils.Database) -> None:
    """Comments on an issue's timeline (issue 16): `issue_events` takes the kind
    'commented'. SQLite cannot change a CHECK in place, so the table is built again
    with every event as it was, and its index and append-only triggers with it."""
    db.execute(
        """
        CREATE TABLE issue_events_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            issue_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('logged', 'edited', 'escalated', 'workaround', 'resolved', 'reopened',
                 'commented')),
            user TEXT NOT NULL,
            login TEXT NOT NULL,
            at TEXT NOT NULL,
            changes TEXT NOT NULL
        )
        """
    )
    db.execute(
        "INSERT INTO issue_events_new (id, issue_id, kind, user, login, at, changes)"
        " SELECT id, issue_id, kind, user, login, at, changes FROM issue_events ORDER BY id"
    )
    db.execute("DROP TABLE issue_events")  # its triggers and index go with it
    db.execute("ALTER TABLE issue_events_new RENAME TO issue_events")
    db.execute("CREATE INDEX issue_events_issue ON issue_events (issue_id, id)")
    _append_only(db, "issue_events")


SCHEMA_VERSION = len(MIGRATIONS)
MIGRATION_NAMES = frozenset(fn.__name__ for fn in MIGRATIONS)


def applied_names(db: Database) -> list[str]:
    """This set's applied migrations, oldest first (none when the table is missing)."""
    if MIGRATIONS_TABLE not in db.table_names():
        return []
    rows = db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [row[0] for row in rows]


def apply_pending(db: Database) -> None:
    """Apply the pending migrations with sqlite-utils, which records them as it always has.

    Call it inside the caller's write transaction (`immediate`): each migration then runs
    in a savepoint of it, and all of them land together or not at all.
    """
    sqlite_utils = import_sqlite_utils()
    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        migrations()(fn)
    migrations.apply(sqlite_utils.Database(db.conn, execute_plugins=False))
