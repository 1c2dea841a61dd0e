"""Sessions (training, office hours): an append-only event log and its projection.

Every change is a `session_events` row (planned, moved, cancelled, held) with its fields
as JSON; `sessions` holds each session as it stands, rewritten in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from launchtui.domain.rollout import Actor
from launchtui.domain.sessions import MAX_MINUTES, Session, zone
from launchtui.store.database import Database, immediate

_COLUMNS = (
    "id, phase, location, kind, start_local, tz, minutes, host, place, status, attended,"
    " revision, created_by, created_at"
)
_INSERT_SESSION = (
    "INSERT INTO sessions (id, phase, location, kind, start_local, tz, start_utc, minutes,"
    " host, place, status, attended, created_by, created_login, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVENT = (
    "INSERT INTO session_events (session_id, kind, user, login, at, changes)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
# Called inside the write transaction with the sessions as they stand: raises to refuse.
Check = Callable[[list["Session"]], None]
# Reads, inside a change's transaction, the live sessions a given one could overlap.
Around = Callable[["Session"], list["Session"]]
_MARGIN = dt.timedelta(days=1)  # see `SessionLog.around`


class SessionLog:
    def __init__(self, db: Database):
        self.db = db

    def add(
        self,
        sessions: Sequence[Session],
        actor: Actor,
        now: dt.datetime,
        check: Check | None = None,
    ) -> list[Session]:
        """Save new sessions in one transaction; `check` sees the saved ones first.

        Their numbers are given here, inside the write transaction (no other writer can
        take them; sessions are never deleted, so none is reused), and the rows go in
        with two `executemany`: a whole year's plan is one statement per table, not two
        per session."""
        with immediate(self.db):
            if check is not None:
                check(self.all())
            first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM sessions").fetchone()[0]
            stamp = now.isoformat()
            saved = [
                replace(s, id=first + n, created_by=actor.name, created_at=now)
                for n, s in enumerate(sessions)
            ]
            conn = self.db.conn
            conn.executemany(_INSERT_SESSION, [_row(s, actor, stamp) for s in saved])
            conn.executemany(
                _INSERT_EVENT,
                [[s.id, "planned", actor.name, actor.login, stamp, _planned(s)] for s in saved],
            )
            return saved

    def change(
        self,
        session_id: int,
        kind: str,
        apply: Callable[[Session, Around], Session],
        actor: Actor,
        now: dt.datetime,
    ) -> Session | None:
        """Record a change (moved, cancelled, held) of one session: `apply` is given it as
        it stands inside the transaction and `around`, which reads the live sessions a
        given one could overlap (only a move needs them), and returns it changed (or
        raises to refuse). None: no such session."""
        with immediate(self.db):
            current = self.get(session_id)
            if current is None:
                return None
            changed = apply(current, self.around)
            fields = _diff(current, changed)
            self.db.execute(
                "UPDATE sessions SET start_local = ?, tz = ?, start_utc = ?, minutes = ?,"
                " host = ?, place = ?, status = ?, attended = ?, revision = revision + 1,"
                " updated_at = ? WHERE id = ?",
                [
                    _local(changed.start),
                    changed.tz,
                    changed.start_utc.isoformat(),
                    changed.minutes,
                    changed.host,
                    changed.place,
                    changed.status,
                    changed.attended,
                    now.isoformat(),
                    session_id,
                ],
            )
            self._event(session_id, kind, actor, now, fields)
            return self.get(session_id)

    def around(self, session: Session) -> list[Session]:
        """The live sessions (planned or held) that could overlap `session`, in start
        order; the caller compares the instants (`Session.overlaps`).

        Read by the `sessions_start` index: those starting before it ends and at most the
        longest session (`MAX_MINUTES`, which every write checks) before it starts, with
        a day's margin either side, so the text comparison of the stored UTC times never
        decides: only the instants do."""
        start = session.start_utc - dt.timedelta(minutes=MAX_MINUTES) - _MARGIN
        end = session.end.astimezone(dt.UTC) + _MARGIN
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE start_utc >= ? AND start_utc < ?"
            " AND status != 'cancelled' ORDER BY start_utc, id",
            [start.isoformat(), end.isoformat()],
        )
        return [_session(row) for row in rows]

    def get(self, session_id: int) -> Session | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        return _session(row) if row else None

    def all(self) -> list[Session]:
        """Every session, cancelled ones too, in start order."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM sessions ORDER BY start_utc, id")
        return [_session(row) for row in rows]

    def next_planned(self, now: dt.datetime) -> Session | None:
        """The first planned session starting at or after `now` (one indexed row)."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE status = 'planned' AND start_utc >= ?"
            " ORDER BY start_utc, id LIMIT 1",
            [now.astimezone(dt.UTC).isoformat()],
        ).fetchone()
        return _session(row) if row else None

    def training_attendance(self) -> dict[int, int] | None:
        """How many attended the held trainings, per phase with a training not cancelled
        (0 where none is held yet); None when no training is planned at all. Summed here,
        as `launchtui.domain.sessions.held_attendance` sums sessions: the gate's training
        figure needs no session loaded."""
        rows = self.db.execute(
            "SELECT phase, coalesce(sum(CASE WHEN status = 'held' THEN attended END), 0)"
            " FROM sessions WHERE kind = 'training' AND status != 'cancelled' GROUP BY phase"
        ).fetchall()
        return {phase: attended for phase, attended in rows} if rows else None

    def revisions(self) -> dict[int, int]:
        """How often each session changed since it was planned: the calendar's SEQUENCE."""
        return dict(self.db.execute("SELECT id, revision FROM sessions").fetchall())

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def rollout_key(self) -> str:
        """A short, stable name of this rollout: from its first record, so it survives a
        moved launch date and differs between two databases (the calendar's UIDs)."""
        row = self.db.execute(
            "SELECT at, tool, login FROM rollout_events ORDER BY id LIMIT 1"
        ).fetchone()
        text = "|".join(str(v) for v in row) if row else "none"
        import hashlib  # only the calendar export needs the key

        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def _event(
        self, session_id: int, kind: str, actor: Actor, now: dt.datetime, fields: dict[str, Any]
    ) -> None:
        self.db.execute(
            _INSERT_EVENT,
            [
                session_id,
                kind,
                actor.name,
                actor.login,
                now.isoformat(),
                json.dumps(fields, ensure_ascii=False),
            ],
        )


