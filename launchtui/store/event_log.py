"""The common part of the issue log and the retro log: an append-only table of events.

Both tables have the same columns (id, the subject's id, kind, user, login, at, changes
as JSON); appending one and reading them back is the same code for both, here. The
projections (`issues`, `retro_notes`) stay with their logs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import Any, Generic, TypeVar

from launchtui.domain.events import Event
from launchtui.domain.rollout import Actor
from launchtui.store.database import Database
from launchtui.text.times import aware_utc

E = TypeVar("E", bound=Event)


class EventTable(Generic[E]):
    """The events of one log: `table` holds rows of `event_type` (whose `SUBJECT` names the
    subject's column)."""

    def __init__(self, table: str, event_type: type[E]):
        self.table = table
        self.event_type = event_type
        self.subject = event_type.SUBJECT
        self.columns = f"id, {self.subject}, kind, user, login, at, changes"
        self.select = f"SELECT {self.columns} FROM {table}"
        self.insert = (
            f"INSERT INTO {table} ({self.subject}, kind, user, login, at, changes)"
            " VALUES (?, ?, ?, ?, ?, ?)"
        )

    def append(
        self,
        db: Database,
        subject_id: int,
        kind: str,
        changes: Mapping[str, Any],
        actor: Actor,
        now: dt.datetime,
    ) -> E:
        """Append one event (inside the caller's write transaction) and return it."""
        at = aware_utc(now)
        cursor = db.execute(
            self.insert,
            [
                subject_id,
                kind,
                actor.name,
                actor.login,
                at.isoformat(),
                json.dumps(dict(changes), ensure_ascii=False),
            ],
        )
        return self.event_type(cursor.lastrowid, subject_id, kind, actor, at, dict(changes))

    def event(self, row: tuple[Any, ...]) -> E:
        """The event of a row read with `select`."""
        event_id, subject_id, kind, user, login, at, changes = row
        return self.event_type(
            event_id,
            subject_id,
            kind,
            Actor(user, login),
            dt.datetime.fromisoformat(at),
            json.loads(changes),
        )

    def of(self, db: Database, subject_id: int) -> list[E]:
        """The events of one subject, oldest first."""
        cursor = db.execute(f"{self.select} WHERE {self.subject} = ? ORDER BY id", [subject_id])
        return [self.event(row) for row in cursor]

    def by_subject(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, list[E]]]:
        """Rows ordered by subject, then id, as (subject id, its events)."""
        for subject_id, group in groupby(rows, key=lambda row: row[1]):
            yield subject_id, [self.event(row) for row in group]
