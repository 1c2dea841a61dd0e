"""The rollout's database: rollout snapshots and the tick log, read and appended."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import RuleException, TickEvent, TickNote, undo_action
from launchtui.store.database import Database, StoreError, connect, describe, immediate
from launchtui.store.driver import sqlite3
from launchtui.store.schema import (
    MIGRATION_NAMES,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    applied_names,
    apply_pending,
)

if TYPE_CHECKING:
    from launchtui.domain.phases import PhasePlan
    from launchtui.store.adoption_log import AdoptionLog
    from launchtui.store.issue_log import IssueLog
    from launchtui.store.location_log import LocationLog
    from launchtui.store.retro_log import RetroLog
    from launchtui.store.session_log import SessionLog
    from launchtui.store.value_log import ValueLog

# Given a key's deciding event inside the write transaction: the action to record and its
# rule exception, or an exception raised to refuse.
Decide = Callable[[TickEvent | None], tuple[str, RuleException | None]]


class RolloutExists(StoreError):
    """`init` on a database that already holds a rollout."""


class Store:
    """One connection to one database file. A thread worker opens a Store of its own."""

    def __init__(self, db: Database, path: Path):
        self.db = db
        self.path = path

    # The logs load on first use: a `tick` or `status` needs few of them, and each brings
    # its domain types (a start-up cost every command would pay).
    @cached_property
    def issues(self) -> IssueLog:
        from launchtui.store.issue_log import IssueLog

        return IssueLog(self.db)

    @cached_property
    def adoption(self) -> AdoptionLog:
        from launchtui.store.adoption_log import AdoptionLog

        return AdoptionLog(self.db)

    @cached_property
    def retro(self) -> RetroLog:
        from launchtui.store.retro_log import RetroLog

        return RetroLog(self.db)

    @cached_property
    def locations(self) -> LocationLog:
        from launchtui.store.location_log import LocationLog

        return LocationLog(self.db)

    @cached_property
    def value(self) -> ValueLog:
        from launchtui.store.value_log import ValueLog

        return ValueLog(self.db)

    @cached_property
    def sessions(self) -> SessionLog:
        from launchtui.store.session_log import SessionLog

        return SessionLog(self.db)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, create: bool = True) -> Store:
        """Open the database at `path`, creating and upgrading it when we may write.

        It opens read-only when asked, when ``$LAUNCHTUI_READONLY`` is set, when the
        user may not write the file or its folder, or when the disk is too full to open it
        for writing (`read_only`, `read_only_reason`). A file that is not a launchtui
        database, is damaged, or comes from a newer launchtui is refused with one line
        naming it, and left untouched. With `create` false a missing file is refused
        (`MissingDatabase`) instead of made: only `init`, `demo` and the app's first run
        make one.
        """
        db = connect(path, read_only=read_only, create=create)
        store = cls(db, path)
        try:
            store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(f"{path}: {describe(exc)}") from None
        except StoreError:
            db.close()
            raise
        return store

    @property
    def read_only(self) -> bool:
        """True when every write will be refused: show it, and offer no write actions."""
        return bool(getattr(self.db, "read_only", False))

    @property
    def read_only_reason(self) -> str | None:
        """Why the database is read-only for this user (None when it is not)."""
        return getattr(self.db, "read_only_reason", None) if self.read_only else None

    def _migrate(self) -> None:
        conn = self.db.conn
        conn.execute("BEGIN")  # one snapshot: another process may be creating the file now
        try:
            pending = self._check_schema()
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # it only read
        if pending:
            if self.read_only:
                raise StoreError(
                    f"the database {self.path} is read-only for you: {self.read_only_reason},"
                    " and it needs setting up for this launchtui; open it once with write access"
                )
            with immediate(self.db):
                if self._check_schema():
                    apply_pending(self.db)
                    self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _check_schema(self) -> bool:
        """Refuse another program's or a newer launchtui's file; True when migrations wait."""
        applied = set(applied_names(self.db))
        unknown = applied - MIGRATION_NAMES
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if unknown or version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer launchtui (schema {max(len(applied), version)},"
                f" this one knows {SCHEMA_VERSION}); upgrade launchtui to open it"
            )
        if not applied:
            others = sorted(
                name
                for name in self.db.table_names()
                if name != MIGRATIONS_TABLE and not name.startswith("sqlite_")
            )
            if others:
                raise StoreError(
                    f"{self.path}: not a launchtui database (it holds other tables:"
                    f" {', '.join(others[:5])}); nothing was changed"
                )
        return applied != MIGRATION_NAMES

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits: the cheap check behind live refresh."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    # -- rollout ---------------------------------------------------------------

    def rollout(self) -> Rollout | None:
        row = self._one("SELECT * FROM rollout_events ORDER BY id DESC LIMIT 1")
        if row is None:
            return None
        return Rollout(
            tool=row["tool"],
            launch=dt.date.fromisoformat(row["launch_date"]),
            template=row["template"],
            team_size=row["team_size"],
            phases=self.adoption.plan(),
            lang=row["lang"],
        )

    def create_rollout(
        self,
        rollout: Rollout,
        actor: Actor,
        now: dt.datetime,
        plan: PhasePlan | None = None,
    ) -> None:
        """Start the rollout, with its first `plan` (the template's, named in the rollout's
        language) when given: both in one transaction, so a crash never leaves a rollout
        without the names it was made with."""
        with immediate(self.db):
            existing = self.rollout()
            if existing is not None:
                raise RolloutExists(
                    f"{self.path} already holds the rollout of {existing.tool} "
                    f"(launch {existing.launch.isoformat()}); nothing was changed"
                )
            self._append_rollout(rollout, actor, now, reason="created")
            if plan is not None:
                self.adoption.append_plan(plan, None, actor, now)

    def update_rollout(
        self, rollout: Rollout, actor: Actor, now: dt.datetime, reason: str | None = None
    ) -> None:
        """Record a changed rollout (a launch-date slip, say); earlier snapshots stay."""
        with immediate(self.db):
            self._append_rollout(rollout, actor, now, reason=reason)

    def _append_rollout(self, r: Rollout, actor: Actor, now: dt.datetime, reason: str | None):
        self.db.execute(
            "INSERT INTO rollout_events (at, user, login, tool, launch_date, template, team_size,"
            " reason, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                now.isoformat(),
                actor.name,
                actor.login,
                r.tool,
                r.launch.isoformat(),
                r.template,
                r.team_size,
                reason,
                r.lang,
            ],
        )

    # -- ticks -----------------------------------------------------------------

    def record(
        self,
        key: str,
        action: str,
        actor: Actor,
        now: dt.datetime,
        *,
        note: str | None = None,
        at: dt.datetime | None = None,
        undo_of: int | None = None,
        location: str | None = None,
        exception: RuleException | None = None,
        decide: Decide | None = None,
    ) -> TickEvent | TickNote:
        """Append one event for `key`; `action` "note" appends a note instead.

        With `decide`, the rule check happens inside the write transaction: it is given
        the key's deciding event as it stands now (no other writer can change it before
        the commit) and returns the action and rule exception to record, or raises to
        refuse (nothing is written).
        """
        with immediate(self.db):
            if decide is not None:
                action, exception = decide(self.latest(key))
            if action == "note":
                return self._insert_note(key, actor, now, note, location, None)
            return self._insert_tick(
                key, action, actor, now, note, at, undo_of, location, exception
            )

    def _insert_note(
        self,
        key: str,
        actor: Actor,
        now: dt.datetime,
        text: str | None,
        location: str | None,
        undo_of: int | None,
    ) -> TickNote:
        after = self.db.execute("SELECT coalesce(max(id), 0) FROM tick_events").fetchone()[0]
        cursor = self.db.execute(
            "INSERT INTO tick_notes (key, user, login, at, note, location, after_tick, undo_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [key, actor.name, actor.login, now.isoformat(), text, location, after, undo_of],
        )
        row = self._one("SELECT * FROM tick_notes WHERE id = ?", [cursor.lastrowid])
        return self._note(row)  # type: ignore[arg-type]

    def notes(self, key: str | None = None) -> list[TickNote]:
        """Every row of the note log (of `key`), oldest first, undo rows included."""
        sql = "SELECT * FROM tick_notes"
        params: list[Any] = []
        if key is not None:
            sql += " WHERE key = ?"
            params.append(key)
        cursor = self.db.execute(sql + " ORDER BY id", params)
        columns = [c[0] for c in cursor.description]
        return [self._note(dict(zip(columns, row, strict=True))) for row in cursor]

    def _insert_tick(
        self, key, action, actor, now, note, at, undo_of, location=None, exception=None
    ) -> TickEvent:
        cursor = self.db.execute(
            "INSERT INTO tick_events"
            " (key, action, user, login, at, recorded_at, note, undo_of, location, exception)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key,
                action,
                actor.name,
                actor.login,
                (at or now).isoformat(),
                now.isoformat(),
                note,
                undo_of,
                location,
                json.dumps(exception.to_json(), ensure_ascii=False) if exception else None,
            ],
        )
        return self._tick(self._one("SELECT * FROM tick_events WHERE id = ?", [cursor.lastrowid]))

    def record_many(self, entries: list[tuple[str, str, Actor, dt.datetime, str | None]]) -> None:
        """Append (key, action, actor, at, note) entries in one transaction: demo and imports."""
        with immediate(self.db):
            for key, action, actor, at, note in entries:
                self._insert_tick(key, action, actor, at, note, None, None)

    def latest(self, key: str) -> TickEvent | None:
        row = self._one("SELECT * FROM tick_events WHERE key = ? ORDER BY id DESC LIMIT 1", [key])
        return self._tick(row) if row else None

    def tick_state(self) -> dict[str, TickEvent]:
        """The deciding (latest) event of every key ever touched."""
        rows = self.db.execute(
            "SELECT * FROM tick_events WHERE id IN (SELECT max(id) FROM tick_events GROUP BY key)"
        )
        return {event.key: event for event in map(self._tick_from_tuple(rows), rows)}

    def history(self, key: str | None = None) -> list[TickEvent]:
        sql = "SELECT * FROM tick_events"
        params: list[Any] = []
        if key is not None:
            sql += " WHERE key = ?"
            params.append(key)
        cursor = self.db.execute(sql + " ORDER BY id", params)
        return [self._tick_from_tuple(cursor)(row) for row in cursor]

    def undo_last(
        self, actor: Actor, now: dt.datetime
    ) -> tuple[TickEvent | TickNote, TickEvent | TickNote] | None:
        """Undo `actor`'s latest change not yet undone; return (undone, new event).

        Like an editor's undo: each call goes one step further back through the actor's own
        changes. A change someone else has changed since is no longer the actor's to undo
        and is passed over. The undo is itself an event, so the log keeps both. A note is
        a change of its author's too: its undo hides that note and nothing else.
        """
        with immediate(self.db):
            cursor = self.db.execute(
                "SELECT * FROM tick_events t WHERE login = ? AND user = ? AND undo_of IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM tick_events u WHERE u.undo_of = t.id)"
                " AND NOT EXISTS (SELECT 1 FROM tick_events o WHERE o.key = t.key"
                "  AND o.id > t.id AND (o.login != t.login OR o.user != t.user))"
                " ORDER BY id DESC LIMIT 1",
                [actor.login, actor.name],
            )
            row = cursor.fetchone()
            own = self._tick_from_tuple(cursor)(row) if row is not None else None
            note_row = self._one(
                "SELECT * FROM tick_notes n WHERE login = ? AND user = ? AND undo_of IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM tick_notes u WHERE u.undo_of = n.id)"
                " ORDER BY id DESC LIMIT 1",
                [actor.login, actor.name],
            )
            note = self._note(note_row) if note_row else None
            if note is not None and (own is None or note.after_tick >= own.id):
                hidden = self._insert_note(note.key, actor, now, None, note.location, note.id)
                return note, hidden
            if own is None:
                return None
            before_row = self._one(
                "SELECT * FROM tick_events WHERE key = ? AND id < ? ORDER BY id DESC LIMIT 1",
                [own.key, own.id],
            )
            before = self._tick(before_row) if before_row else None
            kept = before.note if before else None
            event = self._insert_tick(
                own.key, undo_action(own, before), actor, now, kept, None, own.id
            )
            return own, event

    # -- helpers ---------------------------------------------------------------

    def _one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        cursor = self.db.execute(sql, params or [])
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cursor.description], row, strict=True))

    @staticmethod
    def _tick(row: dict[str, Any]) -> TickEvent:
        return TickEvent(
            id=row["id"],
            key=row["key"],
            action=row["action"],
            actor=Actor(row["user"], row["login"]),
            at=dt.datetime.fromisoformat(row["at"]),
            recorded_at=dt.datetime.fromisoformat(row["recorded_at"]),
            note=row["note"],
            undo_of=row["undo_of"],
            location=row.get("location"),
            exception=_exception(row.get("exception")),
        )

    @staticmethod
    def _note(row: dict[str, Any]) -> TickNote:
        return TickNote(
            id=row["id"],
            key=row["key"],
            actor=Actor(row["user"], row["login"]),
            at=dt.datetime.fromisoformat(row["at"]),
            text=row["note"],
            location=row["location"],
            after_tick=row["after_tick"],
            undo_of=row["undo_of"],
        )

    @classmethod
    def _tick_from_tuple(cls, cursor):
        columns = [c[0] for c in cursor.description]
        return lambda row: cls._tick(dict(zip(columns, row, strict=True)))


def _exception(text: str | None) -> RuleException | None:
    if not text:
        return None
    data = json.loads(text)
    return RuleException(data["rule"], data["reason"], data.get("value"), data["threshold"])