def _row(s: Session, actor: Actor, stamp: str) -> list[Any]:
    return [
        s.id,
        s.phase,
        s.location,
        s.kind,
        _local(s.start),
        s.tz,
        s.start_utc.isoformat(),
        s.minutes,
        s.host,
        s.place,
        s.status,
        s.attended,
        actor.name,
        actor.login,
        stamp,
        stamp,
    ]


def _planned(s: Session) -> str:
    """The 'planned' event's fields: the session as first saved."""
    fields = _fields(s)
    return json.dumps({name: fields[name] for name in _PLANNED}, ensure_ascii=False)


def _local(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(timespec="minutes")


def _diff(before: Session, after: Session) -> dict[str, Any]:
    """The changed fields (`_CHANGEABLE`) with their new values: a change event's fields."""
    old, new = _fields(before), _fields(after)
    return {name: new[name] for name in _CHANGEABLE if old[name] != new[name]}


def _fields(s: Session) -> dict[str, Any]:
    """A session's fields as its events record them: the one list of them."""
    return {
        "phase": s.phase,
        "location": s.location,
        "kind": s.kind,
        "start": _local(s.start),
        "tz": s.tz,
        "minutes": s.minutes,
        "host": s.host,
        "place": s.place,
        "status": s.status,
        "attended": s.attended,
    }


_PLANNED = ("phase", "location", "kind", "start", "tz", "minutes", "host", "place")
_CHANGEABLE = ("start", "tz", "minutes", "host", "place", "status", "attended")


def _session(row: Iterable[Any]) -> Session:
    (
        sid,
        phase,
        location,
        kind,
        start,
        tz,
        minutes,
        host,
        place,
        status,
        attended,
        _rev,
        by,
        at,
    ) = row
    return Session(
        phase=phase,
        location=location,
        kind=kind,
        start=dt.datetime.fromisoformat(start).replace(tzinfo=zone(tz)),
        minutes=minutes,
        host=host,
        place=place,
        status=status,
        attended=attended,
        id=sid,
        created_by=by,
        created_at=dt.datetime.fromisoformat(at),
    )
