"""Adoption figures, gate overrides and edited phase plans: three append-only logs.

Nothing here is ever updated or deleted (triggers refuse both):

- `figures`: one row per recorded set of figures; a correction is a newer row, and the
  gate counts the latest per group. A `metrics import` writes its rows in many short
  transactions (`FigureImport`), so that others' writes get in between; they carry the
  import's id and are shown only once its last transaction marks it saved. The rows of an
  import that never got there are never shown, and are the only rows ever deleted.
- `gate_overrides`: hold / go decisions with their reason, and `lift` rows ending them;
  the override that stands is the latest row unless that row is a lift.
- `phase_plans`: snapshots of the edited phase plan as JSON; the latest is the plan.
- `phase_decisions`: go / hold / stop before a phase's group starts, with the evidence.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
from collections.abc import Iterable
from dataclasses import asdict, replace
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from launchtui.domain.decisions import Decision, already_decided, already_decided_message
from launchtui.domain.metrics import FIGURE_FIELDS, Figures
from launchtui.domain.overrides import (
    HISTORY_KINDS,
    Override,
    new_lift,
    new_override,
    standing_override,
)
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.domain.rollout import Actor
from launchtui.store.database import Database, StoreError, immediate
from launchtui.store.driver import sqlite3
from launchtui.text.i18n import t
from launchtui.text.times import aware_utc

_FIGURE_COLUMNS = ("id", "phase", "date", *FIGURE_FIELDS, "user", "login", "recorded_at")
_FIGURE_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _FIGURE_COLUMNS) + " FROM figures"
_FIGURE_INSERT = (
    "INSERT INTO figures ("
    + ", ".join(f'"{c}"' for c in _FIGURE_COLUMNS[1:])
    + ") VALUES ("
    + ", ".join("?" * (len(_FIGURE_COLUMNS) - 1))
    + ")"
)
_PHASE_KEYS = ("number", "name", "group", "share", "start", "end", "decommission")
# Figures shown: recorded one by one, or of an import that was saved complete.
_SHOWN = (
    "(import_id IS NULL OR import_id IN"
    " (SELECT import_id FROM figure_import_ends WHERE outcome = 'saved'))"
)

# An import's rows per transaction. Measured importing 1,000,000 rows (pysqlite3 3.53, WAL,
# synchronous=FULL, a busy 2-CPU machine): a 5,000-row transaction held the write lock 26 ms
# (median), 47 ms (p90), 78 ms at most, commit and WAL checkpoints included: well under the
# 100 ms another writer should ever wait for it; smaller batches only add commits.
IMPORT_BATCH_ROWS = 5_000
# The write lock stays free between an import's transactions at least this long, and at
# least as long as the last one held it: a writer kept waiting polls every 1-25 ms in its
# first 100 ms (SQLite's busy handler), so it gets in during the first pause.
IMPORT_PAUSE_S = 0.025
# An import without an end this much older than the clock died (killed, power lost): the
# next import removes its rows. (A million rows take seconds; none runs for a day.)
IMPORT_DEAD_AFTER = dt.timedelta(days=1)


def wall_clock() -> dt.datetime:
    """The real time (not --today's): how old an import is, whatever anyone pretends."""
    return dt.datetime.now(dt.UTC)


# Where each figure stands in a `Figures` tuple: the import reads a million rows by index.
_FIGURE_AT = tuple((name, Figures._fields.index(name)) for name in FIGURE_FIELDS)


class PlanRevision(NamedTuple):
    """One saved version of the phase plan: who changed it, when and why."""

    id: int
    plan: PhasePlan
    reason: str | None
    actor: Actor
    at: dt.datetime


class AdoptionLog:
    """Figures, overrides and plan snapshots of one database connection (`Store.adoption`)."""

    def __init__(self, db: Database):
        self.db = db

    # -- figures ---------------------------------------------------------------

    def record(self, figures: Figures, actor: Actor, now: dt.datetime) -> Figures:
        """Append one set of figures (already validated); return it with id and recorder."""
        with immediate(self.db):
            return self._insert(figures, actor, now)

    def record_many(
        self, figures: Iterable[Figures], actor: Actor, now: dt.datetime
    ) -> list[Figures]:
        """Append many sets of figures in one transaction: all or none. For a few only:
        a large import holds the write lock too long this way (`start_import`)."""
        with immediate(self.db):
            return [self._insert(f, actor, now) for f in figures]

    def start_import(
        self,
        source: str,
        actor: Actor,
        now: dt.datetime,
        *,
        batch_rows: int = IMPORT_BATCH_ROWS,
    ) -> FigureImport:
        """Begin importing figures (already validated) from `source` (a file name), recorded
        by `actor` at `now`: add them with `FigureImport.add`, then `finish` (shown from
        then on) or `abandon`. Removes first what imports that died long ago wrote."""
        self.remove_dead_imports()
        return FigureImport(self.db, source, actor, now, batch_rows)

    def remove_dead_imports(self) -> None:
        """Abandon imports that never ended and began `IMPORT_DEAD_AFTER` ago, and remove
        the rows of abandoned imports (one interrupted while removing them, too)."""
        cutoff = (wall_clock() - IMPORT_DEAD_AFTER).isoformat()
        dead = self.db.execute(
            "SELECT i.id FROM figure_imports i"
            " LEFT JOIN figure_import_ends e ON e.import_id = i.id"
            " WHERE (e.import_id IS NULL AND i.started_at < ?)"
            " OR (e.outcome = 'abandoned'"
            " AND EXISTS (SELECT 1 FROM figures f WHERE f.import_id = i.id))"
            " ORDER BY i.id",
            [cutoff],
        ).fetchall()
        for (import_id,) in dead:
            _abandon(self.db, import_id)

    def _insert(self, figures: Figures, actor: Actor, now: dt.datetime) -> Figures:
        stamp = aware_utc(now)
        cursor = self.db.execute(
            _FIGURE_INSERT,
            [
                figures.phase,
                figures.date.isoformat(),
                *(getattr(figures, name) for name in FIGURE_FIELDS),
                actor.name,
                actor.login,
                stamp.isoformat(),
            ],
        )
        return Figures(
            **{name: getattr(figures, name) for name in ("phase", "date", *FIGURE_FIELDS)},
            recorded_by=actor,
            recorded_at=stamp,
            id=cursor.lastrowid,
        )

    def figures(self, phase: int | None = None) -> list[Figures]:
        """Every recorded set of figures (of one phase), ordered by date, then as recorded."""
        sql, params = f"{_FIGURE_SELECT} WHERE {_SHOWN}", []
        if phase is not None:
            sql += " AND phase = ?"
            params.append(phase)
        rows = self.db.execute(sql + " ORDER BY date, id", params).fetchall()
        return [_figures(row) for row in rows]

    # -- overrides -------------------------------------------------------------

    def set_override(self, kind: str, reason: str, actor: Actor, now: dt.datetime) -> Override:
        """Hold the rollout, or go despite the gate; a reason is required (ValueError)."""
        override = new_override(kind, reason, actor, aware_utc(now))
        with immediate(self.db):
            self._append_override(override)
        return override

    def lift_override(self, actor: Actor, now: dt.datetime, reason: str | None) -> Override:
        """End the override that stands, with a reason; ValueError when none stands or the
        reason is missing. Returns the lift entry."""
        lift = new_lift(reason, actor, aware_utc(now))
        with immediate(self.db):
            if self.override() is None:
                raise ValueError(t("no hold or go stands; there is nothing to lift"))
            self._append_override(lift)
        return lift

    def _append_override(self, entry: Override) -> None:
        self.db.execute(
            "INSERT INTO gate_overrides (kind, reason, user, login, at) VALUES (?, ?, ?, ?, ?)",
            [entry.kind, entry.reason, entry.actor.name, entry.actor.login, entry.at.isoformat()],
        )

    def override(self) -> Override | None:
        """The hold or go that stands: the latest entry, unless it is a lift."""
        row = self.db.execute(
            "SELECT kind, reason, user, login, at FROM gate_overrides ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return standing_override([_override(row)]) if row else None

    def override_history(self) -> list[Override]:
        """Every hold, go and lift, oldest first."""
        rows = self.db.execute(
            "SELECT kind, reason, user, login, at FROM gate_overrides ORDER BY id"
        ).fetchall()
        return [_override(row) for row in rows]

    # -- decisions -------------------------------------------------------------

    def decide(self, decision: Decision) -> Decision:
        """Append a decision (already validated); ValueError when the phase was settled
        meanwhile by someone else's go or stop. Decided inside the write transaction."""
        with immediate(self.db):
            settled = already_decided(self.decisions(decision.phase), decision.phase)
            if settled is not None:
                raise ValueError(already_decided_message(settled, decision.on))
            evidence = {"criteria": list(decision.evidence), "open_issues": decision.open_issues}
            cursor = self.db.execute(
                "INSERT INTO phase_decisions (phase, decision, reason, user, login, at,"
                " decided_on, gate_state, against_gate, evidence_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    decision.phase,
                    decision.decision,
                    decision.reason,
                    decision.actor.name,
                    decision.actor.login,
                    aware_utc(decision.at).isoformat(),
                    decision.on.isoformat(),
                    decision.gate_state,
                    int(decision.against_gate),
                    json.dumps(evidence, ensure_ascii=False),
                ],
            )
        return replace(decision, id=cursor.lastrowid, at=aware_utc(decision.at))

    def decisions(self, phase: int | None = None) -> list[Decision]:
        """Every decision (of one phase), oldest first."""
        sql = (
            "SELECT id, phase, decision, reason, user, login, at, decided_on, gate_state,"
            " against_gate, evidence_json FROM phase_decisions"
        )
        params: list[Any] = []
        if phase is not None:
            sql += " WHERE phase = ?"
            params.append(phase)
        rows = self.db.execute(sql + " ORDER BY id", params).fetchall()
        return [_decision(row) for row in rows]

    # -- phase plans -----------------------------------------------------------

    def save_plan(
        self, plan: PhasePlan, reason: str | None, actor: Actor, now: dt.datetime
    ) -> PlanRevision:
        """Keep an edited plan as the new current one; earlier versions stay."""
        with immediate(self.db):
            return self.append_plan(plan, reason, actor, now)

    def append_plan(
        self, plan: PhasePlan, reason: str | None, actor: Actor, now: dt.datetime
    ) -> PlanRevision:
        """Append a plan inside the caller's write transaction (`immediate`), so that it
        lands together with what else that transaction writes (a new rollout, say)."""
        _check_plan(plan)
        at = aware_utc(now)
        text = (reason or "").strip() or None
        cursor = self.db.execute(
            "INSERT INTO phase_plans (plan_json, reason, user, login, at) VALUES (?, ?, ?, ?, ?)",
            [plan_to_json(plan), text, actor.name, actor.login, at.isoformat()],
        )
        return PlanRevision(cursor.lastrowid, plan, text, actor, at)

    def plan(self) -> PhasePlan | None:
        """The latest saved plan; None when the plan was never edited."""
        row = self.db.execute(
            "SELECT plan_json FROM phase_plans ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return plan_from_json(row[0]) if row else None

    def plan_history(self) -> list[PlanRevision]:
        """Every saved version of the plan, oldest first."""
        rows = self.db.execute(
            "SELECT id, plan_json, reason, user, login, at FROM phase_plans ORDER BY id"
        ).fetchall()
        return [
            PlanRevision(
                id=row[0],
                plan=plan_from_json(row[1]),
                reason=row[2],
                actor=Actor(row[3], row[4]),
                at=dt.datetime.fromisoformat(row[5]),
            )
            for row in rows
        ]


# -- imports -------------------------------------------------------------------


class FigureImport:
    """One import being written: its rows go in batches of `batch_rows`, each batch its
    own short transaction, with a pause between them so that others' writes get in. They
    are shown only once `finish` has marked the import saved, in the same transaction as
    the last rows; until then, and for ever if it never gets there, nobody sees them.

    A failure while writing (a `StoreError`: disk full, busy, read-only) or an interrupt
    leaves the import unfinished; call `abandon` to mark it so and remove its rows.
    """

    def __init__(self, db: Database, source: str, actor: Actor, now: dt.datetime, batch_rows: int):
        self.db = db
        self.source = source
        self.actor = actor
        self.batch_rows = max(1, int(batch_rows))
        self.id: int | None = None  # made with the first batch
        self.written = 0  # rows committed so far (shown only once finished)
        self._recorded = (actor.name, actor.login, aware_utc(now).isoformat())
        self._pending: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
        self._held = 0.0  # how long the last transaction held the write lock
        self._freed: float | None = None  # when it let go of it (perf_counter)

    def add(self, figures: Figures) -> bool:  # once per imported row: kept lean
        """Queue one set of figures; True when that filled a batch, now committed."""
        names: list[str] = []
        values = [figures.phase, figures.date.isoformat()]
        for name, at in _FIGURE_AT:
            value = figures[at]
            if value is not None:
                names.append(name)
                values.append(value)
        values += self._recorded
        self._pending.append((tuple(names), tuple(values)))
        if len(self._pending) < self.batch_rows:
            return False
        rows, self._pending = self._pending, []
        self._write(rows, final=False)
        return True

    def finish(self) -> int:
        """Commit the rest and mark the import saved, in one transaction: from then on its
        rows are shown, all of them. Returns how many rows it saved (0: none to save)."""
        rows, self._pending = self._pending, []
        if self.id is None and not rows:
            return 0
        self._write(rows, final=True)
        return self.written

    def abandon(self) -> int | None:
        """Give the import up: it is marked abandoned, never shown, and what it wrote is
        removed as far as the database lets (a full disk may not: its rows stay hidden, and
        a later import removes them). None, or, when its last transaction had in fact
        committed before the failure, the rows it saved (nothing is undone then)."""
        self._pending = []
        if self.id is None:
            return None
        try:
            return _abandon(self.db, self.id)
        except (StoreError, sqlite3.Error, KeyboardInterrupt):
            return None  # not marked, or rows left: hidden all the same

    def _write(self, rows: list[tuple[tuple[str, ...], tuple[Any, ...]]], *, final: bool) -> None:
        """One transaction: the import's row first (with the first batch), `rows` in file
        order, and with the last batch its end, `saved`. Each run of rows with the same
        figures present goes in one `executemany` (no None is bound: that is slow)."""
        self._pause()
        import_id = self.id
        with immediate(self.db):
            began = time.perf_counter()
            if import_id is None:
                import_id = self.db.execute(
                    "INSERT INTO figure_imports (source, user, login, started_at)"
                    " VALUES (?, ?, ?, ?)",
                    [self.source, self.actor.name, self.actor.login, wall_clock().isoformat()],
                ).lastrowid
            for names, run in groupby(rows, key=itemgetter(0)):
                self.db.conn.executemany(
                    _import_insert(names, import_id), [values for _, values in run]
                )
            if final:
                self.db.execute(
                    "INSERT INTO figure_import_ends (import_id, outcome, rows, at)"
                    " VALUES (?, 'saved', ?, ?)",
                    [import_id, self.written + len(rows), wall_clock().isoformat()],
                )
        self.id = import_id
        self.written += len(rows)
        self._freed = time.perf_counter()
        self._held = self._freed - began

    def _pause(self) -> None:
        """Leave the write lock free a moment after the last batch (see `IMPORT_PAUSE_S`);
        reading and checking the next rows usually took that long already."""
        if self._freed is None:
            return
        left = max(IMPORT_PAUSE_S, self._held) - (time.perf_counter() - self._freed)
        if left > 0:
            time.sleep(left)


@functools.lru_cache(maxsize=256)
def _import_insert(names: tuple[str, ...], import_id: int) -> str:
    columns = ("phase", "date", *names, "user", "login", "recorded_at")
    return (
        "INSERT INTO figures ("
        + ", ".join(f'"{c}"' for c in columns)
        + ", import_id) VALUES ("
        + ", ".join("?" * len(columns))
        + f", {int(import_id)})"
    )


def _abandon(db: Database, import_id: int) -> int | None:
    """Mark an import abandoned (unless it ended already) and delete its rows, a batch per
    transaction. None; or, when it had been saved, the rows it saved (nothing is done)."""
    with immediate(db):
        ended = db.execute(
            "SELECT outcome, rows FROM figure_import_ends WHERE import_id = ?", [import_id]
        ).fetchone()
        if ended is None:
            db.execute(
                "INSERT INTO figure_import_ends (import_id, outcome, rows, at)"
                " VALUES (?, 'abandoned', 0, ?)",
                [import_id, wall_clock().isoformat()],
            )
    if ended is not None and ended[0] == "saved":
        return int(ended[1])
    while True:
        began = time.perf_counter()
        with immediate(db):
            deleted = db.execute(
                "DELETE FROM figures WHERE id IN"
                " (SELECT id FROM figures WHERE import_id = ? LIMIT ?)",
                [import_id, IMPORT_BATCH_ROWS],
            ).rowcount
        if deleted < IMPORT_BATCH_ROWS:
            return None
        time.sleep(max(IMPORT_PAUSE_S, time.perf_counter() - began))


# -- plans as JSON -------------------------------------------------------------


def plan_to_json(plan: PhasePlan) -> str:
    return json.dumps(
        {"template": plan.template, "phases": [asdict(p) for p in plan.phases]},
        ensure_ascii=False,
        sort_keys=True,
    )


def plan_from_json(text: str) -> PhasePlan:
    try:
        data = json.loads(text)
        phases = tuple(
            Phase(
                number=int(p["number"]),
                name=str(p["name"]),
                group=str(p["group"]),
                share=int(p["share"]),
                start=int(p["start"]),
                end=int(p["end"]),
                decommission=bool(p.get("decommission", False)),
                location=p.get("location"),
            )
            for p in data["phases"]
        )
        return PhasePlan(str(data["template"]), phases)
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"a saved phase plan cannot be read ({exc}); the database is damaged"
        ) from None


def _check_plan(plan: PhasePlan) -> None:
    if not plan.phases:
        raise ValueError("a phase plan needs at least one phase")
    numbers = [p.number for p in plan.phases]
    if len(set(numbers)) != len(numbers):
        raise ValueError("phase numbers must be unique")
    for p in plan.phases:
        if p.end < p.start:
            raise ValueError(
                f"phase {p.number} ends (day {p.end}) before it starts (day {p.start})"
            )
        if not p.name.strip() or not p.group.strip():
            raise ValueError(f"phase {p.number} needs a name and a group")


# -- rows ----------------------------------------------------------------------


def _figures(row: tuple[Any, ...]) -> Figures:
    values = dict(zip(_FIGURE_COLUMNS, row, strict=True))
    return Figures(
        phase=values["phase"],
        date=dt.date.fromisoformat(values["date"]),
        **{name: values[name] for name in FIGURE_FIELDS},
        recorded_by=Actor(values["user"], values["login"]),
        recorded_at=dt.datetime.fromisoformat(values["recorded_at"]),
        id=values["id"],
    )


def _decision(row: tuple[Any, ...]) -> Decision:
    id_, phase, decision, reason, user, login, at, on, state, against, evidence = row
    data = json.loads(evidence)
    return Decision(
        phase=phase,
        decision=decision,
        reason=reason,
        actor=Actor(user, login),
        at=dt.datetime.fromisoformat(at),
        on=dt.date.fromisoformat(on),
        gate_state=state,
        against_gate=bool(against),
        evidence=tuple(data.get("criteria", ())),
        open_issues=data.get("open_issues", {}),
        id=id_,
    )


def _override(row: tuple[Any, ...]) -> Override:
    kind, reason, user, login, at = row
    if kind not in HISTORY_KINDS:
        raise StoreError(f"unknown gate override kind {kind!r}; the database is damaged")
    return Override(kind, reason, Actor(user, login), dt.datetime.fromisoformat(at))
