"""Numbered migrations, applied in order and recorded, from the first version on."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("launchtui")


def _append_only(db: sqlite_utils.Database, table: str) -> None:
    for verb in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


@migrations()
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


SCHEMA_VERSION = len(migrations._migrations)
MIGRATION_NAMES = {m.name for m in migrations._migrations}
