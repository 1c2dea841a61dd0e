"""Adoption figures, gate overrides and edited phase plans: three append-only logs.

Nothing here is ever updated or deleted (triggers refuse both):

- `figures`: one row per recorded set of figures; a correction is a newer row, and the
  gate counts the latest per group.
- `gate_overrides`: hold / go decisions with their reason, and `lift` rows ending them;
  the override that stands is the latest row unless that row is a lift.
- `phase_plans`: snapshots of the edited phase plan as JSON; the latest is the plan.
- `phase_decisions`: go / hold / stop before a phase's group starts, with the evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

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
from launchtui.i18n import t
from launchtui.store.database import Database, StoreError, immediate

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


@dataclass(frozen=True)
class PlanRevision:
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
        """Append many sets of figures in one transaction (an import): all or none."""
        with immediate(self.db):
            return [self._insert(f, actor, now) for f in figures]

    def _insert(self, figures: Figures, actor: Actor, now: dt.datetime) -> Figures:
        stamp = _utc(now)
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
        sql, params = _FIGURE_SELECT, []
        if phase is not None:
            sql += " WHERE phase = ?"
            params.append(phase)
        rows = self.db.execute(sql + " ORDER BY date, id", params).fetchall()
        return [_figures(row) for row in rows]

    # -- overrides -------------------------------------------------------------

    def set_override(self, kind: str, reason: str, actor: Actor, now: dt.datetime) -> Override:
        """Hold the rollout, or go despite the gate; a reason is required (ValueError)."""
        override = new_override(kind, reason, actor, _utc(now))
        with immediate(self.db):
            self._append_override(override)
        return override

    def lift_override(self, actor: Actor, now: dt.datetime, reason: str | None) -> Override:
        """End the override that stands, with a reason; ValueError when none stands or the
        reason is missing. Returns the lift entry."""
        lift = new_lift(reason, actor, _utc(now))
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
                raise ValueError(already_decided_message(settled))
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
                    _utc(decision.at).isoformat(),
                    decision.on.isoformat(),
                    decision.gate_state,
                    int(decision.against_gate),
                    json.dumps(evidence, ensure_ascii=False),
                ],
            )
        return replace(decision, id=cursor.lastrowid, at=_utc(decision.at))

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
        _check_plan(plan)
        at = _utc(now)
        text = (reason or "").strip() or None
        with immediate(self.db):
            cursor = self.db.execute(
                "INSERT INTO phase_plans (plan_json, reason, user, login, at)"
                " VALUES (?, ?, ?, ?, ?)",
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


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be aware datetimes")
    return moment.astimezone(dt.UTC)
